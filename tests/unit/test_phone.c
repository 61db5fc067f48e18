/* test_phone.c - phone numbers: parsing and validation (against answers
 * of libphonenumber 8.12.57 for the same inputs), the finder on news text
 * and on things that are not phone numbers, resolution, hints. */
#include <pthread.h>
#include <stdlib.h>

#include "check.h"
#include "extract.h"

struct pcase {
    const char *region, *input, *e164;  /* e164 "" = not a valid number */
};

/* National and international forms for every region mekong is for;
 * libphonenumber's parse + isValidNumber give the same. */
static const struct pcase parse_cases[] = {
    { "CN", "16623004441", "+8616623004441" },
    { "CN", "0771-5512368", "+867715512368" },
    { "CN", "+86 10 1234 5678", "+861012345678" },
    { "CN", "010 1234 5678", "+861012345678" },
    { "CN", "00 86 139 8712 0563", "+8613987120563" },
    { "HK", "2123 4567", "+85221234567" },
    { "HK", "+852 5123 4567", "+85251234567" },
    { "HK", "001 852 5123 4567", "+85251234567" },
    { "TW", "02 2123 4567", "+886221234567" },
    { "TW", "0912 345 678", "+886912345678" },
    { "TW", "+886 912 345 678", "+886912345678" },
    { "JP", "03-1234-5678", "+81312345678" },
    { "JP", "090-1234-5678", "+819012345678" },
    { "JP", "+81 3 1234 5678", "+81312345678" },
    { "JP", "010 81 3 1234 5678", "+81312345678" },       /* Japan's own prefix */
    { "KR", "02-123-4567", "+8221234567" },
    { "KR", "010-1234-5678", "+821012345678" },
    { "KR", "+82 10 1234 5678", "+821012345678" },
    { "KR", "+82 (0)10 1234 5678", "+821012345678" },
    { "TH", "๐๘๑-๒๓๔-๕๖๗๘", "+66812345678" },          /* Thai digits */
    { "TH", "02 628 4417", "+6626284417" },
    { "TH", "+66 89 765 4321", "+66897654321" },
    { "TH", "001 66 89 765 4321", "+66897654321" },
    { "TH", "66812345678", "+66812345678" },               /* code without "+" */
    { "LA", "020 5566 2417", "+8562055662417" },
    { "LA", "021 412 873", "+85621412873" },
    { "LA", "+856 20 9988 4512", "+8562099884512" },
    { "KH", "012 845 227", "+85512845227" },
    { "KH", "023 217 253", "+85523217253" },
    { "KH", "+855 97 612 3480", "+855976123480" },
    { "MM", "၀၉ ၄၅၀ ၁၂၃ ၄၅၆", "+959450123456" },       /* Myanmar digits */
    { "MM", "01 254 789", "+951254789" },
    { "MM", "+95 9 777 456 123", "+959777456123" },
    { "VN", "(024) 3942 6180", "+842439426180" },
    { "VN", "0905 218 736", "+84905218736" },
    { "VN", "+84 28 3923 4630", "+842839234630" },
    { "MY", "019-912 3456", "+60199123456" },
    { "MY", "03-8870 4800", "+60388704800" },
    { "MY", "+60 4-263 8810", "+6042638810" },
    { "SG", "6438 2710", "+6564382710" },
    { "SG", "9123 4567", "+6591234567" },
    { "SG", "+65 6438 2710", "+6564382710" },
    { "ID", "0813-8820-4157", "+6281388204157" },
    { "ID", "(021) 2655 7340", "+622126557340" },
    { "ID", "+62 21 2655 7341", "+622126557341" },
    { "PH", "(02) 8951 2803", "+63289512803" },
    { "PH", "0917 555 0142", "+639175550142" },
    { "PH", "+63 918 234 7710", "+639182347710" },
    { "BN", "234 5678", "+6732345678" },
    { "BN", "712 3456", "+6737123456" },
    { "BN", "+673 712 3456", "+6737123456" },
    { "TL", "211 2345", "+6702112345" },
    { "TL", "7721 2345", "+67077212345" },
    { "TL", "+670 7721 2345", "+67077212345" },
    { "IN", "011 2345 6789", "+911123456789" },
    { "IN", "098765 43210", "+919876543210" },
    { "IN", "+91 98765 43210", "+919876543210" },
    { "AU", "(02) 1234 5678", "+61212345678" },
    { "AU", "0412 345 678", "+61412345678" },
    { "AU", "+61 2 1234 5678", "+61212345678" },
    { "AU", "0011 66 89 765 4321", "+66897654321" },      /* Australia's prefix */
    { "GB", "020 7946 0958", "+442079460958" },
    { "GB", "07400 123456", "+447400123456" },
    { "GB", "+44 20 7946 0958", "+442079460958" },
    { "GB", "+44 1624 612345", "+441624612345" },          /* Isle of Man, shares +44 */
    { "US", "(201) 555-0123", "+12015550123" },
    { "US", "+1 201-555-0123", "+12015550123" },
    { "US", "1-201-555-0123", "+12015550123" },
    { "US", "011 44 20 7946 0958", "+442079460958" },
    { "US", "+1 268 464 1234", "+12684641234" },           /* Antigua, shares +1 */
    { "US", "1-800-FLOWERS", "+18003569377" },             /* letters on the keypad */
    { "US", "(201) 555-0123 ext. 45", "+12015550123" },
    { "TH", "12345", "" },
    { "TH", "+66 12", "" },
    { "CN", "0123", "" },
    { "US", "+999 1234567", "" },                          /* no such code */
    { "TH", "0812345678901", "" },
    { "VN", "+84 123", "" },
    { "001", "+800 1234 5678", "+80012345678" },           /* non-geographic */
};

