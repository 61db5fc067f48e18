/*
 * reader.c - one reader interface over plain text, JSONL and mekong
 * streams. Input is read with read(2) into one buffer that grows only up
 * to the --max-doc cap, so memory is bounded by the cap whatever the
 * input; UTF-16 input (by its byte order mark) is decoded to UTF-8 by an
 * ICU converter on the way in. Records are lines (text), documents (JSONL)
 * or rows (stream), filled into a caller-owned mk_row.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>

#include "internal.h"

#define RBUF_INIT (128 * 1024)
#define RAW_SIZE (64 * 1024)
#define SAMPLE_MAX (64 * 1024)
#define SAMPLE_LINES 400
#define PIVOT_SIZE 1024

struct mk_reader {
    mk_reader_opts o;
    char *path;
    size_t path_len;
    int fd, own_fd;
    int eof;                 /* nothing more will come into buf */
    int format;
    int stop;                /* a fatal input error ended this reader */
    long line;               /* lines started so far */
    int newdoc;              /* the next record starts a document */
    int in_piece;            /* the last record was a piece of a longer line */

    /* decoded UTF-8 input in buf[start, end); scanned: bytes after start
     * known to hold no line end */
    char *buf;
    size_t cap, maxcap, start, end, scanned;

    /* UTF-16 decoding */
    UConverter *from, *to;
    char *raw;
    size_t raw_pos, raw_len;
    int raw_eof;
    UChar pivot[PIVOT_SIZE];
    UChar *psrc, *ptgt;
    uint64_t bad_units;
    size_t raw_cap;
    const char *encoding;    /* what the input is decoded from */
    int detected;            /* ... found by mk_charset_detect */
    int legacy;              /* a legacy encoding, not UTF-16 */

    /* JSONL */
    json_t *json;
    mk_buf fix, vals;
    int title_sent;
    const char *text;
    size_t text_len;

    /* stream */
    char *header;
    size_t header_len, ncols;
    long doc_col, par_col, text_col, lang_col;
    size_t *extra_col;
    mk_buf lastdoc, cells;

    /* pass-through columns and the row's values */
    char **names;
    size_t nnames;
    const char **extra;
    size_t *extra_len;
    size_t *offs;
};

void
mk_reader_opts_init(mk_reader_opts *o)
{
    memset(o, 0, sizeof *o);
    o->format = MK_FMT_AUTO;
    o->id_field = "id";
    o->text_field = "text";
    o->title_field = "title";
    o->max_doc = (size_t)16 << 20;
}

static void
count_bad_units(const void *ctx, UConverterToUnicodeArgs *args, const char *units,
                int32_t length, UConverterCallbackReason reason, UErrorCode *ec)
{
    mk_reader *r = (mk_reader *)(uintptr_t)ctx;

    if (reason == UCNV_ILLEGAL || reason == UCNV_IRREGULAR || reason == UCNV_UNASSIGNED)
        r->bad_units++;
    UCNV_TO_U_CALLBACK_SUBSTITUTE(NULL, args, units, length, reason, ec);
}

/* read(2) that retries on EINTR. */
static ssize_t
read_some(int fd, char *p, size_t n)
{
    ssize_t k;

    do
        k = read(fd, p, n);
    while (k < 0 && errno == EINTR);
    return k;
}

static int
read_error(mk_reader *r, mk_error *err, int e)
{
    r->stop = 1;
    r->eof = 1;
    return mk__err_sys(err, MK_EIO, e, "read error");
}

/* Makes room at the end of buf (moving data to the front, growing up to
 * maxcap). Returns the room. */
static size_t
make_room(mk_reader *r)
{
    if (r->start > 0) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
    }
    if (r->end == r->cap && r->cap < r->maxcap) {
        size_t ncap = r->cap * 2 < r->maxcap ? r->cap * 2 : r->maxcap;
        char *p = realloc(r->buf, ncap);
        if (p != NULL) {
            r->buf = p;
            r->cap = ncap;
        }
    }
    return r->cap - r->end;
}

/* Reads more input into buf. Returns bytes added (0 at end of input) or
 * a negative MK_E code. */
