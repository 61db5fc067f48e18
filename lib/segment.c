/*
 * segment.c - sentences and tokens of a paragraph.
 *
 * ICU's break iterators do the bulk (with their dictionaries for Thai,
 * Lao, Khmer, Burmese, Chinese and Japanese, and the standard sentence
 * suppressions for English-like abbreviations); an iterator is opened once
 * per language and reused. Rules of our own then fix what ICU gets wrong
 * in news: a stop after a title or abbreviation of corpora/abbreviations.txt
 * or after an initial does not end the sentence, nor does one followed by
 * a lower-case letter after a short word; Khmer ។ and ៕ end sentences
 * (ICU does not break there); in Thai and Lao, where a space ends a
 * sentence, a space between two letters of the script ends one once the
 * sentence is long enough and the next word does not carry it on; inline
 * list markers that count up start sentences;
 * tokens keep e-mail addresses and URLs whole, and the stop of an
 * abbreviation ("Mr.", "U.S.").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <pcre2.h>
#include <unicode/uchar.h>
#include <unicode/ubrk.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <utf8proc.h>

#include "internal.h"

#define MAX_ITERS 24
/* Thai and Lao: a space ends a sentence once the sentence holds this many
 * code points (shorter stretches are phrases of one sentence), unless the
 * next word carries the sentence on (thai_goes_on). */
#ifndef THAI_MIN_SENT
#define THAI_MIN_SENT 40
#endif
/* Lao has no list of words that carry a sentence on: a longer minimum */
#define LAO_MIN_SENT 100

struct iter {
    char lang[16];
    UBreakIterator *sent, *word;
    /* languages that write "12. Juni": their month names from CLDR, lower
     * case, each ended by a NUL (read on first need; months_read) */
    char *months;
    size_t months_len;
    int months_read;
};

struct zch;
struct einfo;

/* A piece of a feature string: its polynomial hash and the hash base to
 * the power of its length (ph_of, ph_cat). */
struct ph {
    uint32_t h, p;
};

struct mk_segmenter {
    struct iter it[MAX_ITERS];
    int nit;
    UText *ut;
    /* the paragraph in UTF-16, which ICU iterates much faster than UTF-8
     * through a UText; boundaries come back in its units and are mapped
     * to bytes by a cursor (u16_at, u16_b) that moves forward */
    uint16_t *u16;
    size_t u16cap;
    int use16;              /* 1: UTF-16; 2: UTF-16 of ASCII text, a unit a byte */
    int32_t u16_at;
    size_t u16_b;
    struct zch *zch;        /* the Chinese model's characters and tokens */
    size_t zcap;
    size_t *ztok;
    size_t ztcap;
    int rules_only;         /* no learned model: ICU and the rules alone */
    int lower_writer;       /* this paragraph writes "i" for I (writes_lower_i);
                             * -1: not yet known */
    size_t *wb;             /* the English model's words: start and end bytes */
    size_t wcap;
    struct einfo *winfo;    /* and what its features take of each */
    size_t wicap, wgen;
    struct ph en_lit[20];   /* its literal pieces, hashed (en_lit_done) */
    int en_lit_done;
    mk_span *sp;
    size_t nsp, cap;
    size_t *cuts;           /* byte offsets of sentence boundaries */
    size_t ncuts, cutcap;
    pcre2_code *re_link;    /* e-mail addresses and URLs */
    pcre2_match_data *md;
    int vi_syllables;       /* leave Vietnamese tokens as syllables */
};

void
mk_seg_set_vi_words(mk_segmenter *s, int on)
{
    s->vi_syllables = !on;
}

void
mk_seg_set_models(mk_segmenter *s, int on)
{
    s->rules_only = !on;
}

const char *
mk_tok_kind_name(int kind)
{
    static const char *const names[] = { "word", "number", "punct", "symbol", "ideo" };
    return kind >= 0 && kind <= MK_TOK_IDEO ? names[kind] : "word";
}

mk_segmenter *
mk_segmenter_new(mk_error *err)
{
    mk_segmenter *s = calloc(1, sizeof *s);
    int ec;
    PCRE2_SIZE off;

    if (s == NULL) {
        mk__err(err, MK_ENOMEM, 0, "out of memory");
        return NULL;
    }
    s->re_link = pcre2_compile(
        (PCRE2_SPTR) "(?:https?://|www\\.)[^\\s<>\"]+[^\\s<>\".,;:!?)\\]]"
                     "|(?:mailto:)?[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+",
        PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &ec, &off, NULL);
    if (s->re_link == NULL) {
        mk__err(err, MK_EUSAGE, 0, "cannot compile the link pattern");
        free(s);
        return NULL;
    }
    (void)pcre2_jit_compile(s->re_link, PCRE2_JIT_COMPLETE);
    s->md = pcre2_match_data_create_from_pattern(s->re_link, NULL);
    if (s->md == NULL) {
        pcre2_code_free(s->re_link);
        free(s);
        mk__err(err, MK_ENOMEM, 0, "out of memory");
        return NULL;
    }
    return s;
}

void
mk_segmenter_free(mk_segmenter *s)
{
    int i;

    if (s == NULL)
        return;
    for (i = 0; i < s->nit; i++) {
        ubrk_close(s->it[i].sent);
        ubrk_close(s->it[i].word);
        free(s->it[i].months);
    }
    if (s->ut != NULL)
        utext_close(s->ut);
    free(s->u16);
    free(s->zch);
    free(s->ztok);
    free(s->wb);
    free(s->winfo);
    pcre2_match_data_free(s->md);
    pcre2_code_free(s->re_link);
    free(s->sp);
    free(s->cuts);
    free(s);
}

/* The base language of a BCP 47 code: "th" of "th-TH"; "" for und. */
static void
base_lang(const char *lang, char *out, size_t size)
{
    size_t n = 0;

    if (lang != NULL && strncmp(lang, "und", 3) != 0)
        while (lang[n] != '\0' && lang[n] != '-' && lang[n] != '_' && n + 1 < size) {
            out[n] = (char)(lang[n] | 0x20);
            n++;
        }
    out[n] = '\0';
}

static struct iter *
iter_for(mk_segmenter *s, const char *lang, mk_error *err)
{
    char base[16], loc[40];
    int i;
    UErrorCode ec = U_ZERO_ERROR;

    base_lang(lang, base, sizeof base);
    for (i = 0; i < s->nit; i++)
        if (strcmp(s->it[i].lang, base) == 0)
            return &s->it[i];
    if (s->nit == MAX_ITERS) {
        /* many languages: reuse the oldest slot */
        ubrk_close(s->it[0].sent);
        ubrk_close(s->it[0].word);
        free(s->it[0].months);
        memmove(&s->it[0], &s->it[1], sizeof s->it[0] * (MAX_ITERS - 1));
        s->nit--;
    }
    struct iter *it = &s->it[s->nit];
    memset(it, 0, sizeof *it);
    snprintf(loc, sizeof loc, "%s@ss=standard", base[0] ? base : "en");
    it->sent = ubrk_open(UBRK_SENTENCE, loc, NULL, 0, &ec);
    if (U_SUCCESS(ec))
        it->word = ubrk_open(UBRK_WORD, base[0] ? base : "en", NULL, 0, &ec);
    if (U_FAILURE(ec)) {
        if (it->sent)
            ubrk_close(it->sent);
        mk__err(err, MK_EICU, 0, "cannot open ICU break iterators for '%s': %s", base,
                u_errorName(ec));
        return NULL;
    }
    snprintf(it->lang, sizeof it->lang, "%s", base);
    s->nit++;
    return it;
}

static int
set_text(mk_segmenter *s, UBreakIterator *bi, const char *text, size_t len, mk_error *err)
{
    UErrorCode ec = U_ZERO_ERROR;

    /* UTF-16 when the text converts without a substitution (so that every
     * unit maps back to its bytes) and the buffer can grow; else a UText
     * over the UTF-8 itself, whose offsets are bytes */
    s->use16 = 0;
    if (len < (size_t)INT32_MAX && len + 1 > s->u16cap) {
        uint16_t *p = realloc(s->u16, (len + 1) * sizeof *p);
        if (p != NULL) {
            s->u16 = p;
            s->u16cap = len + 1;
        }
    }
    if (len + 1 <= s->u16cap) {
        long n = mk__utf8_to_u16(text, len, s->u16);
        if (n >= 0) {
            ubrk_setText(bi, s->u16, (int32_t)n, &ec);
            if (U_FAILURE(ec))
                return mk__err(err, MK_EICU, 0, "ICU break iterator: %s", u_errorName(ec));
            /* as many units as bytes: all ASCII, and a unit is a byte */
            s->use16 = (size_t)n == len ? 2 : 1;
            s->u16_at = 0;
            s->u16_b = 0;
            return 0;
        }
    }
    s->ut = utext_openUTF8(s->ut, text, (int64_t)len, &ec);
    if (U_SUCCESS(ec))
        ubrk_setUText(bi, s->ut, &ec);
    if (U_FAILURE(ec))
        return mk__err(err, MK_EICU, 0, "ICU break iterator: %s", u_errorName(ec));
    return 0;
}

/* The byte offset in TEXT of boundary B of the iterator set last. */
static size_t
at_byte(mk_segmenter *s, const char *text, size_t len, int32_t b)
{
    if (s->use16 != 1)              /* UTF-8 itself, or all ASCII */
        return (size_t)b;
    if (b < s->u16_at) {            /* boundaries come in order; restart if not */
        s->u16_at = 0;
        s->u16_b = 0;
    }
    s->u16_b = mk__u16_advance(text, len, s->u16_b, &s->u16_at, b);
    return s->u16_b;
}

/* Starts a call: no spans yet, the iterators of LANG, TEXT set on the
 * sentence or (WORD) word one. NULL with ERR filled on failure. */
static struct iter *
begin(mk_segmenter *s, const char *text, size_t len, const char *lang, int word,
      const mk_span **spans, mk_error *err)
{
    struct iter *it;

    s->nsp = 0;
    *spans = NULL;
    if ((it = iter_for(s, lang, err)) == NULL)
        return NULL;
    if (len > INT32_MAX) {
        mk__err(err, MK_ELIMIT, 0, "paragraph too long to segment");
        return NULL;
    }
    if (set_text(s, word ? it->word : it->sent, text, len, err) < 0)
        return NULL;
    return it;
}

static int
add_span(mk_segmenter *s, size_t start_b, size_t end_b, int kind)
{
    if (s->nsp == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        mk_span *p = realloc(s->sp, cap * sizeof *p);
        if (p == NULL)
            return MK_ENOMEM;
        s->sp = p;
        s->cap = cap;
    }
    s->sp[s->nsp].start_b = start_b;
    s->sp[s->nsp].end_b = end_b;
    s->sp[s->nsp].kind = kind;
    s->nsp++;
    return 0;
}

static int
add_cut(mk_segmenter *s, size_t b)
{
    if (s->ncuts == s->cutcap) {
        size_t cap = s->cutcap ? s->cutcap * 2 : 64;
        size_t *p = realloc(s->cuts, cap * sizeof *p);
        if (p == NULL)
            return MK_ENOMEM;
        s->cuts = p;
        s->cutcap = cap;
    }
    s->cuts[s->ncuts++] = b;
    return 0;
}

/* Fills the code-point offsets of the spans, in one pass. */
static void
count_points(mk_segmenter *s, const char *text)
{
    size_t i, b = 0, cp = 0;

    if (s->use16 == 2) {            /* ASCII text (set_text): a byte a code point */
        for (i = 0; i < s->nsp; i++) {
            s->sp[i].start = s->sp[i].start_b;
            s->sp[i].end = s->sp[i].end_b;
        }
        return;
    }
    for (i = 0; i < s->nsp; i++) {
        mk_span *p = &s->sp[i];
        if (p->start_b < b) {       /* spans are ordered; restart if not */
            b = 0;
            cp = 0;
        }
        /* tokens and the gaps between them are short: counted here, as a
         * call for each would cost more than the counting; sentences are
         * long, and counted eight bytes at a time */
        if (p->start_b - b >= 32) {
            cp += mk_utf8_count(text + b, p->start_b - b);
            b = p->start_b;
        }
        for (; b < p->start_b; b++)
            cp += ((unsigned char)text[b] & 0xC0) != 0x80;
        p->start = cp;
        if (p->end_b - b >= 32) {
            cp += mk_utf8_count(text + b, p->end_b - b);
            b = p->end_b;
        }
        for (; b < p->end_b; b++)
            cp += ((unsigned char)text[b] & 0xC0) != 0x80;
        p->end = cp;
    }
}

static int
is_abbreviation(const char *w, size_t n)
{
    return n > 0 && n <= 15 &&
           mk__bsearch_str(mk__abbreviations, mk__nabbreviations, sizeof mk__abbreviations[0],
                           w, n) >= 0;
}

