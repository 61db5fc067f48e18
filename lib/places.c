/*
 * places.c - countries by the names CLDR gives them in each language of
 * the region ("老挝", "ລາວ", "Campuchia", "Amerika Serikat"), read from
 * ICU (uloc_getDisplayCountry) once per process, for extract's places
 * where no tagger found them.
 *
 * A name such as "Myanmar (Burma)" or "เมียนมา (พม่า)" gives both of its
 * forms. Names are bucketed by their first character, so finding those
 * that start at a place of the text costs one hash and a few compares.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "extract.h"
#include "internal.h"

static const char *const place_langs[] = { "en", "id", "ms", "fil", "vi", "th", "lo", "km",
                                           "my", "zh" };
#define NLANGS (sizeof place_langs / sizeof place_langs[0])
#define NBUCKETS 512

struct place {
    const char *s;
    size_t len;
    struct place *next;        /* the bucket's next, longest first */
};

static struct {
    pthread_once_t once;
    struct place *all;
    char *text;
    struct place *bucket[NLANGS][NBUCKETS];
} tab = { PTHREAD_ONCE_INIT, NULL, NULL, { { NULL } } };

static size_t
first_char(const char *s, size_t len)
{
    size_t k, bad;

    k = mk__utf8_seq((const unsigned char *)s, len, &bad);
    return k ? k : 1;
}

static unsigned
bucket_of(const char *s, size_t n)
{
    return mk__fnv1a(s, n) % NBUCKETS;
}

/* Adds S (LEN bytes, already in tab.text) for language L. */
static void
add(size_t l, const char *s, size_t len, size_t *n)
{
    while (len > 0 && s[len - 1] == ' ')
        len--;
    while (len > 0 && s[0] == ' ') {
        s++;
        len--;
    }
    if (len < 2)
        return;
    struct place *p = &tab.all[(*n)++];
    unsigned b = bucket_of(s, first_char(s, len));
    struct place **q = &tab.bucket[l][b];
    p->s = s;
    p->len = len;
    while (*q != NULL && (*q)->len >= len)
        q = &(*q)->next;
    p->next = *q;
    *q = p;
}

static void
build(void)
{
    const char *const *cc = uloc_getISOCountries();
    size_t ncc = 0, cap, used = 0, n = 0;

    while (cc[ncc] != NULL)
        ncc++;
    cap = ncc * NLANGS * 3 * 96;
    tab.text = malloc(cap);
    tab.all = calloc(ncc * NLANGS * 3, sizeof *tab.all);
    if (tab.text == NULL || tab.all == NULL) {
        free(tab.text);
        free(tab.all);
        tab.text = NULL;
        tab.all = NULL;
        return;
    }
    for (size_t l = 0; l < NLANGS; l++)
        for (size_t c = 0; c < ncc; c++) {
            char id[16];
            UChar u[128];
            UErrorCode ec = U_ZERO_ERROR;
            int32_t ul, bl = 0;
            snprintf(id, sizeof id, "und_%s", cc[c]);
            ul = uloc_getDisplayCountry(id, place_langs[l], u, 128, &ec);
            /* no name of its own: ICU gives back the code */
            if (U_FAILURE(ec) || ul <= 0 || ul >= 128 || (ul == 2 && u[0] < 0x80))
                continue;
            if (used + 4 * (size_t)ul + 1 > cap)
                break;
            ec = U_ZERO_ERROR;
            u_strToUTF8(tab.text + used, (int32_t)(cap - used), &bl, u, ul, &ec);
            if (U_FAILURE(ec))
                continue;
            char *s = tab.text + used;
            used += (size_t)bl + 1;
            s[bl] = '\0';
            /* "Myanmar (Burma)": both names */
            char *open = strstr(s, " (");
            if (open == NULL) {
                open = strchr(s, '(');
            }
            char *close = open != NULL ? strchr(open, ')') : NULL;
            if (open != NULL && close != NULL) {
                add(l, s, (size_t)(open - s), &n);
                char *in = strchr(open, '(') + 1;
                add(l, in, (size_t)(close - in), &n);
            } else {
                add(l, s, (size_t)bl, &n);
            }
        }
}

static long
lang_index(const char *lang)
{
    size_t n = strcspn(lang, "-_");

    if (n == 2 && strncmp(lang, "tl", 2) == 0)
        lang = "fil", n = 3;
    for (size_t l = 0; l < NLANGS; l++)
        if (strlen(place_langs[l]) == n && strncmp(place_langs[l], lang, n) == 0)
            return (long)l;
    return -1;
}

size_t
mk__place_at(const char *lang, const char *t, size_t len, size_t i)
{
    long l = lang_index(lang);

    if (l < 0 || i >= len)
        return 0;
    pthread_once(&tab.once, build);
    if (tab.all == NULL)
        return 0;
    size_t k = first_char(t + i, len - i);
    for (const struct place *p = tab.bucket[l][bucket_of(t + i, k)]; p != NULL; p = p->next)
        if (p->len <= len - i && memcmp(t + i, p->s, p->len) == 0)
            return p->len;
    return 0;
}
