/*
 * extract.c - mekong extract: paragraphs or sentences in, one row per
 * entity (the input row's columns except start end text, then start end
 * type text value). A document is read whole before its rows are written,
 * because the dateline that resolves its relative dates may come last.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "mekong.h"

struct opts {
    mk_reader_opts ro;
    mk_norm_opts no;
    int types;
    int stats;
    int timeml;
    int sentences;
    const char *lang;
    const char *region;
    const char *ref_date;
    const char *date_field;
    const char *fields[1];
    char **files;
    int nfiles;
};

static const char usage_text[] =
"Usage: mekong extract [OPTION]... [FILE]...\n"
"Find people, institutions, dates, phones and e-mail addresses: a row per entity,\n"
"the row's columns but start end text, then start end type text value. Reads\n"
"paragraphs (normalize), sentences (segment), text or JSONL; stdin: - or none.\n"
"\n"
"  -t, --types=LIST         person,org,location,date,phone,email (default all)\n"
"  -r, --region=CC          region of national phone numbers (ISO 3166, e.g.\n"
"                           CN); default: inferred from the text and language\n"
"  -d, --ref-date=DATE      date (YYYY-MM-DD) for relative dates in documents\n"
"                           with no dateline and no date column\n"
"      --date-field=NAME    JSONL field or column with the document's date (date)\n"
"      --timeml             also \"now\", \"recently\", parts of days, valued as\n"
"                           TimeML does (PRESENT_REF, 2024-08-23TMO)\n"
"  -S, --sentences          a sent column, as after mekong segment: the rows of\n"
"                           normalize | segment | extract from one process\n"
"  -l, --lang=CODE          read every paragraph as language CODE\n"
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
"Values: ISO 8601 dates resolved against the document's dateline, E.164 phones,\n"
"addresses with the domain lower-cased. Exit status: 0 success, 1 a runtime\n"
"error or lost data, 2 a usage error. See mekong-extract(1).\n";

enum { OPT_DATEF = 256, OPT_TIMEML };

static const struct option longopts[] = {
    CLI_INPUT_LONGOPTS,
    { "types", required_argument, NULL, 't' },
    { "region", required_argument, NULL, 'r' },
    { "ref-date", required_argument, NULL, 'd' },
    { "date-field", required_argument, NULL, OPT_DATEF },
    { "timeml", no_argument, NULL, OPT_TIMEML },
    { "sentences", no_argument, NULL, 'S' },
    { "lang", required_argument, NULL, 'l' },
    { "stats", no_argument, NULL, 's' },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 }
};

static int
parse_types(const char *s)
{
    int t = 0;

    while (*s) {
        size_t n = strcspn(s, ",");
        if (n == 4 && memcmp(s, "date", 4) == 0)
            t |= MK_ENT_DATE;
        else if (n == 5 && memcmp(s, "phone", 5) == 0)
            t |= MK_ENT_PHONE;
        else if (n == 5 && memcmp(s, "email", 5) == 0)
            t |= MK_ENT_EMAIL;
        else if (n == 6 && memcmp(s, "person", 6) == 0)
            t |= MK_ENT_PERSON;
        else if (n == 3 && memcmp(s, "org", 3) == 0)
            t |= MK_ENT_ORG;
        else if (n == 8 && memcmp(s, "location", 8) == 0)
            t |= MK_ENT_LOCATION;
        else if (n == 3 && memcmp(s, "all", 3) == 0)
            t |= MK_ENT_ALL;
        else if (n > 0)
            return -1;
        s += n;
        if (*s == ',')
            s++;
    }
    return t;
}

static int
parse_args(int argc, char *argv[], struct opts *o)
{
    int c;

    memset(o, 0, sizeof *o);
    mk_reader_opts_init(&o->ro);
    mk_norm_opts_init(&o->no);
    o->types = MK_ENT_ALL;
    o->date_field = "date";
    while ((c = getopt_long(argc, argv, "t:r:d:l:je:sShV", longopts, NULL)) != -1) {
        int taken = cli_input_option(c, optarg, &o->ro, &o->no);
        if (taken == 2)
            return 2;
        if (taken)
            continue;
        switch (c) {
        case 't':
            o->types = parse_types(optarg);
            if (o->types <= 0)
                return cli_usage("--types wants a list of person, org, location, date, phone, "
                                 "email; not '%s'", optarg);
            break;
        case 'r':
            o->region = optarg;
            break;
        case 'd':
            o->ref_date = optarg;
            break;
        case OPT_DATEF:
            if (*optarg == '\0')
                return cli_usage("--date-field wants a name");
            o->date_field = optarg;
            break;
        case 'l':
            if (!cli_valid_lang(optarg))
                return cli_usage("--lang wants a language code such as th, not '%s'", optarg);
            o->lang = optarg;
            break;
        case OPT_TIMEML:
            o->timeml = 1;
            break;
        case 'S':
            o->sentences = 1;
            break;
        default: {
            int r = cli_common_option(c, usage_text, &o->stats);
            if (r != 0)
                return r;
            break;
        }
        }
    }
    if (cli_operands(argc, argv, &o->files, &o->nfiles) != 0)
        return 2;
    return 0;
}

/* A piece of the current document: where its row prefix is in run->pre,
 * and the code-point offset of the piece in its paragraph (a sentence's
 * start). */