static int
ascii_letter(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The word before the stop at T[DOT]: its start, letters and inner
 * stops ("U.S"), within the paragraph. */
static size_t
word_before(const char *t, size_t dot)
{
    size_t i = dot;

    while (i > 0 && (ascii_letter((unsigned char)t[i - 1]) ||
                     (t[i - 1] == '.' && i >= 2 && ascii_letter((unsigned char)t[i - 2]))))
        i--;
    return i;
}

/* Letters with stops between them, one letter each: "U.S", "a.m", "e.g". */
static int
dotted(const char *w, size_t n)
{
    size_t i;

    if (n < 3 || n % 2 == 0)
        return 0;
    for (i = 0; i < n; i++)
        if (i % 2 == 0 ? !ascii_letter((unsigned char)w[i]) : w[i] != '.')
            return 0;
    return 1;
}

/* Titles come before a name: a capital after them never starts a
 * sentence ("Dr. Smith"). Other abbreviations can end one ("... & Co. It
 * closed"). */
static int
is_title(const char *w, size_t n)
{
    static const char *const titles[] = {
        "Adm", "Amb", "Bb", "Capt", "Col", "Cpl", "Cpt", "Dr", "Dra", "Drs", "G", "Gen",
        "Gng", "Gov", "H.E", "Hj", "Hon", "Insp", "Ir", "Jr", "Lt", "Maj", "Messrs", "Mr",
        "Mrs", "Ms", "Mssrs", "Pres", "Prof", "Rep", "Rev", "Sen", "Sgt", "Sr", "St", "Supt",
        "TS", "ThS", "GS", "PGS", "Bp", "Yth",
        /* Italian, Danish and German titles before a name */
        "Avv", "Dott", "Ing", "Sig", "Geom", "Arch", "Dir", "Skt", "Hr", "Fr",
    };
    for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++)
        if (strlen(titles[i]) == n && memcmp(titles[i], w, n) == 0)
            return 1;
    return 0;
}

/* Words that start English sentences and never follow a title or an
 * initial inside one: after "U.S." or "Co." they mean a new sentence. */
static int
is_starter(const char *t, size_t len, size_t b)
{
    static const char *const starters[] = {
        "A", "An", "And", "As", "At", "But", "Did", "Do", "Does", "He", "Her", "Here", "His",
        "How", "I", "If", "In", "It", "Its", "Many", "Most", "My", "No", "Not", "On", "Our",
        "She", "So", "Some", "That", "The", "Their", "There", "These", "They", "This",
        "Those", "We", "What", "When", "Where", "Which", "While", "Who", "Why", "You",
        /* and Danish ones */
        "Det", "Der", "Hvad", "Hvis", "Hvor", "Jeg",
    };
    size_t e = b;

    while (e < len && ascii_letter((unsigned char)t[e]))
        e++;
    if (e == b || (e < len && t[e] != ' ' && t[e] != ',' && t[e] != '\''))
        return 0;
    for (size_t i = 0; i < sizeof starters / sizeof starters[0]; i++)
        if (strlen(starters[i]) == e - b && memcmp(starters[i], t + b, e - b) == 0)
            return 1;
    return 0;
}

/* The byte after the spaces at B. */
static size_t
skip_spaces(const char *t, size_t len, size_t b)
{
    while (b < len && t[b] == ' ')
        b++;
    return b;
}

/* Does the sentence that ends at byte E (after trailing spaces are put
 * aside) stop on an abbreviation or an initial that does not end it? */
static int time_of_day_ends(struct iter *it, const char *t, size_t len, size_t w, size_t dot, size_t nx);

/* EN: English, where a.m. and p.m. end sentences before a capitalized
 * word (time_of_day_ends, with IT's calendar names). */
static int
ends_in_abbreviation(struct iter *it, int en, const char *t, size_t len, size_t start, size_t e)
{
    size_t next = skip_spaces(t, len, e);

    while (e > start && (t[e - 1] == ' '))
        e--;
    if (e == start || t[e - 1] != '.')
        return 0;
    int digit_next = next < len && t[next] >= '0' && t[next] <= '9';
    /* "N°. 1026": the numero sign */
    if (digit_next && e >= start + 4 && memcmp(t + e - 3, "\xc2\xb0", 2) == 0)
        return 1;
    size_t w = word_before(t, e - 1);
    if (w >= e - 1) {
        /* an initial in another script ("А. И. Семенов", "Л.Н. Толстой")
         * before a capitalized word */
        if (e - 1 <= start)
            return 0;   /* the stop alone */
        size_t a = e - 1, k;
        do
            a--;
        while (a > start && ((unsigned char)t[a] & 0xC0) == 0x80);
        uint32_t c = mk__utf8_decode((const unsigned char *)t + a, e - 1 - a, &k);
        if (c < 0x80 || k != e - 1 - a || !u_isupper((UChar32)c) ||
            !(a == start || t[a - 1] == ' ' || t[a - 1] == '(' || t[a - 1] == '.') || next >= len)
            return 0;
        uint32_t d = mk__utf8_decode((const unsigned char *)t + next, len - next, &k);
        return u_isupper((UChar32)d) != 0;
    }
    if (w > 0 && ascii_letter((unsigned char)t[w - 1]))
        return 0;
    size_t n = e - 1 - w;
    if (n == 1 && t[w] >= 'a' && t[w] <= 'z' && is_abbreviation(t + w, 1))
        return digit_next || !is_starter(t, len, next);     /* "Hamdan v. Rumsfeld" */
    if (n == 1)
        /* an initial ("J. R. R. Tolkien"), "p. 55"; "you and I. Did" ends,
         * and so does "120.5°C. Then" */
        return (w == start || ((unsigned char)t[w - 1] < 0x80 && !(t[w - 1] >= '0' && t[w - 1] <= '9'))) &&
               (digit_next || (t[w] >= 'A' && t[w] <= 'Z' && !is_starter(t, len, next)));
    if (is_title(t + w, n))
        return 1;
    if (is_abbreviation(t + w, n) || dotted(t + w, n))
        return digit_next || !(is_starter(t, len, next) || (en && time_of_day_ends(it, t, len, w, e - 1, next)));
    return 0;
}

/* Does the stretch before byte E end in a stop after a short word
 * ("etc.", "approx.", "vs.")? A lower-case letter after such a stop goes on
 * with the sentence; after a longer word it starts one (web text writes
 * sentences in lower case). */
static int
short_word_stop(const char *t, size_t start, size_t e)
{
    while (e > start && t[e - 1] == ' ')
        e--;
    /* "you think? we can go", "кім? не?": web and chat text starts low
     * after a question mark against a letter of any script ("!" not:
     * "Yahoo! in the accounting department") */
    if (e - start >= 2 && t[e - 1] == '?') {
        size_t a = e - 1, k;
        do
            a--;
        while (a > start && ((unsigned char)t[a] & 0xC0) == 0x80);
        uint32_t c = mk__utf8_decode((const unsigned char *)t + a, e - 1 - a, &k);
        if (k == e - 1 - a && u_isalpha((UChar32)c))
            return 0;
    }
    if (e == start || t[e - 1] != '.')
        return 1;       /* other signs: keep ICU's and the other rules' say */
    size_t w = word_before(t, e - 1);
    return e - 1 - w <= 3;
}

/* Is the stretch [START, E) only a list marker ("1.", "2.)", "a.", "iv)")? */
static int
list_marker(const char *t, size_t start, size_t e)
{
    size_t a = start, i;

    while (a < e && t[a] == ' ')
        a++;
    while (e > a && t[e - 1] == ' ')
        e--;
    if (e - a >= 3 && (memcmp(t + a, "\xe2\x80\xa2", 3) == 0 ||
                       memcmp(t + a, "\xe2\x81\x83", 3) == 0)) {
        a += 3;
        while (a < e && t[a] == ' ')
            a++;
    }
    if (e - a < 2 || e - a > 5)
        return 0;
    if (t[e - 1] == ')')
        e--;
    if (e - a < 2 || t[e - 1] != '.')
        return 0;
    int digits = 0, roman = 1;
    for (i = a; i < e - 1; i++) {
        if (!((t[i] >= '0' && t[i] <= '9') || (t[i] >= 'a' && t[i] <= 'z')))
            return 0;
        digits += t[i] >= '0' && t[i] <= '9';
        roman &= strchr("ivxlc", t[i]) != NULL;
    }
    /* a number, a letter or a Roman numeral ("12.", "b.", "iv."); not a
     * short word ("no.", "oh.") */
    return e - 1 - a <= 3 && (digits == (int)(e - 1 - a) || e - 1 - a == 1 || roman);
}

/* Does the text at byte B start (after spaces and opening quotes) with a
 * lower-case letter or a digit that continues a sentence? */
static int
starts_lower(const char *t, size_t len, size_t b)
{
    while (b < len && (t[b] == ' ' || t[b] == '"' || t[b] == '\'' || t[b] == '('))
        b++;
    if (b >= len)
        return 0;
    size_t k;
    uint32_t c = mk__utf8_decode((const unsigned char *)t + b, len - b, &k);
    return u_islower((UChar32)c) != 0;
}

/* Does [START, E) end (spaces aside) in a lower-case letter and a stop,
 * with a space or nothing before the letter? */
static int
one_letter_stop(const char *t, size_t start, size_t e)
{
    while (e > start && t[e - 1] == ' ')
        e--;
    if (e < start + 2 || t[e - 1] != '.')
        return 0;
    /* the letter: one code point back from the stop */
    size_t a = e - 1;
    do
        a--;
    while (a > start && ((unsigned char)t[a] & 0xC0) == 0x80);
    if (a > start && t[a - 1] != ' ')
        return 0;
    size_t k;
    uint32_t c = mk__utf8_decode((const unsigned char *)t + a, e - 1 - a, &k);
    return k == e - 1 - a && u_islower((UChar32)c);
}

/* Does the text at byte B start with one letter and a stop ("B.", "Ä.")? */
static int
one_letter_next(const char *t, size_t len, size_t b)
{
    size_t k;
    if (b >= len)
        return 0;
    uint32_t c = mk__utf8_decode((const unsigned char *)t + b, len - b, &k);
    return u_isalpha((UChar32)c) && b + k < len && t[b + k] == '.';
}

/* Does LANG write ordinals, and the day of a date, with a stop ("am 12.
 * Juni", "XII. Pluku")? */
static int
ordinal_stop_lang(const char *base)
{
    static const char *const langs[] = {
        "bs", "cs", "da", "de", "et", "fi", "fo", "hr", "hu", "is", "lt", "lv", "nb", "nn",
        "no", "pl", "sk", "sl", "sr",
    };
    for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++)
        if (strcmp(base, langs[i]) == 0)
            return 1;
    return 0;
}

/* The month names of IT's language from CLDR (wide and short, in dates
 * and standing alone), lower case and without a final stop. Left empty
 * when ICU has none or memory runs out: the rule then does nothing. */
static void
read_months(struct iter *it)
{
    static const UDateFormatSymbolType types[] = { UDAT_MONTHS, UDAT_STANDALONE_MONTHS,
                                                   UDAT_SHORT_MONTHS, UDAT_STANDALONE_SHORT_MONTHS,
                                                   UDAT_WEEKDAYS, UDAT_SHORT_WEEKDAYS };
    UErrorCode e = U_ZERO_ERROR;
    UDateFormat *df = udat_open(UDAT_NONE, UDAT_SHORT, it->lang, NULL, 0, NULL, 0, &e);

    it->months_read = 1;
    if (U_FAILURE(e))
        return;
    size_t cap = 0;
    for (size_t t = 0; t < sizeof types / sizeof types[0]; t++)
        for (int32_t k = 0; k < 12; k++) {
            /* weekdays count from 1 (Sunday) to 7 */
            if (types[t] == UDAT_WEEKDAYS || types[t] == UDAT_SHORT_WEEKDAYS) {
                if (k == 0 || k > 7)
                    continue;
            }
            UChar b[64], lo[64];
            char u8[128];
            int32_t n, ln, n8;
            e = U_ZERO_ERROR;
            n = udat_getSymbols(df, types[t], k, b, 64, &e);
            if (U_FAILURE(e) || n <= 0 || n >= 64)
                continue;
            ln = u_strToLower(lo, 64, b, n, it->lang, &e);
            if (U_FAILURE(e) || ln <= 0 || ln >= 64)
                continue;
            while (ln > 0 && lo[ln - 1] == '.')
                ln--;
            u_strToUTF8(u8, sizeof u8, &n8, lo, ln, &e);
            if (U_FAILURE(e) || n8 < 3 || n8 >= (int32_t)sizeof u8)
                continue;
            int seen = 0;
            for (size_t q = 0; q < it->months_len && !seen; q += strlen(it->months + q) + 1)
                seen = strcmp(it->months + q, u8) == 0;
            if (seen)
                continue;
            if (it->months_len + (size_t)n8 + 1 > cap) {
                size_t nc = cap ? 2 * cap : 512;
                char *m = realloc(it->months, nc);
                if (m == NULL)
                    goto done;
                it->months = m;
                cap = nc;
            }
            memcpy(it->months + it->months_len, u8, (size_t)n8 + 1);
            it->months_len += (size_t)n8 + 1;
        }
done:
    udat_close(df);
}

/* Is the word at byte B a month name of IT's language? */
static int
month_at(struct iter *it, const char *t, size_t len, size_t b)
{
    if (!it->months_read)
        read_months(it);
    if (it->months_len == 0)
        return 0;
    size_t e = b, k;
    while (e < len) {
        uint32_t c = mk__utf8_decode((const unsigned char *)t + e, len - e, &k);
        if (!u_isalpha((UChar32)c))
            break;
        e += k;
    }
    if (e == b || e - b > 60)
        return 0;
    UChar w[64], lo[64];
    char u8[128];
    int32_t n, ln, n8;
    UErrorCode ec = U_ZERO_ERROR;
    u_strFromUTF8(w, 64, &n, t + b, (int32_t)(e - b), &ec);
    if (U_FAILURE(ec))
        return 0;
    ln = u_strToLower(lo, 64, w, n, it->lang, &ec);
    if (U_FAILURE(ec))
        return 0;
    u_strToUTF8(u8, sizeof u8, &n8, lo, ln, &ec);
    if (U_FAILURE(ec))
        return 0;
    for (size_t q = 0; q < it->months_len; q += strlen(it->months + q) + 1)
        if (strcmp(it->months + q, u8) == 0)
            return 1;
    return 0;
}

/* After "a.m." or "p.m." (W..DOT, any case) a capitalized word starts a
 * sentence ("at 6 P.M. Travelers ..."), unless it is a weekday or a month
 * (CLDR's names: "6 p.m. Monday"), a time zone in capitals ("ET") or a
 * title ("at 5 a.m. Mr. Smith went"). */
