/*
 * repair.c - putting back text that was broken on its way: mojibake (UTF-8
 * read as windows-1252 or Latin-1) and HTML (tags and character
 * references).
 */
#include <string.h>

#include "internal.h"

/* ------------------------------------------------------------------ */
/* Mojibake                                                            */

/* The windows-1252 byte of C, or -1. Latin-1's C1 range maps to itself,
 * so text decoded as Latin-1 comes back too. */
static int
cp1252_byte(uint32_t c)
{
    if (c >= 0x80 && c <= 0xFF)
        return (int)c;
    switch (c) {
    case 0x20AC: return 0x80; case 0x201A: return 0x82; case 0x0192: return 0x83;
    case 0x201E: return 0x84; case 0x2026: return 0x85; case 0x2020: return 0x86;
    case 0x2021: return 0x87; case 0x02C6: return 0x88; case 0x2030: return 0x89;
    case 0x0160: return 0x8A; case 0x2039: return 0x8B; case 0x0152: return 0x8C;
    case 0x017D: return 0x8E; case 0x2018: return 0x91; case 0x2019: return 0x92;
    case 0x201C: return 0x93; case 0x201D: return 0x94; case 0x2022: return 0x95;
    case 0x2013: return 0x96; case 0x2014: return 0x97; case 0x02DC: return 0x98;
    case 0x2122: return 0x99; case 0x0161: return 0x9A; case 0x203A: return 0x9B;
    case 0x0153: return 0x9C; case 0x017E: return 0x9E; case 0x0178: return 0x9F;
    default: return -1;
    }
}

/*
 * Is C a character that mojibake of real text decodes to? Two-byte
 * sequences must give Latin letters (Latin-1, Extended-A, the Vietnamese
 * horn letters), combining marks, or a C1 control (what windows-1252's
 * five unassigned bytes become, inside text broken twice): a Latin-1 capital before a quote mark
 * ("SPAß“") would otherwise turn into an NKo letter. Longer sequences must
 * give the scripts and punctuation of the region's news.
 */
static int
plausible(uint32_t c, size_t k)
{
    if (k == 2)
        return (c >= 0x80 && c <= 0x17F) || (c >= 0x1A0 && c <= 0x1B0) ||
               (c >= 0x300 && c <= 0x33F) ||   /* combining marks (decomposed Vietnamese) */
               c == 0x192 || c == 0x2C6 || c == 0x2DC;  /* ƒ ˆ ˜: double mojibake */
    return (c >= 0x0E00 && c <= 0x0EFF) ||    /* Thai, Lao */
           (c >= 0x1000 && c <= 0x109F) ||    /* Myanmar */
           (c >= 0x1780 && c <= 0x17FF) ||    /* Khmer */
           (c >= 0x19E0 && c <= 0x19FF) ||
           (c >= 0x1E00 && c <= 0x1EFF) ||    /* Vietnamese letters */
           (c >= 0x2000 && c <= 0x206F) ||    /* punctuation */
           (c >= 0x20A0 && c <= 0x20CF) ||    /* currency */
           (c >= 0x2100 && c <= 0x214F) ||    /* letterlike: ™ */
           (c >= 0x2190 && c <= 0x2BFF) ||    /* arrows, math, shapes: ● ○ ∶ */
           (c >= 0x2E80 && c <= 0x2FDF) ||    /* CJK radicals */
           (c >= 0x3000 && c <= 0x31FF) ||    /* CJK punctuation, kana, bopomofo */
           (c >= 0xFE30 && c <= 0xFE4F) ||    /* CJK compatibility forms */
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
           (c >= 0xAC00 && c <= 0xD7AF) ||    /* Hangul */
           (c >= 0xFF00 && c <= 0xFFEF) ||    /* full width */
           c == 0xFEFF ||
           (c >= 0x1F300 && c <= 0x1FAFF) ||  /* emoji */
           (c >= 0x20000 && c <= 0x2FFFF);
}