TEST(parse_regions)
{
    char e[32];
    size_t i;

    for (i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
        const struct pcase *c = &parse_cases[i];
        int ok = mk__phone_parse(c->input, strlen(c->input), c->region, e, sizeof e);
        if (ok != (c->e164[0] != '\0') || strcmp(e, c->e164) != 0) {
            printf("  %s \"%s\": got %d \"%s\", want \"%s\"\n", c->region, c->input, ok, e,
                   c->e164);
            check_failed_ = 1;
        }
    }
}

TEST(parse_edges)
{
    char e[32], small[8];

    CHECK(mk__phone_parse("+66 89 765 4321", 15, NULL, e, sizeof e) == 1);
    CHECK(strcmp(e, "+66897654321") == 0);
    CHECK(mk__phone_parse("089 765 4321", 12, NULL, e, sizeof e) == 0);
    CHECK(e[0] == '\0');
    /* the region as ISO writes it, in either case; anything else is no region */
    CHECK(mk__phone_parse("089 765 4321", 12, "th", e, sizeof e) == 1);
    CHECK(mk__phone_parse("089 765 4321", 12, "ZZ", e, sizeof e) == -1);
    CHECK(mk__phone_parse("+66 89 765 4321", 15, "THA", e, sizeof e) == -1);
    CHECK(e[0] == '\0');
    CHECK(mk__phone_parse("+1", 2, "TH", e, sizeof e) == 0);
    CHECK(mk__phone_parse("\xff\xfe" "0812345678", 12, "TH", e, sizeof e) == 0);
    CHECK(mk__phone_parse("", 0, "TH", e, sizeof e) == 0);
    /* LEN is honoured, not a NUL */
    CHECK(mk__phone_parse("0812345678999", 10, "TH", e, sizeof e) == 1);
    CHECK(strcmp(e, "+66812345678") == 0);
    /* too small a buffer: not a half-written number */
    CHECK(mk__phone_parse("0812345678", 10, "TH", small, sizeof small) == 0);
    CHECK(small[0] == '\0');
}

