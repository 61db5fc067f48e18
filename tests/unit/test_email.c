/* test_email.c - e-mail addresses in running text (lib/email.c). */
#include <stdlib.h>

#include "check.h"
#include "extract.h"

#define MAXM 16

static size_t
find(const char *s, mk_email_match *m)
{
    return mk__email_find(s, strlen(s), m, MAXM);
}

/* Does S hold exactly one address, written SPAN (found by its first
 * occurrence in S), of KIND, with VALUE? Prints what it got if not. */
static int
one(const char *s, const char *span, int kind, const char *value)
{
    mk_email_match m[MAXM];
    const char *at = strstr(s, span);
    size_t n = find(s, m), i;

    if (at != NULL && n == 1 && m[0].start_b == (size_t)(at - s)
        && m[0].end_b == (size_t)(at - s) + strlen(span) && m[0].kind == kind
        && strcmp(m[0].value, value) == 0)
        return 1;
    printf("  in \"%s\": want [%s] kind %d \"%s\", got %zu:", s, span, kind, value, n);
    for (i = 0; i < n && i < MAXM; i++)
        printf(" [%.*s] kind %d \"%s\"", (int)(m[i].end_b - m[i].start_b), s + m[i].start_b,
               m[i].kind, m[i].value);
    printf("\n");
    return 0;
}

/* Is the whole of S one plain address with the value S? */
static int
whole(const char *s)
{
    return one(s, s, MK_EMAIL_PLAIN, s);
}

/* Does S hold no address at all? */
static int
none(const char *s)
{
    mk_email_match m[MAXM];
    size_t n = find(s, m);

    if (n == 0)
        return 1;
    printf("  in \"%s\": want none, got [%.*s] \"%s\" and %zu more\n", s,
           (int)(m[0].end_b - m[0].start_b), s + m[0].start_b, m[0].value, n - 1);
    return 0;
}

/* Is S not taken as a whole address (it may hold a part of one)? */
static int
not_whole(const char *s)
{
    mk_email_match m[MAXM];
    size_t n = find(s, m);

    if (n == 1 && m[0].start_b == 0 && m[0].end_b == strlen(s) && m[0].kind == MK_EMAIL_PLAIN) {
        printf("  \"%s\" taken as a whole address\n", s);
        return 0;
    }
    return 1;
}

TEST(plain_in_prose)
{
    CHECK(one("Contact us at info@vnexpress.net for details.", "info@vnexpress.net",
              MK_EMAIL_PLAIN, "info@vnexpress.net"));
    CHECK(one("write to a@b.org.", "a@b.org", MK_EMAIL_PLAIN, "a@b.org"));
    CHECK(one("write to a@b.org...", "a@b.org", MK_EMAIL_PLAIN, "a@b.org"));
    CHECK(one("(first.last+tag@sub.example.co.uk)", "first.last+tag@sub.example.co.uk",
              MK_EMAIL_PLAIN, "first.last+tag@sub.example.co.uk"));
    CHECK(one("<user_name@mail.example.com>,", "user_name@mail.example.com", MK_EMAIL_PLAIN,
              "user_name@mail.example.com"));
    CHECK(one("email: a@b.com-", "a@b.com", MK_EMAIL_PLAIN, "a@b.com"));
    CHECK(one("'john@example.com'", "john@example.com", MK_EMAIL_PLAIN, "john@example.com"));
    CHECK(one("*john@example.com*", "john@example.com", MK_EMAIL_PLAIN, "john@example.com"));
    CHECK(one("...john@example.com", "john@example.com", MK_EMAIL_PLAIN, "john@example.com"));
    CHECK(none("see...john@example.com"));      /* as "john..doe@": no guessing */
}

