/*
 * train-ner.c - mekong train-ner: a person/organisation/location model
 * for mekong extract from gold JSON Lines (one object per document or
 * sentence: text, entities with start/end in code points and a type,
 * optionally sentences), by the averaged perceptron of lib/ner.c.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "cli.h"
#include "mekong.h"
#include "ner.h"

#define MAX_FILES 32

struct opts {
    mk__ner_train_opts to;
    const char *train[MAX_FILES];
    int ntrain;
    const char *dev[MAX_FILES];
    int ndev;
    const char *out;
    int epochs;
    int quiet;
    char lang[8];
};

static const char usage_text[] =
"Usage: mekong train-ner [OPTION]... -t TRAIN.jsonl [-d DEV.jsonl] -o MODEL\n"
"Train the person/organisation/location tagger of mekong extract on gold\n"
"JSON Lines: one object per document or sentence with text, entities\n"
"({start, end, type}: code points; person, org, location, misc) and,\n"
"optionally, sentences ([start, end] pairs).\n"
"\n"
"  -t, --train=FILE         training data (repeat for several files)\n"
"  -d, --dev=FILE           development data: F1 after each epoch, the best\n"
"                           epoch is kept (repeatable)\n"
"  -o, --output=MODEL       the model file to write\n"
"  -l, --lang=CODE          language stored in the model (default: the lang\n"
"                           of the first training record)\n"
"  -n, --epochs=N           passes over the training data (default 25)\n"
"  -S, --seed=S             order of documents in each epoch (default 1);\n"
"                           the same data and seed give the same bytes\n"
"      --types=LIST         types learned (default person,org,location,misc)\n"
"      --write=LIST         types the model writes (default person,org,location)\n"
"      --prune=F            drop features whose weights stay below F times the\n"
"                           largest (default 0.02)\n"
"      --no-doc-features    no memory of earlier tags within a document\n"
"      --clusters=FILE      word clusters (scripts/make-clusters) as features;\n"
"                           the model carries the table\n"
"      --icu-words          where each character stands in the words of ICU's\n"
"                           dictionary breaking, as features (Chinese, Thai,\n"
"                           Lao, Khmer, Burmese)\n"
"  -q, --quiet              no per-epoch lines\n"
"  -h, --help               show this help and exit\n"
"  -V, --version            show versions and exit\n"
"\n"
"Tokens: whitespace-separated words with edge punctuation split off, one\n"
"token per character in Thai, Lao, Khmer, Burmese and Chinese. Exit status:\n"
"0 success, 1 a runtime error, 2 a usage error. See mekong-train-ner(1).\n";

enum { OPT_TYPES = 256, OPT_WRITE, OPT_PRUNE, OPT_NODOC, OPT_CLUSTERS, OPT_ICUWORDS };

static const struct option longopts[] = {
    { "train", required_argument, NULL, 't' },
    { "dev", required_argument, NULL, 'd' },
    { "output", required_argument, NULL, 'o' },
    { "lang", required_argument, NULL, 'l' },
    { "epochs", required_argument, NULL, 'n' },
    { "seed", required_argument, NULL, 'S' },
    { "types", required_argument, NULL, OPT_TYPES },
    { "write", required_argument, NULL, OPT_WRITE },
    { "prune", required_argument, NULL, OPT_PRUNE },
    { "no-doc-features", no_argument, NULL, OPT_NODOC },
    { "clusters", required_argument, NULL, OPT_CLUSTERS },
    { "icu-words", no_argument, NULL, OPT_ICUWORDS },
    { "quiet", no_argument, NULL, 'q' },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 }
};

/* Parses a comma-separated list of type names into TYPES; returns the
 * count, or -1. */
static int
parse_types(const char *s, uint8_t *types)
{
    int n = 0;

    while (*s != '\0') {
        const char *e = strchr(s, ',');
        size_t len = e != NULL ? (size_t)(e - s) : strlen(s);
        int t = mk__ner_type_from_name(s, len), i;
        if (t == 0 || n == MK__NER_MAXTYPES)
            return -1;
        for (i = 0; i < n; i++)
            if (types[i] == t)
                return -1;
        types[n++] = (uint8_t)t;
        s += len;
        if (*s == ',')
            s++;
    }
    return n;
}

