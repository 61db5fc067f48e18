/*
 * pcrescan.c - the yardstick make bench sets beside mekong extract: one
 * PCRE2 JIT pass over the text column of a mekong stream with a pattern
 * of the kind a regex-only extractor would use for e-mail addresses,
 * phone-like digit runs and English dates, counting the matches. What
 * extract spends beyond this is its own logic (lexicons, numbering plans,
 * resolution).
 *   pcrescan FILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

static const char pattern[] =
    "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"
    "|\\+?\\d[\\d ()./-]{6,16}\\d"
    "|\\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.? \\d{1,2}(?:, \\d{4})?"
    "|\\b\\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*(?: \\d{4})?"
    "|\\b(?:yesterday|today|tomorrow|(?:last|next|this) (?:week|month|year))\\b"
    "|\\b(?:19|20)\\d\\d\\b";

int
main(int argc, char *argv[])
{
    int errcode;
    PCRE2_SIZE erroff;
    FILE *f;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long count = 0;
    int header = 1;

    if (argc != 2) {
        fprintf(stderr, "usage: pcrescan FILE\n");
        return 2;
    }
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF,
                                   &errcode, &erroff, NULL);
    if (re == NULL) {
        fprintf(stderr, "pcrescan: bad pattern at %zu\n", (size_t)erroff);
        return 1;
    }
    pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    if ((f = fopen(argv[1], "r")) == NULL) {
        perror(argv[1]);
        return 1;
    }
    while ((n = getline(&line, &cap, f)) > 0) {
        char *text = line;
        size_t len = (size_t)n;
        if (line[len - 1] == '\n')
            len--;
        if (header) {   /* the text column of a stream is its last */
            header = 0;
            continue;
        }
        size_t t = len;
        while (t > 0 && line[t - 1] != '\t')
            t--;
        text = line + t;
        len -= t;
        PCRE2_SIZE off = 0;
        while (off < len && pcre2_match(re, (PCRE2_SPTR)text, len, off, PCRE2_NO_UTF_CHECK, md,
                                        NULL) > 0) {
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            count++;
            off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
        }
    }
    printf("%ld\n", count);
    free(line);
    fclose(f);
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    return 0;
}