typedef struct piece {
    size_t pre_off, pre_len;
    size_t base;
    size_t sent0, nsent;    /* its sentences in run->sents, from sentence input */
    size_t lang_off, lang_len;
} piece;

/* A sentence of the paragraph being put back together: where it starts
 * (code points) and its sent value in run->pre. */
typedef struct sent {
    size_t start;
    size_t off, len;
} sent;

struct run {
    struct opts *o;
    mk_stats st;
    mk_writer *w;
    mk_norm *norm;
    mk_extractor *x;
    mk_segmenter *seg;      /* --sentences on paragraphs: made on first use */
    int header_done;
    int sentences;          /* the output has a sent column */
    char **cols;
    size_t ncols;
    long *map;              /* input column of each output column */
    long start_col, sent_col, date_col, tok_col;
    char *doc;
    size_t doc_len, doc_cap;
    int in_doc;
    char *pre;              /* row prefixes of the document's pieces */
    size_t pre_len, pre_cap;
    piece *pieces;
    size_t npieces, cap_pieces;
    size_t doc_bytes;
    int cut_warned;
    /* sentence input: the sentences of one paragraph are joined again so
     * that a date or number across a sentence break is still found, and
     * the offsets are the paragraph's either way */
    sent *sents;
    size_t nsents, cap_sents;
    char *para;
    size_t para_len, para_cap, para_cps;
    long para_no;
    int para_open;
    char para_lang[32];
    size_t para_sent0;
    mk_row para_row;        /* the first sentence's row, for carried columns */
    char *row_copy;
    size_t row_copy_cap;
    const char **row_extra;
    size_t *row_extra_len;
    size_t row_nextra;
};

static void
write_header(struct run *run)
{
    size_t i;

    if (run->header_done)
        return;
    run->header_done = 1;
    mk_writer_put(run->w, "doc", 3);
    for (i = 0; i < run->ncols; i++) {
        mk_writer_putc(run->w, '\t');
        mk_writer_put(run->w, run->cols[i], strlen(run->cols[i]));
    }
    const char *tail = run->sentences ? "\tpar\tsent\tlang\tstart\tend\ttype\ttext\tvalue\n"
                                      : "\tpar\tlang\tstart\tend\ttype\ttext\tvalue\n";
    mk_writer_put(run->w, tail, strlen(tail));
}

static long
find_col(const char *const *names, size_t n, const char *want)
{
    for (size_t j = 0; j < n; j++)
        if (strcmp(names[j], want) == 0)
            return (long)j;
    return -1;
}

