/* test_normalize.c - the normalizer, paragraph modes and language labels. */
#include <stdlib.h>

#include "check.h"
#include "mekong.h"

static mk_norm *nrm, *nrm_kc, *nrm_junk;
static mk_stats st;

static int
norm(mk_norm *n, const char *in, const char **out, size_t *len)
{
    mk_error err;
    int rc = mk_norm_text(n, in, strlen(in), out, len, &err);
    return rc;
}

#define NORM_EQ(in, want) do { \
    const char *o_; size_t l_; \
    CHECK(norm(nrm, in, &o_, &l_) == 1); \
    CHECK_STR(o_, l_, want); \
} while (0)

TEST(nfc_composes)
{
    uint64_t before = st.nfc_changed;
    NORM_EQ("Vie\xcc\xa3\xcc\x82t Nam", "Vi\xe1\xbb\x87t Nam");   /* e + dot below + circumflex */
    CHECK(st.nfc_changed == before + 1);
    NORM_EQ("Vi\xe1\xbb\x87t Nam", "Vi\xe1\xbb\x87t Nam");
    CHECK(st.nfc_changed == before + 1);
}

TEST(nfc_reorders_thai_marks)
{
    /* tone mark (ccc 107) before sara u (ccc 103) is put in canonical order */
    NORM_EQ("\xe0\xb8\x81\xe0\xb9\x88\xe0\xb8\xb8", "\xe0\xb8\x81\xe0\xb8\xb8\xe0\xb9\x88");
}

TEST(nfkc_folds)
{
    const char *o;
    size_t l;
    CHECK(norm(nrm_kc, "\xef\xac\x81nance \xef\xbc\xa8\xef\xbd\x89", &o, &l) == 1);
    CHECK_STR(o, l, "finance Hi");
    CHECK(norm(nrm, "\xef\xac\x81nance", &o, &l) == 1);
    CHECK_STR(o, l, "\xef\xac\x81nance");      /* NFC keeps the ligature */
}

TEST(controls_removed)
{
    uint64_t before = st.controls;
    NORM_EQ("a\x01" "b\x7f" "c\xc2\x85" "d", "abcd");
    CHECK(st.controls == before + 3);
    {
        const char *o;
        size_t l;
        mk_error err;
        CHECK(mk_norm_text(nrm, "nul\0byte", 8, &o, &l, &err) == 1);
        CHECK_STR(o, l, "nulbyte");
    }
}

TEST(spaces_folded)
{
    NORM_EQ("  a \xc2\xa0\xe3\x80\x80 b\t ", "a b");
    NORM_EQ("x\xe2\x80\x83y\xe2\x80\xafz", "x y z");
    NORM_EQ("line\xe2\x80\xa8two", "line two");
}

TEST(zero_width)
{
    /* ZWSP kept between Thai/Khmer/Lao/Burmese letters, dropped elsewhere */
    NORM_EQ("\xe0\xb8\x81\xe2\x80\x8b\xe0\xb8\x82", "\xe0\xb8\x81\xe2\x80\x8b\xe0\xb8\x82");
    NORM_EQ("\xe1\x9e\x80\xe2\x80\x8b\xe1\x9e\x81", "\xe1\x9e\x80\xe2\x80\x8b\xe1\x9e\x81");
    NORM_EQ("a\xe2\x80\x8b" "b", "ab");
    /* ZWJ and ZWNJ are kept */
    NORM_EQ("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9", "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9");
    NORM_EQ("\xd9\x85\xe2\x80\x8c\xd9\x8a", "\xd9\x85\xe2\x80\x8c\xd9\x8a");
    /* soft hyphen and a stray BOM go */
    NORM_EQ("co\xc2\xad" "operate\xef\xbb\xbf", "cooperate");
}

TEST(junk_and_empty)
{
    const char *o;
    size_t l;
    uint64_t before = st.junk;
    CHECK(norm(nrm, "...", &o, &l) == 0);
    CHECK(norm(nrm, "\xe2\x80\xa2 \xe2\x80\xa2 \xe2\x80\xa2", &o, &l) == 0);
    CHECK(norm(nrm, "-----", &o, &l) == 0);
    CHECK(norm(nrm, "\xe2\x98\x85\xe2\x98\x85\xe2\x98\x85", &o, &l) == 0);   /* ★★★ */
    CHECK(st.junk == before + 4);
    CHECK(norm(nrm, "   \t ", &o, &l) == 0);
    CHECK(st.junk == before + 4);                       /* empty is not junk */
    CHECK(norm(nrm, "$5", &o, &l) == 1);
    CHECK(norm(nrm, "\xf0\x9f\x98\x80", &o, &l) == 1);  /* an emoji is content */
    CHECK(norm(nrm_junk, "...", &o, &l) == 1);          /* --keep-junk */
}

TEST(invalid_utf8_replaced)
{
    uint64_t before = st.invalid_utf8;
    NORM_EQ("bad \xc0\xaf byte", "bad \xef\xbf\xbd\xef\xbf\xbd byte");
    CHECK(st.invalid_utf8 == before + 2);
}

