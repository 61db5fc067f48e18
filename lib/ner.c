/*
 * ner.c - people, organisations and places by a learned sequence tagger.
 *
 * An averaged perceptron tags tokens left to right, one greedy decision
 * each, with the two previous decisions among its features; BIO tags over
 * the model's types, an I- only after a B- or I- of its type. Why not a
 * CRF, or Viterbi over the same features: greedy decoding is one pass of
 * integer sums of int16 weights (10 MB/s of English news on one core),
 * needs no library, and is easy to keep deterministic, since training
 * adds and subtracts whole numbers only and the same data and seed give
 * the same model bytes on every machine; Ratinov and Roth (CoNLL 2009)
 * found greedy decoding with two previous predictions as good as Viterbi
 * on CoNLL-2003, and we did not find it weak (English testa F1 0.92).
 *
 * Training feeds the gold tags, not the predicted ones, to the features of
 * the previous decisions. With predicted history a long entity that the
 * tagger once leaves can only be re-entered by a B-, so the perceptron
 * keeps pushing toward I- tags it is not allowed to choose and never fits
 * the data: Thai, where an entity is a dozen character clusters, learned
 * nothing (dev F1 0.02) and English lost 1.8 points.
 *
 * Document features: how a capitalised word is written elsewhere in the
 * document (mk__ner_doc_scan, before tagging) and how it was tagged
 * earlier in it (the tagger's own decisions) are worth 1.8 points of F1
 * on English.
 *
 * Word clusters: a model may carry a table from lower-case words to two
 * cluster numbers, fine (512) and coarse (64), that scripts/make-clusters
 * learns from unlabelled news (Reuters-21578) by k-means over the words
 * next to each word. The clusters of the token and its neighbours are
 * features, and the fine one with the previous tag, for words the table
 * knows (a feature for "not in the table" learned that rare words are
 * names, and tagged an opening curly quote as one): on CoNLL-2003 testa
 * they are worth 0.7 points of F1 (PER +0.5, ORG +0.6, LOC +0.9).
 *
 * Features are hashed: a feature is a template number and the strings it
 * combines (the word, its shape, a neighbour's lower case ...); the hash
 * is FNV-1a 64 of each string, mixed with the template number by a
 * multiply-xorshift step and folded to 32 bits, so it is the same on every
 * machine. A model file keeps only the features whose averaged weights
 * survive pruning and int16 quantization, as a sorted array of 32-bit
 * keys and then their weights. Loading copies them into an open-addressing
 * table whose slots hold a key and its weights together, behind a bitmap
 * of about 8 bits a key that stays in the cache: most features of a text
 * are in no model, and lookups, found or not, are where the time goes.
 *
 * The tokenizer is here too, and the trainer uses it, so that tokens at
 * run time are the tokens the model learned on: whitespace-separated
 * words with edge punctuation split off as in CoNLL-2003 (whose text is
 * already split that way, so the tokenizer leaves it unchanged), and in
 * scripts written without spaces one token per character cluster (in
 * Burmese per syllable: a consonant killed by an asat joins the cluster
 * before it). Thai, Burmese and Chinese words are not split by a
 * dictionary: ICU's dictionaries cut through 10% of ThaiNER's and 3.5% of
 * myNER's entities, which a tagger over clusters, with cluster n-grams as
 * features, almost never does.
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>
#include <utf8proc.h>

#include "ner.h"

/* The model file: see mk__ner_trainer_save. Bump FORMAT_VERSION when the layout
 * changes, FEATURE_VERSION when the tokenizer or the features change (old
 * models then give a clear error instead of quietly wrong tags). */
#define MAGIC "MKNER"
#define FORMAT_VERSION 2
#define FEATURE_VERSION 1
#define HEADER_SIZE 64
#define MODEL_DOCF 1            /* header flag: document memory features */
#define MODEL_IWORDS 2          /* header flag: ICU's dictionary words */

#define BOS_TAG 31              /* "tag" before the first token */
#define MAXKEYS 96              /* room for the features of one token: at
                                   most 77 static (with all 8 list bits on
                                   3 tokens, and clusters) and 7 dynamic */
#define MEM_MAX 4096            /* words a document remembers */
#define CHUNK 1024              /* tokens of a long sentence whose attributes
                                   are held at once: memory stays bounded */
#define DOC_TOKENS 262144       /* tokens of a document mk__ner_tag_doc keeps
                                   between scanning and tagging */
#define CTX 3                   /* neighbours a feature looks at, each side */
#define TOK_CP_MAX 64           /* longer tokens are hashed whole but their
                                   shape stops here */
#define WC_SLOTS 32768           /* words in tag_range's cache */
#define WC_MAXLEN 23            /* longest token (bytes) it holds */
#define WC_NVEC 7               /* vectors a word has: as the token and as
                                   its neighbour 3, 2, 1 before and after */

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
    h = (uint32_t)(h >> 32) ^ (uint32_t)h;
    return h != 0 ? (uint32_t)h : 1;    /* 0 marks an empty slot at run time */
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
    return mk__fnv1a(p, n);
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

static void cp_info_slow(uint32_t c, struct cpinfo *ci);

/* The class and case of C: ASCII from a table, the rest from utf8proc. */
static inline void
cp_info(uint32_t c, struct cpinfo *ci)
{
    /* ASCII: the class in the low four bits, the case above */
    static const uint8_t ascii[128] = {
        0x06, 0x06, 0x06, 0x06, 0x06, 0x06, 0x06, 0x06, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06, 0x06,
        0x06, 0x06, 0x06, 0x06, 0x06, 0x06, 0x06, 0x06, 0x06, 0x06, 0x06, 0x06, 0x06, 0x06, 0x06, 0x06,
        0x00, 0x04, 0x04, 0x04, 0x05, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04, 0x05, 0x04, 0x04, 0x04, 0x04,
        0x03, 0x03, 0x03, 0x03, 0x03, 0x03, 0x03, 0x03, 0x03, 0x03, 0x04, 0x04, 0x05, 0x05, 0x05, 0x04,
        0x04, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
        0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x04, 0x04, 0x04, 0x05, 0x04,
        0x05, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21,
        0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x21, 0x04, 0x05, 0x04, 0x05, 0x06,
    };

    if (c < 0x80) {
        ci->cls = ascii[c] & 0x0F;
        ci->ucase = ascii[c] >> 4;
        return;
    }
    cp_info_slow(c, ci);
}

static void
cp_info_slow(uint32_t c, struct cpinfo *ci)
{
    const utf8proc_property_t *p;

    ci->ucase = 0;
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

    if (c < 0x80)
        return c >= 0x41 ? MK_SC_LATIN : MK_SC_OTHER;     /* as the table says */
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
    const char *s;              /* the token, for the word cache */
    size_t len;
    uint16_t clf, clc;          /* its word clusters, fine and coarse; 0 none */
    /* in a script without spaces, where the character stands in the word
     * ICU's dictionary breaking puts it in (1 first, 2 inside, 3 last, 4
     * alone; 0 not computed), that word's length (1 to 4 and more) and
     * hash */
    uint8_t wpos, wlen;
    uint64_t wform;
};

/* Word clusters (scripts/make-clusters): for the fold of a lower-case
 * hash, a fine and a coarse cluster number; sorted by key, and an open
 * addressing table of index + 1 to find them. */
struct ctab {
    uint32_t n;
    uint32_t *key;
    uint16_t *val;              /* fine, coarse of each key */
    uint32_t *slot;
    size_t mask;
};

static void
ctab_free(struct ctab *ct)
{
    if (ct == NULL)
        return;
    free(ct->key);
    free(ct->val);
    free(ct->slot);
    free(ct);
}

/* The slots of CT, its keys and values in place. Returns 0 or MK_ENOMEM. */
static int
ctab_index(struct ctab *ct)
{
    size_t cap = 16, i;

    while (cap < 2 * (size_t)ct->n)
        cap *= 2;
    ct->slot = calloc(cap, sizeof *ct->slot);
    if (ct->slot == NULL)
        return MK_ENOMEM;
    ct->mask = cap - 1;
    for (i = 0; i < ct->n; i++) {
        size_t x = ct->key[i] & ct->mask;
        while (ct->slot[x] != 0)
            x = (x + 1) & ct->mask;
        ct->slot[x] = (uint32_t)i + 1;
    }
    return 0;
}

static void
ctab_find(const struct ctab *ct, uint32_t key, uint16_t *fine, uint16_t *coarse)
{
    size_t x = key & ct->mask;

    for (;; x = (x + 1) & ct->mask) {
        uint32_t s = ct->slot[x];
        if (s == 0) {
            *fine = *coarse = 0;
            return;
        }
        if (ct->key[s - 1] == key) {
            *fine = ct->val[2 * (s - 1)];
            *coarse = ct->val[2 * (s - 1) + 1];
            return;
        }
    }
}

struct memslot {
    uint64_t key;               /* lower-case hash; 0 = empty */
    uint16_t cnt[1 + MK__NER_MAXTYPES];     /* tags given earlier: O, types */
    uint16_t st[5];             /* scanned: enum doc_stat */
};

/* What mk__ner_doc_scan counts of a cased word in a document (outside
 * headlines in capitals): written in lower case, capitalised inside a
 * sentence, capitalised first in a sentence, last or first of a run of
 * capitalised words ("Tiger Woods" makes "Woods" a last). */
