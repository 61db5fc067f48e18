/* test_ner.c - the tokenizer, tagger, trainer and model files of lib/ner.c.
 * The model is trained here from a few sentences, so no data outside the
 * repository is needed. */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "ner.h"

/* The tokens of S joined by '|'. */
static const char *
toks_of(mk__ner_work *w, const char *s)
{
    static char out[1024];
    const mk__ner_tok *t;
    mk_error err;
    int n = mk__ner_tokenize(w, s, strlen(s), &t, &err), i;
    size_t len = 0;

    out[0] = '\0';
    for (i = 0; i < n && len + t[i].len + 2 < sizeof out; i++) {
        if (i > 0)
            out[len++] = '|';
        memcpy(out + len, t[i].s, t[i].len);
        len += t[i].len;
    }
    out[len] = '\0';
    return out;
}

TEST(tokenize_english)
{
    mk__ner_work *w = mk__ner_work_new(NULL);

    CHECK(strcmp(toks_of(w, "Germany's envoy, Werner (AP) said \"no.\""),
                 "Germany|'s|envoy|,|Werner|(|AP|)|said|\"|no|.|\"") == 0);
    CHECK(strcmp(toks_of(w, "We don't see U.S. Mr. J. Smith in 1996. Why..."),
                 "We|do|n't|see|U.S.|Mr.|J.|Smith|in|1996|.|Why|...") == 0);
    /* CoNLL-2003 text is already split: it stays as it is */
    CHECK(strcmp(toks_of(w, "Germany 's EU-wide 1,000 .500 -- 6-4 $ 5 % ' s"),
                 "Germany|'s|EU-wide|1,000|.500|--|6-4|$|5|%|'|s") == 0);
    CHECK(strcmp(toks_of(w, ""), "") == 0);
    CHECK(strcmp(toks_of(w, "  \t "), "") == 0);
    mk__ner_work_free(w);
}

TEST(tokenize_offsets_kinds)
{
    mk__ner_work *w = mk__ner_work_new(NULL);
    const char *s = "Bộ Y tế, 19 người.";
    const mk__ner_tok *t;
    int n = mk__ner_tokenize(w, s, strlen(s), &t, NULL);

    CHECK(n == 7);
    if (n == 7) {
        CHECK(t[0].start == 0 && t[0].end == 2 && t[0].space_before);
        CHECK(t[2].start == 5 && t[2].end == 7);
        CHECK(t[3].start == 7 && t[3].kind == MK_TOK_PUNCT && !t[3].space_before);
        CHECK(t[4].kind == MK_TOK_NUMBER && t[5].kind == MK_TOK_WORD);
        CHECK(t[6].start == 17 && t[6].end == 18);
    }
    mk__ner_work_free(w);
}

TEST(tokenize_clusters)
{
    mk__ner_work *w = mk__ner_work_new(NULL);

    /* Thai: a consonant with its marks; SARA AM stays with it */
    CHECK(strcmp(toks_of(w, "ที่นาง ทำ"), "ที่|น|า|ง|ทำ") == 0);
    /* Burmese: a consonant killed by an asat ends the syllable before it */
    CHECK(strcmp(toks_of(w, "ရည်းစားသက်"), "ရည်း|စား|သက်") == 0);
    /* Han: one character each; Latin inside runs on */
    CHECK(strcmp(toks_of(w, "人民日报ABC记者"), "人|民|日|报|ABC|记|者") == 0);
    mk__ner_work_free(w);
}

/* A small training set: people after "Mr"/"said", places after "in",
 * organisations ending in "Corp"/"Bank". */
/* A training sentence: its text and up to three entities (type 0 ends). */
struct tsentence {
    const char *text;
    mk__ner_ent e[3];
};

static const struct tsentence train_set[] = {
    { "Mr Adam Kowal said prices rose in Warsaw .",
      { { 3, 13, MK__NER_PER }, { 34, 40, MK__NER_LOC } } },
    { "Acme Corp said it would hire in Lima .",
      { { 0, 9, MK__NER_ORG }, { 32, 36, MK__NER_LOC } } },
    { "Mr Lee Tan met bankers in Hanoi .",
      { { 3, 10, MK__NER_PER }, { 26, 31, MK__NER_LOC } } },
    { "Delta Bank said profits fell in Oslo .",
      { { 0, 10, MK__NER_ORG }, { 32, 36, MK__NER_LOC } } },
    { "Mr Rui Costa flew to Quito on Monday .",
      { { 3, 12, MK__NER_PER }, { 21, 26, MK__NER_LOC } } },
    { "Omega Corp opened a plant in Turin .",
      { { 0, 10, MK__NER_ORG }, { 29, 34, MK__NER_LOC } } },
};
#define NTRAIN (sizeof train_set / sizeof train_set[0])

