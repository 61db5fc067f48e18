/* fuzz_tsv.c - any bytes read as a mekong stream, and the escape round
 * trip of every input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mekong.h"
#include "tmpinput.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads DATA through a pipe-less temporary file with the given options. */
static void
read_through(const uint8_t *data, size_t size, int format, size_t max_doc)
{
    char path[] = "/tmp/mk-fuzz-XXXXXX";
    mk_reader_opts o;
    mk_reader *r;
    mk_error err;
    mk_row row;

    if (fuzz_tmpinput(path, data, size) != 0)
        return;
    mk_reader_opts_init(&o);
    o.format = format;
    o.max_doc = max_doc;
    o.skip_bad = 1;
    r = mk_reader_new(path, &o, &err);
    if (r != NULL) {
        while (mk_reader_next(r, &row, &err) > 0) {
            if (row.text_len > max_doc + 16 && format != MK_FMT_JSONL)
                abort();
            for (size_t i = 0; i < row.nextra; i++)
                if (row.extra[i] == NULL)
                    abort();
        }
        mk_reader_free(r);
    }
    unlink(path);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *esc = malloc(2 * size + 1), *back = malloc(2 * size + 1);
    size_t n = mk_tsv_escape(esc, (const char *)data, size);
    size_t m = mk_tsv_unescape(back, esc, n, NULL);

    if (m != size || memcmp(back, data, size) != 0)
        abort();
    free(esc);
    free(back);
    read_through(data, size, MK_FMT_STREAM, 1 << 20);
    read_through(data, size, MK_FMT_AUTO, 64);
    return 0;
}
