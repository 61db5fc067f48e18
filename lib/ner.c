/*
 * ner.c - people, organisations and places by a learned sequence tagger.
 *
 * An averaged perceptron tags tokens left to right, one greedy decision
 * each, with the two previous decisions among its features; BIO tags over
 * the model's types, an I- only after a B- or I- of its type. We chose
 * this over a CRF (and over Viterbi over the same features) because it is
 * fast (one pass, integer sums of int16 weights: well over 5 MB/s of
 * English), needs no library, and is easy to keep deterministic: training
 * adds and subtracts whole numbers only, so the same data and seed give
 * the same model bytes on every machine; on CoNLL-2003 greedy decoding
 * with predicted-tag history loses little against Viterbi (the features
 * carry most of the context).
 *
 * Features are hashed: a feature is a template number and the strings it
 * combines (the word, its shape, a neighbour's lower case ...); the hash
 * is FNV-1a 64 of each string, mixed with the template number by a
 * multiply-xorshift step and folded to 32 bits, so it is the same on every
 * machine. A model file keeps only the features whose averaged weights
 * survive pruning and int16 quantization, as a sorted array of 32-bit
 * keys beside their weights; loading builds a bucket directory over the
 * keys (the top bits index the first key of each bucket), so the bytes
 * are used where they lie (a const array built into the program or a file
 * read into memory) and a lookup touches the directory, a couple of keys
 * and one row of weights.
 *
 * The tokenizer is here too, and the trainer uses it, so that tokens at
 * run time are the tokens the model learned on: whitespace-separated
 * words with edge punctuation split off as in CoNLL-2003 (whose text is
 * already split that way, so the tokenizer leaves it almost unchanged),
 * and one token per character cluster in scripts written without spaces.
 * Thai, Burmese and Chinese words are not split by a dictionary here:
 * ICU's dictionaries cut through 10% of ThaiNER's and 3.5% of myNER's
 * entities, which a tagger over clusters, with cluster n-grams as
 * features, never does.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "ner.h"

/* The model file: see write_header. Bump FORMAT_VERSION when the layout
 * changes, FEATURE_VERSION when the tokenizer or the features change (old
 * models then give a clear error instead of quietly wrong tags). */
#define MAGIC "MKNER"
#define FORMAT_VERSION 1
#define FEATURE_VERSION 1
#define HEADER_SIZE 64
#define MODEL_DOCF 1            /* header flag: document memory features */

#define BOS_TAG 31              /* "tag" before the first token */
#define MAXKEYS 96              /* features of one token, at most */
#define MEM_MAX 4096            /* words a document remembers */
#define TOK_CP_MAX 64           /* longer tokens are hashed whole but their
                                   shape stops here */

/* ------------------------------------------------------------------ */
/* Types. */

static const char *const type_names[MK__NER_NTYPE] = {
    "", "person", "org", "location", "misc"
};

const char *
mk__ner_type_name(int type)
{
    return type > 0 && type < MK__NER_NTYPE ? type_names[type] : "";
}

int
mk__ner_type_from_name(const char *name, size_t n)
{
    static const struct { const char *s; int t; } names[] = {
        { "person", MK__NER_PER }, { "PER", MK__NER_PER },
        { "org", MK__NER_ORG }, { "ORG", MK__NER_ORG },
        { "location", MK__NER_LOC }, { "LOC", MK__NER_LOC },
        { "misc", MK__NER_MISC }, { "MISC", MK__NER_MISC },
    };
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i].s) == n && memcmp(names[i].s, name, n) == 0)
            return names[i].t;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Hashing: stable on every machine. */

#define FNV64_BASIS UINT64_C(0xcbf29ce484222325)
#define FNV64_PRIME UINT64_C(0x100000001b3)

static inline uint64_t
fnv64(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    size_t i;

    for (i = 0; i < n; i++)
        h = (h ^ s[i]) * FNV64_PRIME;
    return h;
}

static inline uint64_t
mix(uint64_t h, uint64_t v)
{
    h ^= v;
    h *= UINT64_C(0x9e3779b97f4a7c15);
    h ^= h >> 29;
    return h;
}

static inline uint32_t
fold(uint64_t h)
{
    h ^= h >> 33;
    h *= UINT64_C(0xff51afd7ed558ccd);
    h ^= h >> 33;
    h *= UINT64_C(0xc4ceb9fe1a85ec53);
    h ^= h >> 33;
    return (uint32_t)(h >> 32) ^ (uint32_t)h;
}

