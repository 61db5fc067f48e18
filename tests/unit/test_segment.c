/* test_segment.c - sentences and tokens: ICU plus the project's rules. */
#include <stdlib.h>

#include "check.h"
#include "mekong.h"

static mk_segmenter *sg;

/* The sentences of TEXT in LANG joined by "|". */
static void
sents(const char *text, const char *lang, char *out, size_t size)
{
    const mk_span *sp;
    mk_error err;
    size_t used = 0;
    int n = mk_seg_sentences(sg, text, strlen(text), lang, &sp, &err);

    out[0] = '\0';
    for (int i = 0; i < n; i++)
        used += (size_t)snprintf(out + used, size - used, "%s%.*s", i ? "|" : "",
                                 (int)(sp[i].end_b - sp[i].start_b), text + sp[i].start_b);
}

static void
toks(const char *text, const char *lang, char *out, size_t size)
{
    const mk_span *sp;
    mk_error err;
    size_t used = 0;
    int n = mk_seg_tokens(sg, text, strlen(text), lang, &sp, &err);

    out[0] = '\0';
    for (int i = 0; i < n; i++)
        used += (size_t)snprintf(out + used, size - used, "%s%.*s/%s", i ? " " : "",
                                 (int)(sp[i].end_b - sp[i].start_b), text + sp[i].start_b,
                                 mk_tok_kind_name(sp[i].kind));
}

#define SENTS(text, lang, want) do { \
    char o_[1024]; sents(text, lang, o_, sizeof o_); CHECK_STR(o_, strlen(o_), want); \
} while (0)
#define TOKS(text, lang, want) do { \
    char o_[1024]; toks(text, lang, o_, sizeof o_); CHECK_STR(o_, strlen(o_), want); \
} while (0)

TEST(english_abbreviations)
{
    SENTS("Mr. Yang met Dr. Smith. He left.", "en", "Mr. Yang met Dr. Smith.|He left.");
    SENTS("It was J. R. R. Tolkien's book. Yes.", "en", "It was J. R. R. Tolkien's book.|Yes.");
    SENTS("Prices rose 3.5 percent on Aug. 21 in the U.S. market.", "en",
          "Prices rose 3.5 percent on Aug. 21 in the U.S. market.");
    SENTS("He said \"stop.\" Then he left.", "en", "He said \"stop.\"|Then he left.");
    /* footnote marks end the sentence they follow; no sentence starts
     * with a semicolon; "v." goes on */
    SENTS("He was a martyr.[1][2] The emperor left.", "en", "He was a martyr.[1][2]|The emperor left.");
    SENTS("Amara, 20, Mississauga, Ont.; Dirie, 22, Kingston, Ont.", "en",
          "Amara, 20, Mississauga, Ont.; Dirie, 22, Kingston, Ont.");
    SENTS("The ruling in Hamdan v. Rumsfeld came today.", "en", "The ruling in Hamdan v. Rumsfeld came today.");
    /* a letter's sign-off; chat that writes i for I */
    SENTS("See you then. Best regards, Debra Perlingiere", "en",
          "See you then.|Best regards,|Debra Perlingiere");
    SENTS("i used to have one. they are great dogs. no. i got it.", "en",
          "i used to have one.|they are great dogs.|no.|i got it.");
    SENTS("We used to have one. they are great dogs.", "en", "We used to have one. they are great dogs.");
    /* a question mark after a letter of any script ends a sentence before
     * a small letter */
    SENTS("\xd0\xba\xd1\x96\xd0\xbc? \xd0\xbd\xd0\xb5?", "kk", "\xd0\xba\xd1\x96\xd0\xbc?|\xd0\xbd\xd0\xb5?");
    SENTS("x", "en", "x");
    SENTS("", "en", "");
    /* a stop that lost its space, and signs inside names */
    SENTS("Hello world.Today is Tuesday.It rose 1,000.That is a lot. See Newsfeeds.Com now.", "en",
          "Hello world.|Today is Tuesday.|It rose 1,000.|That is a lot.|See Newsfeeds.Com now.");
    /* a.m. and p.m. before a capitalized word end a sentence, but not
     * before a weekday, a time zone or a title */
    SENTS("He left at 6 P.M. Travelers stayed. We met at 6 p.m. Monday, at 7 a.m. ET and at 5 a.m. Mr. Li came.",
          "en", "He left at 6 P.M.|Travelers stayed.|We met at 6 p.m. Monday, at 7 a.m. ET and at 5 a.m. Mr. Li came.");
    SENTS("See www.example.com.He works at Yahoo! and Y!J. in Tokyo.", "en",
          "See www.example.com.He works at Yahoo! and Y!J. in Tokyo.");
}

