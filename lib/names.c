/*
 * names.c - people and institutions by rule: a title or honorific before
 * a name (corpora/titles.txt: "Mr", "Deputy Minister", "Datuk", "นาย",
 * "ທ່ານ", "លោក", "ဦး"), a run of capitalized words holding an institution's
 * head word (corpora/org-heads.txt: "Ministry", "University", "Kementerian",
 * "Bộ"), an acronym defined in brackets after a name ("... Alliance
 * (LMVEA)") and its later uses, and the short mentions of a person named
 * in full before ("Zhou" after "Zhou Hanlin"). The learned tagger adds to
 * these; the rules are what a language without a model gets.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "extract.h"
#include "internal.h"

extern const char *const mk__titles[];
extern const size_t mk__ntitles;
extern const char *const mk__titles_after[];
extern const size_t mk__ntitles_after;
extern const char *const mk__not_titles[];
extern const size_t mk__nnot_titles;
extern const char *const mk__company_words[];
extern const size_t mk__ncompany_words;
extern const char *const mk__org_heads[];
extern const char *const mk__known_orgs[];
extern const size_t mk__nknown_orgs;
extern const size_t mk__norg_heads;
extern const char *const mk__vi_words[];
extern const size_t mk__nvi_words;

/* A word of the paragraph. */
typedef struct word {
    size_t sb, eb;        /* bytes */
    unsigned char cap;    /* starts with a capital letter */
    unsigned char caps;   /* two letters or more, all capitals */
    unsigned char latin;  /* Latin script */
    unsigned char space;  /* a space (and nothing else) follows */
    unsigned char punct;  /* the punctuation character that follows, or 0 */
} word;

enum { MAX_WORDS = 4096, NAME_MAX_WORDS = 5, TITLE_MAX_WORDS = 4 };

static int
is_letter_cat(utf8proc_category_t c)
{
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL || c == UTF8PROC_CATEGORY_LT ||
           c == UTF8PROC_CATEGORY_LM || c == UTF8PROC_CATEGORY_LO || c == UTF8PROC_CATEGORY_MN ||
           c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ND;
}

/* The category of C, without a table lookup for ASCII letters and
 * digits, most of what split_words reads. */
static inline utf8proc_category_t
category(uint32_t c)
{
    if (c >= 'a' && c <= 'z')
        return UTF8PROC_CATEGORY_LL;
    if (c >= 'A' && c <= 'Z')
        return UTF8PROC_CATEGORY_LU;
    if (c >= '0' && c <= '9')
        return UTF8PROC_CATEGORY_ND;
    if (c == ' ')
        return UTF8PROC_CATEGORY_ZS;
    return utf8proc_category((utf8proc_int32_t)c);
}

/* Splits TEXT into words: runs of letters, marks and digits, with an
 * apostrophe or hyphen inside ("Lao-China", "Dato'"). */
static size_t
split_words(const char *t, size_t len, word *w, size_t cap)
{
    size_t i = 0, n = 0;

    while (i < len && n < cap) {
        size_t k;
        uint32_t c = mk__utf8_decode((const unsigned char *)t + i, len - i, &k);
        utf8proc_category_t cat = category(c);
        if (!is_letter_cat(cat)) {
            i += k;
            continue;
        }
        word x = { i, i, 0, 1, 0, 0, 0 };
        int letters = 0, upper = 0;
        x.cap = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
        x.latin = c < 0x0370 || (c >= 0x1E00 && c <= 0x1EFF);
        while (i < len) {
            c = mk__utf8_decode((const unsigned char *)t + i, len - i, &k);
            cat = category(c);
            if (is_letter_cat(cat)) {
                if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL) {
                    letters++;
                    upper += cat == UTF8PROC_CATEGORY_LU;
                }
                /* a script change ends a word: "至expo2024" */
                if ((c < 0x0370 || (c >= 0x1E00 && c <= 0x1EFF)) != x.latin &&
                    cat != UTF8PROC_CATEGORY_ND && cat != UTF8PROC_CATEGORY_MN)
                    break;
                i += k;
                continue;
            }
            if ((c == '\'' || c == '-' || c == 0x2019) && i + k < len) {
                size_t k2;
                uint32_t d = mk__utf8_decode((const unsigned char *)t + i + k, len - i - k, &k2);
                if (is_letter_cat(category(d))) {
                    i += k;
                    continue;
                }
                if (c == '\'' && x.latin) {   /* Dato' */
                    i += k;
                }
            }
            break;
        }
        x.eb = i;
        x.caps = letters >= 2 && upper == letters;
        x.space = i < len && t[i] == ' ' && (i + 1 >= len || t[i + 1] != ' ');
        x.punct = i < len && (unsigned char)t[i] < 0x80 && t[i] != ' ' ? (unsigned char)t[i] : 0;
        w[n++] = x;
    }
    return n;
}

/* Lower-cases S[0..N) into OUT (same byte length where the lower case has
 * it; ASCII, Latin-1 and Vietnamese letters). */
static size_t
lower(const char *s, size_t n, char *out, size_t cap)
{
    size_t i = 0, o = 0;

    while (i < n && o + 4 < cap) {
        size_t k;
        if ((unsigned char)s[i] < 0x80) {
            out[o++] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
            i++;
            continue;
        }
        uint32_t c = mk__utf8_decode((const unsigned char *)s + i, n - i, &k);
        uint32_t l = (uint32_t)utf8proc_tolower((utf8proc_int32_t)c);
        char enc[4];
        size_t el = mk__utf8_encode(l, enc);
        if (el == k) {
            memcpy(out + o, enc, el);
            o += el;
        } else {
            memcpy(out + o, s + i, k);
            o += k;
        }
        i += k;
    }
    out[o] = '\0';
    return o;
}

static int
in_list(const char *const *list, size_t n, const char *lang, const char *s, size_t len)
{
    char key[160];
    size_t ll = strlen(lang);

    if (ll + 1 + len >= sizeof key)
        return 0;
    memcpy(key, lang, ll);
    key[ll] = '\t';
    memcpy(key + ll + 1, s, len);
    return mk__bsearch_str(list, n, sizeof list[0], key, ll + 1 + len) >= 0;
}

static int latin_lang(const char *lang);

/* Is LOW[0..L), a word in lower case, a company word of LANG or of
 * English (corpora/company-words.txt)? */
static int
company_word(const char *low, size_t l, const char *lang)
{
    return in_list(mk__company_words, mk__ncompany_words, lang, low, l) ||
           in_list(mk__company_words, mk__ncompany_words, "en", low, l);
}

static size_t lower(const char *s, size_t n, char *out, size_t cap);

int
mk__names_is_title(const char *s, size_t n, const char *lang)
{
    char low[96];

    if (n + 5 >= sizeof low)
        return 0;
    n = lower(s, n, low, sizeof low);
    return in_list(mk__titles, mk__ntitles, lang, low, n);
}

/* The languages whose titles LANG's text takes, into LANGS (NULL for
 * none): its own, its neighbour's (Malay and Indonesian share many), and
 * English ones, which news in every Latin-script language uses. */
static void
title_langs(const char *lang, const char *langs[3])
{
    langs[0] = lang;
    langs[1] = strcmp(lang, "ms") == 0 ? "id" : strcmp(lang, "id") == 0 ? "ms" : NULL;
    langs[2] = latin_lang(lang) && strcmp(lang, "en") != 0 ? "en" : NULL;
}

/* Is the text of words W[I..I+N) (joined by single spaces) a title of
 * LANG? Titles are lower case in the list. */
static int
title_at(const char *t, const word *w, size_t nw, size_t i, size_t n, const char *lang)
{
    char buf[160], low[160];
    size_t o = 0;

    if (i + n > nw)
        return 0;
    for (size_t k = 0; k < n; k++) {
        size_t l = w[i + k].eb - w[i + k].sb;
        if (o + l + 2 >= sizeof buf)
            return 0;
        if (k > 0) {
            /* the words of a title follow one another with one space, or
             * a stop ("H.E.") */
            if (w[i + k - 1].eb + 1 != w[i + k].sb ||
                (t[w[i + k - 1].eb] != ' ' && t[w[i + k - 1].eb] != '.'))
                return 0;
            buf[o++] = t[w[i + k - 1].eb];
        }
        memcpy(buf + o, t + w[i + k].sb, l);
        o += l;
    }
    size_t lo = lower(buf, o, low, sizeof low);
    const char *langs[3];
    title_langs(lang, langs);
    for (int k = 0; k < 3; k++) {
        if (langs[k] == NULL)
            continue;
        if (in_list(mk__titles, mk__ntitles, langs[k], low, lo))
            return 1;
        /* "h.e." and "dr." are listed with their stops */
        if (w[i + n - 1].punct == '.' && lo + 1 < sizeof low) {
            low[lo] = '.';
            int hit = in_list(mk__titles, mk__ntitles, langs[k], low, lo + 1);
            low[lo] = '\0';
            if (hit)
                return 1;
        }
    }
    return 0;
}

/* Could a title start with the word X: is there a title of LANG, its
 * neighbour's or English that is X or starts with X and a space, stop or
 * hyphen? */
static int
title_start(const char *t, const word *x, const char *lang)
{
    char key[48];
    size_t l = x->eb - x->sb;
    const char *langs[3];

    title_langs(lang, langs);
    for (int k = 0; k < 3; k++) {
        if (langs[k] == NULL)
            continue;
        size_t ll = strlen(langs[k]);
        if (ll + 1 + l + 1 >= sizeof key)
            return 1;
        memcpy(key, langs[k], ll);
        key[ll] = '\t';
        size_t kl = ll + 1 + lower(t + x->sb, l, key + ll + 1, sizeof key - ll - 1);
        /* the first title not below the key */
        size_t lo = 0, hi = mk__ntitles;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strncmp(mk__titles[mid], key, kl) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (; lo < mk__ntitles && strncmp(mk__titles[lo], key, kl) == 0; lo++) {
            char c = mk__titles[lo][kl];
            if (c == '\0' || c == ' ' || c == '.' || c == '-')
                return 1;
        }
    }
    return 0;
}

