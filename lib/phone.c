/*
 * phone.c - phone numbers in news text: parsing and validation as
 * libphonenumber's parse() and isValidNumber() do them, over the numbering
 * plan of lib/phoneplan.c; a finder for numbers in running text; and the
 * hints (apps, countries, cities, languages) that pick the region of a
 * national number.
 *
 * The plan's patterns are compiled with PCRE2 the first time a region is
 * used and kept for the life of the process: one cache, reachable from a
 * static, published with atomics and filled under a mutex, so any thread
 * may call in. Nothing else here is mutable.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>
#include <unicode/uchar.h>
#include <utf8proc.h>

#include "extract.h"
#include "internal.h"

/* ------------------------------------------------------------------ */
/* The plan (lib/phoneplan.c, written by scripts/gen-phoneplan)        */

extern const char mk__phoneplan_version[];
extern const char mk__phoneplan_layout[];
extern const size_t mk__phoneplan_nregions, mk__phoneplan_ncodes;
extern const char *const mk__phoneplan_str[];
extern const uint32_t mk__phoneplan_num[];
extern const uint16_t mk__phoneplan_codes[], mk__phoneplan_code_regions[];

/* Number types, in the plan's order; T_GENERAL is the general desc that
 * every valid number of the region matches. */
enum {
    T_GENERAL, T_FIXED, T_MOBILE, T_TOLL_FREE, T_PREMIUM, T_SHARED, T_PERSONAL,
    T_VOIP, T_PAGER, T_UAN, T_VOICEMAIL, NTYPES
};
/* Fields of a region: strings, then numbers. */
enum { S_ID, S_IDD, S_PREF_IDD, S_NP, S_NPP, S_NPT, S_LEAD, S_RE, NSTR = S_RE + NTYPES };
enum { N_CC, N_MAIN, N_LEN, N_LOCAL = N_LEN + NTYPES, NNUM = N_LOCAL + NTYPES };

/* What the enums above assume; a table generated otherwise is not read. */
static const char plan_layout[] =
    "str:id,idd,preferred_idd,national_prefix,npp,npt,leading_digits,re_general_desc,"
    "re_fixed_line,re_mobile,re_toll_free,re_premium_rate,re_shared_cost,"
    "re_personal_number,re_voip,re_pager,re_uan,re_voicemail;num:cc,main,"
    "len_general_desc,len_fixed_line,len_mobile,len_toll_free,len_premium_rate,"
    "len_shared_cost,len_personal_number,len_voip,len_pager,len_uan,len_voicemail,"
    "local_general_desc,local_fixed_line,local_mobile,local_toll_free,"
    "local_premium_rate,local_shared_cost,local_personal_number,local_voip,"
    "local_pager,local_uan,local_voicemail";

#define MAX_NSN 17          /* libphonenumber's longest national number */
#define MAX_INPUT_CP 250    /* and its longest input, in characters */
#define WORK 320            /* digit buffers: 250 digits and a transform */

static const char *
plan_str(size_t r, int field)
{
    return mk__phoneplan_str[r * NSTR + (size_t)field];
}

static uint32_t
plan_num(size_t r, int field)
{
    return mk__phoneplan_num[r * NNUM + (size_t)field];
}

/* The index of geographic region ID[0..N) ("TH", upper case), or -1.
 * Regions are sorted by id, the "001" entries first. */