static long
fill(mk_reader *r, mk_error *err)
{
    size_t room;
    ssize_t k;

    if (r->eof)
        return 0;
    room = make_room(r);
    if (room == 0)
        return mk__err(err, MK_ENOMEM, r->line, "out of memory");
    if (r->from == NULL) {
        k = read_some(r->fd, r->buf + r->end, room);
        if (k < 0)
            return read_error(r, err, errno);
        if (k == 0) {
            r->eof = 1;
            return 0;
        }
        r->end += (size_t)k;
        if (r->o.stats)
            r->o.stats->bytes_in += (uint64_t)k;
        return k;
    }
    char *tgt = r->buf + r->end;
    for (;;) {
        if (r->raw_pos == r->raw_len && !r->raw_eof) {
            k = read_some(r->fd, r->raw, r->raw_cap);
            if (k < 0)
                return read_error(r, err, errno);
            r->raw_pos = 0;
            r->raw_len = (size_t)k;
            r->raw_eof = k == 0;
            if (r->o.stats)
                r->o.stats->bytes_in += (uint64_t)k;
        }
        const char *src = r->raw + r->raw_pos;
        UErrorCode ec = U_ZERO_ERROR;
        ucnv_convertEx(r->to, r->from, &tgt, r->buf + r->cap, &src, r->raw + r->raw_len,
                       r->pivot, &r->psrc, &r->ptgt, r->pivot + PIVOT_SIZE,
                       0, (UBool)r->raw_eof, &ec);
        r->raw_pos = (size_t)(src - r->raw);
        if (ec == U_BUFFER_OVERFLOW_ERROR)
            break;
        if (U_FAILURE(ec)) {
            r->stop = 1;
            return mk__err(err, MK_EINPUT, r->line, "cannot decode UTF-16: %s",
                           u_errorName(ec));
        }
        if (r->raw_eof) {
            r->eof = 1;
            break;
        }
        if (tgt > r->buf + r->end)
            break;
    }
    k = tgt - (r->buf + r->end);
    r->end = (size_t)(tgt - r->buf);
    return k;
}

/* Where to cut a line of at least LIMIT bytes: at a space near the limit
 * if there is one, else at a character boundary. */
static size_t
cut_point(const char *str, size_t limit)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i, j = limit, need;

    for (i = 0; i < 4096 && i < limit; i++)
        if (s[limit - 1 - i] == ' ')
            return limit - i;
    /* do not split a character: drop an incomplete last one */
    while (j > 0 && limit - j < 3 && (s[j - 1] & 0xC0) == 0x80)
        j--;
    if (j == 0)
        return limit;
    need = s[j - 1] >= 0xF0 ? 4 : s[j - 1] >= 0xE0 ? 3 : s[j - 1] >= 0xC0 ? 2 : 1;
    return need > limit - (j - 1) && j > 1 ? j - 1 : limit;
}

/* The next line (without its line end) or piece of line. Returns 1, 0 at
 * end of input, negative on error. *PIECE is set when the line was cut at
 * the cap and goes on. */
static int
next_line(mk_reader *r, const char **lp, size_t *llen, int *piece, mk_error *err)
{
    size_t cap = r->o.max_doc;

    *piece = 0;
    for (;;) {
        char *s = r->buf + r->start;
        size_t avail = r->end - r->start, scan = r->scanned;
        char *nl = memchr(s + scan, '\n', avail - scan);
        size_t upto = nl ? (size_t)(nl - s) : avail;
        char *cr = memchr(s + scan, '\r', upto - scan);

        if ((cr != NULL && (size_t)(cr - s) > cap) || (cr == NULL && upto > cap)) {
            /* the line goes on past the cap: hand out a piece of it */
            size_t k = cut_point(s, cap);
            *lp = s;
            *llen = k;
            *piece = 1;
            r->start += k;
            r->scanned = 0;
            return 1;
        }
        if (cr != NULL) {
            size_t k = (size_t)(cr - s);
            if (k + 1 < avail || r->eof) {
                *lp = s;
                *llen = k;
                r->start += k + 1 + (k + 1 < avail && s[k + 1] == '\n');
                r->scanned = 0;
                return 1;
            }
            upto = k;    /* a CR at the end: is an LF next? */
        } else if (nl != NULL) {
            *lp = s;
            *llen = upto;
            r->start += upto + 1;
            r->scanned = 0;
            return 1;
        } else if (r->eof) {
            if (avail == 0)
                return 0;
            *lp = s;
            *llen = avail;
            r->start = r->end;
            r->scanned = 0;
            return 1;
        }
        r->scanned = upto;
        if (avail >= cap) {
            size_t k = cut_point(s, cap);
            *lp = s;
            *llen = k;
            *piece = 1;
            r->start += k;
            r->scanned = 0;
            return 1;
        }
        long got = fill(r, err);
        if (got < 0)
            return (int)got;
    }
}

