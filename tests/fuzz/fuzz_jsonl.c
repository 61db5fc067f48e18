/* fuzz_jsonl.c - any bytes read as JSON Lines, then normalized. */
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
    static mk_norm *n;
    char path[] = "/tmp/mk-fuzz-XXXXXX";
    const char *fields[] = { "url", "date" };
    mk_reader_opts o;
    mk_reader *r;
    mk_error err;
    mk_row row;
    mk_par p;

    if (n == NULL) {
        mk_norm_opts no;
        mk_norm_opts_init(&no);
        n = mk_norm_new(&no, &err);
        if (n == NULL)
            abort();
    }
    if (fuzz_tmpinput(path, data, size) != 0)
        return 0;
    for (int skip = 0; skip < 2; skip++) {
        mk_reader_opts_init(&o);
        o.format = MK_FMT_JSONL;
        o.skip_bad = skip;
        o.fields = fields;
        o.nfields = 2;
        o.max_doc = 4096;
        r = mk_reader_new(path, &o, &err);
        if (r == NULL)
            continue;
        mk_norm_begin(n, path, MK_PAR_AUTO, NULL, 0);
        while (mk_reader_next(r, &row, &err) > 0) {
            if (row.nextra != 2 || row.doc == NULL)
                abort();
            if (mk_norm_feed(n, &row, &err) < 0)
                break;
            while (mk_norm_next(n, &p) > 0)
                if (mk_utf8_valid_prefix(p.text, p.text_len) != p.text_len)
                    abort();
        }
        if (mk_norm_end(n, &err) == 0)
            while (mk_norm_next(n, &p) > 0)
                ;
        mk_reader_free(r);
    }
    unlink(path);
    return 0;
}
