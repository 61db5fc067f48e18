/*
 * normalize.c - mekong normalize: text in, clean Unicode out, one row per
 * paragraph (doc par lang text), or the text itself with --text.
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
    int par_mode;
    int text_out;
    int stats;
    int verbose;
    char **fields;
    size_t nfields;
    char **files;
    int nfiles;
};

static const char usage_text[] =
"Usage: mekong normalize [OPTION]... [FILE]...\n"
"Clean Unicode text into a stream of paragraphs: doc par lang text.\n"
"With no FILE, or when FILE is -, read standard input.\n"
"\n"
"  -j, --jsonl              input is JSON Lines, one article per line\n"
"      --id-field=NAME      JSONL field with the document id (default id)\n"
"      --text-field=NAME    JSONL field with the text (default text)\n"
"      --title-field=NAME   JSONL field written as paragraph 0 (default title)\n"
"  -f, --fields=LIST        JSONL fields to carry as columns, comma-separated\n"
"      --skip-bad           count and skip malformed JSONL or stream lines\n"
"  -p, --paragraphs=MODE    line, blank (hard-wrapped blocks) or auto (default)\n"
"  -e, --from=ENC           input encoding: an ICU name (TIS-620, GB18030, Big5,\n"
"                           windows-1258 ...) or auto; default UTF-8/UTF-16 by BOM\n"
"      --html=WHEN          strip tags: auto (default, when it looks like HTML),\n"
"                           yes, or no (then character references stay too)\n"
"      --no-repair          no mojibake repair, no Zawgyi conversion\n"
"      --nfkc               compatibility folding (NFKC) instead of NFC\n"
"      --keep-junk          keep punctuation-only and boilerplate paragraphs\n"
"  -l, --lang=CODE          write CODE as every paragraph's language\n"
"      --strict             invalid UTF-8 or an over-long line is an error\n"
"      --max-doc=SIZE       longest line or document held in memory (default 16M)\n"
"      --format=FMT         output tsv (default) or jsonl, a JSON object a row\n"
"  -t, --text               write the normalized text, one paragraph a line\n"
"  -s, --stats              print counts to standard error at the end\n"
"  -v, --verbose            say per input what was detected (encoding, layout)\n"
"  -h, --help               show this help and exit\n"
"  -V, --version            show versions and exit\n"
"\n"
"Exit status: 0 success, 1 a runtime error or lost data, 2 a usage error.\n"
"See mekong-normalize(1).\n";

enum { OPT_TITLE = 256, OPT_NFKC, OPT_JUNK, OPT_STRICT,
       OPT_HTML, OPT_NOREPAIR };

static const struct option longopts[] = {
    CLI_INPUT_LONGOPTS,
    { "title-field", required_argument, NULL, OPT_TITLE },
    { "fields", required_argument, NULL, 'f' },
    { "paragraphs", required_argument, NULL, 'p' },
    { "html", required_argument, NULL, OPT_HTML },
    { "no-repair", no_argument, NULL, OPT_NOREPAIR },
    { "lang", required_argument, NULL, 'l' },
    { "verbose", no_argument, NULL, 'v' },
    { "nfkc", no_argument, NULL, OPT_NFKC },
    { "keep-junk", no_argument, NULL, OPT_JUNK },
    { "strict", no_argument, NULL, OPT_STRICT },
    { "text", no_argument, NULL, 't' },
    { "stats", no_argument, NULL, 's' },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 }
};

/* Splits a comma-separated LIST into o->fields. */
static int
split_fields(struct opts *o, const char *list)
{
    const char *p = list;

    while (*p != '\0') {
        const char *q = strchr(p, ',');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        if (n == 0)
            return -1;
        char **f = realloc(o->fields, (o->nfields + 1) * sizeof *f);
        if (f == NULL)
            return -1;
        o->fields = f;
        if ((f[o->nfields] = strndup(p, n)) == NULL)
            return -1;
        o->nfields++;
        p += n + (q != NULL);
    }
    return 0;
}

