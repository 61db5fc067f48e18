/*
 * junk.c - paragraphs that are only site furniture ("Advertisement",
 * "Baca juga", "โฆษณา"), from the list in corpora/boilerplate.txt.
 */
#include <string.h>

#include "internal.h"

/* Is the UTF-8 character ending at S[END-1] one that is trimmed? Returns
 * its length, or 0. */
static size_t
trim_back(const unsigned char *s, size_t end)
{
    static const char *const marks[] = { "\xc2\xbb", "\xe2\x80\xa6", "\xe2\x80\x93",
                                         "\xe2\x80\x94", "\xe2\x80\xba", "\xe2\x80\xa2" };
    size_t i;

    if (end == 0)
        return 0;
    switch (s[end - 1]) {
    case ' ': case ':': case '.': case '!': case '>': case '|': case '-':
        return 1;
    default:
        break;
    }
    for (i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        size_t l = strlen(marks[i]);
        if (end >= l && memcmp(s + end - l, marks[i], l) == 0)
            return l;
    }
    return 0;
}

int
mk__boilerplate(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    char key[MK__BOILERPLATE_MAX + 1];
    size_t b = 0, e = len, k, i;

    if (len > MK__BOILERPLATE_MAX)
        return 0;
    while (b < e && (s[b] == ' ' || s[b] == '|' || s[b] == '-' || s[b] == '>'))
        b++;
    while (e > b && (k = trim_back(s, e)) > 0)
        e -= k;
    if (e == b)
        return 0;
    for (i = b; i < e; i++)
        key[i - b] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] | 0x20 : s[i]);
    key[e - b] = '\0';
    return mk__bsearch_str(mk__boilerplate_lines, mk__nboilerplate_lines,
                           sizeof mk__boilerplate_lines[0], key, e - b) >= 0;
}