int
mk__mojibake_candidate(const char *s, size_t len)
{
    const char *p = s, *end;

    if (len == 0)
        return 0;
    end = s + len;
    /* every mojibake lead is U+00C2..U+00F4: UTF-8 C3 82..C3 B4 */
    while ((p = memchr(p, 0xC3, (size_t)(end - p))) != NULL) {
        if (p + 1 < end && (unsigned char)p[1] >= 0x82 && (unsigned char)p[1] <= 0xB4)
            return 1;
        p++;
    }
    return 0;
}

static int
ascii_letter(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * Is a sequence that decodes, in context, more likely real Latin-1 text?
 *  - A capital before a closing quote, an ellipsis or a guillemet, with no
 *    letter after ("AMANHÃ”", "JA PÅ”", "¡ASÍ…!"): mojibake of a letter sits
 *    inside a word, its continuation followed by more of the word.
 *  - One lone Han/kana/Hangul character glued to a Latin word ("annulé »"
 *    with a no-break space is 頻 in windows-1252): mojibake of Chinese
 *    comes in runs.
 * OUT holds what was written before the sequence; S[J..] follows it.
 */
static int
real_text(const mk_buf *out, const unsigned char *s, size_t len, size_t j,
          const unsigned char *bytes, size_t need, uint32_t d)
{
    int prev = out->len > 0 ? (unsigned char)out->p[out->len - 1] : ' ';
    int next_letter = 0, next_moji = 0;

    if (j < len) {
        size_t k;
        uint32_t c = mk__utf8_decode(s + j, len - j, &k);
        next_letter = ascii_letter((int)c) || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
        next_moji = c >= 0xC2 && c <= 0xF4;
    }
    if (need == 2) {
        unsigned char t = bytes[1];
        int closing = t == 0x85 || t == 0x91 || t == 0x92 || t == 0x93 || t == 0x94 ||
                      t == 0xBB;
        /* windows-1252's own letters (Œ œ Š š Ž ž Ÿ ƒ ˆ ˜), C1 controls
         * and Latin-1 symbols (from "Â") are the middle layer of text
         * broken twice, not a word of Latin-1 text */
        int middle = (d >= 0x80 && d <= 0xBF) || d == 0x152 || d == 0x153 || d == 0x160 ||
                     d == 0x161 || d == 0x178 || d == 0x17D || d == 0x17E || d == 0x192 ||
                     d == 0x2C6 || d == 0x2DC;
        return closing && !next_letter && !middle;
    }
    if (need == 3 && ((d >= 0x3040 && d <= 0x9FFF) || (d >= 0xAC00 && d <= 0xD7AF)) &&
        ascii_letter(prev) && !next_moji)
        return 1;
    return 0;
}

/* One pass over S: returns repairs made, or MK_ENOMEM. */
static long
mojibake_pass(const char *str, size_t len, mk_buf *out)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, k;
    long fixed = 0;

    out->len = 0;
    if (mk__buf_reserve(out, len + 4) != 0)
        return MK_ENOMEM;
    while (i < len) {
        if (s[i] < 0x80) {
            out->p[out->len++] = (char)s[i++];
            continue;
        }
        /* the bytes windows-1252 gives for the characters from here */
        unsigned char bytes[4];
        size_t clen[4], nb = 0, j = i, need;
        uint32_t c = mk__utf8_decode(s + i, len - i, &k);
        int b = cp1252_byte(c);
        if (b < 0xC2 || b > 0xF4) {
            memcpy(out->p + out->len, s + i, k);
            out->len += k;
            i += k;
            continue;
        }
        need = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        while (nb < need && j < len) {
            uint32_t cj = mk__utf8_decode(s + j, len - j, &clen[nb]);
            int bj = cp1252_byte(cj);
            if (bj < 0 || (nb > 0 && (bj < 0x80 || bj > 0xBF)))
                break;
            bytes[nb++] = (unsigned char)bj;
            j += clen[nb - 1];
        }
        size_t bad;
        if (nb == need && mk__utf8_seq(bytes, nb, &bad) == need) {
            size_t kk;
            uint32_t d = mk__utf8_decode(bytes, nb, &kk);
            if (plausible(d, need) && !real_text(out, s, len, j, bytes, need, d)) {
                memcpy(out->p + out->len, bytes, nb);
                out->len += nb;
                i = j;
                fixed++;
                continue;
            }
        }
        memcpy(out->p + out->len, s + i, k);
        out->len += k;
        i += k;
    }
    return fixed;
}

