/* test_zawgyi.c - the Zawgyi detector: short Burmese phrases in Unicode and
 * in Zawgyi, text without Myanmar characters, and the edges of the input.
 * The phrases were written for this test (UTF-8 in the literals); each
 * Zawgyi form is what ICU's my-Zawgyi makes of the Unicode one. */
#include <stdlib.h>

#include "check.h"
#include "zawgyi.h"

static const struct {
    const char *uni, *zg, *gloss;
} phrases[] = {
    {"ကျေးဇူးတင်ပါတယ်", "ေက်းဇူးတင္ပါတယ္", "thank you"},
    {"ရန်ကုန်မြို့တွင် ယနေ့ မိုးသည်းထန်စွာ ရွာသွန်းသည်။",
     "ရန္ကုန္ၿမိဳ႔တြင္ ယေန့ မိုးသည္းထန္စြာ ရြာသြန္းသည္။", "heavy rain in Yangon today"},
    {"ကျောင်းသားများ စာမေးပွဲ ဖြေဆိုကြသည်။", "ေက်ာင္းသားမ်ား စာေမးပြဲ ေျဖဆိုၾကသည္။",
     "students sit their exams"},
    {"သတင်းထုတ်ပြန်ချက်", "သတင္းထုတ္ျပန္ခ်က္", "press release"},
    {"ကမ္ဘာ့ကျန်းမာရေးအဖွဲ့", "ကမ႓ာ့က်န္းမာေရးအဖြဲ႔", "World Health Organization"},
    {"နေပြည်တော်တွင် အစည်းအဝေး ကျင်းပခဲ့သည်။", "ေနျပည္ေတာ္တြင္ အစည္းအေဝး က်င္းပခဲ့သည္။",
     "a meeting was held in Naypyidaw"},
    {"ဈေးနှုန်းများ မြင့်တက်လာသည်။", "ေဈးႏႈန္းမ်ား ျမင့္တက္လာသည္။", "prices are rising"},
};

#define NPHRASES (sizeof phrases / sizeof phrases[0])

static double
prob(const char *s)
{
    return mk__zawgyi_probability(s, strlen(s));
}

static int
in_range(double p)
{
    return p >= 0.0 && p <= 1.0;
}

TEST(unicode_phrases_are_unicode)
{
    for (size_t i = 0; i < NPHRASES; i++) {
        double p = prob(phrases[i].uni);
        if (!(p < 0.01))
            printf("  unicode \"%s\" (%s): p=%g\n", phrases[i].uni, phrases[i].gloss, p);
        CHECK(p > 0.0 && p < 0.01);
    }
}

TEST(zawgyi_phrases_are_zawgyi)
{
    for (size_t i = 0; i < NPHRASES; i++) {
        double p = prob(phrases[i].zg);
        if (!(p >= MK__ZAWGYI_THRESHOLD))
            printf("  zawgyi \"%s\" (%s): p=%g\n", phrases[i].zg, phrases[i].gloss, p);
        CHECK(in_range(p) && p >= MK__ZAWGYI_THRESHOLD);
    }
}

TEST(short_words_lean_the_right_way)
{
    /* hello; Myanmar: too short to convert on their own, but the right side of 1/2 */
    CHECK(prob("မင်္ဂလာပါ") < 0.5);
    CHECK(prob("မဂၤလာပါ") > 0.5);
    CHECK(prob("မြန်မာ") < 0.5);
    CHECK(prob("ျမန္မာ") > 0.5);
}

