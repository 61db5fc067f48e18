/*
 * date.c - date expressions in running text, in the ten languages.
 *
 * Two passes over a paragraph. The lexer turns the text into items:
 * numbers in any of the region's digit scripts (and Chinese numerals
 * before 年月日), punctuation, and phrases of a per-language lexicon. The
 * lexicon's month and weekday names and its relative phrases ("yesterday",
 * "tuần trước", "上周二") come from ICU's CLDR data; only the small words
 * that tie a date together (the markers "วันที่", "ngày", "年", "ရက်", the
 * modifiers "lalu", "ที่ผ่านมา", "trước") are typed here. The parser then
 * reads runs of adjacent items as one date: components (year, month, day,
 * weekday), numeric forms (2024-08-21, 21/08/2024), ranges (August 21-23),
 * relative phrases and a time of day attached to a date.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/udat.h>
#include <unicode/ureldatefmt.h>
#include <unicode/ustring.h>
#include <unicode/uchar.h>
#include <utf8proc.h>

#include "extract.h"
#include "internal.h"

/* ------------------------------------------------------------------ */
/* The lexicon                                                         */

enum {
    L_MONTH = 1,  /* a = month */
    L_WDAY,       /* a = 1..7, Monday first */
    L_REL,        /* a = unit, b = offset (weekday units: a = U_WDAY + day) */
    L_UNIT,       /* a = unit */
    L_MODPRE,     /* a = direction: -1 last, 1 next, 2 this */
    L_MODPOST,
    L_PRE,        /* a = role: R_YEAR, R_MONTH, R_DAY */
    L_POST,
    L_ORD,        /* "st", "nd", "rd", "th" after a day */
    L_AMPM,       /* a = 0 am, 12 pm */
    L_FUTURE,     /* a word that puts a clause in the future ("will") */
    L_EXT,        /* a word that belongs to the date after it ("early", "fiscal") */
    L_NUMW,       /* a number word: a = value ("two", "a") */
    L_ORDW,       /* an ordinal word: a = value ("third") */
    L_AGO,        /* "ago": a count of units back from the reference */
    L_QUARTER,    /* "quarter" */
    L_DAYPART,    /* "morning", "night": belongs to the day before it */
    L_EVERY,      /* "every", "ทุก", "mga": what follows is a frequency or plural */
    L_PREP,       /* "in", "since": a weak month after it is a month ("in May") */
    L_TREF,       /* TimeML only: "now" (a = 1), "recently" (2), "the future" (3) */
    /* items that are not lexicon entries */
    I_NUM,
    I_PUNCT
};
enum { U_DAY = 1, U_WEEK, U_MONTH, U_YEAR, U_WDAY = 10 };
enum { R_YEAR = 1, R_MONTH, R_DAY };

/* entry flags */
enum {
    F_LATIN = 1,  /* Latin script: whole words only */
    F_WEAK = 2,   /* a month word that is also a common word or an
                     abbreviation: a date only beside a number */
    F_BE = 4,     /* a Buddhist-era marker */
    F_UNITY = 8,  /* also a unit (the year marker "ปี" in "ปีนี้") */
    F_NEAR = 16,  /* a future word only right before the date ("sa Biyernes") */
    F_AGO = 32    /* "earlier", "later" after a count: "a year earlier" */
};

typedef struct lex {
    const char *s;    /* lower-cased, no ZWSP */
    unsigned order;   /* insertion order: of two equal strings the first wins */
    unsigned short len;
    unsigned char kind, flags, unit;
    signed char a, b;
} lex;

/* One language's lexicon: entries bucketed by their first two bytes,
 * longest first within a bucket. */
#define NBUCKET 4096
typedef struct lexicon {
    lex *e;
    size_t n, cap;
    unsigned *start;  /* NBUCKET + 1 */
    int single[256];  /* one-byte entries ("a"): index + 1, or 0 */
    /* the leading ASCII letters of every entry that starts with one
     * ("last" of "last week", "th" of "thứ ba"): a word of the text not
     * among them starts no entry, and is skipped whole */
    const char **heads;
    unsigned char *head_len;
    size_t nheads;    /* table size, a power of two */
} lexicon;

#define HEADS 4096

static size_t
head_run(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] >= 'a' && s[i] <= 'z')
        i++;
    return i;
}

static unsigned
head_hash(const char *s, size_t n)
{
    return mk__fnv1a(s, n);
}

static int
head_known(const lexicon *L, const char *s, size_t n)
{
    if (n > 255)
        return 0;
    for (unsigned h = head_hash(s, n) & (HEADS - 1);; h = (h + 1) & (HEADS - 1)) {
        if (L->heads[h] == NULL)
            return 0;
        if (L->head_len[h] == n && memcmp(L->heads[h], s, n) == 0)
            return 1;
    }
}

static const char *const langs[] = { "en", "id", "ms", "fil", "vi", "th", "lo", "km", "my", "zh" };
#define NLANG (sizeof langs / sizeof langs[0])

struct mk_datefinder {
    lexicon lx[NLANG];
    mk_buf strings;     /* the lexicon's strings, kept as offsets until built */
    char **owned;
    size_t nowned, capowned;
};