TEST(lists_and_ellipses)
{
    SENTS("1) The first item 2) The second item", "en", "1) The first item|2) The second item");
    SENTS("a. The first item b. The second item", "en", "a. The first item|b. The second item");
    SENTS("Prices rose. 2. The market fell.", "en", "Prices rose.|2. The market fell.");
    SENTS("He paused . . . then went on.", "en", "He paused . . . then went on.");
    SENTS("It ended. . . . The next began.", "en", "It ended.|. . . The next began.");
    SENTS("See p. 55 and N\xc2\xb0. 12 today.", "en", "See p. 55 and N\xc2\xb0. 12 today.");
    SENTS("I live in the U.S. How about you?", "en", "I live in the U.S.|How about you?");
    SENTS("Talks with Gen. Min Aung ended.", "en", "Talks with Gen. Min Aung ended.");
}

TEST(region_signs)
{
    /* Khmer ។ ends a sentence; ក.អ.យ.ក is an abbreviation */
    SENTS("\xe1\x9e\x80.\xe1\x9e\xa2 \xe1\x9e\x98\xe1\x9e\x80\xe1\x9f\x94 \xe1\x9e\x91\xe1\x9f\x85\xe1\x9f\x94",
          "km", "\xe1\x9e\x80.\xe1\x9e\xa2 \xe1\x9e\x98\xe1\x9e\x80\xe1\x9f\x94|\xe1\x9e\x91\xe1\x9f\x85\xe1\x9f\x94");
    /* Burmese ၊ is a comma, ။ a stop */
    SENTS("\xe1\x80\x80\xe1\x81\x8a \xe1\x80\x81\xe1\x81\x8b \xe1\x80\x82\xe1\x81\x8b", "my",
          "\xe1\x80\x80\xe1\x81\x8a \xe1\x80\x81\xe1\x81\x8b|\xe1\x80\x82\xe1\x81\x8b");
    /* Thai: ดร. and ส.ค. do not end sentences */
    SENTS("\xe0\xb8\x94\xe0\xb8\xa3. \xe0\xb8\x81 21 \xe0\xb8\xaa.\xe0\xb8\x84. \xe0\xb8\x82", "th",
          "\xe0\xb8\x94\xe0\xb8\xa3. \xe0\xb8\x81 21 \xe0\xb8\xaa.\xe0\xb8\x84. \xe0\xb8\x82");
    /* Chinese 。 */
    SENTS("\xe4\xbb\x96\xe6\x9d\xa5\xe4\xba\x86\xe3\x80\x82\xe6\x88\x91\xe8\xb5\xb0\xe4\xba\x86\xe3\x80\x82",
          "zh", "\xe4\xbb\x96\xe6\x9d\xa5\xe4\xba\x86\xe3\x80\x82|\xe6\x88\x91\xe8\xb5\xb0\xe4\xba\x86\xe3\x80\x82");
    /* a closing mark after 。 stays, an opening one goes with what follows:
     * 他说：“走了。”好。“《书》”中。 */
    SENTS("他说：“走了。”好。“《书》”中。", "zh", "他说：“走了。”|好。|“《书》”中。");
}

TEST(tokens_and_kinds)
{
    TOKS("Mr. Yang paid $3.50, see www.example.org/x or mail a.b@example.com.", "en",
         "Mr./word Yang/word paid/word $/symbol 3.50/number ,/punct see/word "
         "www.example.org/x/word or/word mail/word a.b@example.com/word ./punct");
    TOKS("\xe4\xb8\xad\xe5\x9b\xbd 2024", "zh", "\xe4\xb8\xad\xe5\x9b\xbd/ideo 2024/number");
}

TEST(offsets_in_code_points)
{
    const mk_span *sp;
    mk_error err;
    const char *t = "\xc3\xa9t\xc3\xa9. Non.";    /* été. Non. */
    int n = mk_seg_sentences(sg, t, strlen(t), "fr", &sp, &err);
    CHECK(n == 2);
    if (n == 2) {
        CHECK(sp[0].start == 0 && sp[0].end == 4);
        CHECK(sp[1].start == 5 && sp[1].end == 9);
        CHECK(sp[1].start_b == 7);
    }
}