static inline uint32_t
fk1(unsigned t, uint64_t a)
{
    return fold(mix(mix(FNV64_BASIS, t), a));
}

static inline uint32_t
fk2(unsigned t, uint64_t a, uint64_t b)
{
    return fold(mix(mix(mix(FNV64_BASIS, t), a), b));
}

static inline uint32_t
fk3(unsigned t, uint64_t a, uint64_t b, uint64_t c)
{
    return fold(mix(mix(mix(mix(FNV64_BASIS, t), a), b), c));
}

static inline uint32_t
fk4(unsigned t, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    return fold(mix(mix(mix(mix(mix(FNV64_BASIS, t), a), b), c), d));
}

/* FNV-1a 32 for the checksums. */
static uint32_t
fnv32(const unsigned char *p, size_t n)
{
    uint32_t h = 2166136261u;
    size_t i;

    for (i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

/* Little-endian reads and writes; compilers turn these into plain loads
 * on little-endian machines, and they need no alignment. */
static inline uint32_t
le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline int16_t
le16s(const unsigned char *p)
{
    return (int16_t)(uint16_t)((unsigned)p[0] | (unsigned)p[1] << 8);
}

static void
put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

/* ------------------------------------------------------------------ */
/* Characters: our own tables for scripts, so that tokens and features do
 * not change with the ICU in use; utf8proc for categories and case. */

enum { CC_SPACE, CC_LETTER, CC_MARK, CC_DIGIT, CC_PUNCT, CC_SYMBOL, CC_OTHER };

struct cpinfo {
    uint8_t cls;        /* CC_ */
    uint8_t ucase;      /* 1 upper or title case, 2 lower, 0 none */
};

static void
cp_info(uint32_t c, struct cpinfo *ci)
{
    const utf8proc_property_t *p;

    ci->ucase = 0;
    if (c < 0x80) {
        if (c >= 'a' && c <= 'z') {
            ci->cls = CC_LETTER;
            ci->ucase = 2;
        } else if (c >= 'A' && c <= 'Z') {
            ci->cls = CC_LETTER;
            ci->ucase = 1;
        } else if (c >= '0' && c <= '9') {
            ci->cls = CC_DIGIT;
        } else if (c == ' ' || (c >= 0x09 && c <= 0x0d)) {
            ci->cls = CC_SPACE;
        } else if (c < 0x20 || c == 0x7f) {
            ci->cls = CC_OTHER;
        } else if (c == '$' || c == '+' || c == '<' || c == '=' || c == '>' || c == '^' ||
                   c == '`' || c == '|' || c == '~') {
            ci->cls = CC_SYMBOL;
        } else {
            ci->cls = CC_PUNCT;
        }
        return;
    }
    if (c == 0x200B || c == 0xFEFF || c == 0x2060) {
        ci->cls = CC_SPACE;     /* ZWSP separates words in Khmer, Burmese, Thai */
        return;
    }
    if (c == 0x200C || c == 0x200D || c == 0x00AD) {
        ci->cls = CC_MARK;      /* joiners and soft hyphens stay inside words */
        return;
    }
    p = utf8proc_get_property((utf8proc_int32_t)c);
    switch (p->category) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT:
        ci->cls = CC_LETTER;
        ci->ucase = 1;
        break;
    case UTF8PROC_CATEGORY_LL:
        ci->cls = CC_LETTER;
        ci->ucase = 2;
        break;
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_NL:
        ci->cls = CC_LETTER;
        break;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        ci->cls = CC_MARK;
        break;
    case UTF8PROC_CATEGORY_ND:
        ci->cls = CC_DIGIT;
        break;
    case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
        ci->cls = CC_PUNCT;
        break;
    case UTF8PROC_CATEGORY_SM: case UTF8PROC_CATEGORY_SC: case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO: case UTF8PROC_CATEGORY_NO:
        ci->cls = CC_SYMBOL;
        break;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
        ci->cls = CC_SPACE;
        break;
    default:
        ci->cls = CC_OTHER;
        break;
    }
}

/* The script group (internal.h's MK_SC_) of a letter, from block ranges. */
static int
script_of(uint32_t c)
{
    static const struct { uint32_t lo, hi; uint8_t sc; } r[] = {
        { 0x0041, 0x024F, MK_SC_LATIN }, { 0x0370, 0x03FF, MK_SC_GREEK },
        { 0x0400, 0x052F, MK_SC_CYRILLIC }, { 0x0590, 0x05FF, MK_SC_HEBREW },
        { 0x0600, 0x06FF, MK_SC_ARABIC }, { 0x0750, 0x077F, MK_SC_ARABIC },
        { 0x0900, 0x097F, MK_SC_DEVANAGARI }, { 0x0E00, 0x0E7F, MK_SC_THAI },
        { 0x0E80, 0x0EFF, MK_SC_LAO }, { 0x1000, 0x109F, MK_SC_MYANMAR },
        { 0x1100, 0x11FF, MK_SC_HANGUL }, { 0x1780, 0x17FF, MK_SC_KHMER },
        { 0x19E0, 0x19FF, MK_SC_KHMER }, { 0x1E00, 0x1EFF, MK_SC_LATIN },
        { 0x1F00, 0x1FFF, MK_SC_GREEK }, { 0x2C60, 0x2C7F, MK_SC_LATIN },
        { 0x2E80, 0x2FDF, MK_SC_HAN }, { 0x3005, 0x3007, MK_SC_HAN },
        { 0x3021, 0x3029, MK_SC_HAN }, { 0x3038, 0x303B, MK_SC_HAN },
        { 0x3040, 0x30FF, MK_SC_KANA }, { 0x3130, 0x318F, MK_SC_HANGUL },
        { 0x31F0, 0x31FF, MK_SC_KANA }, { 0x3400, 0x4DBF, MK_SC_HAN },
        { 0x4E00, 0x9FFF, MK_SC_HAN }, { 0xA720, 0xA7FF, MK_SC_LATIN },
        { 0xA9E0, 0xA9FF, MK_SC_MYANMAR }, { 0xAA60, 0xAA7F, MK_SC_MYANMAR },
        { 0xAC00, 0xD7AF, MK_SC_HANGUL }, { 0xF900, 0xFAFF, MK_SC_HAN },
        { 0xFF21, 0xFF3A, MK_SC_LATIN }, { 0xFF41, 0xFF5A, MK_SC_LATIN },
        { 0xFF66, 0xFF9F, MK_SC_KANA }, { 0x20000, 0x3FFFF, MK_SC_HAN },
    };
    size_t lo = 0, hi = sizeof r / sizeof r[0];

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c < r[mid].lo)
            hi = mid;
        else if (c > r[mid].hi)
            lo = mid + 1;
        else
            return r[mid].sc;
    }
    return MK_SC_OTHER;
}

