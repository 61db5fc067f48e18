/*
 * emailcheck.c - runs the e-mail finder (mk__email_find) over inputs, one
 * a line, for scripts/eval-emails and for trying things by hand.
 *   emailcheck        each line is an input in hex (so it may hold NUL, CR
 *                     and LF); an empty line is the empty input
 *   emailcheck -t     each line is an input as it stands (no newline)
 * For each input one line: ACCEPTED<TAB>COUNT<TAB>MATCHES, where ACCEPTED
 * is 1 when there is exactly one match, of kind plain, spanning the whole
 * input, and MATCHES is START:END:KIND:VALUE for each match (byte offsets;
 * KIND 0 plain, 1 obfuscated, 2 placeholder), joined by a space.
 * Exit 0, 1 on bad input (a line that is not hex), 2 on usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"

#define MAXM 64

static int
hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes the hex in LINE[0..N) into LINE itself; returns the length or -1. */
static long
unhex(char *line, size_t n)
{
    size_t i;
    int hi, lo;

    if (n % 2 != 0)
        return -1;
    for (i = 0; i < n; i += 2) {
        if ((hi = hexval((unsigned char)line[i])) < 0
            || (lo = hexval((unsigned char)line[i + 1])) < 0)
            return -1;
        line[i / 2] = (char)(hi * 16 + lo);
    }
    return (long)(n / 2);
}

int
main(int argc, char *argv[])
{
    mk_email_match m[MAXM];
    char *line = NULL;
    size_t cap = 0, n, k, shown;
    ssize_t got;
    long len;
    long lineno = 0;
    int raw = 0, status = 0;

    if (argc == 2 && strcmp(argv[1], "-t") == 0)
        raw = 1;
    else if (argc != 1) {
        fprintf(stderr, "usage: emailcheck [-t] < INPUTS\n");
        return 2;
    }
    while ((got = getline(&line, &cap, stdin)) >= 0) {
        lineno++;
        if (got > 0 && line[got - 1] == '\n')
            got--;
        if (raw) {
            len = (long)got;
        } else if ((len = unhex(line, (size_t)got)) < 0) {
            fprintf(stderr, "emailcheck: line %ld: not hex\n", lineno);
            status = 1;
            printf("0\t0\t\n");
            continue;
        }
        n = mk__email_find(line, (size_t)len, m, MAXM);
        printf("%d\t%zu\t", n == 1 && m[0].start_b == 0 && m[0].end_b == (size_t)len
               && m[0].kind == MK_EMAIL_PLAIN, n);
        shown = n < MAXM ? n : MAXM;
        for (k = 0; k < shown; k++)
            printf("%s%zu:%zu:%d:%s", k ? " " : "", m[k].start_b, m[k].end_b, m[k].kind,
                   m[k].value);
        printf("\n");
    }
    free(line);
    if (ferror(stdin)) {
        perror("emailcheck: stdin");
        return 1;
    }
    if (fclose(stdout) != 0) {
        perror("emailcheck: stdout");
        return 1;
    }
    return status;
}