/* Finds in TEXT and checks that the candidates' spans are WANT[0..N). */
static void
expect_spans(const char *text, const char *const *want, size_t n)
{
    mk_phone_cand c[16];
    size_t got = mk__phone_find(text, strlen(text), c, 16), i;

    if (got != n) {
        printf("  \"%s\": %zu candidates, want %zu\n", text, got, n);
        for (i = 0; i < got && i < 16; i++)
            printf("    \"%.*s\"\n", (int)(c[i].end_b - c[i].start_b), text + c[i].start_b);
        check_failed_ = 1;
        return;
    }
    for (i = 0; i < n; i++)
        CHECK_STR(text + c[i].start_b, c[i].end_b - c[i].start_b, want[i]);
}

#define SPANS(text, ...) do { \
    static const char *const w_[] = { __VA_ARGS__ }; \
    expect_spans(text, w_, sizeof w_ / sizeof w_[0]); \
} while (0)
#define NONE(text) expect_spans(text, NULL, 0)

TEST(find_in_news)
{
    mk_phone_cand c[8];
    const char *s;

    SPANS("Applicants can contact the centre on 020 5561 2347 or +856 21 454 118, or write.",
          "020 5561 2347", "+856 21 454 118");
    SPANS("sa Metro Manila sa (02) 8951 2803 o sa 0917 555 0142, o mag-email",
          "(02) 8951 2803", "0917 555 0142");
    SPANS("melalui +60 4-263 8810.", "+60 4-263 8810");
    /* Thai, Khmer, Lao and Burmese digits; words written against numbers */
    SPANS("โทร. 02 628 4417 หรือ ๐๘๑-๒๓๔-๕๖๗๘", "02 628 4417", "๐๘๑-๒๓๔-๕๖๗๘");
    SPANS("热线+856 21 214 023或020 5812 6679咨", "+856 21 214 023", "020 5812 6679");
    SPANS("咨询电话为0771-5512368，", "0771-5512368");
    SPANS("၀၂ ၄၀၆ ၁၇၅၅၊ 09 791 234 567", "၀၂ ၄၀၆ ၁၇၅၅", "09 791 234 567");
    SPANS("Call (+66) 81 234 5678 now", "(+66) 81 234 5678");
    SPANS("Manila office: +63 (2) 8951 2803.", "+63 (2) 8951 2803");
    /* another last digit: "4" for "873"; the span keeps it, the digits not */
    SPANS("Tel 021-412873/4 or 0812345678/0898765432 or 02-141-8887-8, 02-142 2555-60",
          "021-412873/4", "0812345678", "0898765432", "02-141-8887-8", "02-142 2555-60");
    SPANS("0-4320-2371-2", "0-4320-2371-2");   /* an ISBN-10 check digit fits it */
    SPANS("0812345678/9, 0812345678-89", "0812345678/9", "0812345678-89");
    s = "0812345678/9";
    CHECK(mk__phone_find(s, strlen(s), c, 8) == 1);
    CHECK(strcmp(c[0].digits, "0812345678") == 0);
    /* 7 to 17 digits */
    SPANS("Bandar Seri Begawan 234 5678 or 234 567", "234 5678");
    SPANS("+44 1234 5678 9012 345 or +44 1234 5678 9012 3456", "+44 1234 5678 9012 345");
    s = "02-141-8887-8";
    CHECK(mk__phone_find(s, strlen(s), c, 8) == 1);
    CHECK(strcmp(c[0].digits, "021418887") == 0);
    SPANS("081-234-5678 / 089-876-5432", "081-234-5678", "089-876-5432");
    SPANS("Tel.(0233) 3852 114", "(0233) 3852 114");
    SPANS("VN: 0912.345.678", "0912.345.678");

    /* digits, + and "00" */
    s = "Call +856 20 9988 4512 or 00 86 10 1234 5678 today";
    CHECK(mk__phone_find(s, strlen(s), c, 8) == 2);
    CHECK(strcmp(c[0].digits, "8562099884512") == 0 && c[0].intl == 1);
    CHECK(strcmp(c[1].digits, "00861012345678") == 0 && c[1].intl == 1);
    s = "０９０－１２３４－５６７８";                  /* full width */
    CHECK(mk__phone_find(s, strlen(s), c, 8) == 1);
    CHECK(strcmp(c[0].digits, "09012345678") == 0 && c[0].intl == 0);
    s = "໐໒໐ ໕໕໖໖ ໒໔໑໗";                            /* Lao */
    CHECK(mk__phone_find(s, strlen(s), c, 8) == 1);
    CHECK(strcmp(c[0].digits, "02055662417") == 0);
    s = "ဝ၉ ၄၅၀ ၁၂၃ ၄၅၆";               /* the letter wa for the digit zero */
    CHECK(mk__phone_find(s, strlen(s), c, 8) == 1);
    CHECK(strcmp(c[0].digits, "09450123456") == 0);
    /* CAP bounds the writes, not the count */
    s = "0812345678, 0898765432, 0823456789";
    CHECK(mk__phone_find(s, strlen(s), c, 1) == 3);
    CHECK(strcmp(c[0].digits, "0812345678") == 0);
    CHECK(mk__phone_find(s, strlen(s), NULL, 0) == 3);
}

