/* fuzz_dates.c - any text through the date finder in every language, day
 * first and month first, with and without TimeML's extras: matches inside
 * the text, ordered, on character boundaries, and fields in range. */
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
boundary(const char *t, size_t len, size_t i)
{
    return i == len || ((unsigned char)t[i] & 0xC0) != 0x80;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static mk_datefinder *f;
    static const char *const langs[] = { "en", "th", "lo", "km", "my", "zh", "vi", "id", "ms",
                                         "fil", "und" };
    mk_date_match m[64];
    mk_buf text = { 0 };
    mk_error err;

    if (f == NULL && (f = mk__dates_new(&err)) == NULL)
        abort();
    if (mk__utf8_repair((const char *)data, size, &text) < 0)
        abort();
    for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++)
        for (int opts = 0; opts < 4; opts++) {
            long n = mk__dates_find(f, text.p ? text.p : "", text.len, langs[l], opts, m, 64);
            if (n < 0)
                abort();
            for (long i = 0; i < n && i < 64; i++) {
                const mk_date *d = &m[i].date;
                if (m[i].start_b >= m[i].end_b || m[i].end_b > text.len ||
                    !boundary(text.p, text.len, m[i].start_b) ||
                    !boundary(text.p, text.len, m[i].end_b) ||
                    (i > 0 && m[i].start_b < m[i - 1].end_b) ||
                    d->m < 0 || d->m > 12 || d->d < 0 || d->d > 31)
                    abort();
            }
        }
    mk__buf_free(&text);
    return 0;
}