/* Are the LEN (< 4) bytes at S the valid start of a longer UTF-8
 * character? */
static int
utf8_incomplete(const unsigned char *s, size_t len)
{
    size_t bad = 0;

    if (len == 0 || len >= 4)
        return 0;
    return mk__utf8_seq(s, len, &bad) == 0 && bad == len;
}

/* UTF-8 with a few broken bytes, not a legacy encoding: many valid
 * multi-byte characters, and at least 20 times as many as invalid bytes. */
static int
mostly_utf8(const unsigned char *s, size_t len)
{
    size_t i = 0, multi = 0, bad = 0, k, b;

    while (i < len) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        k = mk__utf8_seq(s + i, len - i, &b);
        if (k > 0) {
            multi++;
            i += k;
        } else {
            bad += b;
            i += b;
        }
    }
    return multi >= 8 && multi >= 20 * bad;
}

mk_reader *
mk_reader_new(const char *path, const mk_reader_opts *o, mk_error *err)
{
    mk_reader *r;
    struct stat st;
    size_t i;

    r = calloc(1, sizeof *r);
    if (r == NULL) {
        mk__err(err, MK_ENOMEM, 0, "out of memory");
        return NULL;
    }
    r->o = *o;
    if (r->o.max_doc < 16)
        r->o.max_doc = 16;
    r->fd = -1;
    r->newdoc = 1;
    r->doc_col = r->par_col = r->text_col = r->lang_col = -1;
    r->path = strdup(path);
    r->path_len = strlen(path);
    r->cap = RBUF_INIT;
    r->maxcap = r->o.max_doc + 8 > RBUF_INIT ? r->o.max_doc + 8 : RBUF_INIT;
    r->buf = malloc(r->cap);
    if (r->path == NULL || r->buf == NULL) {
        mk__err(err, MK_ENOMEM, 0, "out of memory");
        goto fail;
    }
    if (strcmp(path, "-") == 0) {
        r->fd = 0;
    } else {
        r->fd = open(path, O_RDONLY | O_CLOEXEC);
        if (r->fd < 0) {
            mk__err_sys(err, MK_EIO, errno, "cannot open");
            goto fail;
        }
        r->own_fd = 1;
    }
    if (fstat(r->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        mk__err_sys(err, MK_EIO, EISDIR, "cannot read");
        goto fail;
    }
    if (r->o.stats)
        r->o.stats->files++;

    /* Byte order marks: UTF-8's is dropped, UTF-16 switches on a
     * converter; so does --from, or a detected legacy encoding. */
    {
        int autodetect = r->o.from != NULL && strcmp(r->o.from, "auto") == 0;
        size_t want = autodetect ? SAMPLE_MAX : 4, skip = 0;
        const char *enc = NULL;

        while (r->end < want && !r->eof)
            if (fill(r, err) < 0)
                goto fail;
        const unsigned char *b = (const unsigned char *)r->buf;
        size_t n = r->end;
        r->encoding = "UTF-8";
        if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
            r->start = 3;
            if (r->o.stats)
                r->o.stats->boms++;
        } else if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
            enc = "UTF-16LE";
            skip = 2;
        } else if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
            enc = "UTF-16BE";
            skip = 2;
        } else if (r->o.from != NULL && !autodetect && ucnv_compareNames(r->o.from, "UTF-8") != 0) {
            enc = r->o.from;
        } else if (autodetect) {
            size_t good = mk_utf8_valid_prefix(r->buf, n);
            /* a character cut at the end of the sample is not an error */
            if (good < n && (r->eof || n - good >= 4 ||
                             !utf8_incomplete((const unsigned char *)r->buf + good, n - good)) &&
                !mostly_utf8((const unsigned char *)r->buf, n)) {
                enc = mk_charset_detect(r->buf, n);
                r->detected = 1;
            }
        }
        if (enc != NULL) {
            UErrorCode ec = U_ZERO_ERROR;
            r->from = ucnv_open(enc, &ec);
            if (U_SUCCESS(ec))
                r->to = ucnv_open("UTF-8", &ec);
            if (U_SUCCESS(ec))
                ucnv_setToUCallBack(r->from, count_bad_units, r, NULL, NULL, &ec);
            r->raw_cap = n > RAW_SIZE ? n : RAW_SIZE;
            r->raw = malloc(r->raw_cap);
            if (U_FAILURE(ec) || r->raw == NULL) {
                mk__err(err, U_FAILURE(ec) ? MK_EICU : MK_ENOMEM, 0,
                        "cannot open a converter for %s", enc);
                goto fail;
            }
            memcpy(r->raw, r->buf + skip, n - skip);
            r->raw_len = n - skip;
            r->raw_eof = r->eof;
            r->eof = 0;
            r->start = r->end = 0;
            r->psrc = r->ptgt = r->pivot;
            r->encoding = enc;
            r->legacy = skip == 0;
            if (r->o.stats) {
                if (skip > 0) {
                    r->o.stats->boms++;
                    r->o.stats->utf16_files++;
                } else {
                    r->o.stats->legacy_files++;
                }
            }
        }
    }

    r->format = r->o.format;
    if (r->format == MK_FMT_AUTO || r->format == MK_FMT_STREAM) {
        /* a stream starts with its header line */
        char *nl;
        while ((nl = memchr(r->buf + r->start, '\n', r->end - r->start)) == NULL &&
               !r->eof && r->end - r->start < SAMPLE_MAX)
            if (fill(r, err) < 0)
                goto fail;
        size_t l = nl ? (size_t)(nl - (r->buf + r->start)) : r->end - r->start;
        const char *s = r->buf + r->start;
        if (l > 0 && s[l - 1] == '\r')
            l--;
        if (mk_tsv_is_header(s, l)) {
            r->format = MK_FMT_STREAM;
        } else if (r->format == MK_FMT_STREAM) {
            mk__err(err, MK_EINPUT, 1, "not a mekong stream: no header line");
            goto fail;
        } else {
            r->format = MK_FMT_TEXT;
        }
    }
    if (r->format == MK_FMT_STREAM) {
        const char *lp;
        size_t ll, start, k;
        int piece;
        if (next_line(r, &lp, &ll, &piece, err) < 0)
            goto fail;
        r->line = 1;
        if (r->o.stats)
            r->o.stats->lines++;
        r->header = malloc(ll + 1);
        r->extra_col = calloc(ll + 1, sizeof *r->extra_col);
        r->names = calloc(ll + 1, sizeof *r->names);
        if (r->header == NULL || r->extra_col == NULL || r->names == NULL) {
            mk__err(err, MK_ENOMEM, 0, "out of memory");
            goto fail;
        }
        memcpy(r->header, lp, ll);
        r->header[ll] = '\0';
        r->header_len = ll;
        for (start = 0, k = 0; k <= ll; k++) {
            if (k < ll && lp[k] != '\t')
                continue;
            size_t fl = k - start;
            const char *f = r->header + start;
            long col = (long)r->ncols++;
            if (fl == 3 && memcmp(f, "doc", 3) == 0 && r->doc_col < 0)
                r->doc_col = col;
            else if (fl == 3 && memcmp(f, "par", 3) == 0 && r->par_col < 0)
                r->par_col = col;
            else if (fl == 4 && memcmp(f, "text", 4) == 0 && r->text_col < 0)
                r->text_col = col;
            else if (fl == 4 && memcmp(f, "lang", 4) == 0 && r->lang_col < 0)
                r->lang_col = col;
            else if (!(fl == 4 && memcmp(f, "lang", 4) == 0)) {
                r->names[r->nnames] = strndup(f, fl);
                if (r->names[r->nnames] == NULL) {
                    mk__err(err, MK_ENOMEM, 0, "out of memory");
                    goto fail;
                }
                r->extra_col[r->nnames++] = (size_t)col;
            }
            start = k + 1;
        }
        if (r->text_col < 0) {
            mk__err(err, MK_EINPUT, 1, "stream has no text column");
            goto fail;
        }
    } else if (r->format == MK_FMT_JSONL) {
        r->names = calloc(r->o.nfields + 1, sizeof *r->names);
        if (r->names == NULL) {
            mk__err(err, MK_ENOMEM, 0, "out of memory");
            goto fail;
        }
        for (i = 0; i < r->o.nfields; i++) {
            r->names[i] = strdup(r->o.fields[i]);
            if (r->names[i] == NULL) {
                mk__err(err, MK_ENOMEM, 0, "out of memory");
                goto fail;
            }
        }
        r->nnames = r->o.nfields;
    }
    r->extra = calloc(r->nnames + 1, sizeof *r->extra);
    r->extra_len = calloc(r->nnames + 1, sizeof *r->extra_len);
    r->offs = calloc(r->nnames + 1, sizeof *r->offs);
    if (r->extra == NULL || r->extra_len == NULL || r->offs == NULL) {
        mk__err(err, MK_ENOMEM, 0, "out of memory");
        goto fail;
    }
    return r;
