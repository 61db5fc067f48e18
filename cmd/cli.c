/*
 * cli.c - shared command-line code for the mekong filters.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <unicode/ucnv.h>

#include "cli.h"

#define MAX_WARN_PER_FILE 100

static const char *prog = "mekong";
static mk_writer *outw;
static const char *warn_file;
static unsigned warn_count;

void
cli_init(const char *name, mk_writer *out)
{
    prog = name;
    outw = out;
}

static void
flush_out(void)
{
    if (outw != NULL)
        if (mk_writer_flush(outw, NULL) != 0) {
            /* the error is kept and reported by cli_finish */
        }
    cli_progress_end();
}

static void
vwarn(const char *file, long line, const char *fmt, va_list ap)
{
    if (file != warn_file) {
        warn_file = file;
        warn_count = 0;
    }
    if (++warn_count > MAX_WARN_PER_FILE) {
        if (warn_count == MAX_WARN_PER_FILE + 1)
            fprintf(stderr, "%s: %s: more warnings not shown (see --stats)\n", prog,
                    file ? file : "-");
        return;
    }
    flush_out();
    if (file != NULL && line > 0)
        fprintf(stderr, "%s: %s:%ld: ", prog, file, line);
    else if (file != NULL)
        fprintf(stderr, "%s: %s: ", prog, file);
    else
        fprintf(stderr, "%s: ", prog);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void
cli_warn(const char *file, long line, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vwarn(file, line, fmt, ap);
    va_end(ap);
}

void
cli_warn_cb(void *ctx, const char *file, long line, const char *msg)
{
    (void)ctx;
    cli_warn(file, line, "%s", msg);
}

void
cli_error(const char *file, const mk_error *err)
{
    flush_out();
    fprintf(stderr, "%s: ", prog);
    if (file != NULL && err->line > 0)
        fprintf(stderr, "%s:%ld: ", file, err->line);
    else if (file != NULL)
        fprintf(stderr, "%s: ", file);
    fputs(err->msg[0] ? err->msg : mk_strerror(err->code), stderr);
    if (err->sys_errno != 0)
        fprintf(stderr, ": %s", strerror(err->sys_errno));
    fputc('\n', stderr);
}

int
cli_usage(const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "%s: ", prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry '%s --help' for more information.\n", prog);
    return 2;
}

void
cli_version(void)
{
    char v[256];

    printf("%s (mekong) %s\n%s\n", prog, MK_VERSION, mk_versions(v, sizeof v));
}

int
cli_parse_size(const char *s, size_t *out)
{
    char *end;
    unsigned long long v;
    int shift = 0;

    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno != 0)
        return -1;
    switch (*end) {
    case '\0': break;
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    default: return -1;
    }
    if (*end == 'B' || *end == 'b')
        end++;
    if (*end != '\0' || v == 0 || v > (SIZE_MAX >> 1 >> shift))
        return -1;
    *out = (size_t)(v << shift);
    return 0;
}

void
cli_stat_line(const char *name, uint64_t value)
{
    fprintf(stderr, "%s\t%llu\n", name, (unsigned long long)value);
}

void
cli_print_stats(const mk_stats *st)
{
    flush_out();
#define S(f) cli_stat_line(#f, st->f)
    S(files); S(documents); S(lines); S(bytes_in); S(rows_out); S(paragraphs);
    S(invalid_utf8); S(invalid_utf16); S(boms); S(utf16_files); S(controls);
    S(legacy_files); S(undecodable); S(spaces); S(zero_width); S(nfc_changed);
    S(mojibake); S(zawgyi); S(html_docs); S(html_tags); S(html_refs); S(junk);
    S(boilerplate); S(split_long);
    S(bad_lines); S(no_id); S(headers_skipped); S(dropped_columns);
    S(mode_line); S(mode_blank); S(warnings);
#undef S
}

int
cli_finish(mk_writer *out)
{
    mk_error err;
    int rc = 0;

    cli_progress_end();
    if (out != NULL && mk_writer_flush(out, &err) != 0) {
        if (err.sys_errno == EPIPE)
            return 0;
        fprintf(stderr, "%s: write error: %s\n", prog, strerror(err.sys_errno));
        return 1;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (errno == EPIPE)
            return 0;
        fprintf(stderr, "%s: write error: %s\n", prog, strerror(errno));
        return 1;
    }
    if (close(1) != 0 && errno != EBADF && errno != EINTR) {
        if (errno == EPIPE)
            return 0;
        fprintf(stderr, "%s: write error: %s\n", prog, strerror(errno));
        rc = 1;
    }
    return rc;
}

