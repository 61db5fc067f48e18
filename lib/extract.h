/*
 * extract.h - internals of the extractors (not installed): the phone
 * finder and numbering plan (phone.c, phoneplan.c), the e-mail finder
 * (email.c) and the date finder (date.c). The public face is mk_extract in
 * mekong.h; these are the parts it is built from, each testable alone.
 *
 * All spans are byte offsets into the text passed in; the text is valid
 * UTF-8 (one paragraph or sentence).
 */
#ifndef MK_EXTRACT_H
#define MK_EXTRACT_H

#include <stddef.h>

#include "mekong.h"

/* ------------------------------------------------------------------ */
/* Phones                                                              */

/* A number found in running text, before its region is known. */
typedef struct mk_phone_cand {
    size_t start_b, end_b;  /* the span as written, e.g. "(02) 8951 2803" */
    char digits[24];        /* its digits in ASCII, any script read, NUL-ended */
    int intl;               /* written with "+" or an international prefix ("00", ...) */
} mk_phone_cand;

/* Finds phone-number candidates in TEXT[0..LEN). Writes at most CAP to
 * OUT and returns how many there are (may exceed CAP). Years, dates,
 * money, counts, percentages, ISBNs and the like are not candidates. */
size_t mk__phone_find(const char *text, size_t len, mk_phone_cand *out, size_t cap);

/* Resolves a candidate to E.164 ("+8616623004441") trying the ISO 3166
 * regions REGIONS[0..N) in order for a national number (an international
 * one carries its country code). Returns the index of the region used (or
 * N for an international number), or -1 when the number is not a valid
 * number of any of them; E164 (CAP >= 20) is then "". */
int mk__phone_resolve(const mk_phone_cand *c, const char *const *regions, size_t n,
                      char *e164, size_t cap);

/* Parses one whole string S[0..LEN) as a phone number of REGION (as
 * libphonenumber's parse + isValidNumber). Returns 1 and fills E164 when
 * valid, 0 when not, -1 when REGION is no region of the plan (NULL: the
 * number must carry its code). */
int mk__phone_parse(const char *s, size_t len, const char *region, char *e164, size_t cap);

/* The region a word hints at for national numbers: an app ("WeChat" ->
 * CN, "Zalo" -> VN, "LINE" -> TH, "KakaoTalk" -> KR) or a country or major
 * city named in English or in the region's own languages. NULL if none. */
const char *mk__phone_hint(const char *word, size_t len);

/* The region of the longest place or app name of a script without
 * capitals ("老挝", "ภูเก็ต") that S[0..LEN) starts with; *N its length in
 * bytes. NULL (and *N 0) if none. */
const char *mk__phone_hint_prefix(const char *s, size_t len, size_t *n);

/* The region whose national numbers a document in language LANG most
 * likely holds ("th" -> "TH", "vi" -> "VN" ...), or NULL. */
const char *mk__phone_lang_region(const char *lang);

/* ------------------------------------------------------------------ */
/* E-mail addresses                                                    */

enum {
    MK_EMAIL_PLAIN = 0,
    MK_EMAIL_OBFUSCATED = 1,  /* "name [at] example [dot] com", "(at)", full-width @ */
    MK_EMAIL_PLACEHOLDER = 2  /* "[email protected]": an address hidden by the scraper */
};

typedef struct mk_email_match {
    size_t start_b, end_b;  /* the span as written ("mailto:" left out) */
    int kind;               /* MK_EMAIL_... */
    char value[256];        /* local@domain, the domain lower-cased; "" for a placeholder */
} mk_email_match;

/* Finds addresses in TEXT[0..LEN). Writes at most CAP to OUT and returns
 * how many there are. An "@" in a URL path, a handle ("@mekong") or a file
 * name is not an address. */
size_t mk__email_find(const char *text, size_t len, mk_email_match *out, size_t cap);


/* ------------------------------------------------------------------ */
/* Dates                                                               */

#define MK_DATE_NONE (-32768)   /* a relative field that is not given */

/* A date expression as the text gives it, before it is resolved against
 * the document's date. Absolute fields are 0 when not given. */
typedef struct mk_date {
    int y, m, d;            /* year (Gregorian), month, day */
    int y2, m2, d2;         /* the end of a range, 0 when none */
    int hh, mi;             /* time of day, -1 when none */
    int decade;             /* "the 1990s": y holds 1990 */
    int q;                  /* a quarter of the year, 1..4, 0 none */
    int yrel, mrel, wrel, drel;  /* offsets from the reference, or MK_DATE_NONE */
    int wday;               /* 1 Monday .. 7 Sunday, 0 none */
    int wdir;               /* weekday or month name: -1 last, 1 next, 2 this, 0 bare */
    int ref;                /* TimeML: 1 PRESENT_REF ("now"), 2 PAST_REF, 3 FUTURE_REF */
    int part;               /* TimeML: part of the day, 1 MO, 2 AF, 3 EV, 4 NI */
    int ago;                /* counted back from the story: "a year ago", "a year earlier" */
    int future;             /* the clause looks ahead (1, "will"), back (-1,
                               "since") or neither (0): bare weekdays, months */
} mk_date;