fail:
    mk_reader_free(r);
    return NULL;
}

int
mk_reader_format(const mk_reader *r)
{
    return r->format;
}

const char *
mk_reader_encoding(const mk_reader *r, int *detected)
{
    if (detected != NULL)
        *detected = r->detected;
    return r->encoding;
}

size_t
mk_reader_columns(const mk_reader *r, const char *const **names)
{
    *names = (const char *const *)r->names;
    return r->nnames;
}

void
mk_reader_sample(mk_reader *r, const char **s, size_t *len)
{
    mk_error err;
    size_t lines = 0, pos;

    for (;;) {
        const char *b = r->buf + r->start;
        size_t avail = r->end - r->start;
        lines = 0;
        for (pos = 0; pos < avail; pos++)
            lines += b[pos] == '\n';
        if (r->eof || avail >= SAMPLE_MAX || lines >= SAMPLE_LINES)
            break;
        if (fill(r, &err) < 0)
            break;
    }
    *s = r->buf + r->start;
    *len = r->end - r->start;
    if (!r->eof) {
        const char *nl = NULL;
        for (pos = *len; pos > 0; pos--)
            if ((*s)[pos - 1] == '\n') {
                nl = *s + pos;
                break;
            }
        *len = nl ? (size_t)(nl - *s) : *len;
    }
}

