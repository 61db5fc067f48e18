/* fuzz_emails.c - any text through the e-mail finder: spans inside the
 * text, in order, on character boundaries; a value is one "@" between a
 * local part and a lower-case domain, and a placeholder has none. */
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mk_email_match m[32];
    mk_buf text = { 0 };

    if (mk__utf8_repair((const char *)data, size, &text) < 0)
        abort();
    size_t n = mk__email_find(text.p ? text.p : "", text.len, m, 32);
    for (size_t i = 0; i < n && i < 32; i++) {
        const char *v = m[i].value, *at = strrchr(v, '@');
        size_t vl = strnlen(v, sizeof m[i].value);
        if (m[i].start_b >= m[i].end_b || m[i].end_b > text.len ||
            ((unsigned char)text.p[m[i].start_b] & 0xC0) == 0x80 ||
            (m[i].end_b < text.len && ((unsigned char)text.p[m[i].end_b] & 0xC0) == 0x80) ||
            (i > 0 && m[i].start_b < m[i - 1].end_b) || vl >= sizeof m[i].value ||
            mk_utf8_valid_prefix(v, vl) != vl)
            abort();
        if (m[i].kind == MK_EMAIL_PLACEHOLDER) {
            if (vl != 0)
                abort();
            continue;
        }
        if (at == NULL || at == v || at[1] == '\0')
            abort();
        for (const char *d = at + 1; *d; d++)
            if (*d >= 'A' && *d <= 'Z')
                abort();
    }
    mk__buf_free(&text);
    return 0;
}
