/*
 * segment.c - mekong segment: paragraphs in, one row per sentence (doc par
 * sent lang start end text), per token with --tokens, or CoNLL-U.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "mekong.h"

enum { OUT_SENT, OUT_TOKENS, OUT_CONLLU };

struct opts {
    mk_reader_opts ro;
    mk_norm_opts no;
    int out;
    int stats;
    int vi_syllables;
    int rules_only;
    const char *lang;
    char **files;
    int nfiles;
};

static const char usage_text[] =
"Usage: mekong segment [OPTION]... [FILE]...\n"
"Split paragraphs into sentences (doc par sent lang start end text), tokens,\n"
"or CoNLL-U. Input is a mekong stream (from mekong normalize), or text or\n"
"JSON Lines, normalized first. With no FILE, or when FILE is -, read stdin.\n"
"\n"
"  -k, --tokens             one row per token: doc par sent tok lang start end\n"
"                           kind text (kind: word number punct symbol ideo)\n"
"  -c, --conllu             CoNLL-U: # newdoc, # newpar, # sent_id, # text, tokens\n"
"  -l, --lang=CODE          segment every paragraph as language CODE\n"
"      --vi-syllables       Vietnamese tokens are syllables, not words\n"
"      --rules-only         ICU and the rules alone, without the learned models\n"
"                           (Chinese tokens, English sentences)\n"
"  -j, --jsonl              text input is JSON Lines (as mekong normalize)\n"
"      --id-field=NAME      JSONL id field (default id)\n"
"      --text-field=NAME    JSONL text field (default text)\n"
"  -e, --from=ENC           text input encoding (as mekong normalize)\n"
"      --skip-bad           count and skip malformed JSONL or stream lines\n"
"      --max-doc=SIZE       longest line or document held in memory (default 16M)\n"
"      --format=FMT         output tsv (default) or jsonl, a JSON object a row\n"
"  -s, --stats              print counts to standard error at the end\n"
"  -h, --help               show this help and exit\n"
"  -V, --version            show versions and exit\n"
"\n"
"Offsets are code points into the paragraph text. Exit status: 0 success,\n"
"1 a runtime error or lost data, 2 a usage error. See mekong-segment(1).\n";

enum { OPT_VISYL = 256, OPT_RULES };

static const struct option longopts[] = {
    CLI_INPUT_LONGOPTS,
    { "tokens", no_argument, NULL, 'k' },
    { "conllu", no_argument, NULL, 'c' },
    { "lang", required_argument, NULL, 'l' },
    { "vi-syllables", no_argument, NULL, OPT_VISYL },
    { "rules-only", no_argument, NULL, OPT_RULES },
    { "stats", no_argument, NULL, 's' },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 }
};

static int
parse_args(int argc, char *argv[], struct opts *o)
{
    int c;

    memset(o, 0, sizeof *o);
    mk_reader_opts_init(&o->ro);
    mk_norm_opts_init(&o->no);
    while ((c = getopt_long(argc, argv, "kcl:je:shV", longopts, NULL)) != -1) {
        int taken = cli_input_option(c, optarg, &o->ro, &o->no);
        if (taken == 2)
            return 2;
        if (taken)
            continue;
        switch (c) {
        case 'k':
            o->out = OUT_TOKENS;
            break;
        case 'c':
            o->out = OUT_CONLLU;
            break;
        case 'l':
            if (!cli_valid_lang(optarg))
                return cli_usage("--lang wants a language code such as th, not '%s'", optarg);
            o->lang = optarg;
            break;
        case OPT_VISYL:
            o->vi_syllables = 1;
            break;
        case OPT_RULES:
            o->rules_only = 1;
            break;
        default: {
            int r = cli_common_option(c, usage_text, &o->stats);
            if (r != 0)
                return r;
            break;
        }
        }
    }
    if (o->out == OUT_CONLLU && cli_out_jsonl)
        return cli_usage("--conllu writes CoNLL-U, not --format jsonl");
    if (cli_operands(argc, argv, &o->files, &o->nfiles) != 0)
        return 2;
    return 0;
}

struct run {
    struct opts *o;
    mk_stats st;
    uint64_t sentences, tokens;
    mk_writer *w;
    mk_norm *norm;
    mk_segmenter *seg;
    int header_done;
    char **cols;
    size_t ncols;
    long *map;
    char *doc;
    size_t doc_len, doc_cap;
    int newdoc;             /* the next paragraph starts a document (CoNLL-U) */
    mk_span *sents;         /* a copy of the sentences of a paragraph */
    size_t sents_cap;
    char *pre;              /* a paragraph's rows start alike: doc, columns, par */
    size_t pre_len, pre_cap;
    char *rowbuf;           /* a token row */
    size_t rowcap;
};

