/*
 * normalize.c - clean Unicode paragraphs from raw text lines.
 *
 * One pass over each paragraph removes control characters, folds the
 * many kinds of space into one, drops invisible characters that carry
 * nothing (soft hyphen, stray byte order marks, a zero-width space outside
 * the scripts that use it as a word separator), and meanwhile runs the
 * Unicode quick check for NFC (or NFKC), counts letters per script for the
 * language label, and notes whether the paragraph has any content at all.
 * Only paragraphs that fail the quick check go through ICU's normalizer,
 * so text that is already normalized (nearly all news) costs one scan.
 * Properties of the Basic Multilingual Plane come from ICU once, into
 * tables each normalizer owns.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "internal.h"
#include "langid.h"
#include "zawgyi.h"

enum {
    CL_KEEP = 0, CL_CONTROL = 1, CL_SPACE = 2, CL_ZWSP = 3, CL_ZWDROP = 4,
    CL_ACTION = 7,
    CL_QCNO = 8,        /* the normalization quick check is not "yes" */
    CL_CONTENT = 16,    /* a letter, digit or symbol other than a bullet */
    CL_VI = 32,         /* a letter that marks Vietnamese */
    CL_NOSPACE = 64     /* CJK: wrapped lines join without a space */
};

/* Table entries not filled yet hold INFO_UNSET: all action bits set, so
 * fast paths that test the action leave to the slow path. */
#define INFO_UNSET UINT32_MAX

/* ASCII: 1 letter, 2 digit, 4 printable and not space */
static const unsigned char ascii_kind[128] = {
    ['!'] = 4, ['"'] = 4, ['#'] = 4, ['$'] = 4, ['%'] = 4, ['&'] = 4, ['\''] = 4,
    ['('] = 4, [')'] = 4, ['*'] = 4, ['+'] = 4, [','] = 4, ['-'] = 4, ['.'] = 4,
    ['/'] = 4, [':'] = 4, [';'] = 4, ['<'] = 4, ['='] = 4, ['>'] = 4, ['?'] = 4,
    ['@'] = 4, ['['] = 4, ['\\'] = 4, [']'] = 4, ['^'] = 4, ['_'] = 4, ['`'] = 4,
    ['{'] = 4, ['|'] = 4, ['}'] = 4, ['~'] = 4,
    ['0'] = 6, ['1'] = 6, ['2'] = 6, ['3'] = 6, ['4'] = 6, ['5'] = 6, ['6'] = 6,
    ['7'] = 6, ['8'] = 6, ['9'] = 6,
    ['A'] = 5, ['B'] = 5, ['C'] = 5, ['D'] = 5, ['E'] = 5, ['F'] = 5, ['G'] = 5,
    ['H'] = 5, ['I'] = 5, ['J'] = 5, ['K'] = 5, ['L'] = 5, ['M'] = 5, ['N'] = 5,
    ['O'] = 5, ['P'] = 5, ['Q'] = 5, ['R'] = 5, ['S'] = 5, ['T'] = 5, ['U'] = 5,
    ['V'] = 5, ['W'] = 5, ['X'] = 5, ['Y'] = 5, ['Z'] = 5,
    ['a'] = 5, ['b'] = 5, ['c'] = 5, ['d'] = 5, ['e'] = 5, ['f'] = 5, ['g'] = 5,
    ['h'] = 5, ['i'] = 5, ['j'] = 5, ['k'] = 5, ['l'] = 5, ['m'] = 5, ['n'] = 5,
    ['o'] = 5, ['p'] = 5, ['q'] = 5, ['r'] = 5, ['s'] = 5, ['t'] = 5, ['u'] = 5,
    ['v'] = 5, ['w'] = 5, ['x'] = 5, ['y'] = 5, ['z'] = 5,
};

struct qent {
    size_t off, len;
    long par, line;
    char lang[16];
};

struct mk_norm {
    mk_norm_opts o;
    mk_stats dummy;            /* counters when the caller gave none */
    mk_stats *st;
    const UNormalizer2 *norm;
    UProperty qc_prop;

    const char *file;
    int mode;              /* paragraph mode of the input (AUTO: per document) */
    int html_strip;        /* strip tags in this input / document */
    int html_decided;      /* html_strip holds for the whole input */
    mk__html html;         /* tag state, carried over lines */
    mk_buf pre;            /* a line after HTML decoding */
    mk_buf moji;           /* a paragraph after mojibake repair */
    UTransliterator *zawgyi;   /* ICU's Zawgyi-my, opened when first needed */
    long par_no;
    int in_piece;

    mk_buf fix;                /* a line with invalid UTF-8 repaired */
    mk_buf pend;               /* the paragraph being joined (blank mode) */
    long pend_line;
    mk_buf a, b;               /* cleaning and normalizing scratch */
    UChar *u1, *u2;
    size_t ucap1, ucap2;

    mk_buf q;                  /* queued paragraph texts */
    struct qent *qe;
    size_t qn, qcap, qpos;

    /* what the last cleaning pass saw */
    uint32_t counts[MK_SC_COUNT];
    uint32_t vi;
    int content;
    char lang[16];

    /* per BMP code point: class bits | combining class << 8 | script << 16 */
    uint32_t info[0x10000];
};

void
mk_norm_opts_init(mk_norm_opts *o)
{
    memset(o, 0, sizeof *o);
    o->max_doc = (size_t)16 << 20;
}

static int
is_bullet_symbol(uint32_t c)
{
    return (c >= 0x2190 && c <= 0x21FF) ||   /* arrows */
           (c >= 0x2500 && c <= 0x27BF) ||   /* box drawing, shapes, dingbats */
           (c >= 0x2B00 && c <= 0x2BFF);     /* more arrows and shapes */
}