static int
head_word(const char *t, const word *x, const char *lang)
{
    char low[96];
    size_t l = x->eb - x->sb;

    if (l >= sizeof low)
        return 0;
    l = lower(t + x->sb, l, low, sizeof low);
    return in_list(mk__org_heads, mk__norg_heads, lang, low, l) ||
           (strcmp(lang, "en") != 0 && in_list(mk__org_heads, mk__norg_heads, "en", low, l)) ||
           (strcmp(lang, "ms") == 0 && in_list(mk__org_heads, mk__norg_heads, "id", low, l)) ||
           (strcmp(lang, "id") == 0 && in_list(mk__org_heads, mk__norg_heads, "ms", low, l));
}

/* Small words that may stand inside a name or an institution's name. */
static int
connector(const char *t, const word *x, int org)
{
    static const char *const inst[] = { "of", "and", "for", "the", "de", "ng", "dan", "và",
                                        "du", "des", "la", "del", "y", "&", "at", "sa", "mga" };
    static const char *const pers[] = { "bin", "binti", "bt", "van", "de", "da", "dos", "al",
                                        "el", "von", "der", "la", "le", "dela", "del", "delos",
                                        "san", "y", "a/l", "a/p" };
    size_t l = x->eb - x->sb;
    const char *const *list = org ? inst : pers;
    size_t n = org ? sizeof inst / sizeof inst[0] : sizeof pers / sizeof pers[0];

    /* "at", "sa", "mga" join Filipino names only */
    if (org && org != 2)
        n -= 3;

    for (size_t k = 0; k < n; k++)
        if (strlen(list[k]) == l && memcmp(t + x->sb, list[k], l) == 0)
            return 1;
    return 0;
}

static int
latin_lang(const char *lang)
{
    return strcmp(lang, "en") == 0 || strcmp(lang, "id") == 0 || strcmp(lang, "ms") == 0 ||
           strcmp(lang, "fil") == 0 || strcmp(lang, "tl") == 0 || strcmp(lang, "vi") == 0 ||
           strncmp(lang, "und", 3) == 0;
}

static size_t
emit(mk_name_match *out, size_t cap, size_t n, size_t sb, size_t eb, int type, int flags)
{
    if (eb <= sb)
        return n;
    for (size_t k = 0; k < n && k < cap; k++)
        if (sb < out[k].end_b && out[k].start_b < eb)
            return n;   /* the first reading of a place wins */
    if (n < cap) {
        out[n].start_b = sb;
        out[n].name_b = sb;
        out[n].end_b = eb;
        out[n].type = type;
        out[n].flags = flags;
    }
    return n + 1;
}

/* Drops the names of OUT that lie inside SB..EB, unless a person after a
 * title is among them or a name crosses the edges; returns the count. */
static size_t
take_over(mk_name_match *out, size_t cap, size_t n, size_t sb, size_t eb)
{
    size_t k, w = 0, m = n < cap ? n : cap;

    for (k = 0; k < m; k++)
        if (out[k].start_b < eb && sb < out[k].end_b &&
            (out[k].start_b < sb || out[k].end_b > eb || (out[k].flags & MK_NAME_TITLED)))
            return n;
    for (k = 0; k < m; k++)
        if (!(out[k].start_b >= sb && out[k].end_b <= eb))
            out[w++] = out[k];
    return w + (n > cap ? n - cap : 0);
}

/* Drops the names of OUT that overlap SB..EB, but for people; returns the
 * count. */
static size_t
give_way(mk_name_match *out, size_t cap, size_t n, size_t sb, size_t eb)
{
    size_t k, w = 0, m = n < cap ? n : cap;

    for (k = 0; k < m; k++)
        if (out[k].type == MK_ENT_PERSON || !(out[k].start_b < eb && sb < out[k].end_b))
            out[w++] = out[k];
    return w + (n > cap ? n - cap : 0);
}

/* Is X a company's legal form ("Inc", "Corp.", "Ltd", "Bhd", "Tbk")? The
 * name ends there: "Kia Motor Corp of South Korea", "Johnson Controls Inc
 * and Lear Corp" are a company and a place, two companies. */
static int
legal_form(const char *t, const word *x)
{
    static const char *const forms[] = { "Inc", "Corp", "Co", "Ltd", "LLC", "Plc", "PLC", "plc",
                                         "Bhd", "Tbk", "GmbH", "AG", "NV", "BV", "Pty", "Pte",
                                         "Sdn", "Cos", "LLP", "Ltda", "SpA", "JSC" };
    size_t l = x->eb - x->sb;

    if (l > 4)
        return 0;
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        if (forms[i][0] == t[x->sb] && strlen(forms[i]) == l && memcmp(t + x->sb, forms[i], l) == 0)
            return 1;
    return 0;
}

/* Is X a word of sport's names, which are events as often as bodies
 * ("League", "Cup", "Club", "Open")? */
static int
sport_word(const char *t, const word *x)
{
    static const char *const sport[] = { "league", "cup", "club", "open", "games", "series",
                                         "championship", "championships", "tour", "trophy" };
    char low[16];
    size_t l = x->eb - x->sb;

    if (l >= sizeof low)
        return 0;
    l = lower(t + x->sb, l, low, sizeof low);
    for (size_t i = 0; i < sizeof sport / sizeof sport[0]; i++)
        if (strlen(sport[i]) == l && memcmp(low, sport[i], l) == 0)
            return 1;
    return 0;
}

/* Do words A and B of T make one Vietnamese word ("y tế", "nhân dân")? */
static int
vi_word(const char *t, const word *a, const word *b)
{
    char buf[64], low[64];
    size_t la = a->eb - a->sb, lb = b->eb - b->sb;

    if (la + lb + 2 > sizeof buf || b->sb != a->eb + 1 || t[a->eb] != ' ')
        return 0;
    memcpy(buf, t + a->sb, la);
    buf[la] = ' ';
    memcpy(buf + la + 1, t + b->sb, lb);
    size_t l = lower(buf, la + 1 + lb, low, sizeof low);
    return mk__bsearch_str(mk__vi_words, mk__nvi_words, sizeof mk__vi_words[0], low, l) >= 0;
}

static int
word_is(const char *t, const word *x, const char *s)
{
    size_t l = strlen(s);
    return x->eb - x->sb == l && memcmp(t + x->sb, s, l) == 0;
}

static int
starts_verb(const char *t, const word *x, const char *const *verbs, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (word_is(t, x, verbs[k]))
            return 1;
    return 0;
}

/* Vietnamese institutions: a head word ("Bộ", "Sở", "Hội", "Ủy ban"),
 * then words that start with a capital, the rest of each word in lower
 * case ("Nông nghiệp", "Y tế", "Chữ thập đỏ"), "và" between parts and a
 * place after "tỉnh", "xã", "phường" ("Hội Chữ thập đỏ tỉnh Quảng Trị"). */
static size_t
find_vi_orgs(const char *t, size_t len, const word *w, size_t nw, mk_name_match *out, size_t cap,
             size_t n)
{
    static const char *const places[] = { "tỉnh", "xã", "phường", "huyện", "quận", "thành phố" };
    /* the commonest family names (Hồ left out: Hồ Chí Minh is a city) */
    static const char *const vi_family[] = { "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh",
                                             "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô",
                                             "Dương", "Lý", "Đinh", "Trịnh", "Đoàn", "Trương" };
    /* words that start what is said of an institution, not its name */
    static const char *const verbs[] = { "cho", "đã", "sẽ", "có", "là", "được", "vừa", "đang",
                                         "không", "vẫn", "cũng", "thông", "khuyến", "phối",
                                         "tiếp", "kêu", "yêu", "ghi", "chuyển", "hỗ", "và" };
    /* and the first syllables of when it is said ("hôm qua", "sáng nay") */
    static const char *const times[] = { "hôm", "ngày", "sáng", "chiều", "tối", "tuần", "tháng",
                                         "năm", "đêm", "trưa" };

    for (size_t i = 0; i < nw; i++) {
        if (!w[i].cap || !head_word(t, &w[i], "vi"))
            continue;
        size_t j = i + 1, end = i, lower_run = 0;
        while (j < nw && (w[j].sb == w[j - 1].eb + 1 ||
                          (w[j].sb == w[j - 1].eb + 2 && t[w[j - 1].eb] == '.'))) {
            /* a common family name and a capital after it: the person the
             * institution's name is followed by ("... nông thôn Nguyễn
             * Hoàng Long") */
            if (w[j].cap && j + 1 < nw && w[j + 1].cap && w[j + 1].sb == w[j].eb + 1 &&
                starts_verb(t, &w[j], vi_family, sizeof vi_family / sizeof vi_family[0]))
                break;
            if (w[j].cap) {
                end = j;
                lower_run = 0;
            } else if (lower_run == 0 && vi_word(t, &w[j - 1], &w[j])) {
                end = j;           /* the rest of a word: "Nông nghiệp" */
            } else if (j + 1 < nw && vi_word(t, &w[j], &w[j + 1]) &&
                       (j + 2 >= nw || w[j + 2].cap || w[j + 1].punct != 0 ||
                        starts_verb(t, &w[j + 2], verbs, sizeof verbs / sizeof verbs[0]))) {
                /* a word of its own in lower case at the end: "Phát triển
                 * nông thôn", unless it says something ("cho biết") */
                int verb = starts_verb(t, &w[j], times, sizeof times / sizeof times[0]);
                for (size_t k = 0; k < sizeof verbs / sizeof verbs[0]; k++)
                    verb |= word_is(t, &w[j], verbs[k]);
                if (verb)
                    break;
                end = j + 1;
                j += 2;
                lower_run = 0;
                continue;
            } else {
                /* small words go in only when a capital follows soon, or
                 * a place or "và" says the name goes on */
                size_t k = j;
                int joins = 0;
                while (k < nw && k - j < 3 && !w[k].cap) {
                    joins |= word_is(t, &w[k], "và");
                    for (size_t q = 0; q < sizeof places / sizeof places[0]; q++)
                        joins |= word_is(t, &w[k], places[q]);
                    k++;
                }
                if (!(k < nw && w[k].cap && (joins || k - j <= 2) && !head_word(t, &w[k], "vi")))
                    break;
                lower_run++;
            }
            j++;
        }
        /* the head word alone, with no capital after it, names nothing
         * ("Tổ chức phi chính phủ ...": an organisation) */
        int named = 0;
        for (size_t k = i + 1; k <= end && !named; k++)
            named = w[k].cap;
        if (end > i && named) {
            size_t eb = w[end].eb;
            n = emit(out, cap, n, w[i].sb, eb, MK_ENT_ORG, 0);
            i = end;
        }
    }
    (void)len;
    return n;
}