/* Scripts written without spaces: each character cluster is a token. */
static inline int
cluster_script(int sc)
{
    return sc == MK_SC_THAI || sc == MK_SC_LAO || sc == MK_SC_KHMER || sc == MK_SC_MYANMAR ||
           sc == MK_SC_HAN || sc == MK_SC_KANA;
}

static inline uint32_t
decode(const char *s, size_t len, size_t i, size_t *n)
{
    unsigned char c = (unsigned char)s[i];

    if (c < 0x80) {
        *n = 1;
        return c;
    }
    return mk__utf8_decode((const unsigned char *)s + i, len - i, n);
}

/* ------------------------------------------------------------------ */
/* The work object. */

/* What the features need of a token, computed once per sentence. */
struct tattr {
    uint64_t form, lower, shape, sshape;
    uint64_t pre[4], suf[4];    /* 0 when the token is not longer than n */
    uint8_t kind, script, ucase, cluster;
    uint8_t lenb;               /* length bucket */
    uint8_t chars;              /* digit, hyphen, stop, apostrophe bits */
    uint8_t space_before;
    uint8_t memok;              /* a capitalised word: document memory applies */
    unsigned lists;
};

struct memslot {
    uint64_t key;               /* lower-case hash; 0 = empty */
    uint16_t cnt[1 + MK__NER_MAXTYPES];
};

struct mk__ner_work {
    mk__ner_tok *tok;
    size_t tokcap;
    struct tattr *at;
    size_t atcap;
    uint8_t *tags;
    size_t tagcap;
    mk__ner_span *spans;
    size_t spancap;
    mk__ner_list_fn lists;
    void *lists_ctx;
    struct memslot *mem;        /* MEM_MAX * 2 slots, allocated on first use */
    size_t nmem;
};

