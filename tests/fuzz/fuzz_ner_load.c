/* fuzz_ner_load.c - any bytes as a tagger model: the loader refuses what
 * is not a whole, sound model with a message, and what it takes tags a
 * sentence without harm. The built-in models, cut and flipped, are the
 * interesting inputs (tests/fuzz/corpus/fuzz_ner_load holds pieces of
 * them). */
#include <stdlib.h>
#include <string.h>

#include "ner.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char sentence[] = "Mr Yang of the Lao National Chamber of Commerce met ASEAN "
                                   "officials in Vientiane on Tuesday.";
    mk_error err;
    const mk__ner_tok *toks;
    const mk__ner_span *sp;

    /* the input as it is, and spliced into a real model's header */
    for (int pass = 0; pass < 2; pass++) {
        unsigned char *buf = NULL;
        const unsigned char *bytes = data;
        size_t len = size;
        if (pass == 1) {
            if (mk__ner_nbuiltins == 0 || mk__ner_builtins[0].data == NULL)
                break;
            len = mk__ner_builtins[0].len;
            if ((buf = malloc(len)) == NULL)
                abort();
            memcpy(buf, mk__ner_builtins[0].data, len);
            /* overwrite a stretch after the header with the input */
            size_t at = size > 0 ? (data[0] * 257u) % len : 0;
            for (size_t i = 1; i < size && at + i - 1 < len; i++)
                buf[at + i - 1] = data[i];
            bytes = buf;
        }
        mk__ner *m = mk__ner_load(bytes, len, &err);
        if (m == NULL) {
            if (err.msg[0] == '\0')
                abort();   /* a refusal says why */
        } else {
            mk__ner_work *w = mk__ner_work_new(&err);
            if (w == NULL)
                abort();
            int n = mk__ner_tokenize(w, sentence, sizeof sentence - 1, &toks, &err);
            if (n < 0 || mk__ner_spans(m, w, toks, (size_t)n, &sp, &err) < 0)
                abort();
            mk__ner_work_free(w);
            mk__ner_free(m);
        }
        free(buf);
    }
    return 0;
}