/* Class bits, combining class and script group of one code point. */
static void
cp_props(const mk_norm *n, uint32_t c, uint8_t *cls, uint8_t *cc, uint8_t *sc)
{
    UChar32 u = (UChar32)c;
    int8_t t = u_charType(u);
    uint8_t k = CL_KEEP;

    if (c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == ' ')
        k = CL_SPACE;
    else if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
        k = CL_CONTROL;
    else if (t == U_SPACE_SEPARATOR || t == U_LINE_SEPARATOR || t == U_PARAGRAPH_SEPARATOR)
        k = CL_SPACE;
    else if (c == 0x200B)
        k = CL_ZWSP;
    else if (c == 0x00AD || c == 0xFEFF || c == 0x180E)
        k = CL_ZWDROP;
    if (u_getIntPropertyValue(u, n->qc_prop) != UNORM_YES)
        k |= CL_QCNO;
    switch (t) {
    case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER: case U_OTHER_LETTER: case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER: case U_OTHER_NUMBER:
        k |= CL_CONTENT;
        break;
    case U_OTHER_SYMBOL:
        if (!is_bullet_symbol(c))
            k |= CL_CONTENT;
        break;
    default:
        break;
    }
    if (mk__is_vi_letter(c))
        k |= CL_VI;
    *sc = (uint8_t)mk__script_group(c);
    if (*sc == MK_SC_HAN || *sc == MK_SC_KANA || (c >= 0x3000 && c <= 0x303F) ||
        (c >= 0xFF00 && c <= 0xFF60))
        k |= CL_NOSPACE;
    *cls = k;
    *cc = u_getCombiningClass(u);
}

mk_norm *
mk_norm_new(const mk_norm_opts *o, mk_error *err)
{
    UErrorCode ec = U_ZERO_ERROR;
    mk_norm *n;

    n = calloc(1, sizeof *n);
    if (n == NULL) {
        mk__err(err, MK_ENOMEM, 0, "out of memory");
        return NULL;
    }
    n->o = *o;
    if (n->o.max_doc < 16)
        n->o.max_doc = 16;
    n->st = o->stats ? o->stats : &n->dummy;
    n->norm = o->nfkc ? unorm2_getNFKCInstance(&ec) : unorm2_getNFCInstance(&ec);
    if (U_FAILURE(ec)) {
        mk__err(err, MK_EICU, 0, "cannot open the ICU normalizer: %s", u_errorName(ec));
        free(n);
        return NULL;
    }
    n->qc_prop = o->nfkc ? UCHAR_NFKC_QUICK_CHECK : UCHAR_NFC_QUICK_CHECK;
    /* filled a block of 256 code points at a time, on first use: a run
     * that reads only Thai and ASCII asks ICU about 512 code points */
    memset(n->info, 0xFF, sizeof n->info);
    n->file = "-";
    n->mode = MK_PAR_LINE;
    strcpy(n->lang, "und");
    return n;
}

void
mk_norm_free(mk_norm *n)
{
    if (n == NULL)
        return;
    mk__buf_free(&n->fix);
    mk__buf_free(&n->pre);
    mk__buf_free(&n->moji);
    mk__buf_free(&n->pend);
    mk__buf_free(&n->a);
    mk__buf_free(&n->b);
    mk__buf_free(&n->q);
    if (n->zawgyi != NULL)
        utrans_close(n->zawgyi);
    free(n->u1);
    free(n->u2);
    free(n->qe);
    free(n);
}

static inline void
props(const mk_norm *n, uint32_t c, uint8_t *cls, uint8_t *cc, uint8_t *sc)
{
    if (c < 0x10000 && n->info[c] != INFO_UNSET) {
        uint32_t v = n->info[c];
        *cls = (uint8_t)v;
        *cc = (uint8_t)(v >> 8);
        *sc = (uint8_t)(v >> 16);
    } else {
        cp_props(n, c, cls, cc, sc);
    }
}

static inline int
is_sea(int sc)
{
    return sc == MK_SC_THAI || sc == MK_SC_LAO || sc == MK_SC_KHMER || sc == MK_SC_MYANMAR;
}

#define CLEAN_INVALID 2

/*
 * Decodes the UTF-8 sequence at S (LEN > 0, S[0] >= 0x80), checking it:
 * returns the code point and sets *K, or returns UINT32_MAX when the
 * sequence is ill-formed.
 */
static inline __attribute__((always_inline)) uint32_t
decode_checked(const unsigned char *s, size_t len, size_t *k)
{
    unsigned char b = s[0], b1, b2, b3;

    if (b < 0xC2)
        return UINT32_MAX;
    if (b < 0xE0) {
        if (len < 2 || (s[1] & 0xC0) != 0x80)
            return UINT32_MAX;
        *k = 2;
        return ((uint32_t)(b & 0x1F) << 6) | (s[1] & 0x3F);
    }
    if (b < 0xF0) {
        if (len < 3)
            return UINT32_MAX;
        b1 = s[1];
        b2 = s[2];
        if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80 || (b == 0xE0 && b1 < 0xA0) ||
            (b == 0xED && b1 > 0x9F))
            return UINT32_MAX;
        *k = 3;
        return ((uint32_t)(b & 0x0F) << 12) | ((uint32_t)(b1 & 0x3F) << 6) | (b2 & 0x3F);
    }
    if (b > 0xF4 || len < 4)
        return UINT32_MAX;
    b1 = s[1];
    b2 = s[2];
    b3 = s[3];
    if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80 || (b3 & 0xC0) != 0x80 ||
        (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 > 0x8F))
        return UINT32_MAX;
    *k = 4;
    return ((uint32_t)(b & 0x07) << 18) | ((uint32_t)(b1 & 0x3F) << 12) |
           ((uint32_t)(b2 & 0x3F) << 6) | (b3 & 0x3F);
}

/* decode_checked with the length packed above the code point: the
 * length never goes through memory in the hot loop. 0 when ill-formed. */