static int
parse_args(int argc, char *argv[], struct opts *o)
{
    const char *write = "person,org,location";
    uint8_t wt[MK__NER_MAXTYPES];
    int c, nw, i, j;
    char *end;

    memset(o, 0, sizeof *o);
    mk__ner_train_opts_init(&o->to);
    o->to.prune = 0.02;
    o->epochs = 25;
    while ((c = getopt_long(argc, argv, "t:d:o:l:n:S:qhV", longopts, NULL)) != -1) {
        switch (c) {
        case 't':
        case 'd':
            if ((c == 't' ? o->ntrain : o->ndev) == MAX_FILES)
                return cli_usage("at most %d files of each kind", MAX_FILES);
            if (c == 't')
                o->train[o->ntrain++] = optarg;
            else
                o->dev[o->ndev++] = optarg;
            break;
        case 'o':
            o->out = optarg;
            break;
        case 'l':
            if (!cli_valid_lang(optarg) || strlen(optarg) > 7)
                return cli_usage("--lang wants a language code such as th, not '%s'", optarg);
            snprintf(o->lang, sizeof o->lang, "%s", optarg);
            break;
        case 'n': {
            long v;
            errno = 0;
            v = strtol(optarg, &end, 10);
            if (errno != 0 || end == optarg || *end != '\0' || v < 1 || v > 1000)
                return cli_usage("--epochs wants a number from 1 to 1000, not '%s'", optarg);
            o->epochs = (int)v;
            break;
        }
        case 'S': {
            unsigned long long v;
            errno = 0;
            v = strtoull(optarg, &end, 10);
            if (errno != 0 || end == optarg || *end != '\0' || optarg[0] == '-')
                return cli_usage("--seed wants a non-negative number, not '%s'", optarg);
            o->to.seed = (uint64_t)v;
            break;
        }
        case OPT_TYPES:
            o->to.ntypes = parse_types(optarg, o->to.types);
            if (o->to.ntypes <= 0)
                return cli_usage("--types wants names among person,org,location,misc, "
                                 "not '%s'", optarg);
            break;
        case OPT_WRITE:
            write = optarg;
            break;
        case OPT_PRUNE: {
            double v;
            errno = 0;
            v = strtod(optarg, &end);
            if (errno != 0 || end == optarg || *end != '\0' || !(v >= 0.0 && v < 1.0))
                return cli_usage("--prune wants a fraction in [0, 1), not '%s'", optarg);
            o->to.prune = v;
            break;
        }
        case OPT_NODOC:
            o->to.doc_features = 0;
            break;
        case OPT_CLUSTERS:
            o->to.clusters = optarg;
            break;
        case OPT_ICUWORDS:
            o->to.icu_words = 1;
            break;
        case 'q':
            o->quiet = 1;
            break;
        default: {
            int r = cli_common_option(c, usage_text, NULL);
            if (r != 0)
                return r;
            break;
        }
        }
    }
    if (optind < argc)
        return cli_usage("unexpected operand '%s'", argv[optind]);
    if (o->ntrain == 0)
        return cli_usage("no training data: give --train FILE");
    if (o->out == NULL)
        return cli_usage("no model file: give --output MODEL");
    nw = parse_types(write, wt);
    if (nw <= 0)
        return cli_usage("--write wants names among person,org,location,misc, not '%s'", write);
    o->to.out_mask = 0;
    for (i = 0; i < nw; i++) {
        for (j = 0; j < o->to.ntypes; j++)
            if (o->to.types[j] == wt[i])
                break;
        if (j == o->to.ntypes)
            return cli_usage("--write names %s, which --types does not learn",
                             mk__ner_type_name(wt[i]));
        o->to.out_mask |= 1u << j;
    }
    return 0;
}

/* Reads FILE into the trainer (DEV: as development data); *DOC numbers
 * the documents across files. Returns 0, or 1 after printing an error. */