/* The hand-typed glue words, per language: "lang\tkind\targ\tphrase". */
static const struct glue {
    const char *lang;
    unsigned char kind, flags, unit;
    signed char a;
    const char *s;
} glue[] = {
    /* English */
    { "en", L_MODPRE, 0, 0, -1, "last" }, { "en", L_MODPRE, 0, 0, -1, "past" },
    { "en", L_MODPRE, 0, 0, 1, "next" }, { "en", L_MODPRE, 0, 0, 1, "coming" },
    { "en", L_MODPRE, 0, 0, 2, "this" },
    { "en", L_EXT, 0, 0, 0, "early" }, { "en", L_EXT, 0, 0, 0, "late" },
    { "en", L_EXT, 0, 0, 0, "mid-" }, { "en", L_EXT, 0, 0, 0, "mid" },
    { "en", L_EXT, F_AGO, 0, -1, "earlier" }, { "en", L_EXT, 0, 0, 0, "later" },
    { "en", L_PREP, 0, 0, 0, "in" }, { "en", L_PREP, 0, 0, -1, "since" },
    { "en", L_PREP, 0, 0, 1, "by" }, { "en", L_PREP, 0, 0, 1, "until" },
    { "en", L_PREP, 0, 0, 0, "from" }, { "en", L_PREP, 0, 0, 0, "through" },
    { "en", L_PREP, 0, 0, 0, "during" }, { "en", L_PREP, 0, 0, 0, "before" },
    { "en", L_PREP, 0, 0, 0, "after" }, { "en", L_PREP, 0, 0, 1, "till" },
    { "en", L_EXT, 0, 0, 0, "fiscal" },
    { "en", L_UNIT, 0, U_WEEK, 0, "week" }, { "en", L_UNIT, 0, U_MONTH, 0, "month" },
    { "en", L_UNIT, 0, U_YEAR, 0, "year" }, { "en", L_UNIT, 0, U_DAY, 0, "day" },
    { "en", L_UNIT, 0, U_WEEK, 0, "weeks" }, { "en", L_UNIT, 0, U_MONTH, 0, "months" },
    { "en", L_UNIT, 0, U_YEAR, 0, "years" }, { "en", L_UNIT, 0, U_DAY, 0, "days" },
    { "en", L_NUMW, 0, 0, 1, "a" }, { "en", L_NUMW, 0, 0, 1, "an" },
    { "en", L_NUMW, 0, 0, 1, "one" }, { "en", L_NUMW, 0, 0, 2, "two" },
    { "en", L_NUMW, 0, 0, 3, "three" }, { "en", L_NUMW, 0, 0, 4, "four" },
    { "en", L_NUMW, 0, 0, 5, "five" }, { "en", L_NUMW, 0, 0, 6, "six" },
    { "en", L_NUMW, 0, 0, 7, "seven" }, { "en", L_NUMW, 0, 0, 8, "eight" },
    { "en", L_NUMW, 0, 0, 9, "nine" }, { "en", L_NUMW, 0, 0, 10, "ten" },
    { "en", L_NUMW, 0, 0, 11, "eleven" }, { "en", L_NUMW, 0, 0, 12, "twelve" },
    { "en", L_ORDW, 0, 0, 1, "first" }, { "en", L_ORDW, 0, 0, 2, "second" },
    { "en", L_ORDW, 0, 0, 3, "third" }, { "en", L_ORDW, 0, 0, 4, "fourth" },
    { "en", L_EVERY, 0, 0, 0, "every" }, { "en", L_EVERY, 0, 0, 0, "each" },
    { "id", L_EVERY, 0, 0, 0, "setiap" }, { "id", L_EVERY, 0, 0, 0, "tiap" },
    { "ms", L_EVERY, 0, 0, 0, "setiap" }, { "ms", L_EVERY, 0, 0, 0, "tiap-tiap" },
    { "fil", L_EVERY, 0, 0, 0, "tuwing" }, { "fil", L_EVERY, 0, 0, 0, "mga" },
    { "fil", L_EVERY, 0, 0, 0, "kada" },
    { "vi", L_EVERY, 0, 0, 0, "mỗi" }, { "vi", L_EVERY, 0, 0, 0, "hàng" },
    { "vi", L_EVERY, 0, 0, 0, "các" }, { "vi", L_EVERY, 0, 0, 0, "những" },
    { "th", L_EVERY, 0, 0, 0, "ทุก" }, { "lo", L_EVERY, 0, 0, 0, "ທຸກ" },
    { "lo", L_EVERY, 0, 0, 0, "ທຸກໆ" }, { "km", L_EVERY, 0, 0, 0, "រៀងរាល់" },
    { "km", L_EVERY, 0, 0, 0, "រាល់" }, { "zh", L_EVERY, 0, 0, 0, "每" },
    { "zh", L_EVERY, 0, 0, 0, "每个" },
    { "en", L_AGO, 0, 0, -1, "ago" }, { "en", L_QUARTER, 0, 0, 0, "quarter" },
    { "en", L_DAYPART, 0, 0, 1, "morning" }, { "en", L_DAYPART, 0, 0, 2, "afternoon" },
    { "en", L_DAYPART, 0, 0, 3, "evening" }, { "en", L_DAYPART, 0, 0, 4, "night" },
    { "en", L_DAYPART, 0, 0, 2, "mid-afternoon" }, { "en", L_DAYPART, 0, 0, 2, "midafternoon" },
    { "en", L_TREF, 0, 0, 1, "now" }, { "en", L_TREF, 0, 0, 1, "right now" },
    { "en", L_TREF, 0, 0, 1, "currently" },
    { "en", L_TREF, 0, 0, 1, "at present" }, { "en", L_TREF, 0, 0, 1, "presently" },
    { "en", L_TREF, 0, 0, 1, "nowadays" }, { "en", L_TREF, 0, 0, 1, "these days" },
    { "en", L_TREF, 0, 0, 2, "recently" },
    { "en", L_TREF, 0, 0, 2, "the past" },
    { "en", L_TREF, 0, 0, 2, "lately" },
    { "en", L_TREF, 0, 0, 2, "recent years" }, { "en", L_TREF, 0, 0, 2, "recent days" },
    { "en", L_TREF, 0, 0, 2, "recent weeks" }, { "en", L_TREF, 0, 0, 2, "recent months" },
    { "en", L_TREF, 0, 0, 2, "more recently" },
    { "en", L_TREF, 0, 0, 3, "the future" },
    { "en", L_TREF, 0, 0, 3, "coming months" },
    { "en", L_TREF, 0, 0, 3, "coming years" }, { "en", L_TREF, 0, 0, 3, "coming weeks" },
    { "en", L_TREF, 0, 0, 3, "coming days" },
    { "en", L_ORD, 0, 0, 0, "st" }, { "en", L_ORD, 0, 0, 0, "nd" },
    { "en", L_ORD, 0, 0, 0, "rd" }, { "en", L_ORD, 0, 0, 0, "th" },
    { "en", L_AMPM, 0, 0, 0, "am" }, { "en", L_AMPM, 0, 0, 0, "a.m." },
    { "en", L_AMPM, 0, 0, 12, "pm" }, { "en", L_AMPM, 0, 0, 12, "p.m." },
    { "en", L_MONTH, F_WEAK, 0, 9, "sept" }, { "en", L_MONTH, F_WEAK, 0, 9, "sept." },
    { "en", L_REL, 0, U_DAY, 0, "tonight" },
    { "en", L_FUTURE, 0, 0, 0, "will" }, { "en", L_FUTURE, 0, 0, 0, "would" },
    { "en", L_FUTURE, 0, 0, 0, "shall" }, { "en", L_FUTURE, 0, 0, 0, "scheduled" },
    { "en", L_FUTURE, 0, 0, 0, "planned" }, { "en", L_FUTURE, 0, 0, 0, "expected" },
    { "en", L_FUTURE, 0, 0, 0, "set to" }, { "en", L_FUTURE, 0, 0, 0, "due to" },
    { "en", L_FUTURE, 0, 0, 0, "plans to" }, { "en", L_FUTURE, 0, 0, 0, "is to" },
    /* Indonesian and Malay */
    { "id", L_MODPOST, 0, 0, -1, "lalu" }, { "id", L_MODPOST, 0, 0, -1, "kemarin" },
    { "id", L_MODPOST, 0, 0, 1, "depan" }, { "id", L_MODPOST, 0, 0, 1, "mendatang" },
    { "id", L_MODPOST, 0, 0, 2, "ini" },
    { "id", L_UNIT, 0, U_WEEK, 0, "pekan" }, { "id", L_UNIT, 0, U_WEEK, 0, "minggu" },
    { "id", L_PRE, F_UNITY, U_YEAR, R_YEAR, "tahun" },
    { "id", L_PRE, F_UNITY, U_MONTH, R_MONTH, "bulan" },
    { "id", L_PRE, 0, 0, R_DAY, "tanggal" }, { "id", L_PRE, 0, 0, R_DAY, "tgl." },
    { "id", L_FUTURE, 0, 0, 0, "akan" }, { "id", L_FUTURE, 0, 0, 0, "hingga" },
    { "id", L_FUTURE, 0, 0, 0, "sampai" },
    { "ms", L_MODPOST, 0, 0, -1, "lalu" }, { "ms", L_MODPOST, 0, 0, 1, "depan" },
    { "ms", L_MODPOST, 0, 0, 1, "hadapan" }, { "ms", L_MODPOST, 0, 0, 2, "ini" },
    { "ms", L_UNIT, 0, U_WEEK, 0, "minggu" },
    { "ms", L_PRE, F_UNITY, U_YEAR, R_YEAR, "tahun" },
    { "ms", L_PRE, F_UNITY, U_MONTH, R_MONTH, "bulan" },
    { "ms", L_PRE, 0, 0, R_DAY, "tarikh" },
    { "ms", L_FUTURE, 0, 0, 0, "akan" }, { "ms", L_FUTURE, 0, 0, 0, "hingga" },
    { "ms", L_MONTH, F_WEAK, 0, 9, "sept" },
    /* Filipino */
    { "fil", L_MODPRE, 0, 0, -1, "noong" }, { "fil", L_MODPRE, 0, 0, -1, "nakaraang" },
    { "fil", L_MODPRE, 0, 0, 1, "sa darating na" }, { "fil", L_MODPRE, 0, 0, 1, "susunod na" },
    { "fil", L_MODPRE, 0, 0, 2, "ngayong" },
    { "fil", L_PRE, 0, 0, R_YEAR, "taong" },
    { "fil", L_FUTURE, 0, 0, 0, "hanggang" }, { "fil", L_FUTURE, F_NEAR, 0, 0, "sa" },
    { "fil", L_FUTURE, 0, 0, 0, "pagsapit" }, { "fil", L_FUTURE, 0, 0, 0, "sa susunod" }, { "fil", L_FUTURE, 0, 0, 0, "sa darating" },
    /* Vietnamese */
    { "vi", L_MODPOST, 0, 0, -1, "trước" }, { "vi", L_MODPOST, 0, 0, -1, "vừa qua" },
    { "vi", L_MODPOST, 0, 0, -1, "qua" }, { "vi", L_MODPOST, 0, 0, 1, "tới" },
    { "vi", L_MODPOST, 0, 0, 1, "sau" }, { "vi", L_MODPOST, 0, 0, 2, "này" },
    { "vi", L_PRE, 0, 0, R_DAY, "ngày" }, { "vi", L_PRE, F_UNITY, U_YEAR, R_YEAR, "năm" },
    { "vi", L_PRE, F_UNITY, U_MONTH, R_MONTH, "tháng" },
    { "vi", L_UNIT, 0, U_WEEK, 0, "tuần" },
    /* parts of the day and prepositions before a bare day/month ("sáng 12/8") */
    { "vi", L_PREP, F_NEAR, 0, 0, "sáng" }, { "vi", L_PREP, F_NEAR, 0, 0, "trưa" },
    { "vi", L_PREP, F_NEAR, 0, 0, "chiều" }, { "vi", L_PREP, F_NEAR, 0, 0, "tối" },
    { "vi", L_PREP, F_NEAR, 0, 0, "đêm" }, { "vi", L_PREP, F_NEAR, 0, 0, "hôm" },
    { "vi", L_PREP, F_NEAR, 0, 0, "từ" }, { "vi", L_PREP, F_NEAR, 0, 0, "đến" },
    { "vi", L_PREP, F_NEAR, 0, 0, "vào" }, { "vi", L_PREP, F_NEAR, 0, 0, "trước" },
    { "vi", L_FUTURE, 0, 0, 0, "sẽ" }, { "vi", L_FUTURE, 0, 0, 0, "đến" },
    { "vi", L_FUTURE, 0, 0, 0, "dự kiến" }, { "vi", L_FUTURE, 0, 0, 0, "kế hoạch" },
    /* Thai */
    { "th", L_MODPOST, 0, 0, -1, "ที่ผ่านมา" }, { "th", L_MODPOST, 0, 0, -1, "ที่แล้ว" },
    { "th", L_MODPOST, 0, 0, -1, "ก่อน" },
    { "th", L_MODPOST, 0, 0, 1, "หน้า" }, { "th", L_MODPOST, 0, 0, 1, "ที่จะถึงนี้" },
    { "th", L_MODPOST, 0, 0, 1, "ที่จะถึง" }, { "th", L_MODPOST, 0, 0, 2, "นี้" },
    { "th", L_PRE, 0, 0, R_DAY, "วันที่" }, { "th", L_PRE, F_UNITY, U_MONTH, R_MONTH, "เดือน" },
    { "th", L_PRE, F_UNITY, U_YEAR, R_YEAR, "ปี" },
    { "th", L_PRE, F_BE, 0, R_YEAR, "พ.ศ." }, { "th", L_PRE, F_BE, 0, R_YEAR, "ปี พ.ศ." },
    { "th", L_PRE, 0, 0, R_YEAR, "ค.ศ." }, { "th", L_PRE, 0, 0, R_YEAR, "ปี ค.ศ." },
    { "th", L_UNIT, 0, U_WEEK, 0, "สัปดาห์" },
    { "th", L_REL, 0, U_DAY, -1, "เมื่อวานนี้" }, { "th", L_REL, 0, U_DAY, -1, "วานนี้" },
    { "th", L_FUTURE, 0, 0, 0, "จะ" }, { "th", L_FUTURE, 0, 0, 0, "ถึง" },
    /* Lao */
    { "lo", L_MODPOST, 0, 0, -1, "ທີ່ຜ່ານມາ" }, { "lo", L_MODPOST, 0, 0, -1, "ແລ້ວ" },
    { "lo", L_MODPOST, 0, 0, 1, "ໜ້າ" }, { "lo", L_MODPOST, 0, 0, 2, "ນີ້" },
    { "lo", L_PRE, 0, 0, R_DAY, "ວັນທີ" }, { "lo", L_PRE, F_UNITY, U_MONTH, R_MONTH, "ເດືອນ" },
    { "lo", L_PRE, F_UNITY, U_YEAR, R_YEAR, "ປີ" },
    { "lo", L_PRE, F_BE, 0, R_YEAR, "ພ.ສ." }, { "lo", L_PRE, F_BE, 0, R_YEAR, "ປີ ພ.ສ." },
    { "lo", L_PRE, 0, 0, R_YEAR, "ຄ.ສ." },
    { "lo", L_REL, 0, U_DAY, -1, "ມື້ວານນີ້" }, { "lo", L_REL, 0, U_DAY, 1, "ມື້ອື່ນ" },
    { "lo", L_FUTURE, 0, 0, 0, "ຈະ" }, { "lo", L_FUTURE, 0, 0, 0, "ຮອດ" },
    /* Khmer */
    { "km", L_MODPOST, 0, 0, -1, "មុន" }, { "km", L_MODPOST, 0, 0, 1, "ក្រោយ" },
    { "km", L_MODPOST, 0, 0, 2, "នេះ" },
    { "km", L_PRE, 0, 0, R_DAY, "ថ្ងៃទី" }, { "km", L_PRE, F_UNITY, U_MONTH, R_MONTH, "ខែ" },
    { "km", L_PRE, F_UNITY, U_YEAR, R_YEAR, "ឆ្នាំ" },
    { "km", L_PRE, F_BE, 0, R_YEAR, "ព.ស." },
    { "km", L_REL, 0, U_DAY, 1, "ថ្ងៃស្អែក" }, { "km", L_PRE, 0, 0, R_DAY, "ថ្ងៃ" },
    { "km", L_FUTURE, 0, 0, 0, "នឹង" },
    /* Burmese */
    { "my", L_MODPRE, 0, 0, -1, "ပြီးခဲ့သည့်" }, { "my", L_MODPRE, 0, 0, -1, "ပြီးခဲ့သော" },
    { "my", L_MODPRE, 0, 0, 1, "လာမည့်" }, { "my", L_MODPRE, 0, 0, 1, "လာမယ့်" },
    { "my", L_MODPRE, 0, 0, 2, "ယခု" }, { "my", L_MODPRE, 0, 0, 2, "ဤ" },
    { "my", L_POST, 0, 0, R_YEAR, "ခုနှစ်" }, { "my", L_POST, 0, 0, R_MONTH, "လ" },
    { "my", L_POST, 0, 0, R_DAY, "ရက်နေ့" }, { "my", L_POST, F_WEAK, 0, R_DAY, "ရက်" },
    { "my", L_POST, 0, 0, R_DAY, "နေ့" }, { "my", L_POST, 0, 0, R_YEAR, "ပြည့်နှစ်" },
    { "my", L_REL, 0, U_DAY, -1, "ယမန်နေ့" }, { "my", L_REL, 0, U_DAY, 0, "ယနေ့" },
    { "my", L_FUTURE, 0, 0, 0, "မည်" }, { "my", L_FUTURE, 0, 0, 0, "အထိ" },
    /* Chinese */
    { "zh", L_POST, 0, 0, R_YEAR, "年" }, { "zh", L_POST, 0, 0, R_MONTH, "月" },
    { "zh", L_POST, 0, 0, R_DAY, "日" }, { "zh", L_POST, 0, 0, R_DAY, "号" },
    { "zh", L_MODPRE, 0, 0, -1, "上个" }, { "zh", L_MODPRE, 0, 0, 1, "下个" },
    { "zh", L_FUTURE, 0, 0, 0, "将" }, { "zh", L_FUTURE, 0, 0, 0, "至" },
    { "zh", L_FUTURE, 0, 0, 0, "前" },
};

