/*
 * utf8.c - UTF-8 validation, repair, and the one place where code-point
 * offsets (what the stream prints) are converted to byte offsets.
 */
#include <string.h>

#include "internal.h"

/* Is every byte of the 8 at P below 0x80? */
static inline int
ascii8(const unsigned char *p)
{
    uint64_t v;

    memcpy(&v, p, 8);
    return (v & UINT64_C(0x8080808080808080)) == 0;
}

size_t
mk__utf8_seq(const unsigned char *s, size_t len, size_t *bad)
{
    unsigned char c = s[0], lo = 0x80, hi = 0xBF;
    size_t need, i;

    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;       /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;       /* nothing past U+10FFFF */
    } else {
        *bad = 1;
        return 0;
    }
    for (i = 1; i < need; i++) {
        if (i >= len || s[i] < lo || s[i] > hi) {
            *bad = i;        /* the maximal subpart: lead plus good continuations */
            return 0;
        }
        lo = 0x80;
        hi = 0xBF;
    }
    return need;
}

uint32_t
mk__utf8_decode(const unsigned char *s, size_t len, size_t *n)
{
    unsigned char c = s[0];

    /* never reads past LEN, whatever the bytes (callers pass valid UTF-8) */
    if (c < 0xC0 || len < 2) {
        *n = 1;
        return c;
    }
    if (c < 0xE0 || len < 3) {
        *n = 2;
        return ((uint32_t)(c & 0x1F) << 6) | (s[1] & 0x3F);
    }
    if (c < 0xF0 || len < 4) {
        *n = 3;
        return ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    }
    *n = 4;
    return ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
           ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
}

size_t
mk__utf8_encode(uint32_t c, char *out)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

size_t
mk_utf8_valid_prefix(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, n, bad;

    while (i < len) {
        if (i + 8 <= len && ascii8(s + i)) {
            i += 8;
            continue;
        }
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        n = mk__utf8_seq(s + i, len - i, &bad);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

long
mk__utf8_repair(const char *str, size_t len, mk_buf *out)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, good, n, bad;
    long count = 0;

    out->len = 0;
    while (i < len) {
        good = mk_utf8_valid_prefix(str + i, len - i);
        if (mk__buf_add(out, str + i, good) != 0)
            return MK_ENOMEM;
        i += good;
        if (i >= len)
            break;
        n = mk__utf8_seq(s + i, len - i, &bad);
        (void)n;
        if (mk__buf_add(out, "\xEF\xBF\xBD", 3) != 0)
            return MK_ENOMEM;
        i += bad;
        count++;
    }
    return count;
}

size_t
mk_utf8_count(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i, n = 0;

    for (i = 0; i < len; i++)
        n += (s[i] & 0xC0) != 0x80;
    return n;
}

size_t
mk_utf8_offset(const char *str, size_t len, size_t off_cp)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i, n = 0;

    for (i = 0; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            if (n == off_cp)
                return i;
            n++;
        }
    }
    return len;
}
