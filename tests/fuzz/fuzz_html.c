/* fuzz_html.c - any bytes through the HTML decoder (tags on and off, the
 * input cut in two to carry state over) and the mojibake repair. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    mk_buf out = { 0 }, fix = { 0 };
    uint64_t t = 0, r = 0;
    size_t half = size / 2;

    for (int strip = 0; strip < 2; strip++) {
        mk__html h = { 0 };
        if (mk__html_clean(&h, s, half, strip, &out, &t, &r) != 0 ||
            mk__html_clean(&h, s + half, size - half, strip, &out, &t, &r) != 0)
            abort();
        if (out.len > size + 8)
            abort();
    }
    /* mojibake repair wants valid UTF-8 */
    if (mk__utf8_repair(s, size, &fix) >= 0) {
        long n = mk__mojibake_repair(fix.p, fix.len, &out);
        if (n < 0)
            abort();
        if (n > 0 && (mk_utf8_valid_prefix(out.p, out.len) != out.len || out.len > fix.len))
            abort();
    }
    mk__buf_free(&out);
    mk__buf_free(&fix);
    return 0;
}