TEST(no_myanmar_is_zero)
{
    CHECK(prob("") == 0.0);
    CHECK(mk__zawgyi_probability(NULL, 0) == 0.0);
    CHECK(prob("Yangon, Aug. 21 -- Heavy rain fell on Tuesday.") == 0.0);
    CHECK(prob("ฝนตกหนักในกรุงเทพฯ วันนี้") == 0.0);                /* Thai */
    CHECK(prob("Thành phố Hồ Chí Minh mưa lớn") == 0.0);          /* Vietnamese: E1 BA/BB */
    CHECK(prob("ភ្លៀងធ្លាក់ខ្លាំង") == 0.0);                          /* Khmer: E1 9E/9F */
    CHECK(prob("中文新闻 한국어") == 0.0);
    /* neighbours of the Myanmar blocks, whose UTF-8 starts like them */
    CHECK(prob("\xe1\x82\xa0") == 0.0);        /* U+10A0 Georgian, after U+109F */
    CHECK(prob("\xe1\x83\x90") == 0.0);        /* U+10D0 Georgian */
    CHECK(prob("\xe1\x84\x80") == 0.0);        /* U+1100 Hangul jamo */
    CHECK(prob("\xea\xa7\x9f") == 0.0);        /* U+A9DF Javanese, before U+A9E0 */
    CHECK(prob("\xea\xa9\x9f") == 0.0);        /* U+AA5F Cham, before U+AA60 */
    CHECK(prob("\xea\xaa\x80") == 0.0);        /* U+AA80 Tai Viet, after U+AA7F */
    CHECK(prob("\xea\xa8\x80") == 0.0);        /* U+AA00 Cham */
}

TEST(every_myanmar_block_counts)
{
    double p;

    p = prob("\xe1\x80\x80");                  /* U+1000 */
    CHECK(p > 0.0 && p < 1.0);
    p = prob("\xe1\x82\x9f");                  /* U+109F */
    CHECK(p > 0.0 && p < 1.0);
    p = prob("\xea\xa9\xa0\xea\xa9\xa1");      /* U+AA60 U+AA61, Extended-A */
    CHECK(p > 0.0 && p < 0.5);                 /* no Zawgyi font draws these */
    p = prob("\xea\xa7\xa0\xea\xa7\xbf");      /* U+A9E0 U+A9FF, Extended-B */
    CHECK(p > 0.0 && p < 0.5);
}

TEST(no_evidence_is_not_zawgyi)
{
    /* digits and letters that both encodings write alike */
    CHECK(prob("၁၂၃၄၅") < 0.6);
    CHECK(prob("၂၀၂၄ ခုနှစ်") < 0.01);          /* the year 2024: Unicode asat */
    CHECK(prob("ဘာလဲ။") < MK__ZAWGYI_THRESHOLD);    /* same bytes in both */
}

TEST(mixed_with_english)
{
    char buf[512];
    int n;

    n = snprintf(buf, sizeof buf, "Yangon (Reuters) - %s, the ministry said on Tuesday.",
                 phrases[1].uni);
    CHECK(n > 0 && (size_t)n < sizeof buf);
    CHECK(mk__zawgyi_probability(buf, (size_t)n) < 0.01);
    n = snprintf(buf, sizeof buf, "Yangon (Reuters) - %s, the ministry said on Tuesday.",
                 phrases[1].zg);
    CHECK(n > 0 && (size_t)n < sizeof buf);
    CHECK(mk__zawgyi_probability(buf, (size_t)n) >= MK__ZAWGYI_THRESHOLD);
    n = snprintf(buf, sizeof buf, "%s WHO COVID-19 %s", phrases[2].uni, phrases[5].uni);
    CHECK(mk__zawgyi_probability(buf, (size_t)n) < 0.01);
    n = snprintf(buf, sizeof buf, "%s WHO COVID-19 %s", phrases[2].zg, phrases[5].zg);
    CHECK(mk__zawgyi_probability(buf, (size_t)n) >= MK__ZAWGYI_THRESHOLD);
}

TEST(spacing_and_zero_width_do_not_matter)
{
    /* a run of whitespace is one state; ZWSP, ZWNJ, ZWJ and BOM are skipped */
    CHECK(prob("ေက်ာင္းသားမ်ား စာေမးပြဲ") == prob("ေက်ာင္းသားမ်ား \t\xc2\xa0 စာေမးပြဲ"));
    CHECK(prob("ေက်ာင္းသားမ်ား စာေမးပြဲ") == prob("ေက်ာင္းသားမ်ား\xe2\x80\x8b စာေမးပြဲ"));
    CHECK(prob("ကျောင်းသားများ") == prob("ကျောင်း\xe2\x80\x8bသား\xe2\x80\x8cများ\xef\xbb\xbf"));
    /* as do the other characters around the Burmese: one state a run */
    CHECK(prob("(ကျောင်းသားများ)") == prob("((ABC ကျောင်းသားများ 123.)"));
}

