/*
 * writer.c - buffered output to a file descriptor that keeps the first
 * write error, so a filter can stop early and report it once at the end.
 */
#include <errno.h>
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

void
mk_writer_put(mk_writer *w, const char *s, size_t len)
{
    if (w->err != 0)
        return;
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

int
mk_writer_flush(mk_writer *w, mk_error *err)
{
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
    free(w);
}
