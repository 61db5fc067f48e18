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
    char tmp[512];
    size_t i = 0, start = 0;

    /* Runs without special bytes go straight through; the rest in pieces. */
    for (i = 0; i < len; i++) {
        char c = s[i];
        if (c == '\t' || c == '\n' || c == '\r' || c == '\\') {
            mk_writer_put(w, s + start, i - start);
            mk_writer_put(w, tmp, mk_tsv_escape(tmp, s + i, 1));
            start = i + 1;
        }
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
