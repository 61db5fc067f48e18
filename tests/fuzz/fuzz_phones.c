/* fuzz_phones.c - any text through the phone finder, each candidate
 * resolved for the region's countries and parsed on its own: spans inside
 * the text on character boundaries, and every E.164 value a "+" and at
 * most 20 digits (a country code and libphonenumber's longest national
 * number, 17: German numbers run past E.164's 15) that parses back to
 * itself. */
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_e164(const char *e)
{
    size_t n = strlen(e), i;
    char back[32];

    if (n == 0)
        return;
    if (e[0] != '+' || n < 5 || n > 21)
        abort();
    for (i = 1; i < n; i++)
        if (e[i] < '0' || e[i] > '9')
            abort();
    if (mk__phone_parse(e, n, NULL, back, sizeof back) != 1 || strcmp(back, e) != 0)
        abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const regions[] = { "CN", "TH", "LA", "KH", "MM", "VN", "MY", "ID", "PH",
                                           "SG", "US", "GB" };
    mk_phone_cand c[64];
    mk_buf text = { 0 };
    char e164[32];

    if (mk__utf8_repair((const char *)data, size, &text) < 0)
        abort();
    size_t n = mk__phone_find(text.p ? text.p : "", text.len, c, 64);
    for (size_t i = 0; i < n && i < 64; i++) {
        if (c[i].start_b >= c[i].end_b || c[i].end_b > text.len ||
            ((unsigned char)text.p[c[i].start_b] & 0xC0) == 0x80 ||
            strlen(c[i].digits) >= sizeof c[i].digits)
            abort();
        int r = mk__phone_resolve(&c[i], regions, sizeof regions / sizeof regions[0], e164,
                                  sizeof e164);
        if (r < -1 || r > (int)(sizeof regions / sizeof regions[0]))
            abort();
        check_e164(e164);
    }
    /* the whole input as one number of a region */
    if (text.len < 64)
        for (size_t k = 0; k < sizeof regions / sizeof regions[0]; k++)
            if (mk__phone_parse(text.p ? text.p : "", text.len, regions[k], e164, sizeof e164) == 1)
                check_e164(e164);
    mk__buf_free(&text);
    return 0;
}
