/*
 * email.c - e-mail addresses in running text (mk__email_find).
 *
 * Three kinds: plain addresses as RFC 5321 takes them (dot-atom or quoted
 * local part, a host name or an address literal; RFC 6531 UTF-8 in both
 * halves), obfuscated ones ("name [at] example [dot] com", "name(at)x.com",
 * full-width ＠ and ．, "x@example[.]com"), and the "[email protected]"
 * placeholder that Cloudflare's e-mail protection leaves in scraped pages.
 * Comments, folding white space and the obsolete forms of RFC 5322 are not
 * addresses.
 *
 * The scan jumps from byte to byte of a small set that can start one ('@',
 * '[', '(' and the lead byte of the full-width forms), then reads the
 * local part backwards and the domain forwards, each within a bounded
 * window, so the time is linear in the text whatever it holds. Nothing is
 * allocated and nothing static is written.
 *
 * Choices made for news text, where the letter of the RFC would find too
 * much:
 * - a domain without a dot ("a@localhost", "RT@user") counts only when the
 *   whole text is the address, or after "mailto:", and is in ASCII;
 * - a domain of numbers only must be an IPv4 dotted quad ("react@18.2.0"
 *   is a package), and one ending in a file extension is a file name
 *   ("photo@2x.png");
 * - an "@" in a URL is not an address: "https://x.com/@user" (the local
 *   part would start with "/"), "http://user@host/", "ftp://u:p@host";
 * - no address starts right after another "@" ("@user@mastodon.social")
 *   or ends right before one;
 * - in scripts written without spaces (Thai, Lao, Khmer, Burmese, Chinese,
 *   Japanese) a run of ASCII next to letters of the script is taken alone:
 *   "至expo@caexpo-nn.cn预约" gives "expo@caexpo-nn.cn";
 * - a trailing full stop or hyphen is punctuation, not part of the domain;
 *   leading quotes, dots and the like are trimmed from the local part.
 */
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "internal.h"
#include "extract.h"

#define LOCAL_MAX    64     /* octets, RFC 5321 4.5.3.1.1 */
#define DOMAIN_MAX   255    /* RFC 5321 4.5.3.1.2 */
#define LABEL_MAX    63     /* RFC 1035 */
#define ADDR_MAX     254    /* a 256-octet path less its angle brackets */
#define LOCAL_SCAN   192    /* bytes read back for a local part, tokens included */
#define DOMAIN_SCAN  512    /* bytes read on for a domain, tokens included */
#define LITERAL_SCAN 64     /* bytes read on for an address literal */
#define URL_SCAN     256    /* bytes read back for the "//" of a URL */
#define MAX_LABELS   128

/* Bytes that can start something to look at. */
static const unsigned char trigger[256] = {
    ['@'] = 1, ['['] = 1, ['('] = 1, [0xEF] = 1
};

/* Character classes for the script boundary rule. */
enum { CL_NONE, CL_ASCII, CL_CONT, CL_OTHER };

struct label {
    size_t b, e;            /* bytes of the label in the text */
};

struct domain {
    size_t end;             /* the domain ends here in the text */
    struct label lab[MAX_LABELS];
    size_t n;
    int literal;            /* an address literal [...] */
    int obf;                /* a [dot] or full-width form was read */
};

/* A value being built; OVER is set when it would not fit. */
struct val {
    char p[2 * ADDR_MAX];
    size_t len;
    int over;
};

/* File extensions that are no top-level domain people write mail to. */
static const char *const file_ext[] = {
    "7z", "apk", "asp", "aspx", "avi", "bmp", "css", "csv", "dmg", "doc", "docx", "exe",
    "flv", "gif", "gz", "heic", "htm", "html", "ico", "iso", "jpeg", "jpg", "js", "json",
    "jsp", "m4a", "mkv", "mov", "mp3", "mp4", "odt", "pdf", "php", "png", "ppt", "pptx",
    "rar", "rtf", "svg", "tar", "tgz", "tif", "tiff", "txt", "wav", "webm", "webp", "xls",
    "xlsx", "xml", "zip"
};

static int
is_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int
is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static unsigned char
lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c | 0x20) : c;
}

