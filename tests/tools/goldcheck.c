/*
 * goldcheck.c - checks the gold annotations of corpora/ articles: for each
 * ARTICLE.txt, every row of ARTICLE.gold.tsv must name a paragraph that
 * exists, and its text must equal paragraph[start:end] in code points;
 * sentence rows must be in order and must not overlap.
 *   goldcheck corpora/xx/sample-01.txt ...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mekong.h"

#define MAXPAR 4096

static char *
slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *p = NULL;
    size_t cap = 0, n = 0, k;

    if (f == NULL)
        return NULL;
    for (;;) {
        if (n + 65536 > cap) {
            cap = cap ? cap * 2 : 131072;
            p = realloc(p, cap + 1);
            if (p == NULL)
                exit(2);
        }
        k = fread(p + n, 1, cap - n, f);
        n += k;
        if (k == 0)
            break;
    }
    fclose(f);
    p[n] = '\0';
    *len = n;
    return p;
}

static int
check(const char *article)
{
    char gold[4096], *text, *g, *line, *save = NULL;
    const char *par[MAXPAR];
    size_t plen[MAXPAR], len, glen, npar = 0, i;
    int bad = 0, lineno = 0;
    long last_sent_par = 0, last_sent_end = 0;

    snprintf(gold, sizeof gold, "%.*s.gold.tsv", (int)(strlen(article) - 4), article);
    text = slurp(article, &len);
    g = slurp(gold, &glen);
    if (text == NULL || g == NULL) {
        printf("%s: cannot read the article or %s\n", article, gold);
        return 1;
    }
    for (i = 0; i < len && npar < MAXPAR;) {
        size_t j = i;
        while (j < len && text[j] != '\n')
            j++;
        if (j > i) {
            par[npar] = text + i;
            plen[npar++] = j - i;
        }
        i = j + 1;
    }
    for (line = strtok_r(g, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
        char *f[6];
        int nf = 0;
        lineno++;
        if (lineno == 1) {
            if (strcmp(line, "par\tstart\tend\ttype\ttext\tvalue") != 0) {
                printf("%s:1: bad header\n", gold);
                bad = 1;
            }
            continue;
        }
        f[nf++] = line;
        for (char *p = line; *p && nf < 6; p++)
            if (*p == '\t') {
                *p = '\0';
                f[nf++] = p + 1;
            }
        if (nf != 6) {
            printf("%s:%d: %d fields\n", gold, lineno, nf);
            bad = 1;
            continue;
        }
        long pn = atol(f[0]), s = atol(f[1]), e = atol(f[2]);
        if (pn < 1 || (size_t)pn > npar || s < 0 || e < s) {
            printf("%s:%d: bad paragraph or offsets\n", gold, lineno);
            bad = 1;
            continue;
        }
        const char *p = par[pn - 1];
        size_t bs = mk_utf8_offset(p, plen[pn - 1], (size_t)s);
        size_t be = mk_utf8_offset(p, plen[pn - 1], (size_t)e);
        size_t tl = strlen(f[4]);
        if ((size_t)e > mk_utf8_count(p, plen[pn - 1]) || be - bs != tl ||
            memcmp(p + bs, f[4], tl) != 0) {
            printf("%s:%d: text '%s' is not paragraph %ld [%ld:%ld] '%.*s'\n", gold, lineno,
                   f[4], pn, s, e, (int)(be - bs), p + bs);
            bad = 1;
        }
        if (strcmp(f[3], "sent") == 0) {
            if (pn < last_sent_par || (pn == last_sent_par && s < last_sent_end)) {
                printf("%s:%d: sentence out of order or overlapping\n", gold, lineno);
                bad = 1;
            }
            last_sent_par = pn;
            last_sent_end = e;
        } else if (strcmp(f[3], "person") && strcmp(f[3], "org") && strcmp(f[3], "date") &&
                   strcmp(f[3], "phone") && strcmp(f[3], "email")) {
            printf("%s:%d: unknown type '%s'\n", gold, lineno, f[3]);
            bad = 1;
        }
    }
    free(text);
    free(g);
    return bad;
}

int
main(int argc, char *argv[])
{
    int i, bad = 0;

    for (i = 1; i < argc; i++)
        bad |= check(argv[i]);
    return bad;
}