TEST(domain_lower_cased_local_kept)
{
    CHECK(one("or Expo.MDY@Gmail.com too", "Expo.MDY@Gmail.com", MK_EMAIL_PLAIN,
              "Expo.MDY@gmail.com"));
    CHECK(one("berth7.tenders@PAS-Sihanoukville.com.kh.", "berth7.tenders@PAS-Sihanoukville.com.kh",
              MK_EMAIL_PLAIN, "berth7.tenders@pas-sihanoukville.com.kh"));
    /* Unicode lower case in the domain */
    CHECK(one("Nguyễn.Văn@Bộ-Y-Tế.VN", "Nguyễn.Văn@Bộ-Y-Tế.VN", MK_EMAIL_PLAIN,
              "Nguyễn.Văn@bộ-y-tế.vn"));
    CHECK(one("ΘΣΕΡ@ΕΧΑΜΠΛΕ.ΨΟΜ", "ΘΣΕΡ@ΕΧΑΜΠΛΕ.ΨΟΜ", MK_EMAIL_PLAIN, "ΘΣΕΡ@εχαμπλε.ψομ"));
}

TEST(several)
{
    mk_email_match m[MAXM];
    const char *s = "contact: john@example.com/jane@example.org, joe@example.net; "
                    "ann@example.co.uk.";
    size_t n = find(s, m);

    CHECK(n == 4);
    CHECK_STR(s + m[0].start_b, m[0].end_b - m[0].start_b, "john@example.com");
    CHECK_STR(s + m[1].start_b, m[1].end_b - m[1].start_b, "jane@example.org");
    CHECK_STR(s + m[2].start_b, m[2].end_b - m[2].start_b, "joe@example.net");
    CHECK_STR(s + m[3].start_b, m[3].end_b - m[3].start_b, "ann@example.co.uk");
    CHECK(strcmp(m[3].value, "ann@example.co.uk") == 0);
    s = "john.doe@gmail.com,jane@yahoo.com";
    CHECK(find(s, m) == 2);
    CHECK(m[1].start_b == 19 && m[1].end_b == strlen(s));
}

TEST(cap)
{
    mk_email_match m[2];
    const char *s = "a@b.cc c@d.ee e@f.gg";

    m[1].start_b = 999;
    CHECK(mk__email_find(s, strlen(s), m, 1) == 3);
    CHECK(m[0].start_b == 0 && m[0].end_b == 6);
    CHECK(m[1].start_b == 999);
    CHECK(mk__email_find(s, strlen(s), NULL, 0) == 3);
    CHECK(mk__email_find("", 0, m, 2) == 0);
}

TEST(rfc_atoms)
{
    CHECK(whole("!#$%&`*+/=?^`{|}~@iana.org"));
    CHECK(whole("customer/department=shipping@iana.org"));
    CHECK(whole("user%uucp!path@berkeley.edu"));
    CHECK(whole("+1~1+@iana.org"));
    CHECK(whole("{_test_}@iana.org"));
    CHECK(whole("~@iana.org"));
    CHECK(whole("test@xn--hxajbheg2az3al.xn--jxalpdlp"));
    CHECK(whole("xn--test@iana.org"));
    CHECK(whole("test@c--n.com"));
    CHECK(whole("test@iana.co-uk"));
    CHECK(whole("test@iana.123"));
    CHECK(whole("first.last@3com.com"));
    CHECK(whole("test@255.255.255.255"));
    CHECK(whole("foobar@192.168.0.1"));
}

TEST(rfc_dots_and_hyphens)
{
    CHECK(not_whole(".test@iana.org"));
    CHECK(not_whole("test.@iana.org"));
    CHECK(none("test.@iana.org"));
    CHECK(none("test..test@iana.org"));
    CHECK(none("test@iana..com"));
    CHECK(none("test@.iana.org"));
    CHECK(not_whole("test@iana.org."));
    CHECK(none("test@-iana.org"));
    CHECK(none("test@iana-.com"));
    CHECK(not_whole("test@iana.org-"));
    CHECK(none("test@...........com"));
    CHECK(none("test@"));
    CHECK(none("@iana.org"));
    CHECK(none("test_exa-mple.com"));
}