TEST(find_rejects)
{
    NONE("Founded in 2024, the port moved 1,234,567 tonnes in 2023-2024.");
    NONE("The deadline is 21/08/2024 and the review 08/21/2024, or 18 - 3 - 2020.");
    NONE("Signed on 2024-08-21 10:30 and 2024.08.21, published 21.08.2024.");
    NONE("It cost $1,250,000, US$ 12500000, USD 12500000 or RM 1250000.");
    NONE("Rp 1.250.000 and Rp1250000 and ฿1250000 and 1250000 baht.");
    NONE("投资12500000元，2024年");
    NONE("12500000 yuan, 12500000 million, 1250000 บาท");
    NONE("1.250.000 đồng and 12 345 678 people");
    NONE("Growth was 12.5% and 12345678% and 1234567 per cent.");
    NONE("ISBN 978-3-16-148410-0 and 978-0-306-40615-7 and ISBN 0-306-40615-2.");
    NONE("The meeting starts at 9.30am, or 09:30.");
    NONE("Account AB12345678 and 12345678AB and ref_12345678 were frozen.");
    NONE("pi is 3.14159265 and 0.12345678");
    NONE("scores 69 71 71 73 and 71 73 72 69 286, prices 12.50 13.00 11.27 or 36.831 10");
    NONE("ranges 1070 - 1074, 10.00 - 11.00, 1.025 - 1.029, 3.54 - 0.629");
    NONE("hosts 192.168.100.254 and 10.120.130.140, build 10.0.19041.1");
    NONE("card 4111-1111-1111-1111 and 4111 1111 1111 1111");
    NONE("20240821 and 25670821, 19071962, 2018-10-3015, open 08.30-16.30");
    NONE("1 2 3 4 5 6 7");
    NONE("12345678901234567890 and 0812345678 0898765432 1234");   /* one long run */
    NONE("v12345678 and 1234567.89 and 1,2345678");
}

/* Builds LEN bytes repeating PATTERN. */
static char *
repeat(const char *pattern, size_t len)
{
    size_t pl = strlen(pattern), i;
    char *s = malloc(len + 1);

    if (s == NULL)
        return NULL;
    for (i = 0; i < len; i++)
        s[i] = pattern[i % pl];
    s[len] = '\0';
    return s;
}