static inline __attribute__((always_inline)) uint64_t
decode_packed(const unsigned char *s, size_t len)
{
    size_t k = 0;
    uint32_t c = decode_checked(s, len, &k);

    return c == UINT32_MAX ? 0 : ((uint64_t)k << 32) | c;
}

/* Fills the block of 256 code points around C in n->info. */
static void
fill_block(mk_norm *n, uint32_t c)
{
    uint32_t first = c & ~(uint32_t)0xFF, x;
    uint8_t cls, cc, sc;

    for (x = first; x < first + 256; x++) {
        if (x >= 0xD800 && x <= 0xDFFF) {
            n->info[x] = CL_CONTROL;    /* never decoded from valid UTF-8 */
            continue;
        }
        cp_props(n, x, &cls, &cc, &sc);
        n->info[x] = (uint32_t)cls | (uint32_t)cc << 8 | (uint32_t)sc << 16;
    }
}

static inline __attribute__((always_inline)) uint32_t
info_of(mk_norm *n, uint32_t c)
{
    uint8_t cls, cc, sc;

    if (c < 0x10000) {
        if (n->info[c] == INFO_UNSET)
            fill_block(n, c);
        return n->info[c];
    }
    cp_props(n, c, &cls, &cc, &sc);
    return (uint32_t)cls | (uint32_t)cc << 8 | (uint32_t)sc << 16;
}

/*
 * Cleans UTF-8 S into OUT. Returns 1 if the result passed the
 * normalization quick check, 0 if ICU must normalize it, CLEAN_INVALID if
 * S is not valid UTF-8 (OUT is then unusable), or MK_ENOMEM.
 */
#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* Letters ([A-Za-z]) and digits among 8 bytes that are all 0x20..0x7E. */
static inline void
ascii8_kinds(uint64_t v, uint32_t *letters, uint32_t *content)
{
    uint64_t x = v | (ONES * 0x20);
    uint64_t ge_a = ((x | HIGHS) - ONES * 0x61) & HIGHS;
    uint64_t le_z = ((ONES * 0xFA) - x) & HIGHS;
    uint64_t ge_0 = ((v | HIGHS) - ONES * 0x30) & HIGHS;
    uint64_t le_9 = ((ONES * 0xB9) - v) & HIGHS;
    uint64_t let = ge_a & le_z;

    /* one bit per byte at bit 7: gather them into the top byte */
    *letters += (uint32_t)(((let >> 7) * ONES) >> 56);
    *content |= (let | (ge_0 & le_9)) != 0;
}

/*
 * Cleans UTF-8 S into OUT. Returns 1 if the result passed the
 * normalization quick check, 0 if ICU must normalize it, CLEAN_INVALID if
 * S is not valid UTF-8 (OUT is then unusable), or MK_ENOMEM.
 */
static int
clean(mk_norm *n, const char *str, size_t len, mk_buf *out)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, k = 1;
    char *o, *o0;
    int pending = 0, pending_ascii = 0, qc = 1;
    uint32_t last_ccc = 0, last_sc = MK_SC_NONE, run_sc = MK_SC_NONE, run = 0;
    uint32_t counts[MK_SC_COUNT] = { 0 }, vi = 0, content = 0, latin = 0;
    uint64_t spaces = 0, controls = 0, zw = 0;
    uint32_t *info = n->info;

    out->len = 0;
    if (mk__buf_reserve(out, len + 8) != 0)
        return MK_ENOMEM;
    o = o0 = out->p;

    while (i < len) {
        unsigned char b = s[i];
        if (b < 0x80) {
            unsigned char kd = ascii_kind[b];
            if (kd & 4) {
                if (pending) {
                    *o++ = ' ';
                    pending = 0;
                }
                /* Printable ASCII with single spaces, 8 bytes at a time: the
                 * block holds only 0x20..0x7E, no two spaces in a row, and
                 * does not end in a space (the byte before it is printable). */
                *o++ = (char)b;
                latin += kd & 1;
                content |= kd & 3;
                i++;
                while (i + 8 <= len) {
                    uint64_t v;
                    memcpy(&v, s + i, 8);
                    uint64_t lo = (v - ONES * 0x20) & ~v;          /* a byte < 0x20 */
                    uint64_t hi = (v + ONES) | v;                   /* a byte >= 0x7F */
                    uint64_t sp = v ^ (ONES * 0x20);
                    uint64_t spm = (sp - ONES) & ~sp & HIGHS;       /* spaces (a superset) */
                    if (((lo | hi) & HIGHS) || (spm & (spm << 8)) || (v >> 56) == 0x20)
                        break;
                    memcpy(o, &v, 8);
                    o += 8;
                    ascii8_kinds(v, &latin, &content);
                    i += 8;
                }
                while (i < len && s[i] < 0x80 && ((kd = ascii_kind[s[i]]) & 4)) {
                    *o++ = (char)s[i++];
                    latin += kd & 1;
                    content |= kd & 3;
                }
                last_ccc = 0;
                last_sc = MK_SC_NONE;
                continue;
            }
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f') {
                if (b != ' ')
                    spaces++;
                if (pending || o == o0) {
                    if (b == ' ')
                        spaces++;
                } else {
                    pending = 1;
                    pending_ascii = b == ' ';
                }
            } else {
                controls++;
            }
            i++;
            continue;
        }
        if ((b & 0xF0) == 0xE0 && !pending) {
            /* A run of plain 3-byte characters (Thai, Lao, Khmer, Burmese,
             * Han ...) in a tight loop: anything else leaves it. */
            size_t i0 = i;
            while (i + 3 <= len) {
                unsigned b0 = s[i], b1 = s[i + 1], b2 = s[i + 2];
                if ((b0 & 0xF0) != 0xE0 || (b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80 ||
                    (b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 > 0x9F))
                    break;
                uint32_t v3 = info[((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F)];
                uint32_t cc3 = (v3 >> 8) & 0xFF, sc3 = (v3 >> 16) & 0xFF;
                if ((v3 & (CL_ACTION | CL_QCNO)) || (cc3 != 0 && last_ccc > cc3))
                    break;
                o[0] = (char)b0;
                o[1] = (char)b1;
                o[2] = (char)b2;
                o += 3;
                i += 3;
                last_ccc = cc3;
                if (sc3 != run_sc) {
                    counts[run_sc] += run;
                    run_sc = sc3;
                    run = 0;
                }
                run++;
                content |= v3 & CL_CONTENT;
                vi += (v3 & CL_VI) != 0;
            }
            if (i > i0) {
                last_sc = run_sc;
                continue;
            }
        }
        uint64_t dk = decode_packed(s + i, len - i);
        if (dk == 0)
            return CLEAN_INVALID;
        uint32_t c = (uint32_t)dk;
        k = (size_t)(dk >> 32);
        uint32_t v = info_of(n, c);
        if (v & CL_ACTION) {
            switch (v & CL_ACTION) {
            case CL_CONTROL:
                controls++;
                i += k;
                continue;
            case CL_SPACE:
                spaces++;
                if (!pending && o != o0) {
                    pending = 1;
                    pending_ascii = 0;
                }
                i += k;
                continue;
            case CL_ZWDROP:
                zw++;
                i += k;
                continue;
            case CL_ZWSP: {
                int keep = is_sea((int)last_sc) && !pending;
                if (!keep && i + k < len) {
                    size_t k2;
                    uint32_t c2 = s[i + k] < 0x80 ? s[i + k]
                                                  : decode_checked(s + i + k, len - i - k, &k2);
                    keep = c2 != UINT32_MAX && is_sea((int)((info_of(n, c2) >> 16) & 0xFF));
                }
                if (!keep) {
                    zw++;
                    i += k;
                    continue;
                }
                break;
            }
            default:
                break;
            }
        }
        if (pending) {
            *o++ = ' ';
            pending = 0;
        }
        o[0] = (char)s[i];
        o[1] = (char)s[i + 1];
        if (k > 2) {
            o[2] = (char)s[i + 2];
            if (k > 3)
                o[3] = (char)s[i + 3];
        }
        o += k;
        i += k;
        uint32_t cc = (v >> 8) & 0xFF, sc = (v >> 16) & 0xFF;
        if ((v & CL_QCNO) || (cc != 0 && last_ccc > cc))
            qc = 0;
        last_ccc = cc;
        last_sc = sc;
        if (sc != run_sc) {
            counts[run_sc] += run;
            run_sc = sc;
            run = 0;
        }
        run++;
        content |= v & CL_CONTENT;
        vi += (v & CL_VI) != 0;
    }
    if (pending && pending_ascii)
        spaces++;
    out->len = (size_t)(o - o0);
    counts[run_sc] += run;
    counts[MK_SC_LATIN] += latin;
    memcpy(n->counts, counts, sizeof counts);
    n->vi = vi;
    n->content = content != 0;
    n->st->spaces += spaces;
    n->st->controls += controls;
    n->st->zero_width += zw;
    return qc;
}