/* Does a Burmese syllable start at byte B of T? Not at a vowel sign,
 * medial, tone or other mark, nor at a consonant that an asat or a virama
 * after it closes: it ends the syllable before ("ညွန့်", "မန္တ"). */
static int
my_syllable_start(const char *t, size_t len, size_t b)
{
    size_t k;

    if (b == 0 || b >= len)
        return 1;
    uint32_t c = mk__utf8_decode((const unsigned char *)t + b, len - b, &k);
    if (c < 0x1000 || c > 0x109F)
        return 1;
    if ((c >= 0x102B && c <= 0x103E) || (c >= 0x1056 && c <= 0x1059) || (c >= 0x105E && c <= 0x1060) ||
        (c >= 0x1062 && c <= 0x1064) || (c >= 0x1067 && c <= 0x106D) || (c >= 0x1071 && c <= 0x1074) ||
        (c >= 0x1082 && c <= 0x108D) || c == 0x108F || (c >= 0x109A && c <= 0x109D))
        return 0;
    /* the marks after the consonant, up to a vowel: an asat or a virama
     * among them closes it (a dot below may come first) */
    for (size_t i = b + k; i < len;) {
        size_t k2;
        uint32_t d = mk__utf8_decode((const unsigned char *)t + i, len - i, &k2);
        if (d == 0x103A || d == 0x1039)
            return 0;
        if (d != 0x1037)
            break;
        i += k2;
    }
    return 1;
}

/* The end of a Burmese name after a title, from byte I: Burmese writes no
 * spaces, so the name is its syllables (four at most) up to a particle
 * (က ကို ၏ သည် နဲ့ နှင့် တို့ ...), another title (a couple: ဦးပန်းဒေါ်တင့်)
 * or a sign. */
static size_t
my_name_end(const char *t, size_t len, size_t i)
{
    static const char *const stops[] = {
        "က", "ကို", "ရဲ့", "၏", "သည်", "နဲ့", "နှင့်", "တို့", "မှ", "အား", "ဟာ", "လည်း",
        "ပါ", "ထံ", "ဆီ", "မှာ", "တွင်", "ကြောင့်", "အတွက်", "လို့", "တဲ့", "ဦး", "ဒေါ်",
    };
    size_t e = i, syl = 0, k;

    while (e < len && syl < 4) {
        uint32_t c = mk__utf8_decode((const unsigned char *)t + e, len - e, &k);
        if (c < 0x1000 || c > 0x103F || c == 0x104A || c == 0x104B)
            break;
        if (syl > 0) {
            int stop = 0;
            for (size_t q = 0; q < sizeof stops / sizeof stops[0] && !stop; q++) {
                size_t l = strlen(stops[q]);
                /* the particle is whole: a syllable starts after it */
                stop = l <= len - e && memcmp(t + e, stops[q], l) == 0 && my_syllable_start(t, len, e + l);
            }
            if (stop)
                break;
        }
        /* on to the next syllable */
        e += k;
        while (e < len && !my_syllable_start(t, len, e)) {
            (void)mk__utf8_decode((const unsigned char *)t + e, len - e, &k);
            e += k;
        }
        syl++;
    }
    return e;
}

/* The end of a name in a script without capitals, starting at byte I:
 * Thai writes the given name against the title and the family name after
 * a space ("นายวีรพงษ์ ทองมา"); Lao and Khmer put spaces between title,
 * given and family name; Burmese runs the name on until a particle. */
static size_t
name_end_unspaced(const char *t, size_t len, size_t i, const char *lang)
{
    size_t e = i, parts = 0;
    int my = strcmp(lang, "my") == 0, zh = strcmp(lang, "zh") == 0;

    while (e < len && t[e] == ' ')
        e++;
    if (zh) {
        /* a Chinese name: two or three Han characters */
        size_t k, c = 0, s = e;
        while (e < len && c < 3) {
            uint32_t u = mk__utf8_decode((const unsigned char *)t + e, len - e, &k);
            if (u < 0x4E00 || u > 0x9FFF)
                break;
            e += k;
            c++;
        }
        return c >= 2 ? e : s;
    }
    if (my)
        return my_name_end(t, len, e);
    while (e < len && parts < 2) {
        size_t s = e, k;
        /* what follows a given name may be the sentence going on, not a
         * family name: a verb or a word like "and" ("ທ່ານ ສົມພອນ ໄດ້ກ່າວ...",
         * "ທ່ານ ບຸນທະວີ ກ່າວວ່າ", "លោក ... បាននិយាយ") */
        static const char *const goes_on[] = {
            "ໄດ້", "ກ່າວ", "ແມ່ນ", "ຈະ", "ແລະ", "ຊຶ່ງ", "ເຊິ່ງ", "ທີ່", "ຂອງ", "ກັບ", "ໃຫ້",
            "ເປັນ", "ຍັງ", "ເນັ້ນ", "ຖະແຫຼງ", "ລາຍງານ",
            "បាន", "និង", "ថា", "នឹង", "គឺ", "ដែល", "របស់", "មាន",
        };
        if (parts == 1) {
            size_t q;
            for (q = 0; q < sizeof goes_on / sizeof goes_on[0]; q++) {
                size_t gl = strlen(goes_on[q]);
                if (gl <= len - e && memcmp(t + e, goes_on[q], gl) == 0)
                    break;
            }
            if (q < sizeof goes_on / sizeof goes_on[0])
                break;
        }
        while (e < len) {
            uint32_t u = mk__utf8_decode((const unsigned char *)t + e, len - e, &k);
            if (u == ' ' || u < 0x80 || u == 0x200B || u == 0x104A || u == 0x104B || u == 0x17D4 ||
                u == 0x17D5 || u == 0x17D6)
                break;
            e += k;
        }
        if (e == s)
            break;
        parts++;
        if (my)
            break;   /* Burmese names carry no spaces */
        if (e < len && t[e] == ' ' && parts < 2)
            e++;
        else
            break;
    }
    while (e > i && t[e - 1] == ' ')
        e--;
    if (my) {
        /* a particle after the name: "ဦးဝင်းမြင့်ထွန်းက" */
        static const char *const particles[] = { "\xe1\x80\x80", "\xe1\x80\x9e\xe1\x80\x8a\xe1\x80\xba",
                                                 "\xe1\x81\x8f", "\xe1\x80\x80\xe1\x80\xad\xe1\x80\xaf" };
        for (size_t k = 0; k < sizeof particles / sizeof particles[0]; k++) {
            size_t pl = strlen(particles[k]);
            if (e - i > pl + 3 && memcmp(t + e - pl, particles[k], pl) == 0) {
                e -= pl;
                break;
            }
        }
    }
    return e;
}

/* Does S[0..N) hold the string NEEDLE? */
static int
holds(const char *s, size_t n, const char *needle)
{
    size_t l = strlen(needle);

    for (size_t i = 0; i + l <= n; i++)
        if (memcmp(s + i, needle, l) == 0)
            return 1;
    return 0;
}

/* Is the character ENC[0..L) one of the characters of STOPS? */
static int
memmem_stop(const char *stops, const char *enc, size_t l)
{
    for (const char *p = stops; *p; p++)
        if (strncmp(p, enc, l) == 0)
            return 1;
    return 0;
}

/* The entries of LIST (sorted bytewise, "lang<TAB>word") for LANG:
 * [*LO, *HI). */
static void
lang_range(const char *const *list, size_t n, const char *lang, size_t *lo, size_t *hi)
{
    char key[16];
    size_t ll = strlen(lang), a = 0, b = n;

    *lo = *hi = 0;
    if (ll + 2 > sizeof key)
        return;
    memcpy(key, lang, ll);
    key[ll] = '\t';
    key[ll + 1] = '\0';
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (strcmp(list[m], key) < 0)
            a = m + 1;
        else
            b = m;
    }
    *lo = a;
    for (b = n; a < b;) {
        size_t m = a + (b - a) / 2;
        if (strncmp(list[m], key, ll + 1) == 0)
            a = m + 1;
        else
            b = m;
    }
    *hi = a;
}

/* The longest entry of LIST for LANG that TEXT[I..) starts with; its
 * length in bytes, or 0. */
static size_t
prefix_in(const char *const *list, size_t n, const char *lang, const char *t, size_t len, size_t i)
{
    size_t ll = strlen(lang), best = 0, lo, hi;

    lang_range(list, n, lang, &lo, &hi);
    for (size_t k = lo; k < hi; k++) {
        const char *e = list[k] + ll + 1;
        if ((unsigned char)e[0] != (unsigned char)t[i])
            continue;
        /* Khmer writes zero-width spaces between words ("កាកបាទ​ក្រហម"):
         * they are passed over */
        size_t ti = i, ei = 0;
        while (e[ei] != '\0') {
            if (ti + 3 <= len && memcmp(t + ti, "\xE2\x80\x8B", 3) == 0 && ei > 0) {
                ti += 3;
                continue;
            }
            if (ti >= len || t[ti] != e[ei])
                break;
            ti++;
            ei++;
        }
        if (e[ei] == '\0' && ti - i > best)
            best = ti - i;
    }
    return best;
}