static void
put_num(mk_writer *w, size_t v)
{
    char buf[24], *e = buf + sizeof buf, *q = e;

    do
        *--q = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    mk_writer_put(w, q, (size_t)(e - q));
}

/* Appends "\tV" to the row being built in *P. */
static char *
add_num(char *p, size_t v)
{
    static const char pairs[] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    size_t n = 1;

    *p++ = '\t';
    /* the short numbers (most of them) at once */
    if (v < 10) {
        *p = (char)('0' + v);
        return p + 1;
    }
    if (v < 100) {
        memcpy(p, pairs + 2 * v, 2);
        return p + 2;
    }
    if (v < 10000) {
        if (v >= 1000) {
            memcpy(p, pairs + 2 * (v / 100), 2);
            p += 2;
        } else {
            *p++ = (char)('0' + v / 100);
        }
        memcpy(p, pairs + 2 * (v % 100), 2);
        return p + 2;
    }
    /* the others written in place from the last, two a division */
    for (size_t x = v; x >= 10; x /= 10)
        n++;
    char *q = p + n;
    while (v >= 100) {
        const char *d = pairs + 2 * (v % 100);
        *--q = d[1];
        *--q = d[0];
        v /= 100;
    }
    if (v >= 10) {
        *--q = pairs[2 * v + 1];
        *--q = pairs[2 * v];
    } else {
        *--q = (char)('0' + v);
    }
    return p + n;
}

static void
write_header(struct run *run)
{
    size_t i;

    if (run->header_done || run->o->out == OUT_CONLLU)
        return;
    run->header_done = 1;
    mk_writer_put(run->w, "doc", 3);
    for (i = 0; i < run->ncols; i++) {
        mk_writer_putc(run->w, '\t');
        mk_writer_put(run->w, run->cols[i], strlen(run->cols[i]));
    }
    const char *tail = run->o->out == OUT_TOKENS ? "\tpar\tsent\ttok\tlang\tstart\tend\tkind\ttext\n"
                                                 : "\tpar\tsent\tlang\tstart\tend\ttext\n";
    mk_writer_put(run->w, tail, strlen(tail));
}

static int
map_columns(struct run *run, mk_reader *r, const char *path)
{
    const char *const *names;
    size_t n = mk_reader_columns(r, &names), i, j;

    if (!run->header_done && run->cols == NULL) {
        run->cols = calloc(n + 1, sizeof *run->cols);
        run->map = calloc(n + 1, sizeof *run->map);
        if (run->cols == NULL || run->map == NULL)
            return -1;
        for (i = 0; i < n; i++) {
            /* offsets and texts of an upstream filter are not ours to carry */
            if (strcmp(names[i], "start") == 0 || strcmp(names[i], "end") == 0 ||
                strcmp(names[i], "sent") == 0 || strcmp(names[i], "tok") == 0 ||
                strcmp(names[i], "kind") == 0)
                continue;
            if ((run->cols[run->ncols++] = strdup(names[i])) == NULL)
                return -1;
        }
    }
    for (i = 0; i < run->ncols; i++) {
        run->map[i] = -1;
        for (j = 0; j < n; j++)
            if (strcmp(run->cols[i], names[j]) == 0)
                run->map[i] = (long)j;
    }
    (void)path;
    return 0;
}

static int
set_doc(struct run *run, const char *s, size_t len)
{
    return cli_set_str(&run->doc, &run->doc_cap, &run->doc_len, s, len);
}

/* Grows *BUF (capacity *CAP) to hold NEED bytes. Returns 0 or -1. */
static int
reserve(char **buf, size_t *cap, size_t need)
{
    if (need <= *cap)
        return 0;
    char *p = realloc(*buf, need);
    if (p == NULL)
        return -1;
    *buf = p;
    *cap = need;
    return 0;
}

