/*
 * internal.h - shared internals of libmekong (not installed). Names are
 * mk__noun_verb; nothing here is part of the public interface.
 */
#ifndef MK_INTERNAL_H
#define MK_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "mekong.h"

/* A growable byte buffer; the hot loops reuse them, so they only grow. */
typedef struct mk_buf {
    char *p;
    size_t len, cap;
} mk_buf;

/* Makes room for N more bytes. Returns 0 or MK_ENOMEM. */
int mk__buf_reserve(mk_buf *b, size_t n);

/* Grows the array *P of SIZE-byte elements (capacity *CAP, doubling) to
 * hold NEED. Returns 0 or MK_ENOMEM (*P unchanged). */
int mk__grow(void **p, size_t *cap, size_t need, size_t size);

/* FNV-1a, 32 bits, of S[0..N): the hash of the library's small tables and
 * of the model files' checksums. */
uint32_t mk__fnv1a(const void *s, size_t n);
int mk__buf_add(mk_buf *b, const char *s, size_t n);
void mk__buf_free(mk_buf *b);

/* Fills ERR (if not NULL) and returns CODE. */
int mk__err(mk_error *err, int code, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int mk__err_sys(mk_error *err, int code, int sys_errno, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The index of the string KEY[0..N) in TABLE, sorted by strcmp order and
 * read through STRIDE-byte records whose first member is the string
 * pointer; -1 when it is not there. */
long mk__bsearch_str(const void *table, size_t count, size_t stride, const char *key, size_t n);

/* Formats a warning and passes it to WARN (if any), counting it. */
void mk__warn(mk_warn_fn warn, void *ctx, mk_stats *st, const char *file, long line,
              const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Decodes one code point of valid UTF-8 at S (LEN > 0); sets *N to its
 * length. Inline: every scanner calls it once a character. */
static inline uint32_t
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

/* Length of the valid UTF-8 sequence at S, or 0 when it is ill-formed;
 * then *BAD is the length of its maximal ill-formed subpart (>= 1). */
size_t mk__utf8_seq(const unsigned char *s, size_t len, size_t *bad);

/* Converts the LEN bytes of UTF-8 at S to UTF-16 in OUT (LEN units of
 * room); returns the number of units, or -1 if S is not valid UTF-8. */
long mk__utf8_to_u16(const char *s, size_t len, uint16_t *out);

/* Moves a cursor over valid UTF-8 S: from byte B, at UTF-16 unit *U, on
 * to unit TO (never back). Sets *U and returns the byte there. */
size_t mk__u16_advance(const char *s, size_t len, size_t b, int32_t *u, int32_t to);

/* Encodes C as UTF-8 into OUT (4 bytes room); returns the length. */
size_t mk__utf8_encode(uint32_t c, char *out);

/* Copies S to OUT with every ill-formed subpart replaced by U+FFFD.
 * Returns the number of replacements, or MK_ENOMEM. */
long mk__utf8_repair(const char *s, size_t len, mk_buf *out);

/* Script groups used for language labels and for ZWSP handling. */
enum {
    MK_SC_NONE = 0, MK_SC_LATIN, MK_SC_THAI, MK_SC_LAO, MK_SC_KHMER, MK_SC_MYANMAR,
    MK_SC_HAN, MK_SC_KANA, MK_SC_HANGUL, MK_SC_ARABIC, MK_SC_CYRILLIC, MK_SC_GREEK,
    MK_SC_DEVANAGARI, MK_SC_HEBREW, MK_SC_OTHER, MK_SC_COUNT
};

/* The script group of C if C is a letter or mark, else MK_SC_NONE. */
int mk__script_group(uint32_t c);

/* Does C mark Vietnamese among Latin letters (ă â đ ê ô ơ ư and the
 * precomposed tone letters of U+1EA0..U+1EF9)? */
int mk__is_vi_letter(uint32_t c);

/* A language code from counts of letters per script group. */
const char *mk__lang_from_counts(const uint32_t counts[MK_SC_COUNT], uint32_t vi_letters);

/* HTML named character references (lib/entities.c, generated). */
struct mk__entity {
    const char *name;
    uint32_t cp;
};
extern const struct mk__entity mk__entities[];
extern const size_t mk__nentities;

/* Mojibake: UTF-8 that was decoded as windows-1252 or Latin-1, once or
 * twice. Copies S to OUT with such runs decoded again, when confident.
 * Returns the number of characters repaired (0: OUT holds S unchanged),
 * or MK_ENOMEM. S must be valid UTF-8. */
long mk__mojibake_repair(const char *s, size_t len, mk_buf *out);

/* Could S hold mojibake at all? (A cheap test before the repair.) */
int mk__mojibake_candidate(const char *s, size_t len);

/* HTML: tags and character references. One state per document: a tag,
 * comment or script may go on over lines. */
typedef struct mk__html {
    int in_tag;          /* inside <...> */
    int in_comment;      /* inside <!-- ... --> */
    int skip_content;    /* inside <script> or <style>: 1 script, 2 style */
    char quote;          /* the quote an attribute value is in, or 0 */
    char tag[16];        /* the name of the tag being read */
    size_t tag_len;
    int tag_closing;
    int tag_name_done;
} mk__html;

/* Decodes character references, and strips tags when STRIP_TAGS, from S
 * into OUT (block-level tags become line breaks). Adds to *TAGS and *REFS.
 * Returns 0 or MK_ENOMEM. */
int mk__html_clean(mk__html *h, const char *s, size_t len, int strip_tags, mk_buf *out,
                   uint64_t *tags, uint64_t *refs);

/* Does a sample look like HTML (several known tags)? */
int mk__html_like(const char *s, size_t len);

/* Boilerplate paragraphs (corpora/boilerplate.txt, generated into
 * gen/boilerplate.c): is S, at most MK__BOILERPLATE_MAX bytes, one? */
#define MK__BOILERPLATE_MAX 64
extern const char *const mk__boilerplate_lines[];
extern const size_t mk__nboilerplate_lines;
int mk__boilerplate(const char *s, size_t len);

/* Abbreviations that end in a full stop mid-sentence
 * (corpora/abbreviations.txt, generated into gen/abbreviations.c). */
extern const char *const mk__abbreviations[];
extern const size_t mk__nabbreviations;

/* Vietnamese words of several syllables, lower case (corpora/vi-words.txt,
 * generated into gen/vi_words.c). */
extern const char *const mk__vi_words[];
extern const size_t mk__nvi_words;

/* ASCII helpers that do not depend on the locale. */
static inline int mk__is_ascii_space(int c)
{
    return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

#endif /* MK_INTERNAL_H */