static int
is_conj(const char *t, size_t len, size_t i)
{
    static const char *const conj[] = { "\xe0\xbb\x81\xe0\xba\xa5\xe0\xba\xb0",   /* ແລະ */
                                        "\xe0\xb9\x81\xe0\xb8\xa5\xe0\xb8\xb0",   /* และ */
                                        "\xe1\x9e\x93\xe1\x9e\xb7\xe1\x9e\x84",   /* និង */
                                        "\xe1\x80\x94\xe1\x80\xbe\xe1\x80\x84\xe1\x80\xb7\xe1\x80\xba" };
    for (size_t k = 0; k < sizeof conj / sizeof conj[0]; k++) {
        size_t l = strlen(conj[k]);
        if (l <= len - i && memcmp(t + i, conj[k], l) == 0)
            return 1;
    }
    return 0;
}

/* The end of the chunk (run without spaces or punctuation) at I. */
static size_t
chunk_end(const char *t, size_t len, size_t i)
{
    while (i < len) {
        size_t k;
        uint32_t u = mk__utf8_decode((const unsigned char *)t + i, len - i, &k);
        if (u == ' ' || u == '(' || u == ')' || u == ',' || u == 0x104A || u == 0x104B ||
            u == 0x17D4 || u == 0x17D5 || u == 0x17D6 || u == 0x3001 || u == 0x3002 ||
            u == 0xFF0C || u == 0xFF08 || u == 0xFF09 || u == '"' || u == 0x201C || u == 0x201D)
            break;
        i += k;
    }
    return i;
}

/* The longest entry of LIST for LANG that TEXT[0..END) ends with; its
 * length in bytes, or 0. */
static size_t
suffix_in(const char *const *list, size_t n, const char *lang, const char *t, size_t end)
{
    size_t ll = strlen(lang), best = 0, lo, hi;

    lang_range(list, n, lang, &lo, &hi);
    for (size_t k = lo; k < hi; k++) {
        const char *e = list[k] + ll + 1;
        size_t el = strlen(e);
        if (el > best && el <= end && memcmp(t + end - el, e, el) == 0)
            best = el;
    }
    return best;
}

/* Burmese institutions: a run of letters ending on a head word
 * ("...ဦးစီးဌာန", "...အဖွဲ့", "...အသင်း"), and the runs before it that end on
 * a region, a country or "and" ("မန္တလေးတိုင်းဒေသကြီး ကုန်သည်များနှင့်
 * ...အသင်း"). */
static size_t
find_my_orgs(const char *t, size_t len, mk_name_match *out, size_t cap, size_t n)
{
    static const char *const joins[] = { "\xe1\x80\x92\xe1\x80\xb1\xe1\x80\x9e\xe1\x80\x80\xe1\x80\xbc\xe1\x80\xae\xe1\x80\xb8",  /* ဒေသကြီး */
                                         "\xe1\x80\x94\xe1\x80\xad\xe1\x80\xaf\xe1\x80\x84\xe1\x80\xba\xe1\x80\x84\xe1\x80\xb6",  /* နိုင်ငံ */
                                         "\xe1\x80\x94\xe1\x80\xbe\xe1\x80\x84\xe1\x80\xb7\xe1\x80\xba" };  /* နှင့် */
    size_t i = 0;

    while (i < len) {
        if (t[i] == ' ' || (unsigned char)t[i] < 0x80) {
            i++;
            continue;
        }
        size_t e = chunk_end(t, len, i);
        if (e == i) {
            /* a sign that ends chunks ("၊"): step over it */
            size_t bad, k = mk__utf8_seq((const unsigned char *)t + i, len - i, &bad);
            i += k ? k : bad;
            continue;
        }
        size_t h = suffix_in(mk__org_heads, mk__norg_heads, "my", t, e), e0 = e;
        /* or before a particle glued to it ("...ဝန်ကြီးဌာနက", "...၏") */
        static const char *const particles[] = { "က", "၏", "ကို", "မှ", "သည်", "တွင်", "၌", "ရဲ့", "အား",
                                                 "နှင့်", "နဲ့", "နှင့်အတူ", "ထံ" };
        for (size_t q = 0; h == 0 && q < sizeof particles / sizeof particles[0]; q++) {
            size_t pl = strlen(particles[q]);
            if (e - i > pl + 3 && memcmp(t + e - pl, particles[q], pl) == 0 &&
                (h = suffix_in(mk__org_heads, mk__norg_heads, "my", t, e - pl)) > 0)
                e -= pl;
        }
        if (h > 0 && e - i > h) {
            /* back over the runs joined to it */
            size_t s = i;
            while (s > 1 && t[s - 1] == ' ') {
                size_t pe = s - 1, ps = pe;
                while (ps > 0 && t[ps - 1] != ' ' && (unsigned char)t[ps - 1] >= 0x80)
                    ps--;
                int j = 0;
                for (size_t k = 0; k < sizeof joins / sizeof joins[0]; k++) {
                    size_t jl = strlen(joins[k]);
                    j |= pe - ps > jl && memcmp(t + pe - jl, joins[k], jl) == 0;
                }
                if (!j || ps == pe)
                    break;
                s = ps;
            }
            /* the head word says more than the tagger's reading there
             * (its Burmese institutions are weak): its places and
             * institutions over the name give way, its people do not */
            n = give_way(out, cap, n, s, e);
            n = emit(out, cap, n, s, e, MK_ENT_ORG, 0);
        }
        i = e0;
    }
    return n;
}

/* The end of an institution whose head word starts at HS, in a script
 * without spaces: the head's chunk, and the chunks joined to it by "and". */
static size_t
org_end(const char *t, size_t len, size_t hs)
{
    size_t e = chunk_end(t, len, hs);
    for (int more = 0; more < 3; more++) {
        size_t a = e;
        while (a < len && t[a] == ' ')
            a++;
        size_t b = a < len ? chunk_end(t, len, a) : a;
        if (b == a)
            break;
        /* "X ແລະ Y": take the conjunction and the next chunk */
        if (is_conj(t, len, a)) {
            size_t c = b;
            if (b - a <= 12) {   /* the conjunction stands alone */
                while (c < len && t[c] == ' ')
                    c++;
                c = c < len ? chunk_end(t, len, c) : c;
            }
            if (c > b || b - a > 12) {
                e = c > b ? c : b;
                continue;
            }
        }
        /* a chunk followed by one starting with "and" belongs too */
        size_t a2 = b;
        while (a2 < len && t[a2] == ' ')
            a2++;
        if (a2 < len && is_conj(t, len, a2) && b - a <= 40) {
            e = b;
            continue;
        }
        /* and one right before the acronym in brackets, which says where
         * the name ends ("... ການປະຊຸມສາກົນ ລາວ-ໄອເທັກ (Lao-ITECC)") */
        if (a2 < len && t[a2] == '(' && b - a <= 40) {
            e = b;
            break;
        }
        break;
    }
    return e;
}

/* Words that glue to the name after them (Thai, Lao, Khmer): "at", "of",
 * "from", "with", "to", and the roles of the ones who head institutions
 * ("head of", "director of", "minister of"). */
static const char *const glue_words[] = {   /* sorted, as lang_range wants */
    "km\tក្នុង", "km\tជាមួយ", "km\tដល់", "km\tទៅ", "km\tនាយក",
    "km\tនិង", "km\tនៃ", "km\tនៅ", "km\tប្រធាន", "km\tពី",
    "km\tមក", "km\tរដ្ឋមន្ត្រី", "km\tរដ្ឋលេខាធិការ", "km\tរបស់", "km\tអគ្គនាយក",
    "km\tអនុប្រធាន", "km\tអភិបាល", "lo\tກັບ", "lo\tຂອງ", "lo\tຈາກ",
    "lo\tຕໍ່", "lo\tທີ່", "lo\tປະທານ", "lo\tຜູ້ອຳນວຍການ", "lo\tລັດຖະມົນຕີ",
    "lo\tສ່ວນ", "lo\tຫົວໜ້າ", "lo\tຮອງປະທານ", "lo\tຮອງຜູ້ອຳນວຍການ", "lo\tຮອງລັດຖະມົນຕີ",
    "lo\tຮອງຫົວໜ້າ", "lo\tເລຂາທິການ", "lo\tແກ່", "lo\tແລະ", "lo\tໂດຍ",
    "lo\tໃນ", "th\tกับ", "th\tของ", "th\tจาก", "th\tต่อ",
    "th\tที่", "th\tนายก", "th\tประธาน", "th\tปลัด", "th\tผู้ว่าการ",
    "th\tผู้อำนวยการ", "th\tรองประธาน", "th\tรองผู้อำนวยการ", "th\tรองอธิบดี", "th\tรัฐมนตรี",
    "th\tสู่", "th\tหัวหน้า", "th\tอธิบดี", "th\tเลขาธิการ", "th\tแก่",
    "th\tและ", "th\tโดย", "th\tใน",
};

/* The first place of E (EL bytes) in T[0..N), or NULL. */
static const char *
find_bytes(const char *t, size_t n, const char *e, size_t el)
{
    const char *end = t + n, *q = t;
    /* in a script of 3-byte characters every first byte is the same: look
     * for the third */
    size_t o = el >= 3 ? 2 : 0;

    while (el > 0 && (size_t)(end - q) >= el &&
           (q = memchr(q + o, e[o], (size_t)(end - q) - el + 1)) != NULL) {
        q -= o;
        if (memcmp(q, e, el) == 0)
            return q;
        q++;
    }
    return NULL;
}

/* The start of the first institution's head word inside the word SB..EB
 * (a run without spaces) that a title or a glue word stands right before,
 * with more after it than the head itself; 0 for none. */
static size_t
glued_head(const char *t, size_t len, const char *lang, size_t sb, size_t eb)
{
    size_t ll = strlen(lang), best = 0, lo, hi;

    lang_range(mk__org_heads, mk__norg_heads, lang, &lo, &hi);
    for (size_t k = lo; k < hi; k++) {
        const char *e = mk__org_heads[k] + ll + 1;
        size_t el = strlen(e);
        for (size_t p = sb + 1; p + el < eb && (best == 0 || p < best); p++) {
            const char *q = find_bytes(t + p, eb - p, e, el);
            if (q == NULL)
                break;
            p = (size_t)(q - t);
            if (p + el < eb && (best == 0 || p < best) &&
                (suffix_in(mk__titles, mk__ntitles, lang, t, p) > 0 ||
                 suffix_in(glue_words, sizeof glue_words / sizeof glue_words[0], lang, t, p) > 0))
                best = p;
        }
    }
    (void)len;
    return best;
}