static int
read_file(mk__ner_trainer *tr, const char *file, int dev, long *doc, size_t *misaligned,
          size_t *crossing)
{
    FILE *f = fopen(file, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    mk__ner_ent *ents = NULL;
    size_t entcap = 0;
    mk_error err;
    int status = 0;

    if (f == NULL) {
        cli_warn(file, 0, "%s", strerror(errno));
        return 1;
    }
    while ((n = getline(&line, &cap, f)) > 0) {
        json_error_t je;
        json_t *rec, *jt, *jents, *jsents, *e;
        const char *text;
        size_t len, ne, i, k, nsent, ncp;

        lineno++;
        if (n == 1 && line[0] == '\n')
            continue;
        rec = json_loadb(line, (size_t)n, 0, &je);
        if (rec == NULL) {
            cli_warn(file, lineno, "bad JSON: %s", je.text);
            status = 1;
            break;
        }
        jt = json_object_get(rec, "text");
        if (!json_is_string(jt)) {
            cli_warn(file, lineno, "no text field");
            json_decref(rec);
            status = 1;
            break;
        }
        text = json_string_value(jt);
        len = json_string_length(jt);
        jents = json_object_get(rec, "entities");
        ne = json_is_array(jents) ? json_array_size(jents) : 0;
        if (ne + 1 > entcap) {
            mk__ner_ent *q = realloc(ents, (ne + 1) * sizeof *ents);
            if (q == NULL) {
                cli_warn(file, lineno, "out of memory");
                json_decref(rec);
                status = 1;
                break;
            }
            ents = q;
            entcap = ne + 1;
        }
        jsents = json_object_get(rec, "sentences");
        nsent = json_is_array(jsents) && json_array_size(jsents) > 0 ? json_array_size(jsents)
                                                                    : 1;
        (*doc)++;
        ncp = mk_utf8_count(text, len);
        for (k = 0; k < nsent && status == 0; k++) {
            size_t a = 0, z = ncp, m = 0, ab, zb;
            if (json_is_array(jsents) && json_array_size(jsents) > 0) {
                json_t *se = json_array_get(jsents, k);
                json_int_t sa = json_integer_value(json_array_get(se, 0));
                json_int_t sz = json_integer_value(json_array_get(se, 1));
                if (sa < 0 || sz < sa || (size_t)sz > ncp) {
                    cli_warn(file, lineno, "sentence %zu is not inside the text", k + 1);
                    status = 1;
                    break;
                }
                a = (size_t)sa;
                z = (size_t)sz;
            }
            json_array_foreach(jents, i, e) {
                const char *ty = json_string_value(json_object_get(e, "type"));
                json_int_t s = json_integer_value(json_object_get(e, "start"));
                json_int_t t = json_integer_value(json_object_get(e, "end"));
                int type = ty != NULL ? mk__ner_type_from_name(ty, strlen(ty)) : 0;
                if (type == 0 || s < 0 || t <= s)
                    continue;
                if ((size_t)s >= a && (size_t)t <= z) {
                    ents[m].start = (size_t)s - a;
                    ents[m].end = (size_t)t - a;
                    ents[m].type = type;
                    m++;
                } else if ((size_t)s < z && (size_t)t > a) {
                    (*crossing)++;
                }
            }
            ab = mk_utf8_offset(text, len, a);
            zb = mk_utf8_offset(text, len, z);
            if (mk__ner_trainer_add(tr, dev, *doc, text + ab, zb - ab, ents, m, misaligned,
                                    &err) < 0) {
                cli_error(file, &err);
                status = 1;
            }
        }
        json_decref(rec);
        if (status != 0)
            break;
    }
    if (status == 0 && ferror(f)) {
        cli_warn(file, 0, "%s", strerror(errno));
        status = 1;
    }
    free(line);
    free(ents);
    fclose(f);
    return status;
}

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Writes the model; a failed write leaves a file the loader refuses (its
 * size or checksum is wrong), and exits 1. */
static int
write_model(const char *path, const mk_buf *b)
{
    FILE *f = fopen(path, "wb");

    if (f == NULL) {
        cli_warn(path, 0, "%s", strerror(errno));
        return 1;
    }
    if (fwrite(b->p, 1, b->len, f) != b->len) {
        cli_warn(path, 0, "write error: %s", strerror(errno));
        fclose(f);
        return 1;
    }
    if (fclose(f) != 0) {
        cli_warn(path, 0, "write error: %s", strerror(errno));
        return 1;
    }
    return 0;
}

static void
print_score(const char *what, const mk__ner_score *sc, const struct opts *o)
{
    int k;

    fprintf(stderr, "%s F1 %.4f (", what, mk__ner_f1(sc, 0));
    for (k = 0; k < o->to.ntypes; k++) {
        int t = o->to.types[k];
        if (!(o->to.out_mask & (1u << k)))
            continue;
        fprintf(stderr, "%s%s %.4f", k ? ", " : "", mk__ner_type_name(t), mk__ner_f1(sc, t));
    }
    fprintf(stderr, ")");
}

int
main(int argc, char *argv[])
{
    struct opts o;
    mk__ner_trainer *tr = NULL;
    mk_buf cur = { NULL, 0, 0 }, best = { NULL, 0, 0 };
    mk__ner_score sc, best_sc;
    mk_error err;
    long doc = 0;
    size_t mis = 0, crossing = 0, dmis = 0, dcross = 0, sents, toks, dsents, feats;
    double t0 = now(), best_f1 = -1.0;
    int i, ep, best_ep = 0, status = 0, r;

    cli_init("mekong-train-ner", NULL);
    r = parse_args(argc, argv, &o);
    if (r != 0)
        return r < 0 ? cli_finish(NULL) : 2;
    memset(&best_sc, 0, sizeof best_sc);

    /* the language is known once the first record is read: make the
     * trainer after peeking at it */
    if (o.lang[0] == '\0') {
        FILE *f = fopen(o.train[0], "r");
        char *line = NULL;
        size_t cap = 0;
        if (f != NULL && getline(&line, &cap, f) > 0) {
            json_t *rec = json_loads(line, 0, NULL);
            const char *l = json_string_value(json_object_get(rec, "lang"));
            if (l != NULL && strlen(l) < 8)
                snprintf(o.lang, sizeof o.lang, "%s", l);
            json_decref(rec);
        }
        free(line);
        if (f != NULL)
            fclose(f);
        if (o.lang[0] == '\0')
            snprintf(o.lang, sizeof o.lang, "und");
    }
    o.to.lang = o.lang;
    tr = mk__ner_trainer_new(&o.to, &err);
    if (tr == NULL) {
        cli_error("-", &err);
        return 1;
    }
    for (i = 0; i < o.ntrain && status == 0; i++) {
        if (mk__ner_trainer_source(tr, i) != 0)
            return 1;       /* MAX_FILES keeps it in range */
        status |= read_file(tr, o.train[i], 0, &doc, &mis, &crossing);
    }
    for (i = 0; i < o.ndev && status == 0; i++)
        status |= read_file(tr, o.dev[i], 1, &doc, &dmis, &dcross);
    if (status != 0)
        goto out;
    mk__ner_trainer_counts(tr, &sents, &toks, &dsents, NULL);
    if (!o.quiet)
        fprintf(stderr, "mekong-train-ner: %s: %zu sentences, %zu tokens, %zu entities "
                "not on token boundaries, %zu across sentences; dev %zu sentences "
                "(%.1f s)\n", o.lang, sents, toks, mis, crossing, dsents, now() - t0);

    for (ep = 1; ep <= o.epochs; ep++) {
        double te = now();
        long wrong = mk__ner_trainer_epoch(tr, &err);
        mk__ner *m;
        if (wrong < 0 || mk__ner_trainer_save(tr, &cur, &err) < 0) {
            cli_error("-", &err);
            status = 1;
            goto out;
        }
        if (o.ndev == 0) {
            if (!o.quiet)
                fprintf(stderr, "epoch %d: %ld tokens wrong, %.1f s\n", ep, wrong,
                        now() - te);
            best_ep = ep;
            continue;
        }
        m = mk__ner_load(cur.p, cur.len, &err);
        if (m == NULL || mk__ner_trainer_eval(tr, m, &sc, &err) < 0) {
            cli_error("-", &err);
            mk__ner_free(m);
            status = 1;
            goto out;
        }
        mk__ner_free(m);
        if (!o.quiet) {
            fprintf(stderr, "epoch %d: %ld tokens wrong, ", ep, wrong);
            print_score("dev", &sc, &o);
            fprintf(stderr, ", %.1f s\n", now() - te);
        }
        /* ties keep the earlier epoch: fewer passes, same score */
        if (mk__ner_f1(&sc, 0) > best_f1) {
            mk_buf x = best;
            best_f1 = mk__ner_f1(&sc, 0);
            best_ep = ep;
            best_sc = sc;
            best = cur;
            cur = x;
        }
    }
    if (o.ndev == 0) {
        mk_buf x = best;
        best = cur;
        cur = x;
    }
    mk__ner_trainer_counts(tr, NULL, NULL, NULL, &feats);
    if (best.len < 64 + 4) {
        fprintf(stderr, "mekong-train-ner: no model\n");
        status = 1;
        goto out;
    }
    status |= write_model(o.out, &best);
    if (status == 0) {
        fprintf(stderr, "mekong-train-ner: %s: epoch %d of %d, %u of %zu features, "
                "%zu bytes", o.out, best_ep, o.epochs,
                (unsigned)((unsigned char)best.p[36] | (unsigned char)best.p[37] << 8 |
                           (unsigned char)best.p[38] << 16 |
                           (unsigned)(unsigned char)best.p[39] << 24),
                feats, best.len);
        if (o.ndev > 0) {
            fprintf(stderr, ", ");
            print_score("dev", &best_sc, &o);
        }
        fprintf(stderr, ", %.1f s\n", now() - t0);
    }
out:
    mk__ner_trainer_free(tr);
    mk__buf_free(&cur);
    mk__buf_free(&best);
    return cli_finish(NULL) != 0 ? 1 : status;
}