static void
finish_file(mk_reader *r)
{
    if (r->bad_units > 0) {
        if (r->o.stats) {
            if (r->legacy)
                r->o.stats->undecodable += r->bad_units;
            else
                r->o.stats->invalid_utf16 += r->bad_units;
        }
        mk__warn(r->o.warn, r->o.warn_ctx, r->o.stats, r->path, 0,
                 "invalid %s, %llu byte sequences replaced", r->encoding,
                 (unsigned long long)r->bad_units);
        r->bad_units = 0;
    }
}

/* A bad line: an error that stops the reader, or counted and skipped. */
static int
bad_line(mk_reader *r, long line, mk_error *err, const char *fmt, const char *detail)
{
    char msg[200];

    snprintf(msg, sizeof msg, fmt, detail);
    if (r->o.skip_bad) {
        if (r->o.stats)
            r->o.stats->bad_lines++;
        mk__warn(r->o.warn, r->o.warn_ctx, r->o.stats, r->path, line, "%s, line skipped", msg);
        return 0;
    }
    r->stop = 1;
    return mk__err(err, MK_EINPUT, line, "%s", msg);
}

#define SKIPPED 2

/* The next whole line of a JSONL or stream input, numbered in *LINE.
 * Returns 1, 0 at end of input, SKIPPED when a line longer than the cap
 * was skipped (a bad line, counted), or a negative MK_E code. */
static int
record_line(mk_reader *r, const char *what, const char **lp, size_t *ll, long *line,
            mk_error *err)
{
    char cap[32], fmt[64];
    int piece, rc = next_line(r, lp, ll, &piece, err);

    if (rc <= 0) {
        if (rc == 0)
            finish_file(r);
        return rc;
    }
    *line = ++r->line;
    if (r->o.stats)
        r->o.stats->lines++;
    if (!piece)
        return 1;
    do {    /* the rest of the over-long line */
        rc = next_line(r, lp, ll, &piece, err);
        if (rc < 0)
            return rc;
    } while (rc > 0 && piece);
    snprintf(cap, sizeof cap, "%zu", r->o.max_doc);
    snprintf(fmt, sizeof fmt, "%s longer than --max-doc (%%s bytes)", what);
    rc = bad_line(r, *line, err, fmt, cap);
    return rc < 0 ? rc : SKIPPED;
}

