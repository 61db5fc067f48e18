/* test_utf8.c - validation, repair (maximal subparts) and offsets. */
#include <stdlib.h>

#include "check.h"
#include "internal.h"

static long
repair(const char *s, size_t len, mk_buf *out)
{
    return mk__utf8_repair(s, len, out);
}

TEST(valid_prefix)
{
    CHECK(mk_utf8_valid_prefix("abc", 3) == 3);
    CHECK(mk_utf8_valid_prefix("a\xc3\xa0z", 4) == 4);
    CHECK(mk_utf8_valid_prefix("ab\xc0\xaf", 4) == 2);
    CHECK(mk_utf8_valid_prefix("\xed\xa0\x80", 3) == 0);       /* surrogate */
    CHECK(mk_utf8_valid_prefix("\xf4\x90\x80\x80", 4) == 0);   /* past U+10FFFF */
    CHECK(mk_utf8_valid_prefix("\xe0\x80\xaf", 3) == 0);       /* overlong */
    CHECK(mk_utf8_valid_prefix("\xf0\x9f\x98\x80!", 5) == 5);  /* emoji */
    CHECK(mk_utf8_valid_prefix("12345678\xe0\xb8", 10) == 8);  /* cut sequence */
}

TEST(repair_maximal_subparts)
{
    mk_buf b = { 0 };
    /* W3C/Unicode practice: one U+FFFD per maximal subpart */
    CHECK(repair("a\xe0\xb8z", 4, &b) == 1);
    CHECK_STR(b.p, b.len, "a\xef\xbf\xbdz");
    CHECK(repair("\xc0\xaf", 2, &b) == 2);
    CHECK(repair("\xf0\x9f\x98", 3, &b) == 1);
    CHECK(repair("\xff\xfe", 2, &b) == 2);
    CHECK(repair("ok", 2, &b) == 0);
    CHECK_STR(b.p, b.len, "ok");
    mk__buf_free(&b);
}

TEST(count_and_offsets)
{
    const char *s = "a\xc3\xa0\xe0\xb8\x81\xf0\x9f\x98\x80z";  /* a à ก 😀 z */
    size_t len = strlen(s);
    CHECK(mk_utf8_count(s, len) == 5);
    CHECK(mk_utf8_offset(s, len, 0) == 0);
    CHECK(mk_utf8_offset(s, len, 1) == 1);
    CHECK(mk_utf8_offset(s, len, 2) == 3);
    CHECK(mk_utf8_offset(s, len, 3) == 6);
    CHECK(mk_utf8_offset(s, len, 4) == 10);
    CHECK(mk_utf8_offset(s, len, 5) == len);
}

TEST(encode_decode_round_trip)
{
    uint32_t cps[] = { 0x41, 0xE0, 0x7FF, 0x800, 0xE01, 0xFFFD, 0x10000, 0x1F600, 0x10FFFF };
    char buf[4];
    size_t n, k;
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        n = mk__utf8_encode(cps[i], buf);
        CHECK(mk_utf8_valid_prefix(buf, n) == n);
        CHECK(mk__utf8_decode((const unsigned char *)buf, n, &k) == cps[i]);
        CHECK(k == n);
    }
}

int
main(void)
{
    RUN(valid_prefix);
    RUN(repair_maximal_subparts);
    RUN(count_and_offsets);
    RUN(encode_decode_round_trip);
    DONE();
}