static long
plan_region(const char *id, size_t n)
{
    size_t lo = 0, hi = mk__phoneplan_nregions;
    char key[3];

    if (n != 2 || id[0] < 'A' || id[0] > 'Z' || id[1] < 'A' || id[1] > 'Z')
        return -1;
    key[0] = id[0];
    key[1] = id[1];
    key[2] = '\0';
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(plan_str(mid, S_ID), key);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* The regions of calling code CC, main region first: sets *FIRST to an
 * index into mk__phoneplan_code_regions and returns the count (0 when the
 * code is not assigned). */
static size_t
plan_code(int cc, size_t *first)
{
    size_t lo = 0, hi = mk__phoneplan_ncodes;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = mk__phoneplan_codes[mid * 3];
        if (c == cc) {
            *first = mk__phoneplan_codes[mid * 3 + 1];
            return mk__phoneplan_codes[mid * 3 + 2];
        }
        if (c < cc)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Compiled patterns                                                   */

struct rx_region {
    pcre2_code *idd, *npp, *lead;   /* matched at the start of the number */
    pcre2_code *re[NTYPES];         /* matched against the whole number */
    uint32_t npp_groups;            /* capture groups of npp */
};

static struct {
    pthread_once_t once;
    pthread_mutex_t lock;
    int ok;                             /* the plan has our layout, all set up */
    pcre2_match_context *mctx;          /* match limits, shared read-only */
    pcre2_code *viable;                 /* libphonenumber's VALID_PHONE_NUMBER */
    pcre2_code *extn;                   /* an extension at the end */
    _Atomic(struct rx_region *) *region; /* mk__phoneplan_nregions, lazily */
} cache = { PTHREAD_ONCE_INIT, PTHREAD_MUTEX_INITIALIZER, 0, NULL, NULL, NULL, NULL };

/* Punctuation that may sit between the digits of a number, as
 * libphonenumber's VALID_PUNCTUATION (the "x" stands for a carrier code). */
#define PUNCT "\\-x\\x{2010}-\\x{2015}\\x{2212}\\x{30FC}\\x{FF0D}-\\x{FF0F} \\x{00A0}" \
              "\\x{00AD}\\x{200B}\\x{2060}\\x{3000}()\\x{FF08}\\x{FF09}\\x{FF3B}" \
              "\\x{FF3D}.\\[\\]/~\\x{2053}\\x{223C}\\x{FF5E}"

/* Ways to write an extension, as libphonenumber's patterns for parsing:
 * ";ext=", an explicit label, an ambiguous one, the American "- 503#", and
 * auto-dialling commas. Each captures the extension's digits. */
#define EXTN \
    ";ext=(\\d{1,20})" \
    "|[ \\x{A0}\\t,]*(?:e?xt(?:ensi(?:o\\x{301}?|\\x{F3}))?n?|\\x{FF45}?\\x{FF58}\\x{FF54}" \
    "\\x{FF4E}?|\\x{434}\\x{43E}\\x{431}|anexo)[:\\.\\x{FF0E}]?[ \\x{A0}\\t,-]*(\\d{1,20})#?" \
    "|[ \\x{A0}\\t,]*(?:[x\\x{FF58}#\\x{FF03}~\\x{FF5E}]|int|\\x{FF49}\\x{FF4E}\\x{FF54})" \
    "[:\\.\\x{FF0E}]?[ \\x{A0}\\t,-]*(\\d{1,9})#?" \
    "|[- ]+(\\d{1,6})#" \
    "|[ \\x{A0}\\t]*(?:,{2}|;)[:\\.\\x{FF0E}]?[ \\x{A0}\\t,-]*(\\d{1,15})#?" \
    "|[ \\x{A0}\\t]*(?:,)+[:\\.\\x{FF0E}]?[ \\x{A0}\\t,-]*(\\d{1,9})#?"

static pcre2_code *
compile(const char *pattern, uint32_t options)
{
    pcre2_code *re;
    int err;
    PCRE2_SIZE off;

    re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, options, &err, &off, NULL);
    if (re != NULL)
        (void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);   /* the interpreter if not */
    return re;
}

static void
cache_init(void)
{
    const uint32_t text = PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS;

    if (strcmp(mk__phoneplan_layout, plan_layout) != 0)
        return;
    cache.mctx = pcre2_match_context_create(NULL);
    cache.viable = compile("\\d{2}|[+\\x{FF0B}]*(?:[" PUNCT "*]*\\d){3,}[" PUNCT
                           "*A-Za-z\\d]*(?:" EXTN ")?",
                           text | PCRE2_ANCHORED | PCRE2_ENDANCHORED);
    cache.extn = compile("(?:" EXTN ")$", text);
    cache.region = calloc(mk__phoneplan_nregions, sizeof *cache.region);
    if (cache.mctx == NULL || cache.viable == NULL || cache.extn == NULL
        || cache.region == NULL)
        return;
    /* the plan's patterns are small, but inputs come from anywhere */
    pcre2_set_match_limit(cache.mctx, 100000);
    pcre2_set_depth_limit(cache.mctx, 1000);
    cache.ok = 1;
}

/* Compiles region R's patterns. NULL when one fails to compile (the region
 * then validates nothing) or on OOM. */
static struct rx_region *
rx_compile(size_t r)
{
    struct rx_region *x = calloc(1, sizeof *x);
    const char *p;
    int t;

    if (x == NULL)
        return NULL;
    /* patterns are ASCII and match ASCII digits: no UTF mode needed */
    if ((p = plan_str(r, S_IDD)) != NULL && (x->idd = compile(p, PCRE2_ANCHORED)) == NULL)
        goto fail;
    if ((p = plan_str(r, S_NPP)) != NULL && *p != '\0') {
        if ((x->npp = compile(p, PCRE2_ANCHORED)) == NULL)
            goto fail;
        (void)pcre2_pattern_info(x->npp, PCRE2_INFO_CAPTURECOUNT, &x->npp_groups);
    }
    if ((p = plan_str(r, S_LEAD)) != NULL && (x->lead = compile(p, PCRE2_ANCHORED)) == NULL)
        goto fail;
    for (t = 0; t < NTYPES; t++) {
        p = plan_str(r, S_RE + t);
        if (p != NULL && *p != '\0'
            && (x->re[t] = compile(p, PCRE2_ANCHORED | PCRE2_ENDANCHORED)) == NULL)
            goto fail;
    }
    return x;
fail:
    pcre2_code_free(x->idd);
    pcre2_code_free(x->npp);
    pcre2_code_free(x->lead);
    for (t = 0; t < NTYPES; t++)
        pcre2_code_free(x->re[t]);
    free(x);
    return NULL;
}

/* Region R's compiled patterns, compiling them on first use. */
static const struct rx_region *
rx_get(size_t r)
{
    struct rx_region *x;

    if (!cache.ok || r >= mk__phoneplan_nregions)
        return NULL;
    x = atomic_load_explicit(&cache.region[r], memory_order_acquire);
    if (x != NULL)
        return x;
    pthread_mutex_lock(&cache.lock);
    x = atomic_load_explicit(&cache.region[r], memory_order_relaxed);
    if (x == NULL) {
        x = rx_compile(r);
        if (x != NULL)
            atomic_store_explicit(&cache.region[r], x, memory_order_release);
    }
    pthread_mutex_unlock(&cache.lock);
    return x;
}

/* Does RE (compiled anchored at both ends) match all of S[0..N)? */
static int
rx_whole(const pcre2_code *re, const char *s, size_t n, pcre2_match_data *md)
{
    return re != NULL && pcre2_match(re, (PCRE2_SPTR)s, n, 0, 0, md, cache.mctx) >= 0;
}

/* The end of RE's match at the start of S[0..N), or -1. */
static long
rx_prefix(const pcre2_code *re, const char *s, size_t n, pcre2_match_data *md)
{
    if (re == NULL || pcre2_match(re, (PCRE2_SPTR)s, n, 0, 0, md, cache.mctx) < 0)
        return -1;
    return (long)pcre2_get_ovector_pointer(md)[1];
}

/* ------------------------------------------------------------------ */
/* Parsing, after libphonenumber's PhoneNumberUtil.parse()             */

/* One parse: the caller's match data and the number being built. */
struct parse {
    pcre2_match_data *md;
    int cc;
    char nsn[WORK];
    size_t nsn_len;
};

enum { LEN_POSSIBLE, LEN_LOCAL_ONLY, LEN_TOO_SHORT, LEN_TOO_LONG, LEN_INVALID };

/* testNumberLength against the general desc of region R. */
static int
test_length(size_t r, size_t n)
{
    uint32_t possible = plan_num(r, N_LEN + T_GENERAL);
    uint32_t local = plan_num(r, N_LOCAL + T_GENERAL);
    size_t lo = 0, hi = 31;

    if (n < 32 && (local >> n & 1))
        return LEN_LOCAL_ONLY;
    if (possible == 0)
        return LEN_INVALID;
    while (!(possible >> lo & 1))
        lo++;
    while (!(possible >> hi & 1))
        hi--;
    if (lo == n)
        return LEN_POSSIBLE;
    if (lo > n)
        return LEN_TOO_SHORT;
    if (hi < n)
        return LEN_TOO_LONG;
    return (possible >> n & 1) ? LEN_POSSIBLE : LEN_INVALID;
}

/* isNumberMatchingDesc: possible lengths (when stated), then the pattern. */
static int
matches_type(const struct rx_region *x, size_t r, int type, const char *s, size_t n,
             pcre2_match_data *md)
{
    uint32_t lengths = plan_num(r, N_LEN + type);

    if (x->re[type] == NULL)
        return 0;
    if (lengths != 0 && (n >= 32 || !(lengths >> n & 1)))
        return 0;
    return rx_whole(x->re[type], s, n, md);
}

/* maybeStripNationalPrefixAndCarrierCode: strips region R's national
 * prefix (or applies its transform rule) from S[0..*N) in place, unless
 * that turns a number that matched the general desc into one that does
 * not. */
static void
strip_national_prefix(const struct rx_region *x, size_t r, char *s, size_t *n,
                      pcre2_match_data *md)
{
    char out[WORK];
    size_t len = *n, olen = 0;
    PCRE2_SIZE *ov;
    const char *rule;
    long end;
    int viable;

    if (len == 0 || x->npp == NULL)
        return;
    if ((end = rx_prefix(x->npp, s, len, md)) < 0)
        return;
    ov = pcre2_get_ovector_pointer(md);
    rule = plan_str(r, S_NPT);
    if (rule != NULL && *rule != '\0' && x->npp_groups > 0
        && pcre2_get_ovector_count(md) > x->npp_groups
        && ov[2 * x->npp_groups] != PCRE2_UNSET) {
        /* the rule rewrites the matched prefix ("$1", "9$1", "0549$1") */
        uint32_t g, ng = pcre2_get_ovector_count(md);
        for (; *rule != '\0'; rule++) {
            if (*rule == '$' && rule[1] >= '0' && rule[1] <= '9') {
                g = (uint32_t)(*++rule - '0');
                if (g < ng && ov[2 * g] != PCRE2_UNSET) {
                    size_t gl = ov[2 * g + 1] - ov[2 * g];
                    if (olen + gl >= sizeof out)
                        return;
                    memcpy(out + olen, s + ov[2 * g], gl);
                    olen += gl;
                }
            } else {
                if (olen + 1 >= sizeof out)
                    return;
                out[olen++] = *rule;
            }
        }
    }
    if (olen + (len - (size_t)end) >= sizeof out)
        return;
    memcpy(out + olen, s + end, len - (size_t)end);
    olen += len - (size_t)end;
    viable = rx_whole(x->re[T_GENERAL], s, len, md);
    if (viable && !rx_whole(x->re[T_GENERAL], out, olen, md))
        return;
    memcpy(s, out, olen);
    s[olen] = '\0';
    *n = olen;
}

static int
is_plus(uint32_t c)
{
    return c == '+' || c == 0xFF0B;
}

/* Decimal digit value of C (any script's Nd), or -1. */
static int
digit_value(uint32_t c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    if (c < 0x660)
        return -1;
    return u_charType((UChar32)c) == U_DECIMAL_DIGIT_NUMBER ? u_charDigitValue((UChar32)c) : -1;
}

/* libphonenumber's normalize(): the digits of S[0..N) in ASCII; with three
 * or more ASCII letters, a vanity number, letters read off a phone keypad.
 * Returns the length, or -1 when OUT (WORK bytes) is too small. */
static long
normalize(const char *s, size_t n, char *out)
{
    static const char keypad[] = "22233344455566677778889999";
    size_t i, k, len = 0, letters = 0;

    for (i = 0; i < n; i++)
        if ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'))
            letters++;
    for (i = 0; i < n; i += k) {
        uint32_t c = mk__utf8_decode((const unsigned char *)s + i, n - i, &k);
        int d = -1;
        if (letters >= 3) {
            /* alpha mode keeps ASCII digits and letters only */
            if (c >= '0' && c <= '9')
                d = (int)(c - '0');
            else if (c >= 'A' && c <= 'Z')
                d = keypad[c - 'A'] - '0';
            else if (c >= 'a' && c <= 'z')
                d = keypad[c - 'a'] - '0';
        } else {
            d = digit_value(c);
        }
        if (d < 0)
            continue;
        if (len + 1 >= WORK)
            return -1;
        out[len++] = (char)('0' + d);
    }
    out[len] = '\0';
    return (long)len;
}

/* The length of the plus signs that start S[0..N). */
static size_t
plus_prefix(const char *s, size_t n)
{
    size_t i = 0, k;

    while (i < n && is_plus(mk__utf8_decode((const unsigned char *)s + i, n - i, &k)))
        i += k;
    return i;
}

enum { CC_NONE = 0, CC_ERROR = -1, CC_INVALID = -2 };

/* maybeExtractCountryCode: the country calling code written in S[0..N)
 * ("+", region R's international prefix, or R's own code written without
 * "+"), with the rest of the number in P->nsn; 0 when there is none (P->nsn
 * is then not set), CC_INVALID for a code that is not assigned, CC_ERROR
 * when too short. R is -1 for no region. */
static int
extract_country_code(const char *s, size_t n, long r, struct parse *p)
{
    const struct rx_region *x = r >= 0 ? rx_get((size_t)r) : NULL;
    char full[WORK];
    size_t plus = plus_prefix(s, n), first, i;
    long len;
    int from_default = 0;

    if (n == 0)
        return CC_NONE;
    if ((len = normalize(s + plus, n - plus, full)) < 0)
        return CC_ERROR;
    if (plus == 0) {
        long end = x != NULL ? rx_prefix(x->idd, full, (size_t)len, p->md) : -1;
        /* an international prefix, unless a 0 follows: no code starts with 0 */
        if (end >= 0 && full[end] != '0') {
            memmove(full, full + end, (size_t)(len - end) + 1);
            len -= end;
        } else {
            from_default = 1;
        }
    }
    if (!from_default) {
        if (len <= 2)
            return CC_ERROR;
        if (full[0] == '0')
            return CC_INVALID;
        for (i = 1; i <= 3 && i <= (size_t)len; i++) {
            int cc = 0;
            size_t j;
            for (j = 0; j < i; j++)
                cc = cc * 10 + (full[j] - '0');
            if (plan_code(cc, &first) > 0) {
                p->cc = cc;
                p->nsn_len = (size_t)len - i;
                memcpy(p->nsn, full + i, p->nsn_len + 1);
                return cc;
            }
        }
        return CC_INVALID;
    }
    if (x != NULL) {
        /* a national number that starts with the region's own code: drop
         * the code if the number was not valid before but is now, or was
         * too long */
        char code[8], pot[WORK];
        size_t cl = (size_t)snprintf(code, sizeof code, "%u", (unsigned)plan_num((size_t)r, N_CC));
        if ((size_t)len >= cl && memcmp(full, code, cl) == 0) {
            size_t pl = (size_t)len - cl;
            memcpy(pot, full + cl, pl + 1);
            strip_national_prefix(x, (size_t)r, pot, &pl, p->md);
            if ((!rx_whole(x->re[T_GENERAL], full, (size_t)len, p->md)
                 && rx_whole(x->re[T_GENERAL], pot, pl, p->md))
                || test_length((size_t)r, (size_t)len) == LEN_TOO_LONG) {
                p->cc = (int)plan_num((size_t)r, N_CC);
                memcpy(p->nsn, pot, pl + 1);
                p->nsn_len = pl;
                return p->cc;
            }
        }
    }
    return CC_NONE;
}

/* The part of S[0..*N) libphonenumber would read as a number: from the
 * first "+" or digit, without trailing characters that are neither letters
 * nor digits nor "#", and without a second number after "/ x". Returns the
 * start and sets *N to the length. */
static size_t
extract_possible(const char *s, size_t *n)
{
    size_t i, k, start = *n, end = 0, len = *n;

    for (i = 0; i < len; i += k) {
        uint32_t c = mk__utf8_decode((const unsigned char *)s + i, len - i, &k);
        if (is_plus(c) || digit_value(c) >= 0) {
            start = i;
            break;
        }
    }
    if (start == len) {
        *n = 0;
        return 0;
    }
    for (i = start; i < len; i += k) {
        uint32_t c = mk__utf8_decode((const unsigned char *)s + i, len - i, &k);
        if (c == '#' || (c != '_' && (U_GET_GC_MASK((UChar32)c) & (U_GC_L_MASK | U_GC_N_MASK))))
            end = i + k;
    }
    if (end < start)
        end = start;
    for (i = start; i < end; i++) {
        if (s[i] == '/' || s[i] == '\\') {
            size_t j = i + 1;
            while (j < end && s[j] == ' ')
                j++;
            if (j < end && s[j] == 'x') {
                end = i;
                break;
            }
        }
    }
    *n = end - start;
    return start;
}

/* Is S[0..N) shaped like a phone number (isViablePhoneNumber)? */
static int
viable(const char *s, size_t n, pcre2_match_data *md)
{
    if (mk_utf8_count(s, n) < 2)
        return 0;
    return pcre2_match(cache.viable, (PCRE2_SPTR)s, n, 0, PCRE2_NO_UTF_CHECK, md, cache.mctx) >= 0;
}

/* Parses S[0..N) with default region REGION (NULL or unknown: the number
 * must carry its code) into P->cc and P->nsn. Returns 0, or -1 when
 * libphonenumber would throw. */
static int
parse_number(const char *s, size_t n, const char *region, struct parse *p)
{
    size_t start, len = n, first, nregions;
    long r = region != NULL ? plan_region(region, strlen(region)) : -1;
    long meta = r;      /* the region whose rules strip the national prefix */
    int cc;

    if (mk_utf8_count(s, n) > MAX_INPUT_CP)
        return -1;
    start = extract_possible(s, &len);
    s += start;
    if (len == 0 || !viable(s, len, p->md))
        return -1;
    if (r < 0 && plus_prefix(s, len) == 0)
        return -1;
    /* an extension at the end is not part of the number */
    if (pcre2_match(cache.extn, (PCRE2_SPTR)s, len, 0, PCRE2_NO_UTF_CHECK, p->md,
                    cache.mctx) >= 0) {
        size_t at = pcre2_get_ovector_pointer(p->md)[0];
        if (viable(s, at, p->md))
            len = at;
    }

    p->cc = 0;
    cc = extract_country_code(s, len, r, p);
    if (cc == CC_INVALID && plus_prefix(s, len) > 0) {
        /* "+" and no valid code: try again as if the "+" were not there */
        size_t plus = plus_prefix(s, len);
        cc = extract_country_code(s + plus, len - plus, r, p);
        if (cc == CC_NONE)
            return -1;
    }
    if (cc < 0)
        return -1;
    if (cc != 0) {
        nregions = plan_code(cc, &first);
        if (nregions == 0)
            return -1;
        /* the rules of the code's main region apply, as in libphonenumber:
         * unless that is the default region itself, whose own rules stand
         * (none for "001") */
        if (region == NULL || strcmp(plan_str(mk__phoneplan_code_regions[first], S_ID),
                                     region) != 0)
            meta = mk__phoneplan_code_regions[first];
    } else {
        long l = normalize(s, len, p->nsn);
        if (l < 0 || r < 0)
            return -1;
        p->nsn_len = (size_t)l;
        p->cc = (int)plan_num((size_t)r, N_CC);
    }
    if (p->nsn_len < 2)
        return -1;
    if (meta >= 0) {
        const struct rx_region *x = rx_get((size_t)meta);
        char pot[WORK];
        size_t pl = p->nsn_len;
        int v;
        if (x == NULL)
            return -1;
        memcpy(pot, p->nsn, pl + 1);
        strip_national_prefix(x, (size_t)meta, pot, &pl, p->md);
        /* keep the prefix if what is left is too short to be a number */
        v = test_length((size_t)meta, pl);
        if (v != LEN_TOO_SHORT && v != LEN_LOCAL_ONLY && v != LEN_INVALID) {
            memcpy(p->nsn, pot, pl + 1);
            p->nsn_len = pl;
        }
    }
    if (p->nsn_len < 2 || p->nsn_len > MAX_NSN)
        return -1;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Validation, after isValidNumber()                                   */

/* Is NSN[0..N) a number of some type of region R? */
static int
valid_for_region(size_t r, const char *nsn, size_t n, pcre2_match_data *md)
{
    const struct rx_region *x = rx_get(r);
    int t;

    if (x == NULL || !matches_type(x, r, T_GENERAL, nsn, n, md))
        return 0;
    for (t = T_GENERAL + 1; t < NTYPES; t++)
        if (matches_type(x, r, t, nsn, n, md))
            return 1;
    return 0;
}

/* Is the parsed number valid? Among the regions of a shared code, the
 * number belongs to the first whose leading digits it starts with (or, for
 * a region without them, the first it is valid for), as
 * getRegionCodeForNumber() decides. */
static int
valid_number(const struct parse *p)
{
    size_t first, n = plan_code(p->cc, &first), i;

    if (n == 1)
        return valid_for_region(mk__phoneplan_code_regions[first], p->nsn, p->nsn_len, p->md);
    for (i = 0; i < n; i++) {
        size_t r = mk__phoneplan_code_regions[first + i];
        const struct rx_region *x = rx_get(r);
        if (x == NULL)
            continue;
        if (plan_str(r, S_LEAD) != NULL) {
            if (rx_prefix(x->lead, p->nsn, p->nsn_len, p->md) >= 0)
                return valid_for_region(r, p->nsn, p->nsn_len, p->md);
        } else if (valid_for_region(r, p->nsn, p->nsn_len, p->md)) {
            return 1;
        }
    }
    return 0;
}

/* Parses and validates; writes "+<cc><nsn>" to E164. 1 valid, 0 not. */
static int
parse_valid(const char *s, size_t n, const char *region, pcre2_match_data *md,
            char *e164, size_t cap)
{
    struct parse p;
    int w;

    p.md = md;
    p.nsn_len = 0;
    if (parse_number(s, n, region, &p) != 0 || !valid_number(&p))
        return 0;
    w = snprintf(e164, cap, "+%d%s", p.cc, p.nsn);
    if (w < 0 || (size_t)w >= cap) {
        e164[0] = '\0';
        return 0;
    }
    return 1;
}

static pcre2_match_data *
begin(void)
{
    pthread_once(&cache.once, cache_init);
    if (!cache.ok)
        return NULL;
    /* enough pairs for any pattern of the plan (national prefixes have 3) */
    return pcre2_match_data_create(16, NULL);
}

/* REGION as the plan spells it ("th" -> "TH"; "001" stays), in BUF; NULL
 * when it is no region of the plan. */
static const char *
known_region(const char *region, char buf[4])
{
    if (strcmp(region, "001") == 0)
        return region;
    if (strlen(region) != 2)
        return NULL;
    buf[0] = (char)(region[0] >= 'a' && region[0] <= 'z' ? region[0] - 32 : region[0]);
    buf[1] = (char)(region[1] >= 'a' && region[1] <= 'z' ? region[1] - 32 : region[1]);
    buf[2] = '\0';
    return plan_region(buf, 2) >= 0 ? buf : NULL;
}

int
mk__phone_parse(const char *s, size_t len, const char *region, char *e164, size_t cap)
{
    pcre2_match_data *md;
    char rbuf[4];
    int ok = 0;

    if (cap > 0)
        e164[0] = '\0';
    /* an unknown region is the caller's mistake, not the number's */
    if (region != NULL && (region = known_region(region, rbuf)) == NULL)
        return -1;
    if (cap == 0 || mk_utf8_valid_prefix(s, len) != len || (md = begin()) == NULL)
        return 0;
    ok = parse_valid(s, len, region, md, e164, cap);
    pcre2_match_data_free(md);
    return ok;
}

int
mk__phone_resolve(const mk_phone_cand *c, const char *const *regions, size_t n,
                  char *e164, size_t cap)
{
    pcre2_match_data *md;
    char buf[sizeof c->digits + 2];
    const char *d = c->digits;
    int got = -1;
    size_t i;

    if (cap == 0)
        return -1;
    e164[0] = '\0';
    if ((md = begin()) == NULL)
        return -1;
    if (c->intl) {
        /* its code follows the "+" or "00" */
        snprintf(buf, sizeof buf, "+%s", d[0] == '0' && d[1] == '0' ? d + 2 : d);
        if (parse_valid(buf, strlen(buf), NULL, md, e164, cap))
            got = (int)n;
    }
    if (got < 0 && (!c->intl || d[0] == '0')) {
        /* a national number; "00" may also begin one (Thailand's
         * "001800 ..."), and the regions' own prefixes are read too */
        char rbuf[4];
        const char *r;
        for (i = 0; i < n && got < 0; i++)
            if (regions[i] != NULL && (r = known_region(regions[i], rbuf)) != NULL
                && parse_valid(d, strlen(d), r, md, e164, cap))
                got = (int)i;
    }
    pcre2_match_data_free(md);
    if (got < 0)
        e164[0] = '\0';
    return got;
}


/* ------------------------------------------------------------------ */
/* Finding numbers in running text                                     */

#define MIN_DIGITS 7
#define MAX_DIGITS 17
#define RUN_GROUPS 24       /* groups and digits kept per run; a longer */
#define RUN_DIGITS 40       /* run is not a phone number anyway */

/* A run of digit groups and the separators between them, as written. */
struct group {
    size_t start, end;      /* bytes, with the parentheses of "(02)" */
    unsigned char off, len; /* its digits in run.digits */
    char sep;               /* before it: 0 (first), ' ', '-', '.', '/', ')', or
                             * '~' for a dash with a space beside it */
    char paren;             /* written in parentheses */
    unsigned value;         /* its first four digits as a number */
};

struct run {
    size_t start;           /* the "+" or "(" that opens it, or its first digit */
    int plus;
    size_t ndigits, ngroups; /* counted past RUN_DIGITS and RUN_GROUPS */
    char digits[RUN_DIGITS + 1];
    struct group g[RUN_GROUPS];
};

static uint32_t
cp_at(const char *t, size_t len, size_t i, size_t *k)
{
    if (i >= len) {
        *k = 0;
        return 0;
    }
    return mk__utf8_decode((const unsigned char *)t + i, len - i, k);
}

/* The code point that ends before T[I] (0 at the start); *K its length. */
static uint32_t
cp_before(const char *t, size_t i, size_t *k)
{
    size_t j = i;

    *k = 0;
    if (i == 0)
        return 0;
    while (j > 0 && i - j < 4 && ((unsigned char)t[j - 1] & 0xC0) == 0x80)
        j--;
    if (j == 0)
        return 0;
    j--;
    return mk__utf8_decode((const unsigned char *)t + j, i - j, k);
}

static int
is_myanmar_digit(uint32_t c)
{
    return c >= 0x1040 && c <= 0x1049;
}

/* The digit at T[I] (length *K), or -1. Burmese text often has the letter
 * wa (U+101D) for the digit zero (U+1040), which it looks like: read it as
 * 0 beside Myanmar digits, unless a Myanmar letter or sign follows, as in
 * a word after a number. */
static int
digit_at(const char *t, size_t len, size_t i, size_t *k)
{
    uint32_t c = cp_at(t, len, i, k), next;
    size_t kn, kp;

    if (c == 0x101D) {
        next = cp_at(t, len, i + *k, &kn);
        if (is_myanmar_digit(next))
            return 0;
        if (is_myanmar_digit(cp_before(t, i, &kp)) && !(next >= 0x1000 && next <= 0x109F))
            return 0;
        return -1;
    }
    return digit_value(c);
}

static int
is_space(uint32_t c)
{
    return c == ' ' || c == 0xA0 || c == 0x2007 || c == 0x2009 || c == 0x202F;
}

static int
is_dash(uint32_t c)
{
    return c == '-' || (c >= 0x2010 && c <= 0x2013) || c == 0x2212 || c == 0xFF0D;
}

static int
is_open(uint32_t c)
{
    return c == '(' || c == 0xFF08;
}

static int
is_close(uint32_t c)
{
    return c == ')' || c == 0xFF09;
}

/* The length of an area code in parentheses at T[I] ("(02)", "(+66)",
 * "（010）"), or 0. Area codes are short, so this looks a few bytes ahead
 * at most. */
static size_t
paren_group(const char *t, size_t len, size_t i, int allow_plus)
{
    size_t p = i, k;
    int digits = 0;

    if (!is_open(cp_at(t, len, p, &k)))
        return 0;
    p += k;
    if (allow_plus && is_plus(cp_at(t, len, p, &k)))
        p += k;
    while (digits <= 6 && digit_at(t, len, p, &k) >= 0) {
        p += k;
        digits++;
    }
    if (digits == 0 || digits > 6 || !is_close(cp_at(t, len, p, &k)))
        return 0;
    return p + k - i;
}

static void
add_group(struct run *r, size_t start, size_t end, char sep, int paren, size_t off, size_t n)
{
    struct group *g;
    size_t j;

    if (r->ngroups++ >= RUN_GROUPS || off + n > RUN_DIGITS)
        return;
    g = &r->g[r->ngroups - 1];
    g->start = start;
    g->end = end;
    g->off = (unsigned char)off;
    g->len = (unsigned char)n;
    g->sep = sep;
    g->paren = (char)paren;
    g->value = 0;
    for (j = 0; j < n && j < 4; j++)
        g->value = g->value * 10 + (unsigned)(r->digits[off + j] - '0');
}

/* Reads digits at T[*P] into R, advancing *P; returns how many. */
static size_t
read_digits(const char *t, size_t len, size_t *p, struct run *r)
{
    size_t k, n = 0;
    int d;

    while ((d = digit_at(t, len, *p, &k)) >= 0) {
        if (r->ndigits < RUN_DIGITS)
            r->digits[r->ndigits] = (char)('0' + d);
        r->ndigits++;
        n++;
        *p += k;
    }
    return n;
}

/* Scans the run that starts at T[I] (a digit, "+" before a digit, or an
 * area code in parentheses): groups of digits joined by one space, hyphen,
 * dot or slash (" - " too), an area code in parentheses first or after the
 * country code. Returns where the run ends; R->ngroups is 0 when there is
 * no run at I. Each byte is read a bounded number of times. */
static size_t
scan_run(const char *t, size_t len, size_t i, struct run *r)
{
    size_t p = i, k, n, q, pg;
    char sep = 0;
    int used_paren = 0;
    uint32_t c;

    r->start = i;
    r->plus = 0;
    r->ndigits = r->ngroups = 0;
    if ((pg = paren_group(t, len, p, 1)) == 0 && is_plus(cp_at(t, len, p, &k))) {
        r->plus = 1;
        p += k;
    }
    for (;;) {
        size_t gs = p, off = r->ndigits;
        int paren = 0;
        if ((pg = paren_group(t, len, p, r->ngroups == 0)) > 0) {
            /* "(+66)" counts as the "+" */
            p += cp_at(t, len, p, &k) ? k : 0;
            if (is_plus(cp_at(t, len, p, &k))) {
                r->plus = 1;
                p += k;
            }
            paren = used_paren = 1;
        }
        n = read_digits(t, len, &p, r);
        if (n == 0)
            break;
        if (paren)
            p = gs + pg;
        add_group(r, gs, p, sep, paren, off, n);
        /* the separator to the next group */
        q = p;
        sep = paren ? ')' : 0;
        c = cp_at(t, len, q, &k);
        if (is_space(c)) {
            sep = ' ';
            q += k;
            c = cp_at(t, len, q, &k);
        }
        if (is_dash(c) || c == '.' || c == '/' || c == 0xFF0F) {
            char mark = is_dash(c) ? '-' : c == '.' ? '.' : '/';
            /* " /" and " ." part two numbers or end a sentence */
            if (sep == ' ' && mark != '-')
                break;
            /* a dash with a space beside it, as in ranges "1070 - 1074" */
            sep = sep == ' ' ? '~' : mark;
            q += k;
            c = cp_at(t, len, q, &k);
            if (is_space(c)) {
                if (mark != '-')
                    break;
                sep = '~';
                q += k;
            }
        }
        if (sep == 0)
            break;
        /* an area code may follow the country code: "+63 (2) 8951 2803" */
        if (!used_paren && r->plus && r->ngroups == 1
            && paren_group(t, len, q, 0) > 0) {
            p = q;
            continue;
        }
        if (digit_at(t, len, q, &k) < 0)
            break;
        p = q;
    }
    return r->ngroups > 0 ? p : i;
}

/* Latin, Greek or Cyrillic letters: a number glued to them is an id, a
 * code or a unit ("AB12345678", "12345678kg"). Thai, Chinese and the like
 * write numbers right against words, so their letters do not count. */
static int
is_wordish(uint32_t c)
{
    int g;

    if (c == '_')
        return 1;
    if (c < 0x80)
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    g = mk__script_group(c);
    return g == MK_SC_LATIN || g == MK_SC_GREEK || g == MK_SC_CYRILLIC;
}

static int
is_currency(uint32_t c)
{
    switch (c) {
    case '$': case 0xA2: case 0xA3: case 0xA5: case 0x20A8: case 0x20A9: case 0x20AB:
    case 0x20AC: case 0x20AD: case 0x20AE: case 0x20B1: case 0x20B9: case 0x0E3F:
    case 0x17DB: case 0xFF04: case 0xFFE0: case 0xFFE1: case 0xFFE5: case 0xFFE6:
        return 1;
    default:
        return 0;
    }
}

/* Words that make the number beside them an amount, a share, a count or a
 * book, not a phone number. Latin ones are compared folded to lower case. */
static const char *const words_before[] = {
    "a$", "aud", "bnd", "cny", "doi", "eur", "gbp", "hk$", "idr", "inr", "isbn", "isbn-10",
    "isbn-13", "isbn10", "isbn13", "issn", "jpy", "khr", "krw", "lak", "mmk", "myr", "nt$",
    "php", "rm", "rmb", "rp", "rs", "s$", "sgd", "thb", "us$", "usd", "vnd",
    "人民币", "人民幣", "美元", "港元", "港币", "港幣", NULL
};
static const char *const words_after[] = {
    "baht", "billion", "bln", "bn", "cases", "crore", "dollar", "dollars", "dong", "euro",
    "euros", "eur", "hectares", "juta", "katao", "kg", "kip", "km", "kyat", "kyats", "lakh",
    "miliar", "million", "milyon", "mln", "mn", "ngàn", "nghìn", "người", "orang", "pct",
    "people", "per", "peratus", "percent", "persen", "peso", "pesos", "piso", "porsiyento",
    "pounds", "rmb", "ribu", "riel", "riels", "ringgit", "rupees", "rupiah", "tonnes", "tons",
    "trillion", "triệu", "tỉ", "tỷ", "usd", "vnd", "won", "yen", "yuan", "đ", "đồng", NULL
};
/* Written against the number in scripts without spaces: prefixes. */
static const char *const prefixes_after[] = {
    "บาท", "ล้าน", "พัน", "หมื่น", "แสน", "คน", "เปอร์เซ็นต์", "ກີບ", "ລ້ານ", "ຄົນ",
    "ເປີເຊັນ", "រៀល", "ដុល្លារ", "លាន", "នាក់", "ភាគរយ", "ကျပ်", "သိန်း", "သန်း",
    "ဒေါ်လာ", "ရာခိုင်နှုန်း", "人民币", "美元", NULL
};

/* CJK units and calendar words: "2024年", "1250000元", "12345678号". */
static int
is_cjk_unit(uint32_t c)
{
    static const uint32_t units[] = {
        0x4E07, 0x4E2A, 0x4EBA, 0x4EBF, 0x4EF6, 0x4F4D, 0x500B, 0x5006, 0x5104, 0x5186,
        0x5143, 0x5343, 0x540D, 0x53F0, 0x53F7, 0x5428, 0x5757, 0x5836, 0x6237, 0x6236,
        0x65E5, 0x6642, 0x65F6, 0x6708, 0x6B21, 0x767E, 0x7C73, 0x7F8E, 0x842C, 0x865F,
        0x5E74, 0x5206, 0x79D2, 0x5678,
        0xB144, 0xC6D4, 0xC77C, 0xC6D0, 0xBA85, 0xB9CC, 0xC5B5
    };
    size_t i;

    for (i = 0; i < sizeof units / sizeof units[0]; i++)
        if (units[i] == c)
            return 1;
    return 0;
}

static int
in_list(const char *const *list, const char *w)
{
    for (; *list != NULL; list++)
        if (strcmp(*list, w) == 0)
            return 1;
    return 0;
}

/* Appends C folded to lower case to BUF (CAP bytes); 0 when full. */
static int
fold_add(char *buf, size_t *n, size_t cap, uint32_t c)
{
    char tmp[4];
    size_t k = mk__utf8_encode((uint32_t)utf8proc_tolower((utf8proc_int32_t)c), tmp);

    if (*n + k >= cap)
        return 0;
    memcpy(buf + *n, tmp, k);
    *n += k;
    buf[*n] = '\0';
    return 1;
}

/* The word that ends at T[I], after at most one space and a ":" or ".":
 * "US$ ", "Rp. ", "ISBN-13: ". Folded into BUF; "" if none. */
static void
word_before(const char *t, size_t i, char *buf, size_t cap)
{
    size_t j = i, k, start, n = 0;
    uint32_t c;

    buf[0] = '\0';
    if (is_space(cp_before(t, j, &k)))
        j -= k;
    c = cp_before(t, j, &k);
    if (c == ':' || c == '.')
        j -= k;
    start = j;
    while (start > 0 && j - start < 24) {
        c = cp_before(t, start, &k);
        if (!(is_wordish(c) || (c >= '0' && c <= '9') || c == '$' || c == '-'))
            break;
        start -= k;
    }
    for (; start < j; start += k)
        if (!fold_add(buf, &n, cap, cp_at(t, j, start, &k)))
            return;
}

/* Does the text before T[START] make a number there something else? */
static int
left_rejects(const char *t, size_t start)
{
    char w[64];
    size_t k, k2, j;
    uint32_t c = cp_before(t, start, &k), c2;

    if (c == 0)
        return 0;
    if (is_wordish(c) || digit_value(c) >= 0 || is_currency(c))
        return 1;
    /* part of a longer number: "3,1234567", "10:1234567", "12-1234567" */
    c2 = cp_before(t, start - k, &k2);
    if ((c == '.' || c == ',' || c == ':' || c == '-' || c == '/' || c == '+')
        && digit_value(c2) >= 0)
        return 1;
    if (is_space(c) && is_currency(c2))
        return 1;
    word_before(t, start, w, sizeof w);
    if (w[0] != '\0' && in_list(words_before, w))
        return 1;
    /* Chinese amounts: "人民币 1250000" */
    j = is_space(c) ? start - k : start;
    for (k = 0; words_before[k] != NULL; k++) {
        size_t wl = strlen(words_before[k]);
        if ((unsigned char)words_before[k][0] >= 0x80 && j >= wl
            && memcmp(t + j - wl, words_before[k], wl) == 0)
            return 1;
    }
    return 0;
}

/* Does the text from T[END] make the number before it something else? */
static int
right_rejects(const char *t, size_t len, size_t end)
{
    char w[64];
    size_t k, k2, j, n = 0, i;
    uint32_t c = cp_at(t, len, end, &k), c2;

    if (end >= len)
        return 0;
    if (is_wordish(c) || digit_value(c) >= 0 || is_currency(c) || is_cjk_unit(c))
        return 1;
    if (c == '%' || c == 0xFF05 || c == 0x2030 || c == 0x066A)
        return 1;
    /* more number follows: "1234567.5", "1234567,89", a time "10:30" */
    c2 = cp_at(t, len, end + k, &k2);
    if ((c == '.' || c == ',' || c == ':' || c == '-' || c == '/') && digit_value(c2) >= 0)
        return 1;
    j = end;
    if (is_space(c)) {
        j += k;
        c = c2;
        if (is_currency(c) || is_cjk_unit(c) || c == '%')
            return 1;
    }
    for (i = j; i < len && n < 40; i += k) {
        c = cp_at(t, len, i, &k);
        if (!is_wordish(c) || !fold_add(w, &n, sizeof w, c))
            break;
    }
    if (n > 0 && in_list(words_after, w))
        return 1;
    for (i = 0; prefixes_after[i] != NULL; i++) {
        size_t pl = strlen(prefixes_after[i]);
        if (len - j >= pl && memcmp(t + j, prefixes_after[i], pl) == 0)
            return 1;
    }
    return 0;
}

static int
is_year_value(unsigned v)
{
    return (v >= 1800 && v <= 2100) || (v >= 2300 && v <= 2700);   /* and Buddhist era */
}

static int
is_year(const struct group *g)
{
    return g->len == 4 && is_year_value(g->value);
}

static int
is_month_day(const struct group *m, const struct group *d)
{
    return m->len <= 2 && d->len <= 2 && m->value >= 1 && m->value <= 12
           && d->value >= 1 && d->value <= 31;
}

/* Is the digit string D[0..N) a valid ISBN-13? (ISBN-10 check digits
 * match one number in 11, Thai phone numbers among them: those need the
 * word "ISBN" before them.) */
static int
is_isbn13(const char *d, size_t n)
{
    size_t i;
    unsigned sum = 0;

    if (n != 13 || d[0] != '9' || d[1] != '7' || (d[2] != '8' && d[2] != '9'))
        return 0;
    for (i = 0; i < 13; i++)
        sum += (unsigned)(d[i] - '0') * (i % 2 ? 3 : 1);
    return sum % 10 == 0;
}

/* Judges groups G0..G1 of run R as one number; fills C when it is a
 * candidate. Returns 1 or 0. */
static int
judge(const char *t, size_t len, const struct run *r, size_t g0, size_t g1, mk_phone_cand *c)
{
    const struct group *g = r->g + g0;
    size_t ng = g1 - g0, n = 0, i, start, end, ones = 0;
    int plus = g0 == 0 && r->plus, paren = 0, same_sep = 1;
    char d[RUN_DIGITS + 1], sep;

    start = g0 == 0 ? r->start : g[0].start;
    end = g[ng - 1].end;
    /* "02-141-8887-8", "02-142 2555-60": the last digits may also be 8, or
     * run to 60; the number is the first one (the span keeps the rest) */
    for (i = 0; i < ng; i++)
        n += g[i].len;
    if (ng >= 2 && g[ng - 1].len <= 2 && (g[ng - 1].sep == '-' || g[ng - 1].sep == '/')
        && g[ng - 2].len >= 3 && n - g[ng - 1].len >= MIN_DIGITS) {
        n = 0;
        /* but "978-0-306-40615-7" is a book */
        for (i = 0; i < ng; i++) {
            memcpy(d + n, r->digits + g[i].off, g[i].len);
            n += g[i].len;
        }
        if (!plus && is_isbn13(d, n))
            return 0;
        ng--;
    }
    n = 0;
    sep = ng > 1 ? g[1].sep : 0;
    for (i = 0; i < ng; i++) {
        memcpy(d + n, r->digits + g[i].off, g[i].len);
        n += g[i].len;
        paren |= g[i].paren;
        if (i > 0 && g[i].sep != sep)
            same_sep = 0;
        if (i > 0 && g[i].len == 1)
            ones++;
    }
    d[n] = '\0';
    if (n < MIN_DIGITS || n > MAX_DIGITS)
        return 0;

    /* years and dates: "2023-2024", "2024-08-21", "21.08.2024", "20240821" */
    if (ng >= 2 && ng <= 3 && (sep == '-' || sep == '~' || sep == '/' || sep == ' ')
        && same_sep) {
        for (i = 0; i < ng && is_year(&g[i]); i++)
            ;
        if (i == ng)
            return 0;
    }
    for (i = 0; i + 2 < ng; i++) {
        char s1 = g[i + 1].sep;
        if ((s1 == '-' || s1 == '~' || s1 == '.' || s1 == '/') && g[i + 2].sep == s1
            && ((is_year(&g[i]) && is_month_day(&g[i + 1], &g[i + 2]))
                || (is_year(&g[i + 2]) && (is_month_day(&g[i], &g[i + 1])
                                           || is_month_day(&g[i + 1], &g[i])))))
            return 0;
    }
    /* a year and a month begin it: "2018-10-3015" */
    if (ng >= 3 && is_year(&g[0]) && g[1].len <= 2 && g[1].value >= 1 && g[1].value <= 12
        && (g[1].sep == '-' || g[1].sep == '.' || g[1].sep == '/') && g[2].sep == g[1].sep)
        return 0;
    /* "20240821", and two years run together: "19071962" */
    if (ng == 1 && n == 8 && !plus) {
        struct group y = { 0, 0, 0, 4, 0, 0, 0 }, m = y, dd = y;
        unsigned y2 = (unsigned)((d[4] - '0') * 1000 + (d[5] - '0') * 100 + (d[6] - '0') * 10
                                 + d[7] - '0');
        y.value = (unsigned)((d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10
                             + d[3] - '0');
        m.len = dd.len = 2;
        m.value = (unsigned)((d[4] - '0') * 10 + d[5] - '0');
        dd.value = (unsigned)((d[6] - '0') * 10 + d[7] - '0');
        if (is_year(&y) && (is_month_day(&m, &dd)
                            || (is_year_value(y2) && y2 > y.value && y2 - y.value < 150)))
            return 0;
    }
    /* opening hours: "08.30-16.30" */
    if (ng == 4 && g[1].sep == '.' && g[3].sep == '.'
        && (g[2].sep == '-' || g[2].sep == '~' || g[2].sep == '/')
        && g[0].len <= 2 && g[0].value <= 24 && g[1].len == 2 && g[1].value <= 59
        && g[2].len <= 2 && g[2].value <= 24 && g[3].len == 2 && g[3].value <= 59)
        return 0;
    if (!plus && !paren && same_sep && d[0] != '0') {
        /* thousands: "1.250.000", "12 345 678" */
        if (ng >= 3 && g[0].len <= 3 && (sep == '.' || sep == ' ')) {
            for (i = 1; i < ng && g[i].len == 3; i++)
                ;
            if (i == ng)
                return 0;
        }
        /* decimals: "3.14159265" */
        if (ng == 2 && sep == '.' && g[0].len <= 3)
            return 0;
    }
    if (ng == 2 && sep == '.' && !plus
        && ((g[0].len == 1 && d[0] == '0') || g[1].len <= 2))
        return 0;                               /* "0.12345678", "1234567.89" */
    if (same_sep && sep == '.' && ng >= 3) {
        /* addresses and versions: "192.168.10.254", "10.0.19041.1" */
        if (ones > 0)
            return 0;
        if (ng == 4) {
            for (i = 0; i < 4 && g[i].len <= 3 && g[i].value <= 255; i++)
                ;
            if (i == 4)
                return 0;
        }
    }
    if (ones >= 2)                              /* "1 2 3 4567", a list */
        return 0;
    /* ranges: "1070 - 1074", "10.00 - 11.00", "1.025 - 1.029" */
    for (i = 1; i < ng && g[i].sep != '~'; i++)
        ;
    if (i < ng) {
        size_t j, before = 0, dots = 0;
        for (j = 0; j < ng; j++) {
            if (j < i)
                before += g[j].len;
            dots += g[j].sep == '.';
        }
        if (dots > 0 || before * 2 == n)
            return 0;
    }
    /* a decimal and more: "36.831 10" */
    if (!plus && !same_sep && d[0] != '0' && g[1].sep == '.' && g[0].len <= 3)
        return 0;
    /* decimals in a row, times: "12.50 13.00", "639.55 639.38", "10.00" */
    if (!plus && !(d[0] == '0' && ng >= 3))
        for (i = 1; i < ng; i++)
            if (g[i].sep == '.' && g[i].len <= 2)
                return 0;
    /* a table of small numbers: golf scores "69 71 71 73", "71 73 72 69 286" */
    if (!plus && !paren && ng >= 4 && same_sep && sep == ' ' && d[0] != '0'
        && g[0].len >= 2) {
        for (i = 0; i < ng && g[i].len <= 3; i++)
            ;
        if (i == ng)
            return 0;
    }
    if (!plus && ng == 4 && n == 16 && g[0].len == 4 && g[1].len == 4 && g[2].len == 4)
        return 0;                               /* a card number */
    if (!plus && is_isbn13(d, n))
        return 0;
    /* the two sides of "0812345678/0898765432" border on each other */
    if ((g0 == 0 && left_rejects(t, start))
        || (g1 == r->ngroups && right_rejects(t, len, end)))
        return 0;

    c->start_b = start;
    c->end_b = end;
    memcpy(c->digits, d, n + 1);
    /* "00" then a country code (which never starts with 0) */
    c->intl = plus || (d[0] == '0' && d[1] == '0' && d[2] != '0');
    return 1;
}

static size_t
emit(const char *t, size_t len, const struct run *r, size_t g0, size_t g1,
     mk_phone_cand *out, size_t cap, size_t count)
{
    mk_phone_cand c;

    if (!judge(t, len, r, g0, g1, &c))
        return count;
    if (count < cap)
        out[count] = c;
    return count + 1;
}

size_t
mk__phone_find(const char *text, size_t len, mk_phone_cand *out, size_t cap)
{
    struct run r;
    size_t i = 0, k, count = 0;

    while (i < len) {
        /* most bytes of a text start no number: pass them quickly */
        unsigned char b = (unsigned char)text[i];
        if (b < 0x80 && !(b >= '0' && b <= '9') && b != '+' && b != '(') {
            i++;
            continue;
        }
        /* a three-byte letter of Thai, Lao, Khmer, Burmese or Chinese that
         * is no digit (Thai ๐-๙ E0 B9 90-99, Lao E0 BB 90-99, Burmese E1 81
         * 80-89, Khmer E1 9F A0-A9) */
        if (b >= 0xE0 && b <= 0xE9 && i + 3 <= len) {
            unsigned char b1 = (unsigned char)text[i + 1], b2 = (unsigned char)text[i + 2];
            int digit = (b == 0xE0 && (b1 == 0xB9 || b1 == 0xBB) && b2 >= 0x90 && b2 <= 0x99) ||
                        (b == 0xE1 && b1 == 0x81 && b2 >= 0x80 && b2 <= 0x89) ||
                        (b == 0xE1 && b1 == 0x9F && b2 >= 0xA0 && b2 <= 0xA9) ||
                        (b == 0xE1 && b1 == 0x80 && b2 == 0x9D);   /* wa, read as 0 */
            if (!digit) {
                i += 3;
                continue;
            }
        }
        uint32_t c = cp_at(text, len, i, &k);
        size_t next, g, slash = 0, nslash = 0, left = 0, right;
        size_t kd;

        if (!(digit_at(text, len, i, &kd) >= 0
              || (is_plus(c) && digit_at(text, len, i + k, &kd) >= 0)
              || paren_group(text, len, i, 1) > 0)) {
            i += k;
            continue;
        }
        next = scan_run(text, len, i, &r);
        if (r.ngroups == 0) {
            i += k;
            continue;
        }
        i = next;
        /* a run too long to be one number is no number at all */
        if (r.ngroups > RUN_GROUPS || r.ndigits > RUN_DIGITS)
            continue;
        for (g = 1; g < r.ngroups; g++)
            if (r.g[g].sep == '/') {
                slash = g;
                nslash++;
            }
        if (nslash > 1)                         /* "21/08/2024" */
            continue;
        if (nslash == 0) {
            count = emit(text, len, &r, 0, r.ngroups, out, cap, count);
            continue;
        }
        /* one slash: an area code ("02/8951 2803"), other last digits
         * ("4567/8"), or two numbers */
        for (g = 0; g < slash; g++)
            left += r.g[g].len;
        right = r.ndigits - left;
        if ((right > 4 && left + right <= MAX_DIGITS && left < MIN_DIGITS)
            || (right <= 2 && slash == r.ngroups - 1)) {
            count = emit(text, len, &r, 0, r.ngroups, out, cap, count);
        } else {
            count = emit(text, len, &r, 0, slash, out, cap, count);
            if (right >= MIN_DIGITS)
                count = emit(text, len, &r, slash, r.ngroups, out, cap, count);
        }
    }
    return count;
}

/* ------------------------------------------------------------------ */
/* Region hints                                                        */

struct hint {
    const char *word;
    const char *region;
};

/* Apps, countries and major cities, in English and in the languages of
 * the region (Thai, Lao, Khmer, Burmese, Vietnamese, Indonesian, Malay,
 * Filipino, Chinese, Korean), folded to lower case and sorted by strcmp
 * for mk__bsearch_str. Names of two words are there whole ("hong kong")
 * and, where one word is telling, by that word ("phnom", "lumpur"). Words
 * that are also common words (Vietnamese Anh, Nhật, Thái; mỹ in mỹ phẩm;
 * Indonesian medan) are left out, or kept case-sensitive below. */
static const struct hint hints[] = {
    { "america", "US" }, { "amerika", "US" }, { "amerika serikat", "US" },
    { "amerika syarikat", "US" }, { "australia", "AU" }, { "bali", "ID" },
    { "bandar seri begawan", "BN" }, { "bandung", "ID" }, { "bangalore", "IN" },
    { "bangkok", "TH" }, { "battambang", "KH" }, { "begawan", "BN" }, { "beijing", "CN" },
    { "bengaluru", "IN" }, { "brisbane", "AU" }, { "britain", "GB" }, { "brunei", "BN" },
    { "brunei darussalam", "BN" }, { "burma", "MM" }, { "busan", "KR" },
    { "băng cốc", "TH" }, { "bắc kinh", "CN" }, { "cambodia", "KH" }, { "campuchia", "KH" },
    { "canberra", "AU" }, { "canton", "CN" }, { "cebu", "PH" }, { "chengdu", "CN" },
    { "chennai", "IN" }, { "chiang mai", "TH" }, { "chiang rai", "TH" },
    { "chiangmai", "TH" }, { "chicago", "US" }, { "china", "CN" }, { "chongqing", "CN" },
    { "cina", "CN" }, { "côn minh", "CN" }, { "da nang", "VN" }, { "danang", "VN" },
    { "davao", "PH" }, { "delhi", "IN" }, { "denpasar", "ID" }, { "dili", "TL" },
    { "east timor", "TL" }, { "england", "GB" }, { "estados unidos", "US" },
    { "filipina", "PH" }, { "great britain", "GB" }, { "guangxi", "CN" },
    { "guangzhou", "CN" }, { "ha noi", "VN" }, { "hai phong", "VN" }, { "hangzhou", "CN" },
    { "hanoi", "VN" }, { "hapon", "JP" }, { "hcmc", "VN" }, { "ho chi minh", "VN" },
    { "hoa kỳ", "US" }, { "hong kong", "HK" }, { "hongkong", "HK" }, { "hyderabad", "IN" },
    { "hà nội", "VN" }, { "hàn quốc", "KR" }, { "hải phòng", "VN" },
    { "hồ chí minh", "VN" }, { "hồng kông", "HK" }, { "in-đô-nê-xi-a", "ID" },
    { "incheon", "KR" }, { "india", "IN" }, { "indonesia", "ID" }, { "inggris", "GB" },
    { "inglatera", "GB" }, { "jakarta", "ID" }, { "japan", "JP" }, { "jepang", "JP" },
    { "jepun", "JP" }, { "johor", "MY" }, { "johor bahru", "MY" }, { "kakao", "KR" },
    { "kakaotalk", "KR" }, { "kambodya", "KH" }, { "kamboja", "KH" }, { "kampuchea", "KH" },
    { "kaohsiung", "TW" }, { "kelantan", "MY" }, { "kemboja", "KH" }, { "khon kaen", "TH" },
    { "kinabalu", "MY" }, { "kolkata", "IN" }, { "korea", "KR" }, { "korea selatan", "KR" },
    { "kota kinabalu", "MY" }, { "kowloon", "HK" }, { "kuala lumpur", "MY" },
    { "kuching", "MY" }, { "kunming", "CN" }, { "kyoto", "JP" }, { "lao", "LA" },
    { "laos", "LA" }, { "london", "GB" }, { "los angeles", "US" },
    { "luang prabang", "LA" }, { "luangprabang", "LA" }, { "lumpur", "MY" },
    { "luân đôn", "GB" }, { "lào", "LA" }, { "makassar", "ID" }, { "makati", "PH" },
    { "malaysia", "MY" }, { "mandalay", "MM" }, { "manila", "PH" }, { "maynila", "PH" },
    { "melbourne", "AU" }, { "miến điện", "MM" }, { "mumbai", "IN" }, { "myanmar", "MM" },
    { "mã lai", "MY" }, { "nam ninh", "CN" }, { "nanning", "CN" }, { "nay pyi taw", "MM" },
    { "naypyidaw", "MM" }, { "naypyitaw", "MM" }, { "new delhi", "IN" },
    { "new york", "US" }, { "nhật bản", "JP" }, { "osaka", "JP" }, { "pakse", "LA" },
    { "pattaya", "TH" }, { "peking", "CN" }, { "penang", "MY" }, { "penh", "KH" },
    { "perth", "AU" }, { "phi-líp-pin", "PH" }, { "philippin", "PH" },
    { "philippine", "PH" }, { "philippines", "PH" }, { "phnom", "KH" },
    { "phnom penh", "KH" }, { "phnom pênh", "KH" }, { "phnôm pênh", "KH" },
    { "phuket", "TH" }, { "pilipinas", "PH" }, { "prabang", "LA" }, { "prc", "CN" },
    { "pulau pinang", "MY" }, { "putrajaya", "MY" }, { "quezon city", "PH" },
    { "quảng châu", "CN" }, { "quảng tây", "CN" }, { "rangoon", "MM" }, { "sabah", "MY" },
    { "saigon", "VN" }, { "san francisco", "US" }, { "sarawak", "MY" },
    { "savannakhet", "LA" }, { "scotland", "GB" }, { "selangor", "MY" },
    { "semarang", "ID" }, { "seoul", "KR" }, { "shanghai", "CN" }, { "shenzhen", "CN" },
    { "siem reap", "KH" }, { "sihanoukville", "KH" }, { "singapore", "SG" },
    { "singapura", "SG" }, { "south korea", "KR" }, { "surabaya", "ID" },
    { "sydney", "AU" }, { "sài gòn", "VN" }, { "taichung", "TW" }, { "taipei", "TW" },
    { "taiwan", "TW" }, { "taylandiya", "TH" }, { "thailand", "TH" },
    { "thailandia", "TH" }, { "thái lan", "TH" }, { "thượng hải", "CN" },
    { "tianjin", "CN" }, { "timor", "TL" }, { "timor leste", "TL" },
    { "timor-leste", "TL" }, { "tiongkok", "CN" }, { "tokyo", "JP" }, { "tp.hcm", "VN" },
    { "tphcm", "VN" }, { "trung quốc", "CN" }, { "tsina", "CN" }, { "u.s.a.", "US" },
    { "uk", "GB" }, { "united kingdom", "GB" }, { "united states", "US" }, { "usa", "US" },
    { "vientiane", "LA" }, { "viet", "VN" }, { "viet nam", "VN" }, { "vietnam", "VN" },
    { "viêng chăn", "LA" }, { "việt", "VN" }, { "việt nam", "VN" }, { "vân nam", "CN" },
    { "vương quốc anh", "GB" }, { "wales", "GB" }, { "washington", "US" },
    { "wechat", "CN" }, { "weixin", "CN" }, { "wuhan", "CN" }, { "xiamen", "CN" },
    { "xin-ga-po", "SG" }, { "yangon", "MM" }, { "yogyakarta", "ID" }, { "yokohama", "JP" },
    { "yunnan", "CN" }, { "zalo", "VN" }, { "úc", "AU" }, { "đà nẵng", "VN" },
    { "đài bắc", "TW" }, { "đài loan", "TW" }, { "đông timor", "TL" }, { "भारत", "IN" },
    { "กรุงเทพ", "TH" }, { "กรุงเทพมหานคร", "TH" }, { "กรุงเทพฯ", "TH" }, { "กัมพูชา", "KH" },
    { "กัวลาลัมเปอร์", "MY" }, { "ขอนแก่น", "TH" }, { "คุนหมิง", "CN" }, { "จาการ์ตา", "ID" },
    { "จีน", "CN" }, { "ซิดนีย์", "AU" }, { "ญี่ปุ่น", "JP" }, { "ติมอร์-เลสเต", "TL" },
    { "ติมอร์ตะวันออก", "TL" }, { "บรูไน", "BN" }, { "ประเทศไทย", "TH" }, { "ปักกิ่ง", "CN" },
    { "พนมเปญ", "KH" }, { "พม่า", "MM" }, { "พัทยา", "TH" }, { "ฟิลิปปินส์", "PH" },
    { "ภูเก็ต", "TH" }, { "มะนิลา", "PH" }, { "มาเลเซีย", "MY" }, { "ย่างกุ้ง", "MM" },
    { "ลอนดอน", "GB" }, { "ลาว", "LA" }, { "สหรัฐ", "US" }, { "สหรัฐอเมริกา", "US" },
    { "สหรัฐฯ", "US" }, { "สหราชอาณาจักร", "GB" }, { "สิงคโปร์", "SG" }, { "หลวงพระบาง", "LA" },
    { "ออสเตรเลีย", "AU" }, { "อังกฤษ", "GB" }, { "อินเดีย", "IN" }, { "อินโดนีเซีย", "ID" },
    { "อเมริกา", "US" }, { "ฮานอย", "VN" }, { "ฮ่องกง", "HK" }, { "เกาหลี", "KR" },
    { "เกาหลีใต้", "KR" }, { "เขมร", "KH" }, { "เชียงราย", "TH" }, { "เชียงใหม่", "TH" },
    { "เซี่ยงไฮ้", "CN" }, { "เมียนมา", "MM" }, { "เมียนมาร์", "MM" }, { "เวียงจันทน์", "LA" },
    { "เวียดนาม", "VN" }, { "โซล", "KR" }, { "โตเกียว", "JP" }, { "โฮจิมินห์", "VN" },
    { "ไต้หวัน", "TW" }, { "ไทย", "TH" }, { "ไทเป", "TW" }, { "ກຳປູເຈຍ", "KH" },
    { "ຄຸນໝິງ", "CN" }, { "ຈີນ", "CN" }, { "ຍີ່ປຸ່ນ", "JP" }, { "ຕີມໍ-ເລສເຕ", "TL" },
    { "ນະຄອນຫຼວງວຽງຈັນ", "LA" }, { "ບຣູໄນ", "BN" }, { "ບາງກອກ", "TH" }, { "ປັກກິ່ງ", "CN" },
    { "ປາກເຊ", "LA" }, { "ພະນົມເປັນ", "KH" }, { "ຟິລິບປິນ", "PH" }, { "ມາເລເຊຍ", "MY" },
    { "ມຽນມາ", "MM" }, { "ລາວ", "LA" }, { "ວຽງຈັນ", "LA" }, { "ສະຫວັນນະເຂດ", "LA" },
    { "ສະຫະລັດ", "US" }, { "ສິງກະໂປ", "SG" }, { "ຫວຽດນາມ", "VN" }, { "ຫຼວງພະບາງ", "LA" },
    { "ອັງກິດ", "GB" }, { "ອາເມລິກາ", "US" }, { "ອິນເດຍ", "IN" }, { "ອິນໂດເນເຊຍ", "ID" },
    { "ອົດສະຕຣາລີ", "AU" }, { "ຮົງກົງ", "HK" }, { "ຮ່າໂນ້ຍ", "VN" }, { "ເກົາຫຼີ", "KR" },
    { "ເກົາຫຼີໃຕ້", "KR" }, { "ໄຕ້ຫວັນ", "TW" }, { "ໄທ", "TH" }, { "ကမ္ဘောဒီးယား", "KH" },
    { "ကိုရီးယား", "KR" }, { "ကူမင်း", "CN" }, { "ဂျပန်", "JP" }, { "စင်ကာပူ", "SG" }, { "ဆိုးလ်", "KR" },
    { "တရုတ်", "CN" }, { "တိုကျို", "JP" }, { "တောင်ကိုရီးယား", "KR" }, { "ထိုင်ဝမ်", "TW" }, { "ထိုင်း", "TH" },
    { "နေပြည်တော်", "MM" }, { "ပေကျင်း", "CN" }, { "ဖိလစ်ပိုင်", "PH" }, { "ဗီယက်နမ်", "VN" },
    { "ဗြိတိန်", "GB" }, { "ဘန်ကောက်", "TH" }, { "ဘရူနိုင်း", "BN" }, { "မန္တလေး", "MM" }, { "မလေးရှား", "MY" },
    { "မြန်မာ", "MM" }, { "မြန်မာနိုင်ငံ", "MM" }, { "ရန်ကုန်", "MM" }, { "လာအို", "LA" }, { "ဟောင်ကောင်", "HK" },
    { "အင်ဒိုနီးရှား", "ID" }, { "အင်္ဂလန်", "GB" }, { "အမေရိကန်", "US" }, { "အရှေ့တီမော", "TL" },
    { "အိန္ဒိယ", "IN" }, { "ဩစတြေးလျ", "AU" }, { "កម្ពុជា", "KH" }, { "កូរ៉េ", "KR" },
    { "កូរ៉េខាងត្បូង", "KR" }, { "ក្រចេះ", "KH" }, { "គុនមីង", "CN" }, { "ចក្រភពអង់គ្លេស", "GB" },
    { "ចិន", "CN" }, { "ជប៉ុន", "JP" }, { "តូក្យូ", "JP" }, { "តៃវ៉ាន់", "TW" }, { "ថៃ", "TH" },
    { "ទីម័រ", "TL" }, { "ទីម័រខាងកើត", "TL" }, { "បាងកក", "TH" }, { "បាត់ដំបង", "KH" },
    { "ប៉េកាំង", "CN" }, { "ប្រ៊ុយណេ", "BN" }, { "ព្រះសីហនុ", "KH" }, { "ភូមា", "MM" }, { "ភ្នំពេញ", "KH" },
    { "មីយ៉ាន់ម៉ា", "MM" }, { "ម៉ាឡេស៊ី", "MY" }, { "វៀងចន្ទន៍", "LA" }, { "វៀតណាម", "VN" },
    { "សហរដ្ឋអាមេរិក", "US" }, { "សិង្ហបុរី", "SG" }, { "សៀមរាប", "KH" }, { "សេអ៊ូល", "KR" },
    { "ហាណូយ", "VN" }, { "ហុងកុង", "HK" }, { "ហ្វីលីពីន", "PH" }, { "ឡាវ", "LA" }, { "អង់គ្លេស", "GB" },
    { "អាមេរិក", "US" }, { "អូស្ត្រាលី", "AU" }, { "ឥណ្ឌា", "IN" }, { "ឥណ្ឌូនេស៊ី", "ID" },
    { "ấn độ", "IN" }, { "タイ", "TH" }, { "万象", "LA" }, { "上海", "CN" },
    { "东京", "JP" }, { "东帝汶", "TL" }, { "中国", "CN" }, { "中國", "CN" },
    { "九龍", "HK" }, { "九龙", "HK" }, { "云南", "CN" }, { "仰光", "MM" },
    { "伦敦", "GB" }, { "倫敦", "GB" }, { "北京", "CN" }, { "华盛顿", "US" },
    { "南宁", "CN" }, { "南寧", "CN" }, { "印尼", "ID" }, { "印度", "IN" },
    { "印度尼西亚", "ID" }, { "印度尼西亞", "ID" }, { "台中", "TW" }, { "台北", "TW" },
    { "台湾", "TW" }, { "台灣", "TW" }, { "吉隆坡", "MY" }, { "墨尔本", "AU" },
    { "大阪", "JP" }, { "寮國", "LA" }, { "帝力", "TL" }, { "广州", "CN" },
    { "广西", "CN" }, { "廣州", "CN" }, { "廣西", "CN" }, { "微信", "CN" },
    { "悉尼", "AU" }, { "成都", "CN" }, { "文莱", "BN" }, { "新加坡", "SG" },
    { "新德里", "IN" }, { "日本", "JP" }, { "昆明", "CN" }, { "曼谷", "TH" },
    { "東京", "JP" }, { "東帝汶", "TL" }, { "柬埔寨", "KH" }, { "槟城", "MY" },
    { "檳城", "MY" }, { "武汉", "CN" }, { "武漢", "CN" }, { "汶莱", "BN" },
    { "汶萊", "BN" }, { "河內", "VN" }, { "河内", "VN" }, { "泰国", "TH" },
    { "泰國", "TH" }, { "深圳", "CN" }, { "澳大利亚", "AU" }, { "澳大利亞", "AU" },
    { "澳洲", "AU" }, { "琅勃拉邦", "LA" }, { "紐約", "US" }, { "緬甸", "MM" },
    { "纽约", "US" }, { "缅甸", "MM" }, { "美国", "US" }, { "美國", "US" },
    { "老挝", "LA" }, { "老撾", "LA" }, { "胡志明市", "VN" }, { "臺北", "TW" },
    { "臺灣", "TW" }, { "英国", "GB" }, { "英國", "GB" }, { "華盛頓", "US" },
    { "菲律宾", "PH" }, { "菲律賓", "PH" }, { "萬象", "LA" }, { "越南", "VN" },
    { "重庆", "CN" }, { "重慶", "CN" }, { "金边", "KH" }, { "金邊", "KH" },
    { "雅加达", "ID" }, { "雅加達", "ID" }, { "雲南", "CN" }, { "韓國", "KR" },
    { "韩国", "KR" }, { "首尔", "KR" }, { "首爾", "KR" }, { "香港", "HK" },
    { "馬來西亞", "MY" }, { "馬尼拉", "PH" }, { "马尼拉", "PH" }, { "马来西亚", "MY" },
    { "高雄", "TW" }, { "대만", "TW" }, { "대한민국", "KR" }, { "도쿄", "JP" },
    { "동티모르", "TL" }, { "라오스", "LA" }, { "말레이시아", "MY" }, { "미국", "US" },
    { "미얀마", "MM" }, { "베이징", "CN" }, { "베트남", "VN" }, { "부산", "KR" },
    { "브루나이", "BN" }, { "서울", "KR" }, { "싱가포르", "SG" }, { "영국", "GB" },
    { "인도", "IN" }, { "인도네시아", "ID" }, { "일본", "JP" }, { "중국", "CN" },
    { "카카오톡", "KR" }, { "캄보디아", "KH" }, { "타이베이", "TW" }, { "태국", "TH" },
    { "필리핀", "PH" }, { "한국", "KR" }, { "호주", "AU" }, { "홍콩", "HK" },
};

/* Matched as written: "LINE" the app, not a line; "US", not us. */
static const struct hint hints_exact[] = {
    { "LINE", "TH" },
    { "Mỹ", "US" },
    { "U.S.", "US" },
    { "US", "US" },
};

const char *
mk__phone_hint(const char *word, size_t len)
{
    char buf[96];
    size_t i, k, n = 0;
    long at;

    if (word == NULL || len == 0 || len >= sizeof buf || mk_utf8_valid_prefix(word, len) != len)
        return NULL;
    at = mk__bsearch_str(hints_exact, sizeof hints_exact / sizeof hints_exact[0],
                         sizeof hints_exact[0], word, len);
    if (at >= 0)
        return hints_exact[at].region;
    buf[0] = '\0';
    for (i = 0; i < len; i += k)
        if (!fold_add(buf, &n, sizeof buf, cp_at(word, len, i, &k)))
            return NULL;
    at = mk__bsearch_str(hints, sizeof hints / sizeof hints[0], sizeof hints[0], buf, n);
    return at >= 0 ? hints[at].region : NULL;
}

const char *
mk__phone_hint_prefix(const char *s, size_t len, size_t *n)
{
    size_t lo = 0, hi = sizeof hints / sizeof hints[0], k;
    const char *best = NULL;

    *n = 0;
    if (len == 0 || (unsigned char)s[0] < 0x80)
        return NULL;
    k = mk__utf8_seq((const unsigned char *)s, len, &k);
    if (k == 0)
        return NULL;
    /* the first name not below the first character; names are sorted by
     * bytes, so those that start with it follow one another */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strncmp(hints[mid].word, s, k) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < sizeof hints / sizeof hints[0] && strncmp(hints[lo].word, s, k) == 0; lo++) {
        size_t wl = strlen(hints[lo].word);
        if (wl <= len && wl > *n && memcmp(hints[lo].word, s, wl) == 0) {
            *n = wl;
            best = hints[lo].region;
        }
    }
    return best;
}

const char *
mk__phone_lang_region(const char *lang)
{
    static const struct hint langs[] = {   /* sorted */
        { "fil", "PH" }, { "id", "ID" }, { "ja", "JP" }, { "km", "KH" }, { "ko", "KR" },
        { "lo", "LA" }, { "ms", "MY" }, { "my", "MM" }, { "th", "TH" }, { "tl", "PH" },
        { "vi", "VN" }, { "zh", "CN" }
    };
    char base[4];
    size_t n = 0, i, sub;
    long at;

    if (lang == NULL)
        return NULL;
    while (lang[n] != '\0' && lang[n] != '-' && lang[n] != '_')
        n++;
    if (n == 0 || n > 3)
        return NULL;
    for (i = 0; i < n; i++)
        base[i] = (char)(lang[i] >= 'A' && lang[i] <= 'Z' ? lang[i] + 32 : lang[i]);
    /* a region subtag says it outright: "zh-TW", "zh-Hant-HK", "ms_SG" */
    for (sub = n; lang[sub] == '-' || lang[sub] == '_'; ) {
        size_t j = sub + 1, m = 0;
        while (lang[j + m] != '\0' && lang[j + m] != '-' && lang[j + m] != '_')
            m++;
        if (m == 2) {
            char id[2] = { (char)(lang[j] & ~0x20), (char)(lang[j + 1] & ~0x20) };
            long r = plan_region(id, 2);
            if (r >= 0)
                return plan_str((size_t)r, S_ID);
        }
        if (m == 4 && n == 2 && base[0] == 'z' && base[1] == 'h'
            && (lang[j + 3] == 't' || lang[j + 3] == 'T'))
            return "TW";                        /* zh-Hant: Taiwan before Hong Kong */
        sub = j + m;
    }
    at = mk__bsearch_str(langs, sizeof langs / sizeof langs[0], sizeof langs[0], base, n);
    return at >= 0 ? langs[at].region : NULL;
}