/* Does a number stand right before I (digits of any script, and spaces)? */
static int
count_before(const char *t, size_t i)
{
    while (i > 0 && t[i - 1] == ' ')
        i--;
    if (i == 0)
        return 0;
    size_t b = i - 1, k;
    while (b > 0 && ((unsigned char)t[b] & 0xC0) == 0x80)
        b--;
    uint32_t u = mk__utf8_decode((const unsigned char *)t + b, i - b, &k);
    return utf8proc_category((utf8proc_int32_t)u) == UTF8PROC_CATEGORY_ND;
}

/* People and institutions in scripts without capitals: titles and head
 * words at the start of a word ("นายวีรพงษ์", "ກະຊວງອຸດສາຫະກຳ ແລະ ການຄ້າ");
 * Chinese head words end the name ("云南省卫生健康委员会"), and so do
 * Burmese ones. */
static size_t
find_unspaced(const char *t, size_t len, const char *lang, const word *w, size_t nw,
              mk_name_match *out, size_t cap, size_t n)
{
    int zh = strcmp(lang, "zh") == 0, my = strcmp(lang, "my") == 0, km = strcmp(lang, "km") == 0;

    if (my)
        n = find_my_orgs(t, len, out, cap, n);

    for (size_t i = 0; i < nw; i++) {
        size_t at = w[i].sb, tl = 0, k, glued = w[i].sb;
        /* Khmer glues "and" to the title after it ("និងលោកស្រី ...") */
        if (km && w[i].eb - at > 9 && memcmp(t + at, "\xE1\x9E\x93\xE1\x9E\xB7\xE1\x9E\x84", 9) == 0 &&
            prefix_in(mk__titles, mk__ntitles, lang, t, len, at + 9) > 0)
            at = glued = at + 9;
        /* titles, several in a row ("ศ.ดร.", "បណ្ឌិត" after "លោក"); the
         * last ones written glued to the name are in its span */
        while ((k = prefix_in(mk__titles, mk__ntitles, lang, t, len, at)) > 0) {
            /* a word that only starts like a title (ဦးလေး, ဒေါ်လာ) */
            if (prefix_in(mk__not_titles, mk__nnot_titles, lang, t, len, at) > k)
                break;
            at += k;
            tl += k;
            if (at < len && t[at] == ' ') {
                while (at < len && t[at] == ' ')
                    at++;
                glued = at;
            }
        }
        /* "၆၀၀ ဦး": after a number, the title is a count of people */
        if (tl > 0 && count_before(t, w[i].sb))
            continue;
        /* Khmer writes a name apart from its title; one glued to the word
         * after it is a pronoun ("លោកស្រីបន្ថែមថា", "she added") */
        if (tl > 0 && km && glued == at - tl)
            continue;
        if (tl > 0 && !zh) {
            size_t eb = name_end_unspaced(t, len, at, lang), m0 = n;
            if (eb > at) {
                n = emit(out, cap, n, glued, eb, MK_ENT_PERSON, MK_NAME_TITLED);
                if (n > m0 && m0 < cap)
                    out[m0].name_b = at;
            }
            continue;
        }
        if (tl > 0 && zh) {
            size_t eb = name_end_unspaced(t, len, at, lang);
            if (eb > at)
                n = emit(out, cap, n, at, eb, MK_ENT_PERSON, MK_NAME_TITLED);
        }
        if (zh || my)
            continue;
        /* a head at the word's start, or glued to a title or a word like
         * "at" before it ("ຮອງປະທານສະພາການຄ້າ...", "នៅវិទ្យាស្ថាន...") */
        size_t hs = w[i].sb;
        if (prefix_in(mk__org_heads, mk__norg_heads, lang, t, len, hs) == 0 &&
            (hs = glued_head(t, len, lang, w[i].sb, w[i].eb)) == 0)
            continue;
        size_t e = org_end(t, len, hs);
        /* a bare head counted ("326 ບໍລິສັດ") is no name */
        if (e == w[i].eb && hs == w[i].sb && count_before(t, hs))
            continue;
        n = emit(out, cap, n, hs, e, MK_ENT_ORG, 0);
    }
    if (zh) {
        /* a Chinese institution: Han characters before a head word, back
         * to a particle, a verb of the sentence or punctuation */
        static const char stops[] = "的在和与由向对为是将于从据赴及了把被经到给让使请以而并但也都还就又再已要前、，。：（）“”《》";
        for (size_t i = 0; i < len;) {
            size_t k = prefix_in(mk__org_heads, mk__norg_heads, lang, t, len, i);
            if (k == 0) {
                size_t bad, m = mk__utf8_seq((const unsigned char *)t + i, len - i, &bad);
                i += m ? m : bad;
                continue;
            }
            size_t s = i, chars = 0;
            while (s > 0 && chars < 10) {
                size_t b = s - 1;
                while (b > 0 && ((unsigned char)t[b] & 0xC0) == 0x80)
                    b--;
                size_t m;
                uint32_t u = mk__utf8_decode((const unsigned char *)t + b, s - b, &m);
                char enc[4];
                size_t el = mk__utf8_encode(u, enc);
                if (u < 0x3000 || (el <= sizeof stops && memmem_stop(stops, enc, el)))
                    break;
                s = b;
                chars++;
            }
            /* nor a verb of two characters before the name ("来自东南亚国家
             * 联盟", "通过中国国际贸易促进委员会") */
            static const char *const verbs[] = {
                "来自", "通过", "经过", "作为", "根据", "关于", "对于", "来到", "前往", "参加",
                "出席", "访问", "位于", "包括", "属于", "邀请", "会见", "会同", "联手", "携手",
            };
            for (size_t v = 0; v < sizeof verbs / sizeof verbs[0] && chars > 2; v++)
                if (memcmp(t + s, verbs[v], 6) == 0) {
                    s += 6;
                    chars -= 2;
                    break;
                }
            if (chars >= 1) {
                n = give_way(out, cap, n, s, i + k);   /* as in Burmese */
                n = emit(out, cap, n, s, i + k, MK_ENT_ORG, 0);
            }
            i += k;
        }
    }
    return n;
}

/* Emits a name of TYPE wherever AT (LANG, T, LEN, P) says one of that many
 * bytes starts, scanning T character by character, the longest first. */
static size_t
emit_all(const char *t, size_t len, const char *lang,
         size_t (*at)(const char *, const char *, size_t, size_t), int type, mk_name_match *out,
         size_t cap, size_t n)
{
    for (size_t p = 0; p < len;) {
        size_t k = at(lang, t, len, p);
        if (k > 0) {
            n = emit(out, cap, n, p, p + k, type, 0);
            p += k;
            continue;
        }
        p++;
        while (p < len && ((unsigned char)t[p] & 0xC0) == 0x80)
            p++;
    }
    return n;
}

/* The longest body of corpora/known-orgs.txt in a script of 3-byte
 * characters that T[P..LEN) starts with; its length, or 0. */
static size_t
known_at(const char *lang, const char *t, size_t len, size_t p)
{
    size_t best = 0;

    (void)lang;
    if ((unsigned char)t[p] < 0xE0 || p + 3 > len)
        return 0;
    for (size_t k = 0; k < mk__nknown_orgs; k++) {
        const char *e = mk__known_orgs[k];
        if (e[0] != t[p] || e[1] != t[p + 1] || e[2] != t[p + 2])
            continue;
        size_t el = strlen(e);
        if (el > best && el <= len - p && memcmp(t + p, e, el) == 0)
            best = el;
    }
    return best;
}

/* The bodies of corpora/known-orgs.txt: a Latin one as a whole word of
 * W, one in another script wherever it stands (the longest first). */
static size_t
known_orgs(const char *t, size_t len, const word *w, size_t nw, mk_name_match *out, size_t cap,
           size_t n)
{
    for (size_t i = 0; i < nw; i++) {
        /* every Latin name of the list starts with a capital */
        if (!w[i].latin || !w[i].cap)
            continue;
        size_t l = w[i].eb - w[i].sb;
        if (mk__bsearch_str(mk__known_orgs, mk__nknown_orgs, sizeof mk__known_orgs[0], t + w[i].sb,
                            l) >= 0)
            n = emit(out, cap, n, w[i].sb, w[i].eb, MK_ENT_ORG, 0);
    }
    return emit_all(t, len, NULL, known_at, MK_ENT_ORG, out, cap, n);
}

/* The names the tagger found (EXTRA), tidied: a sentence's stop and a
 * leading "The" come off, a person with "&" is a firm, a misc name ending
 * on a head word an institution; in scripts without spaces the titles
 * before a person are not the name ("นาย", "ဦး"). */
