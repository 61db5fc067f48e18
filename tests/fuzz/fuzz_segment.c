/* fuzz_segment.c - any text through the segmenter in several languages:
 * spans in order, inside the text, on character boundaries. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static mk_segmenter *sg;
    static const char *const langs[] = { "en", "th", "km", "my", "zh", "und" };
    mk_buf text = { 0 };
    mk_error err;
    const mk_span *sp;

    if (sg == NULL && (sg = mk_segmenter_new(&err)) == NULL)
        abort();
    if (mk__utf8_repair((const char *)data, size, &text) < 0)
        abort();
    if (text.p == NULL && mk__buf_reserve(&text, 1) != 0)
        abort();
    for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++) {
        for (int tokens = 0; tokens < 2; tokens++) {
            int n = tokens ? mk_seg_tokens(sg, text.p, text.len, langs[l], &sp, &err)
                           : mk_seg_sentences(sg, text.p, text.len, langs[l], &sp, &err);
            if (n < 0)
                continue;
            for (int i = 0; i < n; i++) {
                if (sp[i].start_b > sp[i].end_b || sp[i].end_b > text.len ||
                    (i > 0 && sp[i].start_b < sp[i - 1].end_b) ||
                    mk_utf8_valid_prefix(text.p + sp[i].start_b, sp[i].end_b - sp[i].start_b) !=
                        sp[i].end_b - sp[i].start_b ||
                    sp[i].end - sp[i].start !=
                        mk_utf8_count(text.p + sp[i].start_b, sp[i].end_b - sp[i].start_b))
                    abort();
            }
        }
    }
    mk__buf_free(&text);
    return 0;
}