/* The start of every row of a paragraph (doc, the columns passed on,
 * par), escaped, into run->pre: its rows share it. Returns 0 or
 * MK_ENOMEM. */
static int
row_prefix(struct run *run, const mk_row *row, long par)
{
    size_t need = 2 * run->doc_len + 32, i;

    for (i = 0; i < run->ncols; i++)
        if (row != NULL && run->map[i] >= 0 && (size_t)run->map[i] < row->nextra)
            need += 2 * row->extra_len[run->map[i]] + 1;
        else
            need++;
    if (reserve(&run->pre, &run->pre_cap, need) != 0)
        return MK_ENOMEM;
    char *q = run->pre;
    q += mk_tsv_escape(q, run->doc, run->doc_len);
    for (i = 0; i < run->ncols; i++) {
        *q++ = '\t';
        if (row != NULL && run->map[i] >= 0 && (size_t)run->map[i] < row->nextra)
            q += mk_tsv_escape(q, row->extra[run->map[i]], row->extra_len[run->map[i]]);
    }
    q = add_num(q, par < 0 ? 0 : (size_t)par);
    run->pre_len = (size_t)(q - run->pre);
    return 0;
}

/* CoNLL-U text: newlines and tabs inside are spaces. */
static void
put_plain(mk_writer *w, const char *s, size_t len)
{
    size_t i, start = 0;

    for (i = 0; i < len; i++)
        if (s[i] == '\n' || s[i] == '\t' || s[i] == '\r') {
            mk_writer_put(w, s + start, i - start);
            mk_writer_putc(w, ' ');
            start = i + 1;
        }
    mk_writer_put(w, s + start, len - start);
}

