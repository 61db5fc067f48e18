/*
 * spancheck.c - checks that every row of a segment (or extract) stream
 * points at its own text: for each row, text == paragraph[start:end] in
 * code points, the paragraph being the normalize row with the same doc and
 * par.
 *   spancheck PARAGRAPHS.tsv ROWS.tsv
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mekong.h"

struct para {
    char *doc, *text;
    size_t text_len;
    long par;
};

static long
col(const char *const *names, size_t n, const char *want)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], want) == 0)
            return (long)i;
    return -1;
}

int
main(int argc, char *argv[])
{
    mk_reader_opts o;
    mk_error err;
    mk_reader *r;
    mk_row row;
    struct para *ps = NULL;
    size_t np = 0, cap = 0, checked = 0;
    int bad = 0;

    if (argc != 3) {
        fprintf(stderr, "usage: spancheck PARAGRAPHS.tsv ROWS.tsv\n");
        return 2;
    }
    mk_reader_opts_init(&o);
    o.format = MK_FMT_STREAM;
    if ((r = mk_reader_new(argv[1], &o, &err)) == NULL) {
        fprintf(stderr, "spancheck: %s: %s\n", argv[1], err.msg);
        return 2;
    }
    while (mk_reader_next(r, &row, &err) > 0) {
        if (np == cap) {
            cap = cap ? cap * 2 : 256;
            ps = realloc(ps, cap * sizeof *ps);
        }
        ps[np].doc = strndup(row.doc, row.doc_len);
        ps[np].text = malloc(row.text_len + 1);
        memcpy(ps[np].text, row.text, row.text_len);
        ps[np].text_len = row.text_len;
        ps[np].par = row.par;
        np++;
    }
    mk_reader_free(r);
    if ((r = mk_reader_new(argv[2], &o, &err)) == NULL) {
        fprintf(stderr, "spancheck: %s: %s\n", argv[2], err.msg);
        free(ps);
        return 2;
    }
    const char *const *names;
    size_t nn = mk_reader_columns(r, &names);
    long cs = col(names, nn, "start"), ce = col(names, nn, "end");
    if (cs < 0 || ce < 0) {
        fprintf(stderr, "spancheck: %s has no start/end columns\n", argv[2]);
        return 2;
    }
    size_t hint = 0;
    while (mk_reader_next(r, &row, &err) > 0) {
        size_t s = strtoul(row.extra[cs], NULL, 10), e = strtoul(row.extra[ce], NULL, 10), i;
        struct para *p = NULL;
        for (i = 0; i < np && p == NULL; i++) {
            struct para *q = &ps[(hint + i) % np];
            if (q->par == row.par && strlen(q->doc) == row.doc_len &&
                memcmp(q->doc, row.doc, row.doc_len) == 0) {
                p = q;
                hint = (hint + i) % np;
            }
        }
        if (p == NULL) {
            printf("%.*s par %ld: no such paragraph\n", (int)row.doc_len, row.doc, row.par);
            bad = 1;
            continue;
        }
        size_t bs = mk_utf8_offset(p->text, p->text_len, s);
        size_t be = mk_utf8_offset(p->text, p->text_len, e);
        if (e < s || be - bs != row.text_len || memcmp(p->text + bs, row.text, row.text_len) != 0) {
            printf("%.*s par %ld [%zu:%zu]: '%.*s' is not '%.*s'\n", (int)row.doc_len, row.doc,
                   row.par, s, e, (int)row.text_len, row.text, (int)(be - bs), p->text + bs);
            bad = 1;
        }
        checked++;
    }
    mk_reader_free(r);
    printf("%zu rows checked\n", checked);
    for (size_t i = 0; i < np; i++) {
        free(ps[i].doc);
        free(ps[i].text);
    }
    free(ps);
    return bad;
}