static size_t
nents(const struct tsentence *t)
{
    size_t k = 0;

    while (k < 3 && t->e[k].type != 0)
        k++;
    return k;
}

/* A word list: "Mr" is a title (bit 0); CTX counts the calls. */
static unsigned
titles(void *ctx, const char *s, size_t len)
{
    (*(long *)ctx)++;
    return len == 2 && memcmp(s, "Mr", 2) == 0 ? 1u : 0u;
}

static long list_calls;
static const char *cluster_file;   /* word clusters for train_lists, or NULL */

/* Trains a model with options O on the N sentences that TEXT_OF and
 * ENTS_OF give (each as training and as development data) into OUT, and
 * checks that the model learned them all; returns 0 on success. */
static int
train_with(const mk__ner_train_opts *o, const struct tsentence *set, size_t n, mk_buf *out)
{
    mk__ner_trainer *t;
    mk_error err;
    size_t i, mis = 0;
    int ep, rc = 0;

    t = mk__ner_trainer_new(o, &err);
    if (t == NULL)
        return -1;
    for (i = 0; i < n && rc == 0; i++) {
        const char *s = set[i].text;
        size_t ne = nents(&set[i]);
        rc = mk__ner_trainer_add(t, 0, (long)i, s, strlen(s), set[i].e, ne, &mis, &err);
        if (rc == 0)
            rc = mk__ner_trainer_add(t, 1, (long)i, s, strlen(s), set[i].e, ne, &mis, &err);
    }
    for (ep = 0; ep < 10 && rc == 0; ep++)
        if (mk__ner_trainer_epoch(t, &err) < 0)
            rc = -1;
    if (rc == 0 && mk__ner_trainer_save(t, out, &err) != 0)
        rc = -1;
    if (rc == 0 && mis != 0)
        rc = -1;
    if (rc == 0) {
        /* a model that learned its own data scores it perfectly */
        mk__ner *m = mk__ner_load(out->p, out->len, &err);
        mk__ner_score sc;

        if (m == NULL || mk__ner_trainer_eval(t, m, &sc, &err) != 0 || mk__ner_f1(&sc, 0) < 0.99)
            rc = -1;
        mk__ner_free(m);
    }
    mk__ner_trainer_free(t);
    return rc;
}

/* Trains a model with SEED into OUT, with the word list when LISTS;
 * returns 0 on success. */
static int
train_lists(uint64_t seed, mk_buf *out, int lists)
{
    mk__ner_train_opts o;

    mk__ner_train_opts_init(&o);
    o.lang = "en";
    o.seed = seed;
    if (lists) {
        o.lists = titles;
        o.lists_ctx = &list_calls;
    }
    o.clusters = cluster_file;
    return train_with(&o, train_set, NTRAIN, out);
}

static int
train(uint64_t seed, mk_buf *out)
{
    return train_lists(seed, out, 0);
}

/* The entities M finds in S as "type:text;..." */
static const char *
tag(const mk__ner *m, mk__ner_work *w, const char *s)
{
    static char out[512];
    const mk__ner_tok *t;
    const mk__ner_span *sp;
    int n = mk__ner_tokenize(w, s, strlen(s), &t, NULL), k, j;
    size_t len = 0;

    out[0] = '\0';
    if (n < 0)
        return "error";
    mk__ner_doc_begin(w);
    if (mk__ner_doc_scan(w, t, (size_t)n, NULL) != 0)
        return "error";
    k = mk__ner_spans(m, w, t, (size_t)n, &sp, NULL);
    for (j = 0; j < k; j++) {
        const char *a = t[sp[j].first].s, *z = t[sp[j].last].s + t[sp[j].last].len;
        len += (size_t)snprintf(out + len, sizeof out - len, "%s%s:%.*s", j ? ";" : "",
                                mk__ner_type_name(sp[j].type), (int)(z - a), a);
        if (len >= sizeof out)
            break;
    }
    return out;
}