/* Segments one paragraph and writes its rows. */
static int
paragraph(struct run *run, const mk_row *row, long par, const char *lang, const char *text,
          size_t len, mk_error *err)
{
    const mk_span *sp, *tk;
    int n, nt, i, t = 0;
    mk_writer *w = run->w;
    size_t ll = strlen(lang);

    n = mk_seg_sentences(run->seg, text, len, lang, &sp, err);
    if (n < 0)
        return n;
    run->sentences += (uint64_t)n;
    if (run->o->out != OUT_CONLLU && row_prefix(run, row, par) != 0)
        return MK_ENOMEM;
    if (run->o->out == OUT_SENT) {
        for (i = 0; i < n; i++) {
            mk_writer_put(w, run->pre, run->pre_len);
            mk_writer_putc(w, '\t');
            put_num(w, (size_t)i + 1);
            mk_writer_putc(w, '\t');
            mk_writer_put(w, lang, ll);
            mk_writer_putc(w, '\t');
            put_num(w, sp[i].start);
            mk_writer_putc(w, '\t');
            put_num(w, sp[i].end);
            mk_writer_putc(w, '\t');
            mk_writer_put_field(w, text + sp[i].start_b, sp[i].end_b - sp[i].start_b);
            mk_writer_putc(w, '\n');
            run->st.rows_out++;
        }
        return 0;
    }
    /* keep the sentences: the token call reuses the span buffer */
    if ((size_t)n > run->sents_cap) {
        mk_span *p = realloc(run->sents, (size_t)n * sizeof *p);
        if (p == NULL)
            return MK_ENOMEM;
        run->sents = p;
        run->sents_cap = (size_t)n;
    }
    if (n > 0)
        memcpy(run->sents, sp, (size_t)n * sizeof *sp);
    nt = mk_seg_tokens(run->seg, text, len, lang, &tk, err);
    if (nt < 0)
        return nt;
    run->tokens += (uint64_t)nt;
    if (run->o->out == OUT_CONLLU) {
        if (run->newdoc) {
            mk_writer_put(w, "# newdoc id = ", 14);
            put_plain(w, run->doc, run->doc_len);
            mk_writer_putc(w, '\n');
            run->newdoc = 0;
        }
        mk_writer_put(w, "# newpar\n", 9);
    }
    for (i = 0; i < n; i++) {
        const mk_span *s = &run->sents[i];
        size_t tok = 0;
        if (run->o->out == OUT_CONLLU) {
            mk_writer_put(w, "# sent_id = ", 12);
            put_plain(w, run->doc, run->doc_len);
            mk_writer_putc(w, '-');
            put_num(w, par < 0 ? 0 : (size_t)par);
            mk_writer_putc(w, '-');
            put_num(w, (size_t)i + 1);
            mk_writer_put(w, "\n# text = ", 10);
            put_plain(w, text + s->start_b, s->end_b - s->start_b);
            mk_writer_putc(w, '\n');
        }
        /* the tokens that start inside this sentence */
        while (t < nt && (tk[t].start < s->end || i == n - 1)) {
            const mk_span *k = &tk[t];
            tok++;
            if (run->o->out == OUT_TOKENS) {
                /* the row in one piece: the paragraph's start, then sent
                 * tok lang start end kind text */
                size_t tl = k->end_b - k->start_b, need = run->pre_len + 160 + 2 * tl;
                if (reserve(&run->rowbuf, &run->rowcap, need) != 0)
                    return MK_ENOMEM;
                char *q = run->rowbuf;
                const char *kn = mk_tok_kind_name(k->kind);
                size_t kl = kn[0] == 'w' ? 4 : strlen(kn);   /* most are words */
                memcpy(q, run->pre, run->pre_len);
                q += run->pre_len;
                q = add_num(q, (size_t)i + 1);
                q = add_num(q, tok);
                *q++ = '\t';
                memcpy(q, lang, ll < 32 ? ll : 32);
                q += ll < 32 ? ll : 32;
                q = add_num(q, k->start);
                q = add_num(q, k->end);
                *q++ = '\t';
                memcpy(q, kn, kl);
                q += kl;
                *q++ = '\t';
                q += mk_tsv_escape(q, text + k->start_b, tl);
                *q++ = '\n';
                mk_writer_put(w, run->rowbuf, (size_t)(q - run->rowbuf));
                run->st.rows_out++;
            } else {
                /* a space follows when the gap holds one: a zero-width
                 * space between Khmer words is no space */
                size_t gap_end = t + 1 < nt ? tk[t + 1].start_b : len;
                int space_after = memchr(text + k->end_b, ' ', gap_end - k->end_b) != NULL;
                put_num(w, tok);
                mk_writer_putc(w, '\t');
                put_plain(w, text + k->start_b, k->end_b - k->start_b);
                mk_writer_put(w, "\t_\t_\t_\t_\t_\t_\t_\t", 15);
                if (space_after || (t + 1 == nt))
                    mk_writer_put(w, "_\n", 2);
                else
                    mk_writer_put(w, "SpaceAfter=No\n", 14);
            }
            t++;
        }
        if (run->o->out == OUT_CONLLU)
            mk_writer_putc(w, '\n');
    }
    return 0;
}