/* Returns 0 to go on, or an exit status (-1 means exit 0). */
static int
parse_args(int argc, char *argv[], struct opts *o)
{
    int c;

    memset(o, 0, sizeof *o);
    mk_reader_opts_init(&o->ro);
    mk_norm_opts_init(&o->no);
    o->par_mode = MK_PAR_AUTO;
    while ((c = getopt_long(argc, argv, "jf:p:e:l:tsvhV", longopts, NULL)) != -1) {
        int taken = cli_input_option(c, optarg, &o->ro, &o->no);
        if (taken == 2)
            return 2;
        if (taken)
            continue;
        switch (c) {
        case OPT_TITLE:
            o->ro.title_field = optarg;
            break;
        case 'f':
            if (split_fields(o, optarg) != 0)
                return cli_usage("bad --fields list '%s'", optarg);
            break;
        case 'p':
            if (strcmp(optarg, "line") == 0)
                o->par_mode = MK_PAR_LINE;
            else if (strcmp(optarg, "blank") == 0)
                o->par_mode = MK_PAR_BLANK;
            else if (strcmp(optarg, "auto") == 0)
                o->par_mode = MK_PAR_AUTO;
            else
                return cli_usage("--paragraphs must be line, blank or auto, not '%s'", optarg);
            break;
        case OPT_HTML:
            if (strcmp(optarg, "auto") == 0)
                o->no.html = MK_HTML_AUTO;
            else if (strcmp(optarg, "yes") == 0)
                o->no.html = MK_HTML_YES;
            else if (strcmp(optarg, "no") == 0)
                o->no.html = MK_HTML_NO;
            else
                return cli_usage("--html must be auto, yes or no, not '%s'", optarg);
            break;
        case OPT_NOREPAIR:
            o->no.no_repair = 1;
            break;
        case 'l':
            if (!cli_valid_lang(optarg))
                return cli_usage("--lang wants a language code such as th or zh-Hant, not '%s'",
                                 optarg);
            o->no.lang = optarg;
            break;
        case 'v':
            o->verbose = 1;
            break;
        case OPT_NFKC:
            o->no.nfkc = 1;
            break;
        case OPT_JUNK:
            o->no.keep_junk = 1;
            break;
        case OPT_STRICT:
            o->no.strict = 1;
            break;
        case 't':
            o->text_out = 1;
            break;
        default: {
            int r = cli_common_option(c, usage_text, &o->stats);
            if (r != 0)
                return r;
            break;
        }
        }
    }
    if (o->nfields > 0 && o->ro.format != MK_FMT_JSONL)
        return cli_usage("--fields needs --jsonl");
    if (o->text_out && cli_out_jsonl)
        return cli_usage("--text writes plain text, not --format jsonl");
    o->ro.fields = (const char *const *)o->fields;
    o->ro.nfields = o->nfields;
    /* --text writes no lang column: do not spend time identifying it */
    if (o->text_out && o->no.lang == NULL)
        o->no.lang = "und";
    o->files = argv + optind;
    o->nfiles = argc - optind;
    if (o->nfiles == 0 && isatty(0))
        return cli_usage("no input: name a FILE, or pipe text in");
    return 0;
}

struct run {
    struct opts *o;
    mk_stats st;
    mk_writer *w;
    mk_norm *norm;
    int header_done;
    char **cols;          /* output pass-through columns, from the first input */
    size_t ncols;
    long *map;            /* output column -> input column of this file, or -1 */
    char *doc;            /* id of the document being written */
    size_t doc_len, doc_cap;
    struct {
        char name[48];
        int detected;
        uint64_t count;
    } enc[32];            /* inputs by encoding, for --stats */
    size_t nenc;
};

/* Counts inputs by the encoding they were decoded from, for --stats. */
static void
count_encoding(struct run *run, const mk_reader *r)
{
    int detected;
    const char *enc = mk_reader_encoding(r, &detected);
    size_t i;

    for (i = 0; i < run->nenc; i++)
        if (strcmp(run->enc[i].name, enc) == 0 && run->enc[i].detected == detected)
            break;
    if (i == run->nenc) {
        if (run->nenc == sizeof run->enc / sizeof run->enc[0])
            return;
        snprintf(run->enc[i].name, sizeof run->enc[i].name, "%s", enc);
        run->enc[i].detected = detected;
        run->enc[i].count = 0;
        run->nenc++;
    }
    run->enc[i].count++;
}