static int
time_of_day_ends(struct iter *it, const char *t, size_t len, size_t w, size_t dot, size_t nx)
{
    if (dot - w != 3 || !((t[w] | 0x20) == 'a' || (t[w] | 0x20) == 'p') || t[w + 1] != '.' ||
        (t[w + 2] | 0x20) != 'm')
        return 0;
    if (nx + 1 >= len || !(t[nx] >= 'A' && t[nx] <= 'Z') || !(t[nx + 1] >= 'a' && t[nx + 1] <= 'z'))
        return 0;
    /* nor before a title: "At 5 a.m. Mr. Smith went" goes on */
    size_t e = nx;
    while (e < len && ascii_letter((unsigned char)t[e]))
        e++;
    return !is_title(t + nx, e - nx) && !month_at(it, t, len, nx);
}

/* Does [START, E) end (spaces aside) in an ordinal: one or two digits, or
 * a Roman numeral in capitals, then a stop, after a space or "("? Sets
 * *ROMAN for a numeral. */
static int
ordinal_before(const char *t, size_t start, size_t e, int *roman)
{
    while (e > start && t[e - 1] == ' ')
        e--;
    if (e < start + 2 || t[e - 1] != '.')
        return 0;
    size_t a = e - 1, digits = 0, numerals = 0;
    while (a > start && t[a - 1] >= '0' && t[a - 1] <= '9')
        a--, digits++;
    if (digits == 0)
        while (a > start && strchr("IVXLC", t[a - 1]) != NULL && t[a - 1] != '\0')
            a--, numerals++;
    if (!((digits >= 1 && digits <= 2) || (numerals >= 1 && numerals <= 6)))
        return 0;
    if (a > start && t[a - 1] != ' ' && t[a - 1] != '(')
        return 0;
    *roman = numerals > 0;
    return 1;
}

static int
is_quote(uint32_t c)
{
    return u_hasBinaryProperty((UChar32)c, UCHAR_QUOTATION_MARK) != 0;
}

/* Does the text at byte B hold a quotation mark, spaces, then one of
 * . , ; : - (a sign that never starts a sentence)? */
static int
quote_then_sign(const char *t, size_t len, size_t b)
{
    size_t k;
    uint32_t c = mk__utf8_decode((const unsigned char *)t + b, len - b, &k);
    if (!is_quote(c))
        return 0;
    size_t q = b + k;
    if (q >= len || t[q] != ' ')
        return 0;
    while (q < len && t[q] == ' ')
        q++;
    return q < len && strchr(".,;:-", t[q]) != NULL && t[q] != '\0' &&
           (q + 1 == len || t[q + 1] == ' ');
}

/* Does T hold the string NEEDLE? */
static int
contains(const char *t, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (const char *q = t; (q = memchr(q, needle[0], (size_t)(t + len - q))) != NULL; q++)
        if ((size_t)(t + len - q) >= n && memcmp(q, needle, n) == 0)
            return 1;
    return 0;
}

/* Is byte E inside a title mark 《 or 〈 opened since START and closed
 * within 64 bytes after E? */
static int
in_title(const char *t, size_t start, size_t e, size_t len)
{
    int depth = 0;
    for (size_t i = start; i + 3 <= e; i++)
        if ((unsigned char)t[i] == 0xE3 && (unsigned char)t[i + 1] == 0x80) {
            unsigned char c = (unsigned char)t[i + 2];
            if (c == 0x8A || c == 0x88)         /* 《 〈 */
                depth++;
            else if ((c == 0x8B || c == 0x89) && depth > 0)  /* 》 〉 */
                depth--;
        }
    if (depth == 0)
        return 0;
    for (size_t i = e; i + 3 <= len && i < e + 64; i++)
        if ((unsigned char)t[i] == 0xE3 && (unsigned char)t[i + 1] == 0x80 &&
            ((unsigned char)t[i + 2] == 0x8B || (unsigned char)t[i + 2] == 0x89))
            return 1;
    return 0;
}

/* Does the text at byte B start with a space, a quotation mark or an
 * opening bracket? */
static int
starts_quote_or_space(const char *t, size_t len, size_t b)
{
    size_t k;
    uint32_t c = mk__utf8_decode((const unsigned char *)t + b, len - b, &k);
    return u_isspace((UChar32)c) || is_quote(c) || c == '(' || c == '[';
}

/* Is the three-byte character at T an opening quotation mark or bracket
 * (“ ‘ 「 『 （ 《 〈 【)? */
static int
opening_mark(const char *t)
{
    static const char *const marks[] = {
        "\xe2\x80\x9c", "\xe2\x80\x98", "\xe3\x80\x8c", "\xe3\x80\x8e", "\xef\xbc\x88",
        "\xe3\x80\x8a", "\xe3\x80\x88", "\xe3\x80\x90",
    };
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (memcmp(t, marks[i], 3) == 0)
            return 1;
    return 0;
}

/* Does the Thai text at T start with a word that carries a sentence on
 * after a space (and, or, which, that, by, for, of, in, with, from ...)? */
static int
thai_goes_on(const char *t, size_t n)
{
    static const char *const words[] = {
        "และ", "หรือ", "ซึ่ง", "ที่", "โดย", "เพื่อ", "ของ", "ใน", "กับ", "จาก", "ว่า",
        "ให้", "รวมถึง", "ตาม", "ทั้ง", "อีก", "เป็น", "คือ", "จึง", "แต่", "ก็", "จะ",
        "ได้", "ไม่", "แล้ว", "ด้วย", "เช่น", "ได้แก่", "อย่าง", "เมื่อ", "หาก", "ถ้า",
        "เนื่องจาก", "เพราะ", "ส่วน", "นอกจาก", "ระหว่าง", "ต่อ", "แก่", "ถึง", "พร้อม",
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t l = strlen(words[i]);
        if (l <= n && memcmp(t, words[i], l) == 0)
            return 1;
    }
    return 0;
}

/* Does the stretch before byte E end (spaces aside) in a full stop? Thai
 * and Lao end no sentence with one: their stops are abbreviations (ดร.
 * ส.ค. พ.ศ.). */
static int
stop_before(const char *t, size_t start, size_t e)
{
    while (e > start && t[e - 1] == ' ')
        e--;
    if (e > start && t[e - 1] == '.')
        return 1;
    /* Burmese ၊ is a comma, not the sentence end ။ that ICU also takes it for */
    return e >= start + 3 && memcmp(t + e - 3, "\xe1\x81\x8a", 3) == 0;
}

/* A list marker at T[B]: an optional bullet, then a number of at most two
 * digits or one lower-case letter, then ")", "." or ".)", a space and a
 * capital. Returns the marker's value (letters count from 1), or 0. */
static int
marker_at(const char *t, size_t len, size_t b)
{
    size_t i = b;
    int v = 0;

    if (i + 3 <= len && (memcmp(t + i, "\xe2\x80\xa2", 3) == 0 ||   /* • */
                         memcmp(t + i, "\xe2\x81\x83", 3) == 0)) {  /* ⁃ */
        i += 3;
        if (i < len && t[i] == ' ')
            i++;
    }
    if (i < len && t[i] >= 'a' && t[i] <= 'z') {
        v = t[i] - 'a' + 1;
        i++;
    } else {
        size_t d = i;
        while (i < len && i - d < 2 && t[i] >= '0' && t[i] <= '9')
            v = v * 10 + (t[i++] - '0');
        if (i == d)
            return 0;
    }
    if (i < len && t[i] == '.')
        i++;
    if (i < len && t[i] == ')')
        i++;
    if (i == b || (t[i - 1] != '.' && t[i - 1] != ')'))
        return 0;
    if (i + 1 >= len || t[i] != ' ' || !(t[i + 1] >= 'A' && t[i + 1] <= 'Z'))
        return 0;
    return v;
}

static int
add_list_cuts(mk_segmenter *s, const char *t, size_t len)
{
    size_t i;
    int last = -1;     /* the value of the marker before, -1 before any */

    for (i = 0; i < len; i++) {
        if (i > 0 && t[i - 1] != ' ') {
            /* markers follow a space: on to the next one */
            const char *sp = memchr(t + i, ' ', len - i);
            if (sp == NULL)
                break;
            i = (size_t)(sp - t) + 1;
            if (i >= len)
                break;
        }
        /* a marker is a bullet, or a letter or one or two digits before
         * "." or ")": anything else is no marker, without a closer look */
        unsigned char c = (unsigned char)t[i];
        if (c != 0xE2 && !(i + 1 < len && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) &&
                           (t[i + 1] == '.' || t[i + 1] == ')' ||
                            (c <= '9' && i + 2 < len && t[i + 1] >= '0' && t[i + 1] <= '9' &&
                             (t[i + 2] == '.' || t[i + 2] == ')')))))
            continue;
        int v = marker_at(t, len, i);
        if (v == 0)
            continue;
        if (v == last + 1 && add_cut(s, i) != 0)
            return MK_ENOMEM;
        last = v;
    }
    return 0;
}

/* The learned models (lib/zh_model.c, lib/en_sent_model.c, made by
 * scripts/train-segment-models): the hashes of feature strings (ph_of and
 * model_weight_ph below; 0 is 1) and their weights, in open-addressed
 * tables of a power-of-two size. */
extern const size_t mk__zh_model_slots, mk__en_sent_model_slots;
extern const uint32_t mk__zh_model_hash[], mk__en_sent_model_hash[];
extern const int16_t mk__zh_model_weight[], mk__en_sent_model_weight[];

struct model {
    const size_t *slots;
    const uint32_t *hash;
    const int16_t *weight;
};

static const struct model zh_model = { &mk__zh_model_slots, mk__zh_model_hash, mk__zh_model_weight };
static const struct model en_model = { &mk__en_sent_model_slots, mk__en_sent_model_hash,
                                       mk__en_sent_model_weight };

/* The longest feature string (longer ones are cut: the scripts' are
 * shorter) */
#define FEAT_MAX 160

/* Appends S[0..N) to the feature being built in F (FEAT_MAX bytes). */
static size_t
feat_add(char *f, size_t at, const char *str, size_t n)
{
    if (at >= FEAT_MAX)
        return at;
    if (n > FEAT_MAX - at)
        n = FEAT_MAX - at;
    memcpy(f + at, str, n);
    return at + n;
}

/* The feature hash of scripts/train-segment-models (fhash): a polynomial
 * over the bytes, which a feature's pieces compose (ph_cat), then
 * murmur3's final mix. A piece: its polynomial and the base to the power
 * of its length. */
#define HASH_BASE 0x01000193u

static struct ph
ph_of(const char *str, size_t n)
{
    struct ph x = { 0, 1 };
    for (size_t i = 0; i < n; i++) {
        x.h = x.h * HASH_BASE + (unsigned char)str[i] + 1;
        x.p *= HASH_BASE;
    }
    return x;
}

static struct ph
ph_cat(struct ph a, struct ph b)
{
    struct ph x = { a.h * b.p + b.h, a.p * b.p };
    return x;
}

/* The weight of the feature whose polynomial is X in model M. */
static int
model_weight_ph(const struct model *m, struct ph x)
{
    uint32_t h = x.h;
    size_t mask = *m->slots - 1;

    h ^= h >> 16;
    h *= 0x85EBCA6Bu;
    h ^= h >> 13;
    h *= 0xC2B2AE35u;
    h ^= h >> 16;
    if (h == 0)
        h = 1;
    for (size_t k = h & mask;; k = (k + 1) & mask) {
        if (m->hash[k] == h)
            return m->weight[k];
        if (m->hash[k] == 0)
            return 0;
    }
}

/* The weight of feature F[0..N) in model M. */
static int
model_weight(const struct model *m, const char *f, size_t n)
{
    return model_weight_ph(m, ph_of(f, n));
}

static size_t
feat_num(char *f, size_t at, size_t v)
{
    char d[24], *q = d + sizeof d;

    do
        *--q = (char)('0' + v % 10);
    while ((v /= 10) > 0);
    return feat_add(f, at, q, (size_t)(d + sizeof d - q));
}

static int
is_cat_letter(utf8proc_category_t c)
{
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL || c == UTF8PROC_CATEGORY_LT ||
           c == UTF8PROC_CATEGORY_LM || c == UTF8PROC_CATEGORY_LO;
}

/* The category of the code point at byte B (ASCII without a table). */
static utf8proc_category_t
cat_at(const char *t, size_t len, size_t b)
{
    unsigned char c = (unsigned char)t[b];
    size_t k;

    if (c < 0x80)
        return c >= 'a' && c <= 'z' ? UTF8PROC_CATEGORY_LL
             : c >= 'A' && c <= 'Z' ? UTF8PROC_CATEGORY_LU
             : c >= '0' && c <= '9' ? UTF8PROC_CATEGORY_ND
             : utf8proc_category(c);
    return utf8proc_category((utf8proc_int32_t)mk__utf8_decode((const unsigned char *)t + b, len - b, &k));
}

static int
is_cat_alnum(utf8proc_category_t c)
{
    return is_cat_letter(c) || c == UTF8PROC_CATEGORY_ND || c == UTF8PROC_CATEGORY_NL ||
           c == UTF8PROC_CATEGORY_NO;
}

/* The byte where the last code point (LAST2: the last two) of T[A..Z)
 * starts. */
static size_t
last_chars(const char *t, size_t a, size_t z, int last2)
{
    size_t e = z;
    for (int n = 0; n < (last2 ? 2 : 1) && e > a; n++) {
        do
            e--;
        while (e > a && ((unsigned char)t[e] & 0xC0) == 0x80);
    }
    return e;
}

/* What the English features take of a word, made once: its lower case
 * (or "<long>" past 12 code points; scripts/train-segment-models' word)
 * and its shape (d, X for capitals only, Xx, x, or its first character),
 * kept in s->wtext. */