/* RFC 5322 atext, ASCII part. */
static int
is_atext(unsigned char c)
{
    if (is_alnum(c))
        return 1;
    switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '/': case '=': case '?': case '^': case '_': case '`': case '{':
    case '|': case '}': case '~':
        return 1;
    default:
        return 0;
    }
}

/* Does S[0..N) equal the lower-case ASCII word W, ignoring case? */
static int
eq_nocase(const unsigned char *s, size_t n, const char *w)
{
    size_t i;

    for (i = 0; i < n && w[i] != '\0'; i++)
        if (lower(s[i]) != (unsigned char)w[i])
            return 0;
    return i == n && w[i] == '\0';
}

/* A letter, mark or decimal digit beyond ASCII: may stand in an
 * internationalized local part or domain label. */
static int
is_word_cp(uint32_t c)
{
    switch (utf8proc_category((utf8proc_int32_t)c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
        return 1;
    default:
        return 0;
    }
}

static int
cp_class(uint32_t c)
{
    if (c < 0x80)
        return CL_ASCII;
    switch (mk__script_group(c)) {
    case MK_SC_THAI: case MK_SC_LAO: case MK_SC_KHMER: case MK_SC_MYANMAR:
    case MK_SC_HAN: case MK_SC_KANA:
        return CL_CONT;
    default:
        return CL_OTHER;
    }
}

/* ASCII next to a script written without spaces: a word boundary. */
static int
clash(int a, int b)
{
    return (a == CL_ASCII && b == CL_CONT) || (a == CL_CONT && b == CL_ASCII);
}

/* The code point that ends at S[END] (exclusive), not reading below LO;
 * sets *START to its first byte, or returns 0 when it straddles LO. */
static uint32_t
decode_back(const unsigned char *s, size_t lo, size_t end, size_t *start)
{
    size_t j = end - 1, n;

    while (j > lo && (s[j] & 0xC0) == 0x80 && end - j < 4)
        j--;
    if ((s[j] & 0xC0) == 0x80)
        return 0;
    *start = j;
    return mk__utf8_decode(s + j, end - j, &n);
}

static size_t
skip_spaces(const unsigned char *s, size_t len, size_t i, size_t max)
{
    size_t k = 0;

    while (i < len && k < max && s[i] == ' ') {
        i++;
        k++;
    }
    return i;
}

/* The length of an obfuscated dot at S[I] with the spaces around it
 * ("[dot]", " (dot) ", "[.]", and with BARE also " dot "), or 0. */
static size_t
dot_token(const unsigned char *s, size_t len, size_t i, int bare)
{
    size_t j = skip_spaces(s, len, i, 2), k;
    unsigned char close;

    if (j < len && (s[j] == '[' || s[j] == '(')) {
        close = s[j] == '[' ? ']' : ')';
        k = skip_spaces(s, len, j + 1, 1);
        if (k + 3 <= len && eq_nocase(s + k, 3, "dot"))
            k += 3;
        else if (k < len && s[k] == '.')
            k++;
        else
            return 0;
        k = skip_spaces(s, len, k, 1);
        if (k >= len || s[k] != close)
            return 0;
        return skip_spaces(s, len, k + 1, 2) - i;
    }
    if (bare && j > i && j + 4 <= len && eq_nocase(s + j, 3, "dot") && s[j + 3] == ' ')
        return skip_spaces(s, len, j + 3, 2) - i;
    return 0;
}

/* Where an obfuscated dot ending at S[END] starts, right after a character
 * of the local part (not below LO); END when there is none. */
static size_t
dot_token_back(const unsigned char *s, size_t lo, size_t end)
{
    size_t k = end > lo + 16 ? end - 16 : lo + 1;

    for (; k < end; k++)
        if (s[k - 1] != ' ' && s[k - 1] != '[' && s[k - 1] != '('
            && dot_token(s, end, k, 0) == end - k)
            return k;
    return end;
}

/* The length of an obfuscated at at S[P] ('[' or '('): "[at]", "( AT )",
 * "[@]", or 0. */
static size_t
at_token(const unsigned char *s, size_t len, size_t p)
{
    unsigned char close = s[p] == '[' ? ']' : ')';
    size_t k = skip_spaces(s, len, p + 1, 1);

    if (k + 2 <= len && eq_nocase(s + k, 2, "at"))
        k += 2;
    else if (k < len && s[k] == '@')
        k++;
    else
        return 0;
    k = skip_spaces(s, len, k, 1);
    if (k >= len || s[k] != close)
        return 0;
    return k + 1 - p;
}

static int
is_placeholder(const unsigned char *s, size_t len, size_t p, size_t *end)
{
    static const char a[] = "[email protected]";
    static const char b[] = "[email\xc2\xa0protected]";

    if (len - p >= sizeof a - 1 && memcmp(s + p, a, sizeof a - 1) == 0) {
        *end = p + sizeof a - 1;
        return 1;
    }
    if (len - p >= sizeof b - 1 && memcmp(s + p, b, sizeof b - 1) == 0) {
        *end = p + sizeof b - 1;
        return 1;
    }
    return 0;
}

static void
val_add(struct val *v, const void *s, size_t n)
{
    if (v->over || v->len + n > sizeof v->p) {
        v->over = 1;
        return;
    }
    memcpy(v->p + v->len, s, n);
    v->len += n;
}

/* Adds C, a full-width ASCII form read as ASCII (setting *OBF), and lower
 * case when LOW. */
static void
val_cp(struct val *v, uint32_t c, int low, int *obf)
{
    char buf[4];

    if (c >= 0xFF01 && c <= 0xFF5E) {
        c -= 0xFEE0;
        *obf = 1;
    }
    if (low)
        c = (uint32_t)utf8proc_tolower((utf8proc_int32_t)c);
    val_add(v, buf, mk__utf8_encode(c, buf));
}

/* An IPv4 dotted quad, each part 0..255 in at most three digits. */
static int
is_quad(const unsigned char *s, size_t n)
{
    size_t i = 0, parts = 0, d;
    unsigned v;

    for (;;) {
        for (d = 0, v = 0; i < n && is_digit(s[i]) && d < 4; i++, d++)
            v = v * 10 + (unsigned)(s[i] - '0');
        if (d == 0 || d > 3 || v > 255)
            return 0;
        if (++parts == 4)
            return i == n;
        if (i >= n || s[i] != '.')
            return 0;
        i++;
    }
}

/* The address of an "IPv6:" literal, as RFC 5321 4.1.3 writes it (and as
 * is_email checks it: "::" may stand for a single group). */
static int
is_ipv6(const unsigned char *s, size_t n)
{
    unsigned char t[LITERAL_SCAN + 4];
    size_t i, last = n, ncomp = 1, first_dc, last_dc, max = 8, g = 0;

    if (n == 0 || n > LITERAL_SCAN)
        return 0;
    for (i = 0; i < n; i++)
        if (s[i] == ':')
            last = i;
    if (last == n)
        return 0;
    memcpy(t, s, n);
    if (memchr(s + last + 1, '.', n - last - 1) != NULL) {
        /* an IPv4 tail is two groups */
        if (!is_quad(s + last + 1, n - last - 1))
            return 0;
        memcpy(t + last + 1, "0:0", 3);
        n = last + 4;
    }
    first_dc = last_dc = n;
    for (i = 0; i < n; i++) {
        if (t[i] == ':') {
            ncomp++;
            if (i + 1 < n && t[i + 1] == ':') {
                if (first_dc == n)
                    first_dc = i;
                last_dc = i;
            }
        }
    }
    if (first_dc == n) {
        if (ncomp != max)
            return 0;
    } else {
        if (first_dc != last_dc)
            return 0;
        if (first_dc == 0 || first_dc == n - 2)
            max++;
        if (ncomp > max)
            return 0;
    }
    if (t[0] == ':' && t[1] != ':')
        return 0;
    if (t[n - 1] == ':' && t[n - 2] != ':')
        return 0;
    for (i = 0; i <= n; i++) {
        if (i == n || t[i] == ':') {
            g = 0;
            continue;
        }
        if (!is_digit(t[i]) && !((t[i] | 0x20) >= 'a' && (t[i] | 0x20) <= 'f'))
            return 0;
        if (++g > 4)
            return 0;
    }
    return 1;
}

/* An address literal at S[Q] ('['): an IPv4 quad or "IPv6:" address.
 * Fills D and adds the literal to V. Returns 0 or -1. */
static int
read_literal(const unsigned char *s, size_t len, size_t q, struct domain *d, struct val *v)
{
    size_t i, e = 0, b = q + 1;
    int obf = 0;

    for (i = b; i < len && i - q <= LITERAL_SCAN; i++) {
        if (s[i] == ']') {
            e = i;
            break;
        }
        if (s[i] <= ' ' || s[i] >= 0x7F || s[i] == '[' || s[i] == '\\')
            return -1;
    }
    if (e == 0)
        return -1;
    if (is_quad(s + b, e - b)) {
        val_add(v, s + q, e + 1 - q);
    } else if (e - b >= 5 && eq_nocase(s + b, 5, "ipv6:") && is_ipv6(s + b + 5, e - b - 5)) {
        val_add(v, "[IPv6:", 6);
        for (i = b + 5; i < e; i++)
            val_cp(v, s[i], 1, &obf);
        val_add(v, "]", 1);
    } else {
        return -1;
    }
    d->end = e + 1;
    d->literal = 1;
    d->n = 0;
    return 0;
}

/* Reads a host name at S[Q] into D: labels of ASCII letters, digits and
 * hyphens or of letters beyond ASCII, split by "." or an obfuscated dot
 * (with BARE also " dot "). A trailing stop or hyphen is left out.
 * Returns 0, or -1 when no valid domain starts there. */
static int
read_domain(const unsigned char *s, size_t len, size_t q, int bare, struct domain *d)
{
    size_t i = q, b = q, n, k;
    int prev = CL_NONE, c, stop = 0;
    uint32_t cp;
    struct label *l;

    d->n = 0;
    d->literal = 0;
    while (!stop) {
        if (i - q > DOMAIN_SCAN)
            return -1;
        n = 0;
        if (i >= len) {
            stop = 1;
        } else if (s[i] < 0x80) {
            if (is_alnum(s[i]) || s[i] == '-') {
                if (clash(prev, CL_ASCII))
                    stop = 1;
                else {
                    prev = CL_ASCII;
                    i++;
                    continue;
                }
            } else if (s[i] == '.') {
                n = 1;
            } else if ((s[i] == ' ' || s[i] == '[' || s[i] == '(')
                       && (n = dot_token(s, len, i, bare)) > 0) {
                d->obf = 1;
            } else {
                stop = 1;
            }
        } else {
            cp = mk__utf8_decode(s + i, len - i, &k);
            if (cp == 0xFF0E) {
                n = k;
                d->obf = 1;
            } else if (!is_word_cp(cp) || clash(prev, c = cp_class(cp))) {
                stop = 1;
            } else {
                prev = c;
                i += k;
                continue;
            }
        }
        /* a label ends here: at a dot (N bytes) or at the end */
        if (d->n == MAX_LABELS)
            return -1;
        d->lab[d->n].b = b;
        d->lab[d->n].e = i;
        d->n++;
        i += n;
        b = i;
        prev = CL_NONE;
    }
    /* a stop or hyphen after the domain ends the sentence or the phrase */
    for (;;) {
        l = &d->lab[d->n - 1];
        if (l->e > l->b && s[l->e - 1] == '-')
            l->e--;
        else if (l->e == l->b && d->n > 1)
            d->n--;
        else
            break;
    }
    d->end = d->lab[d->n - 1].e;
    for (k = 0; k < d->n; k++) {
        l = &d->lab[k];
        if (l->e == l->b || s[l->b] == '-' || s[l->e - 1] == '-')
            return -1;
    }
    return 0;
}

/* Adds the labels of D to V in lower case; checks their lengths and the
 * domain's. *NUMERIC is set when every label is digits only, *QUAD when
 * they make an IPv4 address, *EXT when the last is a file extension. */
static int
domain_value(const unsigned char *s, const struct domain *d, struct val *v, int *obf,
             int *numeric, int *tld_alpha, int *ext)
{
    size_t k, i, n, start = v->len, lstart;
    uint32_t cp;
    unsigned char ch;
    int digits;

    *numeric = 1;
    *ext = 0;
    *tld_alpha = 0;
    for (k = 0; k < d->n; k++) {
        if (k > 0)
            val_add(v, ".", 1);
        lstart = v->len;
        digits = 1;
        for (i = d->lab[k].b; i < d->lab[k].e; i += n) {
            if (s[i] < 0x80) {
                n = 1;
                ch = lower(s[i]);
                if (!is_digit(s[i]))
                    digits = 0;
                val_add(v, &ch, 1);
            } else {
                cp = mk__utf8_decode(s + i, d->lab[k].e - i, &n);
                digits = 0;
                val_cp(v, cp, 1, obf);
            }
        }
        if (v->over || v->len - lstart > LABEL_MAX)
            return -1;
        if (!digits)
            *numeric = 0;
        if (k == d->n - 1) {
            for (i = lstart; i < v->len; i++)
                if (!is_digit((unsigned char)v->p[i]) && v->p[i] != '-')
                    *tld_alpha = 1;
            for (i = 0; i < sizeof file_ext / sizeof file_ext[0]; i++)
                if (eq_nocase((const unsigned char *)v->p + lstart, v->len - lstart, file_ext[i]))
                    *ext = 1;
        }
    }
    if (v->len - start > DOMAIN_MAX)
        return -1;
    return 0;
}

/* Reads a dot-atom local part back from S[END], not below LO. Returns its
 * start (END when there is none), or (size_t)-1 when it runs on too long.
 * Sets *OBF when it holds an obfuscated dot. */
static size_t
local_back(const unsigned char *s, size_t lo, size_t end, int *obf)
{
    size_t i = end, j;
    uint32_t cp;
    int prev = CL_NONE, c;

    while (i > lo) {
        if (end - i > LOCAL_SCAN)
            return (size_t)-1;
        if (s[i - 1] < 0x80) {
            if (s[i - 1] == '.') {
                i--;
            } else if (is_atext(s[i - 1])) {
                if (clash(prev, CL_ASCII))
                    break;
                prev = CL_ASCII;
                i--;
            } else if ((s[i - 1] == ' ' || s[i - 1] == ']' || s[i - 1] == ')')
                       && (j = dot_token_back(s, lo, i)) < i) {
                *obf = 1;
                i = j;
            } else {
                break;
            }
            continue;
        }
        if ((cp = decode_back(s, lo, i, &j)) == 0)
            break;
        if (cp == 0xFF0E) {
            *obf = 1;
        } else {
            if (!is_word_cp(cp) || clash(prev, c = cp_class(cp)))
                break;
            prev = c;
        }
        i = j;
    }
    return i;
}

/* A quoted local part ending at S[END - 1] ('"'), not below LO: its start,
 * or (size_t)-1. RFC 5321 qtextSMTP and quoted-pairSMTP, with UTF-8. */
static size_t
quoted_back(const unsigned char *s, size_t lo, size_t end)
{
    size_t j, k, bs, open = (size_t)-1;
    uint32_t cp;

    /* the closing quote must not be escaped */
    for (bs = 0, k = end - 1; k > lo && s[k - 1] == '\\' && bs <= LOCAL_MAX; k--)
        bs++;
    if (bs % 2 == 1 || end - 1 == lo)
        return (size_t)-1;
    for (j = end - 1; j > lo && end - j < LOCAL_MAX; j--) {
        if (s[j - 1] != '"')
            continue;
        for (bs = 0, k = j - 1; k > lo && s[k - 1] == '\\' && bs <= LOCAL_MAX; k--)
            bs++;
        if (bs % 2 == 0) {
            open = j - 1;
            break;
        }
    }
    if (open == (size_t)-1)
        return (size_t)-1;
    for (k = open + 1; k < end - 1; k++) {
        if (s[k] == '\\') {
            if (k + 1 >= end - 1 || s[k + 1] < ' ' || s[k + 1] > '~')
                return (size_t)-1;
            k++;
        } else if (s[k] == '"' || (s[k] < ' ') || s[k] == 0x7F) {
            return (size_t)-1;
        }
    }
    /* what stands before the opening quote must not run on into it */
    if (open > 0) {
        if (s[open - 1] < 0x80) {
            if (is_atext(s[open - 1]) || s[open - 1] == '.' || s[open - 1] == '"'
                || s[open - 1] == '\\' || s[open - 1] == '@')
                return (size_t)-1;
        } else if ((cp = decode_back(s, 0, open, &k)) != 0 && is_word_cp(cp)) {
            return (size_t)-1;
        }
    }
    return open;
}

/* Is S[B..E) (E > B) part of a URL, read back from its local part? */
static int
in_url(const unsigned char *s, size_t b, size_t e)
{
    size_t k, slash = e;

    if (s[b] == '/' || s[e - 1] == '/')
        return 1;
    /* "www.example.com/u/name@..." : a host and a path */
    for (k = b; k < e; k++)
        if (s[k] == '/') {
            slash = k;
            break;
        }
    if (slash < e && memchr(s + b, '.', slash - b) != NULL)
        return 1;
    /* "scheme://user:password@host" */
    if (b > 0 && s[b - 1] == ':')
        for (k = b - 1; k > 0 && b - k < URL_SCAN && s[k - 1] > ' '; k--)
            if (s[k - 1] == '/' && k >= 2 && s[k - 2] == '/')
                return 1;
    return 0;
}

static int
ascii_only(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 0x80)
            return 0;
    return 1;
}