static int
map_columns(struct run *run, mk_reader *r)
{
    const char *const *names;
    size_t n = mk_reader_columns(r, &names), i;

    run->start_col = find_col(names, n, "start");
    run->sent_col = find_col(names, n, "sent");
    run->tok_col = find_col(names, n, "tok");
    run->date_col = find_col(names, n, run->o->date_field);
    if (!run->header_done && run->cols == NULL) {
        run->sentences = run->sent_col >= 0 || run->o->sentences;
        run->cols = calloc(n + 1, sizeof *run->cols);
        run->map = calloc(n + 1, sizeof *run->map);
        if (run->cols == NULL || run->map == NULL)
            return -1;
        for (i = 0; i < n; i++) {
            if (strcmp(names[i], "start") == 0 || strcmp(names[i], "end") == 0 ||
                strcmp(names[i], "sent") == 0 || strcmp(names[i], "type") == 0 ||
                strcmp(names[i], "value") == 0)
                continue;
            if ((run->cols[run->ncols++] = strdup(names[i])) == NULL)
                return -1;
        }
    }
    for (i = 0; i < run->ncols; i++)
        run->map[i] = find_col(names, n, run->cols[i]);
    return 0;
}

static int grow_buf(char **p, size_t *cap, size_t need);

static int
add_pre(struct run *run, const char *s, size_t n)
{
    if (grow_buf(&run->pre, &run->pre_cap, run->pre_len + n) != 0)
        return -1;
    memcpy(run->pre + run->pre_len, s, n);
    run->pre_len += n;
    return 0;
}

static int
add_pre_field(struct run *run, const char *s, size_t n)
{
    /* every byte escaped at worst */
    if (grow_buf(&run->pre, &run->pre_cap, run->pre_len + 2 * n) != 0)
        return -1;
    run->pre_len += mk_tsv_escape(run->pre + run->pre_len, s, n);
    return 0;
}

static void
put_num(mk_writer *w, size_t v)
{
    char buf[24], *e = buf + sizeof buf, *q = e;

    do
        *--q = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    mk_writer_put(w, q, (size_t)(e - q));
}

static const char *
type_name(int t)
{
    return t == MK_ENT_DATE ? "date" : t == MK_ENT_PHONE ? "phone" : t == MK_ENT_EMAIL ? "email"
         : t == MK_ENT_PERSON ? "person" : t == MK_ENT_ORG ? "org" : "location";
}

/* Resolves what the document holds so far and writes its rows. */
static int
flush_doc(struct run *run, mk_error *err)
{
    const mk_entity *e;
    long n = mk_extract_end(run->x, &e, err);

    if (n < 0)
        return (int)n;
    for (long i = 0; i < n; i++) {
        const piece *p = &run->pieces[e[i].piece];
        mk_writer_put(run->w, run->pre + p->pre_off, p->pre_len);
        if (run->sentences) {
            /* the sentence the entity starts in */
            size_t k = p->sent0;
            for (size_t q = p->sent0; q < p->sent0 + p->nsent; q++)
                if (run->sents[q].start <= e[i].start)
                    k = q;
            mk_writer_putc(run->w, '\t');
            if (p->nsent > 0)
                mk_writer_put(run->w, run->pre + run->sents[k].off, run->sents[k].len);
        }
        mk_writer_putc(run->w, '\t');
        mk_writer_put(run->w, run->pre + p->lang_off, p->lang_len);
        mk_writer_putc(run->w, '\t');
        put_num(run->w, p->base + e[i].start);
        mk_writer_putc(run->w, '\t');
        put_num(run->w, p->base + e[i].end);
        mk_writer_putc(run->w, '\t');
        mk_writer_put(run->w, type_name(e[i].type), strlen(type_name(e[i].type)));
        mk_writer_putc(run->w, '\t');
        mk_writer_put_field(run->w, e[i].text, e[i].text_len);
        mk_writer_putc(run->w, '\t');
        mk_writer_put_field(run->w, e[i].value, strlen(e[i].value));
        mk_writer_putc(run->w, '\n');
        run->st.rows_out++;
    }
    return 0;
}