struct einfo {
    struct ph low, shp;     /* the lower case, the shape: their hashes */
    int isl;                /* the lower case is "<long>" */
    size_t gen;             /* made for paragraph number GEN */
};

static void
word_info(mk_segmenter *s, const char *t, size_t k)
{
    struct einfo *w = &s->winfo[k];
    size_t a = s->wb[2 * k], z = s->wb[2 * k + 1], i, n = 0, kk;
    struct ph x = { 0, 1 };
    int caps = 1;

    if (w->gen == s->wgen)
        return;
    w->gen = s->wgen;
    /* one pass: the code points, the lower case's hash, and whether all
     * are capital letters */
    for (i = a; i < z; i += kk, n++) {
        unsigned char b = (unsigned char)t[i];
        if (b < 0x80) {
            kk = 1;
            caps &= b >= 'A' && b <= 'Z';
            x.h = x.h * HASH_BASE + (unsigned)(b >= 'A' && b <= 'Z' ? b | 0x20 : b) + 1;
            x.p *= HASH_BASE;
            continue;
        }
        char enc[4];
        uint32_t c = mk__utf8_decode((const unsigned char *)t + i, z - i, &kk);
        utf8proc_category_t cx = utf8proc_category((utf8proc_int32_t)c);
        caps &= is_cat_letter(cx) && cx != UTF8PROC_CATEGORY_LL;
        x = ph_cat(x, ph_of(enc, mk__utf8_encode((uint32_t)utf8proc_tolower((utf8proc_int32_t)c), enc)));
    }
    w->isl = n > 12;
    w->low = w->isl ? s->en_lit[14] : x;
    utf8proc_category_t ct = cat_at(t, z, a);
    if (ct == UTF8PROC_CATEGORY_ND || ct == UTF8PROC_CATEGORY_LL) {
        w->shp = s->en_lit[ct == UTF8PROC_CATEGORY_ND ? 15 : 16];
    } else if (ct != UTF8PROC_CATEGORY_LU) {
        (void)mk__utf8_decode((const unsigned char *)t + a, z - a, &kk);
        w->shp = ph_of(t + a, kk);
    } else {
        w->shp = s->en_lit[caps && n > 1 ? 17 : 18];
    }
}

/* The English model's score for a sentence starting at word K (the
 * features of scripts/train-segment-models' EnParagraph.features, each
 * hashed from its pieces). */
static long
en_score(mk_segmenter *s, const char *t, size_t k, int base)
{
    word_info(s, t, k - 1);
    word_info(s, t, k);
    if (k >= 2)
        word_info(s, t, k - 2);
    const struct einfo *A = &s->winfo[k - 1], *B = &s->winfo[k];
    size_t a0 = s->wb[2 * (k - 1)], a1 = s->wb[2 * (k - 1) + 1];
    size_t e1 = last_chars(t, a0, a1, 0), e2 = last_chars(t, a0, a1, 1);
    struct ph l2 = k >= 2 && !s->winfo[k - 2].isl ? s->winfo[k - 2].low : s->en_lit[19];
    char j = (char)('0' + (k < 3 ? k : 3));
    struct ph sb = s->en_lit[base ? 13 : 12], eA1 = ph_of(t + e1, a1 - e1), eA2 = ph_of(t + e2, a1 - e2);
    const struct ph *L = s->en_lit;
    const struct model *m = &en_model;
    long sum = 0;
    sum += model_weight_ph(m, L[0]);
    sum += model_weight_ph(m, sb);
    sum += model_weight_ph(m, ph_cat(ph_cat(sb, L[1]), A->low));
    sum += model_weight_ph(m, ph_cat(ph_cat(sb, L[2]), B->low));
    sum += model_weight_ph(m, ph_cat(ph_cat(ph_cat(ph_cat(sb, L[3]), A->shp), L[4]), B->shp));
    sum += model_weight_ph(m, ph_cat(ph_cat(ph_cat(ph_cat(sb, L[5]), eA1), L[4]), B->shp));
    sum += model_weight_ph(m, ph_cat(ph_cat(ph_cat(L[6], A->low), L[4]), B->shp));
    sum += model_weight_ph(m, ph_cat(ph_cat(ph_cat(L[7], A->shp), L[2]), B->low));
    sum += model_weight_ph(m, ph_cat(ph_cat(ph_cat(L[8], l2), L[1]), A->low));
    sum += model_weight_ph(m, ph_cat(L[9], ph_of(&j, 1)));
    sum += model_weight_ph(m, ph_cat(ph_cat(ph_cat(L[10], A->low), L[11]), B->low));
    sum += model_weight_ph(m, ph_cat(ph_cat(sb, L[5]), eA2));
    return sum;
}

/* Does the paragraph write the pronoun I as "i" and never as "I"? Chat
 * and mail written so start sentences in small letters too ("i used to
 * have one. they are great dogs."). */
static int
lower_writer(const char *t, size_t len)
{
    int lower = 0;

    for (const char *q = t; (q = memchr(q, ' ', (size_t)(t + len - q))) != NULL; q++) {
        size_t b = (size_t)(q - t) + 1;
        if (b + 1 < len && (t[b] == 'i' || t[b] == 'I') && (t[b + 1] == ' ' || t[b + 1] == '\'')) {
            if (t[b] == 'I')
                return 0;
            lower = 1;
        }
    }
    return lower || (len >= 2 && t[0] == 'i' && (t[1] == ' ' || t[1] == '\''));
}

/* lower_writer of the paragraph, worked out on first need */
static int
writes_lower_i(mk_segmenter *s, const char *t, size_t len)
{
    if (s->lower_writer < 0)
        s->lower_writer = lower_writer(t, len);
    return s->lower_writer;
}

/* The English sentences, corrected by the model: at the spaces where the
 * first cut starts a sentence, or where the word before ends in a sign or
 * the word after starts with a capital or a digit, the model decides
 * (but not after a stop: see below); the other starts stay. The spans are
 * made again between the starts. */
static int
en_model_sentences(mk_segmenter *s, const char *text, size_t len)
{
    size_t nw = 0, i, j, k;

    if (*en_model.slots < 2 || s->nsp == 0)
        return 0;
    if (!s->en_lit_done) {
        static const char *const lit[] = { "b", "|A", "|B", "|sA", "|sB", "|eA", "A", "sA", "A2",
                                           "j", "AB", "|", "s0", "s1", "<long>", "d", "x", "X",
                                           "Xx", "^" };
        for (i = 0; i < 20; i++)
            s->en_lit[i] = ph_of(lit[i], strlen(lit[i]));
        s->en_lit_done = 1;
    }
    /* the words: runs of anything but a space */
    for (i = 0; i < len;) {
        while (i < len && text[i] == ' ')
            i++;
        size_t b = i;
        while (i < len && text[i] != ' ')   /* words are short: no memchr */
            i++;
        if (i > b) {
            if (mk__grow((void **)&s->wb, &s->wcap, 2 * (nw + 1), sizeof *s->wb) != 0)
                return MK_ENOMEM;
            s->wb[2 * nw] = b;
            s->wb[2 * nw + 1] = i;
            nw++;
        }
    }
    /* what the features take of a word is made when one needs it, once a
     * paragraph (numbered, so that nothing is cleared) */
    size_t had = s->wicap;
    if (mk__grow((void **)&s->winfo, &s->wicap, nw, sizeof *s->winfo) != 0)
        return MK_ENOMEM;
    if (s->wicap > had)
        memset(s->winfo + had, 0, (s->wicap - had) * sizeof *s->winfo);
    s->wgen++;
    /* the starts, in order, into the cut buffer: the first cut's where no
     * word is decided, the model's where one is */
    s->ncuts = 0;
    for (j = 0, k = 1; j < s->nsp || k < nw;) {
        size_t sj = j < s->nsp ? s->sp[j].start_b : SIZE_MAX;
        size_t wk = k < nw ? s->wb[2 * k] : SIZE_MAX;
        if (sj < wk) {              /* a start not at a word's: it stays */
            if (add_cut(s, sj) != 0)
                return MK_ENOMEM;
            j++;
            continue;
        }
        int base = sj == wk;
        size_t a1 = s->wb[2 * (k - 1) + 1];
        /* most words: a small letter after a letter or digit, no start,
         * nothing to decide */
        unsigned char lb = (unsigned char)text[a1 - 1], fb = (unsigned char)text[wk];
        if (!base && fb >= 'a' && fb <= 'z' &&
            ((lb >= 'a' && lb <= 'z') || (lb >= 'A' && lb <= 'Z') || (lb >= '0' && lb <= '9'))) {
            k++;
            continue;
        }
        utf8proc_category_t last = cat_at(text, len, last_chars(text, s->wb[2 * (k - 1)], a1, 0));
        utf8proc_category_t first = cat_at(text, len, wk);
        char lc = text[a1 - 1];
        int cand = base || !is_cat_alnum(last) || first == UTF8PROC_CATEGORY_LU ||
                   first == UTF8PROC_CATEGORY_ND;
        /* the rules keep their say after a stop, !, ? or a comma: no start
         * where they made none (an abbreviation, an ellipsis, "Yahoo! he")
         * or after a list marker ("1)", "(iii)"), none taken away before a
         * capital after a stop, ! or ? */
        size_t a0 = s->wb[2 * (k - 1)];
        /* a capital after a word in small letters is most often a name
         * ("the United States"), a digit a number ("is 11.18.2014"), and
         * after "]" comes a footnote's text: the rules decide */
        int small = !base && (first == UTF8PROC_CATEGORY_LU || first == UTF8PROC_CATEGORY_ND);
        for (size_t q = a0; small && q < a1; q++)
            small = text[q] >= 'a' && text[q] <= 'z';
        if (small || (!base && lc == ']') ||
            (!base && (lc == '.' || lc == '!' || lc == '?' || lc == ',')) ||
            (base && (lc == ',' || lc == ':')) ||   /* a sign-off's: letter_formula */
            (base && (lc == '.' || lc == '!' || lc == '?') &&
             (first == UTF8PROC_CATEGORY_LU || (first == UTF8PROC_CATEGORY_LL && writes_lower_i(s, text, len)))) ||
            (!base && lc == ')' && a1 - a0 <= 5))
            cand = 0;
        if ((cand ? en_score(s, text, k, base) > 0 : base) && add_cut(s, wk) != 0)
            return MK_ENOMEM;
        if (base)
            j++;
        k++;
    }
    /* the sentences between the starts, spaces trimmed */
    s->nsp = 0;
    for (j = 0; j < s->ncuts; j++) {
        size_t a = s->cuts[j], z = j + 1 < s->ncuts ? s->cuts[j + 1] : len;
        while (a < z && text[a] == ' ')
            a++;
        while (z > a && text[z - 1] == ' ')
            z--;
        if (z > a && add_span(s, a, z, 0) != 0)
            return MK_ENOMEM;
    }
    return 0;
}

/* Where the greeting or sign-off of a letter at byte B ends its own
 * sentence ("Regards, Debra", "Thanks! John", "Hi David: I", "Dear All,
 * Please"): the start of what follows, or 0. A capital must follow. */
static size_t
letter_formula(const char *t, size_t len, size_t b)
{
    static const char *const closing[] = {
        "all the best", "best", "best regards", "best wishes", "cheers", "kind regards",
        "kindest regards", "many thanks", "regards", "sincerely", "take care", "thank you",
        "thanks", "thanks again", "thx", "warm regards", "with thanks", "yours", "yours sincerely",
        "yours truly",
    };
    static const char *const greeting[] = { "dear", "hello", "hey", "hi" };
    size_t e = 0;

    for (size_t i = 0; i < sizeof closing / sizeof closing[0]; i++) {
        size_t n = strlen(closing[i]);
        if (b + n < len && strncasecmp(t + b, closing[i], n) == 0 && (t[b + n] == ',' || t[b + n] == '!') &&
            n + 1 > e)
            e = b + n + 1;
    }
    for (size_t i = 0; e == 0 && i < sizeof greeting / sizeof greeting[0]; i++) {
        size_t n = strlen(greeting[i]), q = b + n, words = 0;
        if (!(q + 1 < len && strncasecmp(t + b, greeting[i], n) == 0 && t[q] == ' '))
            continue;
        /* one to three capitalized words, then a comma or a colon */
        while (words < 3 && q + 1 < len && t[q] == ' ' && t[q + 1] >= 'A' && t[q + 1] <= 'Z') {
            q += 2;
            while (q < len && (ascii_letter((unsigned char)t[q]) || t[q] == '.' || t[q] == '\''))
                q++;
            words++;
        }
        if (words > 0 && q < len && (t[q] == ',' || t[q] == ':'))
            e = q + 1;
    }
    if (e == 0 || e >= len || t[e] != ' ')
        return 0;
    size_t nx = skip_spaces(t, len, e);
    return nx < len && t[nx] >= 'A' && t[nx] <= 'Z' ? nx : 0;
}

/* Is the stop at byte I (2 <= I, I + 2 < LEN) one that lost its space: after
 * a word of two small letters or more (or a number) that is no
 * abbreviation, before a capital and a small letter ("world.Today",
 * "1,000.That"), and not before a top-level domain ("Newsfeeds.Com")?
 * The sentence and the token passes both ask. */
