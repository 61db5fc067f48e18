/*
 * test_date.c - the date finder and resolver: forms of the ten languages,
 * spans and values against a reference date, what is not a date, and the
 * calendar arithmetic.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "extract.h"

static mk_datefinder *df;

/* Finds the dates of TEXT in LANG, resolves them against REF (Y M D) and
 * writes "span=value;..." to OUT. */
static const char *
dates(const char *lang, const char *text, int y, int m, int d)
{
    static char out[2048];
    mk_date_match dm[32];
    long n = mk__dates_find(df, text, strlen(text), lang, 1, dm, 32);
    size_t o = 0;

    out[0] = '\0';
    for (long i = 0; i < n && i < 32; i++) {
        char v[64];
        mk__date_value(&dm[i].date, y, m, d, v, sizeof v);
        o += (size_t)snprintf(out + o, sizeof out - o, "%.*s=%s;",
                              (int)(dm[i].end_b - dm[i].start_b), text + dm[i].start_b, v);
    }
    return out;
}

#define SAME(got, want) CHECK_STR(got, strlen(got), want)

TEST(english)
{
    SAME(dates("en", "VIENTIANE, Aug. 21 -- arrived on Tuesday.", 2024, 8, 23),
         "Aug. 21=2024-08-21;Tuesday=2024-08-20;");
    SAME(dates("en", "(Latest Update August 23, 2024)", 0, 0, 0), "August 23, 2024=2024-08-23;");
    SAME(dates("en", "August 21-23, 2024 and 21/08/2024 and 2024-08-21", 0, 0, 0),
         "August 21-23, 2024=2024-08-21/2024-08-23;21/08/2024=2024-08-21;2024-08-21=2024-08-21;");
    SAME(dates("en", "in March 2023, yesterday, last week, next Tuesday", 2024, 8, 23),
         "March 2023=2023-03;yesterday=2024-08-22;last week=2024-W33;next Tuesday=2024-08-27;");
    SAME(dates("en", "meet at 9.30am on Monday", 2024, 8, 23), "9.30am on Monday=2024-08-19T09:30;");
    SAME(dates("en", "two years ago, the third quarter, the 1990s", 1989, 10, 26),
         "two years ago=1987;the third quarter=1989-Q3;1990s=199;");
    SAME(dates("en", "It will resume on Monday.", 2024, 8, 23), "Monday=2024-08-26;");
    SAME(dates("en", "since March", 1989, 11, 2), "March=1989-03;");
}

TEST(not_dates)
{
    SAME(dates("en", "May I say it may rain?", 2024, 8, 23), "");
    SAME(dates("en", "on 31 February 2024 and 13/13/2024", 2024, 8, 23), "");
    SAME(dates("en", "room 2567, US$2024, Expo 2025 opens", 2024, 8, 23), "");
    SAME(dates("en", "every Friday", 2024, 8, 23), "");
    SAME(dates("zh", "2000余家企业", 2024, 8, 23), "");
    SAME(dates("my", "၉ လ", 2024, 8, 23), "");
    SAME(dates("en", "yesterday", 0, 0, 0), "yesterday=;");
}

TEST(southeast_asia)
{
    SAME(dates("th", "วันที่ 11 ก.ย. 2567 และ เมื่อวานนี้ ปี พ.ศ. ๒๕๕๙", 2024, 9, 12),
         "วันที่ 11 ก.ย. 2567=2024-09-11;เมื่อวานนี้=2024-09-11;ปี พ.ศ. ๒๕๕๙=2016;");
    SAME(dates("th", "วันอังคารที่ผ่านมา และ เดือนกันยายน", 2024, 9, 12),
         "วันอังคารที่ผ่านมา=2024-09-10;เดือนกันยายน=2024-09;");
    SAME(dates("lo", "ວັນທີ ໒ ກໍລະກົດ ໒໐໒໔ ມື້ວານນີ້", 2024, 7, 3),
         "ວັນທີ ໒ ກໍລະກົດ ໒໐໒໔=2024-07-02;ມື້ວານນີ້=2024-07-02;");
    SAME(dates("km", "នៅ\xe2\x80\x8bថ្ងៃទី៤ ខែតុលា ឆ្នាំ២០២៤", 2024, 10, 4),
         "ថ្ងៃទី៤ ខែតុលា ឆ្នាំ២០២៤=2024-10-04;");
    SAME(dates("my", "၂၀၂၄ ခုနှစ် ဩဂုတ်လ ၂၁ ရက်", 0, 0, 0), "၂၀၂၄ ခုနှစ် ဩဂုတ်လ ၂၁ ရက်=2024-08-21;");
    SAME(dates("my", "လာမည့် စနေနေ့", 2024, 8, 21), "လာမည့် စနေနေ့=2024-08-24;");
    SAME(dates("zh", "本报南宁9月24日电 今年12月 上周二", 2024, 9, 24),
         "9月24日=2024-09-24;今年12月=2024-12;上周二=2024-09-17;");
    SAME(dates("zh", "二〇二四年八月二十一日", 0, 0, 0), "二〇二四年八月二十一日=2024-08-21;");
    SAME(dates("vi", "ngày 21 tháng 8 năm 2024, ngày 15/7, tháng 5/2024, hôm qua", 2024, 10, 30),
         "ngày 21 tháng 8 năm 2024=2024-08-21;ngày 15/7=2024-07-15;tháng 5/2024=2024-05;hôm qua=2024-10-29;");
    SAME(dates("id", "Senin (7/10) pekan lalu September tahun depan", 2024, 10, 8),
         "Senin (7/10)=2024-10-07;pekan lalu=2024-W40;September tahun depan=2025-09;");
    SAME(dates("ms", "27 Nov semalam Isnin lalu", 2024, 11, 27),
         "27 Nov=2024-11-27;semalam=2024-11-26;Isnin lalu=2024-11-25;");
    SAME(dates("fil", "Sabado, Hulyo 13 at noong Linggo", 2024, 9, 3),
         "Sabado, Hulyo 13=2024-07-13;noong Linggo=2024-09-01;");
}

TEST(calendar)
{
    mk_date d;
    char v[64];

    memset(&d, 0, sizeof d);
    d.hh = d.mi = -1;
    d.yrel = d.mrel = d.wrel = d.drel = MK_DATE_NONE;
    d.drel = -1;
    CHECK(mk__date_value(&d, 2024, 3, 1, v, sizeof v) == 0 && strcmp(v, "2024-02-29") == 0);
    CHECK(mk__date_value(&d, 2023, 1, 1, v, sizeof v) == 0 && strcmp(v, "2022-12-31") == 0);
    d.drel = MK_DATE_NONE;
    d.wrel = 0;
    CHECK(mk__date_value(&d, 2021, 1, 3, v, sizeof v) == 0 && strcmp(v, "2020-W53") == 0);
    CHECK(mk__date_value(&d, 0, 0, 0, v, sizeof v) == -1 && v[0] == '\0');
    CHECK(mk__weekday(2024, 9, 3) == 2);
    CHECK(mk__date_day_first("en_US") == 0 && mk__date_day_first("th") == 1);
}

int
main(void)
{
    mk_error err;
    if ((df = mk__dates_new(&err)) == NULL) {
        printf("FAIL mk__dates_new: %s\n", err.msg);
        return 1;
    }
    RUN(english);
    RUN(not_dates);
    RUN(southeast_asia);
    RUN(calendar);
    mk__dates_free(df);
    DONE();
}