/* Normalizes IN with ICU into OUT. */
static int
icu_normalize(mk_norm *n, const mk_buf *in, mk_buf *out, mk_error *err)
{
    UErrorCode ec = U_ZERO_ERROR;
    int32_t ulen = 0, nlen, blen;

    if (in->len > INT32_MAX / 4)
        return mk__err(err, MK_ELIMIT, 0, "paragraph too long to normalize");
    if (n->ucap1 < in->len + 1) {
        UChar *p = realloc(n->u1, (in->len + 1) * sizeof *p);
        if (p == NULL)
            return mk__err(err, MK_ENOMEM, 0, "out of memory");
        n->u1 = p;
        n->ucap1 = in->len + 1;
    }
    u_strFromUTF8(n->u1, (int32_t)n->ucap1, &ulen, in->p, (int32_t)in->len, &ec);
    if (U_FAILURE(ec))
        return mk__err(err, MK_EINPUT, 0, "cannot convert to UTF-16: %s", u_errorName(ec));
    for (;;) {
        ec = U_ZERO_ERROR;
        nlen = unorm2_normalize(n->norm, n->u1, ulen, n->u2, (int32_t)n->ucap2, &ec);
        if (ec != U_BUFFER_OVERFLOW_ERROR)
            break;
        UChar *p = realloc(n->u2, ((size_t)nlen + 1) * sizeof *p);
        if (p == NULL)
            return mk__err(err, MK_ENOMEM, 0, "out of memory");
        n->u2 = p;
        n->ucap2 = (size_t)nlen + 1;
    }
    if (U_FAILURE(ec))
        return mk__err(err, MK_EICU, 0, "normalization failed: %s", u_errorName(ec));
    out->len = 0;
    if (mk__buf_reserve(out, (size_t)nlen * 3 + 4) != 0)
        return mk__err(err, MK_ENOMEM, 0, "out of memory");
    ec = U_ZERO_ERROR;
    u_strToUTF8(out->p, (int32_t)out->cap, &blen, n->u2, nlen, &ec);
    if (U_FAILURE(ec))
        return mk__err(err, MK_EICU, 0, "cannot convert to UTF-8: %s", u_errorName(ec));
    out->len = (size_t)blen;
    return 0;
}

/* Converts n->a from Zawgyi to Unicode Burmese with ICU's Zawgyi-my
 * transliterator, into n->b. */