static int
end_doc(struct run *run, mk_error *err)
{
    int rc = 0;

    if (run->in_doc)
        rc = flush_doc(run, err);
    run->in_doc = 0;
    run->pre_len = 0;
    run->npieces = 0;
    run->nsents = 0;
    run->doc_bytes = 0;
    run->cut_warned = 0;
    return rc;
}

static int
begin_doc(struct run *run, const mk_row *row, mk_error *err)
{
    if (end_doc(run, err) < 0)
        return -1;
    const char *date = NULL;
    size_t dl = 0;
    if (row != NULL && run->date_col >= 0 && (size_t)run->date_col < row->nextra) {
        date = row->extra[run->date_col];
        dl = row->extra_len[run->date_col];
    }
    mk_extract_begin(run->x, date, dl);
    run->in_doc = 1;
    return 0;
}

static size_t
parse_size(const char *s, size_t n)
{
    size_t v = 0;
    for (size_t i = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
        v = v * 10 + (size_t)(s[i] - '0');
    return v;
}

/* One paragraph or sentence of the document. */
static int
add_piece(struct run *run, const char *path, const mk_row *row, long par, const char *lang,
          const char *text, size_t len, mk_error *err)
{
    piece p;
    size_t i;
    char num[24];

    if (run->npieces == run->cap_pieces) {
        size_t nc = run->cap_pieces ? 2 * run->cap_pieces : 64;
        piece *q = realloc(run->pieces, nc * sizeof *q);
        if (q == NULL)
            return MK_ENOMEM;
        run->pieces = q;
        run->cap_pieces = nc;
    }
    p.pre_off = run->pre_len;
    p.base = 0;
    if (add_pre_field(run, run->doc, run->doc_len) != 0)
        return MK_ENOMEM;
    for (i = 0; i < run->ncols; i++) {
        if (add_pre(run, "\t", 1) != 0)
            return MK_ENOMEM;
        if (row != NULL && run->map[i] >= 0 && (size_t)run->map[i] < row->nextra &&
            add_pre_field(run, row->extra[run->map[i]], row->extra_len[run->map[i]]) != 0)
            return MK_ENOMEM;
    }
    snprintf(num, sizeof num, "\t%ld", par < 0 ? 0 : par);
    if (add_pre(run, num, strlen(num)) != 0)
        return MK_ENOMEM;
    p.pre_len = run->pre_len - p.pre_off;
    p.lang_off = run->pre_len;
    if (add_pre(run, lang, strlen(lang)) != 0)
        return MK_ENOMEM;
    p.lang_len = strlen(lang);
    p.sent0 = run->para_sent0;
    p.nsent = run->nsents - run->para_sent0;
    run->pieces[run->npieces++] = p;
    int rc = mk_extract_add(run->x, text, len, lang, err);
    if (rc < 0)
        return rc;
    run->st.paragraphs++;
    /* a document past --max-doc is resolved in parts: memory stays bounded */
    run->doc_bytes += len + p.pre_len;
    if (run->doc_bytes > run->o->ro.max_doc) {
        if (!run->cut_warned)
            cli_warn(path, row ? row->line : 0,
                     "document longer than --max-doc (%zu bytes): its dates are resolved in parts",
                     run->o->ro.max_doc);
        run->cut_warned = 1;
        run->st.split_long++;
        if ((rc = flush_doc(run, err)) < 0)
            return rc;
        run->pre_len = 0;
        run->npieces = 0;
        run->nsents = 0;
        run->doc_bytes = 0;
    }
    return 0;
}

static int
mk_error_nomem(mk_error *err)
{
    memset(err, 0, sizeof *err);
    err->code = MK_ENOMEM;
    snprintf(err->msg, sizeof err->msg, "out of memory");
    return MK_ENOMEM;
}

static int push_sent(struct run *run, size_t start, const char *val, size_t len, mk_error *err);

/* A whole paragraph. When the output has a sent column, its sentences are
 * found here, as mekong segment finds them, and numbered from 1. */
static int
add_para(struct run *run, const char *path, const mk_row *row, long par, const char *lang,
         const char *text, size_t len, mk_error *err)
{
    if (!run->sentences)
        return add_piece(run, path, row, par, lang, text, len, err);
    if (run->seg == NULL && (run->seg = mk_segmenter_new(err)) == NULL)
        return err->code < 0 ? err->code : MK_ENOMEM;
    const mk_span *sp;
    int n = mk_seg_sentences(run->seg, text, len, lang, &sp, err);
    if (n < 0)
        return n;
    run->para_sent0 = run->nsents;
    for (int i = 0; i < n; i++) {
        char num[24];
        int k = snprintf(num, sizeof num, "%d", i + 1);
        if (push_sent(run, sp[i].start, num, (size_t)k, err) < 0)
            return MK_ENOMEM;
    }
    int rc = add_piece(run, path, row, par, lang, text, len, err);
    run->para_sent0 = run->nsents;
    return rc;
}

static int
grow_buf(char **p, size_t *cap, size_t need)
{
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap : 1024;
    while (nc < need)
        nc *= 2;
    char *q = realloc(*p, nc);
    if (q == NULL)
        return -1;
    *p = q;
    *cap = nc;
    return 0;
}

/* Sentence input: the paragraph put together so far goes to the extractor. */
static int
flush_para(struct run *run, const char *path, mk_error *err)
{
    int rc;

    if (!run->para_open)
        return 0;
    run->para_open = 0;
    mk_row row = run->para_row;
    row.extra = run->row_extra;
    row.extra_len = run->row_extra_len;
    row.nextra = run->row_nextra;
    rc = add_piece(run, path, &row, run->para_no, run->para_lang, run->para, run->para_len, err);
    run->para_sent0 = run->nsents;
    return rc;
}

/* Sentence input: adds the sentence of ROW to its paragraph, starting a
 * new paragraph when the doc or par changes. */
static int
add_sentence(struct run *run, const char *path, const mk_row *row, long par, const char *lang,
             mk_error *err)
{
    size_t start = 0;

    if (run->para_open && par != run->para_no && flush_para(run, path, err) < 0)
        return -1;
    if (!run->para_open) {
        run->para_open = 1;
        run->para_no = par;
        run->para_len = run->para_cps = 0;
        snprintf(run->para_lang, sizeof run->para_lang, "%s", lang);
        run->para_row = *row;
        run->para_sent0 = run->nsents;
        /* keep the carried columns of the first sentence */
        size_t total = 0;
        for (size_t i = 0; i < row->nextra; i++)
            total += row->extra_len[i];
        if (grow_buf(&run->row_copy, &run->row_copy_cap, total + 1) != 0)
            return mk_error_nomem(err);
        free(run->row_extra);
        free(run->row_extra_len);
        run->row_extra = calloc(row->nextra + 1, sizeof *run->row_extra);
        run->row_extra_len = calloc(row->nextra + 1, sizeof *run->row_extra_len);
        if (run->row_extra == NULL || run->row_extra_len == NULL)
            return mk_error_nomem(err);
        size_t off = 0;
        for (size_t i = 0; i < row->nextra; i++) {
            memcpy(run->row_copy + off, row->extra[i], row->extra_len[i]);
            run->row_extra[i] = run->row_copy + off;
            run->row_extra_len[i] = row->extra_len[i];
            off += row->extra_len[i];
        }
        run->row_nextra = row->nextra;
    }
    if (run->start_col >= 0 && (size_t)run->start_col < row->nextra)
        start = parse_size(row->extra[run->start_col], row->extra_len[run->start_col]);
    /* the gap between sentences held spaces: put as many back */
    size_t pad = start > run->para_cps ? start - run->para_cps : 0;
    if (grow_buf(&run->para, &run->para_cap, run->para_len + pad + row->text_len + 1) != 0)
        return mk_error_nomem(err);
    memset(run->para + run->para_len, ' ', pad);
    run->para_len += pad;
    memcpy(run->para + run->para_len, row->text, row->text_len);
    run->para_len += row->text_len;
    run->para_cps += pad + mk_utf8_count(row->text, row->text_len);
    if (run->sent_col >= 0 && (size_t)run->sent_col < row->nextra)
        return push_sent(run, start, row->extra[run->sent_col], row->extra_len[run->sent_col], err);
    return push_sent(run, start, "", 0, err);
}

/* A sentence of the paragraph: where it starts, and its sent value. */
static int
push_sent(struct run *run, size_t start, const char *val, size_t len, mk_error *err)
{
    if (run->nsents == run->cap_sents) {
        size_t nc = run->cap_sents ? 2 * run->cap_sents : 64;
        sent *q = realloc(run->sents, nc * sizeof *q);
        if (q == NULL)
            return mk_error_nomem(err);
        run->sents = q;
        run->cap_sents = nc;
    }
    sent *st = &run->sents[run->nsents];
    st->start = start;
    st->off = run->pre_len;
    st->len = len;
    if (add_pre(run, val, len) != 0)
        return mk_error_nomem(err);
    run->nsents++;
    return 0;
}

static int
set_doc(struct run *run, const char *s, size_t len)
{
    return cli_set_str(&run->doc, &run->doc_cap, &run->doc_len, s, len);
}

static int
extract_file(struct run *run, const char *path)
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
    if (map_columns(run, r) != 0) {
        fprintf(stderr, "mekong-extract: out of memory\n");
        mk_reader_free(r);
        return 1;
    }
    int stream = mk_reader_format(r) == MK_FMT_STREAM;
    if (stream && run->tok_col >= 0) {
        cli_warn(path, 1, "a stream of tokens: extract reads paragraphs or sentences "
                          "(mekong normalize or mekong segment without --tokens)");
        mk_reader_free(r);
        return 1;
    }
    write_header(run);
    if (!stream) {
        const char *s = NULL;
        size_t len = 0;
        if (mk_reader_format(r) == MK_FMT_TEXT)
            mk_reader_sample(r, &s, &len);
        mk_norm_begin(run->norm, path, MK_PAR_AUTO, s, len);
    }
    if (set_doc(run, path, strlen(path)) != 0 || begin_doc(run, NULL, &err) != 0)
        goto fail;
    while ((rc = mk_reader_next(r, &row, &err)) > 0) {
        cli_progress(&run->st);
        if (row.flags & MK_ROW_NEWDOC) {
            if (!stream) {
                /* paragraphs the normalizer still holds belong to the old document */
                while (mk_norm_next(run->norm, &p) > 0) {
                    snprintf(lang, sizeof lang, "%s", run->o->lang ? run->o->lang : p.lang);
                    if ((rc = add_para(run, path, NULL, p.par, lang, p.text, p.text_len, &err)) < 0)
                        goto fail;
                }
            }
            if (flush_para(run, path, &err) < 0 || begin_doc(run, &row, &err) != 0)
                goto fail;
            if (set_doc(run, row.doc, row.doc_len) != 0)
                goto nomem;
            par = 0;
        }
        if (stream) {
            long pn = row.par >= 0 ? row.par : ++par;
            if (run->o->lang != NULL)
                snprintf(lang, sizeof lang, "%s", run->o->lang);
            else if (row.lang != NULL && row.lang_len > 0 && row.lang_len < sizeof lang)
                snprintf(lang, sizeof lang, "%.*s", (int)row.lang_len, row.lang);
            else
                mk_lang_detect(row.text, row.text_len, lang, sizeof lang);
            if (run->sentences && run->sent_col >= 0)
                rc = add_sentence(run, path, &row, pn, lang, &err);
            else
                rc = add_para(run, path, &row, pn, lang, row.text, row.text_len, &err);
            if (rc < 0)
                break;
        } else {
            if ((rc = mk_norm_feed(run->norm, &row, &err)) < 0)
                break;
            while (mk_norm_next(run->norm, &p) > 0) {
                snprintf(lang, sizeof lang, "%s", run->o->lang ? run->o->lang : p.lang);
                if ((rc = add_para(run, path, &row, p.par, lang, p.text, p.text_len, &err)) < 0)
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
            if (add_para(run, path, NULL, p.par, lang, p.text, p.text_len, &err) < 0) {
                cli_error(path, &err);
                status = 1;
                break;
            }
        }
    }
    if (flush_para(run, path, &err) < 0 || end_doc(run, &err) < 0) {
        cli_error(path, &err);
        status = 1;
    }
    mk_reader_free(r);
    return status;
nomem:
    fprintf(stderr, "mekong-extract: out of memory\n");
    mk_reader_free(r);
    return 1;
fail:
    cli_error(path, &err);
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

    cli_init("mekong-extract", NULL);
    rc = parse_args(argc, argv, &o);
    if (rc != 0)
        return rc < 0 ? cli_finish(NULL) : rc;
    memset(&run, 0, sizeof run);
    run.o = &o;
    /* the document's date travels as a JSONL field like any carried one */
    o.fields[0] = o.date_field;
    o.ro.fields = o.fields;
    o.ro.nfields = 1;
    run.x = mk_extractor_new(o.types, &err);
    if (run.x == NULL) {
        cli_error(NULL, &err);
        return 1;
    }
    mk_extract_set_timeml(run.x, o.timeml);
    if (o.region != NULL && mk_extract_set_region(run.x, o.region) != 0) {
        mk_extractor_free(run.x);
        return cli_usage("--region wants a region code such as CN, not '%s'", o.region);
    }
    if (o.ref_date != NULL && mk_extract_set_ref_date(run.x, o.ref_date) != 0) {
        mk_extractor_free(run.x);
        return cli_usage("--ref-date wants a date such as 2024-08-23, not '%s'", o.ref_date);
    }
    run.w = mk_writer_new(1);
    if (run.w == NULL) {
        fprintf(stderr, "mekong-extract: out of memory\n");
        mk_extractor_free(run.x);
        return 1;
    }
    if (cli_out_jsonl)
        mk_writer_set_jsonl(run.w);
    cli_init("mekong-extract", run.w);
    o.ro.stats = &run.st;
    o.ro.warn = cli_warn_cb;
    o.no.stats = &run.st;
    o.no.warn = cli_warn_cb;
    run.norm = mk_norm_new(&o.no, &err);
    if (run.norm == NULL) {
        cli_error(NULL, &err);
        mk_extractor_free(run.x);
        mk_writer_free(run.w);
        return 1;
    }
    cli_progress_start(o.files, o.nfiles);
    if (o.nfiles == 0)
        status |= extract_file(&run, "-");
    for (i = 0; i < o.nfiles && mk_writer_errno(run.w) == 0; i++)
        status |= extract_file(&run, o.files[i]);
    cli_progress_end();
    write_header(&run);
    if (o.stats) {
        const mk_extract_counts *c = mk_extract_counts_get(run.x);
        cli_print_stats(&run.st);
        cli_stat_line("dates", c->dates);
        cli_stat_line("phones", c->phones);
        cli_stat_line("emails", c->emails);
        cli_stat_line("persons", c->persons);
        cli_stat_line("orgs", c->orgs);
        cli_stat_line("locations", c->locations);
        cli_stat_line("dates_unresolved", c->unresolved_dates);
        cli_stat_line("phones_unresolved", c->unresolved_phones);
        cli_stat_line("phone_candidates_rejected", c->rejected_phones);
        cli_stat_line("email_placeholders", c->email_placeholders);
        cli_stat_line("datelines", c->datelines);
    }
    rc = cli_finish(run.w);
    mk_segmenter_free(run.seg);
    mk_extractor_free(run.x);
    mk_norm_free(run.norm);
    mk_writer_free(run.w);
    for (size_t k = 0; k < run.ncols; k++)
        free(run.cols[k]);
    free(run.cols);
    free(run.map);
    free(run.doc);
    free(run.pre);
    free(run.pieces);
    free(run.sents);
    free(run.para);
    free(run.row_copy);
    free(run.row_extra);
    free(run.row_extra_len);
    return rc != 0 ? 1 : status;
}