static int
lost_space_stop(const char *t, size_t len, size_t i)
{
    static const char *const tld[] = { "com", "net", "org", "gov", "edu", "info", "biz", "co" };
    unsigned char l1 = (unsigned char)t[i - 1], l2 = (unsigned char)t[i - 2];
    unsigned char r1 = (unsigned char)t[i + 1], r2 = (unsigned char)t[i + 2];

    if (!(r1 >= 'A' && r1 <= 'Z' && r2 >= 'a' && r2 <= 'z'))
        return 0;
    if (!((l1 >= 'a' && l1 <= 'z' && l2 >= 'a' && l2 <= 'z') || (l1 >= '0' && l1 <= '9')))
        return 0;
    size_t w = word_before(t, i), e = i + 1;
    if (is_abbreviation(t + w, i - w) || memchr(t + w, '.', i - w) != NULL)
        return 0;
    while (e < len && ascii_letter((unsigned char)t[e]))
        e++;
    for (size_t k = 0; k < sizeof tld / sizeof tld[0]; k++) {
        size_t n = strlen(tld[k]);
        if (e - i - 1 == n && (t[i + 1] | 0x20) == tld[k][0] && memcmp(t + i + 2, tld[k] + 1, n - 1) == 0)
            return 0;
    }
    return 1;
}

int
mk_seg_sentences(mk_segmenter *s, const char *text, size_t len, const char *lang,
                 const mk_span **spans, mk_error *err)
{
    struct iter *it;
    char base[16];
    int32_t b;
    size_t i, start;
    int thai;

    s->ncuts = 0;
    if ((it = begin(s, text, len, lang, 0, spans, err)) == NULL)
        return err ? err->code : MK_EICU;
    base_lang(lang, base, sizeof base);
    thai = strcmp(base, "th") == 0 || strcmp(base, "lo") == 0;
    /* Thai, Lao, Khmer and Burmese end sentences with their own signs (or
     * a space); a full stop in them marks an abbreviation (ดร. ក.អ.យ.ក) */
    int own_stops = thai || strcmp(base, "km") == 0 || strcmp(base, "my") == 0;
    int en = strcmp(base, "en") == 0;
    s->lower_writer = en ? -1 : 0;

    /* ICU's boundaries, and ours: Khmer ។ ៕, Thai and Lao spaces */
    for (b = ubrk_first(it->sent); (b = ubrk_next(it->sent)) != UBRK_DONE;)
        if (add_cut(s, at_byte(s, text, len, b)) != 0)
            return mk__err(err, MK_ENOMEM, 0, "out of memory");
    {
        const unsigned char *u = (const unsigned char *)text;
        size_t lastcp = 0, cp = 0, k;
        uint32_t prev = 0;
        /* the scan looks for Khmer signs (UTF-8 E1 9F 94/95) and Thai or
         * Lao spaces: text with neither skips it */
        int khmer = 0;
        for (const char *q = text; !khmer && (q = memchr(q, 0xE1, (size_t)(text + len - q))) != NULL; q++)
            khmer = q + 2 < text + len && (unsigned char)q[1] == 0x9F &&
                    ((unsigned char)q[2] == 0x94 || (unsigned char)q[2] == 0x95);
        for (i = 0; (khmer || thai) && i < len; i += k) {
            uint32_t c = mk__utf8_decode(u + i, len - i, &k);
            cp++;
            if (c == 0x17D4 || c == 0x17D5) {
                /* Khmer ។ ៕: the sentence ends after the sign and its spaces */
                size_t e = i + k;
                while (e < len && (text[e] == ' ' ||
                                   (e + 3 <= len && memcmp(text + e, "\xe2\x80\x8b", 3) == 0)))
                    e += text[e] == ' ' ? 1 : 3;
                if (e < len && add_cut(s, e) != 0)
                    return mk__err(err, MK_ENOMEM, 0, "out of memory");
            } else if (thai && c == ' ' && i + 1 < len &&
                       cp - lastcp >= (prev >= 0x0E80 ? LAO_MIN_SENT : THAI_MIN_SENT)) {
                /* a space between two Thai (Lao) letters ends a long enough
                 * sentence, unless the next word carries it on */
                size_t kn;
                uint32_t next = mk__utf8_decode(u + i + 1, len - i - 1, &kn);
                int sp = mk__script_group(prev), sn = mk__script_group(next);
                if ((sp == MK_SC_THAI || sp == MK_SC_LAO) && (sn == MK_SC_THAI || sn == MK_SC_LAO) &&
                    !thai_goes_on(text + i + 1, len - i - 1)) {
                    if (add_cut(s, i + 1) != 0)
                        return mk__err(err, MK_ENOMEM, 0, "out of memory");
                    lastcp = cp;
                }
            }
            prev = c;
        }
        /* ICU's suppressions keep "U.S. How" together: an abbreviation
         * that is not a title, or an initial, before a word that starts
         * sentences ends one */
        if (!own_stops) {
            for (i = 1; i + 2 < len; i++) {
                const char *dot = memchr(text + i, '.', len - 2 - i);
                if (dot == NULL)
                    break;
                i = (size_t)(dot - text);
                if (text[i + 1] != ' ')
                    continue;
                size_t w = word_before(text, i);
                size_t nx = skip_spaces(text, len, i + 1);
                /* the cheap tests first: most stops end an ordinary word */
                if (w >= i || (w > 0 && ascii_letter((unsigned char)text[w - 1])) ||
                    !((i - w == 1 && text[w] >= 'A' && text[w] <= 'Z') ||
                      is_abbreviation(text + w, i - w) || dotted(text + w, i - w)) ||
                    is_title(text + w, i - w) ||
                    !(is_starter(text, len, nx) || (en && time_of_day_ends(it, text, len, w, i, nx))))
                    continue;
                if (add_cut(s, nx) != 0)
                    return mk__err(err, MK_ENOMEM, 0, "out of memory");
            }
        }
        /* ICU never ends a sentence at a stop before a lower-case letter;
         * after a longer word that is not an abbreviation, web and chat
         * text does ("... is genuine. you should ..."). Only in the
         * Latin-script languages of the region: in Italian or German, a
         * stop before a lower-case word is mostly an abbreviation we do
         * not know ("meteor. si") */
        if (!own_stops && (strcmp(base, "en") == 0 || strcmp(base, "id") == 0 || strcmp(base, "ms") == 0 ||
                           strcmp(base, "fil") == 0 || strcmp(base, "tl") == 0 || strcmp(base, "vi") == 0)) {
            for (i = 1; i + 2 < len; i++) {
                const char *dot = memchr(text + i, '.', len - 2 - i);
                if (dot == NULL)
                    break;
                i = (size_t)(dot - text);
                if (text[i + 1] != ' ')
                    continue;
                /* before a lower-case word, or a number ("retired. 35 years
                 * later": ICU reads on to the lower-case word after it) */
                size_t k;
                uint32_t c = mk__utf8_decode((const unsigned char *)text + i + 2, len - i - 2, &k);
                if (!(c >= '0' && c <= '9') && !u_islower((UChar32)c))
                    continue;
                size_t w = word_before(text, i);
                /* who writes "i" for I ends them after short words too
                 * ("have one. they are") */
                if ((i - w < 4 && !(i - w >= 2 && writes_lower_i(s, text, len))) ||
                    (w > 0 && !(text[w - 1] == ' ' || text[w - 1] == '(' ||
                                             text[w - 1] == '"')) ||
                    is_abbreviation(text + w, i - w) || memchr(text + w, '.', i - w) != NULL)
                    continue;
                if (add_cut(s, i + 2) != 0)
                    return mk__err(err, MK_ENOMEM, 0, "out of memory");
            }
        }
        /* English letters: a greeting or a sign-off is a sentence of its
         * own ("Regards, Debra Perlingiere", "Hi David: Thought ...") */
        if (en) {
            /* at the paragraph's start and at ICU's starts (after a stop,
             * ! or ?), which the loop's own cuts join at the end */
            size_t had = s->ncuts;
            for (i = 0; i <= had; i++) {
                size_t b = i == 0 ? 0 : s->cuts[i - 1];
                if (b + 4 >= len || strchr("abcdhkmrstwy", (unsigned char)text[b] | 0x20) == NULL)
                    continue;
                size_t nx = letter_formula(text, len, b);
                if (nx != 0 && add_cut(s, nx) != 0)
                    return mk__err(err, MK_ENOMEM, 0, "out of memory");
            }
        }
        /* a stop with no space after it between a word of two small
         * letters or more (or a number) and a capitalized word ends a
         * sentence too, as scraped text loses its spaces ("Hello
         * world.Today is", "bought 1,000.That is"); e-mail addresses and
         * URLs keep theirs (below). The region's Latin-script languages. */
        if (!own_stops && (strcmp(base, "en") == 0 || strcmp(base, "id") == 0 || strcmp(base, "ms") == 0 ||
                           strcmp(base, "fil") == 0 || strcmp(base, "tl") == 0 || strcmp(base, "vi") == 0)) {
            for (i = 2; i + 2 < len; i++) {
                const char *dot = memchr(text + i, '.', len - 2 - i);
                if (dot == NULL)
                    break;
                i = (size_t)(dot - text);
                if (lost_space_stop(text, len, i) && add_cut(s, i + 1) != 0)
                    return mk__err(err, MK_ENOMEM, 0, "out of memory");
            }
        }
        /* Armenian ends sentences with ։, and often writes it as a colon:
         * either, after an Armenian letter and before a space, is a stop */
        if (strcmp(base, "hy") == 0) {
            for (i = 2; i < len; i++) {
                size_t w = text[i] == ':' ? i + 1
                         : i + 1 < len && memcmp(text + i, "\xd6\x89", 2) == 0 ? i + 2 : 0;
                if (w == 0 || w >= len || text[w] != ' ')
                    continue;
                /* the letter before: Armenian is U+0531..U+0587, two bytes D4..D6 */
                unsigned char l0 = (unsigned char)text[i - 2], l1 = (unsigned char)text[i - 1];
                if (!((l0 == 0xD4 && l1 >= 0xB1 && l1 <= 0xBF) || (l0 == 0xD5 && l1 >= 0x80 && l1 <= 0xBF) ||
                      (l0 == 0xD6 && l1 >= 0x80 && l1 <= 0x87)))
                    continue;
                size_t nx = skip_spaces(text, len, w);
                if (nx < len && add_cut(s, nx) != 0)
                    return mk__err(err, MK_ENOMEM, 0, "out of memory");
            }
        }
        /* inline lists: "1) one 2) two", "a. one b. two", "• 9. one • 10. two":
         * markers that count up one by one start sentences */
        if (!own_stops && add_list_cuts(s, text, len) != 0)
            return mk__err(err, MK_ENOMEM, 0, "out of memory");
        /* the cuts in order (few, nearly sorted) */
        for (i = 1; i < s->ncuts; i++) {
            size_t v = s->cuts[i], j = i;
            while (j > 0 && s->cuts[j - 1] > v) {
                s->cuts[j] = s->cuts[j - 1];
                j--;
            }
            s->cuts[j] = v;
        }
    }
    /* no sentence ends inside an e-mail address or a URL ("news.asp?ID=9") */
    if (s->ncuts > 0 && (contains(text, len, "://") || contains(text, len, "www.") ||
                         memchr(text, '@', len) != NULL)) {
        size_t from = 0, keep = 0, c = 0;
        while (from < len) {
            int rc = pcre2_match(s->re_link, (PCRE2_SPTR)text, len, from, PCRE2_NO_UTF_CHECK, s->md, NULL);
            if (rc < 0)
                break;
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
            for (; c < s->ncuts && s->cuts[c] <= ov[0]; c++)
                s->cuts[keep++] = s->cuts[c];
            for (; c < s->ncuts && s->cuts[c] < ov[1]; c++)
                ;
            from = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
        }
        for (; c < s->ncuts; c++)
            s->cuts[keep++] = s->cuts[c];
        s->ncuts = keep;
    }
    /* sentences between cuts, joined where a stop does not end one; the
     * title marks are looked for once, not at every cut */
    int titles = contains(text, len, "《") || contains(text, len, "〈");
    int cjk = strcmp(base, "zh") == 0 || strcmp(base, "ja") == 0;
    start = 0;
    for (i = 0; i < s->ncuts; i++) {
        size_t e = s->cuts[i];
        /* ICU takes an opening mark written straight after 。 for one that
         * closes the sentence (。“文化大革命”中): in Chinese and Japanese,
         * where they are told apart, it opens the next one */
        if (cjk && e < len) {
            size_t f = e;
            while (f >= start + 3 && opening_mark(text + f - 3))
                f -= 3;
            if (f > start)
                e = f;
        }
        if (e <= start)
            continue;
        /* ICU takes a bracket after a stop for a closing one ("martyr.[1]
         * The", "large.[7][8] This"): footnote marks end the sentence
         * they follow, another bracket opens the next one */
        if (e < len && e > start + 1 && text[e - 1] == '[' && text[e - 2] == '.') {
            size_t q = e - 1;
            while (q < len && text[q] == '[') {
                size_t d = q + 1;
                while (d < len && d - q <= 4 && ((text[d] >= '0' && text[d] <= '9') || ascii_letter((unsigned char)text[d])))
                    d++;
                if (d == q + 1 || d >= len || text[d] != ']')
                    break;
                q = d + 1;
            }
            if (q > e - 1 && text[q - 1] == ']' && (q == len || text[q] == ' ')) {
                e = q;
                if (e < len && i + 1 < s->ncuts && s->cuts[i + 1] <= e)
                    s->cuts[i + 1] = e;     /* a cut inside the marks moves too */
            } else {
                e--;
            }
        }
        /* no sentence starts with a semicolon or a comma ("Mississauga,
         * Ont.; Mohammed"): ICU ends one at the stop before it */
        if (e < len && (text[e] == ';' || text[e] == ','))
            continue;
        /* a spaced ellipsis: ". . . ." after a word ends its sentence at the
         * first stop and starts the next; ". . ." after a space runs on */
        if (!own_stops && e < len) {
            size_t z = e;
            while (z > start && text[z - 1] == ' ')
                z--;
            if (z >= start + 7 && memcmp(text + z - 7, ". . . .", 7) == 0 && z >= start + 8 &&
                ascii_letter((unsigned char)text[z - 8])) {
                e = z - 6;      /* after the word's own stop; the ellipsis
                                 * goes with what follows */
            } else if (z >= start + 6 && memcmp(text + z - 6, " . . .", 6) == 0 &&
                       !(z >= start + 8 && memcmp(text + z - 8, " . . . .", 8) == 0)) {
                continue;       /* four stops end a sentence, three do not */
            } else if (z >= start + 5 && (memcmp(text + z - 5, "[...]", 5) == 0 ||
                                          (z >= start + 6 && memcmp(text + z - 6, "[...]\"", 6) == 0))) {
                continue;       /* "[...]" marks words left out, not an end */
            }
        }
        /* languages that write ordinals with a stop: "am 12. Juni" (a
         * month name of CLDR's), "XII. Pluku" (a Roman numeral before a
         * capital) end nothing */
        int roman = 0;
        if (!own_stops && e < len && ordinal_stop_lang(base) && ordinal_before(text, start, e, &roman) &&
            (roman ? !starts_lower(text, len, e) : month_at(it, text, len, e)))
            continue;
        /* ICU ends a sentence after ! or ? whatever follows; before a
         * letter written against it, the sign is part of a name ("Y!J",
         * "!Xũ", "Yahoo!Japan") */
        if (e < len && e > start && (text[e - 1] == '!' || text[e - 1] == '?')) {
            size_t k;
            uint32_t c = mk__utf8_decode((const unsigned char *)text + e, len - e, &k);
            if (u_isalpha((UChar32)c))
                continue;
        }
        /* a quotation mark standing apart before a sign ('... ! " .',
         * '? " - he asked', as tokenized text writes them) closes the
         * sentence, which goes on to the sign */
        if (e < len && quote_then_sign(text, len, e))
            continue;
        /* a one-letter abbreviation before another ("z. B.", "u. Ä.",
         * "s. r. o.", "d. h."): the first stop ends nothing */
        if (!own_stops && e < len && one_letter_stop(text, start, e) && one_letter_next(text, len, e))
            continue;
        /* a stop inside a title in 《》 or 〈〉 (《摔跤吧！爸爸》) ends nothing */
        if (e < len && titles && in_title(text, start, e, len))
            continue;
        /* "...so" or "...Then" with no space after the stops runs on */
        if (!own_stops && e < len && e >= start + 3 && memcmp(text + e - 3, "...", 3) == 0 &&
            text[e] != ' ' && !starts_quote_or_space(text, len, e))
            continue;
        if (e < len && (ends_in_abbreviation(it, en, text, len, start, e) ||
                        (starts_lower(text, len, e) && marker_at(text, len, e) == 0 &&
                         short_word_stop(text, start, e) && !writes_lower_i(s, text, len)) ||
                        list_marker(text, start, e) ||
                        (own_stops && stop_before(text, start, e))))
            continue;
        /* trim spaces (and zero-width spaces) at both ends */
        size_t a = start, z = e;
        while (a < z && (text[a] == ' ' || (z - a >= 3 && memcmp(text + a, "\xe2\x80\x8b", 3) == 0)))
            a += text[a] == ' ' ? 1 : 3;
        while (z > a && (text[z - 1] == ' ' ||
                         (z - a >= 3 && memcmp(text + z - 3, "\xe2\x80\x8b", 3) == 0)))
            z -= text[z - 1] == ' ' ? 1 : 3;
        if (z > a && add_span(s, a, z, 0) != 0)
            return mk__err(err, MK_ENOMEM, 0, "out of memory");
        start = e;
    }
    /* English: the learned model has the last word */
    if (strcmp(base, "en") == 0 && !s->rules_only && en_model_sentences(s, text, len) != 0)
        return mk__err(err, MK_ENOMEM, 0, "out of memory");
    count_points(s, text);
    *spans = s->sp;
    return (int)s->nsp;
}

