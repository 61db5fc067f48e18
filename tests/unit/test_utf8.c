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

TEST(utf16_and_cursor)
{
    const char *s = "a\xc3\xa0\xe0\xb8\x81\xf0\x9f\x98\x80z 12345678";  /* a à ก 😀 z ... */
    size_t len = strlen(s), b;
    uint16_t u[32];
    int32_t at = 0;
    CHECK(mk__utf8_to_u16(s, len, u) == 15);
    CHECK(u[0] == 'a' && u[1] == 0xE0 && u[2] == 0x0E01);
    CHECK(u[3] == 0xD83D && u[4] == 0xDE00 && u[5] == 'z' && u[14] == '8');
    CHECK(mk__utf8_to_u16("ab\xc0\xaf", 4, u) == -1);
    CHECK(mk__utf8_to_u16("12345678\xe0\xb8", 10, u) == -1);
    /* unit 5 (after the surrogate pair) is byte 10, z; unit 15 the end */
    b = mk__u16_advance(s, len, 0, &at, 3);
    CHECK(b == 6 && at == 3);
    b = mk__u16_advance(s, len, b, &at, 5);
    CHECK(b == 10 && at == 5);
    b = mk__u16_advance(s, len, b, &at, 15);
    CHECK(b == len && at == 15);
}

int
main(void)
{
    RUN(valid_prefix);
    RUN(repair_maximal_subparts);
    RUN(count_and_offsets);
    RUN(encode_decode_round_trip);
    RUN(utf16_and_cursor);
    DONE();
}