static int
zawgyi_to_unicode(mk_norm *n, mk_error *err)
{
    UErrorCode ec = U_ZERO_ERROR;
    int32_t ulen = 0, limit, blen = 0;
    size_t cap;

    if (n->zawgyi == NULL) {
        /* ICU's converter with fix-ups around it. Before: a medial ha or
         * wa written between a medial ra glyph and its consonant belongs
         * to the syllable in front (ICU's own my-Zawgyi writes ရှိခြ so,
         * and Zawgyi-my then gives the ra to the wrong consonant). After:
         * ဉ + ီ (how it reads Zawgyi's ဦ) as ဥ + ီ, which NFC makes ဦ; an
         * asat before a medial goes after it (ရှ်, ချ်); Zawgyi's one ၎
         * glyph is the whole word ၎င်း. */
        static const char src[] =
            "([\\u103B\\u107E-\\u1084])([\\u103C\\u103D\\u108A]+) } [\\u1000-\\u1021]"
            " > $2 $1;"
            "::Zawgyi-my;"
            "\\u1009\\u102E > \\u1025\\u102E;"
            "\\u103A ([\\u103B-\\u103E]+) > $1 \\u103A;"
            "\\u104E\\u1004\\u103A\\u1038 > \\u104E\\u1004\\u103A\\u1038;"
            "\\u104E > \\u104E\\u1004\\u103A\\u1038;";
        UChar id[32], rules[sizeof src];
        UParseError pe;
        u_uastrcpy(id, "mekong-Zawgyi-my");
        u_unescape(src, rules, (int32_t)(sizeof src));
        n->zawgyi = utrans_openU(id, -1, UTRANS_FORWARD, rules, -1, &pe, &ec);
        if (U_FAILURE(ec)) {
            n->zawgyi = NULL;
            return mk__err(err, MK_EICU, 0, "cannot open ICU's Zawgyi-my: %s", u_errorName(ec));
        }
    }
    if (n->a.len > INT32_MAX / 8)
        return mk__err(err, MK_ELIMIT, 0, "paragraph too long to convert");
    /* the conversion reorders and expands a little; leave it room */
    cap = n->a.len * 2 + 64;
    for (;;) {
        if (n->ucap1 < cap) {
            UChar *p = realloc(n->u1, cap * sizeof *p);
            if (p == NULL)
                return mk__err(err, MK_ENOMEM, 0, "out of memory");
            n->u1 = p;
            n->ucap1 = cap;
        }
        ec = U_ZERO_ERROR;
        u_strFromUTF8(n->u1, (int32_t)n->ucap1, &ulen, n->a.p, (int32_t)n->a.len, &ec);
        if (U_FAILURE(ec))
            return mk__err(err, MK_EICU, 0, "cannot convert to UTF-16: %s", u_errorName(ec));
        limit = ulen;
        utrans_transUChars(n->zawgyi, n->u1, &ulen, (int32_t)n->ucap1, 0, &limit, &ec);
        if (ec != U_BUFFER_OVERFLOW_ERROR)
            break;
        cap *= 2;
    }
    if (U_FAILURE(ec))
        return mk__err(err, MK_EICU, 0, "Zawgyi conversion failed: %s", u_errorName(ec));
    n->b.len = 0;
    if (mk__buf_reserve(&n->b, (size_t)ulen * 3 + 4) != 0)
        return mk__err(err, MK_ENOMEM, 0, "out of memory");
    ec = U_ZERO_ERROR;
    u_strToUTF8(n->b.p, (int32_t)n->b.cap, &blen, n->u1, ulen, &ec);
    if (U_FAILURE(ec))
        return mk__err(err, MK_EICU, 0, "cannot convert to UTF-8: %s", u_errorName(ec));
    n->b.len = (size_t)blen;
    return 0;
}

/* Converts n->a from Zawgyi, and cleans it again into n->a, when it is
 * Burmese that the detector takes for Zawgyi and converting changes it;
 * sets *DONE then and returns clean's code for the new text (0: it wants
 * NFC). Returns 1 when nothing was done, a negative MK_E code on error. */
static int
zawgyi_pass(mk_norm *n, int *done, mk_error *err)
{
    *done = 0;
    if (n->o.no_repair || n->counts[MK_SC_MYANMAR] == 0 ||
        mk__zawgyi_probability(n->a.p, n->a.len) < MK__ZAWGYI_THRESHOLD)
        return 1;
    if (zawgyi_to_unicode(n, err) < 0)
        return err ? err->code : MK_EICU;
    if (n->b.len == n->a.len && memcmp(n->b.p, n->a.p, n->a.len) == 0)
        return 1;
    *done = 1;
    int rc = clean(n, n->b.p, n->b.len, &n->a);
    return rc == 1 ? 0 : rc;    /* the transliterator's output wants NFC */
}

/* Cleans and normalizes S into n->a; invalid UTF-8 is replaced (and
 * reported for LINE). Returns 1 to keep the paragraph, 0 when it is empty
 * or junk, negative on error. */