static size_t
tagged_names(const char *t, size_t len, const char *lang, const word *w, size_t nw,
             const mk_name_match *extra, size_t nextra, mk_name_match *out, size_t cap, size_t n)
{
    int latin = latin_lang(lang), zh = strcmp(lang, "zh") == 0;

    for (size_t i = 0; i < nextra; i++) {
        size_t sb = extra[i].start_b, eb = extra[i].end_b;
        /* a quote or a bracket at an edge is not the name's ("“Cambodia") */
        while (sb < eb) {
            size_t k;
            uint32_t u = mk__utf8_decode((const unsigned char *)t + sb, eb - sb, &k);
            if (is_letter_cat(utf8proc_category((utf8proc_int32_t)u)) || (u >= '0' && u <= '9'))
                break;
            sb += k ? k : 1;
        }
        while (eb > sb && (strchr("\"',;:!?", t[eb - 1]) != NULL ||
                           (t[eb - 1] == ')' && memchr(t + sb, '(', eb - sb) == NULL)))
            eb--;
        /* closing quotes, and a full-width bracket the span does not open
         * ("东盟）") */
        while (eb >= sb + 3 && (memcmp(t + eb - 3, "\xE2\x80\x9D", 3) == 0 ||
                                memcmp(t + eb - 3, "\xE2\x80\x99", 3) == 0 ||
                                (memcmp(t + eb - 3, "\xEF\xBC\x89", 3) == 0 &&
                                 !holds(t + sb, eb - sb, "\xEF\xBC\x88"))))
            eb -= 3;
        /* an acronym in brackets is a name of its own, which the bracket
         * rule below links to this one ("Badan Koordinasi Penanaman Modal
         * (BKPM)"); a company's form is the name's ("(Persero)") */
        for (size_t b = sb + 1; b + 3 < eb; b++)
            if (t[b] == '(' && t[b - 1] == ' ' && t[b + 1] >= 'A' && t[b + 1] <= 'Z' && t[b + 2] >= 'A' &&
                t[b + 2] <= 'Z') {
                eb = b - 1;
                break;
            }
        if (eb <= sb)
            continue;
        /* a sentence's stop is not the name's ("... Yuliana."), an
         * initial's is ("J.") */
        if (eb - sb > 3 && t[eb - 1] == '.' && t[eb - 2] >= 'a' && t[eb - 2] <= 'z' &&
            t[eb - 3] >= 'a' && t[eb - 3] <= 'z' && extra[i].type == MK_ENT_PERSON)
            eb--;
        /* nor is the stop after a closing bracket ("... (Persero).") */
        if (eb - sb > 2 && t[eb - 1] == '.' && t[eb - 2] == ')')
            eb--;
        /* nor is a role before it ("Naib Presiden Guangxi University",
         * "Pengerusi Yayasan ..."): an institution's name starts after
         * the title, when two words or more are left (not in English,
         * where the CoNLL tagger has learned its own edges) */
        if (extra[i].type == MK_ENT_ORG && strcmp(lang, "en") != 0) {
            size_t k0 = 0;
            while (k0 < nw && w[k0].sb < sb)
                k0++;
            for (size_t tn = 3; k0 < nw && w[k0].sb == sb && tn >= 1; tn--)
                if (k0 + tn + 1 < nw && w[k0 + tn + 1].eb <= eb && title_at(t, w, nw, k0, tn, lang)) {
                    sb = w[k0 + tn].sb;
                    break;
                }
        }
        /* a Thai, Lao or Khmer institution's name that pairs two places
         * with a hyphen goes on after it, to the next space, where its
         * acronym follows ("... ล้านช้าง-แม่โขง (LMVEA)", Lancang-Mekong) */
        /* so does one that the tagger ends inside a run of letters, where
         * the run's end is followed by the acronym ("...
         * มนุษยธรรม|ในการจัดการภัยพิบัติ (AHA Centre)") */
        int hyphen = eb + 4 < len && t[eb] == '-' && (unsigned char)t[eb + 1] >= 0xE0;
        if (extra[i].type == MK_ENT_ORG && !latin && !zh &&
            (hyphen || (eb + 3 < len && (unsigned char)t[eb] >= 0xE0 && (unsigned char)t[eb] < 0xF0))) {
            size_t e2 = eb + hyphen, k;
            while (e2 < len) {
                uint32_t u = mk__utf8_decode((const unsigned char *)t + e2, len - e2, &k);
                if (u < 0x0E00 || u > 0x17FF)
                    break;
                e2 += k;
            }
            /* with its acronym in brackets after it, which says where the
             * name ends */
            size_t b = e2;
            while (b < len && t[b] == ' ')
                b++;
            if (e2 > eb + 1 && (hyphen || e2 - eb <= 90) && b < len &&
                (t[b] == '(' || (b + 3 <= len && memcmp(t + b, "\xEF\xBC\x88", 3) == 0)))
                eb = e2;
        }
        /* "The Ministry of ...": the article is not the name */
        if (eb - sb > 4 && memcmp(t + sb, "The ", 4) == 0 && extra[i].type != MK_ENT_PERSON)
            sb += 4;
        /* no one's name has an ampersand: "Douglas & Lomason" is a firm */
        int type = extra[i].type;
        if (type == MK_ENT_PERSON && memchr(t + sb, '&', eb - sb) != NULL)
            type = MK_ENT_ORG;
        /* nor ends on a company word ("Harbourline Logistics Sdn. Bhd."),
         * whose stop is the name's */
        if ((type == MK_ENT_PERSON || type == MK_ENT_ORG) && latin && eb > sb) {
            size_t lb = eb;
            while (lb > sb && t[lb - 1] != ' ' && t[lb - 1] != '.')
                lb--;
            char low[16];
            if (eb - lb >= 2 && eb - lb < sizeof low) {
                size_t l = lower(t + lb, eb - lb, low, sizeof low);
                if (lb > sb && company_word(low, l, lang)) {
                    type = MK_ENT_ORG;
                    /* an abbreviation's stop, where the sentence goes on
                     * ("Sdn. Bhd. dari Penang"; not "... Group. The") */
                    size_t a = eb + 1;
                    while (a < len && t[a] == ' ')
                        a++;
                    if (eb < len && t[eb] == '.' && l <= 4 && a < len && a > eb + 1 &&
                        !(t[a] >= 'A' && t[a] <= 'Z') && t[a] != '"')
                        eb++;
                }
            }
        }
        /* what the tagger calls misc but ends on a head word is an
         * institution ("the Chinese Embassy"), unless the head word names
         * sport as well ("American League", "Davis Cup") */
        if (type == MK__ENT_OTHER)
            for (size_t k = 0; k < nw && w[k].sb < eb; k++)
                if (w[k].eb == eb && w[k].sb > sb && head_word(t, &w[k], lang) &&
                    !sport_word(t, &w[k]))
                    type = MK_ENT_ORG;
        /* in a script without spaces, a title before a person: one
         * followed by a space is not in the span, one glued to the name
         * is ("นายสมชาย", as the Thai and Burmese corpora mark it), but
         * not in the value */
        size_t nb = sb;
        /* a Burmese word that starts like a title is no person (ဦးမယ်,
         * "will still"; ဒေါ်လာ, "dollar") */
        if (type == MK_ENT_PERSON && strcmp(lang, "my") == 0 &&
            prefix_in(mk__not_titles, mk__nnot_titles, lang, t, eb, sb) > 0)
            continue;
        if (type == MK_ENT_PERSON && !latin) {
            size_t k;
            while (nb < eb && (k = prefix_in(mk__titles, mk__ntitles, lang, t, eb, nb)) > 0 &&
                   nb + k < eb) {
                nb += k;
                if (t[nb] == ' ' || zh) {   /* Chinese keeps no title */
                    while (nb < eb && t[nb] == ' ')
                        nb++;
                    sb = nb;
                }
            }
        }
        /* a title after a Chinese name is neither ("刘教授" is 刘) */
        if (type == MK_ENT_PERSON && zh) {
            size_t k;
            while ((k = suffix_in(mk__titles_after, mk__ntitles_after, lang, t, eb)) > 0 &&
                   eb - k > sb)
                eb -= k;
        }
        /* and a glued title right before the tagger's span is the name's */
        if (type == MK_ENT_PERSON && !latin && !zh) {
            size_t k;
            while (sb > 0 && (k = suffix_in(mk__titles, mk__ntitles, lang, t, sb)) > 0)
                sb -= k;
        }
        size_t m0 = n;
        n = emit(out, cap, n, sb, eb, type, extra[i].flags);
        if (n > m0 && m0 < cap)
            out[m0].name_b = nb;
    }
    (void)len;
    return n;
}


/* Countries by their CLDR names where no other name is: a Latin one
 * starts on a capitalized word and ends on a word's end, one in another
 * script may stand anywhere. */
static size_t
find_places(const char *t, size_t len, const char *lang, const word *w, size_t nw,
            mk_name_match *out, size_t cap, size_t n)
{
    if (latin_lang(lang)) {
        for (size_t i = 0; i < nw; i++) {
            if (!w[i].cap)
                continue;
            size_t k = mk__place_at(lang, t, len, w[i].sb), e = w[i].sb + k;
            if (k == 0)
                continue;
            size_t j = i;
            while (j < nw && w[j].eb < e)
                j++;
            if (j < nw && w[j].eb == e)
                n = emit(out, cap, n, w[i].sb, e, MK_ENT_LOCATION, 0);
        }
        return n;
    }
    return emit_all(t, len, lang, mk__place_at, MK_ENT_LOCATION, out, cap, n);
}

/* A mission abroad says where it is: "the Chinese Embassy in Laos",
 * "Consulate-General in Chiang Mai", "Kedutaan Besar China di Malaysia".
 * An institution of the N in OUT that ends on such a head word (or, in
 * Malay and Indonesian, starts with one) takes in the capitalized words
 * after "in" or "di", and a place found there goes. Returns the new
 * count. */
static size_t
missions_abroad(const char *t, size_t len, mk_name_match *out, size_t n)
{
    static const char *const missions[] = { "Embassy", "Consulate", "Consulate-General",
                                            "Consulate General", "High Commission" };

    for (size_t k = 0; k < n; k++) {
        size_t eb = out[k].end_b, nb = eb - out[k].start_b, q;
        const char *name = t + out[k].start_b;
        if (out[k].type != MK_ENT_ORG || eb + 5 >= len || t[eb + 4] < 'A' || t[eb + 4] > 'Z')
            continue;
        if (memcmp(t + eb, " in ", 4) == 0) {
            for (q = 0; q < sizeof missions / sizeof missions[0]; q++) {
                size_t ml = strlen(missions[q]);
                if (nb >= ml && memcmp(t + eb - ml, missions[q], ml) == 0)
                    break;
            }
            if (q == sizeof missions / sizeof missions[0])
                continue;
        } else if (memcmp(t + eb, " di ", 4) != 0 || nb <= 9 ||
                   (memcmp(name, "Kedutaan ", 9) != 0 && memcmp(name, "Konsulat ", 9) != 0)) {
            continue;
        }
        size_t e = eb + 4;
        for (;;) {
            while (e < len && t[e] != ' ' && !strchr(",.;:)(\"", t[e]))
                e++;
            if (e + 1 < len && t[e] == ' ' && t[e + 1] >= 'A' && t[e + 1] <= 'Z')
                e++;
            else
                break;
        }
        out[k].end_b = e;
    }
    /* the places now inside one */
    size_t o = 0;
    for (size_t k = 0; k < n; k++) {
        int inside = 0;
        for (size_t q = 0; q < n && !inside && out[k].type == MK_ENT_LOCATION; q++)
            inside = q != k && out[q].type == MK_ENT_ORG && out[q].start_b <= out[k].start_b &&
                     out[k].end_b <= out[q].end_b;
        if (!inside)
            out[o++] = out[k];
    }
    return o;
}

