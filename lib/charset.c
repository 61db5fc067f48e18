/*
 * charset.c - guessing the legacy encoding of text that is not UTF-8.
 *
 * ICU's detector knows the multi-byte East Asian encodings and the ISO
 * 8859 / windows-125x families, but not TIS-620 / windows-874 (Thai) or
 * windows-1258 (Vietnamese), the two that news of this region still
 * arrives in. Both get rules of our own, tried first:
 *  - Thai: every high byte is an assigned TIS-620 / windows-874 code, and
 *    the combining vowels and tone marks stand where Thai spelling puts
 *    them (after a consonant, tone marks also after an upper or lower
 *    vowel). Double-byte Chinese text breaks that rule half the time.
 *  - Vietnamese: windows-1258 writes tones as five combining bytes
 *    (0xCC 0xEC 0xDE 0xD2 0xF2) after a vowel; Western European text has
 *    the same bytes as letters (ì ò Ò) after consonants, and rarely.
 * ICU's candidates are then tried in order of confidence, keeping the
 * first that decodes the sample without an error.
 */
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include "internal.h"

static int
thai_consonant(unsigned char b)
{
    return b >= 0xA1 && b <= 0xCE;
}

/* An upper or lower vowel sign, or a tone / other upper mark. */
static int
thai_vowel_mark(unsigned char b)
{
    return b == 0xD1 || (b >= 0xD4 && b <= 0xDA) || b == 0xE7;
}

static int
thai_tone_mark(unsigned char b)
{
    return b >= 0xE8 && b <= 0xEE;
}

/* A byte that windows-874 assigns above 0x7F. */
static int
thai_assigned(unsigned char b)
{
    if (b >= 0xA1 && b <= 0xDA)
        return 1;
    if (b >= 0xDF && b <= 0xFB)
        return 1;
    return b == 0x80 || b == 0x85 || (b >= 0x91 && b <= 0x97) || b == 0xA0;
}

static int
looks_thai(const unsigned char *s, size_t len)
{
    size_t i, high = 0, marks = 0, marks_ok = 0, lead = 0, lead_ok = 0, wedged = 0;

    for (i = 0; i < len; i++) {
        unsigned char b = s[i], p = i > 0 ? s[i - 1] : 0;
        if (b < 0x80) {
            /* Big5 and GBK put trail bytes 0x40..0x7E between high bytes;
             * Thai has no Latin letter glued between two Thai letters */
            if (b >= 0x40 && b <= 0x7E && p >= 0x80 && i + 1 < len && s[i + 1] >= 0x80)
                wedged++;
            continue;
        }
        high++;
        if (!thai_assigned(b))
            return 0;
        if (thai_vowel_mark(b)) {
            marks++;
            marks_ok += thai_consonant(p);
        } else if (thai_tone_mark(b)) {
            marks++;
            marks_ok += thai_consonant(p) || thai_vowel_mark(p);
        } else if (b >= 0xE0 && b <= 0xE4 && i + 1 < len) {
            /* a leading vowel (เ แ โ ใ ไ) comes before a consonant; people
             * type แ as เเ, too */
            lead++;
            lead_ok += thai_consonant(s[i + 1]) || (b == 0xE0 && s[i + 1] == 0xE0);
        }
    }
    return high >= 6 && marks >= 1 && marks_ok * 100 >= marks * 95 &&
           lead_ok * 100 >= lead * 95 && wedged * 100 <= high;
}

static int
viet_tone_byte(unsigned char b)
{
    return b == 0xCC || b == 0xEC || b == 0xDE || b == 0xD2 || b == 0xF2;
}

static int
viet_vowel_byte(unsigned char b)
{
    switch (b | 0x20) {
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y':
        return b < 0x80;
    default:
        break;
    }
    switch (b) {
    case 0xC2: case 0xE2: case 0xC3: case 0xE3: case 0xCA: case 0xEA:
    case 0xD4: case 0xF4: case 0xD5: case 0xF5: case 0xDD: case 0xFD:
        return 1;
    default:
        return 0;
    }
}

static int
looks_vietnamese_1258(const unsigned char *s, size_t len)
{
    size_t i, tones = 0, tones_ok = 0, viet = 0, high = 0;

    for (i = 0; i < len; i++) {
        unsigned char b = s[i];
        if (b < 0x80)
            continue;
        high++;
        if (viet_tone_byte(b)) {
            tones++;
            tones_ok += i > 0 && viet_vowel_byte(s[i - 1]);
        } else if (b == 0xD0 || b == 0xF0 || b == 0xD5 || b == 0xF5 || b == 0xDD ||
                   b == 0xFD || b == 0xC3 || b == 0xE3) {
            viet++;     /* Đ đ Ơ ơ Ư ư Ă ă */
        }
    }
    return tones >= 2 && tones_ok * 100 >= tones * 90 && (tones + viet) * 4 >= high;
}

/* Does the sample decode in ENC without an illegal or unmapped sequence
 * (a sequence cut at the end of the sample is allowed)? */
static int
decodes_cleanly(const char *enc, const char *s, size_t len)
{
    UErrorCode ec = U_ZERO_ERROR;
    UConverter *c = ucnv_open(enc, &ec);
    UChar buf[1024];
    const char *src = s, *lim = s + len;
    int ok = 1;

    if (U_FAILURE(ec))
        return 0;
    ucnv_setToUCallBack(c, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &ec);
    while (ok && src < lim) {
        UChar *tgt = buf;
        ec = U_ZERO_ERROR;
        ucnv_toUnicode(c, &tgt, buf + 1024, &src, lim, NULL, 0, &ec);
        if (ec == U_BUFFER_OVERFLOW_ERROR)
            continue;
        if (U_FAILURE(ec))
            ok = 0;
        else
            break;
    }
    ucnv_close(c);
    return ok;
}

const char *
mk_charset_detect(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    UErrorCode ec = U_ZERO_ERROR;
    UCharsetDetector *csd;
    const UCharsetMatch **all;
    int32_t n = 0, i;
    const char *pick = NULL;

    if (looks_thai(s, len))
        return "windows-874";
    if (looks_vietnamese_1258(s, len))
        return "windows-1258";
    csd = ucsdet_open(&ec);
    if (U_FAILURE(ec))
        return "windows-1252";
    ucsdet_setText(csd, str, (int32_t)(len > INT32_MAX ? INT32_MAX : len), &ec);
    all = U_SUCCESS(ec) ? ucsdet_detectAll(csd, &n, &ec) : NULL;
    for (i = 0; all != NULL && i < n && pick == NULL; i++) {
        const char *name = ucsdet_getName(all[i], &ec);
        if (U_FAILURE(ec) || name == NULL)
            break;
        /* the windows code pages are supersets of their ISO twins */
        if (strcmp(name, "ISO-8859-1") == 0)
            name = "windows-1252";
        else if (strcmp(name, "ISO-8859-2") == 0)
            name = "windows-1250";
        else if (strcmp(name, "ISO-8859-9") == 0)
            name = "windows-1254";
        else if (strcmp(name, "UTF-8") == 0)
            continue;   /* it is not, or we would not be here */
        if (decodes_cleanly(name, str, len))
            pick = name;
    }
    ucsdet_close(csd);
    return pick != NULL ? pick : "windows-1252";
}