TEST(rfc_lengths)
{
    char buf[400];

    /* local part: 64 octets, not 65 */
    CHECK(whole("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghiklm@iana.org"));
    CHECK(none("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghiklmn@iana.org"));
    /* label: 63 octets, not 64 */
    CHECK(whole("test@abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghikl.com"));
    CHECK(none("test@abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghiklm.com"));
    /* domain: 255 octets, not 256; address: 254 */
    strcpy(buf, "x@");
    for (int i = 0; i < 25; i++)
        strcat(buf, "x23456789.");
    strcat(buf, "x2");          /* domain of 252 */
    CHECK(whole(buf));
    strcat(buf, "345");         /* 255 but the address is 257 */
    CHECK(none(buf));
    strcpy(buf, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghiklm@"
                "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghikl."
                "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghikl."
                "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghi");
    CHECK(strlen(buf) == 254);
    CHECK(whole(buf));
    strcat(buf, "j");
    CHECK(none(buf));
}

TEST(quoted_local)
{
    CHECK(one("mail \"john..doe\"@example.org now", "\"john..doe\"@example.org",
              MK_EMAIL_PLAIN, "\"john..doe\"@example.org"));
    CHECK(whole("\"test\\\"blah\"@iana.org"));
    CHECK(whole("\"Fred Bloggs\"@iana.org"));
    CHECK(whole("\"\"@iana.org"));
    CHECK(whole("\"\\\\\"@iana.org"));
    CHECK(whole("\"first\\\\\\\"last\"@iana.org"));
    CHECK(whole("\"Abc@def\"@iana.org"));
    CHECK(whole("\"Abc\\@def\"@iana.org"));
    CHECK(whole("\"[[ test ]]\"@iana.org"));
    CHECK(none("\"\\\"@iana.org"));                 /* unclosed */
    CHECK(none("\"\"\"@iana.org"));
    CHECK(none("test\"text\"@iana.org"));
    CHECK(not_whole("\"test\"test@iana.org"));
    CHECK(not_whole("\"test\".\"test\"@iana.org"));   /* obsolete local part */
    CHECK(not_whole("\"test\".test@iana.org"));
    CHECK(none("\"test\\\xc2\xa9\"@iana.org"));      /* quoted pair of a non-ASCII byte */
    CHECK(none("\"\x7f\"@iana.org"));
    CHECK(none("\"\\\x07\"@iana.org"));
    CHECK(none("\"test\r\n blah\"@iana.org"));
    /* 64 octets counting the quotes */
    CHECK(none("\"abcdefghijklmnopqrstuvwxyz abcdefghijklmnopqrstuvwxyz abcdefghj\"@iana.org"));
}

TEST(quoted_nul)
{
    mk_email_match m[MAXM];
    const char s[] = "\"test\0\"@iana.org";

    CHECK(mk__email_find(s, sizeof s - 1, m, MAXM) == 0);
}

TEST(internationalized)
{
    CHECK(whole("用户@例子.广告"));
    CHECK(whole("θσερ@εχαμπλε.ψομ"));
    CHECK(whole("Pelé@example.com"));
    CHECK(whole("ñoñó1234@server.com"));
    CHECK(whole("ಬೆಂಬಲ@ಡೇಟಾಮೇಲ್.ಭಾರತ"));
    CHECK(whole("ข้อมูล@ตัวอย่าง.ไทย"));
    CHECK(one("用户@例子.广告，谢谢", "用户@例子.广告", MK_EMAIL_PLAIN, "用户@例子.广告"));
}

TEST(script_boundaries)
{
    /* ASCII next to Han, Thai, Khmer ... is a word of its own */
    CHECK(one("参展企业可发送邮件至expo2024@caexpo-nn.cn预约洽谈室", "expo2024@caexpo-nn.cn",
              MK_EMAIL_PLAIN, "expo2024@caexpo-nn.cn"));
    CHECK(one("医疗队联系邮箱为ynmedteam@kmmu-fah.cn，报名表", "ynmedteam@kmmu-fah.cn",
              MK_EMAIL_PLAIN, "ynmedteam@kmmu-fah.cn"));
    CHECK(one("ติดต่อทางอีเมลinfo@thai.or.thหรือโทร", "info@thai.or.th", MK_EMAIL_PLAIN,
              "info@thai.or.th"));
    CHECK(one("និងអ៊ីមែល digitalteacher@moeys.gov.kh។", "digitalteacher@moeys.gov.kh",
              MK_EMAIL_PLAIN, "digitalteacher@moeys.gov.kh"));
    CHECK(one("联系邮箱：zhang@163.com。", "zhang@163.com", MK_EMAIL_PLAIN, "zhang@163.com"));
}