TEST(train_and_tag)
{
    mk_buf b = { NULL, 0, 0 };
    mk__ner *m = NULL;
    mk__ner_work *w = mk__ner_work_new(NULL);
    mk_error err;
    const uint8_t *types;

    CHECK(train(7, &b) == 0);
    m = mk__ner_load(b.p, b.len, &err);
    CHECK(m != NULL);
    if (m != NULL) {
        CHECK(strcmp(mk__ner_lang(m), "en") == 0);
        CHECK(mk__ner_ntypes(m, &types) == 4 && types[0] == MK__NER_PER);
        CHECK(mk__ner_nfeatures(m) > 0);
        CHECK(strcmp(tag(m, w, "Mr Adam Kowal said prices rose in Warsaw ."),
                     "person:Adam Kowal;location:Warsaw") == 0);
        CHECK(strcmp(tag(m, w, "Omega Corp opened a plant in Turin ."),
                     "org:Omega Corp;location:Turin") == 0);
        /* raw text is tokenized as the training text was */
        CHECK(strcmp(tag(m, w, "Mr Lee Tan met bankers in Hanoi."),
                     "person:Lee Tan;location:Hanoi") == 0);
        CHECK(strcmp(tag(m, w, ""), "") == 0);
    }
    mk__ner_free(m);
    mk__ner_work_free(w);
    mk__buf_free(&b);
}

/* A sentence longer than the tagger holds at once is tagged in chunks,
 * with the same features at the seams. */
TEST(long_sentence)
{
    const char *unit = "Mr Adam Kowal said prices rose in Warsaw . ";
    size_t ul = strlen(unit), reps = 500, i;
    char *s = malloc(ul * reps + 1);
    mk_buf b = { NULL, 0, 0 };
    mk__ner *m = NULL;
    mk__ner_work *w = mk__ner_work_new(NULL);
    const mk__ner_tok *t;
    const mk__ner_span *sp;
    int n, k, ok = 1;

    CHECK(s != NULL && train(7, &b) == 0);
    if (s == NULL || (m = mk__ner_load(b.p, b.len, NULL)) == NULL) {
        CHECK(0);
        goto out;
    }
    for (i = 0; i < reps; i++)
        memcpy(s + i * ul, unit, ul);
    s[ul * reps] = '\0';
    n = mk__ner_tokenize(w, s, ul * reps, &t, NULL);
    CHECK(n == (int)(9 * reps));
    mk__ner_doc_begin(w);
    CHECK(mk__ner_doc_scan(w, t, (size_t)n, NULL) == 0);
    k = mk__ner_spans(m, w, t, (size_t)n, &sp, NULL);
    CHECK(k == (int)(2 * reps));
    for (i = 0; k == (int)(2 * reps) && i < reps; i++)
        ok &= sp[2 * i].first == 9 * i + 1 && sp[2 * i].last == 9 * i + 2 &&
              sp[2 * i].type == MK__NER_PER && sp[2 * i + 1].first == 9 * i + 7 &&
              sp[2 * i + 1].type == MK__NER_LOC;
    CHECK(ok);
out:
    mk__ner_free(m);
    mk__ner_work_free(w);
    mk__buf_free(&b);
    free(s);
}

/* A whole document at once: scanned, then tagged, piece by piece. */
TEST(tag_doc)
{
    const char *texts[] = { "Mr Adam Kowal said prices rose in Warsaw.", "",
                            "Délta Bank said profits fell in Oslo ." };
    size_t lens[3];
    mk_buf b = { NULL, 0, 0 };
    mk__ner *m = NULL;
    mk__ner_work *w = mk__ner_work_new(NULL);
    const mk__ner_doc_span *sp;
    int k, i;

    for (i = 0; i < 3; i++)
        lens[i] = strlen(texts[i]);
    CHECK(train(7, &b) == 0);
    m = mk__ner_load(b.p, b.len, NULL);
    CHECK(m != NULL);
    if (m != NULL) {
        k = mk__ner_tag_doc(m, w, texts, lens, 3, &sp, NULL);
        CHECK(k == 4);
        if (k == 4) {
            CHECK(sp[0].piece == 0 && sp[0].type == MK__NER_PER && sp[0].start_b == 3 &&
                  sp[0].end_b == 13);
            CHECK(sp[1].piece == 0 && sp[1].type == MK__NER_LOC && sp[1].start == 34 &&
                  sp[1].end == 40);
            /* bytes and code points part after the é */
            CHECK(sp[2].piece == 2 && sp[2].type == MK__NER_ORG && sp[2].start_b == 0 &&
                  sp[2].end_b == 11 && sp[2].end == 10);
            CHECK(sp[3].piece == 2 && sp[3].type == MK__NER_LOC && sp[3].start == 32);
        }
        CHECK(mk__ner_tag_doc(m, w, texts, lens, 0, &sp, NULL) == 0);
    }
    mk__ner_free(m);
    mk__ner_work_free(w);
    mk__buf_free(&b);
}