static int
write_header(struct run *run)
{
    size_t i;

    if (run->header_done || run->o->text_out)
        return 0;
    run->header_done = 1;
    mk_writer_put(run->w, "doc", 3);
    for (i = 0; i < run->ncols; i++) {
        mk_writer_putc(run->w, '\t');
        mk_writer_put(run->w, run->cols[i], strlen(run->cols[i]));
    }
    mk_writer_put(run->w, "\tpar\tlang\ttext\n", 15);
    return 0;
}

/* Sets up the column mapping for a newly opened reader. */
static int
map_columns(struct run *run, mk_reader *r, const char *path)
{
    const char *const *names;
    size_t n = mk_reader_columns(r, &names), i, j;

    if (!run->header_done && run->cols == NULL) {
        run->cols = calloc(n + 1, sizeof *run->cols);
        if (run->cols == NULL)
            return -1;
        for (i = 0; i < n; i++)
            if ((run->cols[i] = strdup(names[i])) == NULL)
                return -1;
        run->ncols = n;
        run->map = calloc(n + 1, sizeof *run->map);
        if (run->map == NULL)
            return -1;
    }
    for (i = 0; i < run->ncols; i++) {
        run->map[i] = -1;
        for (j = 0; j < n; j++)
            if (strcmp(run->cols[i], names[j]) == 0)
                run->map[i] = (long)j;
    }
    for (j = 0; j < n; j++) {
        for (i = 0; i < run->ncols && strcmp(run->cols[i], names[j]) != 0; i++)
            ;
        if (i == run->ncols) {
            run->st.dropped_columns++;
            run->st.warnings++;
            cli_warn(path, 0, "column '%s' is not in the first input's columns, dropped",
                     names[j]);
        }
    }
    return 0;
}

static void
write_par(struct run *run, const mk_row *row, const mk_par *p)
{
    mk_writer *w = run->w;
    char num[32];
    size_t i;

    run->st.paragraphs++;
    run->st.rows_out++;
    if (run->o->text_out) {
        mk_writer_put(w, p->text, p->text_len);
        mk_writer_putc(w, '\n');
        return;
    }
    mk_writer_put_field(w, run->doc, run->doc_len);
    for (i = 0; i < run->ncols; i++) {
        mk_writer_putc(w, '\t');
        if (row != NULL && run->map[i] >= 0 && (size_t)run->map[i] < row->nextra)
            mk_writer_put_field(w, row->extra[run->map[i]], row->extra_len[run->map[i]]);
    }
    /* the paragraph number, without printf in the hot loop */
    char *e = num + sizeof num, *q = e;
    unsigned long v = p->par < 0 ? 0 : (unsigned long)p->par;
    *--q = '\t';
    do
        *--q = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    *--q = '\t';
    mk_writer_put(w, q, (size_t)(e - q));
    mk_writer_put(w, p->lang, strlen(p->lang));
    mk_writer_putc(w, '\t');
    mk_writer_put_field(w, p->text, p->text_len);
    mk_writer_putc(w, '\n');
}

static int
set_doc(struct run *run, const char *s, size_t len)
{
    return cli_set_str(&run->doc, &run->doc_cap, &run->doc_len, s, len);
}