/* Lower-cases S in place where the lower case has the same UTF-8 length
 * (so byte offsets hold), and drops nothing. */
static void
fold(char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z')
                s[i] = (char)(c + 32);
            i++;
            continue;
        }
        size_t bad, n = mk__utf8_seq((const unsigned char *)s + i, len - i, &bad);
        if (n == 0) {
            i += bad;
            continue;
        }
        if (n == 2) {   /* Latin-1 to Latin Extended: Vietnamese, Filipino */
            uint32_t u = mk__utf8_decode((const unsigned char *)s + i, n, &n);
            uint32_t l = (uint32_t)utf8proc_tolower((utf8proc_int32_t)u);
            char enc[4];
            if (l != u && mk__utf8_encode(l, enc) == 2)
                memcpy(s + i, enc, 2);
        } else if (n == 3 && (unsigned char)s[i] == 0xE1 && (unsigned char)s[i + 1] >= 0xB8 &&
                   (unsigned char)s[i + 1] <= 0xBB) {
            /* Latin Extended Additional: the Vietnamese letters with two marks */
            uint32_t u = mk__utf8_decode((const unsigned char *)s + i, n, &n);
            uint32_t l = (uint32_t)utf8proc_tolower((utf8proc_int32_t)u);
            char enc[4];
            if (l != u && mk__utf8_encode(l, enc) == 3)
                memcpy(s + i, enc, 3);
        }
        i += n;
    }
}

static int
is_latin_start(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    return (c < 0x80 && !(c >= '0' && c <= '9')) || (c >= 0xC3 && c <= 0xCA) ||
           (c == 0xE1 && (unsigned char)s[1] >= 0xB8 && (unsigned char)s[1] <= 0xBB);
}

/* Adds entry S (UTF-8, any case, ZWSPs dropped) to lexicon L. */
static int
lex_add(mk_datefinder *f, lexicon *L, const char *s, size_t n, int kind, int flags, int unit,
        int a, int b)
{
    char *c = malloc(n + 1);
    size_t i, k = 0;

    if (c == NULL)
        return MK_ENOMEM;
    for (i = 0; i < n; i++) {
        if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
            (unsigned char)s[i + 2] == 0x8B) {
            i += 2;
            continue;
        }
        c[k++] = s[i];
    }
    /* trim spaces, collapse no-break spaces to spaces */
    while (k > 0 && c[k - 1] == ' ')
        k--;
    c[k] = '\0';
    if (k == 0 || k > 60) {
        free(c);
        return 0;
    }
    fold(c, k);
    if (f->nowned == f->capowned) {
        size_t nc = f->capowned ? 2 * f->capowned : 256;
        char **p = realloc(f->owned, nc * sizeof *p);
        if (p == NULL) {
            free(c);
            return MK_ENOMEM;
        }
        f->owned = p;
        f->capowned = nc;
    }
    f->owned[f->nowned++] = c;
    if (mk__grow((void **)&L->e, &L->cap, L->n + 1, sizeof *L->e) != 0)
        return MK_ENOMEM;
    if (is_latin_start(c))
        flags |= F_LATIN;
    L->e[L->n] = (lex){ c, (unsigned)L->n, (unsigned short)k, (unsigned char)kind,
                        (unsigned char)flags, (unsigned char)unit, (signed char)a, (signed char)b };
    L->n++;
    return 0;
}

/* The bytes an entry is bucketed by: its first two bytes, or, in the
 * three-byte scripts (Thai, Lao, Khmer, Burmese, Chinese), whose letters
 * share their first bytes, its first character and the one after. */
static size_t
key_len(const char *s, size_t n)
{
    if ((unsigned char)s[0] < 0xE0)
        return n < 2 ? n : 2;
    if (n >= 6 && ((unsigned char)s[3] & 0xF0) == 0xE0)
        return 6;
    return n < 3 ? n : 3;
}

static unsigned
bucket(const char *s, size_t n)
{
    return mk__fnv1a(s, n) % NBUCKET;
}

static int
cmp_lex(const void *a, const void *b)
{
    const lex *x = a, *y = b;
    unsigned bx = bucket(x->s, key_len(x->s, x->len)), by = bucket(y->s, key_len(y->s, y->len));
    if (bx != by)
        return bx < by ? -1 : 1;
    if (x->len != y->len)
        return x->len > y->len ? -1 : 1;
    int c = strcmp(x->s, y->s);
    if (c != 0)
        return c;
    return x->order < y->order ? -1 : x->order > y->order;
}

static int
lex_build(lexicon *L)
{
    size_t i;

    qsort(L->e, L->n, sizeof *L->e, cmp_lex);
    /* the same phrase from several CLDR forms (format and stand-alone,
     * "en" and "en_001"): keep the first */
    size_t w = 0;
    for (i = 0; i < L->n; i++)
        if (w == 0 || strcmp(L->e[w - 1].s, L->e[i].s) != 0)
            L->e[w++] = L->e[i];
    L->n = w;
    L->start = calloc(NBUCKET + 1, sizeof *L->start);
    if (L->start == NULL)
        return MK_ENOMEM;
    for (i = 0; i < L->n; i++)
        L->start[bucket(L->e[i].s, key_len(L->e[i].s, L->e[i].len)) + 1]++;
    for (i = 0; i < NBUCKET; i++)
        L->start[i + 1] += L->start[i];
    for (i = 0; i < L->n; i++)
        if (L->e[i].len == 1)
            L->single[(unsigned char)L->e[i].s[0]] = (int)i + 1;
    L->heads = calloc(HEADS, sizeof *L->heads);
    L->head_len = calloc(HEADS, 1);
    if (L->heads == NULL || L->head_len == NULL)
        return MK_ENOMEM;
    for (i = 0; i < L->n; i++) {
        size_t n = head_run(L->e[i].s, L->e[i].len);
        if (n == 0 || head_known(L, L->e[i].s, n))
            continue;
        unsigned h = head_hash(L->e[i].s, n) & (HEADS - 1);
        while (L->heads[h] != NULL)
            h = (h + 1) & (HEADS - 1);
        L->heads[h] = L->e[i].s;
        L->head_len[h] = (unsigned char)n;
    }
    return 0;
}

static int
add_u(mk_datefinder *f, lexicon *L, const UChar *u, int32_t ulen, int kind, int flags,
      int unit, int a, int b)
{
    char buf[256];
    int32_t n = 0;
    UErrorCode e = U_ZERO_ERROR;

    u_strToUTF8(buf, sizeof buf, &n, u, ulen, &e);
    if (U_FAILURE(e) || n <= 0)
        return 0;
    for (int32_t i = 0; i + 1 < n; i++)   /* no-break spaces to spaces */
        if ((unsigned char)buf[i] == 0xC2 && (unsigned char)buf[i + 1] == 0xA0) {
            buf[i] = ' ';
            memmove(buf + i + 1, buf + i + 2, (size_t)(n - i - 2));
            n--;
        }
    return lex_add(f, L, buf, (size_t)n, kind, flags, unit, a, b);
}