#define LANG_IS(text, want) do { \
    char b_[16]; \
    mk_lang_detect(text, strlen(text), b_, sizeof b_); \
    CHECK_STR(b_, strlen(b_), want); \
} while (0)

TEST(lang_by_script)
{
    LANG_IS("\xe0\xb8\x81\xe0\xb8\xa3\xe0\xb8\xb8\xe0\xb8\x87\xe0\xb9\x80\xe0\xb8\x97\xe0\xb8\x9e", "th");
    LANG_IS("\xe0\xba\xa7\xe0\xba\xbd\xe0\xba\x87\xe0\xba\x88\xe0\xba\xb1\xe0\xba\x99", "lo");
    LANG_IS("\xe1\x9e\x97\xe1\x9f\x92\xe1\x9e\x93\xe1\x9f\x86\xe1\x9e\x96\xe1\x9f\x81\xe1\x9e\x89", "km");
    LANG_IS("\xe1\x80\x9b\xe1\x80\x94\xe1\x80\xba\xe1\x80\x80\xe1\x80\xaf\xe1\x80\x94\xe1\x80\xba", "my");
    LANG_IS("\xe4\xb8\x9c\xe7\x9b\x9f\xef\xbc\x88" "ASEAN\xef\xbc\x89", "zh");
    LANG_IS("\xe6\x9d\xb1\xe4\xba\xac\xe3\x81\xa7\xe4\xbc\x9a\xe8\xad\xb0\xe3\x81\x8c\xe3\x81\x82\xe3\x82\x8b", "ja");
    LANG_IS("\xec\x84\x9c\xec\x9a\xb8", "ko");
    LANG_IS("Th\xe1\xbb\xa7 t\xc6\xb0\xe1\xbb\x9bng Ch\xc3\xadnh ph\xe1\xbb\xa7 h\xe1\xbb\x8dp", "vi");
    LANG_IS("The minister met Nguy\xe1\xbb\x85n V\xc4\x83n A in Hanoi on Tuesday to discuss "
            "trade and investment across the region", "en");
    LANG_IS("Menteri itu mengatakan bahwa pemerintah akan membangun jalan baru karena "
            "banyak warga yang tidak bisa pergi ke pasar", "id");
    LANG_IS("Menteri itu berkata bahawa kerajaan akan membina jalan baharu kerana ramai "
            "penduduk yang tidak boleh pergi ke pasar", "ms");
    LANG_IS("12345 67890", "und");
    LANG_IS("2024-08-21 12:00", "und");
}

TEST(paragraph_mode_guess)
{
    const char *wrapped =
        "VIENTIANE, Aug 21 - A delegation of vocational teachers\n"
        "arrived in the Lao capital on Tuesday, opening a two-week\n"
        "programme for instructors.\n"
        "\n"
        "The group was received by the deputy minister at the\n"
        "ministry's offices on Lane Xang Avenue, officials said.\n"
        "\n"
        "Both sides signed a memorandum covering exchanges and\n"
        "shared curricula in electrical engineering.\n";
    const char *lines =
        "A headline\n"
        "VIENTIANE, Aug 21 - A delegation of vocational teachers arrived in the Lao capital on "
        "Tuesday, opening a two-week programme for instructors from six provinces.\n"
        "The group was received by the deputy minister at the ministry's offices on Lane Xang "
        "Avenue, officials said, and both sides signed a memorandum.\n"
        "\n"
        "Another headline\n"
        "SALVADOR, Feb 26 - Showers continued throughout the week in the Bahia cocoa zone, "
        "alleviating the drought since early January.\n";
    const char *list = "Sports\nWeather\nMarkets and the economy this week\n\nContact us\nAbout\n";
    CHECK(mk_par_mode_guess(wrapped, strlen(wrapped)) == MK_PAR_BLANK);
    CHECK(mk_par_mode_guess(lines, strlen(lines)) == MK_PAR_LINE);
    CHECK(mk_par_mode_guess(list, strlen(list)) == MK_PAR_LINE);
    CHECK(mk_par_mode_guess("", 0) == MK_PAR_LINE);
}

/* Feeds TEXT as one block row and collects the paragraphs, joined by |. */
static void
feed_block(int mode, const char *text, int flags, char *out, size_t size)
{
    mk_norm_opts o;
    mk_error err;
    mk_row row = { 0 };
    mk_par p;
    size_t used = 0;
    mk_norm *n;

    mk_norm_opts_init(&o);
    o.lang = "x";       /* these tests are about paragraphs, not languages */
    n = mk_norm_new(&o, &err);
    mk_norm_begin(n, "t", mode, NULL, 0);
    row.doc = "d";
    row.doc_len = 1;
    row.text = text;
    row.text_len = strlen(text);
    row.flags = MK_ROW_NEWDOC | flags;
    out[0] = '\0';
    if (mk_norm_feed(n, &row, &err) == 0)
        while (mk_norm_next(n, &p) > 0)
            used += (size_t)snprintf(out + used, size - used, "%s%ld:%s:%.*s", used ? "|" : "",
                                     p.par, p.lang, (int)p.text_len, p.text);
    mk_norm_free(n);
}