static int
kind_of(const char *t, size_t a, size_t z, int32_t status)
{
    size_t k;
    uint32_t c = mk__utf8_decode((const unsigned char *)t + a, z - a, &k);
    int8_t ty;

    if (status >= UBRK_WORD_IDEO && status < UBRK_WORD_IDEO_LIMIT)
        return MK_TOK_IDEO;
    if (status >= UBRK_WORD_KANA && status < UBRK_WORD_KANA_LIMIT)
        return MK_TOK_IDEO;
    if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT)
        return MK_TOK_NUMBER;
    if (status >= UBRK_WORD_LETTER && status < UBRK_WORD_LETTER_LIMIT)
        return MK_TOK_WORD;
    ty = u_charType((UChar32)c);
    switch (ty) {
    case U_DASH_PUNCTUATION: case U_START_PUNCTUATION: case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION: case U_OTHER_PUNCTUATION: case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
        return MK_TOK_PUNCT;
    case U_MATH_SYMBOL: case U_CURRENCY_SYMBOL: case U_MODIFIER_SYMBOL: case U_OTHER_SYMBOL:
        return MK_TOK_SYMBOL;
    case U_DECIMAL_DIGIT_NUMBER: case U_OTHER_NUMBER: case U_LETTER_NUMBER:
        return MK_TOK_NUMBER;
    default:
        return MK_TOK_WORD;
    }
}

static int
is_space_token(const char *t, size_t a, size_t z)
{
    size_t i = a, k;

    /* most tokens start with an ASCII byte: a space or not, without ICU */
    while (i < z && (unsigned char)t[i] < 0x80) {
        if (t[i] != ' ' && !(t[i] >= '\t' && t[i] <= '\r'))
            return 0;
        i++;
    }
    while (i < z) {
        uint32_t c = mk__utf8_decode((const unsigned char *)t + i, z - i, &k);
        if (!(c == ' ' || c == 0x200B || u_isUWhiteSpace((UChar32)c)))
            return 0;
        i += k;
    }
    return 1;
}

/* Token I of the list, as text: its first byte and its length. */
#define TOK_AT(s, t, i) ((t) + (s)->sp[i].start_b)
#define TOK_LEN(s, i) ((s)->sp[i].end_b - (s)->sp[i].start_b)

/* Do tokens I and I + 1 touch (no space between them)? */
static int
glued(const mk_segmenter *s, size_t i)
{
    return i + 1 < s->nsp && s->sp[i].end_b == s->sp[i + 1].start_b;
}

/* Is token I the one ASCII character C? */
static int
tok_is(const mk_segmenter *s, const char *t, size_t i, char c)
{
    return i < s->nsp && TOK_LEN(s, i) == 1 && TOK_AT(s, t, i)[0] == c;
}

/* Is token I a number of MIN to MAX ASCII digits? */
static int
tok_digits(const mk_segmenter *s, const char *t, size_t i, size_t min, size_t max)
{
    size_t n = i < s->nsp ? TOK_LEN(s, i) : 0;

    if (n < min || n > max)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (!(TOK_AT(s, t, i)[k] >= '0' && TOK_AT(s, t, i)[k] <= '9'))
            return 0;
    return 1;
}

/* English prefixes that keep their hyphen and the word after it in one
 * token, as the English treebanks write them (e-mail, non-human,
 * re-wording); other hyphenated words are three tokens there. */
static int
bound_prefix(const char *w, size_t n)
{
    static const char *const pre[] = {
        "anti", "bi", "co", "counter", "de", "e", "ex", "extra", "inter", "intra", "micro", "mini",
        "mid", "mis", "multi", "non", "over", "post", "pre", "pro", "re", "semi", "sub", "super",
        "ultra", "un", "vice",
    };
    char low[8];

    if (n == 0 || n >= sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] | 0x20 : w[i]);
    for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++)
        if (strlen(pre[i]) == n && memcmp(pre[i], low, n) == 0)
            return 1;
    return 0;
}

/* Is there a single quote that opens a quotation ('word) between FROM
 * and AT, with none closing it? Then a quote after a word closes it
 * and is no possessive. */
static int
open_single_quote(const char *t, size_t from, size_t at)
{
    int open = 0;

    for (size_t b = from; b < at; b++) {
        if (t[b] != '\'')
            continue;
        int before = b == from || t[b - 1] == ' ' || t[b - 1] == '(' || t[b - 1] == '"';
        int after = b + 1 < at && ascii_letter((unsigned char)t[b + 1]);
        if (before && after)
            open = 1;
        else if (!before && !after)
            open = 0;
    }
    return open;
}

/* English runs the English treebank writes as one token: a ZIP+4 code
 * (77388-5746; other numbers around a hyphen are a range, three tokens),
 * a year written short ('67), a plural of digits (80's), and a plural
 * possessive (soldiers', Thames') unless the quote closes a quotation. */
static size_t
en_run(const mk_segmenter *s, const char *t, size_t len, size_t i)
{
    if (tok_digits(s, t, i, 1, SIZE_MAX)) {
        if (TOK_LEN(s, i) == 5 && glued(s, i) && tok_is(s, t, i + 1, '-') && glued(s, i + 1) &&
            tok_digits(s, t, i + 2, 4, 4) && !glued(s, i + 2))
            return 3;
        if (glued(s, i) && tok_is(s, t, i + 1, '\'') && glued(s, i + 1) && tok_is(s, t, i + 2, 's') &&
            !(glued(s, i + 2) && s->sp[i + 3].kind == MK_TOK_WORD))
            return 3;
    }
    if (tok_is(s, t, i, '\'') && (i == 0 || !glued(s, i - 1)) && glued(s, i) &&
        tok_digits(s, t, i + 1, 2, 2) &&
        !(glued(s, i + 1) && (s->sp[i + 2].kind == MK_TOK_WORD || s->sp[i + 2].kind == MK_TOK_NUMBER)))
        return 2;
    if (s->sp[i].kind == MK_TOK_WORD && TOK_LEN(s, i) >= 2 && glued(s, i) && tok_is(s, t, i + 1, '\'')) {
        char last = TOK_AT(s, t, i)[TOK_LEN(s, i) - 1];
        size_t e = s->sp[i + 1].end_b;
        if ((last == 's' || last == 'S') && (e == len || t[e] == ' ' || strchr(".,;:!?)", t[e]) != NULL) &&
            !open_single_quote(t, s->sp[i].start_b > 300 ? s->sp[i].start_b - 300 : 0, s->sp[i].start_b))
            return 2;
    }
    return 1;
}

/* How many tokens from I make one token as treebanks write it, or 1:
 * a run of stops, ! and ? ("...", "?!"), of one sign repeated ("--",
 * "==", "$$$") or of dashes and equals signs; an emoticon (":-)"); a time
 * (08:02:15), a date (08/16/2000) or a telephone number (303-832-8160);
 * a hashtag or a mention; a unit with a superscript (km²); in Indonesian
 * and Malay, any word written with hyphens (negara-negara, ke-5,
 * 1960-an), where the stops, hashtags and emoticons stay apart; in
 * English, a bound prefix and its word (e-mail) and letters around a
 * slash (b/c, w/o, w/). */
static size_t
token_run(const mk_segmenter *s, const char *t, size_t len, size_t i, int hyphen_words, int en)
{
    size_t n = 1;
    const mk_span *p = &s->sp[i];

    /* every run is of tokens written together: most tokens are followed
     * by a space */
    if (!glued(s, i))
        return 1;
    char c = TOK_LEN(s, i) == 1 ? t[p->start_b] : '\0';

    /* punctuation runs (the Indonesian treebank writes each sign apart,
     * and hashtags and emoticons too, so Indonesian and Malay do) */
    if (hyphen_words)
        c = c == '`' || c == '\'' ? c : '\0';
    if (c != '\0' && strchr(".!?-=*<>$~_#+`'", c) != NULL) {
        int term = strchr(".!?", c) != NULL, rule = strchr("-=", c) != NULL;
        while (glued(s, i + n - 1) && TOK_LEN(s, i + n) == 1) {
            char d = TOK_AT(s, t, i + n)[0];
            if (!(d == c || (term && strchr(".!?", d) != NULL) || (rule && strchr("-=", d) != NULL)))
                break;
            n++;
        }
        if (n > 1)
            return n;
    }
    /* emoticons, standing alone */
    if ((c == ':' || c == ';') && (p->start_b == 0 || t[p->start_b - 1] == ' ')) {
        size_t k = i + 1;
        if (glued(s, k - 1) && tok_is(s, t, k, '-'))
            k++;
        if (glued(s, k - 1) && (tok_is(s, t, k, ')') || tok_is(s, t, k, '(') || tok_is(s, t, k, 'D') ||
                                tok_is(s, t, k, 'P') || tok_is(s, t, k, 'p')) &&
            (s->sp[k].end_b == len || t[s->sp[k].end_b] == ' ' || t[s->sp[k].end_b] == '.' ||
             t[s->sp[k].end_b] == ','))
            return k - i + 1;
    }
    /* hashtags and mentions */
    if ((c == '#' || c == '@') && (p->start_b == 0 || t[p->start_b - 1] == ' ') && glued(s, i) &&
        s->sp[i + 1].kind == MK_TOK_WORD)
        return 2;
    /* times, dates, telephone numbers */
    if (tok_digits(s, t, i, 1, 2) && glued(s, i) && tok_is(s, t, i + 1, ':') && glued(s, i + 1) &&
        tok_digits(s, t, i + 2, 2, 2)) {
        n = 3;
        if (glued(s, i + 2) && tok_is(s, t, i + 3, ':') && glued(s, i + 3) && tok_digits(s, t, i + 4, 2, 2))
            n = 5;
        return n;
    }
    if (tok_digits(s, t, i, 1, 2) && glued(s, i) && tok_is(s, t, i + 1, '/') && glued(s, i + 1) &&
        tok_digits(s, t, i + 2, 1, 2) && glued(s, i + 2) && tok_is(s, t, i + 3, '/') &&
        glued(s, i + 3) && tok_digits(s, t, i + 4, 2, 4))
        return 5;
    if (tok_digits(s, t, i, 1, 3) && glued(s, i) && tok_is(s, t, i + 1, '-')) {
        size_t k = i;
        while (glued(s, k) && tok_is(s, t, k + 1, '-') && glued(s, k + 1) &&
               tok_digits(s, t, k + 2, 1, 4) && TOK_LEN(s, k) <= 3)
            k += 2;
        if (k > i && TOK_LEN(s, k) == 4 && !(glued(s, k) && tok_is(s, t, k + 1, '-')))
            return k - i + 1;
    }
    /* a superscript two or three after a word: km², m³ */
    if (p->kind == MK_TOK_WORD && glued(s, i) && TOK_LEN(s, i + 1) == 2 &&
        (unsigned char)TOK_AT(s, t, i + 1)[0] == 0xC2 &&
        ((unsigned char)TOK_AT(s, t, i + 1)[1] == 0xB2 || (unsigned char)TOK_AT(s, t, i + 1)[1] == 0xB3))
        return 2;
    if (hyphen_words && (p->kind == MK_TOK_WORD || p->kind == MK_TOK_NUMBER)) {
        size_t k = i;
        while (glued(s, k) && tok_is(s, t, k + 1, '-') && glued(s, k + 1) &&
               (s->sp[k + 2].kind == MK_TOK_WORD || s->sp[k + 2].kind == MK_TOK_NUMBER))
            k += 2;
        if (k > i)
            return k - i + 1;
    }
    if (en) {
        size_t k = en_run(s, t, len, i);
        if (k > 1)
            return k;
    }
    if (en && p->kind == MK_TOK_WORD && (i == 0 || !glued(s, i - 1))) {
        if (tok_is(s, t, i + 1, '-') && glued(s, i + 1) && s->sp[i + 2].kind == MK_TOK_WORD &&
            bound_prefix(t + p->start_b, TOK_LEN(s, i)))
            return 3;
        /* "w/" (with) before a space */
        if (tok_is(s, t, i, 'w') && glued(s, i) && tok_is(s, t, i + 1, '/') && !glued(s, i + 1))
            return 2;
        if (TOK_LEN(s, i) == 1 && glued(s, i) && tok_is(s, t, i + 1, '/') && glued(s, i + 1) &&
            s->sp[i + 2].kind == MK_TOK_WORD && TOK_LEN(s, i + 2) == 1 &&
            !(glued(s, i + 2) && s->sp[i + 3].kind == MK_TOK_WORD))
            return 3;
    }
    return 1;
}