TEST(find_pathological)
{
    /* 1 MB of digits, dashes and slashes (and parentheses, pluses):
     * each must come back; none of it is a phone number */
    static const char *const patterns[] = {
        "0123456789", "1-2/3-4/5-6/", "12/34-56 78/90-", "(1(2(3(4", "+1 +2 +3 ",
        "(02) (02) ", "0812345678/", "1-", "/-/-/- ", "((((((1", "+(+(+(",
        "ဝ၉", "12.34.56.78.",
    };
    size_t i, n = 1 << 20;

    for (i = 0; i < sizeof patterns / sizeof patterns[0]; i++) {
        char *s = repeat(patterns[i], n);
        mk_phone_cand c[4];
        CHECK(s != NULL);
        if (s == NULL)
            return;
        CHECK(mk__phone_find(s, n, c, 4) == 0);
        free(s);
    }
    {
        /* numbers one after another, each found */
        char *s = repeat("0812345678, ", 12 * 1000);
        CHECK(s != NULL && mk__phone_find(s, 12 * 1000, NULL, 0) == 1000);
        free(s);
    }
}

TEST(resolve)
{
    const char *th_la[] = { "TH", "LA" }, *cn_la[] = { "CN", "LA" }, *la_cn[] = { "LA", "CN" };
    mk_phone_cand c[8];
    char e[32];
    const char *s = "+856 20 9988 4512, 020 5812 6679, 00 86 10 1234 5678, 12345678";

    CHECK(mk__phone_find(s, strlen(s), c, 8) == 4);
    CHECK(mk__phone_resolve(&c[0], th_la, 2, e, sizeof e) == 2);
    CHECK(strcmp(e, "+8562099884512") == 0);
    /* a national number: the first region it is valid in */
    CHECK(mk__phone_resolve(&c[1], la_cn, 2, e, sizeof e) == 0);
    CHECK(strcmp(e, "+8562058126679") == 0);
    CHECK(mk__phone_resolve(&c[1], cn_la, 2, e, sizeof e) == 0);
    CHECK(strcmp(e, "+862058126679") == 0);           /* Guangzhou, also valid */
    CHECK(mk__phone_resolve(&c[1], th_la, 2, e, sizeof e) == 1);
    CHECK(mk__phone_resolve(&c[2], th_la, 2, e, sizeof e) == 2);
    CHECK(strcmp(e, "+861012345678") == 0);
    CHECK(mk__phone_resolve(&c[3], th_la, 2, e, sizeof e) == -1);
    CHECK(e[0] == '\0');
    CHECK(mk__phone_resolve(&c[1], NULL, 0, e, sizeof e) == -1);
    {
        const char *odd[] = { "XX", "la" };     /* an unknown region is skipped */
        CHECK(mk__phone_resolve(&c[1], odd, 2, e, sizeof e) == 1);
        CHECK(strcmp(e, "+8562058126679") == 0);
    }
}

static void *
parse_many(void *arg)
{
    char e[32];
    size_t i;
    long bad = 0;

    (void)arg;
    for (i = 0; i < 200; i++) {
        const struct pcase *c = &parse_cases[i % (sizeof parse_cases / sizeof parse_cases[0])];
        (void)mk__phone_parse(c->input, strlen(c->input), c->region, e, sizeof e);
        bad += strcmp(e, c->e164) != 0;
    }
    return (void *)bad;
}

TEST(threads)
{
    /* the first uses of a region compile its patterns: race them */
    pthread_t t[4];
    void *bad;
    int i;

    for (i = 0; i < 4; i++)
        CHECK(pthread_create(&t[i], NULL, parse_many, NULL) == 0);
    for (i = 0; i < 4; i++) {
        CHECK(pthread_join(t[i], &bad) == 0);
        CHECK(bad == NULL);
    }
}