/* The hook for word lists: the trainer and the tagger both ask it. */
TEST(lists)
{
    mk_buf b = { NULL, 0, 0 };
    mk__ner *m = NULL;
    mk__ner_work *w = mk__ner_work_new(NULL);
    long before;

    list_calls = 0;
    CHECK(train_lists(2, &b, 1) == 0);
    CHECK(list_calls > 0);
    m = mk__ner_load(b.p, b.len, NULL);
    CHECK(m != NULL);
    if (m != NULL) {
        mk__ner_work_set_lists(w, titles, &list_calls);
        before = list_calls;
        CHECK(strcmp(tag(m, w, "Mr Rui Costa flew to Quito on Monday ."),
                     "person:Rui Costa;location:Quito") == 0);
        CHECK(list_calls == before + 9);
    }
    mk__ner_free(m);
    mk__ner_work_free(w);
    mk__buf_free(&b);
}

TEST(deterministic)
{
    mk_buf a = { NULL, 0, 0 }, b = { NULL, 0, 0 };

    CHECK(train(3, &a) == 0);
    CHECK(train(3, &b) == 0);
    CHECK(a.len == b.len && a.len > 64 && memcmp(a.p, b.p, a.len) == 0);
    mk__buf_free(&a);
    mk__buf_free(&b);
}

TEST(round_trip)
{
    char path[] = "/tmp/mk-ner-XXXXXX";
    mk_buf b = { NULL, 0, 0 };
    mk__ner *m1 = NULL, *m2 = NULL, *m3 = NULL;
    mk__ner_work *w = mk__ner_work_new(NULL);
    mk_error err;
    char *odd = NULL;
    int fd;

    CHECK(train(5, &b) == 0);
    fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd >= 0) {
        CHECK(write(fd, b.p, b.len) == (ssize_t)b.len);
        close(fd);
        m1 = mk__ner_load(b.p, b.len, &err);
        m2 = mk__ner_load_file(path, &err);
        /* from an address that is not aligned */
        odd = malloc(b.len + 1);
        if (odd != NULL) {
            memcpy(odd + 1, b.p, b.len);
            m3 = mk__ner_load(odd + 1, b.len, &err);
        }
        CHECK(m1 != NULL && m2 != NULL && m3 != NULL);
        if (m1 != NULL && m2 != NULL && m3 != NULL) {
            const char *s = "Delta Bank said profits fell in Oslo .";
            char want[512];
            snprintf(want, sizeof want, "%s", tag(m1, w, s));
            CHECK(strcmp(tag(m2, w, s), want) == 0);
            CHECK(strcmp(tag(m3, w, s), want) == 0);
            CHECK(strcmp(want, "org:Delta Bank;location:Oslo") == 0);
        }
        unlink(path);
    }
    CHECK(mk__ner_load_file("/nonexistent/model.bin", &err) == NULL && err.code == MK_EIO);
    mk__ner_free(m1);
    mk__ner_free(m2);
    mk__ner_free(m3);
    free(odd);
    mk__ner_work_free(w);
    mk__buf_free(&b);
}