/* Room for EXTRA more spans, which a split writes from the back (so that
 * each span moves once) from *W down. */
static int
room_for(mk_segmenter *s, size_t extra, size_t *w)
{
    if (mk__grow((void **)&s->sp, &s->cap, s->nsp + extra, sizeof *s->sp) != 0)
        return MK_ENOMEM;
    *w = s->nsp + extra;
    return 0;
}

/* ICU keeps "world.Today" one word: where the sentence pass cuts at a
 * stop that lost its space (lost_space_stop), the token is cut too, the
 * stop a token of its own. */
static int
split_lost_stops(mk_segmenter *s, const char *text, size_t len)
{
    size_t i, extra = 0;
    int any = 0;

    /* most paragraphs have no such stop: look at the stops first */
    for (const char *q = text + 2; q + 2 < text + len && (q = memchr(q, '.', (size_t)(text + len - 2 - q))) != NULL;
         q++)
        if (lost_space_stop(text, len, (size_t)(q - text))) {
            any = 1;
            break;
        }
    if (!any)
        return 0;
    for (i = 0; i < s->nsp; i++) {
        const mk_span *p = &s->sp[i];
        if (p->kind != MK_TOK_WORD)
            continue;
        for (size_t b = p->start_b + 2; b < p->end_b; b++)
            if (text[b] == '.' && b + 2 < len && lost_space_stop(text, len, b))
                extra += 2;
    }
    size_t w;
    if (extra == 0)
        return 0;
    if (room_for(s, extra, &w) != 0)
        return MK_ENOMEM;
    for (i = s->nsp; i-- > 0;) {
        mk_span p = s->sp[i];
        size_t e = p.end_b;
        if (p.kind == MK_TOK_WORD)
            for (size_t b = p.end_b; b-- > p.start_b + 2;)
                if (text[b] == '.' && b + 2 < len && lost_space_stop(text, len, b)) {
                    mk_span after = p, stop = p;
                    after.start_b = b + 1;
                    after.end_b = e;
                    stop.start_b = b;
                    stop.end_b = b + 1;
                    stop.kind = MK_TOK_PUNCT;
                    s->sp[--w] = after;
                    s->sp[--w] = stop;
                    e = b;
                }
        p.end_b = e;
        s->sp[--w] = p;
    }
    s->nsp += extra;
    return 0;
}

/* Where an English number runs into letters ("375mm", "39K", "24hrs"),
 * the cut between them, or 0: the English treebank writes a number and
 * its unit apart, and keeps an ordinal or a plural of digits whole (4th,
 * 1990s). */
static size_t
unit_cut(const char *t, size_t a, size_t z)
{
    size_t b = a, d;

    if (!(t[a] >= '0' && t[a] <= '9') || !ascii_letter((unsigned char)t[z - 1]))
        return 0;       /* most tokens */
    while (b < z && ((t[b] >= '0' && t[b] <= '9') ||
                     ((t[b] == ',' || t[b] == '.') && b > a && b + 1 < z && t[b + 1] >= '0' && t[b + 1] <= '9')))
        b++;
    if (b == a || b == z)
        return 0;
    for (d = b; d < z; d++)
        if (!ascii_letter((unsigned char)t[d]))
            return 0;
    size_t n = z - b;
    char low[3] = {0};
    for (size_t k = 0; k < n && k < 2; k++)
        low[k] = (char)(t[b + k] | 0x20);
    if ((n == 1 && low[0] == 's') ||
        (n == 2 && (strcmp(low, "st") == 0 || strcmp(low, "nd") == 0 || strcmp(low, "rd") == 0 ||
                    strcmp(low, "th") == 0)))
        return 0;
    return b;
}

/* Cuts each English number from the unit written against it (unit_cut). */
static int
split_units(mk_segmenter *s, const char *text)
{
    size_t i, extra = 0;

    for (i = 0; i < s->nsp; i++)
        if (unit_cut(text, s->sp[i].start_b, s->sp[i].end_b) != 0)
            extra++;
    size_t w;
    if (extra == 0)
        return 0;
    if (room_for(s, extra, &w) != 0)
        return MK_ENOMEM;
    for (i = s->nsp; i-- > 0;) {
        mk_span p = s->sp[i];
        size_t b = unit_cut(text, p.start_b, p.end_b);
        if (b != 0) {
            mk_span unit = p;
            unit.start_b = b;
            unit.kind = MK_TOK_WORD;
            s->sp[--w] = unit;
            p.end_b = b;
            p.kind = MK_TOK_NUMBER;
        }
        s->sp[--w] = p;
    }
    s->nsp += extra;
    return 0;
}

/* Joins the runs of token_run into one token each. */
static void
join_runs(mk_segmenter *s, const char *text, size_t len, const char *base)
{
    int hy = strcmp(base, "id") == 0 || strcmp(base, "ms") == 0, en = strcmp(base, "en") == 0;
    size_t i, out = 0;

    for (i = 0; i < s->nsp;) {
        size_t n = token_run(s, text, len, i, hy, en);
        mk_span cur = s->sp[i];
        if (n > 1) {
            cur.end_b = s->sp[i + n - 1].end_b;
            if (cur.kind != MK_TOK_WORD && cur.kind != MK_TOK_NUMBER &&
                (s->sp[i + 1].kind == MK_TOK_WORD || s->sp[i + 1].kind == MK_TOK_NUMBER))
                cur.kind = s->sp[i + 1].kind;     /* #tag, @name */
        }
        s->sp[out++] = cur;
        i += n;
    }
    s->nsp = out;
}

/* Lower-cases S[0..N) into OUT (SIZE bytes); the length, or 0 if it
 * does not fit. */
static size_t
fold(const char *s, size_t n, char *out, size_t size)
{
    size_t i = 0, o = 0, k;

    while (i < n) {
        uint32_t c = mk__utf8_decode((const unsigned char *)s + i, n - i, &k);
        char enc[4];
        size_t l = mk__utf8_encode((uint32_t)utf8proc_tolower((utf8proc_int32_t)c), enc);
        if (o + l >= size)
            return 0;
        memcpy(out + o, enc, l);
        o += l;
        i += k;
    }
    return o;
}

/* Joins runs of 2 to 4 word tokens, one space apart, that make a word of
 * corpora/vi-words.txt: the longest first. */
static void
join_vi_words(mk_segmenter *s, const char *text)
{
    size_t i, j, out = 0;
    char key[96];

    for (i = 0; i < s->nsp; i++) {
        mk_span cur = s->sp[i];
        size_t take = 1;
        if (cur.kind == MK_TOK_WORD) {
            for (size_t k = 4; k >= 2 && take == 1; k--) {
                if (i + k > s->nsp)
                    continue;
                int ok = 1;
                for (j = i + 1; j < i + k && ok; j++)
                    ok = s->sp[j].kind == MK_TOK_WORD && s->sp[j].start_b == s->sp[j - 1].end_b + 1 &&
                         text[s->sp[j - 1].end_b] == ' ';
                if (!ok)
                    continue;
                size_t n = fold(text + cur.start_b, s->sp[i + k - 1].end_b - cur.start_b, key,
                                sizeof key);
                if (n > 0 && mk__bsearch_str(mk__vi_words, mk__nvi_words, sizeof mk__vi_words[0],
                                             key, n) >= 0)
                    take = k;
            }
        }
        cur.end_b = s->sp[i + take - 1].end_b;
        s->sp[out++] = cur;
        i += take - 1;
    }
    s->nsp = out;
}

/* Is the three-byte character at C one of the characters of SET? */
static int
cjk_in(const char *c, const char *set)
{
    for (; *set != '\0'; set += 3)
        if (memcmp(c, set, 3) == 0)
            return 1;
    return 0;
}

/* Does the two-character Chinese word C split in two as the treebanks
 * write it? */
static int
zh_split(const char *c)
{
    static const char numdem[] = "一二三四五六七八九十两兩几幾这這那每该該某哪各";
    static const char classifier[] = "个個种種位名次只隻件条條家座部所项項批场場届屆支架台臺本篇句段";
    static const char pronoun[] = "我你他她它您";
    static const char *const pairs[] = { "成为", "成為", "位于", "位於", "因此", "之一", "作为", "作為" };

    if ((cjk_in(c, numdem) && cjk_in(c + 3, classifier)) ||
        (cjk_in(c, pronoun) && (memcmp(c + 3, "的", 3) == 0 || memcmp(c + 3, "是", 3) == 0)))
        return 1;
    /* a verb and 为 or 于 (称为, 属于), not the words 由于 对于 关于 ... */
    if (cjk_in(c + 3, "为為于於") && !cjk_in(c, "由对對关關至终終因以认認"))
        return 1;
    /* a word and 的 (性的, 中的), not 目的 有的 */
    if (memcmp(c + 3, "的", 3) == 0 && !cjk_in(c, "目有别別似"))
        return 1;
    if (memcmp(c + 3, "有", 3) == 0 && cjk_in(c, "还還也中共就"))
        return 1;
    for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++)
        if (memcmp(c, pairs[k], 6) == 0)
            return 1;
    return 0;
}

/* Chinese tokens as the Universal Dependencies treebanks cut them, which
 * ICU's dictionary words do not: a numeral or a demonstrative and its
 * classifier are two words (一 个, 这 种), and so are a pronoun and 的
 * (他 的) and a few verb-and-particle pairs (成 为, 位 于); the syllables
 * of a foreign name, which ICU leaves one by one (阿 尔 斯 特), are one. */
static int
zh_tokens(mk_segmenter *s, const char *text)
{
    static const char translit[] =
        "阿埃艾奥巴拜贝貝比彼波伯博布达達迪蒂杜厄恩菲费費芬弗盖蓋戈格贡貢哈赫亨霍基吉贾賈杰傑喀凯凱坎柯科克"
        "库庫奎拉莱萊兰蘭劳勞勒雷里莉琳卢盧鲁魯伦倫罗羅洛迈邁麦麥曼梅蒙米莫墨姆穆纳納奈尼涅纽紐努诺諾帕潘佩皮普奇齐齊尔爾"
        "恰乔喬切萨薩塞桑瑟沙莎舍斯索塔泰坦特滕提托瓦韦韋维維沃乌烏西希锡錫谢謝休雅亚亞耶伊尤泽澤扎詹兹茲";
    size_t i, out = 0;

    /* splits first: at most one more token for each */
    size_t extra = 0;
    for (i = 0; i < s->nsp; i++) {
        const mk_span *p = &s->sp[i];
        if (p->kind != MK_TOK_IDEO || p->end_b - p->start_b != 6)
            continue;
        if (zh_split(text + p->start_b))
            extra++;
    }
    if (extra > 0) {
        if (s->nsp + extra > s->cap) {
            mk_span *q = realloc(s->sp, (s->nsp + extra) * sizeof *q);
            if (q == NULL)
                return MK_ENOMEM;
            s->sp = q;
            s->cap = s->nsp + extra;
        }
        /* from the back, so that each span moves once */
        size_t w = s->nsp + extra;
        for (i = s->nsp; i-- > 0;) {
            mk_span p = s->sp[i];
            if (p.kind == MK_TOK_IDEO && p.end_b - p.start_b == 6 && zh_split(text + p.start_b)) {
                mk_span b = p;
                b.start_b = p.start_b + 3;
                p.end_b = p.start_b + 3;
                s->sp[--w] = b;
            }
            s->sp[--w] = p;
        }
        s->nsp += extra;
    }
    /* then the names: runs of single syllables of the list */
    for (i = 0; i < s->nsp; i++) {
        mk_span cur = s->sp[i];
        size_t j = i;
        while (j < s->nsp && s->sp[j].kind == MK_TOK_IDEO && s->sp[j].end_b - s->sp[j].start_b == 3 &&
               cjk_in(text + s->sp[j].start_b, translit) &&
               (j == i || s->sp[j].start_b == s->sp[j - 1].end_b))
            j++;
        if (j - i >= 2) {
            cur.end_b = s->sp[j - 1].end_b;
            i = j - 1;
        } else if (cur.end_b - cur.start_b == 3 && memcmp(text + cur.start_b, "第", 3) == 0 &&
                   i + 1 < s->nsp && s->sp[i + 1].start_b == cur.end_b &&
                   (cjk_in(text + s->sp[i + 1].start_b, "一二三四五六七八九十百千两零") ||
                    (text[s->sp[i + 1].start_b] >= '0' && text[s->sp[i + 1].start_b] <= '9'))) {
            /* an ordinal: 第 and its number (第一, 第23) */
            cur.end_b = s->sp[i + 1].end_b;
            i++;
        }
        s->sp[out++] = cur;
    }
    s->nsp = out;
    return 0;
}