typedef struct mk_date_match {
    size_t start_b, end_b;
    mk_date date;
} mk_date_match;

typedef struct mk_datefinder mk_datefinder;

/* Builds the month, weekday and relative-day lexicons of the ten languages
 * from ICU's CLDR data. */
mk_datefinder *mk__dates_new(mk_error *err);
void mk__dates_free(mk_datefinder *f);

/* Finds date expressions in TEXT[0..LEN) of language LANG. OPTS:
 * MK_DATES_DAY_FIRST reads numeric dates day first, else month first
 * (where the numbers do not decide); MK_DATES_TIMEML also finds the
 * references TimeML annotates without a calendar date ("now", "recently",
 * "the future") and parts of days ("Friday morning"). Writes at most CAP
 * to OUT and returns how many there are, or MK_ENOMEM. */
enum { MK_DATES_DAY_FIRST = 1, MK_DATES_TIMEML = 2 };
long mk__dates_find(mk_datefinder *f, const char *text, size_t len, const char *lang,
                    int opts, mk_date_match *out, size_t cap);

/* The weekday of Y-M-D, 1 Monday .. 7 Sunday. */
int mk__weekday(int y, int m, int d);

/* Does D name a day, month or year without the reference's help? */
int mk__date_absolute(const mk_date *d);

/* Writes D's ISO 8601 value resolved against the reference date RY-RM-RD
 * (RY 0: none) into OUT (CAP >= 48); TimeML's forms for D.ref and D.part
 * ("PRESENT_REF", "2024-08-23TMO"). Returns 0, or -1 when D needs a
 * reference it does not have (OUT is then ""). */
int mk__date_value(const mk_date *d, int ry, int rm, int rd, char *out, size_t cap);

/* Is the locale's short date pattern day-before-month ("dd/MM/y")? */
int mk__date_day_first(const char *locale);

/* ------------------------------------------------------------------ */
/* People and institutions by rule                                     */

enum { MK_NAME_TITLED = 1, MK_NAME_ACRONYM = 2 };

/* A name the tagger found of a type extract does not write (misc): the
 * rules leave it alone, and it is not written. */
#define MK__ENT_OTHER 0x400

typedef struct mk_name_match {
    size_t start_b, end_b;
    size_t name_b;          /* where the name proper starts: after a title
                               written glued to it ("นายสมชาย", "ဦးနု"), which
                               is in the span but not in the value */
    int type;               /* MK_ENT_PERSON or MK_ENT_ORG */
    int flags;              /* MK_NAME_TITLED: after a title; MK_NAME_ACRONYM: "(ABC)"
                               after the name it abbreviates */
} mk_name_match;

/* Finds people after titles, institutions with head words and acronyms
 * defined in brackets in TEXT[0..LEN) of language LANG; the EXTRA names a
 * tagger found join those of the rules where they do not overlap them;
 * with PLACES, countries by name (mk__place_at) where nothing else is.
 * Writes at most CAP to OUT, in no particular order, and returns how many
 * there are. */
size_t mk__names_find(const char *text, size_t len, const char *lang, const mk_name_match *extra,
                      size_t nextra, int places, mk_name_match *out, size_t cap);

/* The length in bytes of the country name of LANG (CLDR's, from ICU) that
 * TEXT[I..LEN) starts with, the longest; 0 for none or a language it does
 * not know. Thread-safe; the names are read from ICU once per process. */
size_t mk__place_at(const char *lang, const char *text, size_t len, size_t i);

/* The words of TEXT (letters, marks and digits, hyphens and apostrophes
 * inside): their byte spans, and in CAPS 2 for all capitals, 1 for a
 * capital first, 0 else. Returns how many (at most CAP). */
size_t mk__names_words(const char *text, size_t len, size_t *starts, size_t *ends, int *caps,
                       size_t cap);

/* Is the word S[0..N) a title of LANG (corpora/titles.txt), whatever its
 * case ("Anh", "Ông")? */
int mk__names_is_title(const char *s, size_t n, const char *lang);

/* Are NAME[0..CUT), the first words of an institution's full name
 * NAME[0..LEN), a short form of it: not a head word alone, two words at
 * least where the script has spaces, and what they leave out holds no
 * head word, no "and" and no comma; in Latin letters, only company words
 * (corpora/company-words.txt: "Logistics Pte. Ltd."), or in Vietnamese
 * three capitalized words at most ("Tp. HCM")? */
int mk__names_short_form(const char *name, size_t len, size_t cut, const char *lang);

#endif /* MK_EXTRACT_H */
