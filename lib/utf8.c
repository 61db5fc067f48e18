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

/* The set bits of V (here at most eight, one per byte) */
static inline int
popcount64(uint64_t v)
{
#if defined(__GNUC__) || defined(__clang__)
    return __builtin_popcountll(v);
#else
    int n = 0;
    for (; v != 0; v &= v - 1)
        n++;
    return n;
#endif
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
    size_t i = 0, cont = 0;

    /* eight bytes at a time: a continuation byte is 10xxxxxx, so its top
     * bit is set and the next one clear; the code points are the bytes
     * that are not continuations */
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        w = w & ~(w << 1) & UINT64_C(0x8080808080808080);
        if (w != 0)
            cont += (size_t)popcount64(w);
    }
    for (; i < len; i++)
        cont += (s[i] & 0xC0) == 0x80;
    return len - cont;
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

long
mk__utf8_to_u16(const char *str, size_t len, uint16_t *out)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, j = 0, k, bad;

    while (i < len) {
        if (i + 8 <= len && ascii8(s + i)) {
            for (k = 0; k < 8; k++)
                out[j + k] = s[i + k];
            i += 8;
            j += 8;
            continue;
        }
        if (s[i] < 0x80) {
            out[j++] = s[i++];
            continue;
        }
        if ((k = mk__utf8_seq(s + i, len - i, &bad)) == 0)
            return -1;
        uint32_t c = mk__utf8_decode(s + i, len - i, &k);
        if (c >= 0x10000) {
            out[j++] = (uint16_t)(0xD7C0 + (c >> 10));
            out[j++] = (uint16_t)(0xDC00 | (c & 0x3FF));
        } else {
            out[j++] = (uint16_t)c;
        }
        i += k;
    }
    return (long)j;
}

size_t
mk__u16_advance(const char *str, size_t len, size_t b, int32_t *u, int32_t to)
{
    const unsigned char *s = (const unsigned char *)str;
    int32_t v = *u;

    /* long hops (a sentence) eight ASCII bytes at a time */
    while (to - v >= 16 && b + 8 <= len && ascii8(s + b)) {
        b += 8;
        v += 8;
    }
    while (v < to && b < len) {
        unsigned char c = s[b];
        if (c < 0x80) {
            b++;
            v++;
            continue;
        }
        b += c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        v += c < 0xF0 ? 1 : 2;
    }
    *u = v;
    return b;
}