static int
is_han(uint32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

/* A paragraph's characters, spaces left out, for the model: byte range,
 * code point, whether the one before touches it, and its token. */
struct zch {
    size_t b, e;
    uint32_t c;
    int glued, start, kind;
    size_t tok;
};

/* The text of characters [A, Z) (their bytes, spaces left out), or
 * "long" past MAX characters, appended to F. */
static size_t
feat_chars(char *f, size_t at, const char *text, const struct zch *ch, size_t a, size_t z, size_t max)
{
    if (z - a > max)
        return feat_add(f, at, "long", 4);
    for (size_t i = a; i < z; i++)
        at = feat_add(f, at, text + ch[i].b, ch[i].e - ch[i].b);
    return at;
}

/* The model's score for a boundary at gap I (between characters I - 1 and
 * I); the features are scripts/train-segment-models' (ZhSentence.features). */
static long
zh_score(const char *text, const struct zch *ch, size_t n, const size_t *tf, const size_t *tt, size_t i)
{
    char f[FEAT_MAX];
    size_t at;
    long sum = 0;
    const char *sb = ch[i - 1].tok != ch[i].tok ? "1" : "0";
    size_t t0 = tf[ch[i - 1].tok], t1 = tt[ch[i - 1].tok], u0 = tf[ch[i].tok], u1 = tt[ch[i].tok];
    /* the characters around the gap: l2 l1 | r1 r2 */
#define CH(k) text + ch[k].b, ch[k].e - ch[k].b
#define L2 (i >= 2 ? text + ch[i - 2].b : "^"), (i >= 2 ? ch[i - 2].e - ch[i - 2].b : 1)
#define R2 (i + 1 < n ? text + ch[i + 1].b : "$"), (i + 1 < n ? ch[i + 1].e - ch[i + 1].b : 1)
#define ONE(expr) do { at = 0; expr; sum += model_weight(&zh_model, f, at); } while (0)
    ONE(at = feat_add(f, at, "b", 1));
    ONE(at = feat_add(f, at, "s", 1); at = feat_add(f, at, sb, 1));
    ONE(at = feat_add(f, at, "s", 1); at = feat_add(f, at, sb, 1); at = feat_add(f, at, "|l", 2);
        at = feat_add(f, at, CH(i - 1)));
    ONE(at = feat_add(f, at, "s", 1); at = feat_add(f, at, sb, 1); at = feat_add(f, at, "|r", 2);
        at = feat_add(f, at, CH(i)));
    ONE(at = feat_add(f, at, "s", 1); at = feat_add(f, at, sb, 1); at = feat_add(f, at, "|lr", 3);
        at = feat_add(f, at, CH(i - 1)); at = feat_add(f, at, CH(i)));
    ONE(at = feat_add(f, at, "l2", 2); at = feat_add(f, at, L2); at = feat_add(f, at, CH(i - 1)));
    ONE(at = feat_add(f, at, "r2", 2); at = feat_add(f, at, CH(i)); at = feat_add(f, at, R2));
    ONE(at = feat_add(f, at, "s", 1); at = feat_add(f, at, sb, 1); at = feat_add(f, at, "|tl", 3);
        at = feat_num(f, at, t1 - t0 < 5 ? t1 - t0 : 5));
    ONE(at = feat_add(f, at, "s", 1); at = feat_add(f, at, sb, 1); at = feat_add(f, at, "|tw", 3);
        at = feat_chars(f, at, text, ch, t0, t1, 4));
    ONE(at = feat_add(f, at, "s", 1); at = feat_add(f, at, sb, 1); at = feat_add(f, at, "|uw", 3);
        at = feat_chars(f, at, text, ch, u0, u1, 4));
    ONE(at = feat_add(f, at, "l3", 2); at = feat_add(f, at, L2); at = feat_add(f, at, CH(i - 1));
        at = feat_add(f, at, CH(i)));
    ONE(at = feat_add(f, at, "r3", 2); at = feat_add(f, at, CH(i - 1)); at = feat_add(f, at, CH(i));
        at = feat_add(f, at, R2));
    ONE(at = feat_add(f, at, "s", 1); at = feat_add(f, at, sb, 1); at = feat_add(f, at, "|pos", 4);
        at = feat_num(f, at, i - t0 < 4 ? i - t0 : 4); at = feat_add(f, at, "|", 1);
        at = feat_num(f, at, t1 - i < 4 ? t1 - i : 4));
    ONE(at = feat_add(f, at, "inw", 3); at = feat_chars(f, at, text, ch, t0, t1, 6);
        at = feat_add(f, at, "|", 1); at = feat_num(f, at, i - t0));
#undef ONE
#undef R2
#undef L2
#undef CH
    return sum;
}

/* Moves the Chinese token boundaries towards the treebanks' words: the
 * model decides each gap between two Han characters written together,
 * the first cut (ICU and zh_tokens) all the others. */
static int
zh_model_tokens(mk_segmenter *s, const char *text, size_t len)
{
    size_t n = 0, i, j, k;

    if (*zh_model.slots < 2 || s->nsp == 0)
        return 0;
    /* the characters, and the first and last character of each token */
    if (mk__grow((void **)&s->zch, &s->zcap, len, sizeof *s->zch) != 0 ||
        mk__grow((void **)&s->ztok, &s->ztcap, s->nsp * 2, sizeof *s->ztok) != 0)
        return MK_ENOMEM;
    size_t *tf = s->ztok, *tt = s->ztok + s->nsp;
    struct zch *ch = s->zch;
    int space = 1, han2 = 0;
    for (i = 0, j = 0; i < len; i += k) {
        uint32_t c = mk__utf8_decode((const unsigned char *)text + i, len - i, &k);
        if (c == '\t' || c == '\n' || c == '\r' || u_charType((UChar32)c) == U_SPACE_SEPARATOR) {
            space = 1;
            continue;
        }
        while (j < s->nsp && s->sp[j].end_b <= i)
            j++;
        ch[n].b = i;
        ch[n].e = i + k;
        ch[n].c = c;
        ch[n].glued = !space;
        ch[n].tok = j < s->nsp && s->sp[j].start_b <= i ? j : SIZE_MAX;
        ch[n].kind = ch[n].tok != SIZE_MAX ? s->sp[j].kind : 0;
        han2 |= n > 0 && ch[n].glued && is_han(c) && is_han(ch[n - 1].c);
        space = 0;
        n++;
    }
    if (!han2)
        return 0;
    for (j = 0; j < s->nsp; j++) {
        tf[j] = SIZE_MAX;
        tt[j] = 0;
    }
    for (i = 0; i < n; i++) {
        if (ch[i].tok == SIZE_MAX)
            continue;
        if (tf[ch[i].tok] == SIZE_MAX)
            tf[ch[i].tok] = i;
        tt[ch[i].tok] = i + 1;
    }
    /* where tokens start: the model's word at the gaps between two Han
     * characters of tokens, the first cut's everywhere else */
    for (i = 0; i < n; i++) {
        int in = ch[i].tok != SIZE_MAX, prev = i > 0 && ch[i - 1].tok != SIZE_MAX;
        if (i > 0 && in && prev && ch[i].glued && is_han(ch[i].c) && is_han(ch[i - 1].c))
            ch[i].start = zh_score(text, ch, n, tf, tt, i) > 0;
        else
            ch[i].start = i == 0 || !in || !prev || ch[i].tok != ch[i - 1].tok || !ch[i].glued;
    }
    /* the new tokens, into the span buffer (no more of them than
     * characters) */
    if (mk__grow((void **)&s->sp, &s->cap, n, sizeof *s->sp) != 0)
        return MK_ENOMEM;
    size_t out = 0;
    for (i = 0; i < n;) {
        size_t z = i + 1;
        while (z < n && !ch[z].start)
            z++;
        if (ch[i].tok != SIZE_MAX) {
            mk_span t = { 0 };
            t.start_b = ch[i].b;
            t.end_b = ch[z - 1].e;
            t.kind = ch[i].kind;
            s->sp[out++] = t;
        }
        i = z;
    }
    s->nsp = out;
    return 0;
}

int
mk_seg_tokens(mk_segmenter *s, const char *text, size_t len, const char *lang,
              const mk_span **spans, mk_error *err)
{
    struct iter *it;
    int32_t z;
    size_t link_a = 0, link_z = 0, search = 0;
    int rc;

    if ((it = begin(s, text, len, lang, 1, spans, err)) == NULL)
        return err ? err->code : MK_EICU;
    char base[16];
    base_lang(lang, base, sizeof base);
    int stop_apart = strcmp(base, "id") == 0 || strcmp(base, "ms") == 0;
    /* a paragraph with no "://", "www." or "@" holds no link: no search
     * (the same test as the sentence pass's, so the two agree) */
    if (!(contains(text, len, "://") || contains(text, len, "www.") || memchr(text, '@', len) != NULL))
        search = len;
    size_t next_b = 0;
    for (ubrk_first(it->word); (z = ubrk_next(it->word)) != UBRK_DONE;) {
        size_t za = next_b, zz = at_byte(s, text, len, z);
        next_b = zz;
        /* the next e-mail address or URL at or after here */
        if (search <= za && link_z <= za && search < len) {
            rc = pcre2_match(s->re_link, (PCRE2_SPTR)text, len, za, PCRE2_NO_UTF_CHECK, s->md,
                             NULL);
            if (rc > 0) {
                PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
                link_a = ov[0];
                link_z = ov[1];
                search = link_a;
            } else {
                search = len;
                link_a = link_z = 0;
            }
        }
        if (link_z > za && link_a > za && link_a < zz) {
            /* a link starts inside ICU's token ("Yanghttps://..."): cut it there */
            if (!is_space_token(text, za, link_a) &&
                add_span(s, za, link_a, kind_of(text, za, link_a, ubrk_getRuleStatus(it->word))) != 0)
                return mk__err(err, MK_ENOMEM, 0, "out of memory");
            za = link_a;
        }
        if (link_z > za && link_a <= za) {
            /* inside a link: one token to its end */
            if (zz < link_z)
                continue;
            if (add_span(s, link_a, link_z, MK_TOK_WORD) != 0)
                return mk__err(err, MK_ENOMEM, 0, "out of memory");
            search = link_z;
            if (zz > link_z && !is_space_token(text, link_z, zz) &&
                add_span(s, link_z, zz, kind_of(text, link_z, zz, 0)) != 0)
                return mk__err(err, MK_ENOMEM, 0, "out of memory");
            continue;
        }
        if (is_space_token(text, za, zz))
            continue;
        /* "Mr" "." and "U.S" "." are one token (Indonesian and Malay
         * treebanks write the stop apart: "Dr ." "dll .") */
        if (zz - za == 1 && text[za] == '.' && s->nsp > 0 && !stop_apart) {
            mk_span *p = &s->sp[s->nsp - 1];
            if (p->end_b == za && p->kind == MK_TOK_WORD &&
                (is_abbreviation(text + p->start_b, p->end_b - p->start_b) ||
                 dotted(text + p->start_b, p->end_b - p->start_b) ||
                 (p->end_b - p->start_b == 1 && text[p->start_b] >= 'A' &&
                  text[p->start_b] <= 'Z'))) {
                p->end_b = zz;
                continue;
            }
        }
        if (add_span(s, za, zz, kind_of(text, za, zz, ubrk_getRuleStatus(it->word))) != 0)
            return mk__err(err, MK_ENOMEM, 0, "out of memory");
    }
    {
        if ((strcmp(base, "en") == 0 || stop_apart || strcmp(base, "fil") == 0 || strcmp(base, "tl") == 0 ||
             strcmp(base, "vi") == 0) && split_lost_stops(s, text, len) != 0)
            return mk__err(err, MK_ENOMEM, 0, "out of memory");
        if (strcmp(base, "en") == 0 && split_units(s, text) != 0)
            return mk__err(err, MK_ENOMEM, 0, "out of memory");
        join_runs(s, text, len, base);
        if (strcmp(base, "vi") == 0 && !s->vi_syllables)
            join_vi_words(s, text);
        if (strcmp(base, "zh") == 0 && (zh_tokens(s, text) != 0 ||
                                        (!s->rules_only && zh_model_tokens(s, text, len) != 0)))
            return mk__err(err, MK_ENOMEM, 0, "out of memory");
    }
    count_points(s, text);
    *spans = s->sp;
    return (int)s->nsp;
}