long
mk__mojibake_repair(const char *s, size_t len, mk_buf *out)
{
    mk_buf tmp = { 0 };
    long total = 0, n;
    int round;

    if (!mk__mojibake_candidate(s, len))
        return 0;
    n = mojibake_pass(s, len, out);
    if (n <= 0)
        return n;
    total = n;
    /* twice-broken text comes back one layer a pass */
    for (round = 0; round < 2 && mk__mojibake_candidate(out->p, out->len); round++) {
        n = mojibake_pass(out->p, out->len, &tmp);
        if (n < 0) {
            mk__buf_free(&tmp);
            return n;
        }
        if (n == 0)
            break;
        total += n;
        mk_buf t = *out;
        *out = tmp;
        tmp = t;
    }
    mk__buf_free(&tmp);
    return total;
}

/* ------------------------------------------------------------------ */
/* HTML                                                                */

static const char *const block_tags[] = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
    "td", "th", "title", "tr", "ul",
};

static const char *const known_tags[] = {
    "a", "b", "body", "br", "div", "em", "h1", "h2", "h3", "head", "html", "i", "img",
    "li", "meta", "p", "script", "span", "strong", "style", "table", "td", "title",
    "tr", "ul",
};

static int
in_list(const char *name, size_t len, const char *const *list, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strlen(list[i]) == len && memcmp(list[i], name, len) == 0)
            return 1;
    return 0;
}

static int
ascii_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
ascii_alnum(int c)
{
    return ascii_alpha(c) || (c >= '0' && c <= '9');
}

int
mk__html_like(const char *s, size_t len)
{
    size_t i, hits = 0;

    for (i = 0; i + 1 < len && hits < 2; i++) {
        if (s[i] != '<')
            continue;
        size_t j = i + 1, n = 0;
        char name[12];
        if (j < len && s[j] == '/')
            j++;
        if (j + 2 < len && s[j] == '!' && s[j + 1] == '-' && s[j + 2] == '-') {
            hits++;
            continue;
        }
        while (j < len && n < sizeof name && ascii_alnum((unsigned char)s[j]))
            name[n++] = (char)(s[j++] | 0x20);
        if (n > 0 && j < len && (s[j] == '>' || s[j] == ' ' || s[j] == '/') &&
            in_list(name, n, known_tags, sizeof known_tags / sizeof known_tags[0]))
            hits++;
    }
    return hits >= 2;
}

/* The windows-1252 reading HTML gives numeric references 128..159. */
static uint32_t
c1_fix(uint32_t c)
{
    static const uint16_t map[32] = {
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030,
        0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C,
        0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,
        0x017E, 0x0178,
    };
    return c >= 0x80 && c <= 0x9F ? map[c - 0x80] : c;
}

/* A character reference at S ('&' first): its code point and length, or
 * 0 when it is not one. */
static size_t
char_ref(const char *s, size_t len, uint32_t *cp)
{
    size_t i = 1, start;
    uint32_t v = 0;

    if (len < 3)
        return 0;
    if (s[1] == '#') {
        int hex = len > 2 && (s[2] == 'x' || s[2] == 'X');
        i = hex ? 3 : 2;
        start = i;
        while (i < len && i - start < 8) {
            int c = (unsigned char)s[i], d;
            if (c >= '0' && c <= '9')
                d = c - '0';
            else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
                d = (c | 0x20) - 'a' + 10;
            else
                break;
            v = v * (hex ? 16 : 10) + (uint32_t)d;
            i++;
        }
        if (i == start || i >= len || s[i] != ';')
            return 0;
        if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            v = 0xFFFD;
        *cp = c1_fix(v);
        return i + 1;
    }
    start = 1;
    while (i < len && i - start < 10 && ascii_alnum((unsigned char)s[i]))
        i++;
    if (i == start || i >= len || s[i] != ';')
        return 0;
    long at = mk__bsearch_str(mk__entities, mk__nentities, sizeof mk__entities[0], s + start,
                              i - start);
    if (at < 0)
        return 0;
    *cp = mk__entities[at].cp;
    return i + 1;
}

