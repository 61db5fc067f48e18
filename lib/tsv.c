/*
 * tsv.c - the one escape and the one unescape of the mekong stream:
 * \t \n \r \\ inside fields, nothing else (PostgreSQL COPY, Miller TSV).
 */
#include <string.h>

#include "internal.h"

size_t
mk_tsv_escape(char *out, const char *s, size_t len)
{
    size_t i, o = 0;

    for (i = 0; i < len; i++) {
        char c = s[i];
        switch (c) {
        case '\t': out[o++] = '\\'; out[o++] = 't'; break;
        case '\n': out[o++] = '\\'; out[o++] = 'n'; break;
        case '\r': out[o++] = '\\'; out[o++] = 'r'; break;
        case '\\': out[o++] = '\\'; out[o++] = '\\'; break;
        default:   out[o++] = c; break;
        }
    }
    return o;
}

size_t
mk_tsv_unescape(char *out, const char *s, size_t len, size_t *odd)
{
    size_t i, o = 0;

    for (i = 0; i < len; i++) {
        if (s[i] != '\\' || i + 1 == len) {
            if (s[i] == '\\' && odd != NULL)
                (*odd)++;
            out[o++] = s[i];
            continue;
        }
        switch (s[i + 1]) {
        case 't':  out[o++] = '\t'; i++; break;
        case 'n':  out[o++] = '\n'; i++; break;
        case 'r':  out[o++] = '\r'; i++; break;
        case '\\': out[o++] = '\\'; i++; break;
        default:
            if (odd != NULL)
                (*odd)++;
            out[o++] = '\\';
            break;
        }
    }
    return o;
}

int
mk_tsv_is_header(const char *line, size_t len)
{
    size_t i = 0, start = 0, nfields = 0;

    if (len < 3 || memcmp(line, "doc", 3) != 0 || (len > 3 && line[3] != '\t'))
        return 0;
    for (i = 0; i <= len; i++) {
        if (i == len || line[i] == '\t') {
            if (i == start)
                return 0;
            nfields++;
            start = i + 1;
            continue;
        }
        char c = line[i];
        int ok = (c >= 'a' && c <= 'z') || c == '_' ||
                 (i > start && c >= '0' && c <= '9');
        if (!ok)
            return 0;
    }
    return nfields >= 2;
}