size_t
mk__names_find(const char *t, size_t len, const char *lang, const mk_name_match *extra,
               size_t nextra, int places, mk_name_match *out, size_t cap)
{
    word *w = malloc(MAX_WORDS * sizeof *w);
    size_t nw, n = 0, i;
    int latin = latin_lang(lang);

    if (w == NULL)
        return 0;
    nw = split_words(t, len, w, MAX_WORDS);

    /* without spaces, the tagger's people and institutions come first: it
     * tells a title before a name from one that starts a word better than
     * the rules ("นายอนุทิน" and "นายกรัฐมนตรี") */
    if (!latin) {
        n = tagged_names(t, len, lang, w, nw, extra, nextra, out, cap, n);
        n = find_unspaced(t, len, lang, w, nw, out, cap, n);
    }
    /* people after a title */
    for (i = 0; i < nw && latin; i++) {
        size_t tn = 0;
        /* titles are short words; most words start none */
        if (w[i].eb - w[i].sb > 16 || !title_start(t, &w[i], lang))
            continue;
        for (size_t k = TITLE_MAX_WORDS; k >= 1; k--)
            if (title_at(t, w, nw, i, k, lang)) {
                tn = k;
                break;
            }
        if (tn == 0)
            continue;
        /* a title must be a word of its own, or Thai/Burmese glued to the
         * name: a Latin one is capitalized or an honorific in lower case */
        size_t j = i + tn;
        if (latin) {
            /* "Deputy Minister of Education and Sports Sengdeuan
             * Phommachanh": the role runs on after "of"; the name is the
             * last words of the run, after a comma if there is one */
            size_t run_s = j, run_e = j;
            while (run_e < nw && run_e - j < 12 &&
                   (w[run_e].cap || (connector(t, &w[run_e], 1) && run_e > j)) &&
                   (run_e == j || w[run_e - 1].space || w[run_e - 1].punct == ',' ||
                    w[run_e - 1].punct == '.')) {
                if (run_e > j && w[run_e - 1].punct != 0 && w[run_e - 1].punct != ',' &&
                    w[run_e - 1].punct != '.')
                    break;
                run_e++;
                if (w[run_e - 1].punct == '.' && run_e - 1 > j)
                    break;   /* a sentence ends */
            }
            if (j < nw && connector(t, &w[j], 1) && !w[j].cap) {
                /* "Minister of ...": skip the role's own words */
                size_t k = j;
                while (k < nw && (w[k].cap || connector(t, &w[k], 1)) && w[k].punct != ',')
                    k++;
                if (k < nw && w[k].punct == ',')
                    run_s = k + 1;   /* "..., Khambay Damlath" */
                else {
                    size_t e = k;
                    while (e > j && !w[e - 1].cap)
                        e--;   /* connectors after the run are not in it */
                    run_s = e >= j + 2 ? e - 2 : j;
                }
                run_e = run_s;
                while (run_e < nw && w[run_e].cap && run_e - run_s < NAME_MAX_WORDS) {
                    run_e++;
                    if (!w[run_e - 1].space)
                        break;
                }
            }
            /* the name: capitalized words, particles between them */
            size_t s = run_s, e = s;
            /* more titles in a row: "Datuk Ir", "Tan Sri Dr" */
            while (s < nw && s - j < 3) {
                size_t tk = 0;
                for (size_t k = TITLE_MAX_WORDS; k >= 1; k--)
                    if (title_at(t, w, nw, s, k, lang)) {
                        tk = k;
                        break;
                    }
                if (tk == 0)
                    break;
                s += tk;
            }
            e = s;
            while (e < nw && e - s < NAME_MAX_WORDS &&
                   (w[e].cap || (e > s && connector(t, &w[e], 0) && e + 1 < nw && w[e + 1].cap)) &&
                   !w[e].caps && !head_word(t, &w[e], lang) &&
                   !(e > s && title_at(t, w, nw, e, 1, lang) &&
                     /* in Vietnamese a title word ends a given name too
                      * ("Lan Anh", "Quốc Anh"): a title only before a name */
                     (strcmp(lang, "vi") != 0 || (w[e].space && e + 1 < nw && w[e + 1].cap)))) {
                e++;
                if (e < nw && (w[e].sb != w[e - 1].eb + 1 || t[w[e - 1].eb] != ' '))
                    break;
            }
            /* after a role ("Minister", "Menteri", "Direktur") the words
             * may be the office's, not a name: two words at least, and no
             * head word right after */
            size_t tl = w[i + tn - 1].eb - w[i].sb;
            int role = tl > 5;
            if (role && (e - s < 2 || (e < nw && head_word(t, &w[e], lang))))
                e = s;
            /* after a role the first words may be its portfolio or country
             * ("Menteri Perhubungan Jusman Syafii Djamal", "Presiden
             * Indonesia Susilo ..."): where the tagger's person ends with
             * ours and starts later, it starts there */
            size_t ps = e > s ? w[s].sb : 0;
            for (size_t k = 0; role && e > s && k < nextra; k++)
                if (extra[k].type == MK_ENT_PERSON && extra[k].end_b == w[e - 1].eb &&
                    extra[k].start_b > ps && extra[k].start_b < w[e - 1].eb)
                    ps = extra[k].start_b;
            if (e > s)
                n = emit(out, cap, n, ps, w[e - 1].eb, MK_ENT_PERSON, MK_NAME_TITLED);
            i = e > i ? e - 1 : i;
        } else {
            size_t sb = w[j - 1].eb;
            if (sb < len && t[sb] == '.')
                sb++;
            size_t eb = name_end_unspaced(t, len, sb, lang);
            while (sb < eb && t[sb] == ' ')
                sb++;
            if (eb > sb)
                n = emit(out, cap, n, sb, eb, MK_ENT_PERSON, MK_NAME_TITLED);
        }
    }

    /* what the tagger found, where a title did not say otherwise: it knows
     * institutions better than the head-word rule below */
    if (latin)
        n = tagged_names(t, len, lang, w, nw, extra, nextra, out, cap, n);

    if (strcmp(lang, "vi") == 0)
        n = find_vi_orgs(t, len, w, nw, out, cap, n);
    if (latin) {
        /* institutions: a run of capitalized words with a head word, small
         * words inside; an acronym in brackets after it is its own */
        for (i = 0; i < nw; i++) {
            if (!w[i].cap)
                continue;
            size_t s = i, e = i;
            int head = 0;
            int fil = strcmp(lang, "fil") == 0 || strcmp(lang, "tl") == 0;
            while (e < nw && (w[e].cap || (e > s && connector(t, &w[e], fil ? 2 : 1) &&
                                               /* an acronym alone is a name of its
                                                * own: "DOH sa Department of ..." */
                                               !(e == s + 1 && w[s].caps) &&
                                               e + 1 < nw &&
                                               (w[e + 1].cap || (head && connector(t, &w[e + 1], fil ? 2 : 1) &&
                                                                 e + 2 < nw && w[e + 2].cap))))) {
                head |= head_word(t, &w[e], lang);
                e++;
                /* a legal form ends the name, unless another follows
                 * ("Sdn. Bhd.", "Co., Ltd.", "Pte Ltd") */
                if (legal_form(t, &w[e - 1]) && !(e < nw && legal_form(t, &w[e])))
                    break;
                /* the next word follows after one space (or "Pte. Ltd.") */
                if (e < nw && w[e].sb != w[e - 1].eb + 1 &&
                    !(w[e].sb == w[e - 1].eb + 2 && t[w[e - 1].eb] == '.' && head_word(t, &w[e - 1], lang)))
                    break;
                if (e < nw && w[e].sb == w[e - 1].eb + 1 && t[w[e - 1].eb] != ' ')
                    break;
            }
            /* "The", sentence-initial capitals are not the name */
            /* words of a person found before are not the institution's
             * ("... Juan dela Cruz ng Kagawaran ng Kalusugan") */
            for (int moved = 1; moved && s < e;) {
                moved = 0;
                for (size_t k = 0; k < n && k < cap; k++)
                    if (out[k].type == MK_ENT_PERSON && out[k].start_b <= w[s].sb &&
                        w[s].sb < out[k].end_b) {
                        s++;
                        moved = 1;
                        break;
                    }
                while (moved && s < e && !w[s].cap)
                    s++;   /* the connector after the name */
            }
            /* "Ohio-based", "Jakarta-based": where it is, not its name */
            while (s < e && w[s].eb - w[s].sb > 6 && memcmp(t + w[s].eb - 6, "-based", 6) == 0)
                s++;
            while (s < e && !w[s].cap)
                s++;
            static const char *const lead[] = { "The", "Sa", "Ang", "Ng", "Si", "Sina", "Ni", "Di",
                                                "Ke", "Dari", "Oleh", "Para", "Ayon", "sa" };
            for (size_t k = 0; k < sizeof lead / sizeof lead[0] && s < e; k++)
                if (w[s].eb - w[s].sb == strlen(lead[k]) &&
                    memcmp(t + w[s].sb, lead[k], strlen(lead[k])) == 0) {
                    s++;
                    k = (size_t)-1;   /* "Ayon sa ...": several in a row */
                }
            /* a title before the institution: "Naib Canselor Universiti
             * Teknologi Malaysia", "Kepala Dinas ..." */
            for (size_t k = TITLE_MAX_WORDS; k >= 1 && s < e; k--)
                if (s + k < e && title_at(t, w, nw, s, k, lang) && !head_word(t, &w[s], lang)) {
                    s += k;
                    break;
                }
            if (head && e - s >= 2) {
                size_t eb = w[e - 1].eb;
                /* "Pte. Ltd.", "Co." keep their stop */
                if (eb < len && t[eb] == '.' && head_word(t, &w[e - 1], lang))
                    eb++;
                /* "PT Pelabuhan Indonesia (Persero)" */
                if (eb + 10 <= len && memcmp(t + eb, " (Persero)", 10) == 0)
                    eb += 10;
                /* a run that ends on its head word ("... Education
                 * Alliance", "... Sdn. Bhd.") says more than the tagger's
                 * names inside it */
                size_t caps = 0;
                for (size_t k = s; k < e; k++)
                    caps += w[k].cap;
                /* unless the tagger saw two institutions in it ("KeyCorp
                 * and Banc One Corp.") */
                size_t orgs = 0;
                for (size_t k = 0; k < nextra; k++)
                    orgs += extra[k].type == MK_ENT_ORG && extra[k].start_b >= w[s].sb &&
                            extra[k].end_b <= eb;
                if (caps >= 3 && orgs < 2 && (head_word(t, &w[e - 1], lang) || head_word(t, &w[s], lang)))
                    n = take_over(out, cap, n, w[s].sb, eb);
                n = emit(out, cap, n, w[s].sb, eb, MK_ENT_ORG, 0);
            }
            i = e > i ? e - 1 : i;
        }
    }

    n = known_orgs(t, len, w, nw, out, cap, n);
    if (places)
        n = find_places(t, len, lang, w, nw, out, cap, n);

    /* an acronym in brackets after a name: "National University of Laos
     * (NUOL)", "Kamar Dagang dan Industri Indonesia (Kadin)", "(สพฐ.)" with
     * its stop, "(ក.អ.យ.ក)", "（中总）" */
    for (size_t p = 0; p < len; p++) {
        size_t ob = t[p] == '(' ? 1 : p + 3 <= len && memcmp(t + p, "\xEF\xBC\x88", 3) == 0 ? 3 : 0;
        if (ob == 0)
            continue;
        size_t as = p + ob, ae = as, cb = 0;
        while (ae < len && ae - as <= 48 && t[ae] != ' ' && t[ae] != '(') {
            if (t[ae] == ')') {
                cb = 1;
                break;
            }
            if (ae + 3 <= len && memcmp(t + ae, "\xEF\xBC\x89", 3) == 0) {
                cb = 3;
                break;
            }
            ae++;
        }
        /* an acronym and a word in capitals after it ("(DPMPTSP Sulsel)",
         * "(AHA Centre)") */
        int spaced = 0;
        if (cb == 0 && ae < len && t[ae] == ' ' && ae - as >= 2) {
            size_t q = as, w0;
            while (q < ae && ((t[q] >= 'A' && t[q] <= 'Z') || (t[q] >= '0' && t[q] <= '9')))
                q++;
            w0 = ae + 1;
            if (q == ae && w0 < len && t[w0] >= 'A' && t[w0] <= 'Z') {
                size_t we = w0 + 1;
                while (we < len && we - w0 <= 12 && t[we] >= 'a' && t[we] <= 'z')
                    we++;
                if (we < len && t[we] == ')' && we - w0 >= 3) {
                    ae = we;
                    cb = 1;
                    spaced = 1;
                }
            }
        }
        if (cb == 0 || ae == as)
            continue;
        size_t letters = 0, uppers = 0, others = 0, latin_l = 0;
        int first_cap = 0;
        for (size_t q = as; q < ae;) {
            size_t k;
            uint32_t u = mk__utf8_decode((const unsigned char *)t + q, ae - q, &k);
            utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)u);
            if (c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL || c == UTF8PROC_CATEGORY_LO ||
                c == UTF8PROC_CATEGORY_LT) {
                letters++;
                uppers += c == UTF8PROC_CATEGORY_LU;
                latin_l += u < 0x0370;
                if (q == as)
                    first_cap = c == UTF8PROC_CATEGORY_LU;
            } else if (!(c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || u == '.' ||
                         (spaced && u == ' ') ||
                         u == '-' || u == '&' || (u >= '0' && u <= '9'))) {
                others++;
            }
            q += k ? k : 1;
        }
        if (others > 0 || letters == 0)
            continue;
        if (latin_l > 0 ? letters < 2 || letters > 16 || (uppers < 2 && !(letters <= 6 && first_cap))
                        : letters > 12)
            continue;
        /* the name it follows */
        size_t before = p;
        while (before > 0 && t[before - 1] == ' ')
            before--;
        for (size_t k = 0; k < n && k < cap; k++)
            if (out[k].end_b == before || out[k].end_b + 1 == before) {
                int type = out[k].type == MK_ENT_PERSON ? MK_ENT_PERSON : MK_ENT_ORG;
                size_t q;
                /* the tagger may have found the acronym itself */
                for (q = 0; q < n && q < cap; q++)
                    if (out[q].start_b == as && out[q].end_b == ae) {
                        out[q].type = type;
                        out[q].flags |= MK_NAME_ACRONYM;
                        break;
                    }
                if (q == n || q == cap)
                    n = emit(out, cap, n, as, ae, type, MK_NAME_ACRONYM);
                break;
            }
        p = ae;
    }
    free(w);
    if (n <= cap && latin_lang(lang))
        n = missions_abroad(t, len, out, n);
    /* a title alone after a number counts people ("350 นาย", three
     * hundred and fifty men): no one's name */
    if (n <= cap) {
        size_t o = 0;
        for (size_t k = 0; k < n; k++) {
            size_t a = out[k].start_b, e = out[k].end_b;
            if (out[k].type == MK_ENT_PERSON && e > a) {
                size_t tl = prefix_in(mk__titles, mk__ntitles, lang, t, e, a);
                if (tl > 0 && (a + tl == e || (a + tl + 1 == e && t[e - 1] == '.')) && count_before(t, a))
                    continue;
            }
            out[o++] = out[k];
        }
        n = o;
    }
    return n;
}