/* Ends the tag whose name is in h->tag: a line break for block tags. */
static int
end_tag(mk__html *h, mk_buf *out)
{
    char name[16];
    size_t i;

    for (i = 0; i < h->tag_len; i++)
        name[i] = (char)(h->tag[i] | 0x20);
    if (!h->tag_closing && h->tag_len == 6 && memcmp(name, "script", 6) == 0)
        h->skip_content = 1;
    else if (!h->tag_closing && h->tag_len == 5 && memcmp(name, "style", 5) == 0)
        h->skip_content = 2;
    else if (h->tag_len == 2 && memcmp(name, "br", 2) == 0)
        return mk__buf_add(out, "\n", 1);          /* a line break */
    else if (in_list(name, h->tag_len, block_tags, sizeof block_tags / sizeof block_tags[0]))
        return mk__buf_add(out, "\n\n", 2);       /* a paragraph break */
    return 0;
}

int
mk__html_clean(mk__html *h, const char *s, size_t len, int strip_tags, mk_buf *out,
               uint64_t *tags, uint64_t *refs)
{
    size_t i = 0;

    out->len = 0;
    if (mk__buf_reserve(out, len + 8) != 0)
        return MK_ENOMEM;
    while (i < len) {
        char c = s[i];
        if (h->in_comment) {
            if (c == '-' && i + 2 < len && s[i + 1] == '-' && s[i + 2] == '>') {
                h->in_comment = 0;
                i += 3;
            } else {
                i++;
            }
            continue;
        }
        if (h->in_tag) {
            if (h->quote) {
                if (c == h->quote)
                    h->quote = 0;
            } else if (c == '"' || c == '\'') {
                h->quote = c;
            } else if (c == '>') {
                h->in_tag = 0;
                if (end_tag(h, out) != 0)
                    return MK_ENOMEM;
            } else if (!h->tag_name_done && ascii_alnum((unsigned char)c) &&
                       h->tag_len < sizeof h->tag) {
                h->tag[h->tag_len++] = c;
            } else {
                h->tag_name_done = 1;
            }
            i++;
            continue;
        }
        if (h->skip_content) {
            /* inside <script> or <style>: only its end tag matters */
            const char *end = h->skip_content == 1 ? "</script" : "</style";
            size_t el = strlen(end), k;
            if (c == '<' && i + el <= len) {
                for (k = 0; k < el && (s[i + k] | 0x20) == (end[k] | 0x20); k++)
                    ;
                if (k == el) {
                    h->skip_content = 0;
                    h->in_tag = 1;
                    h->tag_len = 0;
                    h->tag_closing = 1;
                    h->tag_name_done = 1;
                    h->quote = 0;
                    (*tags)++;
                    i += el;
                    continue;
                }
            }
            i++;
            continue;
        }
        if (c == '<' && strip_tags && i + 1 < len) {
            char d = s[i + 1];
            if (d == '!' && i + 3 < len && s[i + 2] == '-' && s[i + 3] == '-') {
                h->in_comment = 1;
                (*tags)++;
                i += 4;
                continue;
            }
            if (ascii_alpha((unsigned char)d) || d == '/' || d == '!' || d == '?') {
                h->in_tag = 1;
                h->quote = 0;
                h->tag_len = 0;
                h->tag_closing = d == '/';
                h->tag_name_done = 0;
                (*tags)++;
                i += 1 + (d == '/' || d == '!' || d == '?');
                if (d == '!' || d == '?')
                    h->tag_name_done = 1;
                continue;
            }
        }
        if (c == '&') {
            uint32_t cp;
            size_t n = char_ref(s + i, len - i, &cp);
            if (n > 0) {
                char enc[4];
                if (mk__buf_add(out, enc, mk__utf8_encode(cp, enc)) != 0)
                    return MK_ENOMEM;
                (*refs)++;
                i += n;
                continue;
            }
        }
        /* plain text up to the next byte that may start something */
        size_t j = i + 1;
        while (j < len && s[j] != '&' && (s[j] != '<' || !strip_tags))
            j++;
        if (mk__buf_add(out, s + i, j - i) != 0)
            return MK_ENOMEM;
        i = j;
    }
    return 0;
}