static int
after_mailto(const unsigned char *s, size_t b)
{
    return b >= 7 && s[b - 1] == ':' && eq_nocase(s + b - 7, 6, "mailto")
           && (b == 7 || !is_alnum(s[b - 8]));
}

/* Reads the local part that ends at S[LEND] (not below LO, where the last
 * address ended) into V. OBF says an obfuscated at was read and is set
 * when the local part holds obfuscated dots or full-width letters. Sets
 * *START and *MAILTO. Returns 0, or -1 when there is none. */
static int
read_local(const unsigned char *s, size_t lo, size_t lend, int *obf, size_t *start,
           int *mailto, struct val *v)
{
    size_t lb, i, n;
    uint32_t cp;

    *mailto = 0;
    if (lend <= lo)
        return -1;
    if (s[lend - 1] == '"' && !*obf) {
        if ((lb = quoted_back(s, lo, lend)) == (size_t)-1)
            return -1;
        val_add(v, s + lb, lend - lb);
        *start = lb;
        return v->over || v->len > LOCAL_MAX ? -1 : 0;
    }
    lb = local_back(s, lo, lend, obf);
    if (lb == (size_t)-1 || lb == lend)
        return -1;
    if (lb == lo && lo > 0)
        /* right after the last address: "a@b.com/c@d.com" */
        while (lb < lend && s[lb] < 0x80 && !is_alnum(s[lb]) && s[lb] != '_')
            lb++;
    if (lb == lend)
        return -1;
    *mailto = after_mailto(s, lb);
    if (!*mailto && in_url(s, lb, lend))
        return -1;
    if (lb > 0 && (s[lb - 1] == '@' || s[lb - 1] == '\\'))
        return -1;
    /* quotes, stops and marks before the name: "'a@b.org'", "*a@b.org*" */
    for (i = lb; i < lend && s[i] != '\0' && strchr(".'`*=|-", s[i]) != NULL; i++)
        ;
    if (i > lb && i < lend && (is_alnum(s[i]) || s[i] >= 0x80 || s[i] == '_'))
        lb = i;
    else
        while (lb < lend && s[lb] == '.')
            lb++;
    if (lb == lend)
        return -1;

    for (i = lb; i < lend; i += n) {
        if (s[i] < 0x80 && (is_atext(s[i]) || s[i] == '.')) {
            n = 1;
            val_add(v, s + i, 1);
        } else if (s[i] < 0x80) {
            if ((n = dot_token(s, lend, i, 0)) == 0)
                return -1;
            val_add(v, ".", 1);
        } else {
            cp = mk__utf8_decode(s + i, lend - i, &n);
            if (cp == 0xFF0E)
                val_add(v, ".", 1);
            else
                val_cp(v, cp, 0, obf);
        }
    }
    if (v->over || v->len == 0 || v->len > LOCAL_MAX || v->p[0] == '.'
        || v->p[v->len - 1] == '.')
        return -1;
    for (i = 1; i < v->len; i++)
        if (v->p[i] == '.' && v->p[i - 1] == '.')
            return -1;
    *start = lb;
    return 0;
}