static int
norm_core(mk_norm *n, const char *s, size_t len, long line, mk_error *err)
{
    int rc, round, changed = 0;

    if (!n->o.no_repair && mk__mojibake_candidate(s, len) && mk_utf8_valid_prefix(s, len) == len) {
        long fixed = mk__mojibake_repair(s, len, &n->moji);
        if (fixed < 0)
            return mk__err(err, MK_ENOMEM, line, "out of memory");
        if (fixed > 0) {
            n->st->mojibake += (uint64_t)fixed;
            s = n->moji.p;
            len = n->moji.len;
        }
    }
    rc = clean(n, s, len, &n->a);
    if (rc == CLEAN_INVALID) {
        long bad = mk__utf8_repair(s, len, &n->fix);
        if (bad < 0)
            return mk__err(err, MK_ENOMEM, line, "out of memory");
        n->st->invalid_utf8 += (uint64_t)bad;
        if (n->o.strict)
            return mk__err(err, MK_EINPUT, line, "invalid UTF-8");
        if (line > 0)
            mk__warn(n->o.warn, n->o.warn_ctx, n->st, n->file, line,
                     "invalid UTF-8, %ld %s replaced", bad, bad == 1 ? "sequence" : "sequences");
        rc = clean(n, n->fix.p, n->fix.len, &n->a);
    }
    /* Burmese in the Zawgyi font encoding becomes Unicode Burmese (on the
     * text as it came, which the converter reads best); after normalizing,
     * the text is asked again, and converted and normalized again, until
     * it is no longer taken for Zawgyi or converting changes nothing, so
     * that normalizing the result again gives the same text */
    int zawgyi = 0, z;
    if (rc >= 0) {
        if ((z = zawgyi_pass(n, &zawgyi, err)) < 0)
            return z;
        if (zawgyi)
            rc = z;
    }
    for (int zround = 0; rc >= 0; zround++) {
        /* Normalize, and repair mojibake that removing control characters
         * or composing characters brought together, until nothing changes. */
        for (round = 0; rc >= 0 && round < 4; round++) {
            int again = 0;
            if (rc == 0) {
                if (icu_normalize(n, &n->a, &n->b, err) < 0)
                    return err ? err->code : MK_EICU;
                if (n->b.len != n->a.len || memcmp(n->b.p, n->a.p, n->a.len) != 0) {
                    changed = 1;
                    again = 1;
                    /* normalizing can bring spaces together (NFKC) or let
                     * removed characters' neighbours compose: clean again */
                    rc = clean(n, n->b.p, n->b.len, &n->a);
                    if (rc < 0)
                        break;
                }
            }
            if (!n->o.no_repair && mk__mojibake_candidate(n->a.p, n->a.len)) {
                long fixed = mk__mojibake_repair(n->a.p, n->a.len, &n->moji);
                if (fixed < 0)
                    return mk__err(err, MK_ENOMEM, line, "out of memory");
                if (fixed > 0) {
                    n->st->mojibake += (uint64_t)fixed;
                    rc = clean(n, n->moji.p, n->moji.len, &n->a);
                    again = 1;
                }
            }
            if (!again)
                break;
        }
        int again = 0;
        if (rc < 0 || zround == 8)
            break;
        if ((z = zawgyi_pass(n, &again, err)) < 0)
            return z;
        if (!again)
            break;
        zawgyi = 1;
        rc = z;
    }
    if (zawgyi)
        n->st->zawgyi++;
    if (rc < 0)
        return mk__err(err, MK_ENOMEM, 0, "out of memory");
    if (changed)
        n->st->nfc_changed++;
    {
        const char *code = mk__lang_from_counts(n->counts, n->vi);
        if (strcmp(code, "und-Latn") == 0 && n->o.lang == NULL) {
            /* Latin letters: a model tells en, id, ms, fil ... apart */
            const char *l = mk__langid_latin(n->a.p, n->a.len, NULL);
            code = l != NULL ? l : "und";
        }
        size_t cl = strlen(code);
        memcpy(n->lang, code, cl < sizeof n->lang ? cl + 1 : sizeof n->lang);
        n->lang[sizeof n->lang - 1] = '\0';
    }
    if (n->a.len == 0)
        return 0;
    if (!n->content && !n->o.keep_junk) {
        n->st->junk++;
        return 0;
    }
    if (n->a.len <= MK__BOILERPLATE_MAX && !n->o.keep_junk &&
        mk__boilerplate(n->a.p, n->a.len)) {
        n->st->boilerplate++;
        return 0;
    }
    if (n->o.lang != NULL)
        snprintf(n->lang, sizeof n->lang, "%s", n->o.lang);
    return 1;
}

static int
enqueue(mk_norm *n, long par, long line, mk_error *err)
{
    struct qent *e;

    if (n->qn == n->qcap) {
        size_t cap = n->qcap ? n->qcap * 2 : 16;
        e = realloc(n->qe, cap * sizeof *e);
        if (e == NULL)
            return mk__err(err, MK_ENOMEM, line, "out of memory");
        n->qe = e;
        n->qcap = cap;
    }
    e = &n->qe[n->qn++];
    e->off = n->q.len;
    e->len = n->a.len;
    e->par = par;
    e->line = line;
    memcpy(e->lang, n->lang, sizeof e->lang);
    if (n->q.len == 0) {
        /* the first paragraph of the queue: take the buffer, don't copy */
        mk_buf t = n->q;
        n->q = n->a;
        n->a = t;
        n->a.len = 0;
        return 0;
    }
    if (mk__buf_add(&n->q, n->a.p, n->a.len) != 0)
        return mk__err(err, MK_ENOMEM, line, "out of memory");
    return 0;
}

/* Normalizes one paragraph and queues it. PAR < 0: the next number. */
static int
paragraph(mk_norm *n, const char *s, size_t len, long line, long par, mk_error *err)
{
    int rc = norm_core(n, s, len, line, err);

    if (rc <= 0)
        return rc;
    return enqueue(n, par >= 0 ? par : ++n->par_no, line, err);
}

static int
flush_pend(mk_norm *n, mk_error *err)
{
    int rc = 0;

    if (n->pend.len > 0)
        rc = paragraph(n, n->pend.p, n->pend.len, n->pend_line, -1, err);
    n->pend.len = 0;
    return rc < 0 ? rc : 0;
}

/* Is the line only spaces and invisible characters? (Invalid UTF-8 is
 * not blank: it becomes U+FFFD.) */
static int
is_blank(mk_norm *n, const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, k = 1;

    while (i < len) {
        if (s[i] < 0x80) {
            if (ascii_kind[s[i]] & 4)
                return 0;
            i++;
            continue;
        }
        uint32_t c = decode_checked(s + i, len - i, &k);
        if (c == UINT32_MAX || (info_of(n, c) & CL_ACTION) == CL_KEEP)
            return 0;
        i += k;
    }
    return 1;
}

