/*
 * writer.c - buffered output to a file descriptor that keeps the first
 * write error, so a filter can stop early and report it once at the end.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#define WBUF (64 * 1024)

struct mk_writer {
    int fd;
    int err;            /* errno of the first failed write */
    size_t len;
    uint64_t bytes;
    /* JSON Lines (mk_writer_set_jsonl): the TSV line being written, and
     * the header line, which names the keys */
    int jsonl, nomem;
    char *line, *head;
    size_t llen, lcap, hlen;
    char buf[WBUF];
};

mk_writer *
mk_writer_new(int fd)
{
    mk_writer *w = calloc(1, sizeof *w);

    if (w != NULL)
        w->fd = fd;
    return w;
}

static void
drain(mk_writer *w)
{
    size_t off = 0;
    ssize_t k;

    while (off < w->len && w->err == 0) {
        k = write(w->fd, w->buf + off, w->len - off);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            w->err = errno;
            break;
        }
        off += (size_t)k;
    }
    w->len = 0;
}

static void json_put(mk_writer *w, const char *s, size_t len);

void
mk_writer_put(mk_writer *w, const char *s, size_t len)
{
    if (w->err != 0)
        return;
    if (w->jsonl) {
        json_put(w, s, len);
        return;
    }
    w->bytes += len;
    while (len > 0) {
        size_t room = WBUF - w->len, k = len < room ? len : room;
        memcpy(w->buf + w->len, s, k);
        w->len += k;
        s += k;
        len -= k;
        if (w->len == WBUF)
            drain(w);
        if (w->err != 0)
            return;
    }
}

void
mk_writer_putc(mk_writer *w, char c)
{
    if (w->err != 0)
        return;
    if (w->jsonl) {
        json_put(w, &c, 1);
        return;
    }
    if (w->len == WBUF)
        drain(w);
    w->buf[w->len++] = c;
    w->bytes++;
}

void
mk_writer_put_field(mk_writer *w, const char *s, size_t len)
{
    static const char specials[] = "\t\n\r\\";
    const char *next[4], *p;
    char tmp[2];
    size_t start = 0;
    int j;

    if (len < 48) {
        /* short fields (ids, numbers, tokens): one pass is cheapest */
        for (size_t i = 0; i < len; i++) {
            char c = s[i];
            if (c == '\t' || c == '\n' || c == '\r' || c == '\\') {
                mk_writer_put(w, s + start, i - start);
                mk_writer_put(w, tmp, mk_tsv_escape(tmp, s + i, 1));
                start = i + 1;
            }
        }
        mk_writer_put(w, s + start, len - start);
        return;
    }
    /* the next occurrence of each special byte; libc's memchr is fast on
     * the long runs without any */
    for (j = 0; j < 4; j++)
        next[j] = memchr(s, specials[j], len);
    for (;;) {
        p = NULL;
        for (j = 0; j < 4; j++)
            if (next[j] != NULL && (p == NULL || next[j] < p))
                p = next[j];
        if (p == NULL)
            break;
        size_t i = (size_t)(p - s);
        mk_writer_put(w, s + start, i - start);
        mk_writer_put(w, tmp, mk_tsv_escape(tmp, p, 1));
        start = i + 1;
        for (j = 0; j < 4; j++)
            if (next[j] == p)
                next[j] = memchr(p + 1, specials[j], len - start);
    }
    mk_writer_put(w, s + start, len - start);
}

/* ------------------------------------------------------------------ */
/* JSON Lines: each TSV line the program writes becomes an object. */

/* Writes S[0..N) to the buffer as it is. */
static void
raw(mk_writer *w, const char *s, size_t n)
{
    int j = w->jsonl;

    w->jsonl = 0;
    mk_writer_put(w, s, n);
    w->jsonl = j;
}

/* Writes the TSV field S[0..N) unescaped, as a JSON string's content. */
static void
json_str(mk_writer *w, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, start = 0;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char e[8];
        size_t el = 0, skip = 1;
        if (c == '\\' && i + 1 < n) {
            char d = s[i + 1];
            /* the TSV escapes, as JSON ones */
            e[0] = '\\';
            e[1] = d == 't' ? 't' : d == 'n' ? 'n' : d == 'r' ? 'r' : '\\';
            el = 2;
            skip = 2;
            if (d != 't' && d != 'n' && d != 'r' && d != '\\')
                skip = 1;   /* a lone backslash is itself */
        } else if (c == '\\' || c == '"') {
            e[0] = '\\';
            e[1] = (char)c;
            el = 2;
        } else if (c < 0x20 || c == 0x7F) {
            memcpy(e, "\\u00", 4);
            e[4] = hex[c >> 4];
            e[5] = hex[c & 15];
            el = 6;
        } else {
            continue;
        }
        raw(w, s + start, i - start);
        raw(w, e, el);
        start = i + skip;
        i += skip - 1;
    }
    raw(w, s + start, n - start);
}