int
cli_valid_lang(const char *s)
{
    size_t i, n = strlen(s);

    if (n == 0 || n > 15 || !((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z'))
        return 0;
    for (i = 0; i < n; i++) {
        char c = s[i];
        if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && !(c >= '0' && c <= '9') && c != '-')
            return 0;
    }
    return 1;
}

int
cli_valid_encoding(const char *name)
{
    UErrorCode ec = U_ZERO_ERROR;
    UConverter *cnv;

    if (strcmp(name, "auto") == 0)
        return 1;
    cnv = ucnv_open(name, &ec);
    if (U_FAILURE(ec))
        return 0;
    ucnv_close(cnv);
    return 1;
}

int
cli_set_str(char **buf, size_t *cap, size_t *len, const char *s, size_t n)
{
    if (n + 1 > *cap) {
        char *p = realloc(*buf, n + 1);
        if (p == NULL)
            return -1;
        *buf = p;
        *cap = n + 1;
    }
    memcpy(*buf, s, n);
    (*buf)[n] = '\0';
    *len = n;
    return 0;
}

int cli_out_jsonl;

int
cli_input_option(int c, const char *arg, mk_reader_opts *ro, mk_norm_opts *no)
{
    switch (c) {
    case CLI_OPT_FORMAT:
        if (strcmp(arg, "jsonl") == 0)
            cli_out_jsonl = 1;
        else if (strcmp(arg, "tsv") == 0)
            cli_out_jsonl = 0;
        else
            return cli_usage("--format wants tsv or jsonl, not '%s'", arg);
        return 1;
    case 'j':
        ro->format = MK_FMT_JSONL;
        return 1;
    case CLI_OPT_ID:
    case CLI_OPT_TEXTF:
        if (*arg == '\0')
            return cli_usage("empty field name");
        if (c == CLI_OPT_ID)
            ro->id_field = arg;
        else
            ro->text_field = arg;
        return 1;
    case 'e':
        if (!cli_valid_encoding(arg))
            return cli_usage("unknown encoding '%s' (see uconv -l)", arg);
        ro->from = arg;
        return 1;
    case CLI_OPT_SKIP:
        ro->skip_bad = 1;
        return 1;
    case CLI_OPT_MAXDOC:
        if (cli_parse_size(arg, &ro->max_doc) != 0 || ro->max_doc < 1024)
            return cli_usage("bad --max-doc '%s' (a size of at least 1K, e.g. 64M)", arg);
        no->max_doc = ro->max_doc;
        return 1;
    default:
        return 0;
    }
}

int
cli_common_option(int c, const char *usage, int *stats)
{
    switch (c) {
    case 's':
        if (stats == NULL)
            break;
        *stats = 1;
        return 0;
    case 'h':
        fputs(usage, stdout);
        return -1;
    case 'V':
        cli_version();
        return -1;
    default:
        break;
    }
    fprintf(stderr, "Try '%s --help' for more information.\n", prog);
    return 2;
}

int
cli_operands(int argc, char *argv[], char ***files, int *nfiles)
{
    *files = argv + optind;
    *nfiles = argc - optind;
    if (*nfiles == 0 && isatty(0))
        return cli_usage("no input: name a FILE, or pipe a stream in");
    return 0;
}

/* ------------------------------------------------------------------ */
/* Progress */

static struct {
    int on, shown;
    unsigned calls;
    uint64_t total;             /* bytes of the inputs, 0 if unknown */
    double start, last;
} prog_state;

static double
now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

void
cli_progress_start(char *const *files, int nfiles)
{
    const char *e = getenv("MEKONG_PROGRESS");
    struct stat sb;

    memset(&prog_state, 0, sizeof prog_state);
    prog_state.on = isatty(2) && !(e != NULL && strcmp(e, "0") == 0);
    if (!prog_state.on)
        return;
    prog_state.start = prog_state.last = now_s();
    if (nfiles == 0) {
        if (fstat(0, &sb) == 0 && S_ISREG(sb.st_mode))
            prog_state.total = (uint64_t)sb.st_size;
        return;
    }
    for (int i = 0; i < nfiles; i++) {
        if (strcmp(files[i], "-") == 0 ? fstat(0, &sb) != 0 : stat(files[i], &sb) != 0)
            continue;
        if (S_ISREG(sb.st_mode))
            prog_state.total += (uint64_t)sb.st_size;
    }
}

void
cli_progress(const mk_stats *st)
{
    /* the clock is read every 256 rows, a line written at most once a
     * second, and none before the input has taken two seconds */
    if (!prog_state.on || (++prog_state.calls & 255) != 0)
        return;
    double t = now_s();
    if (t - prog_state.last < 1.0 || t - prog_state.start < 2.0)
        return;
    prog_state.last = t;
    double mb = (double)st->bytes_in / 1e6, rate = mb / (t - prog_state.start);
    char eta[32] = "";
    if (prog_state.total > st->bytes_in && rate > 0) {
        long left = (long)(((double)(prog_state.total - st->bytes_in) / 1e6) / rate);
        snprintf(eta, sizeof eta, ", %ld:%02ld left", left / 60, left % 60);
    }
    char of[32] = "";
    if (prog_state.total > 0)
        snprintf(of, sizeof of, " of %.1f", (double)prog_state.total / 1e6);
    fprintf(stderr, "\r%s: %.1f%s MB, %llu documents, %.1f MB/s%s\033[K", prog, mb, of,
            (unsigned long long)st->documents, rate, eta);
    prog_state.shown = 1;
}

void
cli_progress_end(void)
{
    if (prog_state.shown)
        fputs("\r\033[K", stderr);
    prog_state.shown = 0;
}
