/*
 * langid.c - which language a Latin-script text is in: English,
 * Indonesian, Malay, Vietnamese, Filipino (Tagalog), French, German,
 * Spanish, Portuguese or Dutch.
 *
 * Two stages over the words of the text, both linear and both read from
 * the tables that scripts/train-langid generates (lib/langid_model.c):
 *  1. naive Bayes over nine classes, Indonesian and Malay being one: each
 *     known word adds its log-probability per class (relative to the best
 *     class, clipped); a word the table lacks adds, scaled down, the mean of
 *     its character trigrams, so names and rare inflections still count;
 *  2. for Indonesian-or-Malay, a logistic regression on the words and word
 *     pairs that tell the two apart (karena/kerana, bisa/boleh, uang/wang,
 *     "di mana", "akan datang" ...), trained on parallel text so that shared
 *     words weigh nothing.
 * Words are folded byte-wise (ASCII and the common Latin letters to lower
 * case) and hashed as they are read; the text is scanned once, nothing is
 * allocated, and the scan stops early once the answer is clear.
 */
#include <string.h>

#include "langid.h"

#define WORD_MAX 48      /* longer words are looked up but not split into trigrams */
#define FNV_SEED 2166136261u
#define FNV_PRIME 16777619u

static const char *const lang_code[MK__LID_NCLASS] = {
    "en", "id", "vi", "fil", "fr", "de", "es", "pt", "nl"
};

typedef struct score {
    int32_t acc[MK__LID_NCLASS];   /* first stage, per class */
    int32_t ms;                    /* Malay (> 0) versus Indonesian (< 0) */
    int words;                     /* words that added something */
} score;

static inline uint32_t
fnv(uint32_t h, unsigned c)
{
    return (h ^ c) * FNV_PRIME;
}

static inline uint32_t
fmix(uint32_t h)
{
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    return h;
}

/* The slot of hash H in T, or -1. */
static inline long
slot(const mk__langid_table *t, uint32_t h)
{
    uint32_t i = h & t->mask;
    uint16_t fp = (uint16_t)(h >> 16);

    if (fp == 0)
        fp = 1;
    for (;;) {
        uint16_t f = t->fp[i];
        if (f == fp)
            return (long)i;
        if (f == 0)
            return -1;
        i = (i + 1) & t->mask;
    }
}

/* The weights of hash H in T (a table of MK__LID_STRIDE weights an entry),
 * or NULL. */
static inline const char *
lookup(const mk__langid_table *t, uint32_t h)
{
    long i = slot(t, h);

    return i < 0 ? NULL : t->w + (size_t)i * MK__LID_STRIDE;
}

/* The pair of the word before (raw hash PREV) and the word in BUF, N bytes
 * long, adds its Malay-vs-Indonesian weight. */
static void
score_pair(const mk__langid_model *m, score *sc, uint32_t prev, const unsigned char *buf,
           size_t n)
{
    uint32_t h = fnv(prev, ' ');
    size_t i;
    long k;

    if (n > WORD_MAX)
        return;
    for (i = 0; i < n; i++)
        h = fnv(h, buf[i]);
    k = slot(&m->pairs, fmix(h));
    if (k >= 0)
        sc->ms += m->pairs.w[k] - MK__LID_ZERO;
}

/* C's division truncates; the trainer mirrors it. */
static void
score_word(const mk__langid_model *m, score *sc, uint32_t h, const unsigned char *buf,
           size_t n)
{
    const char *w = lookup(&m->words, fmix(h));
    unsigned char x[WORD_MAX + 2];
    int32_t g[MK__LID_NCLASS];
    int c, k = 0;
    size_t i;

    if (w != NULL) {
        for (c = 0; c < MK__LID_NCLASS; c++)
            sc->acc[c] += w[c] - MK__LID_ZERO;
        sc->ms += w[MK__LID_NCLASS] - MK__LID_ZERO;
        sc->words++;
        return;
    }
    if (n > WORD_MAX)
        return;
    x[0] = ' ';
    memcpy(x + 1, buf, n);
    x[n + 1] = ' ';
    memset(g, 0, sizeof g);
    for (i = 0; i + 3 <= n + 2; i++) {
        const char *gw = lookup(&m->grams, fmix(fnv(fnv(fnv(FNV_SEED, x[i]), x[i + 1]), x[i + 2])));
        if (gw == NULL)
            continue;
        for (c = 0; c < MK__LID_NCLASS; c++)
            g[c] += gw[c] - MK__LID_ZERO;
        k++;
    }
    if (k == 0)
        return;
    for (c = 0; c < MK__LID_NCLASS; c++)
        sc->acc[c] += g[c] * m->gram_num / (k * m->gram_den);
    sc->words++;
}

/* The best and second-best classes of SC. */
static void
rank(const score *sc, int *best, int *second)
{
    int c, b = 0, s = 1;

    if (sc->acc[1] > sc->acc[0]) {
        b = 1;
        s = 0;
    }
    for (c = 2; c < MK__LID_NCLASS; c++) {
        if (sc->acc[c] > sc->acc[b]) {
            s = b;
            b = c;
        } else if (sc->acc[c] > sc->acc[s]) {
            s = c;
        }
    }
    *best = b;
    *second = s;
}

static int
clear_enough(const mk__langid_model *m, const score *sc)
{
    int b, s;

    rank(sc, &b, &s);
    if (sc->acc[b] - sc->acc[s] < m->stop_margin)
        return 0;
    return b != MK__LID_IDMS || sc->ms >= m->stop_ms || sc->ms <= -m->stop_ms;
}