/* Is the column named K[0..N) a count or an offset, written as a number? */
static int
numeric_column(const char *k, size_t n)
{
    static const char *const cols[] = { "par", "sent", "tok", "start", "end" };

    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
        if (strlen(cols[i]) == n && memcmp(cols[i], k, n) == 0)
            return 1;
    return 0;
}

/* The line in w->line: the first one is the header, kept; a copy of it
 * is dropped; any other is written as {"key": value, ...}. */
static void
json_line(mk_writer *w)
{
    const char *l = w->line, *h = w->head;
    size_t n = w->llen, i = 0, hi = 0, col = 0;

    if (w->head == NULL) {
        w->head = malloc(n + 1);
        if (w->head == NULL) {
            w->nomem = 1;
            w->err = ENOMEM;
            return;
        }
        memcpy(w->head, l, n);
        w->hlen = n;
        return;
    }
    if (n == w->hlen && memcmp(l, w->head, n) == 0)
        return;
    raw(w, "{", 1);
    while (i <= n) {
        size_t fe = i, ke = hi;
        while (fe < n && l[fe] != '\t')
            fe++;
        while (ke < w->hlen && h[ke] != '\t')
            ke++;
        char name[24];
        const char *key = h + hi;
        size_t kl = ke - hi;
        if (hi >= w->hlen) {   /* more fields than names */
            kl = (size_t)snprintf(name, sizeof name, "col%zu", col + 1);
            key = name;
        }
        if (col > 0)
            raw(w, ",", 1);
        raw(w, "\"", 1);
        json_str(w, key, kl);
        raw(w, "\":", 2);
        int num = numeric_column(key, kl) && fe > i && fe - i < 20;
        for (size_t k = i; num && k < fe; k++)
            num = l[k] >= '0' && l[k] <= '9';
        if (num) {
            raw(w, l + i, fe - i);
        } else {
            raw(w, "\"", 1);
            json_str(w, l + i, fe - i);
            raw(w, "\"", 1);
        }
        col++;
        i = fe + 1;
        hi = ke < w->hlen ? ke + 1 : w->hlen;
    }
    raw(w, "}\n", 2);
}

static void
json_put(mk_writer *w, const char *s, size_t len)
{
    while (len > 0 && w->err == 0) {
        const char *nl = memchr(s, '\n', len);
        size_t k = nl != NULL ? (size_t)(nl - s) : len;
        if (w->llen + k > w->lcap) {
            size_t cap = w->lcap ? w->lcap : 256;
            while (cap < w->llen + k)
                cap *= 2;
            char *p = realloc(w->line, cap);
            if (p == NULL) {
                w->nomem = 1;
                w->err = ENOMEM;
                return;
            }
            w->line = p;
            w->lcap = cap;
        }
        memcpy(w->line + w->llen, s, k);
        w->llen += k;
        if (nl == NULL)
            return;
        json_line(w);
        w->llen = 0;
        s += k + 1;
        len -= k + 1;
    }
}

void
mk_writer_set_jsonl(mk_writer *w)
{
    w->jsonl = 1;
}

int
mk_writer_flush(mk_writer *w, mk_error *err)
{
    if (w->jsonl && w->llen > 0 && w->err == 0) {
        json_line(w);   /* a last line without its newline */
        w->llen = 0;
    }
    if (w->nomem)
        return mk__err(err, MK_ENOMEM, 0, "out of memory");
    if (w->err == 0 && w->len > 0)
        drain(w);
    if (w->err != 0)
        return mk__err_sys(err, MK_EIO, w->err, "write error");
    return 0;
}

int
mk_writer_errno(const mk_writer *w)
{
    return w->err;
}

uint64_t
mk_writer_bytes(const mk_writer *w)
{
    return w->bytes;
}

void
mk_writer_free(mk_writer *w)
{
    if (w == NULL)
        return;
    free(w->line);
    free(w->head);
    free(w);
}
