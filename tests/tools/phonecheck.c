/*
 * phonecheck.c - reads JSON lines with "input" and "region" on stdin and
 * prints, for each, what mk__phone_parse makes of it: the E.164 number, or
 * an empty line when the input is not a valid number of that region.
 * scripts/eval-phones compares the output with libphonenumber's answers.
 *
 *   tests/bin/phonecheck < libphonenumber_examples.jsonl
 *
 * A line that is not such an object prints "?" (and the run exits 1), so
 * output line N always answers input line N.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "extract.h"

int
main(void)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int status = 0;

    while ((n = getline(&line, &cap, stdin)) != -1) {
        json_error_t jerr;
        json_t *o, *in, *reg;
        char e164[32];

        o = json_loadb(line, (size_t)n, 0, &jerr);
        in = json_object_get(o, "input");
        reg = json_object_get(o, "region");
        if (!json_is_string(in) || !(json_is_string(reg) || json_is_null(reg))) {
            puts("?");
            status = 1;
        } else {
            (void)mk__phone_parse(json_string_value(in), json_string_length(in),
                                  json_is_string(reg) ? json_string_value(reg) : NULL,
                                  e164, sizeof e164);
            puts(e164);
        }
        json_decref(o);
    }
    free(line);
    if (ferror(stdin)) {
        perror("phonecheck: stdin");
        return 1;
    }
    if (fclose(stdout) != 0) {
        perror("phonecheck: write error");
        return 1;
    }
    return status;
}
