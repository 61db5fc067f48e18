/*
 * icubreak.c - bare ICU break iteration over the text column of a mekong
 * stream (or over lines of text): the yardstick make bench sets beside
 * mekong segment. Counts boundaries, prints the count.
 *   icubreak sentence|word LOCALE FILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

int
main(int argc, char *argv[])
{
    UErrorCode ec = U_ZERO_ERROR;
    UBreakIterator *bi;
    UText *ut = NULL;
    FILE *f;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long count = 0;
    int header = 1;

    if (argc != 4) {
        fprintf(stderr, "usage: icubreak sentence|word LOCALE FILE\n");
        return 2;
    }
    bi = ubrk_open(strcmp(argv[1], "word") == 0 ? UBRK_WORD : UBRK_SENTENCE, argv[2], NULL, 0,
                   &ec);
    f = fopen(argv[3], "r");
    if (U_FAILURE(ec) || f == NULL) {
        fprintf(stderr, "icubreak: cannot open\n");
        return 1;
    }
    while ((n = getline(&line, &cap, f)) > 0) {
        char *text = line;
        size_t len = (size_t)n - (line[n - 1] == '\n');
        if (header && strncmp(line, "doc\t", 4) == 0) {
            header = 0;
            continue;
        }
        header = 0;
        /* a stream row: the text is the last column */
        size_t k = len;
        while (k > 0 && line[k - 1] != '\t')
            k--;
        text = line + k;
        len -= k;
        ut = utext_openUTF8(ut, text, (int64_t)len, &ec);
        ubrk_setUText(bi, ut, &ec);
        for (int32_t b = ubrk_first(bi); b != UBRK_DONE; b = ubrk_next(bi))
            count++;
    }
    printf("%ld\n", count);
    free(line);
    fclose(f);
    utext_close(ut);
    ubrk_close(bi);
    return 0;
}
