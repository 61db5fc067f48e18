/*
 * lang.c - language labels by script. Letters are counted per script
 * group; the largest group names the language where the script belongs to
 * one language of the region (Thai, Lao, Khmer, Burmese), Han is told from
 * Japanese by kana, and Latin text is Vietnamese when its letters carry
 * Vietnamese-only marks; other Latin text goes to the model of langid.c
 * (en, id, ms, fil, and fr de es pt nl so as not to guess en), "und"
 * when it is unsure.
 */
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "internal.h"
#include "langid.h"

int
mk__script_group(uint32_t c)
{
    UErrorCode ec = U_ZERO_ERROR;
    int8_t t;
    UScriptCode sc;

    if (c < 0x80)
        return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? MK_SC_LATIN : MK_SC_NONE;
    t = u_charType((UChar32)c);
    switch (t) {
    case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER: case U_OTHER_LETTER: case U_NON_SPACING_MARK:
    case U_COMBINING_SPACING_MARK: case U_ENCLOSING_MARK:
        break;
    default:
        return MK_SC_NONE;
    }
    sc = uscript_getScript((UChar32)c, &ec);
    if (U_FAILURE(ec))
        return MK_SC_NONE;
    switch (sc) {
    case USCRIPT_LATIN:      return MK_SC_LATIN;
    case USCRIPT_THAI:       return MK_SC_THAI;
    case USCRIPT_LAO:        return MK_SC_LAO;
    case USCRIPT_KHMER:      return MK_SC_KHMER;
    case USCRIPT_MYANMAR:    return MK_SC_MYANMAR;
    case USCRIPT_HAN:        return MK_SC_HAN;
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:   return MK_SC_KANA;
    case USCRIPT_HANGUL:     return MK_SC_HANGUL;
    case USCRIPT_ARABIC:     return MK_SC_ARABIC;
    case USCRIPT_CYRILLIC:   return MK_SC_CYRILLIC;
    case USCRIPT_GREEK:      return MK_SC_GREEK;
    case USCRIPT_DEVANAGARI: return MK_SC_DEVANAGARI;
    case USCRIPT_HEBREW:     return MK_SC_HEBREW;
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED:
    case USCRIPT_UNKNOWN:    return MK_SC_NONE;
    default:                 return MK_SC_OTHER;
    }
}

int
mk__is_vi_letter(uint32_t c)
{
    switch (c) {
    case 0x0102: case 0x0103:   /* Ă ă */
    case 0x0110: case 0x0111:   /* Đ đ */
    case 0x01A0: case 0x01A1:   /* Ơ ơ */
    case 0x01AF: case 0x01B0:   /* Ư ư */
        return 1;
    default:
        return c >= 0x1EA0 && c <= 0x1EF9;
    }
}

const char *
mk__lang_from_counts(const uint32_t counts[MK_SC_COUNT], uint32_t vi_letters)
{
    static const char *const names[MK_SC_COUNT] = {
        "und", "und-Latn", "th", "lo", "km", "my", "zh", "ja", "ko",
        "und-Arab", "und-Cyrl", "el", "und-Deva", "he", "und"
    };
    uint64_t w[MK_SC_COUNT];
    int i, best = MK_SC_NONE;

    /* A Han or kana character stands for about a word: weigh them as
     * several Latin letters, so "东盟（ASEAN）" reads as Chinese. */
    for (i = 0; i < MK_SC_COUNT; i++)
        w[i] = counts[i];
    w[MK_SC_HAN] *= 3;
    w[MK_SC_KANA] *= 3;
    w[MK_SC_HANGUL] *= 2;
    for (i = 1; i < MK_SC_COUNT; i++)
        if (w[i] > w[best] || (best == MK_SC_NONE && w[i] > 0))
            best = i;
    if (best == MK_SC_NONE)
        return "und";
    if ((best == MK_SC_HAN || best == MK_SC_KANA) && counts[MK_SC_KANA] > 0 &&
        (uint64_t)counts[MK_SC_KANA] * 20 >= (uint64_t)counts[MK_SC_HAN] + counts[MK_SC_KANA])
        return "ja";
    if (best == MK_SC_KANA)
        return "ja";
    if (best == MK_SC_LATIN && vi_letters >= 2 &&
        (uint64_t)vi_letters * 40 >= counts[MK_SC_LATIN])
        return "vi";
    return names[best];
}

size_t
mk_lang_detect(const char *str, size_t len, char *buf, size_t size)
{
    const unsigned char *s = (const unsigned char *)str;
    uint32_t counts[MK_SC_COUNT];
    uint32_t vi = 0, c;
    size_t i = 0, n, l;
    const char *code;

    memset(counts, 0, sizeof counts);
    while (i < len) {
        c = mk__utf8_decode(s + i, len - i, &n);
        i += n;
        counts[mk__script_group(c)]++;
        vi += mk__is_vi_letter(c);
    }
    code = mk__lang_from_counts(counts, vi);
    if (strcmp(code, "und-Latn") == 0) {
        const char *m = mk__langid_latin(str, len, NULL);
        code = m != NULL ? m : "und";
    }
    l = strlen(code);
    if (size > 0) {
        size_t k = l < size - 1 ? l : size - 1;
        memcpy(buf, code, k);
        buf[k] = '\0';
    }
    return l;
}