/* exp(X) for X <= 0 without libm: 2^-k times a series on [-ln 2, 0]. */
static double
exp_neg(double x)
{
    const double ln2 = 0.69314718055994530942;
    double r, t, sum;
    int k, i;

    if (x < -700.0)
        return 0.0;
    k = (int)(-x / ln2);
    r = x + k * ln2;
    t = 1.0;
    sum = 1.0;
    for (i = 1; i < 14; i++) {
        t *= r / i;
        sum += t;
    }
    for (i = 0; i < k; i++)
        sum *= 0.5;
    return sum;
}

static double
confidence_of(const mk__langid_model *m, const score *sc, int best)
{
    double z = 0.0, p;
    int c;

    for (c = 0; c < MK__LID_NCLASS; c++)
        z += exp_neg((sc->acc[c] - sc->acc[best]) / (m->nb_unit * m->temperature));
    p = 1.0 / z;
    if (best == MK__LID_IDMS)
        p *= 1.0 / (1.0 + exp_neg(-(sc->ms < 0 ? -sc->ms : sc->ms) / m->ms_unit));
    return p;
}

const char *
mk__langid_latin(const char *s, size_t len, double *confidence)
{
    return mk__langid_latin_with(&mk__langid_model_v1, s, len, confidence);
}

const char *
mk__langid_latin_with(const mk__langid_model *m, const char *str, size_t len,
                      double *confidence)
{
    const unsigned char *p = (const unsigned char *)str, *end = p + len;
    unsigned char buf[WORD_MAX];
    uint32_t h = FNV_SEED, prev = 0;
    int have_prev = 0;
    size_t n = 0;
    score sc;
    int best, second;

    memset(&sc, 0, sizeof sc);
    sc.ms = m->ms_bias;
    if (confidence != NULL)
        *confidence = 0.0;
    while (p < end) {
        unsigned c = *p;

        if (c < 0x80) {
            unsigned lc = c | 0x20;
            if (lc - 'a' < 26u) {
                if (n < WORD_MAX)
                    buf[n] = (unsigned char)lc;
                n++;
                h = fnv(h, lc);
                p++;
                continue;
            }
            p++;
            if (n == 0)
                continue;
            if (c == '\'') {
                /* the apostrophe stays with the word before it: l' d' n' */
                if (n < WORD_MAX)
                    buf[n] = '\'';
                n++;
                h = fnv(h, '\'');
            } else if ((c == ':' && end - p >= 2 && p[0] == '/' && p[1] == '/') || c == '@' ||
                       (c == '.' && n == 3 && memcmp(buf, "www", 3) == 0)) {
                /* a URL or an e-mail address says nothing: skip it whole */
                while (p < end && *p > ' ')
                    p++;
                n = 0;
                h = FNV_SEED;
                continue;
            }
        } else {
            size_t k = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
            if (k > (size_t)(end - p))
                k = (size_t)(end - p);
            if (c == 0xe2 && k == 3 && p[1] == 0x80 && p[2] == 0x99) {
                /* U+2019 is an apostrophe */
                p += 3;
                if (n == 0)
                    continue;
                if (n < WORD_MAX)
                    buf[n] = '\'';
                n++;
                h = fnv(h, '\'');
            } else if (c == 0xc2 || c == 0xe2 || c == 0xe3 || c == 0xef || c >= 0xf0 ||
                       k == 1) {
                /* Latin-1 punctuation, general punctuation and symbols,
                 * CJK punctuation, full-width forms, emoji: separators */
                p += k;
                if (n == 0)
                    continue;
            } else {
                unsigned char b[3];
                size_t j;
                memcpy(b, p, k);
                p += k;
                if (k == 2) {
                    /* Latin-1 and Latin Extended-A capitals to small letters */
                    if (c == 0xc3 && b[1] >= 0x80 && b[1] <= 0x9e && b[1] != 0x97)
                        b[1] += 0x20;
                    else if (c == 0xc4 && b[1] <= 0xb7)
                        b[1] |= 1;
                    else if (c == 0xc5 && b[1] >= 0x8a && b[1] <= 0xb7)
                        b[1] |= 1;
                    else if (c == 0xc6 && (b[1] == 0xa0 || b[1] == 0xaf))
                        b[1] += 1;
                } else if (k == 3 && c == 0xe1 && ((b[1] == 0xba && b[2] >= 0xa0) ||
                                                   (b[1] == 0xbb && b[2] <= 0xb9))) {
                    b[2] |= 1;   /* Vietnamese capitals, U+1EA0..U+1EF9 */
                }
                for (j = 0; j < k; j++) {
                    if (n < WORD_MAX)
                        buf[n] = b[j];
                    n++;
                    h = fnv(h, b[j]);
                }
                continue;
            }
        }
        /* a word ended */
        if (have_prev)
            score_pair(m, &sc, prev, buf, n);
        prev = h;
        have_prev = 1;
        score_word(m, &sc, h, buf, n);
        n = 0;
        h = FNV_SEED;
        if (sc.words >= m->stop_words && clear_enough(m, &sc))
            break;
    }
    if (n > 0) {
        if (have_prev)
            score_pair(m, &sc, prev, buf, n);
        score_word(m, &sc, h, buf, n);
    }
    if (sc.words == 0)
        return NULL;
    rank(&sc, &best, &second);
    if (confidence != NULL)
        *confidence = confidence_of(m, &sc, best);
    if (sc.acc[best] - sc.acc[second] < m->min_margin)
        return NULL;
    if (best == MK__LID_IDMS)
        return sc.ms > 0 ? "ms" : "id";
    return lang_code[best];
}