/* The separator to put between a wrapped line's end and the next line. */
static const char *
join_sep(const mk_norm *n, const char *line, size_t len)
{
    const unsigned char *p = (const unsigned char *)n->pend.p;
    size_t e = n->pend.len, i, k;
    uint8_t c1, c2, cc, sc;
    uint32_t last, first;

    while (e > 0 && (p[e - 1] == ' ' || p[e - 1] == '\t'))
        e--;
    for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t'); i++)
        ;
    if (e == 0 || i == len)
        return " ";
    /* a hyphen at the end of a line before a lower-case letter: "Lan-" "mekong" */
    if (p[e - 1] == '-' && e >= 2 && (ascii_kind[p[e - 2] & 0x7F] & 1) && p[e - 2] < 0x80 &&
        line[i] >= 'a' && line[i] <= 'z')
        return "";
    size_t j = e - 1;
    while (j > 0 && (p[j] & 0xC0) == 0x80)
        j--;
    last = mk__utf8_decode(p + j, e - j, &k);
    first = mk__utf8_decode((const unsigned char *)line + i, len - i, &k);
    props(n, last, &c1, &cc, &sc);
    props(n, first, &c2, &cc, &sc);
    return (c1 & CL_NOSPACE) && (c2 & CL_NOSPACE) ? "" : " ";
}

/* One line of valid UTF-8 in MODE. */
static int
take_line(mk_norm *n, const char *s, size_t len, long line, int mode, mk_error *err)
{
    if (mode != MK_PAR_BLANK)
        return is_blank(n, s, len) ? 0 : paragraph(n, s, len, line, -1, err);
    if (is_blank(n, s, len))
        return flush_pend(n, err);
    if (n->pend.len == 0) {
        n->pend_line = line;
    } else {
        const char *sep = join_sep(n, s, len);
        if (mk__buf_add(&n->pend, sep, strlen(sep)) != 0)
            return mk__err(err, MK_ENOMEM, line, "out of memory");
    }
    if (mk__buf_add(&n->pend, s, len) != 0)
        return mk__err(err, MK_ENOMEM, line, "out of memory");
    if (n->pend.len >= n->o.max_doc) {
        n->st->split_long++;
        if (n->o.strict)
            return mk__err(err, MK_ELIMIT, line,
                           "paragraph longer than --max-doc (%zu bytes)", n->o.max_doc);
        mk__warn(n->o.warn, n->o.warn_ctx, n->st, n->file, line,
                 "paragraph longer than --max-doc (%zu bytes), cut", n->o.max_doc);
        return flush_pend(n, err);
    }
    return 0;
}

void
mk_norm_begin(mk_norm *n, const char *file, int mode, const char *sample, size_t sample_len)
{
    n->file = file;
    n->mode = mode;
    n->par_no = 0;
    n->in_piece = 0;
    n->pend.len = 0;
    n->q.len = 0;
    n->qn = n->qpos = 0;
    memset(&n->html, 0, sizeof n->html);
    n->html_decided = sample != NULL || n->o.html != MK_HTML_AUTO;
    n->html_strip = n->o.html == MK_HTML_YES ||
                    (n->o.html == MK_HTML_AUTO && sample != NULL &&
                     mk__html_like(sample, sample_len));
    if (sample != NULL && mode == MK_PAR_AUTO) {
        if (n->html_strip) {
            /* HTML wraps its source lines anywhere: tags make the paragraphs */
            n->mode = MK_PAR_BLANK;
        } else {
            n->mode = mk_par_mode_guess(sample, sample_len);
        }
    }
    if (n->html_strip && sample != NULL)
        n->st->html_docs++;
}

int
mk_norm_decided(const mk_norm *n, int *html)
{
    if (html != NULL)
        *html = n->html_strip;
    return n->mode == MK_PAR_BLANK ? MK_PAR_BLANK : MK_PAR_LINE;
}

/* Splits S at line ends and takes each line in MODE. */
static int
take_lines(mk_norm *n, const char *s, size_t len, long line, int mode, mk_error *err)
{
    size_t i = 0;
    int rc;

    while (i <= len) {
        size_t j = i;
        while (j < len && s[j] != '\n' && s[j] != '\r')
            j++;
        if ((rc = take_line(n, s + i, j - i, line, mode, err)) < 0)
            return rc;
        if (j < len && s[j] == '\r' && j + 1 < len && s[j + 1] == '\n')
            j++;
        i = j + 1;
    }
    return 0;
}

/* HTML character references and tags: S and LEN point to the result.
 * Returns 1 when block tags put line breaks in it, 0, or MK_ENOMEM. */
static int
html_stage(mk_norm *n, const char **s, size_t *len, long line, mk_error *err)
{
    uint64_t tags = 0, refs = 0;

    if (n->o.html == MK_HTML_NO)
        return 0;
    if (memchr(*s, '&', *len) == NULL &&
        (!n->html_strip || memchr(*s, '<', *len) == NULL) &&
        !n->html.in_tag && !n->html.in_comment && !n->html.skip_content)
        return 0;
    if (mk__html_clean(&n->html, *s, *len, n->html_strip, &n->pre, &tags, &refs) != 0)
        return mk__err(err, MK_ENOMEM, line, "out of memory");
    /* "&amp;nbsp;" was escaped twice: decode until nothing is left, so
     * that normalizing the output again changes nothing */
    for (int round = 0; round < 3 && refs > 0 && memchr(n->pre.p, '&', n->pre.len); round++) {
        mk__html state = { 0 };
        uint64_t more = 0, t = 0;
        if (mk__html_clean(&state, n->pre.p, n->pre.len, 0, &n->fix, &t, &more) != 0)
            return mk__err(err, MK_ENOMEM, line, "out of memory");
        if (more == 0)
            break;
        refs += more;
        mk_buf tmp = n->pre;
        n->pre = n->fix;
        n->fix = tmp;
    }
    n->st->html_tags += tags;
    n->st->html_refs += refs;
    *s = n->pre.p;
    *len = n->pre.len;
    return memchr(*s, '\n', *len) != NULL;
}