TEST(blocks_join_and_split)
{
    char out[512];
    feed_block(MK_PAR_BLANK, "Lan-\nmekong China\nEducation\n\nNext one", MK_ROW_BLOCK, out, sizeof out);
    CHECK_STR(out, strlen(out), "1:x:Lan-mekong China Education|2:x:Next one");
    feed_block(MK_PAR_BLANK, "\xe4\xb8\xad\xe5\x9b\xbd\n\xe4\xb8\x9c\xe7\x9b\x9f", MK_ROW_BLOCK,
               out, sizeof out);
    CHECK_STR(out, strlen(out), "1:x:\xe4\xb8\xad\xe5\x9b\xbd\xe4\xb8\x9c\xe7\x9b\x9f");
    feed_block(MK_PAR_LINE, "one\n\n...\ntwo\r\nthree\rfour", MK_ROW_BLOCK, out, sizeof out);
    CHECK_STR(out, strlen(out),
              "1:x:one|2:x:two|3:x:three|4:x:four");
    feed_block(MK_PAR_LINE, "A title\nwith a break", MK_ROW_BLOCK | MK_ROW_TITLE, out, sizeof out);
    CHECK_STR(out, strlen(out), "0:x:A title with a break");
}

TEST(idempotent_on_random_text)
{
    static const char *const atoms[] = {
        "a", "Z", " ", "  ", "\t", "\xc2\xa0", "\xe2\x80\x8b", "\xe2\x80\x8d", "\x01", "\x7f",
        "\xc2\x85", "\xcc\x81", "\xcc\xa3", "e", "\xe0\xb8\x81", "\xe0\xb9\x88", "\xe0\xb8\xb8",
        "\xe1\x80\xb7", "\xe1\x80\xba", "\xe4\xb8\xad", "\xef\xbc\xa1", "\xc2\xa8", ".", "-",
        "\xc2\xad", "\xef\xbb\xbf", "\xe2\x91\xb4", "\xe3\x80\x80", "\xef\xbf\xbd", "\xc3\xa9",
    };
    char in[512];
    unsigned seed = 7;
    int bad = 0;
    mk_norm *ns[2] = { nrm, nrm_kc };

    for (int t = 0; t < 20000; t++) {
        size_t len = 0;
        int k = t % 40;
        for (int i = 0; i < k; i++) {
            seed = seed * 1103515245u + 12345u;
            const char *a = atoms[(seed >> 16) % (sizeof atoms / sizeof atoms[0])];
            memcpy(in + len, a, strlen(a));
            len += strlen(a);
        }
        in[len] = '\0';
        for (int w = 0; w < 2; w++) {
            const char *o1, *o2;
            size_t l1, l2;
            mk_error err;
            int r1 = mk_norm_text(ns[w], in, len, &o1, &l1, &err);
            char copy[2048];
            memcpy(copy, o1, l1);
            int r2 = mk_norm_text(ns[w], copy, l1, &o2, &l2, &err);
            if (r1 == 1 && (r2 != 1 || l1 != l2 || memcmp(copy, o2, l1) != 0)) {
                if (!bad) {
                    printf("  not idempotent (%s):", w ? "nfkc" : "nfc");
                    for (size_t b = 0; b < len; b++)
                        printf(" %02x", (unsigned char)in[b]);
                    printf("\n  first:");
                    for (size_t b = 0; b < l1; b++)
                        printf(" %02x", (unsigned char)copy[b]);
                    printf("\n  second:");
                    for (size_t b = 0; b < l2; b++)
                        printf(" %02x", (unsigned char)o2[b]);
                    printf("\n");
                }
                bad = 1;
            }
        }
    }
    CHECK(!bad);
}

int
main(void)
{
    mk_norm_opts o;
    mk_error err;

    mk_norm_opts_init(&o);
    o.stats = &st;
    nrm = mk_norm_new(&o, &err);
    o.nfkc = 1;
    nrm_kc = mk_norm_new(&o, &err);
    o.nfkc = 0;
    o.keep_junk = 1;
    nrm_junk = mk_norm_new(&o, &err);
    if (nrm == NULL || nrm_kc == NULL || nrm_junk == NULL) {
        printf("FAIL mk_norm_new: %s\n", err.msg);
        return 1;
    }
    RUN(nfc_composes);
    RUN(nfc_reorders_thai_marks);
    RUN(nfkc_folds);
    RUN(controls_removed);
    RUN(spaces_folded);
    RUN(zero_width);
    RUN(junk_and_empty);
    RUN(invalid_utf8_replaced);
    RUN(lang_by_script);
    RUN(paragraph_mode_guess);
    RUN(blocks_join_and_split);
    RUN(idempotent_on_random_text);
    mk_norm_free(nrm);
    mk_norm_free(nrm_kc);
    mk_norm_free(nrm_junk);
    DONE();
}