enum { DS_LOWER, DS_CAPMID, DS_CAPFIRST, DS_MLAST, DS_MFIRST };

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
    /* mk__ner_tag_doc: the tokens of the pieces while they are few, where
     * each piece's start, and the entities of the document */
    mk__ner_tok *dtok;
    size_t dtokcap;
    size_t *doff;
    size_t doffcap;
    mk__ner_doc_span *dspans;
    size_t dspancap;
    int all_types;              /* see mk__ner_work_all_types */
    /* ICU's dictionary words (MODEL_IWORDS): set by the caller of prepare */
    int iwords;
    UBreakIterator *brk;
    UChar *u16;
    size_t u16cap;
    int32_t *at16;              /* UTF-16 offset of each token of a run */
    size_t at16cap;
    /* the word cache of tag_range (see there): WC_SLOTS entries of
     * wcstride bytes for the model whose serial is wcserial */
    unsigned char *wc;
    size_t wcstride;
    unsigned long long wcserial;
    uint32_t wcstamp;
    int32_t *wtmp;              /* vectors of words the cache cannot hold */
    size_t wtmpcap;
    const int32_t **went;       /* each token's vectors */
    size_t wentcap;
    int32_t padv[2][WC_NVEC * MK__NER_MAXTAGS];     /* before, after the sentence */
    const struct ctab *ct;      /* the clusters prepare looks words up in (the
                                   trainer's; at run time wc_resolve does it) */
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
mk__ner_work_all_types(mk__ner_work *w, int on)
{
    w->all_types = on;
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
    free(w->dtok);
    free(w->doff);
    free(w->dspans);
    free(w->wc);
    free(w->wtmp);
    free(w->went);
    if (w->brk != NULL)
        ubrk_close(w->brk);
    free(w->u16);
    free(w->at16);
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

/* Grows the array that the pointer at PP points to (elements of SIZE,
 * capacity *CAP) to hold N. The pointer is read and written with memcpy,
 * so that any pointer type may be passed. Returns 0 or MK_ENOMEM. */
static int
grow(void *pp, size_t *cap, size_t n, size_t size)
{
    size_t c = *cap ? *cap : 64;
    void *p, *q;

    if (n <= *cap)
        return 0;
    while (c < n) {
        if (c > SIZE_MAX / 2 / size)
            return MK_ENOMEM;
        c *= 2;
    }
    memcpy(&p, pp, sizeof p);
    q = realloc(p, c * size);
    if (q == NULL)
        return MK_ENOMEM;
    memcpy(pp, &q, sizeof q);
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
        size_t mid = (lo + hi) / 2, kl = strlen(keep_stop[mid]);
        /* bytes, then length: S may hold a NUL, and is not NUL-ended */
        int c = memcmp(keep_stop[mid], s, kl < n ? kl : n);
        if (c == 0)
            c = kl < n ? -1 : kl > n ? 1 : 0;
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
    size_t i, k, from = n > 6 ? n - 6 : 0;

    /* most words have no apostrophe near their end */
    if (memchr(s + from, '\'', n - from) == NULL && memchr(s + from, 0xE2, n - from) == NULL)
        return 0;
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

/* Does an asat (U+103A) follow the Burmese consonant ending at TEXT[I],
 * after any dot below or other marks? */
static int
killed(const char *text, size_t len, size_t i)
{
    size_t m;

    while (i < len) {
        uint32_t d = decode(text, len, i, &m);
        if (d == 0x103A)
            return 1;
        if (d != 0x1037 && !(d >= 0x102B && d <= 0x103E))
            return 0;
        i += m;
    }
    return 0;
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
                 * virama or coeng join the letter; in Burmese so does a
                 * consonant that an asat kills, the end of the syllable */
                while (e < len) {
                    uint32_t d = decode(text, len, e, &m);
                    struct cpinfo di;
                    cp_info(d, &di);
                    if (di.cls == CC_MARK || d == 0x0E33 || d == 0x0EB3 ||
                        ((last == 0x1039 || last == 0x17D2) && di.cls == CC_LETTER) ||
                        (d >= 0x1000 && d <= 0x1021 && c >= 0x1000 && c <= 0x109F &&
                         killed(text, len, e + m))) {
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

/* ------------------------------------------------------------------ */
/* Features. The template numbers are part of every model: change them
 * (or anything that feeds them) and bump FEATURE_VERSION. */

enum {
    F_BIAS = 1, F_FORM, F_LOWER, F_SHAPE, F_SSHAPE,
    F_PRE, F_SUF = F_PRE + 4, F_KS = F_SUF + 4, F_CASE, F_CHARS, F_SPACE, F_LEN,
    F_LM1, F_LP1, F_LM2, F_LP2, F_SM1, F_SP1, F_SM2, F_SP2, F_BIM, F_BIP, F_SS3,
    F_FIRST, F_CAPS, F_CAPSW, F_LIST, F_SUFM1, F_SUFP1,
    F_CM3, F_CP3, F_C2M, F_C2P, F_C3M, F_C3C, F_C3P, F_C4M, F_C4P,
    F_T1, F_T2, F_T1S, F_T1L, F_MEM, F_MEMS, F_DOC, F_DOCS, F_LM3, F_LP3,
    F_CLF, F_CLC, F_CLFM1, F_CLFP1, F_CLCM1, F_CLCP1, F_CLFM2, F_CLFP2, F_CLT1,
    F_WP, F_WF, F_WP3, F_WFM1, F_WFP1
};

/* Stand-ins for the tokens before and after the sentence. */
static const struct tattr pad_bos = {
    UINT64_C(0x5f3c8e2a91d4b607), UINT64_C(0x5f3c8e2a91d4b607),
    UINT64_C(0x5f3c8e2a91d4b607), UINT64_C(0x5f3c8e2a91d4b607),
    { 0, 0, 0, 0 }, { 0, 0, 0, 0 }, 0, 0, 0, 0, 0, 0, 1, 0, 0, NULL, 0, 0, 0, 0, 0, 0
};
static const struct tattr pad_eos = {
    UINT64_C(0x27d4eb2f165667c5), UINT64_C(0x27d4eb2f165667c5),
    UINT64_C(0x27d4eb2f165667c5), UINT64_C(0x27d4eb2f165667c5),
    { 0, 0, 0, 0 }, { 0, 0, 0, 0 }, 0, 0, 0, 0, 0, 0, 1, 0, 0, NULL, 0, 0, 0, 0, 0, 0
};

/* The shape letter of a code point, 0 for none (marks). */
static int
shape_char(uint32_t c, const struct cpinfo *ci)
{
    switch (ci->cls) {
    case CC_LETTER:
        if (ci->ucase == 1)
            return 'X';
        if (ci->ucase == 2)
            return 'x';
        switch (script_of(c)) {
        case MK_SC_THAI:    return 't';
        case MK_SC_LAO:     return 'l';
        case MK_SC_KHMER:   return 'k';
        case MK_SC_MYANMAR: return 'm';
        case MK_SC_HAN:     return 'h';
        case MK_SC_KANA:    return 'j';
        case MK_SC_HANGUL:  return 'g';
        default:            return 'a';
        }
    case CC_DIGIT:
        return 'd';
    case CC_MARK:
        return 0;
    case CC_PUNCT:
    case CC_SYMBOL:
        return c < 0x80 ? (int)c : '#';
    default:
        return '?';
    }
}

/* The attributes of token T; with FULL 0 only those mk__ner_doc_scan
 * needs (lower case, case, kind, script), which it reads fast. */
static void
token_attr(const mk__ner_tok *t, struct tattr *a, int full)
{
    uint64_t lower = FNV64_BASIS, shape = FNV64_BASIS, ss = FNV64_BASIS;
    size_t i, n, ncp = 0, pend[4] = { 0, 0, 0, 0 }, ring[4] = { 0, 0, 0, 0 };
    int prev = 0, run = 0, nup = 0, nlow = 0, first_case = 0, later_up = 0, first_sc = 0;
    unsigned chars = 0;

    for (i = 0; i < t->len; i += n) {
        struct cpinfo ci;
        uint32_t c = decode(t->s, t->len, i, &n);
        int sc;

        cp_info(c, &ci);
        if (ncp < 4)
            pend[ncp] = i + n;
        ring[ncp & 3] = i;
        ncp++;
        if (c < 0x80) {
            lower = (lower ^ (c >= 'A' && c <= 'Z' ? c | 0x20 : c)) * FNV64_PRIME;
        } else {
            char buf[4];
            uint32_t l = ci.ucase == 1 ? (uint32_t)utf8proc_tolower((utf8proc_int32_t)c) : c;
            lower = fnv64(lower, buf, mk__utf8_encode(l, buf));
        }
        if (ci.cls == CC_LETTER) {
            if (first_sc == 0)
                first_sc = script_of(c);
            if (ci.ucase == 1) {
                nup++;
                if (first_case == 0)
                    first_case = 1;
                else
                    later_up = 1;
            } else if (ci.ucase == 2) {
                nlow++;
                if (first_case == 0)
                    first_case = 2;
            }
        } else if (ci.cls == CC_DIGIT) {
            chars |= 1;
        } else if (c == '-' || c == 0x2010 || c == 0x2011) {
            chars |= 2;
        } else if (c == '.') {
            chars |= 4;
        } else if (c == '\'' || c == 0x2019) {
            chars |= 8;
        } else if (c == '&') {
            chars |= 16;
        }
        if (!full)
            continue;
        sc = shape_char(c, &ci);
        if (sc != 0 && ncp <= TOK_CP_MAX) {
            if (sc == prev) {
                run++;
            } else {
                run = 1;
                prev = sc;
                ss = (ss ^ (unsigned)sc) * FNV64_PRIME;
            }
            if (run <= 4)
                shape = (shape ^ (unsigned)sc) * FNV64_PRIME;
        }
    }
    a->lower = lower;
    for (i = 0; full && i < 4; i++) {
        a->pre[i] = ncp > i + 1 ? fnv64(FNV64_BASIS, t->s, pend[i]) : 0;
        a->suf[i] = ncp > i + 1 ? fnv64(FNV64_BASIS, t->s + ring[(ncp - i - 1) & 3],
                                        t->len - ring[(ncp - i - 1) & 3]) : 0;
    }
    if (full) {
        a->form = fnv64(FNV64_BASIS, t->s, t->len);
        a->shape = shape;
        a->sshape = ss;
    }
    a->kind = (uint8_t)t->kind;
    a->script = (uint8_t)first_sc;
    a->cluster = cluster_script(first_sc) && t->kind != MK_TOK_NUMBER;
    /* 0 uncased, 1 Title, 2 CAPS, 3 lower, 4 MiXed */
    a->ucase = nup + nlow == 0 ? 0 : first_case == 2 ? 3 : nlow == 0 ? 2 : later_up ? 4 : 1;
    a->lenb = ncp <= 3 ? (uint8_t)ncp : ncp <= 5 ? 4 : ncp <= 8 ? 5 : ncp <= 12 ? 6 : 7;
    a->chars = (uint8_t)chars;
    a->space_before = t->space_before != 0;
    a->memok = t->kind == MK_TOK_WORD && !a->cluster && first_case == 1;
    a->lists = 0;
    a->s = t->s;
    a->len = t->len;
    a->clf = a->clc = 0;
}

#define AT(j) ((j) < 0 ? &pad_bos : (size_t)(j) >= n ? &pad_eos : &at[(j)])

/* The features of ICU's dictionary words (icu_words) for token C between
 * P1 and N1: where it stands in its word and how long that is, the word,
 * the positions around it, the words before and after. */
static size_t
word_keys(const struct tattr *c, const struct tattr *p1, const struct tattr *n1, uint32_t *out)
{
    size_t k = 0;

    if (c->wpos == 0)
        return 0;
    out[k++] = fk2(F_WP, c->wpos, c->wlen);
    out[k++] = fk2(F_WF, c->wform, c->wpos);
    out[k++] = fk3(F_WP3, p1->wpos, c->wpos, n1->wpos);
    if (p1->wform != c->wform)
        out[k++] = fk1(F_WFM1, p1->wform);
    if (n1->wform != c->wform)
        out[k++] = fk1(F_WFP1, n1->wform);
    return k;
}

/* The features of static_keys that the word cache (wc_fill) does not
 * hold: those that combine two tokens or depend on the place. */
static size_t
static_rest(const struct tattr *at, size_t n, size_t i, int capsent, int dbits, uint32_t *out)
{
    const struct tattr *c = &at[i];
    const struct tattr *p1 = AT((long)i - 1), *p2 = AT((long)i - 2);
    const struct tattr *n1 = AT((long)i + 1), *n2 = AT((long)i + 2);
    size_t k = 0;
    long o;

    out[k++] = fk2(F_SPACE, c->space_before, n1->space_before);
    out[k++] = fk2(F_BIM, p1->lower, c->lower);
    out[k++] = fk2(F_BIP, c->lower, n1->lower);
    out[k++] = fk3(F_SS3, p1->sshape, c->sshape, n1->sshape);
    out[k++] = fk2(F_FIRST, i == 0, c->sshape);
    if (capsent) {
        out[k++] = fk1(F_CAPS, 1);
        out[k++] = fk1(F_CAPSW, c->lower);
    }
    for (o = -1; o <= 1; o++) {
        unsigned l = AT((long)i + o)->lists, b;
        for (b = 0; l != 0 && b < 8; b++)
            if (l & (1u << b))
                out[k++] = fk2(F_LIST, (uint64_t)(o + 1), b);
    }
    if (dbits >= 0) {
        out[k++] = fk1(F_DOC, (uint64_t)dbits);
        out[k++] = fk3(F_DOCS, (uint64_t)dbits, c->ucase, i == 0);
    }
    if (c->cluster) {
        const struct tattr *p3 = AT((long)i - 3), *n3 = AT((long)i + 3);
        out[k++] = fk1(F_CM3, p3->form);
        out[k++] = fk1(F_CP3, n3->form);
        out[k++] = fk2(F_C2M, p2->form, p1->form);
        out[k++] = fk2(F_C2P, n1->form, n2->form);
        out[k++] = fk3(F_C3M, p2->form, p1->form, c->form);
        out[k++] = fk3(F_C3C, p1->form, c->form, n1->form);
        out[k++] = fk3(F_C3P, c->form, n1->form, n2->form);
        out[k++] = fk4(F_C4M, p2->form, p1->form, c->form, n1->form);
        out[k++] = fk4(F_C4P, p1->form, c->form, n1->form, n2->form);
    }
    k += word_keys(c, p1, n1, out + k);
    return k;
}

/* The features of token I of the N in AT that do not depend on earlier
 * decisions (DBITS: its document statistics, -1 for none). Each is a
 * template and the hashes it combines: what the word is (form, lower
 * case, shapes, prefixes and suffixes, kind, script, case, characters,
 * spacing, length), what its neighbours are (lower case of 3 either side,
 * shapes of 2, word bigrams, 3-letter suffixes), the headline and list
 * flags, in scripts without spaces the cluster n-grams around it, and
 * with CLUS the word clusters of the token and its neighbours. */
static size_t
static_keys(const struct tattr *at, size_t n, size_t i, int capsent, int dbits, int clus,
            uint32_t *out)
{
    const struct tattr *c = &at[i];
    const struct tattr *p1 = AT((long)i - 1), *p2 = AT((long)i - 2);
    const struct tattr *n1 = AT((long)i + 1), *n2 = AT((long)i + 2);
    size_t k = 0, j;

    out[k++] = fk1(F_BIAS, 0);
    out[k++] = fk1(F_FORM, c->form);
    out[k++] = fk1(F_LOWER, c->lower);
    out[k++] = fk1(F_SHAPE, c->shape);
    out[k++] = fk1(F_SSHAPE, c->sshape);
    for (j = 0; j < 4; j++) {
        if (c->pre[j] != 0)
            out[k++] = fk1(F_PRE + (unsigned)j, c->pre[j]);
        if (c->suf[j] != 0)
            out[k++] = fk1(F_SUF + (unsigned)j, c->suf[j]);
    }
    out[k++] = fk3(F_KS, c->kind, c->script, c->cluster);
    out[k++] = fk1(F_CASE, c->ucase);
    out[k++] = fk1(F_CHARS, c->chars);
    out[k++] = fk1(F_LEN, c->lenb);
    out[k++] = fk1(F_LM1, p1->lower);
    out[k++] = fk1(F_LP1, n1->lower);
    out[k++] = fk1(F_LM2, p2->lower);
    out[k++] = fk1(F_LP2, n2->lower);
    out[k++] = fk1(F_SM1, p1->shape);
    out[k++] = fk1(F_SP1, n1->shape);
    out[k++] = fk1(F_SM2, p2->sshape);
    out[k++] = fk1(F_SP2, n2->sshape);
    if (!c->cluster) {
        out[k++] = fk1(F_LM3, AT((long)i - 3)->lower);
        out[k++] = fk1(F_LP3, AT((long)i + 3)->lower);
    }
    if (p1->suf[2] != 0)
        out[k++] = fk1(F_SUFM1, p1->suf[2]);
    if (n1->suf[2] != 0)
        out[k++] = fk1(F_SUFP1, n1->suf[2]);
    /* and those that combine tokens or depend on the place */
    k += static_rest(at, n, i, capsent, dbits, out + k);
    if (clus && c->clf != 0) {
        out[k++] = fk1(F_CLF, c->clf);
        out[k++] = fk1(F_CLC, c->clc);
    }
    if (clus && p1->clf != 0) {
        out[k++] = fk1(F_CLFM1, p1->clf);
        out[k++] = fk1(F_CLCM1, p1->clc);
    }
    if (clus && n1->clf != 0) {
        out[k++] = fk1(F_CLFP1, n1->clf);
        out[k++] = fk1(F_CLCP1, n1->clc);
    }
    if (clus && p2->clf != 0)
        out[k++] = fk1(F_CLFM2, p2->clf);
    if (clus && n2->clf != 0)
        out[k++] = fk1(F_CLFP2, n2->clf);
    return k;
}

/* The features of token C that depend on the two previous tags and on
 * what the document said of its word before (MEM, -1 for nothing); and
 * the previous tag with the word's fine cluster, when it has one. */
static size_t
dyn_keys(const struct tattr *c, int t1, int t2, int mem, uint32_t *out)
{
    size_t k = 0;

    out[k++] = fk1(F_T1, (uint64_t)t1);
    out[k++] = fk2(F_T2, (uint64_t)t2, (uint64_t)t1);
    out[k++] = fk2(F_T1S, (uint64_t)t1, c->sshape);
    out[k++] = fk2(F_T1L, (uint64_t)t1, c->lower);
    if (c->clf != 0)
        out[k++] = fk2(F_CLT1, (uint64_t)t1, c->clf);
    if (mem >= 0) {
        out[k++] = fk1(F_MEM, (uint64_t)mem);
        out[k++] = fk2(F_MEMS, (uint64_t)mem, c->sshape);
    }
    return k;
}

/* Where each token of a script without spaces stands in the words of
 * ICU's dictionary breaking (one iterator for all such scripts, opened
 * once per W) over each run of such tokens with nothing between them:
 * W->at[i].wpos, wlen and wform. Returns 0 or MK_ENOMEM; an ICU failure
 * leaves the positions at 0. */
static int
icu_words(mk__ner_work *w, const mk__ner_tok *toks, size_t n)
{
    size_t i, j;

    for (i = 0; i < n; i++) {
        w->at[i].wpos = w->at[i].wlen = 0;
        w->at[i].wform = 0;
    }
    for (i = 0; i < n; i = j) {
        if (!w->at[i].cluster) {
            j = i + 1;
            continue;
        }
        for (j = i + 1; j < n && w->at[j].cluster && toks[j].s == toks[j - 1].s + toks[j - 1].len; j++)
            ;
        const char *s0 = toks[i].s;
        size_t blen = (size_t)(toks[j - 1].s + toks[j - 1].len - s0), k;
        if (blen > (size_t)INT32_MAX / 2)
            continue;
        if (grow(&w->u16, &w->u16cap, blen + 1, sizeof *w->u16) != 0 ||
            grow(&w->at16, &w->at16cap, j - i + 1, sizeof *w->at16) != 0)
            return MK_ENOMEM;
        UErrorCode ec = U_ZERO_ERROR;
        int32_t ulen = 0;
        u_strFromUTF8(w->u16, (int32_t)w->u16cap, &ulen, s0, (int32_t)blen, &ec);
        if (U_FAILURE(ec))
            continue;
        /* each token's start in UTF-16 units: a 4-byte sequence is two */
        int32_t u = 0;
        for (k = i; k < j; k++) {
            w->at16[k - i] = u;
            for (size_t b = 0; b < toks[k].len; b++) {
                unsigned char c = (unsigned char)toks[k].s[b];
                u += (c & 0xC0) != 0x80;
                u += c >= 0xF0;
            }
        }
        w->at16[j - i] = ulen;
        if (w->brk == NULL) {
            ec = U_ZERO_ERROR;
            w->brk = ubrk_open(UBRK_WORD, "", NULL, 0, &ec);
            if (U_FAILURE(ec)) {
                w->brk = NULL;
                w->iwords = 0;
                return 0;
            }
        }
        ec = U_ZERO_ERROR;
        ubrk_setText(w->brk, w->u16, ulen, &ec);
        if (U_FAILURE(ec))
            continue;
        size_t q = i;
        for (int32_t b1 = ubrk_following(w->brk, 0); b1 != UBRK_DONE && q < j;
             b1 = ubrk_next(w->brk)) {
            size_t first = q;
            while (q < j && w->at16[q - i] < b1)
                q++;
            if (q == first)
                continue;
            size_t m = q - first;
            uint64_t h = fnv64(FNV64_BASIS, toks[first].s,
                               (size_t)(toks[q - 1].s + toks[q - 1].len - toks[first].s));
            for (k = first; k < q; k++) {
                struct tattr *a = &w->at[k];
                a->wpos = m == 1 ? 4 : k == first ? 1 : k + 1 == q ? 3 : 2;
                a->wlen = (uint8_t)(m < 4 ? m : 4);
                a->wform = h;
            }
        }
    }
    return 0;
}

/* Attributes of the N tokens into W->at; returns whether the sentence
 * is in capitals (a headline), or MK_ENOMEM. */
static int
prepare(mk__ner_work *w, const mk__ner_tok *toks, size_t n, int full)
{
    size_t i, cased = 0, lower = 0;

    if (grow(&w->at, &w->atcap, n + 1, sizeof *w->at) != 0)
        return MK_ENOMEM;
    for (i = 0; i < n; i++) {
        struct tattr *a = &w->at[i];
        token_attr(&toks[i], a, full);
        /* no dictionary word unless icu_words finds one: a model without
         * them must not read what an earlier text left here */
        a->wpos = a->wlen = 0;
        a->wform = 0;
        if (full && w->ct != NULL)
            ctab_find(w->ct, fold(a->lower), &a->clf, &a->clc);
        if (full && w->lists != NULL)
            a->lists = w->lists(w->lists_ctx, toks[i].s, toks[i].len) & 0xFF;
        if (a->ucase != 0)
            cased++;
        if (a->ucase == 1 || a->ucase == 3 || a->ucase == 4)
            lower++;
    }
    if (full && w->iwords && icu_words(w, toks, n) != 0)
        return MK_ENOMEM;
    return cased >= 3 && lower == 0;
}

/* Document memory: how capitalised words were tagged earlier. */
static struct memslot *
mem_find(mk__ner_work *w, uint64_t key, int insert)
{
    size_t mask = 2 * MEM_MAX - 1, i;

    if (key == 0)
        key = 1;
    if (w->mem == NULL) {
        if (!insert)
            return NULL;
        w->mem = calloc(2 * MEM_MAX, sizeof *w->mem);
        if (w->mem == NULL)
            return NULL;
    }
    for (i = (size_t)(key ^ (key >> 32)) & mask;; i = (i + 1) & mask) {
        struct memslot *s = &w->mem[i];
        if (s->key == key)
            return s;
        if (s->key == 0) {
            if (!insert || w->nmem >= MEM_MAX)
                return NULL;
            s->key = key;
            w->nmem++;
            return s;
        }
    }
}

/* The label (0 for O, k + 1 for type k) most often given to word C
 * earlier in the document, or -1. */
static int
mem_label(mk__ner_work *w, const struct tattr *c, int ntypes)
{
    struct memslot *s;
    int best = -1, j;
    unsigned bc = 0;

    if (!c->memok || w->nmem == 0 || (s = mem_find(w, c->lower, 0)) == NULL)
        return -1;
    for (j = 0; j <= ntypes; j++)
        if (s->cnt[j] > bc) {
            bc = s->cnt[j];
            best = j;
        }
    return best;
}

/* Remembers the tags of tokens LO..HI of AT (TAGS indexed alike). */
static void
mem_update(mk__ner_work *w, const struct tattr *at, size_t lo, size_t hi, const uint8_t *tags)
{
    size_t i;

    for (i = lo; i < hi; i++) {
        struct memslot *s;
        int lab;
        if (!at[i].memok || (s = mem_find(w, at[i].lower, 1)) == NULL)
            continue;
        lab = tags[i] == 0 ? 0 : (tags[i] - 1) / 2 + 1;
        if (s->cnt[lab] < UINT16_MAX)
            s->cnt[lab]++;
    }
}

/* Is A a cased word that document statistics are kept of? */
static inline int
doc_word(const struct tattr *a)
{
    return a->ucase != 0 && !a->cluster && a->kind == MK_TOK_WORD;
}

static inline int
titled(const struct tattr *a)
{
    return doc_word(a) && (a->ucase == 1 || a->ucase == 2 || a->ucase == 4);
}

/* Counts tokens LO..HI of the N in AT (the others are their neighbours). */
static void
scan_sentence(mk__ner_work *w, const struct tattr *at, size_t n, size_t lo, size_t hi,
              int capsent)
{
    size_t i;

    if (capsent)
        return;             /* a headline in capitals says nothing of case */
    for (i = lo; i < hi; i++) {
        struct memslot *s;
        int d;
        if (!doc_word(&at[i]) || (s = mem_find(w, at[i].lower, 1)) == NULL)
            continue;
        if (at[i].ucase == 3) {
            d = DS_LOWER;
        } else {
            int pt = i > 0 && titled(&at[i - 1]), nt = i + 1 < n && titled(&at[i + 1]);
            d = i == 0 ? DS_CAPFIRST : DS_CAPMID;
            if (pt && !nt && s->st[DS_MLAST] < UINT16_MAX)
                s->st[DS_MLAST]++;
            if (nt && !pt && s->st[DS_MFIRST] < UINT16_MAX)
                s->st[DS_MFIRST]++;
        }
        if (s->st[d] < UINT16_MAX)
            s->st[d]++;
    }
}

/* The document statistics of A as feature bits, or -1. */
static int
doc_bits(mk__ner_work *w, const struct tattr *a)
{
    struct memslot *s;
    int b = 0, d;

    if (!doc_word(a) || w->nmem == 0 || (s = mem_find(w, a->lower, 0)) == NULL)
        return -1;
    for (d = 0; d < 5; d++)
        if (s->st[d] > 0)
            b |= 1 << d;
    return b;
}

/* Is a sentence of more than CHUNK tokens in capitals? As prepare says
 * of shorter ones, without holding attributes. */
static int
long_caps(const mk__ner_tok *toks, size_t n)
{
    size_t i, cased = 0, lower = 0;

    for (i = 0; i < n; i++) {
        struct tattr a;
        token_attr(&toks[i], &a, 0);
        cased += a.ucase != 0;
        lower += a.ucase == 1 || a.ucase == 3 || a.ucase == 4;
    }
    return cased >= 3 && lower == 0;
}

int
mk__ner_doc_scan(mk__ner_work *w, const mk__ner_tok *toks, size_t n, mk_error *err)
{
    size_t c0;
    int capsent = n <= CHUNK ? prepare(w, toks, n, 0) : long_caps(toks, n);

    if (capsent < 0)
        return mk__err(err, MK_ENOMEM, 0, "out of memory");
    if (n <= CHUNK) {
        scan_sentence(w, w->at, n, 0, n, capsent);
        return 0;
    }
    for (c0 = 0; c0 < n; c0 += CHUNK) {
        size_t ws = c0 > 0 ? c0 - 1 : 0, c1 = n - c0 > CHUNK ? c0 + CHUNK : n;
        size_t we = c1 < n ? c1 + 1 : n;
        if (prepare(w, toks + ws, we - ws, 0) < 0)
            return mk__err(err, MK_ENOMEM, 0, "out of memory");
        scan_sentence(w, w->at, we - ws, c0 - ws, c1 - ws, capsent);
    }
    return 0;
}

/* The best tag allowed after T1 (I-x only continues B-x or I-x); ties go
 * to the lower tag, so decisions never depend on anything but scores. */
static inline int
choose(const int64_t *score, int ntags, int t1)
{
    int best = 0, t;

    for (t = 1; t < ntags; t++) {
        if ((t & 1) == 0 && t1 != t - 1 && t1 != t)
            continue;
        if (score[t] > score[best])
            best = t;
    }
    return best;
}

/* ------------------------------------------------------------------ */
/* Models. */

struct mk__ner {
    char lang[8];
    int ntypes, ntags;
    uint8_t types[MK__NER_MAXTYPES];
    unsigned out_mask, flags;
    uint32_t nfeat;
    double scale;
    /* the table built at load: slot i holds a key (0: empty) and its
     * weights, STRIDE bytes in all, so that a lookup, found or not, reads
     * one place in memory */
    unsigned char *tab;
    size_t mask, stride;
    /* a bit per key hash (its top bits), about 8 bits a key: most
     * features of a text are in no model, and this small table, which
     * stays in the cache, turns most of them away before the big one */
    uint64_t *bits;
    int bshift;
    unsigned long long serial;  /* tells one loaded model from another */
    struct ctab *ct;            /* word clusters, or NULL */
};

static atomic_ullong model_serials;

struct slot_head {
    uint32_t key;
    int16_t w[MK__NER_MAXTAGS];
};

static inline void
model_add(const mk__ner *m, uint32_t key, int32_t *score)
{
    size_t i = key & m->mask;
    uint32_t b = key >> m->bshift;

    if (!(m->bits[b >> 6] >> (b & 63) & 1))
        return;

    for (;;) {
        const struct slot_head *s = (const struct slot_head *)(const void *)
                                    (m->tab + i * m->stride);
        if (s->key == key) {
            int t;
            for (t = 0; t < m->ntags; t++)
                score[t] += s->w[t];
            return;
        }
        if (s->key == 0)
            return;
        i = (i + 1) & m->mask;
    }
}

static inline void
model_prefetch(const mk__ner *m, uint32_t key)
{
#if defined(__GNUC__) || defined(__clang__)
    uint32_t b = key >> m->bshift;
    if (m->bits[b >> 6] >> (b & 63) & 1)
        __builtin_prefetch(m->tab + (key & m->mask) * m->stride);
#else
    (void)m;
    (void)key;
#endif
}

static mk__ner *
load_fail(mk__ner *m, mk_error *err, const char *msg)
{
    if (m != NULL) {
        free(m->tab);
        free(m->bits);
        ctab_free(m->ct);
        free(m);
    }
    mk__err(err, MK_EINPUT, 0, "%s", msg);
    return NULL;
}

mk__ner *
mk__ner_load(const void *data, size_t len, mk_error *err)
{
    const unsigned char *p = data;
    mk__ner *m;
    uint64_t want, bits;
    uint32_t total, i, prev = 0, ncl;
    unsigned version;
    int j;
    size_t cap;
    const unsigned char *keys, *wts;
    char msg[160];

    if (p == NULL || len < HEADER_SIZE) {
        snprintf(msg, sizeof msg, "truncated model: %zu bytes, a header needs %d", len,
                 HEADER_SIZE);
        return load_fail(NULL, err, msg);
    }
    if (memcmp(p, MAGIC, 6) != 0)
        return load_fail(NULL, err, "not a mekong NER model (no MKNER magic)");
    version = (unsigned)p[6] | (unsigned)p[7] << 8;
    if (version != FORMAT_VERSION) {
        snprintf(msg, sizeof msg, "model format version %u; this program reads version %d",
                 version, FORMAT_VERSION);
        return load_fail(NULL, err, msg);
    }
    if (le32(p + 60) != fnv32(p, 60))
        return load_fail(NULL, err, "corrupt model: header checksum mismatch");
    if (le32(p + 8) != HEADER_SIZE || p[27] != 2 || p[23] != '\0')
        return load_fail(NULL, err, "corrupt model: bad header fields");
    if (le32(p + 12) != FEATURE_VERSION) {
        snprintf(msg, sizeof msg, "model made for feature set %u; this program computes "
                 "feature set %d: train the model again", (unsigned)le32(p + 12),
                 FEATURE_VERSION);
        return load_fail(NULL, err, msg);
    }
    total = le32(p + 48);
    if (len < total) {
        snprintf(msg, sizeof msg, "truncated model: %zu of %u bytes", len, (unsigned)total);
        return load_fail(NULL, err, msg);
    }
    if (len > total) {
        snprintf(msg, sizeof msg, "corrupt model: %zu bytes, the header says %u", len,
                 (unsigned)total);
        return load_fail(NULL, err, msg);
    }
    m = calloc(1, sizeof *m);
    if (m == NULL) {
        mk__err(err, MK_ENOMEM, 0, "out of memory");
        return NULL;
    }
    memcpy(m->lang, p + 16, 8);
    m->ntypes = p[24];
    m->ntags = 1 + 2 * m->ntypes;
    m->out_mask = p[25];
    m->flags = p[26];
    if (m->ntypes < 1 || m->ntypes > MK__NER_MAXTYPES ||
        (m->flags & ~(unsigned)(MODEL_DOCF | MODEL_IWORDS)) != 0 ||
        (m->out_mask >> m->ntypes) != 0)
        return load_fail(m, err, "corrupt model: bad tag set");
    for (j = 0; j < m->ntypes; j++) {
        m->types[j] = p[28 + j];
        if (m->types[j] == MK__NER_NONE || m->types[j] >= MK__NER_NTYPE)
            return load_fail(m, err, "corrupt model: unknown entity type");
    }
    m->serial = atomic_fetch_add(&model_serials, 1) + 1;
    m->nfeat = le32(p + 36);
    want = HEADER_SIZE + 4 * (uint64_t)m->nfeat + 2 * (uint64_t)m->nfeat * (uint64_t)m->ntags;
    want = (want + 3) & ~(uint64_t)3;
    ncl = le32(p + 56);
    want += 8 * (uint64_t)ncl;
    if (want != total)
        return load_fail(m, err, "corrupt model: sizes do not add up");
    bits = (uint64_t)le32(p + 40) | (uint64_t)le32(p + 44) << 32;
    memcpy(&m->scale, &bits, sizeof m->scale);
    if (le32(p + 52) != fnv32(p + HEADER_SIZE, len - HEADER_SIZE))
        return load_fail(m, err, "corrupt model: checksum mismatch");
    keys = p + HEADER_SIZE;
    wts = keys + 4 * (size_t)m->nfeat;

    /* a power of two at least 1.5 times the keys: short probes */
    for (cap = 16; cap < (size_t)m->nfeat + m->nfeat / 2; cap *= 2)
        ;
    m->mask = cap - 1;
    m->stride = (offsetof(struct slot_head, w) + 2 * (size_t)m->ntags + 3) & ~(size_t)3;
    /* room past the last slot for a whole struct slot_head */
    m->tab = calloc(cap + sizeof(struct slot_head) / m->stride + 1, m->stride);
    if (m->tab == NULL) {
        free(m);
        mk__err(err, MK_ENOMEM, 0, "out of memory");
        return NULL;
    }
    {
        int bb;
        for (bb = 9; bb < 32 && ((uint64_t)1 << bb) < 8 * (uint64_t)m->nfeat; bb++)
            ;
        m->bshift = 32 - bb;
        m->bits = calloc(((size_t)1 << bb) / 64, sizeof *m->bits);
        if (m->bits == NULL) {
            free(m->tab);
            free(m);
            mk__err(err, MK_ENOMEM, 0, "out of memory");
            return NULL;
        }
    }
    for (i = 0; i < m->nfeat; i++) {
        uint32_t k = le32(keys + 4 * (size_t)i), kb = k >> m->bshift;
        struct slot_head *s;
        size_t x;
        m->bits[kb >> 6] |= (uint64_t)1 << (kb & 63);
        if ((i > 0 && k <= prev) || k == 0)
            return load_fail(m, err, "corrupt model: keys out of order");
        prev = k;
        for (x = k & m->mask;; x = (x + 1) & m->mask) {
            s = (struct slot_head *)(void *)(m->tab + x * m->stride);
            if (s->key == 0)
                break;
        }
        s->key = k;
        for (j = 0; j < m->ntags; j++)
            s->w[j] = le16s(wts + 2 * ((size_t)i * (size_t)m->ntags + (size_t)j));
    }
    if (ncl > 0) {
        const unsigned char *cp = p + total - 8 * (size_t)ncl;
        m->ct = calloc(1, sizeof *m->ct);
        if (m->ct == NULL || (m->ct->key = malloc((size_t)ncl * sizeof *m->ct->key)) == NULL ||
            (m->ct->val = malloc((size_t)ncl * 2 * sizeof *m->ct->val)) == NULL) {
            mk__ner_free(m);
            mk__err(err, MK_ENOMEM, 0, "out of memory");
            return NULL;
        }
        m->ct->n = ncl;
        for (i = 0; i < ncl; i++) {
            uint32_t k = le32(cp + 8 * (size_t)i);
            if (k == 0 || (i > 0 && k <= m->ct->key[i - 1]))
                return load_fail(m, err, "corrupt model: cluster keys out of order");
            m->ct->key[i] = k;
            m->ct->val[2 * i] = (uint16_t)(cp[8 * (size_t)i + 4] | cp[8 * (size_t)i + 5] << 8);
            m->ct->val[2 * i + 1] = (uint16_t)(cp[8 * (size_t)i + 6] | cp[8 * (size_t)i + 7] << 8);
        }
        if (ctab_index(m->ct) != 0) {
            mk__ner_free(m);
            mk__err(err, MK_ENOMEM, 0, "out of memory");
            return NULL;
        }
    }
    return m;
}

mk__ner *
mk__ner_load_file(const char *path, mk_error *err)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    size_t len = 0, cap = 0;
    mk__ner *m;

    if (f == NULL) {
        mk__err_sys(err, MK_EIO, errno, "%s", path);
        return NULL;
    }
    for (;;) {
        size_t got;
        if (len == cap) {
            unsigned char *q;
            cap = cap ? cap * 2 : 1 << 20;
            q = realloc(buf, cap);
            if (q == NULL) {
                free(buf);
                fclose(f);
                mk__err(err, MK_ENOMEM, 0, "out of memory");
                return NULL;
            }
            buf = q;
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        int e = errno;
        free(buf);
        fclose(f);
        mk__err_sys(err, MK_EIO, e, "%s", path);
        return NULL;
    }
    fclose(f);
    m = mk__ner_load(buf, len, err);
    free(buf);
    if (m == NULL && err != NULL) {
        char inner[sizeof err->msg];
        memcpy(inner, err->msg, sizeof inner);
        mk__err(err, err->code, 0, "%s: %s", path, inner);
    }
    return m;
}

void
mk__ner_free(mk__ner *m)
{
    if (m == NULL)
        return;
    free(m->tab);
    free(m->bits);
    ctab_free(m->ct);
    free(m);
}

const char *
mk__ner_lang(const mk__ner *m)
{
    return m->lang;
}

int
mk__ner_ntypes(const mk__ner *m, const uint8_t **types)
{
    if (types != NULL)
        *types = m->types;
    return m->ntypes;
}

size_t
mk__ner_nfeatures(const mk__ner *m)
{
    return m->nfeat;
}

/* ------------------------------------------------------------------ */
/* Tagging. */

/* The word cache. Most features of a token combine the hashes of one
 * token only: what the token is (its form, case, shapes, affixes ...) and
 * what a neighbour is (the lower case, shape and suffix of the token one,
 * two, three places before or after). Their weights summed are a vector
 * per word and place, WC_NVEC of them, which tag_range keeps for the
 * words it meets, so that a token costs 7 vector additions and a dozen
 * lookups instead of some 45 lookups. The sums are of whole numbers, so
 * the scores, and the tags, are exactly those of the features one by one
 * (static_keys, which the trainer uses). Entries are a wc_head and then
 * the vectors, int32 each tag; a word is found by its form hash and its
 * bytes, and the stamp keeps a word of the sentence in hand from being
 * pushed out by another of the same sentence. */
struct wc_head {
    uint64_t form;
    uint32_t stamp;
    uint16_t clf, clc;          /* the word's clusters */
    uint8_t len;                /* 0: empty */
    char s[WC_MAXLEN];
};

/* The vectors of the word of A into V (WC_NVEC * ntags): vector 3 + o is
 * what it adds as the token at offset o of the one tagged. */
static void
wc_fill(const mk__ner *m, const struct tattr *a, int32_t *v)
{
    uint32_t k[24];
    size_t nk, j;
    int nt = m->ntags;

    memset(v, 0, WC_NVEC * (size_t)nt * sizeof *v);
    nk = 0;
    k[nk++] = fk1(F_BIAS, 0);
    k[nk++] = fk1(F_FORM, a->form);
    k[nk++] = fk1(F_LOWER, a->lower);
    k[nk++] = fk1(F_SHAPE, a->shape);
    k[nk++] = fk1(F_SSHAPE, a->sshape);
    for (j = 0; j < 4; j++) {
        if (a->pre[j] != 0)
            k[nk++] = fk1(F_PRE + (unsigned)j, a->pre[j]);
        if (a->suf[j] != 0)
            k[nk++] = fk1(F_SUF + (unsigned)j, a->suf[j]);
    }
    k[nk++] = fk3(F_KS, a->kind, a->script, a->cluster);
    k[nk++] = fk1(F_CASE, a->ucase);
    k[nk++] = fk1(F_CHARS, a->chars);
    k[nk++] = fk1(F_LEN, a->lenb);
    for (j = 0; j < nk; j++)
        model_add(m, k[j], v + 3 * nt);
    model_add(m, fk1(F_LM1, a->lower), v + 2 * nt);
    model_add(m, fk1(F_SM1, a->shape), v + 2 * nt);
    if (a->suf[2] != 0)
        model_add(m, fk1(F_SUFM1, a->suf[2]), v + 2 * nt);
    model_add(m, fk1(F_LP1, a->lower), v + 4 * nt);
    model_add(m, fk1(F_SP1, a->shape), v + 4 * nt);
    if (a->suf[2] != 0)
        model_add(m, fk1(F_SUFP1, a->suf[2]), v + 4 * nt);
    model_add(m, fk1(F_LM2, a->lower), v + 1 * nt);
    model_add(m, fk1(F_SM2, a->sshape), v + 1 * nt);
    model_add(m, fk1(F_LP2, a->lower), v + 5 * nt);
    model_add(m, fk1(F_SP2, a->sshape), v + 5 * nt);
    model_add(m, fk1(F_LM3, a->lower), v + 0 * nt);
    model_add(m, fk1(F_LP3, a->lower), v + 6 * nt);
    if (m->ct != NULL && a->clf != 0) {
        model_add(m, fk1(F_CLF, a->clf), v + 3 * nt);
        model_add(m, fk1(F_CLC, a->clc), v + 3 * nt);
        model_add(m, fk1(F_CLFM1, a->clf), v + 2 * nt);
        model_add(m, fk1(F_CLFP1, a->clf), v + 4 * nt);
        model_add(m, fk1(F_CLCM1, a->clc), v + 2 * nt);
        model_add(m, fk1(F_CLCP1, a->clc), v + 4 * nt);
        model_add(m, fk1(F_CLFM2, a->clf), v + 1 * nt);
        model_add(m, fk1(F_CLFP2, a->clf), v + 5 * nt);
    }
}

/* Points W->went[0..N) at the vectors of the N tokens of AT, filling the
 * cache for model M where they are not there yet, and sets the tokens'
 * clusters (which prepare leaves to this at run time: a word of the cache
 * has them at hand). Returns 0 or MK_ENOMEM. */
static int
wc_resolve(const mk__ner *m, mk__ner_work *w, struct tattr *at, size_t n)
{
    size_t nv = WC_NVEC * (size_t)m->ntags, ntmp = 0, i;

    if (w->wc == NULL || w->wcserial != m->serial) {
        size_t stride = (sizeof(struct wc_head) + nv * sizeof(int32_t) + 7) & ~(size_t)7;
        if (w->wc == NULL || w->wcstride != stride) {
            free(w->wc);
            w->wcstride = stride;
            w->wc = calloc(WC_SLOTS, w->wcstride);
            if (w->wc == NULL)
                return MK_ENOMEM;
        } else {
            for (i = 0; i < WC_SLOTS; i++)
                ((struct wc_head *)(void *)(w->wc + i * w->wcstride))->len = 0;
        }
        wc_fill(m, &pad_bos, w->padv[0]);
        wc_fill(m, &pad_eos, w->padv[1]);
        w->wcserial = m->serial;
    }
    /* room for every token outside the cache, so that wtmp stays put */
    if (grow(&w->went, &w->wentcap, n + 1, sizeof *w->went) != 0 ||
        grow(&w->wtmp, &w->wtmpcap, (n + 1) * nv, sizeof *w->wtmp) != 0)
        return MK_ENOMEM;
    if (++w->wcstamp == 0) {
        for (i = 0; i < WC_SLOTS; i++)
            ((struct wc_head *)(void *)(w->wc + i * w->wcstride))->stamp = 0;
        w->wcstamp = 1;
    }
    for (i = 0; i < n; i++) {
        struct tattr *a = &at[i];
        struct wc_head *h = NULL;
        int32_t *v;
        if (a->len <= WC_MAXLEN) {
            h = (struct wc_head *)(void *)(w->wc + ((a->form ^ (a->form >> 29)) &
                                                    (WC_SLOTS - 1)) * w->wcstride);
            if (h->len == a->len && h->form == a->form && memcmp(h->s, a->s, a->len) == 0) {
                h->stamp = w->wcstamp;
                a->clf = h->clf;
                a->clc = h->clc;
                w->went[i] = (const int32_t *)(const void *)(h + 1);
                continue;
            }
            if (h->len != 0 && h->stamp == w->wcstamp)
                h = NULL;       /* a word of this sentence is there */
        }
        if (m->ct != NULL)
            ctab_find(m->ct, fold(a->lower), &a->clf, &a->clc);
        if (h != NULL) {
            h->form = a->form;
            h->clf = a->clf;
            h->clc = a->clc;
            h->len = (uint8_t)a->len;
            h->stamp = w->wcstamp;
            memcpy(h->s, a->s, a->len);
            v = (int32_t *)(void *)(h + 1);
        } else {
            v = w->wtmp + ntmp * nv;
            ntmp++;
        }
        wc_fill(m, a, v);
        w->went[i] = v;
    }
    return 0;
}


/* Tags tokens LO..HI of the N whose attributes are in AT (the others are
 * their context) into TAGS (indexed alike), after the tags *T1 and *T2. */
static int
tag_range(const mk__ner *m, mk__ner_work *w, struct tattr *at, size_t n, size_t lo,
          size_t hi, int capsent, int *t1, int *t2, uint8_t *tags)
{
    uint32_t kbuf[2][MAXKEYS], *keys = kbuf[0], *next = kbuf[1];
    int docf = (m->flags & MODEL_DOCF) != 0, nt = m->ntags;
    size_t i, nnext = 0;

    if (wc_resolve(m, w, at, n) != 0)
        return MK_ENOMEM;
    /* the features of the next token are hashed, and their slots fetched
     * into the cache, while this one is scored: lookups are what the
     * time goes to */
    if (lo < hi)
        nnext = static_rest(at, n, lo, capsent, docf ? doc_bits(w, &at[lo]) : -1, next);
    for (i = lo; i < hi; i++) {
        int32_t score[MK__NER_MAXTAGS];
        int64_t s64[MK__NER_MAXTAGS];
        const int32_t *v[WC_NVEC];
        size_t k = nnext, j;
        uint32_t *x = keys;
        long o;
        int best, t;

        keys = next;
        next = x;
        if (i + 1 < hi) {
            nnext = static_rest(at, n, i + 1, capsent, docf ? doc_bits(w, &at[i + 1]) : -1,
                                next);
            for (j = 0; j < nnext; j++)
                model_prefetch(m, next[j]);
        }
        for (o = -3; o <= 3; o++) {
            long q = (long)i + o;
            const int32_t *b = q < 0 ? w->padv[0] : (size_t)q >= n ? w->padv[1] : w->went[q];
            v[o + 3] = b + (o + 3) * nt;
        }
        if (at[i].cluster) {
            for (t = 0; t < nt; t++)
                score[t] = v[1][t] + v[2][t] + v[3][t] + v[4][t] + v[5][t];
        } else {
            for (t = 0; t < nt; t++)
                score[t] = v[0][t] + v[1][t] + v[2][t] + v[3][t] + v[4][t] + v[5][t] + v[6][t];
        }
        k += dyn_keys(&at[i], *t1, *t2, docf ? mem_label(w, &at[i], m->ntypes) : -1, keys + k);
        for (j = 0; j < k; j++)
            model_add(m, keys[j], score);
        for (j = 0; j < (size_t)m->ntags; j++)
            s64[j] = score[j];
        best = choose(s64, m->ntags, *t1);
        tags[i] = (uint8_t)best;
        *t2 = *t1;
        *t1 = best;
    }
    return 0;
}

int
mk__ner_tag(const mk__ner *m, mk__ner_work *w, const mk__ner_tok *toks, size_t n,
            const uint8_t **tags, mk_error *err)
{
    int capsent, t1 = BOS_TAG, t2 = BOS_TAG, docf = (m->flags & MODEL_DOCF) != 0;
    size_t c0;

    if (n > INT32_MAX)
        return mk__err(err, MK_ELIMIT, 0, "sentence of %zu tokens", n);
    if (grow(&w->tags, &w->tagcap, n + 1, 1) != 0)
        return mk__err(err, MK_ENOMEM, 0, "out of memory");
    w->ct = NULL;               /* clusters come from the word cache */
    w->iwords = (m->flags & MODEL_IWORDS) != 0;
    capsent = n <= CHUNK ? prepare(w, toks, n, 1) : long_caps(toks, n);
    if (capsent < 0)
        return mk__err(err, MK_ENOMEM, 0, "out of memory");
    if (n <= CHUNK) {
        if (tag_range(m, w, w->at, n, 0, n, capsent, &t1, &t2, w->tags) != 0)
            return mk__err(err, MK_ENOMEM, 0, "out of memory");
        if (docf)
            mem_update(w, w->at, 0, n, w->tags);
    }
    /* a longer one a chunk at a time, each with its context: the same
     * features, except that the memory of a document takes in a chunk's
     * tags before the next chunk, not at the end of the sentence */
    for (c0 = 0; n > CHUNK && c0 < n; c0 += CHUNK) {
        size_t ws = c0 >= CTX ? c0 - CTX : 0, c1 = n - c0 > CHUNK ? c0 + CHUNK : n;
        size_t we = n - c1 > CTX ? c1 + CTX : n;
        if (prepare(w, toks + ws, we - ws, 1) < 0)
            return mk__err(err, MK_ENOMEM, 0, "out of memory");
        if (tag_range(m, w, w->at, we - ws, c0 - ws, c1 - ws, capsent, &t1, &t2,
                      w->tags + ws) != 0)
            return mk__err(err, MK_ENOMEM, 0, "out of memory");
        if (docf)
            mem_update(w, w->at, c0 - ws, c1 - ws, w->tags + ws);
    }
    *tags = w->tags;
    return (int)n;
}

/* Spans of the written types in TAGS. */
static int
collect_spans(const uint8_t *types, unsigned out_mask, mk__ner_work *w, const uint8_t *tags,
              size_t n)
{
    size_t i = 0, ns = 0;

    while (i < n) {
        size_t e;
        int k;
        if (tags[i] == 0) {
            i++;
            continue;
        }
        k = (tags[i] - 1) / 2;
        for (e = i + 1; e < n && tags[e] == 2 + 2 * k; e++)
            ;
        if (out_mask & (1u << k)) {
            if (grow(&w->spans, &w->spancap, ns + 1, sizeof *w->spans) != 0)
                return MK_ENOMEM;
            w->spans[ns].first = i;
            w->spans[ns].last = e - 1;
            w->spans[ns].type = types[k];
            ns++;
        }
        i = e;
    }
    return (int)ns;
}

int
mk__ner_spans(const mk__ner *m, mk__ner_work *w, const mk__ner_tok *toks, size_t n,
              const mk__ner_span **spans, mk_error *err)
{
    const uint8_t *tags;
    int r = mk__ner_tag(m, w, toks, n, &tags, err);

    if (r < 0)
        return r;
    r = collect_spans(m->types, w->all_types ? (1u << m->ntypes) - 1 : m->out_mask, w, tags, n);
    if (r < 0)
        return mk__err(err, MK_ENOMEM, 0, "out of memory");
    *spans = w->spans;
    return r;
}

int
mk__ner_tag_doc(const mk__ner *m, mk__ner_work *w, const char *const *texts, const size_t *lens,
                size_t npieces, const mk__ner_doc_span **spans, mk_error *err)
{
    size_t p, ns = 0;

    size_t nt = 0;
    int keep = 1;   /* the tokens kept for tagging, up to DOC_TOKENS */

    if (grow(&w->doff, &w->doffcap, npieces + 1, sizeof *w->doff) != 0)
        return mk__err(err, MK_ENOMEM, 0, "out of memory");
    mk__ner_doc_begin(w);
    /* every piece tokenized and scanned before any is tagged; past
     * DOC_TOKENS tokens they are made again for tagging rather than kept
     * (some 50 bytes each), so a long document costs no more memory */
    for (p = 0; p < npieces && (m->flags & MODEL_DOCF); p++) {
        const mk__ner_tok *t;
        int n = mk__ner_tokenize(w, texts[p], lens[p], &t, err);
        if (n < 0)
            return n;
        if (keep && nt + (size_t)n <= DOC_TOKENS) {
            if (grow(&w->dtok, &w->dtokcap, nt + (size_t)n + 1, sizeof *w->dtok) != 0)
                return mk__err(err, MK_ENOMEM, 0, "out of memory");
            if (n > 0)   /* an empty piece has no tokens, and T may be NULL */
                memcpy(w->dtok + nt, t, (size_t)n * sizeof *t);
        } else {
            keep = 0;
        }
        w->doff[p] = nt;
        nt += (size_t)n;
        w->doff[p + 1] = nt;
        if (mk__ner_doc_scan(w, t, (size_t)n, err) < 0)
            return MK_ENOMEM;
    }
    keep &= (m->flags & MODEL_DOCF) != 0;
    for (p = 0; p < npieces; p++) {
        const mk__ner_tok *t;
        const mk__ner_span *sp;
        int n, j;
        if (keep) {
            t = w->dtok + w->doff[p];
            n = (int)(w->doff[p + 1] - w->doff[p]);
        } else if ((n = mk__ner_tokenize(w, texts[p], lens[p], &t, err)) < 0) {
            return n;
        }
        int k = mk__ner_spans(m, w, t, (size_t)n, &sp, err);
        if (k < 0)
            return k;
        if (grow(&w->dspans, &w->dspancap, ns + (size_t)k + 1, sizeof *w->dspans) != 0)
            return mk__err(err, MK_ENOMEM, 0, "out of memory");
        for (j = 0; j < k; j++) {
            mk__ner_doc_span *d = &w->dspans[ns++];
            const mk__ner_tok *a = &t[sp[j].first], *z = &t[sp[j].last];
            d->piece = p;
            d->start_b = (size_t)(a->s - texts[p]);
            d->end_b = (size_t)(z->s + z->len - texts[p]);
            d->start = a->start;
            d->end = z->end;
            d->type = sp[j].type;
        }
    }
    if (ns > INT32_MAX)
        return mk__err(err, MK_ELIMIT, 0, "%zu entities in a document", ns);
    *spans = w->dspans;
    return (int)ns;
}

/* ------------------------------------------------------------------ */
/* Training: the averaged perceptron. Weights change by whole numbers and
 * the average is taken once, at the end (Daume's trick: keep W and U, the
 * sum of updates times their time, and average = (W * (C + 1) - U) / C
 * after C examples), so training itself has no rounding at all. */

struct tsent {
    size_t tok0, ntok;          /* training: tokens; dev: unused */
    size_t off, len;            /* dev: the text in dev_text */
    size_t ent0, nent;          /* dev: gold entities in dev_ents */
    long doc;
    int capsent;
    int src;                    /* training: the source it came from */
};

/* Sources (files) of training data: the types each has entities of. A
 * source that never marks a type (NERP has no organisations) has not
 * annotated it: a prediction of that type where it says O is not counted
 * wrong, since it may well be right. */
#define MAX_SOURCES 64

struct tdoc {
    size_t sent0, nsent;
};

struct mk__ner_trainer {
    mk__ner_train_opts o;
    char lang[8];
    int ntags;
    mk__ner_work *w;

    /* training set: per token its static keys (koff..), attributes for
     * the dynamic features, gold tag */
    uint32_t *keys;
    size_t nkeys, keycap;
    size_t *koff;
    size_t koffcap;
    struct tattr *at;
    uint8_t *gold;
    size_t ntok, atcap, goldcap;
    struct tsent *sent;
    size_t nsent, sentcap;
    struct tdoc *docs;
    size_t ndocs, doccap;
    long last_doc;
    int src;
    unsigned src_types[MAX_SOURCES];    /* bit k: the source marks types[k] */

    /* development set */
    mk_buf dev_text;
    struct tsent *dsent;
    size_t ndsent, dsentcap;
    mk__ner_ent *dents;
    size_t ndents, dentcap;

    /* weights: open addressing from key to row (slot holds row + 1) */
    uint32_t *slot;
    size_t slotcap, nrows, rowcap;
    uint32_t *rowkey;
    int32_t *wt;
    int64_t *ut;
    uint64_t c;                 /* examples seen */
    int epoch;
    int final;                  /* keys computed: no more data */
    size_t *order;
    struct ctab *ct;            /* word clusters (o.clusters), or NULL */
};

void
mk__ner_train_opts_init(mk__ner_train_opts *o)
{
    memset(o, 0, sizeof *o);
    o->lang = "und";
    o->ntypes = 4;
    o->types[0] = MK__NER_PER;
    o->types[1] = MK__NER_ORG;
    o->types[2] = MK__NER_LOC;
    o->types[3] = MK__NER_MISC;
    o->out_mask = 7;
    o->doc_features = 1;
    o->seed = 1;
    o->prune = 0.0;
}

static int
cmp_u64k(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The table of scripts/make-clusters at PATH: lines "word TAB fine TAB
 * coarse", cluster numbers 1..65535. Each word's key is the fold of its
 * lower-case hash, as prepare computes it; of words whose keys collide
 * the first in the file stays. */
static struct ctab *
load_clusters(const char *path, mk_error *err)
{
    FILE *f = fopen(path, "r");
    char line[512];
    uint64_t *e = NULL;         /* key << 32 | line number */
    uint32_t *fv = NULL;        /* per line: fine << 16 | coarse */
    size_t n = 0, cap = 0, i, k;
    struct ctab *ct;
    long lno = 0;

    if (f == NULL) {
        mk__err_sys(err, MK_EIO, errno, "%s", path);
        return NULL;
    }
    while (fgets(line, sizeof line, f) != NULL) {
        char *t1 = strchr(line, '\t'), *t2, *end;
        unsigned long a, b;
        mk__ner_tok tok;
        struct tattr at;
        lno++;
        if (t1 == NULL || (t2 = strchr(t1 + 1, '\t')) == NULL)
            goto bad;
        a = strtoul(t1 + 1, &end, 10);
        if (end != t2 || a == 0 || a > 65535)
            goto bad;
        b = strtoul(t2 + 1, &end, 10);
        if ((*end != '\n' && *end != '\0') || b == 0 || b > 65535)
            goto bad;
        if (n == cap) {
            void *p1, *p2;
            cap = cap ? 2 * cap : 4096;
            p1 = realloc(e, cap * sizeof *e);
            if (p1 != NULL)
                e = p1;
            p2 = realloc(fv, cap * sizeof *fv);
            if (p2 != NULL)
                fv = p2;
            if (p1 == NULL || p2 == NULL) {
                fclose(f);
                free(e);
                free(fv);
                mk__err(err, MK_ENOMEM, 0, "out of memory");
                return NULL;
            }
        }
        memset(&tok, 0, sizeof tok);
        tok.s = line;
        tok.len = (size_t)(t1 - line);
        tok.kind = MK_TOK_WORD;
        token_attr(&tok, &at, 0);
        e[n] = (uint64_t)fold(at.lower) << 32 | (uint64_t)n;
        fv[n] = (uint32_t)a << 16 | (uint32_t)b;
        n++;
    }
    fclose(f);
    ct = calloc(1, sizeof *ct);
    if (ct == NULL || (ct->key = malloc((n + 1) * sizeof *ct->key)) == NULL ||
        (ct->val = malloc((n + 1) * 2 * sizeof *ct->val)) == NULL) {
        ctab_free(ct);
        free(e);
        free(fv);
        mk__err(err, MK_ENOMEM, 0, "out of memory");
        return NULL;
    }
    if (n > 1)
        qsort(e, n, sizeof *e, cmp_u64k);
    for (i = k = 0; i < n; i++) {
        uint32_t key = (uint32_t)(e[i] >> 32), v = fv[e[i] & 0xFFFFFFFFu];
        if (k > 0 && ct->key[k - 1] == key)
            continue;
        ct->key[k] = key;
        ct->val[2 * k] = (uint16_t)(v >> 16);
        ct->val[2 * k + 1] = (uint16_t)v;
        k++;
    }
    ct->n = (uint32_t)k;
    free(e);
    free(fv);
    if (ctab_index(ct) != 0) {
        ctab_free(ct);
        mk__err(err, MK_ENOMEM, 0, "out of memory");
        return NULL;
    }
    return ct;
bad:
    fclose(f);
    free(e);
    free(fv);
    mk__err(err, MK_EINPUT, 0, "%s:%ld: want word TAB fine TAB coarse", path, lno);
    return NULL;
}

mk__ner_trainer *
mk__ner_trainer_new(const mk__ner_train_opts *o, mk_error *err)
{
    mk__ner_trainer *t;
    int i, j;

    if (o->ntypes < 1 || o->ntypes > MK__NER_MAXTYPES || (o->out_mask >> o->ntypes) != 0 ||
        strlen(o->lang) > 7) {
        mk__err(err, MK_EUSAGE, 0, "bad training options (types or language)");
        return NULL;
    }
    for (i = 0; i < o->ntypes; i++) {
        if (o->types[i] == MK__NER_NONE || o->types[i] >= MK__NER_NTYPE) {
            mk__err(err, MK_EUSAGE, 0, "unknown entity type %d", o->types[i]);
            return NULL;
        }
        for (j = 0; j < i; j++)
            if (o->types[j] == o->types[i]) {
                mk__err(err, MK_EUSAGE, 0, "entity type %s given twice",
                        mk__ner_type_name(o->types[i]));
                return NULL;
            }
    }
    t = calloc(1, sizeof *t);
    if (t == NULL || (t->w = mk__ner_work_new(err)) == NULL) {
        free(t);
        mk__err(err, MK_ENOMEM, 0, "out of memory");
        return NULL;
    }
    t->o = *o;
    memset(t->lang, 0, sizeof t->lang);
    memcpy(t->lang, o->lang, strlen(o->lang));
    t->o.lang = t->lang;
    t->ntags = 1 + 2 * o->ntypes;
    t->last_doc = -1;
    mk__ner_work_set_lists(t->w, o->lists, o->lists_ctx);
    if (o->clusters != NULL && (t->ct = load_clusters(o->clusters, err)) == NULL) {
        mk__ner_trainer_free(t);
        return NULL;
    }
    t->o.clusters = NULL;
    return t;
}

void
mk__ner_trainer_free(mk__ner_trainer *t)
{
    if (t == NULL)
        return;
    mk__ner_work_free(t->w);
    free(t->keys);
    free(t->koff);
    free(t->at);
    free(t->gold);
    free(t->sent);
    free(t->docs);
    mk__buf_free(&t->dev_text);
    free(t->dsent);
    free(t->dents);
    free(t->slot);
    free(t->rowkey);
    free(t->wt);
    free(t->ut);
    free(t->order);
    ctab_free(t->ct);
    free(t);
}

int
mk__ner_trainer_source(mk__ner_trainer *t, int src)
{
    if (src < 0 || src >= MAX_SOURCES)
        return MK_EUSAGE;
    t->src = src;
    return 0;
}

static int
type_index(const mk__ner_trainer *t, int type)
{
    int i;

    for (i = 0; i < t->o.ntypes; i++)
        if (t->o.types[i] == type)
            return i;
    return -1;
}

int
mk__ner_trainer_add(mk__ner_trainer *t, int dev, long doc, const char *text, size_t len,
                    const mk__ner_ent *ents, size_t nents, size_t *misaligned, mk_error *err)
{
    const mk__ner_tok *toks;
    struct tsent *s;
    int n, capsent;
    size_t i, e;

    if (dev) {
        if (grow(&t->dsent, &t->dsentcap, t->ndsent + 1, sizeof *t->dsent) != 0 ||
            grow(&t->dents, &t->dentcap, t->ndents + nents + 1, sizeof *t->dents) != 0 ||
            mk__buf_add(&t->dev_text, text, len) != 0)
            return mk__err(err, MK_ENOMEM, 0, "out of memory");
        s = &t->dsent[t->ndsent++];
        s->off = t->dev_text.len - len;
        s->len = len;
        s->doc = doc;
        s->ent0 = t->ndents;
        for (e = 0; e < nents; e++)
            if (type_index(t, ents[e].type) >= 0)
                t->dents[t->ndents++] = ents[e];
        s->nent = t->ndents - s->ent0;
        return 0;
    }
    if (t->final)
        return mk__err(err, MK_EUSAGE, 0, "training data added after training began");
    n = mk__ner_tokenize(t->w, text, len, &toks, err);
    if (n < 0)
        return n;
    t->w->ct = t->ct;
    t->w->iwords = t->o.icu_words != 0;
    capsent = prepare(t->w, toks, (size_t)n, 1);
    if (capsent < 0 ||
        grow(&t->at, &t->atcap, t->ntok + (size_t)n, sizeof *t->at) != 0 ||
        grow(&t->gold, &t->goldcap, t->ntok + (size_t)n, 1) != 0 ||
        grow(&t->sent, &t->sentcap, t->nsent + 1, sizeof *t->sent) != 0 ||
        grow(&t->docs, &t->doccap, t->ndocs + 1, sizeof *t->docs) != 0)
        return mk__err(err, MK_ENOMEM, 0, "out of memory");
    memset(t->gold + t->ntok, 0, (size_t)n);
    for (e = 0; e < nents; e++) {
        int k = type_index(t, ents[e].type);
        size_t first = SIZE_MAX, last = 0, j;
        if (k < 0)
            continue;
        for (i = 0; i < (size_t)n; i++)
            if (toks[i].end > ents[e].start && toks[i].start < ents[e].end) {
                if (first == SIZE_MAX)
                    first = i;
                last = i;
            }
        if (first == SIZE_MAX) {
            if (misaligned != NULL)
                (*misaligned)++;
            continue;
        }
        if ((toks[first].start != ents[e].start || toks[last].end != ents[e].end) &&
            misaligned != NULL)
            (*misaligned)++;
        for (j = first; j <= last; j++)
            if (t->gold[t->ntok + j] != 0)
                break;
        if (j <= last)
            continue;       /* overlaps an entity already there */
        t->gold[t->ntok + first] = (uint8_t)(1 + 2 * k);
        for (j = first + 1; j <= last; j++)
            t->gold[t->ntok + j] = (uint8_t)(2 + 2 * k);
    }
    if (t->nsent == 0 || doc != t->last_doc) {
        t->docs[t->ndocs].sent0 = t->nsent;
        t->docs[t->ndocs].nsent = 0;
        t->ndocs++;
        t->last_doc = doc;
    }
    t->docs[t->ndocs - 1].nsent++;
    s = &t->sent[t->nsent++];
    memset(s, 0, sizeof *s);
    s->tok0 = t->ntok;
    s->ntok = (size_t)n;
    s->doc = doc;
    s->capsent = capsent;
    s->src = t->src;
    for (i = 0; i < (size_t)n; i++)
        if (t->gold[t->ntok + i] != 0)
            t->src_types[t->src] |= 1u << ((t->gold[t->ntok + i] - 1) / 2);
    memcpy(t->at + t->ntok, t->w->at, (size_t)n * sizeof *t->at);
    t->ntok += (size_t)n;
    return 0;
}

/* Computes the features of every training token that do not depend on
 * decisions, document by document (after scanning each, as mk__ner_tag's
 * caller does), once all data is in. */
static int
finalize(mk__ner_trainer *t, mk_error *err)
{
    size_t d, s, i;
    int docf = t->o.doc_features != 0;

    if (grow(&t->koff, &t->koffcap, t->ntok + 1, sizeof *t->koff) != 0)
        return mk__err(err, MK_ENOMEM, 0, "out of memory");
    t->koff[0] = 0;
    for (d = 0; d < t->ndocs; d++) {
        const struct tdoc *doc = &t->docs[d];
        mk__ner_doc_begin(t->w);
        if (docf)
            for (s = doc->sent0; s < doc->sent0 + doc->nsent; s++)
                scan_sentence(t->w, t->at + t->sent[s].tok0, t->sent[s].ntok, 0,
                              t->sent[s].ntok, t->sent[s].capsent);
        for (s = doc->sent0; s < doc->sent0 + doc->nsent; s++) {
            const struct tsent *se = &t->sent[s];
            const struct tattr *at = t->at + se->tok0;
            for (i = 0; i < se->ntok; i++) {
                uint32_t k[MAXKEYS];
                size_t nk = static_keys(at, se->ntok, i, se->capsent,
                                        docf ? doc_bits(t->w, &at[i]) : -1, t->ct != NULL, k);
                if (grow(&t->keys, &t->keycap, t->nkeys + nk, sizeof *t->keys) != 0)
                    return mk__err(err, MK_ENOMEM, 0, "out of memory");
                memcpy(t->keys + t->nkeys, k, nk * sizeof *k);
                t->nkeys += nk;
                t->koff[se->tok0 + i + 1] = t->nkeys;
            }
        }
    }
    t->final = 1;
    return 0;
}

/* The row of KEY, inserted when INSERT; SIZE_MAX when absent (or out of
 * memory while inserting). */
static size_t
row_of(mk__ner_trainer *t, uint32_t key, int insert)
{
    size_t mask, i;

    if (t->slotcap == 0 || (insert && (t->nrows + 1) * 2 > t->slotcap)) {
        size_t nc = t->slotcap ? t->slotcap * 2 : 1 << 16, r;
        uint32_t *ns;
        if (!insert)
            return SIZE_MAX;
        ns = calloc(nc, sizeof *ns);
        if (ns == NULL)
            return SIZE_MAX;
        for (r = 0; r < t->nrows; r++) {
            for (i = t->rowkey[r] & (nc - 1); ns[i] != 0; i = (i + 1) & (nc - 1))
                ;
            ns[i] = (uint32_t)(r + 1);
        }
        free(t->slot);
        t->slot = ns;
        t->slotcap = nc;
    }
    mask = t->slotcap - 1;
    for (i = key & mask; t->slot[i] != 0; i = (i + 1) & mask)
        if (t->rowkey[t->slot[i] - 1] == key)
            return t->slot[i] - 1;
    if (!insert)
        return SIZE_MAX;
    if (t->nrows >= t->rowcap) {
        size_t nc = t->rowcap ? t->rowcap * 2 : 1 << 15;
        uint32_t *rk = realloc(t->rowkey, nc * sizeof *rk);
        int32_t *w;
        int64_t *u;
        if (rk == NULL)
            return SIZE_MAX;
        t->rowkey = rk;
        w = realloc(t->wt, nc * (size_t)t->ntags * sizeof *w);
        if (w == NULL)
            return SIZE_MAX;
        t->wt = w;
        u = realloc(t->ut, nc * (size_t)t->ntags * sizeof *u);
        if (u == NULL)
            return SIZE_MAX;
        t->ut = u;
        t->rowcap = nc;
    }
    t->rowkey[t->nrows] = key;
    memset(t->wt + t->nrows * (size_t)t->ntags, 0, (size_t)t->ntags * sizeof *t->wt);
    memset(t->ut + t->nrows * (size_t)t->ntags, 0, (size_t)t->ntags * sizeof *t->ut);
    t->slot[i] = (uint32_t)(t->nrows + 1);
    return t->nrows++;
}

static uint64_t
splitmix(uint64_t *s)
{
    uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));

    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

long
mk__ner_trainer_epoch(mk__ner_trainer *t, mk_error *err)
{
    uint64_t rng = t->o.seed * UINT64_C(0x2545f4914f6cdd1d) + (uint64_t)t->epoch;
    long wrong = 0;
    size_t d, i;
    int T = t->ntags, docf = t->o.doc_features != 0;

    if (!t->final && finalize(t, err) != 0)
        return MK_ENOMEM;
    if (t->order == NULL && t->ndocs > 0) {
        t->order = malloc(t->ndocs * sizeof *t->order);
        if (t->order == NULL)
            return mk__err(err, MK_ENOMEM, 0, "out of memory");
    }
    for (d = 0; d < t->ndocs; d++)
        t->order[d] = d;
    for (d = t->ndocs; d > 1; d--) {
        size_t j = (size_t)(splitmix(&rng) % d), x = t->order[d - 1];
        t->order[d - 1] = t->order[j];
        t->order[j] = x;
    }
    for (d = 0; d < t->ndocs; d++) {
        const struct tdoc *doc = &t->docs[t->order[d]];
        size_t s;
        mk__ner_doc_begin(t->w);
        for (s = doc->sent0; s < doc->sent0 + doc->nsent; s++) {
            const struct tsent *se = &t->sent[s];
            int t1 = BOS_TAG, t2 = BOS_TAG;
            if (grow(&t->w->at, &t->w->atcap, se->ntok + 1, sizeof *t->w->at) != 0 ||
                grow(&t->w->tags, &t->w->tagcap, se->ntok + 1, 1) != 0)
                return mk__err(err, MK_ENOMEM, 0, "out of memory");
            for (i = 0; i < se->ntok; i++) {
                size_t x = se->tok0 + i, nk = 0, j;
                const struct tattr *a = &t->at[x];
                uint32_t keys[MAXKEYS];
                int64_t score[MK__NER_MAXTAGS] = { 0 };
                int p, g = t->gold[x], unmarked;
                memcpy(keys, t->keys + t->koff[x], (t->koff[x + 1] - t->koff[x]) * sizeof *keys);
                nk = t->koff[x + 1] - t->koff[x];
                nk += dyn_keys(a, t1, t2, docf ? mem_label(t->w, a, t->o.ntypes) : -1,
                               keys + nk);
                for (j = 0; j < nk; j++) {
                    size_t r = row_of(t, keys[j], 0);
                    if (r != SIZE_MAX) {
                        const int32_t *wr = t->wt + r * (size_t)T;
                        int k;
                        for (k = 0; k < T; k++)
                            score[k] += wr[k];
                    }
                }
                p = choose(score, T, t1);
                t->c++;
                /* a type the source does not mark may be right where it says O */
                unmarked = g == 0 && p > 0 && !(t->src_types[se->src] & (1u << ((p - 1) / 2)));
                if (p != g && !unmarked) {
                    wrong++;
                    for (j = 0; j < nk; j++) {
                        size_t r = row_of(t, keys[j], 1);
                        if (r == SIZE_MAX)
                            return mk__err(err, MK_ENOMEM, 0, "out of memory");
                        t->wt[r * (size_t)T + (size_t)g]++;
                        t->ut[r * (size_t)T + (size_t)g] += (int64_t)t->c;
                        t->wt[r * (size_t)T + (size_t)p]--;
                        t->ut[r * (size_t)T + (size_t)p] -= (int64_t)t->c;
                    }
                }
                t->w->tags[i] = (uint8_t)p;
                t->w->at[i] = *a;
                t2 = t1;
                t1 = g;         /* the history is the gold one: see the top */
            }
            if (docf)
                mem_update(t->w, t->w->at, 0, se->ntok, t->w->tags);
        }
    }
    t->epoch++;
    return wrong;
}

/* The int16 of a weight NUM / C when the largest, MAXNUM / C, is 32767,
 * rounded half away from zero (as lround, but without libm). A product
 * and a quotient, and no sum a compiler could fuse with them. */
static long
quantize(int64_t num, int64_t maxnum)
{
    double q;

    if (maxnum == 0)
        return 0;
    q = (double)num * 32767.0 / (double)maxnum;
    q = q < 0.0 ? q - 0.5 : q + 0.5;
    return q > 32767.0 ? 32767 : q < -32767.0 ? -32767 : (long)q;
}

static int
cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return x < y ? -1 : x > y;
}

static void
put_f64(unsigned char *p, double v)
{
    uint64_t bits;

    memcpy(&bits, &v, sizeof bits);
    put32(p, (uint32_t)bits);
    put32(p + 4, (uint32_t)(bits >> 32));
}

/* Writes the model file: the header (64 bytes, little-endian)
 *    0  "MKNER\0"        6  format version (u16)   8  header size (u32)
 *   12  feature version 16  language, NUL-padded (8 bytes)
 *   24  number of types 25  types written (bit mask)   26  flags
 *   27  bytes a weight (2)   28  the types (8 bytes, MK__NER_ ids)
 *   36  features (u32)  40  scale (f64: weight = int16 * scale)
 *   48  file size (u32) 52  FNV-1a 32 of the bytes after the header
 *   56  word clusters (u32)   60  FNV-1a 32 of header bytes 0..59
 * then the keys (u32, ascending), the weights (int16, NTAGS a key),
 * zero bytes to a multiple of 4, and the word clusters, 8 bytes each:
 * the fold of a lower-case hash (u32, ascending), fine and coarse cluster
 * (u16 each). Format 1 had no clusters (and zero at 56). */
int
mk__ner_trainer_save(mk__ner_trainer *t, mk_buf *out, mk_error *err)
{
    int T = t->ntags, k;
    int64_t C = t->c > 0 ? (int64_t)t->c : 1, maxnum = 0;
    int64_t *num = NULL;        /* C times the averaged weights: exact */
    uint64_t *sel = NULL;
    size_t r, nsel = 0, total, i, ncl;
    unsigned char *p;
    double scale;

    if (t->nrows > 0) {
        num = malloc(t->nrows * (size_t)T * sizeof *num);
        sel = malloc(t->nrows * sizeof *sel);
        if (num == NULL || sel == NULL) {
            free(num);
            free(sel);
            return mk__err(err, MK_ENOMEM, 0, "out of memory");
        }
    }
    /* whole numbers until the one division of each weight, which has no
     * addition to fuse with it: the bytes do not depend on the compiler */
    for (r = 0; r < t->nrows * (size_t)T; r++) {
        num[r] = (int64_t)t->wt[r] * (C + 1) - t->ut[r];
        if (num[r] > maxnum || -num[r] > maxnum)
            maxnum = num[r] < 0 ? -num[r] : num[r];
    }
    scale = maxnum > 0 ? (double)maxnum / (double)C / 32767.0 : 1.0;
    for (r = 0; r < t->nrows; r++) {
        int64_t m = 0;
        int nz = 0;
        for (k = 0; k < T; k++) {
            int64_t a = num[r * (size_t)T + (size_t)k];
            if (a < 0)
                a = -a;
            if (a > m)
                m = a;
            nz |= quantize(a, maxnum) != 0;
        }
        if (nz && (double)m >= t->o.prune * (double)maxnum)
            sel[nsel++] = (uint64_t)t->rowkey[r] << 32 | (uint64_t)r;
    }
    if (nsel > 1)
        qsort(sel, nsel, sizeof *sel, cmp_u64);
    total = HEADER_SIZE + 4 * nsel + 2 * nsel * (size_t)T;
    total = (total + 3) & ~(size_t)3;
    ncl = t->ct != NULL ? t->ct->n : 0;
    total += 8 * (size_t)ncl;
    if (total > UINT32_MAX) {
        free(num);
        free(sel);
        return mk__err(err, MK_ELIMIT, 0, "model of %zu bytes is too large", total);
    }
    out->len = 0;
    if (mk__buf_reserve(out, total) != 0) {
        free(num);
        free(sel);
        return mk__err(err, MK_ENOMEM, 0, "out of memory");
    }
    p = (unsigned char *)out->p;
    memset(p, 0, total);
    memcpy(p, MAGIC, 6);
    p[6] = FORMAT_VERSION & 0xFF;
    p[7] = FORMAT_VERSION >> 8;
    put32(p + 8, HEADER_SIZE);
    put32(p + 12, FEATURE_VERSION);
    memcpy(p + 16, t->lang, 8);
    p[24] = (unsigned char)t->o.ntypes;
    p[25] = (unsigned char)t->o.out_mask;
    p[26] = (unsigned char)((t->o.doc_features ? MODEL_DOCF : 0) |
                            (t->o.icu_words ? MODEL_IWORDS : 0));
    p[27] = 2;
    for (k = 0; k < t->o.ntypes; k++)
        p[28 + k] = t->o.types[k];
    put32(p + 36, (uint32_t)nsel);
    put_f64(p + 40, scale);
    put32(p + 48, (uint32_t)total);
    put32(p + 56, (uint32_t)ncl);
    for (i = 0; i < ncl; i++) {
        unsigned char *cp = p + total - 8 * ncl + 8 * i;
        put32(cp, t->ct->key[i]);
        cp[4] = (unsigned char)t->ct->val[2 * i];
        cp[5] = (unsigned char)(t->ct->val[2 * i] >> 8);
        cp[6] = (unsigned char)t->ct->val[2 * i + 1];
        cp[7] = (unsigned char)(t->ct->val[2 * i + 1] >> 8);
    }
    for (i = 0; i < nsel; i++) {
        unsigned char *wr = p + HEADER_SIZE + 4 * nsel + 2 * i * (size_t)T;
        r = (size_t)(sel[i] & 0xFFFFFFFFu);
        put32(p + HEADER_SIZE + 4 * i, (uint32_t)(sel[i] >> 32));
        for (k = 0; k < T; k++) {
            uint16_t v = (uint16_t)(int16_t)quantize(num[r * (size_t)T + (size_t)k], maxnum);
            wr[2 * k] = (unsigned char)v;
            wr[2 * k + 1] = (unsigned char)(v >> 8);
        }
    }
    put32(p + 52, fnv32(p + HEADER_SIZE, total - HEADER_SIZE));
    put32(p + 60, fnv32(p, 60));
    out->len = total;
    free(num);
    free(sel);
    return 0;
}

int
mk__ner_trainer_eval(mk__ner_trainer *t, const mk__ner *m, mk__ner_score *sc, mk_error *err)
{
    size_t s;
    long last_doc = -1;

    memset(sc, 0, sizeof *sc);
    for (s = 0; s < t->ndsent; s++) {
        const struct tsent *se = &t->dsent[s];
        const mk__ner_tok *toks;
        const mk__ner_span *sp;
        int n, ns, j;
        size_t e;
        uint64_t matched = 0;

        if (s == 0 || se->doc != last_doc) {
            size_t s2;
            mk__ner_doc_begin(t->w);
            for (s2 = s; s2 < t->ndsent && t->dsent[s2].doc == se->doc; s2++) {
                n = mk__ner_tokenize(t->w, t->dev_text.p + t->dsent[s2].off,
                                     t->dsent[s2].len, &toks, err);
                if (n < 0 || (n = mk__ner_doc_scan(t->w, toks, (size_t)n, err)) < 0)
                    return n;
            }
        }
        last_doc = se->doc;
        n = mk__ner_tokenize(t->w, t->dev_text.p + se->off, se->len, &toks, err);
        if (n < 0)
            return n;
        ns = mk__ner_spans(m, t->w, toks, (size_t)n, &sp, err);
        if (ns < 0)
            return ns;
        for (j = 0; j < ns; j++) {
            size_t a = toks[sp[j].first].start, z = toks[sp[j].last].end;
            int hit = 0;
            for (e = 0; e < se->nent; e++) {
                const mk__ner_ent *g = &t->dents[se->ent0 + e];
                if (g->start == a && g->end == z && g->type == sp[j].type) {
                    hit = 1;
                    if (e < 64)
                        matched |= (uint64_t)1 << e;
                    break;
                }
            }
            if (hit)
                sc->tp[sp[j].type]++;
            else
                sc->fp[sp[j].type]++;
        }
        for (e = 0; e < se->nent; e++) {
            const mk__ner_ent *g = &t->dents[se->ent0 + e];
            int k = type_index(t, g->type), found = 0;
            if (k < 0 || !(m->out_mask & (1u << k)))
                continue;
            if (e < 64) {
                found = (matched >> e) & 1;
            } else {
                for (j = 0; j < ns; j++)
                    if (toks[sp[j].first].start == g->start && toks[sp[j].last].end == g->end &&
                        sp[j].type == g->type)
                        found = 1;
            }
            if (!found)
                sc->fn[g->type]++;
        }
    }
    return 0;
}

double
mk__ner_f1(const mk__ner_score *sc, int type)
{
    long tp = 0, fp = 0, fn = 0;
    int k;

    for (k = 1; k < MK__NER_NTYPE; k++)
        if (type == 0 || type == k) {
            tp += sc->tp[k];
            fp += sc->fp[k];
            fn += sc->fn[k];
        }
    return tp == 0 ? 0.0 : 2.0 * (double)tp / (double)(2 * tp + fp + fn);
}

void
mk__ner_trainer_counts(const mk__ner_trainer *t, size_t *sents, size_t *tokens,
                       size_t *dev_sents, size_t *features)
{
    if (sents != NULL)
        *sents = t->nsent;
    if (tokens != NULL)
        *tokens = t->ntok;
    if (dev_sents != NULL)
        *dev_sents = t->ndsent;
    if (features != NULL)
        *features = t->nrows;
}
