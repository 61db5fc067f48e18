/*
 * util.c - errors, warnings, buffers and library versions.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <pcre2.h>
#include <unicode/uversion.h>
#include <utf8proc.h>

#include "internal.h"

const char *
mk_strerror(int code)
{
    switch (code) {
    case 0:          return "success";
    case MK_EIO:     return "input/output error";
    case MK_ENOMEM:  return "out of memory";
    case MK_EINPUT:  return "malformed input";
    case MK_ELIMIT:  return "input past a limit";
    case MK_EUSAGE:  return "bad argument";
    case MK_EICU:    return "ICU service unavailable";
    default:         return "unknown error";
    }
}

void
mk_free(void *p)
{
    free(p);
}

char *
mk_versions(char *buf, size_t size)
{
    UVersionInfo v;
    char icu[U_MAX_VERSION_STRING_LENGTH];
    char pcre[64] = "?";

    u_getVersion(v);
    u_versionToString(v, icu);
    (void)pcre2_config(PCRE2_CONFIG_VERSION, pcre);
    snprintf(buf, size, "ICU %s, PCRE2 %s, utf8proc %s, jansson %s",
             icu, pcre, utf8proc_version(), jansson_version_str());
    return buf;
}

int
mk__buf_reserve(mk_buf *b, size_t n)
{
    size_t need, cap;
    char *p;

    if (n > SIZE_MAX - b->len)
        return MK_ENOMEM;
    need = b->len + n;
    if (need <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    p = realloc(b->p, cap);
    if (p == NULL)
        return MK_ENOMEM;
    b->p = p;
    b->cap = cap;
    return 0;
}

int
mk__buf_add(mk_buf *b, const char *s, size_t n)
{
    if (mk__buf_reserve(b, n) != 0)
        return MK_ENOMEM;
    if (n > 0)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    return 0;
}

void
mk__buf_free(mk_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

int
mk__err(mk_error *err, int code, long line, const char *fmt, ...)
{
    va_list ap;

    if (err != NULL) {
        err->code = code;
        err->sys_errno = 0;
        err->line = line;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

int
mk__err_sys(mk_error *err, int code, int sys_errno, const char *fmt, ...)
{
    va_list ap;

    if (err != NULL) {
        err->code = code;
        err->sys_errno = sys_errno;
        err->line = 0;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

void
mk__warn(mk_warn_fn warn, void *ctx, mk_stats *st, const char *file, long line,
         const char *fmt, ...)
{
    char msg[256];
    va_list ap;

    if (st != NULL)
        st->warnings++;
    if (warn == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    warn(ctx, file, line, msg);
}

long
mk__bsearch_str(const void *table, size_t count, size_t stride, const char *key, size_t n)
{
    size_t lo = 0, hi = count;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *a = *(const char *const *)(const void *)((const char *)table + mid * stride);
        int c = strncmp(a, key, n);
        if (c == 0 && a[n] != '\0')
            c = 1;
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

int
mk__grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap : 16;
    while (nc < need)
        nc *= 2;
    void *q = realloc(*p, nc * size);
    if (q == NULL)
        return MK_ENOMEM;
    *p = q;
    *cap = nc;
    return 0;
}

uint32_t
mk__fnv1a(const void *s, size_t n)
{
    const unsigned char *p = s;
    uint32_t h = 2166136261u;

    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}
