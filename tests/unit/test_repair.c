/* test_repair.c - mojibake repair, HTML references and tags, boilerplate,
 * and the guess of legacy encodings. */
#include <stdlib.h>

#include "check.h"
#include "internal.h"

static void
moji(const char *in, const char *want, long want_fixed)
{
    mk_buf b = { 0 };
    long n = mk__mojibake_repair(in, strlen(in), &b);
    CHECK(n == want_fixed);
    if (n > 0)
        CHECK_STR(b.p, b.len, want);
    mk__buf_free(&b);
}

TEST(mojibake_repaired)
{
    moji("Caf\xc3\x83\xc2\xa9", "Caf\xc3\xa9", 1);                          /* CafÃ© */
    moji("it\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s", "it\xe2\x80\x99s", 1);        /* itâ€™s */
    /* twice: Ã¢â‚¬â„¢ -> â€™ -> ’ */
    moji("\xc3\x83\xc2\xa2\xc3\xa2\xe2\x80\x9a\xc2\xac\xc3\xa2\xe2\x80\x9e\xc2\xa2",
         "\xe2\x80\x99", 4);
    /* Thai read as Latin-1: C1 controls stand for the bytes 0x80..0x9F */
    moji("\xc3\xa0\xc2\xb8\xc2\x81", "\xe0\xb8\x81", 1);
    /* Vietnamese: Viá»‡t */
    moji("Vi\xc3\xa1\xc2\xbb\xe2\x80\xa1t", "Vi\xe1\xbb\x87t", 1);
}

TEST(clean_text_untouched)
{
    moji("caf\xc3\xa9", "", 0);                         /* café */
    moji("\xc3\x83 la", "", 0);                         /* Ã  la */
    moji("SPA\xc3\x9f\xe2\x80\x9c", "", 0);             /* SPAß“ */
    moji("OL\xc3\x89\xe2\x80\xa6", "", 0);              /* OLÉ… */
    moji("caf\xc3\xa9\xc2\xbb", "", 0);                 /* café» */
    moji("S\xc3\xa3o Paulo, \xc3\x80 bient\xc3\xb4t", "", 0);
    moji("plain ASCII", "", 0);
}

static void
html(const char *in, int strip, const char *want)
{
    mk__html h = { 0 };
    mk_buf b = { 0 };
    uint64_t tags = 0, refs = 0;
    CHECK(mk__html_clean(&h, in, strlen(in), strip, &b, &tags, &refs) == 0);
    CHECK_STR(b.p, b.len, want);
    mk__buf_free(&b);
}

TEST(html_references)
{
    html("AT&amp;T &lt;b&gt; &#8217;&#x1F600; &eacute;&nbsp;x", 0,
         "AT&T <b> \xe2\x80\x99\xf0\x9f\x98\x80 \xc3\xa9\xc2\xa0x");
    html("&#146; &#0; &#xD800; &nosuch; & alone &amp", 0,
         "\xe2\x80\x99 \xef\xbf\xbd \xef\xbf\xbd &nosuch; & alone &amp");
    html("<p>kept when not stripping</p>", 0, "<p>kept when not stripping</p>");
}

TEST(html_tags)
{
    html("<p>One <b>bold</b> word.</p><p>Two</p>", 1, "\n\nOne bold word.\n\n\n\nTwo\n\n");
    html("a<br>b<br/>c", 1, "a\nb\nc");
    html("x<script>if (a < b) { s = \"</p>\"; }</script>y<style>p{}</style>z", 1, "xyz");
    html("1 < 2 and 3 > 2", 1, "1 < 2 and 3 > 2");
    html("<a href=\"x>y\">link</a> <!-- gone --> <img alt='>'>", 1, "link  ");
}

TEST(html_state_over_lines)
{
    mk__html h = { 0 };
    mk_buf b = { 0 };
    uint64_t t = 0, r = 0;
    CHECK(mk__html_clean(&h, "text <a", 7, 1, &b, &t, &r) == 0);
    CHECK_STR(b.p, b.len, "text ");
    CHECK(mk__html_clean(&h, "href=x>more <!-- a", 18, 1, &b, &t, &r) == 0);
    CHECK_STR(b.p, b.len, "more ");
    CHECK(mk__html_clean(&h, "comment --> end", 15, 1, &b, &t, &r) == 0);
    CHECK_STR(b.p, b.len, " end");
    mk__buf_free(&b);
}

TEST(html_like)
{
    const char *page = "<html><body><p>Hello</p></body></html>";
    const char *text = "Prices rose 3% as x < y and the <b> tag was discussed.";
    CHECK(mk__html_like(page, strlen(page)));
    CHECK(!mk__html_like(text, strlen(text)));
}

TEST(boilerplate)
{
    CHECK(mk__boilerplate("Advertisement", 13));
    CHECK(mk__boilerplate("ADVERTISEMENT", 13));
    CHECK(mk__boilerplate("Baca juga:", 10));
    CHECK(mk__boilerplate("Read more \xc2\xbb", 12));
    CHECK(mk__boilerplate("\xe0\xb9\x82\xe0\xb8\x86\xe0\xb8\xa9\xe0\xb8\x93\xe0\xb8\xb2", 15));
    CHECK(!mk__boilerplate("Advertisement revenue fell 3%", 29));
    CHECK(!mk__boilerplate("Baca juga berita lainnya di situs kami", 38));
}

TEST(charset_rules)
{
    /* "ภาษาไทย ก่อน" in TIS-620 */
    const char th[] = "\xc0\xd2\xc9\xd2\xe4\xb7\xc2 \xa1\xe8\xcd\xb9 \xc0\xd2\xc9\xd2\xe4\xb7\xc2";
    /* "Việt Nam, người" in windows-1258 with combining tones */
    const char vi[] = "Vi\xea\xf2t Nam, ng\xfd\xf5\xcci \xf0" "e\xf2p qua\xec";
    /* "café déjà vu" in windows-1252 */
    const char fr[] = "caf\xe9 d\xe9j\xe0 vu, na\xefve r\xe9sum\xe9";
    CHECK(strcmp(mk_charset_detect(th, sizeof th - 1), "windows-874") == 0);
    CHECK(strcmp(mk_charset_detect(vi, sizeof vi - 1), "windows-1258") == 0);
    const char *e = mk_charset_detect(fr, sizeof fr - 1);
    CHECK(strcmp(e, "windows-874") != 0 && strcmp(e, "windows-1258") != 0);
}

int
main(void)
{
    RUN(mojibake_repaired);
    RUN(clean_text_untouched);
    RUN(html_references);
    RUN(html_tags);
    RUN(html_state_over_lines);
    RUN(html_like);
    RUN(boilerplate);
    RUN(charset_rules);
    DONE();
}