TEST(address_literals)
{
    CHECK(whole("test@[255.255.255.255]"));
    CHECK(one("test@[IPv6:::1]", "test@[IPv6:::1]", MK_EMAIL_PLAIN, "test@[IPv6:::1]"));
    CHECK(whole("test@[IPv6:1111:2222:3333:4444:5555:6666:7777:8888]"));
    CHECK(whole("test@[IPv6:1111:2222:3333:4444::255.255.255.255]"));
    CHECK(whole("test@[IPv6:1111:2222:3333:4444:5555:6666:255.255.255.255]"));
    CHECK(whole("first.last@[IPv6:::12.34.56.78]"));
    CHECK(whole("first.last@[IPv6:a1::]"));
    CHECK(one("x@[IPv6:0123:4567:89ab:CDEF::]", "x@[IPv6:0123:4567:89ab:CDEF::]",
              MK_EMAIL_PLAIN, "x@[IPv6:0123:4567:89ab:cdef::]"));
    CHECK(one("at x@[1.2.3.4].", "x@[1.2.3.4]", MK_EMAIL_PLAIN, "x@[1.2.3.4]"));
    /* RFC 5322 domain literals and bad IPv6 */
    CHECK(none("test@[255.255.255]"));
    CHECK(none("test@[255.255.255.256]"));
    CHECK(none("test@[1111:2222:3333:4444:5555:6666:7777:8888]"));
    CHECK(none("test@[RFC-5322-domain-literal]"));
    CHECK(none("test@[IPv6:1111:2222:3333:4444:5555:6666:7777]"));
    CHECK(none("test@[IPv6:1111:2222:3333:4444:5555:6666:7777:8888:9999]"));
    CHECK(none("test@[IPv6:1111:2222:3333:4444:5555:6666:7777:888G]"));
    CHECK(none("test@[IPv6:1111:2222:3333:4444:5555:6666::7777:8888]"));
    CHECK(none("test@[IPv6::3333:4444:5555:6666:7777:8888]"));
    CHECK(none("test@[IPv6:1111::4444:5555::8888]"));
    CHECK(none("first.last@[IPv6::::]"));
    CHECK(none("test@[IPv6:1::2:]"));
    CHECK(none("first.last@[IPv6:a1:11.22.33.44]"));
    CHECK(none("first.last@[IPv6:a1::b211.22.33.44]"));
    CHECK(none("test@[1.2.3.4"));
    CHECK(none("aaa@[123.123.123.123]a"));
    CHECK(none("test@a[255.255.255.255]"));
}

TEST(not_rfc5321)
{
    /* comments, folding white space, obsolete forms: no whole address */
    CHECK(not_whole(" test@iana.org"));
    CHECK(not_whole("test@iana.org "));
    CHECK(not_whole("test@iana.org\n"));
    CHECK(not_whole("test@iana.org\r\n "));
    CHECK(not_whole("\r\n test@iana.org"));
    CHECK(not_whole("(comment)test@iana.org"));
    CHECK(none("test@(comment)iana.org"));
    CHECK(not_whole("test@iana.org(comment)"));
    CHECK(not_whole("test . test@iana.org"));
    CHECK(none(" test @iana.org"));
    CHECK(none("test@ iana .com"));
    CHECK(not_whole("cal@iamcal(woo).(yay)com"));
    CHECK(not_whole("first.(\")middle.last(\")@iana.org"));
    CHECK(none("test\\@test@iana.org"));
    CHECK(none("abc@def@iana.org"));
    CHECK(none("test@test@iana.org"));
    CHECK(none("test@@iana.org"));
    CHECK(not_whole("Doug\\ \\\"Ace\\\"\\ Lovell@iana.org"));
    CHECK(not_whole("hello world@iana.org"));
    CHECK(none("test@iana/icann.org"));
    CHECK(none("\x7f@iana.org"));
    CHECK(none("test@\x07.org"));
    CHECK(one("first.last@sub.do,com", "first.last@sub.do", MK_EMAIL_PLAIN, "first.last@sub.do"));
}