/* A JSON scalar as text, appended to r->vals; returns its offset or -1
 * when VALUE is not a scalar. */
static long
scalar_text(mk_reader *r, json_t *value, size_t *len)
{
    char tmp[64];
    const char *s = tmp;
    size_t off = r->vals.len;
    int n;

    switch (json_typeof(value)) {
    case JSON_STRING:
        s = json_string_value(value);
        n = (int)json_string_length(value);
        break;
    case JSON_INTEGER:
        n = snprintf(tmp, sizeof tmp, "%" JSON_INTEGER_FORMAT, json_integer_value(value));
        break;
    case JSON_REAL:
        n = snprintf(tmp, sizeof tmp, "%.17g", json_real_value(value));
        break;
    case JSON_TRUE:
        n = snprintf(tmp, sizeof tmp, "true");
        break;
    case JSON_FALSE:
        n = snprintf(tmp, sizeof tmp, "false");
        break;
    case JSON_NULL:
        n = 0;
        break;
    default:
        return -1;
    }
    if (mk__buf_add(&r->vals, s, (size_t)n) != 0)
        return -2;
    *len = (size_t)n;
    return (long)off;
}

static int
next_jsonl(mk_reader *r, mk_row *row, mk_error *err)
{
    const char *lp;
    size_t ll, i;
    int rc;
    json_error_t jerr;
    json_t *v;

    /* the text of a document whose title went out first */
    if (r->json != NULL && r->title_sent) {
        r->title_sent = 0;
        row->text = r->text;
        row->text_len = r->text_len;
        row->par = -1;
        row->flags = MK_ROW_BLOCK;
        return 1;
    }
    for (;;) {
        if (r->json != NULL) {
            json_decref(r->json);
            r->json = NULL;
        }
        long line;
        rc = record_line(r, "line", &lp, &ll, &line, err);
        if (rc <= 0)
            return rc;
        if (rc == SKIPPED)
            continue;
        for (i = 0; i < ll && (lp[i] == ' ' || lp[i] == '\t' || lp[i] == '\r'); i++)
            ;
        if (i == ll)
            continue;      /* a blank line holds no document */
        if (mk_utf8_valid_prefix(lp, ll) != ll) {
            long bad = mk__utf8_repair(lp, ll, &r->fix);
            if (bad < 0)
                return mk__err(err, MK_ENOMEM, line, "out of memory");
            if (r->o.stats)
                r->o.stats->invalid_utf8 += (uint64_t)bad;
            mk__warn(r->o.warn, r->o.warn_ctx, r->o.stats, r->path, line,
                     "invalid UTF-8, %ld sequences replaced", bad);
            lp = r->fix.p;
            ll = r->fix.len;
        }
        r->json = json_loadb(lp, ll, JSON_ALLOW_NUL | JSON_DECODE_ANY, &jerr);
        if (r->json == NULL) {
            rc = bad_line(r, line, err, "malformed JSON: %s", jerr.text);
            if (rc < 0)
                return rc;
            continue;
        }
        if (!json_is_object(r->json)) {
            rc = bad_line(r, line, err, "%s", "JSON line is not an object");
            if (rc < 0)
                return rc;
            continue;
        }
        v = json_object_get(r->json, r->o.text_field);
        if (!json_is_string(v)) {
            rc = bad_line(r, line, err, v == NULL ? "no \"%s\" field" : "\"%s\" is not a string",
                          r->o.text_field);
            if (rc < 0)
                return rc;
            continue;
        }
        r->text = json_string_value(v);
        r->text_len = json_string_length(v);

        /* id and pass-through fields */
        r->vals.len = 0;
        if (mk__buf_reserve(&r->vals, 64) != 0)
            return mk__err(err, MK_ENOMEM, line, "out of memory");
        size_t idlen = 0;
        long idoff;
        v = json_object_get(r->json, r->o.id_field);
        if (v == NULL || json_is_null(v) || (idoff = scalar_text(r, v, &idlen)) < 0) {
            if (r->o.stats)
                r->o.stats->no_id++;
            idoff = (long)r->vals.len;
            if (mk__buf_add(&r->vals, "-", 1) != 0)
                return mk__err(err, MK_ENOMEM, line, "out of memory");
            idlen = 1;
        }
        size_t *offs = r->offs;
        for (i = 0; i < r->nnames; i++) {
            v = json_object_get(r->json, r->names[i]);
            long off = 0;
            r->extra_len[i] = 0;
            if (v != NULL && (off = scalar_text(r, v, &r->extra_len[i])) == -1) {
                mk__warn(r->o.warn, r->o.warn_ctx, r->o.stats, r->path, line,
                         "field \"%s\" is not a scalar, left empty", r->names[i]);
                off = 0;
            }
            if (off == -2)
                return mk__err(err, MK_ENOMEM, line, "out of memory");
            offs[i] = (size_t)off;
        }
        for (i = 0; i < r->nnames; i++)
            r->extra[i] = r->vals.p + offs[i];
        row->doc = r->vals.p + idoff;
        row->doc_len = idlen;
        row->lang = NULL;
        row->lang_len = 0;
        row->line = line;
        row->par = -1;
        row->nextra = r->nnames;
        row->extra = r->extra;
        row->extra_len = r->extra_len;
        if (r->o.stats)
            r->o.stats->documents++;

        v = r->o.title_field && *r->o.title_field ?
            json_object_get(r->json, r->o.title_field) : NULL;
        if (json_is_string(v) && json_string_length(v) > 0) {
            row->text = json_string_value(v);
            row->text_len = json_string_length(v);
            row->par = 0;
            row->flags = MK_ROW_NEWDOC | MK_ROW_TITLE | MK_ROW_BLOCK;
            r->title_sent = 1;
            return 1;
        }
        row->text = r->text;
        row->text_len = r->text_len;
        row->flags = MK_ROW_NEWDOC | MK_ROW_BLOCK;
        return 1;
    }
}