/* Normalizes one input. Returns 0, or 1 if anything went wrong. */
static int
normalize_file(struct run *run, const char *path)
{
    mk_error err = { 0 };
    mk_reader *r;
    mk_row row;
    mk_par p;
    int rc, status = 0, mode;

    r = mk_reader_new(path, &run->o->ro, &err);
    if (r == NULL) {
        cli_error(path, &err);
        return 1;
    }
    if (map_columns(run, r, path) != 0) {
        fprintf(stderr, "mekong-normalize: out of memory\n");
        mk_reader_free(r);
        return 1;
    }
    write_header(run);
    mode = run->o->par_mode;
    if (mk_reader_format(r) == MK_FMT_TEXT) {
        const char *s;
        size_t len;
        int html;
        mk_reader_sample(r, &s, &len);
        mk_norm_begin(run->norm, path, mode, s, len);
        mode = mk_norm_decided(run->norm, &html);
        if (mode == MK_PAR_BLANK)
            run->st.mode_blank++;
        else
            run->st.mode_line++;
        if (run->o->verbose) {
            int detected;
            const char *enc = mk_reader_encoding(r, &detected);
            cli_warn(path, 0, "encoding %s%s, %s, paragraphs %s", enc,
                     detected ? " (detected)" : "", html ? "HTML" : "text",
                     mode == MK_PAR_BLANK ? "blank-line separated" : "one per line");
        }
    } else {
        mk_norm_begin(run->norm, path, mode, NULL, 0);
        if (run->o->verbose) {
            int detected;
            const char *enc = mk_reader_encoding(r, &detected);
            cli_warn(path, 0, "encoding %s%s, %s", enc, detected ? " (detected)" : "",
                     mk_reader_format(r) == MK_FMT_JSONL ? "JSON Lines" : "mekong stream");
        }
    }
    count_encoding(run, r);
    if (set_doc(run, path, strlen(path)) != 0)
        goto nomem;
    while ((rc = mk_reader_next(r, &row, &err)) > 0) {
        cli_progress(&run->st);
        if ((row.flags & MK_ROW_NEWDOC) && set_doc(run, row.doc, row.doc_len) != 0)
            goto nomem;
        if ((rc = mk_norm_feed(run->norm, &row, &err)) < 0)
            break;
        while (mk_norm_next(run->norm, &p) > 0)
            write_par(run, &row, &p);
        if (mk_writer_errno(run->w) != 0)
            break;
    }
    if (rc < 0) {
        cli_error(path, &err);
        status = 1;
    }
    if (mk_norm_end(run->norm, &err) < 0) {
        cli_error(path, &err);
        status = 1;
    }
    while (mk_norm_next(run->norm, &p) > 0)
        write_par(run, NULL, &p);
    mk_reader_free(r);
    return status;
nomem:
    fprintf(stderr, "mekong-normalize: out of memory\n");
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

    cli_init("mekong-normalize", NULL);
    rc = parse_args(argc, argv, &o);
    if (rc != 0) {
        for (size_t k = 0; k < o.nfields; k++)
            free(o.fields[k]);
        free(o.fields);
        return rc < 0 ? cli_finish(NULL) : rc;
    }
    memset(&run, 0, sizeof run);
    run.o = &o;
    run.w = mk_writer_new(1);
    if (run.w == NULL) {
        fprintf(stderr, "mekong-normalize: out of memory\n");
        return 1;
    }
    if (cli_out_jsonl)
        mk_writer_set_jsonl(run.w);
    cli_init("mekong-normalize", run.w);
    o.ro.stats = &run.st;
    o.ro.warn = cli_warn_cb;
    o.no.stats = &run.st;
    o.no.warn = cli_warn_cb;
    run.norm = mk_norm_new(&o.no, &err);
    if (run.norm == NULL) {
        cli_error(NULL, &err);
        mk_writer_free(run.w);
        return 1;
    }
    cli_progress_start(o.files, o.nfiles);
    if (o.nfiles == 0)
        status |= normalize_file(&run, "-");
    for (i = 0; i < o.nfiles && mk_writer_errno(run.w) == 0; i++)
        status |= normalize_file(&run, o.files[i]);
    cli_progress_end();
    write_header(&run);
    if (o.stats) {
        cli_print_stats(&run.st);
        for (size_t k = 0; k < run.nenc; k++) {
            char name[80];
            snprintf(name, sizeof name, "encoding %s%s", run.enc[k].name,
                     run.enc[k].detected ? " (detected)" : "");
            cli_stat_line(name, run.enc[k].count);
        }
    }
    rc = cli_finish(run.w);
    mk_norm_free(run.norm);
    mk_writer_free(run.w);
    for (size_t k = 0; k < run.ncols; k++)
        free(run.cols[k]);
    free(run.cols);
    free(run.map);
    free(run.doc);
    for (size_t k = 0; k < o.nfields; k++)
        free(o.fields[k]);
    free(o.fields);
    return rc != 0 ? 1 : status;
}