mk__ner_work *
mk__ner_work_new(mk_error *err)
{
    mk__ner_work *w = calloc(1, sizeof *w);

    if (w == NULL)
        mk__err(err, MK_ENOMEM, 0, "out of memory");
    return w;
}

void
mk__ner_work_free(mk__ner_work *w)
{
    if (w == NULL)
        return;
    free(w->tok);
    free(w->at);
    free(w->tags);
    free(w->spans);
    free(w->mem);
    free(w);
}

void
mk__ner_work_set_lists(mk__ner_work *w, mk__ner_list_fn fn, void *ctx)
{
    w->lists = fn;
    w->lists_ctx = ctx;
}

void
mk__ner_doc_begin(mk__ner_work *w)
{
    if (w->mem != NULL && w->nmem > 0)
        memset(w->mem, 0, 2 * MEM_MAX * sizeof *w->mem);
    w->nmem = 0;
}

/* Grows *P (of elements of SIZE) to hold N. */
static int
grow(void *pp, size_t *cap, size_t n, size_t size)
{
    void **p = pp;
    size_t c = *cap ? *cap : 64;
    void *q;

    if (n <= *cap)
        return 0;
    while (c < n) {
        if (c > SIZE_MAX / 2 / size)
            return MK_ENOMEM;
        c *= 2;
    }
    q = realloc(*p, c * size);
    if (q == NULL)
        return MK_ENOMEM;
    *p = q;
    *cap = c;
    return 0;
}

/* ------------------------------------------------------------------ */
/* The tokenizer. */

/* Titles and abbreviations whose stop stays in the token. Our own short
 * list, not corpora/abbreviations.txt: tokens are part of what a model
 * learned, and a longer list there must not change them under it. */
static const char *const keep_stop[] = {
    "Adm", "Ave", "Bhd", "Blvd", "Bros", "Calif", "Capt", "Co", "Col", "Corp", "Dr",
    "Drs", "Fla", "Ft", "Gen", "Gov", "Hon", "Inc", "Ir", "Jl", "Jln", "Jr", "Lt", "Ltd",
    "Maj", "Messrs", "Mr", "Mrs", "Ms", "Mt", "No", "Prof", "Pte", "Rep", "Rev", "Sdn",
    "Sen", "Sgt", "Sr", "St", "Supt", "vs",
};