TEST(dotless_domain)
{
    /* only when the text is nothing but the address, or after mailto: */
    CHECK(whole("test@io"));
    CHECK(whole("a@b"));
    CHECK(one("mailto:root@localhost", "root@localhost", MK_EMAIL_PLAIN, "root@localhost"));
    CHECK(none("RT@VnExpress: tin mới"));
    CHECK(none("xin chào@mọi người"));
    CHECK(none("Vietnam@2024 is here"));
    CHECK(none("据@人民日报报道"));             /* a whole text, but not ASCII */
}

TEST(mailto)
{
    CHECK(one("<a href=\"mailto:john@example.com\">", "john@example.com", MK_EMAIL_PLAIN,
              "john@example.com"));
    CHECK(one("MAILTO:john@example.com?subject=hi", "john@example.com", MK_EMAIL_PLAIN,
              "john@example.com"));
}

TEST(urls_handles_files_packages)
{
    CHECK(none("see https://example.com/@user now"));
    CHECK(none("see https://medium.com/@john.doe/post-title"));
    CHECK(none("www.example.com/@jane.doe and example.com/u/john@x.org"));
    CHECK(none("http://user@host.example.com/path"));
    CHECK(none("ftp://user:pass@host.example.com/x"));
    CHECK(none("follow @mekong_news and @vnexpress.net"));
    CHECK(none("Follow @user@mastodon.social for news"));
    CHECK(none("photo@2x.png icon@3x.jpg logo@2x.webp"));
    CHECK(none("version@1.2.3, lodash@4.17.21 and @babel/core@7.0.0, python@3.11"));
    CHECK(none("price 5@10.5 each"));
    CHECK(none("http://example.com/path?email=john@example.com"));
    CHECK(none("hello@mekong_news.com"));
}

TEST(obfuscated)
{
    CHECK(one("write to lmvea.secretariat [at] ynvtc [dot] edu [dot] cn.",
              "lmvea.secretariat [at] ynvtc [dot] edu [dot] cn", MK_EMAIL_OBFUSCATED,
              "lmvea.secretariat@ynvtc.edu.cn"));
    CHECK(one("địa chỉ hoptac.quocte(at)HCDC-TPHCM.vn.", "hoptac.quocte(at)HCDC-TPHCM.vn",
              MK_EMAIL_OBFUSCATED, "hoptac.quocte@hcdc-tphcm.vn"));
    CHECK(one("name (at) example (dot) org", "name (at) example (dot) org",
              MK_EMAIL_OBFUSCATED, "name@example.org"));
    CHECK(one("name [AT] example [DOT] com", "name [AT] example [DOT] com",
              MK_EMAIL_OBFUSCATED, "name@example.com"));
    CHECK(one("name[at]example[dot]com", "name[at]example[dot]com", MK_EMAIL_OBFUSCATED,
              "name@example.com"));
    CHECK(one("name@example[.]com", "name@example[.]com", MK_EMAIL_OBFUSCATED,
              "name@example.com"));
    CHECK(one("name@example(dot)com", "name@example(dot)com", MK_EMAIL_OBFUSCATED,
              "name@example.com"));
    CHECK(one("name[@]example.com", "name[@]example.com", MK_EMAIL_OBFUSCATED,
              "name@example.com"));
    CHECK(one("john [dot] doe [at] example [dot] com", "john [dot] doe [at] example [dot] com",
              MK_EMAIL_OBFUSCATED, "john.doe@example.com"));
    /* after a bracketed at, a bare " dot " is a dot too */
    CHECK(one("john [at] example dot com", "john [at] example dot com", MK_EMAIL_OBFUSCATED,
              "john@example.com"));
    CHECK(one("媒体采访申请请发至media(at)caexpo-nn.cn。", "media(at)caexpo-nn.cn",
              MK_EMAIL_OBFUSCATED, "media@caexpo-nn.cn"));
}