int
mk_norm_feed(mk_norm *n, const mk_row *row, mk_error *err)
{
    const char *s = row->text;
    size_t len = row->text_len;
    int rc, broke;

    n->q.len = 0;
    n->qn = n->qpos = 0;
    if (row->flags & MK_ROW_NEWDOC) {
        if ((rc = flush_pend(n, err)) < 0)
            return rc;
        n->par_no = 0;
        memset(&n->html, 0, sizeof n->html);
    }
    if ((row->flags & MK_ROW_BLOCK) && !n->html_decided && !(row->flags & MK_ROW_TITLE)) {
        n->html_strip = mk__html_like(s, len);
        n->st->html_docs += (uint64_t)n->html_strip;
    }
    /* Lines joined into one paragraph are checked here, to report the
     * right line; everything else is checked as it is cleaned. */
    if (!(row->flags & (MK_ROW_BLOCK | MK_ROW_PIECE | MK_ROW_TITLE)) && !n->in_piece &&
        n->mode == MK_PAR_BLANK && mk_utf8_valid_prefix(s, len) != len) {
        long bad = mk__utf8_repair(s, len, &n->fix);
        if (bad < 0)
            return mk__err(err, MK_ENOMEM, row->line, "out of memory");
        n->st->invalid_utf8 += (uint64_t)bad;
        if (n->o.strict)
            return mk__err(err, MK_EINPUT, row->line, "invalid UTF-8");
        mk__warn(n->o.warn, n->o.warn_ctx, n->st, n->file, row->line,
                 "invalid UTF-8, %ld %s replaced", bad, bad == 1 ? "sequence" : "sequences");
        s = n->fix.p;
        len = n->fix.len;
    }
    if ((broke = html_stage(n, &s, &len, row->line, err)) < 0)
        return broke;
    if (row->flags & MK_ROW_TITLE)
        return paragraph(n, s, len, row->line, 0, err);
    if (row->flags & MK_ROW_BLOCK) {
        int mode = n->mode;
        if (mode == MK_PAR_AUTO)
            mode = n->html_strip ? MK_PAR_BLANK : mk_par_mode_guess(s, len);
        if ((rc = take_lines(n, s, len, row->line, mode, err)) < 0)
            return rc;
        return flush_pend(n, err);
    }
    /* a line of a text file, or a piece of an over-long one */
    if ((row->flags & MK_ROW_PIECE) && !n->in_piece) {
        n->st->split_long++;
        if (n->o.strict)
            return mk__err(err, MK_ELIMIT, row->line,
                           "line longer than --max-doc (%zu bytes)", n->o.max_doc);
        mk__warn(n->o.warn, n->o.warn_ctx, n->st, n->file, row->line,
                 "line longer than --max-doc (%zu bytes), cut into paragraphs",
                 n->o.max_doc);
    }
    if ((row->flags & MK_ROW_PIECE) || n->in_piece) {
        n->in_piece = (row->flags & MK_ROW_PIECE) != 0;
        if ((rc = flush_pend(n, err)) < 0)
            return rc;
        return paragraph(n, s, len, row->line, -1, err);
    }
    int mode = n->mode == MK_PAR_AUTO ? MK_PAR_LINE : n->mode;
    if (broke)
        return take_lines(n, s, len, row->line, mode, err);
    return take_line(n, s, len, row->line, mode, err);
}

int
mk_norm_end(mk_norm *n, mk_error *err)
{
    n->q.len = 0;
    n->qn = n->qpos = 0;
    n->in_piece = 0;
    return flush_pend(n, err);
}

int
mk_norm_next(mk_norm *n, mk_par *p)
{
    struct qent *e;

    if (n->qpos >= n->qn)
        return 0;
    e = &n->qe[n->qpos++];
    p->text = n->q.p + e->off;
    p->text_len = e->len;
    p->par = e->par;
    p->line = e->line;
    memcpy(n->lang, e->lang, sizeof n->lang);
    p->lang = n->lang;
    return 1;
}

int
mk_norm_text(mk_norm *n, const char *s, size_t len, const char **out, size_t *out_len,
             mk_error *err)
{
    int rc;

    rc = norm_core(n, s, len, 0, err);
    *out = n->a.p ? n->a.p : "";
    *out_len = rc > 0 ? n->a.len : 0;
    return rc;
}

const char *
mk_norm_lang(const mk_norm *n)
{
    return n->lang;
}

int
mk_par_mode_guess(const char *s, size_t len)
{
    size_t i = 0, lines = 0, blanks = 0, in_multi = 0, nonlast = 0, near = 0;
    size_t maxw = 0, prevw = 0, block = 0, pass;

    /* two passes: the widest non-final line of a block, then how many
     * non-final lines come close to it (wrapped text fills its width) */
    for (pass = 0; pass < 2; pass++) {
        i = 0;
        lines = blanks = in_multi = nonlast = near = 0;
        block = 0;
        prevw = 0;
        while (i < len) {
            size_t j = i, w;
            while (j < len && s[j] != '\n')
                j++;
            size_t e = j;
            while (e > i && (s[e - 1] == '\r' || s[e - 1] == ' ' || s[e - 1] == '\t'))
                e--;
            w = mk_utf8_count(s + i, e - i);
            if (w == 0) {
                if (block > 0)
                    blanks++;
                if (block >= 2)
                    in_multi += block;
                block = 0;
            } else {
                lines++;
                if (block > 0) {
                    /* the previous line was not the last of its block */
                    nonlast++;
                    if (pass == 0 && prevw > maxw)
                        maxw = prevw;
                    if (pass == 1 && prevw * 10 >= maxw * 6)
                        near++;
                }
                block++;
                prevw = w;
            }
            i = j + 1;
        }
        if (block >= 2)
            in_multi += block;
    }
    if (blanks == 0 || nonlast < 2 || maxw > 100 || maxw < 20)
        return MK_PAR_LINE;
    if (in_multi * 2 < lines || near * 10 < nonlast * 8)
        return MK_PAR_LINE;
    return MK_PAR_BLANK;
}