static int
next_stream(mk_reader *r, mk_row *row, mk_error *err)
{
    const char *lp;
    size_t ll, i, k, start, n;
    int rc;

    for (;;) {
        long line;
        rc = record_line(r, "row", &lp, &ll, &line, err);
        if (rc <= 0)
            return rc;
        if (rc == SKIPPED)
            continue;
        if (ll > 0 && lp[ll - 1] == '\r')
            ll--;
        if (ll == 0)
            continue;
        if (ll == r->header_len && memcmp(lp, r->header, ll) == 0) {
            if (r->o.stats)
                r->o.stats->headers_skipped++;
            continue;
        }
        /* check the row before unescaping it in place: a cell that
         * shrinks leaves stale bytes behind it */
        if (mk_utf8_valid_prefix(lp, ll) != ll) {
            rc = bad_line(r, line, err, "%s", "invalid UTF-8 in a stream row");
            if (rc < 0)
                return rc;
            continue;
        }
        /* split into cells, unescaping each in place */
        char *p = (char *)lp;
        r->cells.len = 0;
        if (mk__buf_reserve(&r->cells, (r->ncols + 1) * 2 * sizeof(size_t)) != 0)
            return mk__err(err, MK_ENOMEM, line, "out of memory");
        size_t *cell = (size_t *)(void *)r->cells.p;
        for (n = 0, start = 0, k = 0; k <= ll; k++) {
            if (k < ll && p[k] != '\t')
                continue;
            if (n < r->ncols) {
                cell[2 * n] = start;
                cell[2 * n + 1] = mk_tsv_unescape(p + start, p + start, k - start, NULL);
            }
            n++;
            start = k + 1;
        }
        if (n != r->ncols) {
            char what[64];
            snprintf(what, sizeof what, "%zu fields, the header has %zu", n, r->ncols);
            rc = bad_line(r, line, err, "row has %s", what);
            if (rc < 0)
                return rc;
            continue;
        }
        const char *doc = r->path;
        size_t dl = strlen(r->path);
        if (r->doc_col >= 0) {
            doc = p + cell[2 * r->doc_col];
            dl = cell[2 * r->doc_col + 1];
        }
        row->flags = MK_ROW_BLOCK;
        if (r->newdoc || dl != r->lastdoc.len || (dl > 0 && memcmp(doc, r->lastdoc.p, dl) != 0)) {
            r->newdoc = 0;
            row->flags |= MK_ROW_NEWDOC;
            r->lastdoc.len = 0;
            if (mk__buf_add(&r->lastdoc, doc, dl) != 0)
                return mk__err(err, MK_ENOMEM, line, "out of memory");
            if (r->o.stats)
                r->o.stats->documents++;
        }
        row->doc = doc;
        row->doc_len = dl;
        row->text = p + cell[2 * r->text_col];
        row->text_len = cell[2 * r->text_col + 1];
        row->line = line;
        row->par = -1;
        row->lang = NULL;
        row->lang_len = 0;
        if (r->lang_col >= 0) {
            row->lang = p + cell[2 * r->lang_col];
            row->lang_len = cell[2 * r->lang_col + 1];
        }
        if (r->par_col >= 0) {
            const char *pv = p + cell[2 * r->par_col];
            size_t pl = cell[2 * r->par_col + 1];
            long v = 0;
            for (i = 0; i < pl && i < 12 && pv[i] >= '0' && pv[i] <= '9'; i++)
                v = v * 10 + (pv[i] - '0');
            if (pl > 0 && i == pl)
                row->par = v;
        }
        if (row->par == 0)
            row->flags |= MK_ROW_TITLE;
        for (i = 0; i < r->nnames; i++) {
            r->extra[i] = p + cell[2 * r->extra_col[i]];
            r->extra_len[i] = cell[2 * r->extra_col[i] + 1];
        }
        row->nextra = r->nnames;
        row->extra = r->extra;
        row->extra_len = r->extra_len;
        return 1;
    }
}