TEST(hints)
{
    static const struct { const char *word, *region; } h[] = {
        { "WeChat", "CN" }, { "wechat", "CN" }, { "微信", "CN" },
        { "Zalo", "VN" }, { "LINE", "TH" }, { "KakaoTalk", "KR" },
        { "China", "CN" }, { "Kunming", "CN" }, { "中国", "CN" }, { "จีน", "CN" },
        { "Hong Kong", "HK" }, { "香港", "HK" }, { "Taiwan", "TW" }, { "台北", "TW" },
        { "Japan", "JP" }, { "TOKYO", "JP" }, { "Seoul", "KR" }, { "한국", "KR" },
        { "Bangkok", "TH" }, { "เชียงใหม่", "TH" },
        { "Laos", "LA" }, { "Vientiane", "LA" }, { "ລາວ", "LA" }, { "老挝", "LA" },
        { "Cambodia", "KH" }, { "Phnom Penh", "KH" }, { "Phnom", "KH" }, { "ភ្នំពេញ", "KH" },
        { "Myanmar", "MM" }, { "Yangon", "MM" }, { "ရန်ကုန်", "MM" },
        { "Vietnam", "VN" }, { "Việt Nam", "VN" }, { "Hà Nội", "VN" }, { "HÀ NỘI", "VN" },
        { "Malaysia", "MY" }, { "Kuala Lumpur", "MY" }, { "Singapore", "SG" }, { "新加坡", "SG" },
        { "Indonesia", "ID" }, { "Jakarta", "ID" }, { "Philippines", "PH" }, { "Manila", "PH" },
        { "Pilipinas", "PH" }, { "Brunei", "BN" }, { "Timor-Leste", "TL" }, { "Dili", "TL" },
        { "India", "IN" }, { "Mumbai", "IN" }, { "Australia", "AU" }, { "Sydney", "AU" },
        { "UK", "GB" }, { "London", "GB" }, { "US", "US" }, { "U.S.", "US" },
        { "United States", "US" }, { "美国", "US" },
        { "line", NULL }, { "us", NULL }, { "Viber", NULL }, { "WhatsApp", NULL },
        { "Paris", NULL }, { "", NULL },
    };
    size_t i;

    for (i = 0; i < sizeof h / sizeof h[0]; i++) {
        const char *got = mk__phone_hint(h[i].word, strlen(h[i].word));
        if ((got == NULL) != (h[i].region == NULL)
            || (got != NULL && strcmp(got, h[i].region) != 0)) {
            printf("  hint \"%s\": got %s, want %s\n", h[i].word, got ? got : "NULL",
                   h[i].region ? h[i].region : "NULL");
            check_failed_ = 1;
        }
    }
    /* LEN, not a NUL, ends the word */
    CHECK(mk__phone_hint("Zalo app", 4) != NULL
          && strcmp(mk__phone_hint("Zalo app", 4), "VN") == 0);
}

TEST(lang_region)
{
    static const struct { const char *lang, *region; } l[] = {
        { "th", "TH" }, { "lo", "LA" }, { "km", "KH" }, { "my", "MM" }, { "vi", "VN" },
        { "zh", "CN" }, { "id", "ID" }, { "ms", "MY" }, { "fil", "PH" }, { "tl", "PH" },
        { "zh-TW", "TW" }, { "zh-Hant", "TW" }, { "zh_HK", "HK" }, { "ms-SG", "SG" },
        { "TH", "TH" }, { "en", NULL }, { "und", NULL }, { "", NULL },
    };
    size_t i;

    for (i = 0; i < sizeof l / sizeof l[0]; i++) {
        const char *got = mk__phone_lang_region(l[i].lang);
        if ((got == NULL) != (l[i].region == NULL)
            || (got != NULL && strcmp(got, l[i].region) != 0)) {
            printf("  lang \"%s\": got %s\n", l[i].lang, got ? got : "NULL");
            check_failed_ = 1;
        }
    }
    CHECK(mk__phone_lang_region(NULL) == NULL);
}

int
main(void)
{
    RUN(parse_regions);
    RUN(parse_edges);
    RUN(find_in_news);
    RUN(find_rejects);
    RUN(find_pathological);
    RUN(resolve);
    RUN(threads);
    RUN(hints);
    RUN(lang_region);
    DONE();
}