size_t
mk__names_words(const char *t, size_t len, size_t *starts, size_t *ends, int *caps, size_t cap)
{
    word *w = malloc(MAX_WORDS * sizeof *w);
    size_t n;

    if (w == NULL)
        return 0;
    n = split_words(t, len, w, MAX_WORDS < cap ? MAX_WORDS : cap);
    for (size_t i = 0; i < n; i++) {
        starts[i] = w[i].sb;
        ends[i] = w[i].eb;
        caps[i] = w[i].caps ? 2 : w[i].cap;
    }
    free(w);
    return n;
}

/* Is LOW[0..L), a word in lower case, "and" in a language of the region? */
static int
connector_word(const char *low, size_t l)
{
    static const char *const ands[] = { "and", "dan", "và", "at", "ng" };
    for (size_t k = 0; k < sizeof ands / sizeof ands[0]; k++)
        if (strlen(ands[k]) == l && memcmp(ands[k], low, l) == 0)
            return 1;
    return 0;
}

/* Is LOW[0..L), a word in lower case, a head word but no company word? */
static int
other_head(const char *low, size_t l, const char *lang)
{
    int head = in_list(mk__org_heads, mk__norg_heads, lang, low, l) ||
               (latin_lang(lang) && in_list(mk__org_heads, mk__norg_heads, "en", low, l));
    return head && !company_word(low, l, lang);
}

int
mk__names_short_form(const char *name, size_t len, size_t cut, const char *lang)
{
    const char *rest = name + cut;
    size_t n = len - cut, others = 0;
    char low[96];

    /* a head word alone ("มหาวิทยาลัย", "មន្ទីរ") is no short form */
    if (prefix_in(mk__org_heads, mk__norg_heads, lang, name, cut, 0) == cut)
        return 0;
    if ((unsigned char)name[0] < 0xE0 || (unsigned char)name[0] >= 0xF0 || latin_lang(lang)) {
        /* in a script with spaces, two words at least */
        if (memchr(name, ' ', cut) == NULL)
            return 0;
    }
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)rest[i];
        if (c >= 0xE0 && c < 0xF0 && !latin_lang(lang)) {
            /* a script without spaces: a head word wherever it starts */
            size_t k = prefix_in(mk__org_heads, mk__norg_heads, lang, rest, n, i);
            if (k > 0 && k < sizeof low && !in_list(mk__company_words, mk__ncompany_words, lang,
                                                     rest + i, k))
                return 0;
            i++;
            while (i < n && ((unsigned char)rest[i] & 0xC0) == 0x80)
                i++;
            continue;
        }
        /* a second name after "and" or a comma ("Standard Oil Co and
         * Placid Oil Co") */
        if (rest[i] == ',' || rest[i] == '&')
            return 0;
        /* a word: letters, digits and marks up to a space or a sign */
        size_t j = i;
        while (j < n && rest[j] != ' ' && rest[j] != '.' && rest[j] != ',' && rest[j] != '(' &&
               rest[j] != ')' && rest[j] != '-' && rest[j] != '&' && rest[j] != '\'')
            j++;
        if (j == i) {
            i++;
            continue;
        }
        if (j - i < sizeof low) {
            size_t l = lower(rest + i, j - i, low, sizeof low);
            if (other_head(low, l, lang) || connector_word(low, l))
                return 0;
            /* in Latin letters, company words only ("Texas Air Corp NWA
             * Inc", "Department of Energy Secretary ..." are more than
             * the name); in Vietnamese, which writes the place after the
             * institution, three capitalized words at most ("Sở Y tế Tp.
             * HCM") */
            if (!company_word(low, l, lang)) {
                size_t k;
                uint32_t u = mk__utf8_decode((const unsigned char *)rest + i, j - i, &k);
                if (strcmp(lang, "vi") != 0 || ++others > 3 ||
                    (utf8proc_category((utf8proc_int32_t)u) != UTF8PROC_CATEGORY_LU && !(u >= '0' && u <= '9')))
                    return 0;
            }
        }
        i = j;
    }
    return 1;
}