static int
keeps_stop(const char *s, size_t n)
{
    size_t lo = 0, hi = sizeof keep_stop / sizeof keep_stop[0], i;
    int dot = 0;

    for (i = 0; i < n; i++)
        if (s[i] == '.')
            dot = 1;
    if (dot)
        return 1;                   /* U.S. a.m. F.C. */
    if (n == 1 || (n == 2 && (unsigned char)s[0] >= 0xC0))
        return ((unsigned char)s[0] >= 'A');   /* an initial: M. */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncmp(keep_stop[mid], s, n);
        if (c == 0 && keep_stop[mid][n] != '\0')
            c = 1;
        if (c == 0)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

static int
add_tok(mk__ner_work *w, size_t *ntok, const char *text, size_t a, size_t b, int sp)
{
    mk__ner_tok *t;

    if (*ntok >= w->tokcap && grow(&w->tok, &w->tokcap, *ntok + 1, sizeof *w->tok) != 0)
        return MK_ENOMEM;
    t = &w->tok[(*ntok)++];
    t->s = text + a;
    t->len = b - a;
    t->kind = MK_TOK_WORD;
    t->space_before = sp;
    t->start = a;           /* bytes until finish_tokens */
    t->end = b;
    return 0;
}

/* The length of an English clitic ending S[0..N) ('s n't 're 've 'll 'd
 * 'm, straight or curly apostrophe), with a letter before it; or 0. */
static size_t
clitic_len(const char *s, size_t n)
{
    static const char *const tails[] = { "s", "re", "ve", "ll", "d", "m" };
    size_t i, k;

    for (i = 0; i < sizeof tails / sizeof tails[0]; i++) {
        size_t tl = strlen(tails[i]);
        for (k = 0; k < 2; k++) {
            size_t al = k == 0 ? 1 : 3;     /* ' or U+2019 */
            const char *ap = k == 0 ? "'" : "\xE2\x80\x99";
            size_t cl = al + tl, j;
            if (n <= cl)
                continue;
            if (memcmp(s + n - cl, ap, al) != 0)
                continue;
            for (j = 0; j < tl; j++)
                if ((s[n - tl + j] | 0x20) != tails[i][j])
                    break;
            if (j == tl && ((s[n - cl - 1] | 0x20) >= 'a' && (s[n - cl - 1] | 0x20) <= 'z'))
                return cl;
        }
    }
    /* n't, N'T */
    if (n > 3 && (s[n - 3] | 0x20) == 'n' && s[n - 2] == '\'' && (s[n - 1] | 0x20) == 't' &&
        ((s[n - 4] | 0x20) >= 'a' && (s[n - 4] | 0x20) <= 'z'))
        return 3;
    return 0;
}

/* Is S[0..N) itself a clitic token ('s, n't ...)? */
static int
is_clitic(const char *s, size_t n)
{
    char buf[8];

    if (n < 2 || n > 6)
        return 0;
    buf[0] = 'x';
    memcpy(buf + 1, s, n);
    return clitic_len(buf, n + 1) == n;
}

/* A word or run of punctuation and symbols between spaces and clusters,
 * TEXT[A..B): edge punctuation comes off. */
static int
plain_segment(mk__ner_work *w, size_t *ntok, const char *text, size_t a, size_t b, int sp)
{
    size_t trail[32], trail_e[32], ntrail = 0, i, n, core_a, core_b;
    int alnum = 0, same = 1;
    uint32_t first = 0;
    struct cpinfo ci;

    for (i = a; i < b; i += n) {
        uint32_t c = decode(text, b, i, &n);
        cp_info(c, &ci);
        if (ci.cls == CC_LETTER || ci.cls == CC_DIGIT)
            alnum = 1;
        if (i == a)
            first = c;
        else if (c != first)
            same = 0;
    }
    if (!alnum) {
        /* "--" "..." stay whole; "')," is three tokens */
        if (same)
            return add_tok(w, ntok, text, a, b, sp);
        for (i = a; i < b; i += n) {
            decode(text, b, i, &n);
            if (add_tok(w, ntok, text, i, i + n, i == a ? sp : 0) != 0)
                return MK_ENOMEM;
        }
        return 0;
    }
    if (is_clitic(text + a, b - a))
        return add_tok(w, ntok, text, a, b, sp);

    /* leading punctuation */
    while (a < b) {
        uint32_t c = decode(text, b, a, &n), c2 = 0;
        size_t n2 = 0;
        struct cpinfo c2i = { CC_OTHER, 0 };
        if (a + n >= b)
            break;
        cp_info(c, &ci);
        c2 = decode(text, b, a + n, &n2);
        cp_info(c2, &c2i);
        if (ci.cls != CC_PUNCT && c != '$' && c != 0x00A3 && c != 0x20AC && c != 0x00A5)
            break;
        if ((c == '-' || c == '+' || c == '.' || c == '#') && c2i.cls == CC_DIGIT)
            break;          /* -5 .500 */
        if ((c == '\'' || c == 0x2019) &&
            (c2i.cls == CC_DIGIT || is_clitic(text + a, b - a)))
            break;          /* '96 */
        if (add_tok(w, ntok, text, a, a + n, sp) != 0)
            return MK_ENOMEM;
        sp = 0;
        a += n;
    }
    /* trailing punctuation, collected from the end */
    while (b > a && ntrail + 1 < sizeof trail / sizeof trail[0]) {
        size_t p = b - 1, m;
        uint32_t c;
        while (p > a && ((unsigned char)text[p] & 0xC0) == 0x80)
            p--;
        if (p == a)
            break;          /* one character left: it is the core */
        c = decode(text, b, p, &m);
        cp_info(c, &ci);
        if (c == '.') {
            if (b - a >= 4 && memcmp(text + b - 3, "...", 3) == 0) {
                trail[ntrail] = b - 3;
                trail_e[ntrail++] = b;
                b -= 3;
                continue;
            }
            if (keeps_stop(text + a, p - a))
                break;
        } else if (ci.cls != CC_PUNCT && c != '%') {
            break;
        }
        trail[ntrail] = p;
        trail_e[ntrail++] = b;
        b = p;
    }
    core_a = a;
    core_b = b;
    if (core_b > core_a) {
        size_t cl = clitic_len(text + core_a, core_b - core_a);
        if (cl > 0) {
            if (add_tok(w, ntok, text, core_a, core_b - cl, sp) != 0 ||
                add_tok(w, ntok, text, core_b - cl, core_b, 0) != 0)
                return MK_ENOMEM;
        } else if (add_tok(w, ntok, text, core_a, core_b, sp) != 0) {
            return MK_ENOMEM;
        }
        sp = 0;
    }
    /* the trailing pieces, in text order */
    for (i = ntrail; i > 0; i--) {
        if (add_tok(w, ntok, text, trail[i - 1], trail_e[i - 1], sp) != 0)
            return MK_ENOMEM;
        sp = 0;
    }
    return 0;
}

/* Sets kinds and turns byte offsets into code points. */
static void
finish_tokens(mk__ner_work *w, size_t ntok, const char *text)
{
    size_t i, b = 0, cp = 0;

    for (i = 0; i < ntok; i++) {
        mk__ner_tok *t = &w->tok[i];
        size_t a = t->start, e = t->end, j, n;
        int letter = 0, digit = 0, sym = 0, ideo = 0;
        for (; b < a; b++)
            cp += ((unsigned char)text[b] & 0xC0) != 0x80;
        t->start = cp;
        for (; b < e; b++)
            cp += ((unsigned char)text[b] & 0xC0) != 0x80;
        t->end = cp;
        for (j = a; j < e; j += n) {
            struct cpinfo ci;
            uint32_t c = decode(text, e, j, &n);
            cp_info(c, &ci);
            if (ci.cls == CC_LETTER) {
                int sc = script_of(c);
                letter = 1;
                ideo |= sc == MK_SC_HAN || sc == MK_SC_KANA;
            } else if (ci.cls == CC_DIGIT) {
                digit = 1;
            } else if (ci.cls == CC_SYMBOL || ci.cls == CC_OTHER) {
                sym = 1;
            }
        }
        t->kind = ideo ? MK_TOK_IDEO : letter ? MK_TOK_WORD : digit ? MK_TOK_NUMBER
                  : sym ? MK_TOK_SYMBOL : MK_TOK_PUNCT;
    }
}

int
mk__ner_tokenize(mk__ner_work *w, const char *text, size_t len, const mk__ner_tok **toks,
                 mk_error *err)
{
    size_t i = 0, ntok = 0, n;
    int sp = 1;

    while (i < len) {
        size_t seg = SIZE_MAX;      /* start of the pending plain segment */
        struct cpinfo ci;
        uint32_t c = decode(text, len, i, &n);

        cp_info(c, &ci);
        if (ci.cls == CC_SPACE) {
            sp = 1;
            i += n;
            continue;
        }
        /* a chunk between spaces */
        while (i < len) {
            c = decode(text, len, i, &n);
            cp_info(c, &ci);
            if (ci.cls == CC_SPACE)
                break;
            if (ci.cls == CC_LETTER && cluster_script(script_of(c))) {
                size_t e = i + n, m;
                uint32_t last = c;
                if (seg != SIZE_MAX) {
                    if (plain_segment(w, &ntok, text, seg, i, sp) != 0)
                        goto nomem;
                    sp = 0;
                    seg = SIZE_MAX;
                }
                /* the cluster: marks, SARA AM, and a consonant after a
                 * virama or coeng join the letter */
                while (e < len) {
                    uint32_t d = decode(text, len, e, &m);
                    struct cpinfo di;
                    cp_info(d, &di);
                    if (di.cls == CC_MARK || d == 0x0E33 || d == 0x0EB3 ||
                        ((last == 0x1039 || last == 0x17D2) && di.cls == CC_LETTER)) {
                        last = d;
                        e += m;
                        continue;
                    }
                    break;
                }
                if (add_tok(w, &ntok, text, i, e, sp) != 0)
                    goto nomem;
                sp = 0;
                i = e;
                continue;
            }
            if (seg == SIZE_MAX)
                seg = i;
            i += n;
        }
        if (seg != SIZE_MAX && plain_segment(w, &ntok, text, seg, i, sp) != 0)
            goto nomem;
        sp = 0;
    }
    finish_tokens(w, ntok, text);
    *toks = w->tok;
    return (int)ntok;
nomem:
    return mk__err(err, MK_ENOMEM, 0, "out of memory");
}