TEST(full_width)
{
    CHECK(one("name＠example．com", "name＠example．com", MK_EMAIL_OBFUSCATED,
              "name@example.com"));
    CHECK(one("name＠example.com。", "name＠example.com", MK_EMAIL_OBFUSCATED,
              "name@example.com"));
    CHECK(one("ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｃｏｍ", "ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｃｏｍ",
              MK_EMAIL_OBFUSCATED, "john@example.com"));
}

TEST(not_obfuscated)
{
    /* bare words and prose brackets are not the signal */
    CHECK(none("name at example dot com"));
    CHECK(none("name AT example DOT com"));
    CHECK(none("email us (at) the office. Meeting (at) 3pm. [at] home"));
    CHECK(none("the vote [at] 10.30 today"));
}

TEST(placeholder)
{
    mk_email_match m[MAXM];
    const char *s = "or at [email protected]. Journalists";
    const char *t = "or at [email\xc2\xa0protected].";

    CHECK(find(s, m) == 1);
    CHECK(m[0].kind == MK_EMAIL_PLACEHOLDER);
    CHECK_STR(s + m[0].start_b, m[0].end_b - m[0].start_b, "[email protected]");
    CHECK(m[0].value[0] == '\0');
    CHECK(find(t, m) == 1);
    CHECK(m[0].kind == MK_EMAIL_PLACEHOLDER);
    CHECK_STR(t + m[0].start_b, m[0].end_b - m[0].start_b, "[email\xc2\xa0protected]");
    CHECK(none("[email] protected"));
}

TEST(pathological_linear)
{
    size_t n = 1 << 20, i;
    char *s = malloc(n + 32);
    mk_email_match m[MAXM];

    CHECK(s != NULL);
    if (s == NULL)
        return;
    for (i = 0; i < n; i++)
        s[i] = "a@"[i % 2];
    CHECK(mk__email_find(s, n, m, MAXM) == 0);
    memset(s, '.', n);
    CHECK(mk__email_find(s, n, m, MAXM) == 0);
    memset(s, '@', n);
    CHECK(mk__email_find(s, n, m, MAXM) == 0);
    for (i = 0; i < n; i++)
        s[i] = "a."[i % 2];
    s[n / 2] = '@';
    CHECK(mk__email_find(s, n, m, MAXM) == 0);
    for (i = 0; i < n; i++)
        s[i] = "\"\\@"[i % 3];
    CHECK(mk__email_find(s, n, m, MAXM) == 0);
    for (i = 0; i < n; i++)
        s[i] = "(at)"[i % 4];
    CHECK(mk__email_find(s, n, m, MAXM) == 0);
    /* an address after a megabyte of near misses is still found */
    memset(s, 'a', n);
    for (i = 0; i < n; i += 100)
        s[i] = '@';
    memcpy(s + n, " x@y.org", 9);
    CHECK(mk__email_find(s, n + 8, m, MAXM) == 1);
    CHECK(m[0].start_b == n + 1 && m[0].end_b == n + 8);
    free(s);
}

int
main(void)
{
    RUN(plain_in_prose);
    RUN(domain_lower_cased_local_kept);
    RUN(several);
    RUN(cap);
    RUN(rfc_atoms);
    RUN(rfc_dots_and_hyphens);
    RUN(rfc_lengths);
    RUN(quoted_local);
    RUN(quoted_nul);
    RUN(internationalized);
    RUN(script_boundaries);
    RUN(address_literals);
    RUN(not_rfc5321);
    RUN(dotless_domain);
    RUN(mailto);
    RUN(urls_handles_files_packages);
    RUN(obfuscated);
    RUN(full_width);
    RUN(not_obfuscated);
    RUN(placeholder);
    RUN(pathological_linear);
    DONE();
}