TEST(treebank_tokens)
{
    /* English: runs of signs, emoticons, times, dates, numbers, prefixes */
    TOKS("Wait... what?! -- ok :-) at 08:02:15 on 08/16/2000, call 303-832-8160 #news",
         "en", "Wait/word .../punct what/word ?!/punct --/punct ok/word :-)/punct at/word "
         "08:02:15/number on/word 08/16/2000/number ,/punct call/word 303-832-8160/number "
         "#news/word");
    TOKS("An e-mail, a long-term plan b/c of 1990-1995 w/ 10-15 km\xc2\xb2", "en",
         "An/word e-mail/word ,/punct a/word long/word -/punct term/word plan/word b/c/word "
         "of/word 1990/number -/punct 1995/number w//word 10/number -/punct 15/number "
         "km\xc2\xb2/word");
    /* a stop that lost its space is a token, as the sentence pass cuts
     * there; a domain keeps its */
    TOKS("world.Today at Newsfeeds.Com", "en",
         "world/word ./punct Today/word at/word Newsfeeds.Com/word");
    /* a number apart from its unit, but an ordinal or a decade whole;
     * plurals of digits, short years, plural possessives, ZIP+4 codes
     * and mailto: links whole; a quote that closes a quotation apart */
    TOKS("375mm of 4th in 1990s, the 80's and '67, soldiers' home, TX 77388-5746 "
         "<mailto:a.b@c.com> 'the boys' x", "en",
         "375/number mm/word of/word 4th/word in/word 1990s/word ,/punct the/word 80's/number "
         "and/word '67/number ,/punct soldiers'/word home/word ,/punct TX/word 77388-5746/number "
         "</symbol mailto:a.b@c.com/word >/symbol '/punct the/word boys/word '/punct x/word");
    /* a prefix glued to a word before it is no prefix */
    TOKS("x-re-do", "en", "x/word -/punct re/word -/punct do/word");
    /* Indonesian: hyphenated words whole; stops, hashtags and runs apart */
    TOKS("Dr. Ani membeli buku-buku ke-5 pada 1960-an... #indo", "id",
         "Dr/word ./punct Ani/word membeli/word buku-buku/word ke-5/word pada/word "
         "1960-an/number ./punct ./punct ./punct #/punct indo/word");
}

TEST(offsets_past_the_bmp)
{
    /* characters of two UTF-16 units before the tokens and sentences: ICU
     * iterates UTF-16, the spans are bytes and code points */
    const mk_span *sp;
    mk_error err;
    const char *t = "\xf0\x9f\x98\x80 Go \xf0\x9f\x98\x80\xf0\x9f\x98\x80 now. Then \xf0\xa0\x80\x80 stop.";
    int n = mk_seg_tokens(sg, t, strlen(t), "en", &sp, &err);
    CHECK(n == 10);
    if (n == 10) {
        CHECK(sp[1].start_b == 5 && sp[1].end_b == 7 && sp[1].start == 2 && sp[1].end == 4);
        CHECK(sp[3].start_b == 12 && sp[3].start == 6 && sp[3].end == 7);
        CHECK(sp[4].start_b == 17 && sp[4].end_b == 20 && sp[4].start == 8 && sp[4].end == 11);
        CHECK(sp[7].start_b == 27 && sp[7].end_b == 31 && sp[7].start == 18 && sp[7].end == 19);
        CHECK(sp[8].start_b == 32 && sp[8].start == 20 && sp[8].end == 24);
    }
    n = mk_seg_sentences(sg, t, strlen(t), "en", &sp, &err);
    CHECK(n == 2);
    if (n == 2)
        CHECK(sp[1].start_b == 22 && sp[1].start == 13 && sp[1].end == 25);
    /* invalid UTF-8 from a caller of the library: segmented all the same */
    TOKS("a \xff b.", "en", "a/word \xff/word b/word ./punct");
}

int
main(void)
{
    mk_error err;

    sg = mk_segmenter_new(&err);
    if (sg == NULL) {
        printf("FAIL mk_segmenter_new: %s\n", err.msg);
        return 1;
    }
    RUN(english_abbreviations);
    RUN(lists_and_ellipses);
    RUN(region_signs);
    RUN(tokens_and_kinds);
    RUN(treebank_tokens);
    RUN(offsets_past_the_bmp);
    RUN(offsets_in_code_points);
    mk_segmenter_free(sg);
    DONE();
}