/* English month words that are also everyday words. */
static int
weak_word(const char *lang, const char *s, size_t n)
{
    static const char *const words[] = { "may", "march", "mar", "jun", "mayo", "set",
                                         "ago", "hun", "mei", "lin", "mac", "dis", "des" };
    char w[8];
    size_t i;

    if (n >= sizeof w)
        return 0;
    for (i = 0; i < n; i++)
        w[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
    w[n] = '\0';
    (void)lang;
    for (i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcmp(w, words[i]) == 0)
            return 1;
    return 0;
}

/* Month and weekday names and relative phrases of LOCALE from CLDR. */
static int
add_cldr(mk_datefinder *f, lexicon *L, const char *locale, int latin)
{
    UErrorCode e = U_ZERO_ERROR;
    UDateFormat *df = udat_open(UDAT_NONE, UDAT_SHORT, locale, NULL, 0, NULL, 0, &e);
    static const UDateFormatSymbolType mt[] = { UDAT_MONTHS, UDAT_SHORT_MONTHS,
                                                UDAT_STANDALONE_MONTHS,
                                                UDAT_STANDALONE_SHORT_MONTHS };
    UChar b[128];
    int rc = 0;

    if (U_FAILURE(e))
        return 0;   /* ICU without this locale: the glue words still work */
    for (size_t t = 0; t < 4 && rc == 0; t++)
        for (int k = 0; k < 12 && rc == 0; k++) {
            e = U_ZERO_ERROR;
            int32_t n = udat_getSymbols(df, mt[t], k, b, 128, &e);
            if (U_FAILURE(e) || n <= 0)
                continue;
            int flags = (t & 1) ? F_WEAK : 0;
            char tmp[64];
            int32_t tl = 0;
            UErrorCode e2 = U_ZERO_ERROR;
            u_strToUTF8(tmp, sizeof tmp, &tl, b, n, &e2);
            if (U_SUCCESS(e2) && weak_word(locale, tmp, (size_t)tl))
                flags |= F_WEAK;
            if (!latin) {
                /* a short form without a stop ("နို", "စက်") is a syllable
                 * of many words; so is a name of two letters ("မေ") */
                flags &= ~F_WEAK;
                int dot = 0, cps = 0;
                for (int32_t q = 0; q < tl; q++) {
                    dot |= tmp[q] == '.' || (tmp[q] >= '0' && tmp[q] <= '9');
                    cps += ((unsigned char)tmp[q] & 0xC0) != 0x80;
                }
                if (!dot && ((t & 1) || cps <= 2) && strcmp(locale, "km") != 0)
                    flags |= F_WEAK;
                /* Burmese: the short forms ("စက်", "ဒီ") are syllables of
                 * everyday words, and so are short names ("မတ်" in အမတ်) */
                if (strcmp(locale, "my") == 0 && (t & 1))
                    continue;
                if (strcmp(locale, "my") == 0 && cps <= 4)
                    flags |= F_WEAK;
            }
            rc = add_u(f, L, b, n, L_MONTH, flags, 0, k + 1, 0);
            /* "Aug." beside "Aug" */
            if (rc == 0 && (t & 1) && latin && n < 120 && b[n - 1] != '.') {
                b[n] = '.';
                rc = add_u(f, L, b, n + 1, L_MONTH, flags, 0, k + 1, 0);
            }
        }
    for (int k = 1; k <= 7 && rc == 0; k++) {   /* ICU: 1 = Sunday */
        e = U_ZERO_ERROR;
        int32_t n = udat_getSymbols(df, UDAT_WEEKDAYS, k, b, 128, &e);
        if (U_SUCCESS(e) && n > 0)
            rc = add_u(f, L, b, n, L_WDAY, 0, 0, k == 1 ? 7 : k - 1, 0);
    }
    udat_close(df);

    e = U_ZERO_ERROR;
    URelativeDateTimeFormatter *rf = ureldatefmt_open(locale, NULL, UDAT_STYLE_LONG,
                                                      UDISPCTX_CAPITALIZATION_NONE, &e);
    if (U_FAILURE(e))
        return rc;
    static const struct { URelativeDateTimeUnit u; int unit; } units[] = {
        { UDAT_REL_UNIT_DAY, U_DAY }, { UDAT_REL_UNIT_WEEK, U_WEEK },
        { UDAT_REL_UNIT_MONTH, U_MONTH }, { UDAT_REL_UNIT_YEAR, U_YEAR },
        { UDAT_REL_UNIT_MONDAY, U_WDAY + 1 }, { UDAT_REL_UNIT_TUESDAY, U_WDAY + 2 },
        { UDAT_REL_UNIT_WEDNESDAY, U_WDAY + 3 }, { UDAT_REL_UNIT_THURSDAY, U_WDAY + 4 },
        { UDAT_REL_UNIT_FRIDAY, U_WDAY + 5 }, { UDAT_REL_UNIT_SATURDAY, U_WDAY + 6 },
        { UDAT_REL_UNIT_SUNDAY, U_WDAY + 7 },
    };
    for (size_t k = 0; k < sizeof units / sizeof units[0] && rc == 0; k++)
        for (int off = -1; off <= 1 && rc == 0; off++) {
            e = U_ZERO_ERROR;
            int32_t n = ureldatefmt_format(rf, off, units[k].u, b, 128, &e);
            if (U_FAILURE(e) || n <= 0)
                continue;
            rc = add_u(f, L, b, n, L_REL, 0, units[k].unit, units[k].unit, off);
        }
    ureldatefmt_close(rf);
    return rc;
}

mk_datefinder *
mk__dates_new(mk_error *err)
{
    mk_datefinder *f = calloc(1, sizeof *f);
    size_t i, k;
    int rc = 0;

    if (f == NULL)
        goto nomem;
    for (i = 0; i < NLANG && rc == 0; i++) {
        lexicon *L = &f->lx[i];
        int latin = strcmp(langs[i], "en") == 0 || strcmp(langs[i], "id") == 0 ||
                    strcmp(langs[i], "ms") == 0 || strcmp(langs[i], "fil") == 0 ||
                    strcmp(langs[i], "vi") == 0;
        rc = add_cldr(f, L, langs[i], latin);
        if (rc == 0 && strcmp(langs[i], "en") == 0)
            rc = add_cldr(f, L, "en_001", 1);   /* "Sept" */
        if (rc == 0 && i != 0)
            rc = add_cldr(f, L, "en", 1);       /* English dates in any text */
        for (k = 0; k < sizeof glue / sizeof glue[0] && rc == 0; k++)
            if (strcmp(glue[k].lang, langs[i]) == 0 || strcmp(glue[k].lang, "en") == 0)
                rc = lex_add(f, L, glue[k].s, strlen(glue[k].s), glue[k].kind, glue[k].flags,
                             glue[k].unit, glue[k].kind == L_REL ? glue[k].unit : glue[k].a,
                             glue[k].kind == L_REL ? glue[k].a : 0);
        if (rc == 0)
            rc = lex_build(L);
    }
    if (rc == 0)
        return f;
nomem:
    mk__dates_free(f);
    mk__err(err, MK_ENOMEM, 0, "out of memory");
    return NULL;
}

void
mk__dates_free(mk_datefinder *f)
{
    size_t i;

    if (f == NULL)
        return;
    for (i = 0; i < NLANG; i++) {
        free(f->lx[i].e);
        free(f->lx[i].start);
        free(f->lx[i].heads);
        free(f->lx[i].head_len);
    }
    for (i = 0; i < f->nowned; i++)
        free(f->owned[i]);
    free(f->owned);
    mk__buf_free(&f->strings);
    free(f);
}

/* ------------------------------------------------------------------ */
/* Lexing                                                              */

typedef struct item {
    unsigned sb, eb;      /* bytes */
    unsigned char kind, flags, unit, gap;  /* gap: 0 none, 1 spaces, 2 other text */
    signed char a, b;
    unsigned char ndig;
    int num;
    int chinese;          /* a number in Chinese numerals */
} item;

/* A decimal digit of the scripts we read, or -1. */
static int
digit_at(const unsigned char *s, size_t len, size_t *n)
{
    if (s[0] >= '0' && s[0] <= '9') {
        *n = 1;
        return s[0] - '0';
    }
    if (s[0] < 0xE0 || len < 3)
        return -1;
    uint32_t c = mk__utf8_decode(s, len, n);
    if ((c >= 0x0E50 && c <= 0x0E59) || (c >= 0x0ED0 && c <= 0x0ED9) ||
        (c >= 0x17E0 && c <= 0x17E9) || (c >= 0x1040 && c <= 0x1049) ||
        (c >= 0xFF10 && c <= 0xFF19))
        return (int)(c & 0xF) - (c >= 0xFF10 ? 0 : 0);
    return -1;
}

static int
chinese_digit(uint32_t c)
{
    switch (c) {
    case 0x3007: case 0x96F6: return 0;    /* 〇 零 */
    case 0x4E00: return 1;
    case 0x4E8C: case 0x4E24: return 2;    /* 二 两 */
    case 0x4E09: return 3;
    case 0x56DB: return 4;
    case 0x4E94: return 5;
    case 0x516D: return 6;
    case 0x4E03: return 7;
    case 0x516B: return 8;
    case 0x4E5D: return 9;
    case 0x5341: return 10;                /* 十 */
    default: return -1;
    }
}

static int
is_space_at(const unsigned char *s, size_t len, size_t *n)
{
    if (s[0] == ' ' || s[0] == '\t' || s[0] == '\n') {
        *n = 1;
        return 1;
    }
    if (len >= 2 && s[0] == 0xC2 && s[1] == 0xA0) {
        *n = 2;
        return 1;
    }
    if (len >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x8B || s[2] == 0xAF)) {
        *n = 3;   /* ZWSP, narrow no-break space */
        return 1;
    }
    return 0;
}

