/* fuzz_normalize.c - any bytes through the normalizer: no crash, valid
 * UTF-8 out, and normalizing the result again changes nothing. */
#include <stdlib.h>
#include <string.h>

#include "mekong.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static mk_norm *n[2];
    mk_error err;
    const char *out, *out2;
    size_t len, len2;
    int i;

    for (i = 0; i < 2; i++) {
        if (n[i] == NULL) {
            mk_norm_opts o;
            mk_norm_opts_init(&o);
            o.nfkc = i;
            n[i] = mk_norm_new(&o, &err);
            if (n[i] == NULL)
                abort();
        }
        int rc = mk_norm_text(n[i], (const char *)data, size, &out, &len, &err);
        if (rc < 0)
            continue;
        if (mk_utf8_valid_prefix(out, len) != len)
            abort();
        if (rc == 0)
            continue;
        char *copy = malloc(len + 1);
        memcpy(copy, out, len);
        if (mk_norm_text(n[i], copy, len, &out2, &len2, &err) != 1 || len2 != len ||
            memcmp(copy, out2, len) != 0)
            abort();
        free(copy);
    }
    return 0;
}