static int
segment_file(struct run *run, const char *path)
{
    mk_error err = { 0 };
    mk_reader *r;
    mk_row row;
    mk_par p;
    int rc, status = 0;
    long par = 0;
    char lang[32];

    r = mk_reader_new(path, &run->o->ro, &err);
    if (r == NULL) {
        cli_error(path, &err);
        return 1;
    }
    if (map_columns(run, r, path) != 0) {
        fprintf(stderr, "mekong-segment: out of memory\n");
        mk_reader_free(r);
        return 1;
    }
    write_header(run);
    int stream = mk_reader_format(r) == MK_FMT_STREAM;
    if (!stream) {
        const char *s = NULL;
        size_t len = 0;
        if (mk_reader_format(r) == MK_FMT_TEXT)
            mk_reader_sample(r, &s, &len);
        mk_norm_begin(run->norm, path, MK_PAR_AUTO, s, len);
    }
    if (set_doc(run, path, strlen(path)) != 0)
        goto nomem;
    while ((rc = mk_reader_next(r, &row, &err)) > 0) {
        cli_progress(&run->st);
        if (row.flags & MK_ROW_NEWDOC) {
            if (set_doc(run, row.doc, row.doc_len) != 0)
                goto nomem;
            run->newdoc = 1;
            par = 0;
        }
        if (stream) {
            /* a paragraph of an upstream filter */
            long pn = row.par >= 0 ? row.par : ++par;
            if (run->o->lang != NULL)
                snprintf(lang, sizeof lang, "%s", run->o->lang);
            else if (row.lang != NULL && row.lang_len > 0 && row.lang_len < sizeof lang)
                snprintf(lang, sizeof lang, "%.*s", (int)row.lang_len, row.lang);
            else
                mk_lang_detect(row.text, row.text_len, lang, sizeof lang);
            run->st.paragraphs++;
            if ((rc = paragraph(run, &row, pn, lang, row.text, row.text_len, &err)) < 0)
                break;
        } else {
            if ((rc = mk_norm_feed(run->norm, &row, &err)) < 0)
                break;
            while (mk_norm_next(run->norm, &p) > 0) {
                snprintf(lang, sizeof lang, "%s", run->o->lang ? run->o->lang : p.lang);
                run->st.paragraphs++;
                if ((rc = paragraph(run, &row, p.par, lang, p.text, p.text_len, &err)) < 0)
                    break;
            }
            if (rc < 0)
                break;
        }
        if (mk_writer_errno(run->w) != 0)
            break;
    }
    if (rc < 0) {
        cli_error(path, &err);
        status = 1;
    }
    if (!stream) {
        if (mk_norm_end(run->norm, &err) < 0) {
            cli_error(path, &err);
            status = 1;
        }
        while (mk_norm_next(run->norm, &p) > 0) {
            snprintf(lang, sizeof lang, "%s", run->o->lang ? run->o->lang : p.lang);
            run->st.paragraphs++;
            if (paragraph(run, NULL, p.par, lang, p.text, p.text_len, &err) < 0) {
                cli_error(path, &err);
                status = 1;
                break;
            }
        }
    }
    mk_reader_free(r);
    return status;
nomem:
    fprintf(stderr, "mekong-segment: out of memory\n");
    mk_reader_free(r);
    return 1;
}

int
main(int argc, char *argv[])
{
    struct opts o;
    struct run run;
    mk_error err = { 0 };
    int i, rc, status = 0;

    cli_init("mekong-segment", NULL);
    rc = parse_args(argc, argv, &o);
    if (rc != 0)
        return rc < 0 ? cli_finish(NULL) : rc;
    memset(&run, 0, sizeof run);
    run.o = &o;
    run.w = mk_writer_new(1);
    if (run.w == NULL) {
        fprintf(stderr, "mekong-segment: out of memory\n");
        return 1;
    }
    if (cli_out_jsonl)
        mk_writer_set_jsonl(run.w);
    cli_init("mekong-segment", run.w);
    o.ro.stats = &run.st;
    o.ro.warn = cli_warn_cb;
    o.no.stats = &run.st;
    o.no.warn = cli_warn_cb;
    run.norm = mk_norm_new(&o.no, &err);
    run.seg = run.norm ? mk_segmenter_new(&err) : NULL;
    if (run.norm == NULL || run.seg == NULL) {
        cli_error(NULL, &err);
        mk_norm_free(run.norm);
        mk_writer_free(run.w);
        return 1;
    }
    mk_seg_set_vi_words(run.seg, !o.vi_syllables);
    mk_seg_set_models(run.seg, !o.rules_only);
    cli_progress_start(o.files, o.nfiles);
    if (o.nfiles == 0)
        status |= segment_file(&run, "-");
    for (i = 0; i < o.nfiles && mk_writer_errno(run.w) == 0; i++)
        status |= segment_file(&run, o.files[i]);
    cli_progress_end();
    write_header(&run);
    if (o.stats) {
        cli_print_stats(&run.st);
        cli_stat_line("sentences", run.sentences);
        cli_stat_line("tokens", run.tokens);
    }
    rc = cli_finish(run.w);
    mk_segmenter_free(run.seg);
    mk_norm_free(run.norm);
    mk_writer_free(run.w);
    for (size_t k = 0; k < run.ncols; k++)
        free(run.cols[k]);
    free(run.cols);
    free(run.map);
    free(run.doc);
    free(run.sents);
    free(run.pre);
    free(run.rowbuf);
    return rc != 0 ? 1 : status;
}