static int
is_word_byte(const unsigned char *s, size_t len)
{
    if (len == 0)
        return 0;
    if (s[0] < 0x80)
        return (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') ||
               (s[0] >= '0' && s[0] <= '9');
    size_t n;
    uint32_t c = mk__utf8_decode(s, len, &n);
    return c < 0x0370 || (c >= 0x1E00 && c <= 0x1EFF);
}

/* The end of entry E matched at T[I..), or 0. Spaces in E match runs of
 * spaces (or none, between non-Latin words); ZWSPs in T are skipped. */
static size_t
match_at(const lex *e, const char *t, size_t len, size_t i)
{
    size_t k = 0, j = i, n;

    while (k < e->len) {
        if (j < len && is_space_at((const unsigned char *)t + j, len - j, &n) && e->s[k] != ' ') {
            if (n == 3 && (unsigned char)t[j + 2] == 0x8B) {   /* ZWSP */
                j += n;
                continue;
            }
            return 0;
        }
        if (e->s[k] == ' ') {
            size_t j0 = j;
            while (j < len && is_space_at((const unsigned char *)t + j, len - j, &n))
                j += n;
            if (j == j0 && (e->flags & F_LATIN))
                return 0;
            k++;
            continue;
        }
        if (j >= len || t[j] != e->s[k])
            return 0;
        j++;
        k++;
    }
    if ((e->flags & F_LATIN) && e->s[e->len - 1] != '.' && e->s[e->len - 1] != '-' &&
        is_word_byte((const unsigned char *)t + j, len - j))
        return 0;
    return j;
}

typedef struct lexer {
    item *it;
    size_t n, cap;
} lexer;

static int
push(lexer *x, item v)
{
    if (mk__grow((void **)&x->it, &x->cap, x->n + 1, sizeof *x->it) != 0)
        return MK_ENOMEM;
    x->it[x->n++] = v;
    return 0;
}

static int
lex_text(const lexicon *L, const char *t, size_t len, lexer *x)
{
    size_t i = 0, n;
    int gap = 2;          /* before the first item */
    int prev_word = 0;    /* the previous byte ends a Latin word or number */
    int prev_digit = 0;   /* ... a number: "9.30am", "21st" */

    x->n = 0;
    while (i < len) {
        const unsigned char *s = (const unsigned char *)t + i;
        if (s[0] == ' ') {
            if (gap == 0)
                gap = 1;
            i++;
            prev_word = prev_digit = 0;
            continue;
        }
        /* the rest of a Latin word no entry started at, or a word no
         * entry starts with: skip it whole */
        if (s[0] >= 'a' && s[0] <= 'z' &&
            ((prev_word && !prev_digit) ||
             (!prev_word && !head_known(L, (const char *)s, head_run((const char *)s, len - i))))) {
            while (i < len && ((t[i] >= 'a' && t[i] <= 'z') || t[i] == '\''))
                i++;
            gap = 2;
            prev_word = 1;
            prev_digit = 0;
            continue;
        }
        if (s[0] >= 0x80 && is_space_at(s, len - i, &n)) {
            if (gap == 0)
                gap = 1;
            i += n;
            prev_word = prev_digit = 0;
            continue;
        }
        /* a lexicon entry starting here */
        if (!prev_word || prev_digit || !(s[0] < 0x80)) {
            const lex *best = NULL;
            size_t end = 0;
            /* the buckets of the keys an entry here may have */
            size_t keys[2], nkeys = 0;
            if (s[0] < 0xE0)
                keys[nkeys++] = len - i < 2 ? len - i : 2;
            else {
                if (len - i >= 6 && (s[3] & 0xF0) == 0xE0)
                    keys[nkeys++] = 6;
                if (len - i >= 3)
                    keys[nkeys++] = 3;
            }
            for (size_t kk = 0; kk < nkeys; kk++) {
                unsigned bk = bucket((const char *)s, keys[kk]);
                for (unsigned k = L->start[bk]; k < L->start[bk + 1]; k++) {
                    const lex *e = &L->e[k];
                    if (e->len > len - i || (unsigned char)e->s[0] != s[0] ||
                        (e->len > 1 && e->s[1] != (char)s[1]))
                        continue;
                    if (prev_word && (e->flags & F_LATIN) &&
                        !(prev_digit && (e->kind == L_AMPM || e->kind == L_ORD)))
                        continue;
                    size_t j = match_at(e, t, len, i);
                    if (j > end) {
                        end = j;
                        best = e;
                        break;   /* longest first within a bucket */
                    }
                }
            }
            if (best == NULL && L->single[s[0]] && !prev_word) {
                const lex *e = &L->e[L->single[s[0]] - 1];
                if ((end = match_at(e, t, len, i)) != 0)
                    best = e;
            }
            if (best != NULL && !(best->s[0] >= '0' && best->s[0] <= '9' && prev_word)) {
                prev_digit = 0;
                item v = { (unsigned)i, (unsigned)end, best->kind, best->flags, best->unit,
                           (unsigned char)gap, best->a, best->b, 0, 0, 0 };
                if (push(x, v) != 0)
                    return MK_ENOMEM;
                gap = 0;
                i = end;
                prev_word = (best->flags & F_LATIN) && (unsigned char)t[end - 1] < 0x80 &&
                            is_word_byte((const unsigned char *)t + end - 1, 1);
                continue;
            }
        }
        int dv = digit_at(s, len - i, &n);
        if (dv >= 0 && !prev_word) {
            size_t j = i;
            long v = 0;
            int nd = 0;
            int myanmar = s[0] == 0xE1;   /* U+1040..1049 */
            for (;;) {
                dv = j < len ? digit_at((const unsigned char *)t + j, len - j, &n) : -1;
                /* Burmese writes the letter wa (ဝ) for zero among digits */
                if (dv < 0 && myanmar && j + 3 <= len && memcmp(t + j, "\xE1\x80\x9D", 3) == 0 &&
                    (nd > 0 || (j + 3 < len && digit_at((const unsigned char *)t + j + 3,
                                                        len - j - 3, &n) >= 0))) {
                    dv = 0;
                    n = 3;
                }
                if (dv < 0)
                    break;
                if (v < 100000000)
                    v = v * 10 + dv;
                nd++;
                j += n;
            }
            item it = { (unsigned)i, (unsigned)j, I_NUM, 0, 0, (unsigned char)gap, 0, 0,
                        (unsigned char)(nd > 255 ? 255 : nd), (int)v, 0 };
            if (push(x, it) != 0)
                return MK_ENOMEM;
            gap = 0;
            i = j;
            prev_word = 1;
            prev_digit = 1;
            continue;
        }
        if (s[0] >= 0xE3 && s[0] <= 0xE9) {
            uint32_t c = mk__utf8_decode(s, len - i, &n);
            if (chinese_digit(c) >= 0) {
                /* a run of Chinese numerals: a year digit by digit, or a
                 * number up to 99 with 十 */
                size_t j = i;
                int v = 0, tens = 0, nd = 0, d;
                while (j < len) {
                    size_t m;
                    uint32_t cc = mk__utf8_decode((const unsigned char *)t + j, len - j, &m);
                    if ((d = chinese_digit(cc)) < 0)
                        break;
                    if (d == 10) {
                        tens = (v == 0 ? 1 : v) * 10;
                        v = 0;
                    } else {
                        v = v * 10 + d;
                        nd++;
                    }
                    j += m;
                }
                v += tens;
                item it = { (unsigned)i, (unsigned)j, I_NUM, 0, 0, (unsigned char)gap, 0, 0,
                            (unsigned char)(tens ? 2 : nd), v, 1 };
                if (push(x, it) != 0)
                    return MK_ENOMEM;
                gap = 0;
                i = j;
                prev_word = prev_digit = 0;
                continue;
            }
        }
        if (s[0] == '/' || s[0] == '-' || s[0] == '.' || s[0] == ',' || s[0] == '(' ||
            s[0] == ')' || s[0] == ':' ||
            (s[0] == 0xE2 && len - i >= 3 && s[1] == 0x80 && (s[2] == 0x93 || s[2] == 0x94))) {
            size_t w = s[0] < 0x80 ? 1 : 3;
            item it = { (unsigned)i, (unsigned)(i + w), I_PUNCT, 0, 0, (unsigned char)gap,
                        (signed char)(s[0] < 0x80 ? s[0] : '-'), 0, 0, 0, 0 };
            if (push(x, it) != 0)
                return MK_ENOMEM;
            gap = 0;
            i += w;
            prev_word = prev_digit = 0;
            continue;
        }
        /* anything else breaks a date */
        gap = 2;
        if (s[0] < 0x80) {
            prev_word = is_word_byte(s, 1);
            prev_digit = 0;
            i++;
        } else {
            size_t bad;
            n = mk__utf8_seq(s, len - i, &bad);
            prev_word = n > 0 && is_word_byte(s, len - i);
            prev_digit = 0;
            i += n > 0 ? n : bad;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Parsing                                                             */

static int
days_in(int y, int m)
{
    static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

static int
valid_ymd(int y, int m, int d)
{
    if (m < 1 || m > 12)
        return 0;
    if (d == 0)
        return 1;
    return d >= 1 && d <= (y ? days_in(y, m) : (m == 2 ? 29 : days_in(2001, m)));
}

/* A four-digit year for language LANG: Gregorian, or Buddhist era where
 * the text says so (BE) or the language counts that way. 0 if none. */
static int
year_of(int v, int ndig, int be, const char *lang)
{
    if (ndig != 4)
        return 0;
    if (be)
        return v >= 2300 && v <= 2800 ? v - 543 : 0;
    if (v >= 2500 && v <= 2620 && (strcmp(lang, "th") == 0 || strcmp(lang, "lo") == 0))
        return v - 543;
    return v >= 1800 && v <= 2200 ? v : 0;
}

typedef struct pctx {
    const item *it;
    size_t n;
    const char *t;
    const char *orig;     /* the text before folding: capitals */
    const char *lang;
    int day_first;
    int latin;
    int timeml;           /* MK_DATES_TIMEML */
} pctx;

static int
adj(const pctx *p, size_t k)   /* item K follows item K-1 with at most spaces between */
{
    return k < p->n && p->it[k].gap <= 1;
}

static int
tight(const pctx *p, size_t k)   /* item K touches item K-1 */
{
    return k < p->n && p->it[k].gap == 0;
}

static int
is_punct(const pctx *p, size_t k, char c)
{
    return k < p->n && p->it[k].kind == I_PUNCT && p->it[k].a == c;
}

static int
is_num(const pctx *p, size_t k)
{
    return k < p->n && p->it[k].kind == I_NUM;
}

/* A numeric date at K: y-m-d, d/m/y or m/d/y, and d/m or m/y when ALLOW2.
 * Returns the index after it, or 0. */
static size_t
numeric(const pctx *p, size_t k, int allow2, mk_date *d)
{
    const item *a = &p->it[k];
    char sep;

    if (!is_num(p, k) || k + 2 >= p->n + 0 || !tight(p, k + 1) || p->it[k + 1].kind != I_PUNCT)
        return 0;
    sep = (char)p->it[k + 1].a;
    if (sep != '/' && sep != '-' && sep != '.')
        return 0;
    if (!is_num(p, k + 2) || !tight(p, k + 2))
        return 0;
    const item *b = &p->it[k + 2];
    /* not a piece of a longer run of numbers ("1/2/3/4", a phone) */
    if (k > 0 && tight(p, k) && p->it[k - 1].kind == I_PUNCT &&
        strchr("/-.", p->it[k - 1].a) != NULL && k >= 2 && is_num(p, k - 2) && tight(p, k - 1))
        return 0;
    if (is_punct(p, k + 3, sep) && tight(p, k + 3) && is_num(p, k + 4) && tight(p, k + 4)) {
        const item *c = &p->it[k + 4];
        if (is_punct(p, k + 5, sep) && tight(p, k + 5) && is_num(p, k + 6) && tight(p, k + 6))
            return 0;
        int y, m, dd;
        if (a->ndig == 4) {
            y = year_of(a->num, 4, 0, p->lang);
            m = b->num;
            dd = c->num;
            if (b->ndig > 2 || c->ndig > 2)
                return 0;
        } else if (c->ndig == 4 || c->ndig == 2) {
            if (a->ndig > 2 || b->ndig > 2)
                return 0;
            y = c->ndig == 4 ? year_of(c->num, 4, 0, p->lang) : 2000 + c->num;
            if (c->ndig == 2 && c->num > 50)
                y = 1900 + c->num;
            if (a->num > 12 || (p->day_first && b->num <= 12)) {
                dd = a->num;
                m = b->num;
            } else {
                m = a->num;
                dd = b->num;
            }
            if (sep == '.' && c->ndig == 2)
                return 0;   /* 1.5.24 is more often a version than a date */
        } else
            return 0;
        if (y == 0 || !valid_ymd(y, m, dd) || dd == 0)
            return 0;
        d->y = y;
        d->m = m;
        d->d = dd;
        return k + 5;
    }
    if (!allow2 || (sep == '.' && b->ndig != 4))
        return 0;
    if (is_punct(p, k + 3, sep) && tight(p, k + 3) && is_num(p, k + 4))
        return 0;
    if (b->ndig == 4 && a->ndig <= 2) {
        int y = year_of(b->num, 4, 0, p->lang);
        if (y == 0 || a->num < 1 || a->num > 12)
            return 0;
        d->y = y;
        d->m = a->num;
        return k + 3;
    }
    if (a->ndig > 2 || b->ndig > 2)
        return 0;
    int m, dd;
    if (a->num > 12 || (p->day_first && b->num <= 12)) {
        dd = a->num;
        m = b->num;
    } else {
        m = a->num;
        dd = b->num;
    }
    if (!valid_ymd(0, m, dd) || dd == 0)
        return 0;
    d->m = m;
    d->d = dd;
    return k + 3;
}

/* A time of day at K ("9.30am", "9:30 a.m.", "10 p.m.", "14:30"). */
static size_t
time_at(const pctx *p, size_t k, mk_date *d)
{
    int h, mi = 0;
    size_t j = k;

    if (!is_num(p, k) || p->it[k].ndig > 2 || p->it[k].chinese)
        return 0;
    h = p->it[k].num;
    j = k + 1;
    if ((is_punct(p, j, ':') || is_punct(p, j, '.')) && tight(p, j) && is_num(p, j + 1) &&
        tight(p, j + 1) && p->it[j + 1].ndig == 2) {
        mi = p->it[j + 1].num;
        j += 2;
        if (mi > 59)
            return 0;
        if (adj(p, j) && p->it[j].kind == L_AMPM) {
            if (h < 1 || h > 12)
                return 0;
            h = h % 12 + p->it[j].a;
            j++;
        } else if (is_punct(p, j - 2, '.') || h > 23)
            return 0;   /* "9.30" alone is a number */
    } else if (adj(p, j) && p->it[j].kind == L_AMPM) {
        if (h < 1 || h > 12)
            return 0;
        h = h % 12 + p->it[j].a;
        j++;
    } else
        return 0;
    d->hh = h;
    d->mi = mi;
    return j;
}

static void
date_init(mk_date *d)
{
    memset(d, 0, sizeof *d);
    d->hh = d->mi = -1;
    d->yrel = d->mrel = d->wrel = d->drel = MK_DATE_NONE;
}

static int
has_any(const mk_date *d)
{
    return d->y || d->m || d->d || d->wday || d->q || d->ref || d->yrel != MK_DATE_NONE ||
           d->mrel != MK_DATE_NONE || d->wrel != MK_DATE_NONE || d->drel != MK_DATE_NONE;
}

/* The role a number at K takes from the markers around it: R_... or 0.
 * Sets *BE for a Buddhist-era marker and *END past a post-marker. */
static int
marked(const pctx *p, size_t k, int *be, size_t *end)
{
    *end = k + 1;
    if (k > 0 && adj(p, k) && p->it[k - 1].kind == L_PRE) {
        *be = (p->it[k - 1].flags & F_BE) != 0;
        if (tight(p, k + 1) && p->it[k + 1].kind == L_POST && p->it[k + 1].a == p->it[k - 1].a)
            *end = k + 2;
        return p->it[k - 1].a;
    }
    if (adj(p, k + 1) && p->it[k + 1].kind == L_POST && p->it[k + 1].a != R_MONTH) {
        *end = k + 2;
        if (p->it[k + 1].flags & F_WEAK)
            *be = -1;   /* Burmese "၇ရက်" is as often seven days as the 7th */
        return p->it[k + 1].a;
    }
    return 0;
}

/* Tries to read a date starting at item I. Returns the index after it (0
 * when there is none) and fills D; *FIRST is the first item of the span. */
static size_t
parse_at(const pctx *p, size_t i, mk_date *d, size_t *first)
{
    size_t k = i, j;
    int dir = 0, be = 0, modded = 0;
    const item *it = &p->it[i];

    date_init(d);
    *first = i;
    /* a modifier before a weekday, month or unit */
    if (it->kind == L_MODPRE) {
        if (!adj(p, i + 1))
            return 0;
        dir = it->a;
        k = i + 1;
        modded = 1;
        it = &p->it[k];
        if (it->kind == L_DAYPART && p->timeml && (dir == 2 || dir == -1)) {
            d->drel = dir == 2 ? 0 : -1;   /* "this morning", "last night" */
            d->part = it->a;
            j = k + 1;
            goto tail;
        }
        if (it->kind != L_WDAY && it->kind != L_MONTH && it->kind != L_UNIT &&
            !(it->kind == L_PRE && (it->flags & F_UNITY)))
            return 0;
        if (dir == 0 && it->kind != L_MONTH)
            return 0;
    }
    /* a marker before a number or name: the number's role is set below */
    if (it->kind == L_PRE && !modded) {
        if ((it->flags & F_UNITY) && adj(p, k + 1) && p->it[k + 1].kind == L_MODPOST) {
            /* "tahun lalu", "ปีนี้" */
            int off = p->it[k + 1].a == 2 ? 0 : p->it[k + 1].a;
            if (it->unit == U_YEAR)
                d->yrel = off;
            else
                d->mrel = off;
            j = k + 2;
            goto tail;
        }
        if (!adj(p, k + 1))
            return 0;
        if (p->it[k + 1].kind == L_PRE && p->it[k + 1].a == R_YEAR &&
            (p->it[k + 1].flags & F_BE) && it->a == R_YEAR) {
            k++;   /* "ปี พ.ศ." written with two markers */
        }
        if (p->it[k + 1].kind == L_MONTH && it->a == R_MONTH) {
            k++;   /* "เดือนกันยายน": the marker is part of the span */
            it = &p->it[k];
        } else if (p->it[k + 1].kind == L_REL && it->a == R_DAY) {
            k++;
            it = &p->it[k];
        } else if (p->it[k + 1].kind == L_WDAY) {
            k++;
            it = &p->it[k];
        } else if (!is_num(p, k + 1))
            return 0;
        else {
            k++;
            it = &p->it[k];
        }
    }
    if (modded) {
        if (it->kind == L_WDAY) {
            d->wday = it->a;
            d->wdir = dir;
            j = k + 1;
            if (adj(p, j) && p->it[j].kind == L_POST && p->it[j].a == R_DAY)
                j++;   /* Burmese "စနေနေ့" */
            goto tail;
        }
        if (it->kind == L_MONTH) {
            d->m = it->a;
            d->wdir = dir;
            j = k + 1;
            if (tight(p, j) && p->it[j].kind == L_POST && p->it[j].a == R_MONTH)
                j++;
            if (dir == 0 && (it->flags & F_WEAK))
                return 0;
            goto tail;
        }
        /* "last week", "上个月" */
        int off = dir == 2 ? 0 : dir;
        if (it->unit == U_WEEK)
            d->wrel = off;
        else if (it->unit == U_MONTH)
            d->mrel = off;
        else if (it->unit == U_YEAR)
            d->yrel = off;
        else
            return 0;
        j = k + 1;
        goto tail;
    }
    /* "two years ago", "a week ago" */
    if ((it->kind == I_NUM || it->kind == L_NUMW) && adj(p, k + 1) &&
        p->it[k + 1].kind == L_UNIT && adj(p, k + 2) &&
        (p->it[k + 2].kind == L_AGO || (p->it[k + 2].flags & F_AGO))) {
        int v = it->kind == I_NUM ? it->num : it->a;
        int sign = p->it[k + 2].a < 0 ? 1 : -1;   /* "ago", "earlier": back */
        if (v < 1 || v > 1000 || (it->kind == I_NUM && it->ndig > 4))
            return 0;
        v *= sign;
        d->ago = 1;
        switch (p->it[k + 1].unit) {
        case U_DAY: d->drel = -v; break;
        case U_WEEK: d->wrel = -v; break;
        case U_MONTH: d->mrel = -v; break;
        default: d->yrel = -v; break;
        }
        j = k + 3;
        goto tail;
    }
    /* "the third quarter", "third-quarter", "the first quarter of 2024" */
    if (it->kind == L_ORDW) {
        size_t q = k + 1;
        if (is_punct(p, q, '-') && tight(p, q))
            q++;
        if (!adj(p, q) || p->it[q].kind != L_QUARTER)
            return 0;
        d->q = it->a;
        j = q + 1;
        if (j < p->n && is_num(p, j) && p->it[j].sb - p->it[j - 1].eb <= 4 &&
            memcmp(p->t + p->it[j - 1].eb, " of ", p->it[j].sb - p->it[j - 1].eb) == 0) {
            int y = year_of(p->it[j].num, p->it[j].ndig, 0, p->lang);
            if (y) {
                d->y = y;
                j++;
            }
        }
        if (!d->y)
            d->yrel = 0;
        goto tail;
    }
    switch (it->kind) {
    case L_REL:
        if (it->a == U_DAY)
            d->drel = it->b;
        else if (it->a == U_WEEK)
            d->wrel = it->b;
        else if (it->a == U_MONTH)
            d->mrel = it->b;
        else if (it->a == U_YEAR)
            d->yrel = it->b;
        else {
            d->wday = it->a - U_WDAY;
            d->wdir = it->b == 0 ? 2 : it->b;
            /* "上周二", "Thứ Ba tuần trước" say "of last week" */
            if (strcmp(p->lang, "zh") == 0 || strcmp(p->lang, "vi") == 0)
                d->wrel = it->b;
        }
        j = k + 1;
        if (it->a == U_YEAR && adj(p, j) && p->it[j].kind == L_MONTH) {
            /* "今年12月", "ယခုနှစ် ဇန်နဝါရီလ" */
            d->m = p->it[j].a;
            j++;
            if (tight(p, j) && p->it[j].kind == L_POST && p->it[j].a == R_MONTH)
                j++;
            if (adj(p, j) && is_num(p, j) && tight(p, j + 1) && p->it[j + 1].kind == L_POST &&
                p->it[j + 1].a == R_DAY && p->it[j].num >= 1 && p->it[j].num <= 31) {
                d->d = p->it[j].num;
                j += 2;
            }
        } else if (it->a == U_WEEK && adj(p, j) && p->it[j].kind == L_WDAY) {
            d->wday = p->it[j].a;
            j++;
        }
        goto tail;
    case L_WDAY:
        /* a Burmese weekday is a day with နေ့ ("သောကြာနေ့"); alone it is
         * as often a planet ("သောကြာဂြိုဟ်", Venus) */
        if (strcmp(p->lang, "my") == 0 && !(adj(p, k + 1) && p->it[k + 1].kind == L_POST &&
                                             p->it[k + 1].a == R_DAY))
            return 0;
        d->wday = it->a;
        j = k + 1;
        if (adj(p, j) && p->it[j].kind == L_POST && p->it[j].a == R_DAY)
            j++;
        if (adj(p, j) && p->it[j].kind == L_MODPOST) {
            d->wdir = p->it[j].a;
            j++;
            goto tail;
        }
        /* "Monday, August 21", "Kamis (10/10)", "Sabado, Hulyo 13" */
        {
            mk_date e;
            size_t f2, jj = j;
            if (is_punct(p, jj, ',') && adj(p, jj + 1))
                jj++;
            if (is_punct(p, jj, '(') && adj(p, jj)) {
                size_t q = numeric(p, jj + 1, 1, (date_init(&e), &e));
                if (q && is_punct(p, q, ')') && tight(p, q)) {
                    d->y = e.y;
                    d->m = e.m;
                    d->d = e.d;
                    d->wday = 0;
                    j = q + 1;
                    goto tail;
                }
            } else if (jj > j || adj(p, jj)) {
                if (jj < p->n && (p->it[jj].kind == L_MONTH || is_num(p, jj) ||
                                  p->it[jj].kind == L_PRE)) {
                    size_t q = parse_at(p, jj, &e, &f2);
                    if (q && (e.m || e.d) && e.wday == 0 && e.drel == MK_DATE_NONE) {
                        e.wday = 0;
                        *d = e;
                        j = q;
                        goto tail;
                    }
                }
            }
        }
        goto tail;
    case L_UNIT:
        if (adj(p, k + 1) && p->it[k + 1].kind == L_MODPOST) {
            int off = p->it[k + 1].a == 2 ? 0 : p->it[k + 1].a;
            if (it->unit == U_WEEK)
                d->wrel = off;
            else if (it->unit == U_MONTH)
                d->mrel = off;
            else if (it->unit == U_YEAR)
                d->yrel = off;
            j = k + 2;
            goto tail;
        }
        return 0;
    default:
        break;
    }
    if (it->kind != I_NUM && it->kind != L_MONTH)
        return 0;

    /* numeric forms first */
    {
        int allow2 = (k > i && (p->it[k - 1].kind == L_PRE &&
                                (p->it[k - 1].a == R_DAY || p->it[k - 1].a == R_MONTH))) ||
                     (k == i && k > 0 && adj(p, k) && p->it[k - 1].kind == L_PREP &&
                      (p->it[k - 1].flags & F_NEAR));
        if (it->kind == I_NUM && (j = numeric(p, k, allow2, d)) != 0) {
            if (allow2 && p->it[k - 1].a == R_MONTH && d->d) {
                return 0;   /* "tháng 5/6" */
            }
            goto tail;
        }
        if (it->kind == L_MONTH && tight(p, k + 1) && is_punct(p, k + 1, '/') &&
            is_num(p, k + 2) && tight(p, k + 2) && p->it[k + 2].ndig == 4) {
            /* Vietnamese "tháng 5/2024" */
            int y = year_of(p->it[k + 2].num, 4, 0, p->lang);
            if (y) {
                d->m = it->a;
                d->y = y;
                j = k + 3;
                goto tail;
            }
        }
    }

    /* components: year, month and day in any order, markers around */
    {
        int got_y = 0, got_m = 0, got_d = 0, weak = 0, nums = 0, explicit = 0;
        size_t good = k;   /* the end of the last component read */
        j = k;
        while (j < p->n) {
            const item *c = &p->it[j];
            size_t next = j + 1;
            if (j > k) {
                /* what may stand between components */
                if (!adj(p, j))
                    break;
                if (c->kind == I_PUNCT && c->a == ',' && adj(p, j + 1) &&
                    (is_num(p, j + 1) || p->it[j + 1].kind == L_MONTH ||
                     p->it[j + 1].kind == L_PRE)) {
                    j++;
                    c = &p->it[j];
                } else if (c->kind == I_PUNCT && c->a == '.' && tight(p, j) &&
                           p->it[j - 1].kind == L_MONTH && adj(p, j + 1)) {
                    j++;
                    c = &p->it[j];
                }
            }
            if (c->kind == L_PRE) {
                if (!adj(p, j + 1))
                    break;
                if (c->a == R_YEAR && p->it[j + 1].kind == L_PRE && (p->it[j + 1].flags & F_BE))
                    j++, c = &p->it[j];
                if (c->a == R_MONTH && p->it[j + 1].kind == L_MONTH) {
                    j++;
                    continue;
                }
                if (!is_num(p, j + 1))
                    break;
                j++;
                continue;
            }
            if (c->kind == L_MONTH) {
                if (got_m)
                    break;
                got_m = c->a;
                if (tight(p, next) && p->it[next].kind == L_POST && p->it[next].a == R_MONTH)
                    next++;
                else if (!(k > i && p->it[k - 1].kind == L_PRE && p->it[k - 1].a == R_MONTH))
                    weak |= (c->flags & F_WEAK) != 0;
                j = good = next;
                continue;
            }
            if (c->kind == L_REL && c->a == U_YEAR && got_m && !got_y && d->yrel == MK_DATE_NONE) {
                d->yrel = c->b;   /* "September tahun depan" */
                got_y = -1;
                j = good = next;
                continue;
            }
            if (c->kind != I_NUM)
                break;
            int b2 = 0;
            size_t mend;
            int role = marked(p, j, &b2, &mend);
            if (b2 > 0)
                be = 1;
            if (role == 0) {
                int y = year_of(c->num, c->ndig, be, p->lang);
                if (y && !got_y)
                    role = R_YEAR;
                else if (!got_y && got_m && got_d && c->ndig == 2 && !c->chinese &&
                         (strcmp(p->lang, "th") == 0 || strcmp(p->lang, "lo") == 0) &&
                         p->it[j - 1].kind == L_MONTH) {
                    /* "4 ก.ย. 61": a Buddhist-era year in two digits */
                    got_y = 2500 + c->num - 543;
                    nums++;
                    j = good = mend;
                    continue;
                }
                else if (c->ndig <= 2 && c->num >= 1 && c->num <= 31 && !got_d && !got_y &&
                         (got_m || (adj(p, j + 1) && p->it[j + 1].kind == L_MONTH) ||
                          (is_punct(p, j + 1, '-') && is_num(p, j + 2) &&
                           adj(p, j + 3) && p->it[j + 3].kind == L_MONTH)))
                    role = R_DAY;
                else
                    break;
            } else if (b2 >= 0)
                explicit = 1;
            if (role == R_YEAR) {
                int y = c->chinese ? (c->ndig == 4 ? c->num : 0)
                                   : year_of(c->num, c->ndig, be, p->lang);
                if (c->chinese == 0 && y == 0 && explicit && c->ndig == 4)
                    y = 0;
                if (got_y || y == 0)
                    break;
                got_y = y;
                d->decade = 0;
            } else if (role == R_MONTH) {
                if (got_m || c->num < 1 || c->num > 12)
                    break;
                got_m = c->num;
            } else if (role == R_DAY) {
                if (got_d || c->num < 1 || c->num > 31)
                    break;
                got_d = c->num;
                /* a range of days: "21-23", "21–23" */
                if (is_punct(p, mend, '-') && mend + 1 < p->n && adj(p, mend + 1) &&
                    is_num(p, mend + 1) && p->it[mend + 1].ndig <= 2 &&
                    p->it[mend + 1].num > c->num && p->it[mend + 1].num <= 31 &&
                    !(is_punct(p, mend + 2, '-') || is_punct(p, mend + 2, '/'))) {
                    d->d2 = p->it[mend + 1].num;
                    mend += 2;
                } else if (tight(p, mend) && p->it[mend].kind == L_ORD)
                    mend++;
            }
            nums++;
            j = good = mend;
        }
        j = good;
        if (!got_y && !got_m && !got_d)
            return 0;
        /* a month word that is also a common word needs a number beside it,
         * or a preposition before it ("in May", "since March") */
        if (got_m && weak && nums == 0 &&
            !(k > 0 && adj(p, k) && (p->it[k - 1].kind == L_PREP || p->it[k - 1].kind == L_EXT)))
            return 0;
        /* a bare number is a date only as a year, and a day needs a month
         * unless a marker says so ("24日", "วันที่ 24") */
        if (!got_m && got_d && !explicit)
            return 0;
        if (!got_m && !got_y)
            if (!explicit)
                return 0;
        if (got_y > 0)
            d->y = got_y;
        d->m = got_m;
        d->d = got_d;
        if (d->d2)
            d->m2 = d->m, d->y2 = d->y;
        if (!valid_ymd(d->y, d->m ? d->m : 1, d->d) || (d->d && !d->m && d->y)) {
            *first = j;   /* "31 February 2024": no date, and no "February 2024" in it */
            return 0;
        }
        if (got_y > 0 && !got_m && !got_d) {
            /* a lone year: not "2024 people" after a currency sign, not
             * "the 1990s", which is a decade */
            const item *yi = &p->it[j - 1];
            if (yi->eb < strlen(p->t) && p->t[yi->eb] == 's' && j - 1 == k) {
                d->decade = 1;
                j = j;   /* the "s" is not an item: extend the span below */
            }
            /* a year that names an event or a plan ("Expo 2024",
             * "Nusantara 2024", "Vision 2030") follows a capitalized word */
            if (k == i && p->it[k].sb >= 2 && p->orig[p->it[k].sb - 1] == ' ') {
                size_t q = p->it[k].sb - 1;
                while (q > 0 && p->orig[q] == ' ')
                    q--;
                size_t w = q;
                while (w > 0 && ((unsigned char)p->orig[w - 1] >= 0x80 ||
                                 ((p->orig[w - 1] | 0x20) >= 'a' && (p->orig[w - 1] | 0x20) <= 'z')))
                    w--;
                size_t b = w;
                while (b > 0 && p->orig[b - 1] == ' ')
                    b--;
                int initial = b == 0 || strchr(".!?\"'(:;", p->orig[b - 1]) != NULL ||
                              (unsigned char)p->orig[b - 1] >= 0x80;
                if (w < q && !initial && p->orig[w] >= 'A' && p->orig[w] <= 'Z' &&
                    (k == 0 || p->it[k - 1].eb <= w || p->it[k - 1].kind != L_MONTH))
                    return 0;
            }
            /* money: "US$2024", "฿ 2500", "Rp 2024" */
            {
                size_t q = p->it[k].sb;
                while (q > 0 && p->orig[q - 1] == ' ')
                    q--;
                if (q > 0) {
                    size_t b = q - 1, n;
                    while (b > 0 && ((unsigned char)p->orig[b] & 0xC0) == 0x80)
                        b--;
                    uint32_t c = mk__utf8_decode((const unsigned char *)p->orig + b, q - b, &n);
                    if (u_charType((UChar32)c) == U_CURRENCY_SYMBOL ||
                        (q >= 2 && (memcmp(p->t + q - 2, "rp", 2) == 0 ||
                                    memcmp(p->t + q - 2, "rm", 2) == 0) &&
                         (q == 2 || !is_word_byte((const unsigned char *)p->t + q - 3, 1))))
                        return 0;
                }
            }
            /* a count: "2000余家", "2000 người" is not told apart, but a
             * Han character after the number is a counter, not a date */
            const item *ni = &p->it[k];
            if (ni->kind == I_NUM && (unsigned char)p->t[ni->eb] >= 0xE3 &&
                (unsigned char)p->t[ni->eb] <= 0xE9 &&
                !(tight(p, k + 1) && p->it[k + 1].kind == L_POST))
                return 0;
            if (k > 0 && p->it[k].gap == 0 && p->it[k - 1].kind == I_PUNCT &&
                (p->it[k - 1].a == '-' || p->it[k - 1].a == '/' || p->it[k - 1].a == '.'))
                return 0;
            if (tight(p, j) && p->it[j].kind == I_PUNCT &&
                (p->it[j].a == '-' || p->it[j].a == '/' || p->it[j].a == '.' ||
                 p->it[j].a == ',') && is_num(p, j + 1) && tight(p, j + 1))
                return 0;
        }
    }
tail:
    if (!has_any(d))
        return 0;
    /* "Friday morning": the part of the day is a time, not part of the
     * date (corpora/FORMAT.md), except for TimeML, which joins them */
    if (p->timeml && (d->wday || d->drel != MK_DATE_NONE || d->d) && d->hh < 0 && adj(p, j) &&
        p->it[j].kind == L_DAYPART) {
        d->part = p->it[j].a;
        j++;
    }
    /* a time of day after the date: "Monday at 9.30am", "August 21, 10 p.m." */
    {
        mk_date tm;
        size_t q = j;
        date_init(&tm);
        if (q < p->n && is_punct(p, q, ',') && adj(p, q + 1))
            q++;
        if (q < p->n && adj(p, q)) {
            size_t r = time_at(p, q, &tm);
            if (r) {
                d->hh = tm.hh;
                d->mi = tm.mi;
                j = r;
            }
        }
    }
    return j;
}

static int
future_before(const pctx *p, size_t k)
{
    /* a future word earlier in the same clause */
    for (size_t q = k; q-- > 0;) {
        const item *it = &p->it[q];
        if (it->kind == L_FUTURE && (!(it->flags & F_NEAR) || (q + 1 == k && p->it[k].kind == L_WDAY)))
            return 1;
        /* the clause: back to a stop, a semicolon or a comma ("said they
         * would appeal the decision, announced Wednesday") */
        if (it->kind == I_PUNCT && (it->a == '.' || it->a == ';' || it->a == ','))
            break;
        if (p->it[k].sb - it->eb > 200)
            break;
    }
    return 0;
}

long
mk__dates_find(mk_datefinder *f, const char *text, size_t len, const char *lang, int opts,
               mk_date_match *out, size_t cap)
{
    lexer x = { 0 };
    size_t li = 0, i, count = 0;
    char stackbuf[4096], *t = stackbuf;
    long rc;

    for (i = 0; i < NLANG; i++)
        if (lang != NULL && strcmp(lang, langs[i]) == 0)
            li = i;
    if (lang != NULL && strcmp(lang, "tl") == 0)
        li = 3;
    if (len >= sizeof stackbuf) {
        if ((t = malloc(len + 1)) == NULL)
            return MK_ENOMEM;
    }
    memcpy(t, text, len);
    t[len] = '\0';
    fold(t, len);
    if (lex_text(&f->lx[li], t, len, &x) != 0) {
        rc = MK_ENOMEM;
        goto done;
    }
    pctx p = { x.it, x.n, t, text, langs[li], opts & MK_DATES_DAY_FIRST, li <= 4,
               (opts & MK_DATES_TIMEML) != 0 };
#ifdef MK_DATE_DEBUG
    for (i = 0; i < x.n; i++)
        fprintf(stderr, "item %zu kind %d gap %d a %d b %d num %d [%.*s]\n", i, x.it[i].kind,
                x.it[i].gap, x.it[i].a, x.it[i].b, x.it[i].num,
                (int)(x.it[i].eb - x.it[i].sb), t + x.it[i].sb);
#endif
    for (i = 0; i < x.n;) {
        mk_date d;
        size_t first, j;
        const item *it = &x.it[i];
        /* a time before its date: "9.30am on Monday", "10 p.m. Tuesday" */
        mk_date tm;
        date_init(&tm);
        size_t tq = time_at(&p, i, &tm);
        if (tq) {
            size_t q = tq;
            /* "on" and "at" are not items: the gap shows them as text */
            if (q < x.n && x.it[q].gap <= 2 && x.it[q].sb - x.it[tq - 1].eb <= 5) {
                j = parse_at(&p, q, &d, &first);
                if (j && d.hh < 0 && (d.m || d.wday || d.drel != MK_DATE_NONE)) {
                    d.hh = tm.hh;
                    d.mi = tm.mi;
                    first = i;
                    goto found;
                }
            }
        }
        if (it->kind == L_TREF && p.timeml) {
            date_init(&d);
            d.ref = it->a;
            first = i;
            j = i + 1;
            goto found;
        }
        if (it->kind == L_DAYPART && p.timeml && adj(&p, i + 1) &&
            (j = parse_at(&p, i + 1, &d, &first)) != 0 &&
            (d.wday || d.drel != MK_DATE_NONE || d.d) && d.hh < 0) {
            d.part = it->a;   /* "mid-afternoon yesterday" */
            first = i;
            goto found;
        }
        if (it->kind == L_EXT) {
            /* "early next year", "fiscal 1989": the word joins the date */
            if (adj(&p, i + 1) && x.it[i + 1].kind != L_EXT &&
                (j = parse_at(&p, i + 1, &d, &first)) != 0) {
                first = i;
                goto found;
            }
            i++;
            continue;
        }
        if (it->kind == I_PUNCT || it->kind == L_POST || it->kind == L_ORD ||
            it->kind == L_AMPM || it->kind == L_FUTURE || it->kind == L_MODPOST ||
            it->kind == L_AGO || it->kind == L_QUARTER || it->kind == L_DAYPART ||
            it->kind == L_PREP || it->kind == L_EVERY || it->kind == L_TREF ||
            (it->kind == L_NUMW && !(adj(&p, i + 1) && x.it[i + 1].kind == L_UNIT))) {
            i++;
            continue;
        }
        j = parse_at(&p, i, &d, &first);
        if (j == 0) {
            i = first > i ? first : i + 1;
            continue;
        }
found:
        if (first > 0 && x.it[first - 1].kind == L_EVERY && adj(&p, first)) {
            i = j;   /* "every Friday", "ทุกปี": a frequency, not a date */
            continue;
        }
        if ((d.wday || (d.m && !d.y)) && d.wdir == 0) {
            d.future = future_before(&p, first);
            /* "since March" looks back */
            if (first > 0 && x.it[first - 1].kind == L_PREP && adj(&p, first) &&
                x.it[first - 1].a < 0)
                d.future = -1;
        }
        if (d.q && x.it[first].sb >= 4 && memcmp(t + x.it[first].sb - 4, "the ", 4) == 0) {
            /* the article is part of a quarter's name */
            if (count < cap) {
                out[count].start_b = x.it[first].sb - 4;
                out[count].end_b = x.it[j - 1].eb;
                out[count].date = d;
            }
            count++;
            i = j;
            continue;
        }
        if (count < cap) {
            size_t eb = x.it[j - 1].eb;
            if (d.decade && eb < len && t[eb] == 's')
                eb++;
            /* "30 Nov." at a sentence's end: the stop is the sentence's */
            if (x.it[j - 1].kind == L_MONTH && t[eb - 1] == '.' && (x.it[j - 1].flags & F_LATIN) &&
                (eb == len || t[eb] == ' ' || t[eb] == '\n'))
                eb--;
            out[count].start_b = x.it[first].sb;
            out[count].end_b = eb;
            out[count].date = d;
        }
        count++;
        i = j;
    }
    rc = (long)count;
done:
    free(x.it);
    if (t != stackbuf)
        free(t);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Resolution                                                          */

/* Days since 1970-01-01 (proleptic Gregorian). */
static long
days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

static int
weekday(long z)   /* 1 Monday .. 7 Sunday */
{
    long w = (z + 3) % 7;   /* 1970-01-01 was a Thursday */
    if (w < 0)
        w += 7;
    return (int)w + 1;
}

static void
iso_week(long z, int *wy, int *wn)
{
    int y, m, d;
    long thu = z - weekday(z) + 4;   /* the Thursday of the week */
    civil_from_days(thu, &y, &m, &d);
    *wy = y;
    *wn = (int)((thu - days_from_civil(y, 1, 1)) / 7 + 1);
}

int
mk__weekday(int y, int m, int d)
{
    return weekday(days_from_civil(y, m, d));
}

int
mk__date_absolute(const mk_date *d)
{
    return d->y != 0 && d->yrel == MK_DATE_NONE && d->mrel == MK_DATE_NONE &&
           d->wrel == MK_DATE_NONE && d->drel == MK_DATE_NONE && d->wday == 0;
}

int
mk__date_value(const mk_date *d, int ry, int rm, int rd, char *out, size_t cap)
{
    int y = d->y, m = d->m, dd = d->d;
    long ref = ry ? days_from_civil(ry, rm ? rm : 1, rd ? rd : 1) : 0;
    char tbuf[16] = "";

    out[0] = '\0';
    if (d->ref) {
        static const char *const refs[] = { "", "PRESENT_REF", "PAST_REF", "FUTURE_REF" };
        snprintf(out, cap, "%s", refs[d->ref & 3]);
        return 0;
    }
    if (d->hh >= 0)
        snprintf(tbuf, sizeof tbuf, "T%02d:%02d", d->hh, d->mi);
    else if (d->part >= 1 && d->part <= 4)
        snprintf(tbuf, sizeof tbuf, "T%s", (const char *[]){ "MO", "AF", "EV", "NI" }[d->part - 1]);
    if (d->q) {
        if (d->y == 0 && ry == 0)
            return -1;
        snprintf(out, cap, "%04d-Q%d", d->y ? d->y : ry + (d->yrel != MK_DATE_NONE ? d->yrel : 0),
                 d->q);
        return 0;
    }
    if (d->decade) {
        snprintf(out, cap, "%03d", y / 10);
        return 0;
    }
    if (mk__date_absolute(d)) {
        if (d->d2) {
            snprintf(out, cap, "%04d-%02d-%02d/%04d-%02d-%02d", y, m, dd, d->y2 ? d->y2 : y,
                     d->m2 ? d->m2 : m, d->d2);
            return 0;
        }
        if (dd)
            snprintf(out, cap, "%04d-%02d-%02d%s", y, m, dd, tbuf);
        else if (m)
            snprintf(out, cap, "%04d-%02d", y, m);
        else
            snprintf(out, cap, "%04d", y);
        return 0;
    }
    if (ry == 0)
        return -1;
    if (d->drel != MK_DATE_NONE) {
        civil_from_days(ref + d->drel, &y, &m, &dd);
        snprintf(out, cap, "%04d-%02d-%02d%s", y, m, dd, tbuf);
        return 0;
    }
    if (d->wday) {
        long z;
        int wd = weekday(ref);
        if (d->wrel != MK_DATE_NONE)
            z = ref - (wd - 1) + 7L * d->wrel + (d->wday - 1);
        else if (d->wdir == -1)
            z = ref - ((wd - d->wday + 6) % 7 + 1);
        else if (d->wdir == 1)
            z = ref + ((d->wday - wd + 6) % 7 + 1);
        else if (d->wdir == 2)
            z = ref - (wd - 1) + (d->wday - 1);
        else if (d->future > 0)
            z = ref + ((d->wday - wd + 6) % 7 + 1);
        else
            z = ref - (wd - d->wday + 7) % 7;
        civil_from_days(z, &y, &m, &dd);
        snprintf(out, cap, "%04d-%02d-%02d%s", y, m, dd, tbuf);
        return 0;
    }
    if (d->wrel != MK_DATE_NONE) {
        int wy, wn;
        iso_week(ref + 7L * d->wrel, &wy, &wn);
        snprintf(out, cap, "%04d-W%02d", wy, wn);
        return 0;
    }
    if (d->mrel != MK_DATE_NONE) {
        int mm = ry * 12 + (rm - 1) + d->mrel;
        snprintf(out, cap, "%04d-%02d", mm / 12, mm % 12 + 1);
        return 0;
    }
    if (d->yrel != MK_DATE_NONE)
        y = ry + d->yrel;
    else if (y == 0 && m) {
        /* a month (and day) without a year: the one nearest the
         * reference, or the last or next one when the text says so */
        y = ry;
        if (d->wdir == -1)
            y = m < rm ? ry : ry - 1;
        else if (d->wdir == 1)
            y = m > rm ? ry : ry + 1;
        else if (d->wdir == 2)
            y = ry;
        else if (d->future < 0)
            y = (m < rm || (m == rm && dd <= rd)) ? ry : ry - 1;
        else if (d->future > 0 && (rm - m > 1 || (rm - m == 1 && (!dd || dd < rd))))
            y = ry + 1;   /* "will be held in March", said in October */
        else if (m - rm >= 6)
            y = ry - 1;   /* the nearest one, the past one when both are as near */
        else if (rm - m > 6)
            y = ry + 1;
    } else if (y == 0 && dd) {
        /* a day alone ("24日"): of the reference's month */
        y = ry;
        m = rm;
        if (dd > days_in(y, m))
            return -1;
    }
    if (m && dd && !valid_ymd(y, m, dd))
        return -1;
    if (d->d2)
        snprintf(out, cap, "%04d-%02d-%02d/%04d-%02d-%02d", y, m, dd, y, m, d->d2);
    else if (dd)
        snprintf(out, cap, "%04d-%02d-%02d%s", y, m, dd, tbuf);
    else if (m)
        snprintf(out, cap, "%04d-%02d", y, m);
    else
        snprintf(out, cap, "%04d", y);
    return 0;
}

int
mk__date_day_first(const char *locale)
{
    UErrorCode e = U_ZERO_ERROR;
    UDateFormat *df = udat_open(UDAT_NONE, UDAT_SHORT, locale, NULL, 0, NULL, 0, &e);
    UChar b[64];
    int first = 1;

    if (U_FAILURE(e))
        return 1;
    int32_t n = udat_toPattern(df, 0, b, 64, &e);
    if (U_SUCCESS(e))
        for (int32_t i = 0; i < n; i++) {
            if (b[i] == 'd') {
                first = 1;
                break;
            }
            if (b[i] == 'M' || b[i] == 'L') {
                first = 0;
                break;
            }
        }
    udat_close(df);
    return first;
}