TEST(nfc_order_stays_unicode)
{
    /* "that happened on the day": asat, dot below as typed (U+103A U+1037)
     * and as NFC puts them (U+1037 U+103A); both are Unicode */
    CHECK(prob("ဖြစ်ပွားခဲ့\xe1\x80\x9e\xe1\x80\x8a\xe1\x80\xba\xe1\x80\xb7နေ့") < 0.01);
    CHECK(prob("ဖြစ်ပွားခဲ့\xe1\x80\x9e\xe1\x80\x8a\xe1\x80\xb7\xe1\x80\xbaနေ့") < 0.01);
}

TEST(other_languages_stay_unicode)
{
    CHECK(prob("ၽွင်းၵူၼ်းတႆး ယူႇၼႂ်းမိူင်းတႆး") < 0.01);   /* Shan */
    CHECK(prob("ပ္ဍဲဍုင်မန်") < 0.01);                     /* Mon */
    CHECK(prob("ကၠောန်") < MK__ZAWGYI_THRESHOLD);          /* Mon medial la = Zawgyi stacked ka */
    CHECK(prob("တၢ်ဘျုးဒိၣ်မး") < 0.01);                    /* S'gaw Karen */
}

TEST(length_is_respected)
{
    const char *zg = phrases[0].zg;
    size_t n = strlen(zg);
    char *buf = malloc(n + 8);

    CHECK(buf != NULL);
    if (buf == NULL)
        return;
    memcpy(buf, "abc ", 4);
    memcpy(buf + 4, zg, n);
    CHECK(mk__zawgyi_probability(buf, 4) == 0.0);          /* the Burmese is past LEN */
    CHECK(mk__zawgyi_probability(buf, 5) == 0.0);          /* one byte of a character */
    CHECK(mk__zawgyi_probability(buf, 6) == 0.0);
    CHECK(mk__zawgyi_probability(buf, n + 4) == prob("abc ေက်းဇူးတင္ပါတယ္"));
    free(buf);
}

TEST(ill_formed_input_is_safe)
{
    static const char *bad[] = {
        "\xe1\x80", "\xe1", "\x80\x80\xe1\x80\x80", "\xe1\x80\x80\xff\xfe\xe1\x80\xba",
        "\xea\xa9", "\xf4\x8f\xbf\xbf\xe1\x80\x80", "\xed\xa0\x80\xe1\x80\x80",
        "\xe1\x80\x80\xc0\xaf\xe1\x80\xba\xe1",
    };

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(in_range(prob(bad[i])));
    CHECK(prob("\xe1\x80") == 0.0);            /* a truncated U+1000 is not one */
}

TEST(long_paragraphs_saturate)
{
    size_t n = strlen(phrases[1].uni), m = strlen(phrases[1].zg), reps = 2000;
    char *u = malloc(n * reps), *z = malloc(m * reps);
    double pu, pz;

    CHECK(u != NULL && z != NULL);
    if (u == NULL || z == NULL) {
        free(u);
        free(z);
        return;
    }
    for (size_t i = 0; i < reps; i++) {
        memcpy(u + i * n, phrases[1].uni, n);
        memcpy(z + i * m, phrases[1].zg, m);
    }
    pu = mk__zawgyi_probability(u, n * reps);
    pz = mk__zawgyi_probability(z, m * reps);
    CHECK(pu > 0.0 && pu < 1e-100);            /* tiny, never 0: it is Burmese */
    CHECK(pz == 1.0);
    free(u);
    free(z);
}

int
main(void)
{
    RUN(unicode_phrases_are_unicode);
    RUN(zawgyi_phrases_are_zawgyi);
    RUN(short_words_lean_the_right_way);
    RUN(no_myanmar_is_zero);
    RUN(every_myanmar_block_counts);
    RUN(no_evidence_is_not_zawgyi);
    RUN(mixed_with_english);
    RUN(spacing_and_zero_width_do_not_matter);
    RUN(nfc_order_stays_unicode);
    RUN(other_languages_stay_unicode);
    RUN(length_is_respected);
    RUN(ill_formed_input_is_safe);
    RUN(long_paragraphs_saturate);
    DONE();
}