/* FNV-1a 32, to forge a header whose checksum is right. */
static uint32_t
fnv32(const unsigned char *p, size_t n)
{
    uint32_t h = 2166136261u;
    size_t i;

    for (i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

static void
reseal(unsigned char *p)
{
    uint32_t h = fnv32(p, 60);

    p[60] = (unsigned char)h;
    p[61] = (unsigned char)(h >> 8);
    p[62] = (unsigned char)(h >> 16);
    p[63] = (unsigned char)(h >> 24);
}

/* Does loading P[0..LEN) fail with MK_EINPUT and a message holding WANT? */
static int
rejects(const void *p, size_t len, const char *want)
{
    mk_error err;
    mk__ner *m;

    memset(&err, 0, sizeof err);
    m = mk__ner_load(p, len, &err);
    if (m != NULL) {
        mk__ner_free(m);
        printf("  accepted a bad model (want \"%s\")\n", want);
        return 0;
    }
    if (err.code != MK_EINPUT || strstr(err.msg, want) == NULL) {
        printf("  got \"%s\", want \"%s\"\n", err.msg, want);
        return 0;
    }
    return 1;
}

TEST(reject_bad_models)
{
    mk_buf b = { NULL, 0, 0 };
    unsigned char *c;
    size_t i;

    CHECK(train(1, &b) == 0);
    c = malloc(b.len + 8);
    if (c == NULL || b.len < 100) {
        CHECK(0);
        free(c);
        mk__buf_free(&b);
        return;
    }
    CHECK(rejects(NULL, 0, "truncated"));
    CHECK(rejects(b.p, 10, "truncated"));
    CHECK(rejects(b.p, 64, "truncated"));
    CHECK(rejects(b.p, b.len - 1, "truncated"));
    /* every prefix is refused, and none crashes */
    for (i = 0; i < b.len; i += 1 + i / 8)
        CHECK(rejects(b.p, i, i < 6 ? "truncated" : ""));
    memcpy(c, b.p, b.len);
    memset(c + b.len, 0, 8);
    CHECK(rejects(c, b.len + 4, "corrupt model"));
    c[0] = 'X';
    CHECK(rejects(c, b.len, "not a mekong NER model"));
    memcpy(c, b.p, b.len);
    c[6] = 1;                   /* format version 1: before word clusters */
    reseal(c);
    CHECK(rejects(c, b.len, "format version 1"));
    memcpy(c, b.p, b.len);
    c[6] = 3;                   /* format version 3 */
    reseal(c);
    CHECK(rejects(c, b.len, "format version 3"));
    memcpy(c, b.p, b.len);
    c[12] = 99;                 /* feature set 99 */
    reseal(c);
    CHECK(rejects(c, b.len, "feature set 99"));
    memcpy(c, b.p, b.len);
    c[30] ^= 0x40;              /* a header byte, checksum not redone */
    CHECK(rejects(c, b.len, "header checksum"));
    memcpy(c, b.p, b.len);
    c[b.len / 2] ^= 1;          /* a weight or a key */
    CHECK(rejects(c, b.len, "checksum mismatch"));
    memcpy(c, b.p, b.len);
    c[24] = 9;                  /* nine types */
    reseal(c);
    CHECK(rejects(c, b.len, "tag set"));
    memcpy(c, b.p, b.len);
    c[36] ^= 1;                 /* feature count */
    reseal(c);
    CHECK(rejects(c, b.len, "sizes"));
    free(c);
    mk__buf_free(&b);
}

static void
put_le32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

/* Word clusters: the model carries them, tags with them, is the same
 * every time, and refuses them out of order; a bad table is refused. */
TEST(clusters)
{
    char path[] = "/tmp/mekong-test-clustersXXXXXX";
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    mk_buf b = { NULL, 0, 0 }, b2 = { NULL, 0, 0 };
    mk__ner *m;
    mk__ner_work *w = mk__ner_work_new(NULL);
    mk__ner_train_opts o;
    mk_error err;
    size_t n;

    CHECK(f != NULL);
    if (f == NULL) {
        mk__ner_work_free(w);
        return;
    }
    fputs("adam\t7\t2\nhanoi\t5\t1\nturin\t5\t1\nwarsaw\t5\t1\n", f);
    fclose(f);
    cluster_file = path;
    CHECK(train(7, &b) == 0);
    CHECK(train(7, &b2) == 0);
    CHECK(b.len == b2.len && b.len > 100 && memcmp(b.p, b2.p, b.len) == 0);
    m = mk__ner_load(b.p, b.len, &err);
    CHECK(m != NULL);
    if (m != NULL)
        CHECK(strcmp(tag(m, w, "Omega Corp opened a plant in Turin ."),
                     "org:Omega Corp;location:Turin") == 0);
    mk__ner_free(m);
    /* 4 clusters at the end, 8 bytes each: two swapped, checksums redone */
    n = b.len;
    CHECK(n > 100 && b.p[56] == 4);
    if (n > 100 && b.p[56] == 4) {
        unsigned char *c = (unsigned char *)b.p, tmp[8];
        uint32_t h;
        memcpy(tmp, c + n - 32, 8);
        memcpy(c + n - 32, c + n - 24, 8);
        memcpy(c + n - 24, tmp, 8);
        h = fnv32(c + 64, n - 64);
        put_le32(c + 52, h);
        reseal(c);
        CHECK(rejects(c, n, "cluster keys out of order"));
    }
    /* a line without its numbers */
    f = fopen(path, "w");
    CHECK(f != NULL);
    if (f != NULL) {
        fputs("adam\t7\n", f);
        fclose(f);
        mk__ner_train_opts_init(&o);
        memset(&err, 0, sizeof err);
        o.clusters = path;
        CHECK(mk__ner_trainer_new(&o, &err) == NULL && err.code == MK_EINPUT &&
              strstr(err.msg, "want word TAB fine TAB coarse") != NULL);
    }
    cluster_file = NULL;
    remove(path);
    mk__ner_work_free(w);
    mk__buf_free(&b);
    mk__buf_free(&b2);
}

/* ICU's dictionary words as features (--icu-words): the model says so,
 * learns its own Chinese sentences, and tags them after loading; the same
 * data without them gives other bytes. */
static const struct tsentence zh_set[] = {
    { "张伟在北京大学工作。", { { 0, 2, MK__NER_PER }, { 3, 7, MK__NER_ORG } } },
    { "李娜去了上海。", { { 0, 2, MK__NER_PER }, { 4, 6, MK__NER_LOC } } },
    { "王芳在清华大学读书。", { { 0, 2, MK__NER_PER }, { 3, 7, MK__NER_ORG } } },
    { "刘强去了广州。", { { 0, 2, MK__NER_PER }, { 4, 6, MK__NER_LOC } } },
};

static int
train_zh(int icu_words, mk_buf *out)
{
    mk__ner_train_opts o;

    mk__ner_train_opts_init(&o);
    o.lang = "zh";
    o.icu_words = icu_words;
    return train_with(&o, zh_set, sizeof zh_set / sizeof zh_set[0], out);
}

TEST(icu_words)
{
    mk_buf a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
    mk__ner_work *w = mk__ner_work_new(NULL);
    mk__ner *m;
    mk_error err;

    CHECK(train_zh(1, &a) == 0);
    CHECK(train_zh(0, &b) == 0);
    CHECK(a.len > 26 && b.len > 26 && (a.p[26] & 2) != 0 && (b.p[26] & 2) == 0);
    CHECK(a.len != b.len || memcmp(a.p, b.p, a.len) != 0);
    m = mk__ner_load(a.p, a.len, &err);
    CHECK(m != NULL);
    if (m != NULL)
        CHECK(strcmp(tag(m, w, "王芳在清华大学读书。"), "person:王芳;org:清华大学") == 0);
    mk__ner_free(m);
    mk__ner_work_free(w);
    mk__buf_free(&a);
    mk__buf_free(&b);
}

TEST(trainer_options)
{
    mk__ner_train_opts o;
    mk_error err;

    mk__ner_train_opts_init(&o);
    o.ntypes = 0;
    CHECK(mk__ner_trainer_new(&o, &err) == NULL && err.code == MK_EUSAGE);
    mk__ner_train_opts_init(&o);
    o.types[1] = MK__NER_PER;
    CHECK(mk__ner_trainer_new(&o, &err) == NULL && err.code == MK_EUSAGE);
    mk__ner_train_opts_init(&o);
    o.lang = "much-too-long";
    CHECK(mk__ner_trainer_new(&o, &err) == NULL);
    CHECK(mk__ner_type_from_name("org", 3) == MK__NER_ORG);
    CHECK(mk__ner_type_from_name("LOC", 3) == MK__NER_LOC);
    CHECK(mk__ner_type_from_name("date", 4) == 0);
    CHECK(strcmp(mk__ner_type_name(MK__NER_PER), "person") == 0);
}

int
main(void)
{
    RUN(tokenize_english);
    RUN(tokenize_offsets_kinds);
    RUN(tokenize_clusters);
    RUN(train_and_tag);
    RUN(long_sentence);
    RUN(tag_doc);
    RUN(lists);
    RUN(deterministic);
    RUN(round_trip);
    RUN(reject_bad_models);
    RUN(clusters);
    RUN(icu_words);
    RUN(trainer_options);
    DONE();
}