/* Tries an address around the at sign (or placeholder) at S[P]. PREV_END
 * is where the last address found ends: nothing is read back past it.
 * Returns 1 with M filled, or 0. */
static int
try_at(const unsigned char *s, size_t len, size_t p, size_t prev_end, mk_email_match *m)
{
    size_t at_e, lend = p, lb, dq, n, e;
    int obf = 0, spaced = 0, mailto, numeric, tld_alpha, ext;
    struct domain d;
    struct val v;

    switch (s[p]) {
    case '[':
        if (is_placeholder(s, len, p, &e)) {
            m->start_b = p;
            m->end_b = e;
            m->kind = MK_EMAIL_PLACEHOLDER;
            m->value[0] = '\0';
            return 1;
        }
        /* FALLTHROUGH */
    case '(':
        if ((n = at_token(s, len, p)) == 0)
            return 0;
        at_e = p + n;
        obf = spaced = 1;
        break;
    case '@':
        at_e = p + 1;
        break;
    default:                /* 0xEF: full-width ＠ */
        if (len - p < 3 || s[p + 1] != 0xBC || s[p + 2] != 0xA0)
            return 0;
        at_e = p + 3;
        obf = 1;
        break;
    }

    v.len = 0;
    v.over = 0;
    if (spaced)
        while (lend > prev_end && p - lend < 2 && s[lend - 1] == ' ')
            lend--;
    if (read_local(s, prev_end, lend, &obf, &lb, &mailto, &v) != 0)
        return 0;
    val_add(&v, "@", 1);

    dq = spaced ? skip_spaces(s, len, at_e, 2) : at_e;
    d.obf = 0;
    if (dq < len && s[dq] == '[' && s[p] == '@') {
        if (read_literal(s, len, dq, &d, &v) != 0)
            return 0;
        if (d.end < len && (is_alnum(s[d.end]) || s[d.end] == '_' || s[d.end] == '@'))
            return 0;
    } else {
        if (read_domain(s, len, dq, spaced, &d) != 0)
            return 0;
        obf |= d.obf;
        if (domain_value(s, &d, &v, &obf, &numeric, &tld_alpha, &ext) != 0)
            return 0;
        /* what follows must not run on into it */
        e = d.end;
        if (e < len && (s[e] == '@' || s[e] == '_' || s[e] == '\\'
                        || (s[e] == '"' && e + 1 < len && s[e + 1] == '@')))
            return 0;
        if (d.n == 1 && (obf || !((lb == 0 && e == len) || mailto) || !ascii_only(s + lb, e - lb)))
            return 0;
        if (numeric && !(d.n == 4 && is_quad(s + dq, e - dq)))
            return 0;
        if (ext || (obf && !tld_alpha))
            return 0;
    }
    if (v.over || v.len > ADDR_MAX)
        return 0;
    m->start_b = lb;
    m->end_b = d.end;
    m->kind = obf ? MK_EMAIL_OBFUSCATED : MK_EMAIL_PLAIN;
    memcpy(m->value, v.p, v.len);
    m->value[v.len] = '\0';
    return 1;
}

size_t
mk__email_find(const char *text, size_t len, mk_email_match *out, size_t cap)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, n = 0, prev_end = 0;
    mk_email_match m;

    while (i < len) {
        while (i < len && !trigger[s[i]])
            i++;
        if (i == len)
            break;
        if (try_at(s, len, i, prev_end, &m)) {
            if (n < cap)
                out[n] = m;
            n++;
            prev_end = i = m.end_b;
        } else {
            i++;
        }
    }
    return n;
}
