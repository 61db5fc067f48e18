/* test_tsv.c - the stream escapes and header recognition. */
#include <stdlib.h>

#include "check.h"
#include "mekong.h"

TEST(escape_specials)
{
    char out[64];
    size_t n = mk_tsv_escape(out, "a\tb\nc\rd\\e", 9);
    CHECK_STR(out, n, "a\\tb\\nc\\rd\\\\e");
}

TEST(unescape_specials)
{
    char out[64];
    size_t odd = 0, n = mk_tsv_unescape(out, "a\\tb\\nc\\rd\\\\e", 13, &odd);
    CHECK_STR(out, n, "a\tb\nc\rd\\e");
    CHECK(odd == 0);
}

TEST(unescape_odd_backslash_kept_and_counted)
{
    char out[64];
    size_t odd = 0, n = mk_tsv_unescape(out, "C:\\x y\\", 7, &odd);
    CHECK_STR(out, n, "C:\\x y\\");
    CHECK(odd == 2);
}

TEST(round_trip_all_bytes)
{
    /* every byte value, and every pair of bytes, survives escape + unescape */
    char in[512], esc[1024], back[1024];
    size_t i, j, n, m;
    int bad = 0;

    for (i = 0; i < 256; i++) {
        for (j = 0; j < 256; j += 7) {
            in[0] = (char)i;
            in[1] = (char)j;
            in[2] = '\\';
            n = mk_tsv_escape(esc, in, 3);
            for (size_t k = 0; k < n; k++)
                if (esc[k] == '\t' || esc[k] == '\n' || esc[k] == '\r')
                    bad = 1;
            m = mk_tsv_unescape(back, esc, n, NULL);
            if (m != 3 || memcmp(back, in, 3) != 0)
                bad = 1;
        }
    }
    CHECK(!bad);
}

TEST(round_trip_random)
{
    unsigned seed = 12345;
    char in[300], esc[600], back[600];
    int bad = 0;

    for (int t = 0; t < 20000; t++) {
        size_t len = (size_t)(t % 300);
        for (size_t k = 0; k < len; k++) {
            seed = seed * 1103515245u + 12345u;
            in[k] = "ab\\\t\n\rtn\x01\xe0"[(seed >> 16) % 10];
        }
        size_t n = mk_tsv_escape(esc, in, len);
        size_t m = mk_tsv_unescape(back, esc, n, NULL);
        if (m != len || memcmp(back, in, len) != 0)
            bad = 1;
    }
    CHECK(!bad);
}

TEST(unescape_in_place)
{
    char buf[] = "x\\ty\\\\z";
    size_t n = mk_tsv_unescape(buf, buf, strlen(buf), NULL);
    CHECK_STR(buf, n, "x\ty\\z");
}

TEST(header_recognition)
{
    CHECK(mk_tsv_is_header("doc\tpar\tlang\ttext", 17));
    CHECK(mk_tsv_is_header("doc\turl\tpar\ttext", 16));
    CHECK(!mk_tsv_is_header("doc", 3));
    CHECK(!mk_tsv_is_header("document\ttext", 13));
    CHECK(!mk_tsv_is_header("doc\tText", 8));
    CHECK(!mk_tsv_is_header("doc\t\ttext", 9));
    CHECK(!mk_tsv_is_header("doc par lang text", 17));
    CHECK(!mk_tsv_is_header("doc\t1par", 8));
}

int
main(void)
{
    RUN(escape_specials);
    RUN(unescape_specials);
    RUN(unescape_odd_backslash_kept_and_counted);
    RUN(round_trip_all_bytes);
    RUN(round_trip_random);
    RUN(unescape_in_place);
    RUN(header_recognition);
    DONE();
}
