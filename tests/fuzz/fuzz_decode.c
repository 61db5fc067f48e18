/* fuzz_decode.c - any bytes read through the decoder: --from auto, and
 * named legacy encodings; the reader must give valid lines or errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mekong.h"
#include "tmpinput.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const encs[] = { "auto", "windows-874", "windows-1258", "GB18030",
                                        "Big5", "UTF-16LE" };
    char path[] = "/tmp/mk-fuzz-XXXXXX";
    mk_reader_opts o;
    mk_reader *r;
    mk_error err;
    mk_row row;

    if (fuzz_tmpinput(path, data, size) != 0)
        return 0;
    (void)mk_charset_detect((const char *)data, size);
    for (size_t e = 0; e < sizeof encs / sizeof encs[0]; e++) {
        mk_reader_opts_init(&o);
        o.from = encs[e];
        o.max_doc = 256;
        r = mk_reader_new(path, &o, &err);
        if (r == NULL)
            continue;
        int detected;
        const char *name = mk_reader_encoding(r, &detected);
        while (mk_reader_next(r, &row, &err) > 0) {
            /* decoded text is valid UTF-8 unless it came through as UTF-8 */
            if (strcmp(name, "UTF-8") != 0 &&
                mk_utf8_valid_prefix(row.text, row.text_len) != row.text_len)
                abort();
        }
        mk_reader_free(r);
    }
    unlink(path);
    return 0;
}