static int
next_text(mk_reader *r, mk_row *row, mk_error *err)
{
    const char *lp;
    size_t ll;
    int piece, rc;

    rc = next_line(r, &lp, &ll, &piece, err);
    if (rc < 0)
        return rc;
    if (rc == 0 && r->newdoc) {
        /* an empty file is still a document, with no paragraphs */
        lp = "";
        ll = 0;
        piece = 0;
        r->line = 0;
    } else if (rc == 0) {
        finish_file(r);
        return 0;
    } else if (!r->in_piece) {
        r->line++;
    }
    if (rc > 0 && !piece && r->o.stats)
        r->o.stats->lines++;
    r->in_piece = piece;
    row->doc = r->path;
    row->doc_len = r->path_len;
    row->lang = NULL;
    row->lang_len = 0;
    row->text = lp;
    row->text_len = ll;
    row->line = r->line;
    row->par = -1;
    row->flags = piece ? MK_ROW_PIECE : 0;
    if (r->newdoc) {
        row->flags |= MK_ROW_NEWDOC;
        r->newdoc = 0;
        if (r->o.stats)
            r->o.stats->documents++;
    }
    row->nextra = 0;
    row->extra = r->extra;
    row->extra_len = r->extra_len;
    return 1;
}

int
mk_reader_next(mk_reader *r, mk_row *row, mk_error *err)
{
    if (r->stop)
        return 0;
    switch (r->format) {
    case MK_FMT_JSONL:
        return next_jsonl(r, row, err);
    case MK_FMT_STREAM:
        return next_stream(r, row, err);
    default:
        return next_text(r, row, err);
    }
}

void
mk_reader_free(mk_reader *r)
{
    size_t i;

    if (r == NULL)
        return;
    if (r->own_fd && r->fd >= 0)
        close(r->fd);
    if (r->from)
        ucnv_close(r->from);
    if (r->to)
        ucnv_close(r->to);
    if (r->json)
        json_decref(r->json);
    for (i = 0; i < r->nnames; i++)
        free(r->names[i]);
    free(r->names);
    free(r->extra);
    free(r->extra_len);
    free(r->offs);
    free(r->extra_col);
    free(r->header);
    free(r->raw);
    free(r->buf);
    free(r->path);
    mk__buf_free(&r->fix);
    mk__buf_free(&r->vals);
    mk__buf_free(&r->lastdoc);
    mk__buf_free(&r->cells);
    free(r);
}
