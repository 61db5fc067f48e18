/* fuzz_extract.c - any text through the extractor in several languages,
 * with and without a reference date: entities inside their piece, on
 * character boundaries, with the text they claim, and values that are
 * valid UTF-8 no longer than the text (a phone's or a date's no longer
 * than its standard form can be). */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static mk_extractor *x;
    static const char *const langs[] = { "en", "th", "lo", "km", "my", "zh", "vi", "id", "fil", "und" };
    mk_buf text = { 0 };
    mk_error err;
    const mk_entity *e;

    if (x == NULL && (x = mk_extractor_new(MK_ENT_ALL, &err)) == NULL)
        abort();
    if (mk__utf8_repair((const char *)data, size, &text) < 0)
        abort();
    if (text.p == NULL && mk__buf_reserve(&text, 1) != 0)
        abort();
    for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++) {
        /* the text as one piece, then split in two at a byte that starts a character */
        size_t cut = text.len / 2;
        while (cut > 0 && ((unsigned char)text.p[cut] & 0xC0) == 0x80)
            cut--;
        mk_extract_begin(x, l % 2 ? "2024-08-23" : NULL, l % 2 ? 10 : 0);
        if (mk_extract_add(x, text.p, text.len, langs[l], &err) < 0 ||
            mk_extract_add(x, text.p, cut, langs[l], &err) < 0 ||
            mk_extract_add(x, text.p + cut, text.len - cut, langs[l], &err) < 0)
            abort();
        long n = mk_extract_end(x, &e, &err);
        if (n < 0)
            abort();
        for (long i = 0; i < n; i++) {
            const char *base = e[i].piece == 0 ? text.p : e[i].piece == 1 ? text.p : text.p + cut;
            size_t plen = e[i].piece == 0 ? text.len : e[i].piece == 1 ? cut : text.len - cut;
            if (e[i].piece > 2 || e[i].start_b >= e[i].end_b || e[i].end_b > plen ||
                e[i].text_len != e[i].end_b - e[i].start_b ||
                memcmp(e[i].text, base + e[i].start_b, e[i].text_len) != 0 ||
                mk_utf8_valid_prefix(e[i].text, e[i].text_len) != e[i].text_len ||
                e[i].start != mk_utf8_count(base, e[i].start_b) ||
                e[i].end - e[i].start != mk_utf8_count(e[i].text, e[i].text_len) ||
                /* a value is no longer than the text it came from, but for
                 * a phone's country code (E.164: "+" and at most 20 digits)
                 * and a date's ISO form ("Aug 2" is 2024-08-02) */
                strlen(e[i].value) > (e[i].type == MK_ENT_PHONE ? 21
                                      : e[i].type == MK_ENT_DATE ? (text.len > 32 ? text.len : 32)
                                      : text.len) ||
                mk_utf8_valid_prefix(e[i].value, strlen(e[i].value)) != strlen(e[i].value))
                abort();
        }
    }
    mk__buf_free(&text);
    return 0;
}
