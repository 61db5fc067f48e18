/* test_threads.c - two whole pipelines (normalize, segment, extract) in two
 * threads at once give what one gives alone: the library keeps no mutable
 * state between objects. Reads the sample articles of corpora/ (run from
 * the repository root); build with SAN=thread for ThreadSanitizer. */
#include <pthread.h>
#include <stdlib.h>

#include "check.h"
#include "mekong.h"

static const char *const langs[] = { "en", "fil", "id", "km", "lo", "ms", "my", "th", "vi", "zh" };
#define NLANG (sizeof langs / sizeof langs[0])

static char *texts[NLANG * 2];
static size_t lens[NLANG * 2];

struct out {
    char *p;
    size_t len, cap;
    int failed;
};

static void
add(struct out *o, const char *s, size_t n)
{
    if (o->len + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 4096;
        while (cap < o->len + n + 1)
            cap *= 2;
        char *p = realloc(o->p, cap);
        if (p == NULL) {
            o->failed = 1;
            return;
        }
        o->p = p;
        o->cap = cap;
    }
    memcpy(o->p + o->len, s, n);
    o->len += n;
    o->p[o->len] = '\0';
}

/* Every sample article through its own normalizer, segmenter and
 * extractor: the sentences and tokens of each paragraph and the entities
 * of each document, as text. */
static void *
pipeline(void *arg)
{
    struct out *o = arg;
    mk_error err;
    mk_norm_opts no;
    mk_norm *n;
    mk_segmenter *sg = mk_segmenter_new(&err);
    mk_extractor *x = mk_extractor_new(MK_ENT_ALL, &err);

    mk_norm_opts_init(&no);
    n = mk_norm_new(&no, &err);
    if (n == NULL || sg == NULL || x == NULL) {
        o->failed = 1;
        goto done;
    }
    mk_extract_set_ref_date(x, "2024-08-23");
    for (size_t d = 0; d < NLANG * 2; d++) {
        const char *s = texts[d], *end = s + lens[d];
        char line[64];
        if (s == NULL)
            continue;
        mk_extract_begin(x, NULL, 0);
        while (s < end) {
            const char *nl = memchr(s, '\n', (size_t)(end - s)), *t;
            size_t l = nl ? (size_t)(nl - s) : (size_t)(end - s), tl;
            const mk_span *sp;
            if (mk_norm_text(n, s, l, &t, &tl, &err) > 0) {
                char lang[16];
                snprintf(lang, sizeof lang, "%s", mk_norm_lang(n));
                int ns = mk_seg_sentences(sg, t, tl, lang, &sp, &err);
                int nt = mk_seg_tokens(sg, t, tl, lang, &sp, &err);
                snprintf(line, sizeof line, "par %s %d %d\n", lang, ns, nt);
                add(o, line, strlen(line));
                if (ns < 0 || nt < 0 || mk_extract_add(x, t, tl, lang, &err) < 0)
                    o->failed = 1;
            }
            s += l + (nl != NULL);
        }
        const mk_entity *e;
        long k = mk_extract_end(x, &e, &err);
        if (k < 0)
            o->failed = 1;
        for (long i = 0; i < k; i++) {
            snprintf(line, sizeof line, "%zu %d %zu %zu ", e[i].piece, e[i].type, e[i].start,
                     e[i].end);
            add(o, line, strlen(line));
            add(o, e[i].value, strlen(e[i].value));
            add(o, "\n", 1);
        }
    }
done:
    mk_extractor_free(x);
    mk_segmenter_free(sg);
    mk_norm_free(n);
    return NULL;
}

static char *
slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *p = NULL;
    long n;

    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (p = malloc((size_t)n)) != NULL && fread(p, 1, (size_t)n, f) != (size_t)n) {
        free(p);
        p = NULL;
    }
    *len = p ? (size_t)n : 0;
    fclose(f);
    return p;
}

TEST(two_threads_as_one)
{
    struct out one = { 0 }, two[2] = { { 0 }, { 0 } };
    pthread_t t[2];
    size_t loaded = 0;

    for (size_t i = 0; i < NLANG; i++)
        for (int k = 0; k < 2; k++) {
            char path[64];
            snprintf(path, sizeof path, "corpora/%s/sample-0%d.txt", langs[i], k + 1);
            texts[2 * i + (size_t)k] = slurp(path, &lens[2 * i + (size_t)k]);
            loaded += texts[2 * i + (size_t)k] != NULL;
        }
    CHECK(loaded >= 10);
    /* the two threads first, so that what is made once (ICU's data, the
     * tables read from it) is made while both want it */
    for (int i = 0; i < 2; i++)
        CHECK(pthread_create(&t[i], NULL, pipeline, &two[i]) == 0);
    for (int i = 0; i < 2; i++)
        CHECK(pthread_join(t[i], NULL) == 0);
    pipeline(&one);
    CHECK(!one.failed && one.len > 1000);
    for (int i = 0; i < 2; i++) {
        CHECK(!two[i].failed);
        CHECK(two[i].len == one.len && memcmp(two[i].p, one.p, one.len) == 0);
        free(two[i].p);
    }
    free(one.p);
    for (size_t i = 0; i < NLANG * 2; i++)
        free(texts[i]);
}

int
main(void)
{
    RUN(two_threads_as_one);
    DONE();
}
