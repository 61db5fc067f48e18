/*
 * extract.c - the extractor a document at a time: finds dates, phones and
 * e-mail addresses in each piece as it comes (date.c, phone.c, email.c),
 * keeps what resolution needs (the dateline, the regions the text names),
 * and at the document's end turns them into values.
 */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract.h"
#include "internal.h"
#include "ner.h"

/* a place named up to HINT_BEFORE bytes before a number or HINT_AFTER after
 * it says where the number is */
enum { MAX_REGIONS = 6, HINT_BEFORE = 600, HINT_AFTER = 200 };

typedef struct rawent {
    size_t piece, start_b, end_b, start, end;
    int type;
    int kind;                 /* email kind */
    size_t val_off;           /* email value in x->vals */
    size_t txt_off;           /* the text as written, in x->vals */
    mk_date date;
    mk_phone_cand phone;
    char hint[4];             /* a region named in the same piece, or "" */
    char lang_region[4];      /* the region of the piece's language, or "" */
} rawent;

#define ACR_BUCKETS 256
/* the key type of the first words of an institution's name */
#define KEY_ORG_PREFIX 0x10000
/* the key type of a person's full name the document wrote after a title */
#define KEY_PERSON_TITLED 0x20000

/* The bucket of a character of a script without spaces (3 bytes). */
static unsigned
acr_bucket(const char *s)
{
    return ((unsigned char)s[1] * 31u + (unsigned char)s[2]) % ACR_BUCKETS;
}

struct mk_extractor {
    int types;
    char region[4];
    int ref_y, ref_m, ref_d;          /* --ref-date */
    int timeml;                       /* also TimeML's references and parts of days */
    mk_datefinder *df;
    int day_first[12];                /* per language of langs[], -1 unknown */
    /* the document */
    size_t pieces;                    /* since the last mk_extract_end */
    size_t seen;                      /* in the whole document */
    int doc_y, doc_m, doc_d;          /* its date column */
    int dl_rank;                      /* dateline found: 1 keyword, 2 opening; 0 none */
    mk_date dl;
    int any_y;                        /* the first year of a full date in the text */
    int min_y, max_y;                 /* the years the text names */
    int wdays;                        /* bare weekdays of the dateline's paragraph, bit per day */
    size_t dl_piece;
    char regions[MAX_REGIONS][4];     /* regions the document names, in order */
    size_t nregions;
    rawent *raw;
    size_t nraw, capraw;
    mk_buf vals;                      /* e-mail values, then resolved values */
    /* people named in full and acronyms defined so far in the document:
     * their text and the value their short mentions take */
    struct known {
        size_t off, len;              /* in names */
        size_t val, val_len;          /* in names */
        int type;
    } *known;
    size_t nknown, capknown;
    /* an index of them: the full text of each, and each word of a
     * person's full name, to the newest entry that has it */
    struct key {
        size_t off, len;              /* the key, in names */
        size_t known;                 /* index + 1; 0 for an empty slot */
        int type;
    } *keys;
    size_t capkeys, nkeys;
    /* the known acronyms in scripts without spaces, by their first
     * character: index + 1 of the newest, and of the one before each */
    size_t acr_head[ACR_BUCKETS];
    size_t *acr_next;
    size_t capacr;
    mk_buf names;
    mk_name_match *nm;
    size_t capnm;
    mk_name_match *tagged;            /* the tagger's names of a piece */
    size_t captagged;
    /* the tagger's models, loaded when a language first needs one */
    struct model {
        char lang[8];
        mk__ner *m;                   /* NULL: none for this language */
    } models[16];
    size_t nmodels;
    mk__ner_work *nw;
    /* the pieces of the document, kept for people and institutions: the
     * tagger reads a whole document before it tags (how a word is written
     * elsewhere in it tells a name from a word) */
    mk_buf ptext;
    struct pinfo {
        size_t off, len;              /* in ptext */
        size_t raw_lo, raw_hi;        /* its dates, phones, e-mails in raw;
                                         after late_acronyms sorts raw, all
                                         its rows */
        size_t known_before;          /* nknown when its names were read */
        char lang[16];
    } *pinfo;
    size_t npinfo, cappinfo;
    const char **ptexts;
    size_t *plens, capptexts;
    size_t *ws, *we;
    int *wc;
    mk_entity *ents;
    size_t capents;
    char ref[16];
    mk_extract_counts counts;
    /* scratch */
    mk_date_match *dm;
    size_t capdm;
    mk_phone_cand *pc;
    size_t cappc;
    mk_email_match *em;
    size_t capem;
};

static const char *const day_langs[] = { "en", "id", "ms", "fil", "vi", "th", "lo", "km", "my",
                                         "zh", "tl" };

mk_extractor *
mk_extractor_new(int types, mk_error *err)
{
    mk_extractor *x = calloc(1, sizeof *x);

    if (x == NULL) {
        mk__err(err, MK_ENOMEM, 0, "out of memory");
        return NULL;
    }
    x->types = types ? types : MK_ENT_ALL;
    for (size_t i = 0; i < sizeof x->day_first / sizeof x->day_first[0]; i++)
        x->day_first[i] = -1;
    if (x->types & MK_ENT_DATE) {
        x->df = mk__dates_new(err);
        if (x->df == NULL) {
            free(x);
            return NULL;
        }
    }
    return x;
}

void
mk_extractor_free(mk_extractor *x)
{
    if (x == NULL)
        return;
    mk__dates_free(x->df);
    free(x->raw);
    free(x->ents);
    free(x->dm);
    free(x->pc);
    free(x->em);
    free(x->nm);
    free(x->tagged);
    for (size_t i = 0; i < x->nmodels; i++)
        mk__ner_free(x->models[i].m);
    mk__ner_work_free(x->nw);
    mk__buf_free(&x->ptext);
    free(x->pinfo);
    free(x->ptexts);
    free(x->plens);
    free(x->known);
    free(x->acr_next);
    free(x->keys);
    free(x->ws);
    free(x->we);
    free(x->wc);
    mk__buf_free(&x->names);
    mk__buf_free(&x->vals);
    free(x);
}

int
mk_extract_set_region(mk_extractor *x, const char *region)
{
    char e164[24];

    if (region == NULL) {
        x->region[0] = '\0';
        return 0;
    }
    if (strlen(region) != 2)
        return MK_EUSAGE;
    char r[3] = { (char)(region[0] & ~0x20), (char)(region[1] & ~0x20), 0 };
    /* a region is known when its plan parses anything: try a trivial
     * national number, which fails on validity but not on the region */
    if (mk__phone_parse("+1", 2, r, e164, sizeof e164) < 0)
        return MK_EUSAGE;
    memcpy(x->region, r, 3);
    for (size_t i = 0; i < sizeof x->day_first / sizeof x->day_first[0]; i++)
        x->day_first[i] = -1;
    return 0;
}

/* Parses "YYYY-MM-DD" (or longer: a time after it is ignored), "YYYY-MM"
 * or "YYYY". Returns 0 or -1. */
static int
parse_iso(const char *s, size_t n, int *y, int *m, int *d)
{
    int v[3] = { 0, 0, 0 }, k = 0;
    size_t i = 0;

    while (k < 3) {
        size_t st = i;
        int acc = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9' && i - st < 4) {
            acc = acc * 10 + (s[i] - '0');
            i++;
        }
        if (i == st || (k == 0 && i - st != 4) || (k > 0 && i - st != 2))
            return -1;
        v[k++] = acc;
        if (i >= n || s[i] != '-')
            break;
        i++;
    }
    if (i < n && s[i] != 'T' && s[i] != ' ')
        return -1;
    if (v[0] < 1 || (k > 1 && (v[1] < 1 || v[1] > 12)) || (k > 2 && (v[2] < 1 || v[2] > 31)))
        return -1;
    *y = v[0];
    *m = k > 1 ? v[1] : 0;
    *d = k > 2 ? v[2] : 0;
    return 0;
}

int
mk_extract_set_ref_date(mk_extractor *x, const char *date)
{
    int y, m, d;

    if (date == NULL) {
        x->ref_y = 0;
        return 0;
    }
    if (parse_iso(date, strlen(date), &y, &m, &d) != 0 || m == 0 || d == 0)
        return MK_EUSAGE;
    x->ref_y = y;
    x->ref_m = m;
    x->ref_d = d;
    return 0;
}

void
mk_extract_set_timeml(mk_extractor *x, int on)
{
    x->timeml = on != 0;
}

void
mk_extract_begin(mk_extractor *x, const char *date, size_t date_len)
{
    x->pieces = 0;
    x->seen = 0;
    x->doc_y = x->doc_m = x->doc_d = 0;
    if (date != NULL && date_len > 0 &&
        parse_iso(date, date_len, &x->doc_y, &x->doc_m, &x->doc_d) != 0)
        x->doc_y = x->doc_m = x->doc_d = 0;
    x->dl_rank = 0;
    x->any_y = 0;
    x->min_y = x->max_y = 0;
    x->wdays = 0;
    x->nregions = 0;
    x->nraw = 0;
    x->vals.len = 0;
    x->nknown = 0;
    memset(x->acr_head, 0, sizeof x->acr_head);
    x->names.len = 0;
    x->nkeys = 0;
    x->npinfo = 0;
    x->ptext.len = 0;
    if (x->keys != NULL)
        memset(x->keys, 0, x->capkeys * sizeof *x->keys);
    x->ref[0] = '\0';
}

static int
day_first(mk_extractor *x, const char *lang)
{
    size_t i;
    char loc[16];

    for (i = 0; i < sizeof day_langs / sizeof day_langs[0]; i++)
        if (strcmp(lang, day_langs[i]) == 0)
            break;
    if (i == sizeof day_langs / sizeof day_langs[0])
        lang = "en";
    if (i < sizeof x->day_first / sizeof x->day_first[0] && x->day_first[i] >= 0)
        return x->day_first[i];
    /* the order of the language as written in the region; English
     * without a region is the international English of the region's
     * press (day first), not American */
    if (x->region[0])
        snprintf(loc, sizeof loc, "%s_%s", lang, x->region);
    else
        snprintf(loc, sizeof loc, "%s", strcmp(lang, "en") == 0 ? "en_001" : lang);
    int v = mk__date_day_first(loc);
    if (i < sizeof x->day_first / sizeof x->day_first[0])
        x->day_first[i] = v;
    return v;
}

static rawent *
new_raw(mk_extractor *x)
{
    if (mk__grow((void **)&x->raw, &x->capraw, x->nraw + 1, sizeof *x->raw) != 0)
        return NULL;
    rawent *r = &x->raw[x->nraw++];
    memset(r, 0, sizeof *r);
    r->piece = x->pieces;
    return r;
}


/* Words that mark a dateline ("(Latest Update August 23, 2024)"). */
static int
dateline_word_before(const char *t, size_t at)
{
    static const char *const words[] = {
        "update", "published", "posted", "dateline", "date:", "issued", "released on",
        "cập nhật", "đăng ngày", "diperbarui", "diterbitkan", "dikemaskini", "diterbit",
        "inilathala", "อัปเดต", "เผยแพร่", "ປັບປຸງ", "ເຜີຍແຜ່", "发布", "更新", "ផ្សាយ",
        "ထုတ်ပြန်",
    };
    size_t from = at > 60 ? at - 60 : 0;
    char buf[64];
    size_t n = at - from;

    memcpy(buf, t + from, n);
    for (size_t i = 0; i < n; i++)
        if (buf[i] >= 'A' && buf[i] <= 'Z')
            buf[i] = (char)(buf[i] + 32);
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
        size_t wl = strlen(words[w]);
        for (size_t i = 0; i + wl <= n; i++)
            if (memcmp(buf + i, words[w], wl) == 0)
                return 1;
    }
    return 0;
}

/* Does the date at T[SB..EB) open its paragraph as a dateline does
 * ("VIENTIANE, Aug. 21 --", "คุนหมิง 21 ส.ค. (สำนักข่าวไทย) -",
 * "本报南宁9月24日电", "ភ្នំពេញ៖ នៅព្រឹកថ្ងៃទី២៨ ...")? Place names before it,
 * no sentence: no lower-case Latin word, a separator after the place or a
 * dash, bracket or 电 after the date. */
static int
opening_dateline(const char *t, size_t len, size_t sb, size_t eb)
{
    static const char *const seps[] = { ",", "\xE1\x9F\x96" /* ៖ */, "\xE1\x81\x8A" /* ၊ */,
                                        "\xEF\xBC\x9A" /* ： */, "\xE6\x9C\xAC\xE6\x8A\xA5" /* 本报 */ };
    size_t i, sep = 0;

    if (mk_utf8_count(t, sb) > 40)
        return 0;
    for (i = 0; i < sb; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c >= 'a' && c <= 'z' && (i == 0 || t[i - 1] == ' '))
            return 0;
    }
    for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
        size_t n = strlen(seps[k]);
        for (i = 0; i + n <= sb; i++)
            if (memcmp(t + i, seps[k], n) == 0)
                sep = 1;
    }
    if (sep)
        return 1;
    i = eb;
    while (i < len && t[i] == ' ')
        i++;
    if (i < len && (t[i] == '-' || t[i] == '('))
        return 1;
    if (i + 3 <= len && (memcmp(t + i, "\xE2\x80\x94", 3) == 0 || memcmp(t + i, "\xE2\x80\x93", 3) == 0 ||
                         memcmp(t + i, "\xE7\x94\xB5", 3) == 0 /* 电 */))
        return 1;
    return 0;
}

static void
add_region(mk_extractor *x, const char *r)
{
    for (size_t i = 0; i < x->nregions; i++)
        if (strcmp(x->regions[i], r) == 0)
            return;
    if (x->nregions < MAX_REGIONS)
        snprintf(x->regions[x->nregions++], 4, "%s", r);
}

enum { MAX_HINTS = 32 };

/* Is T[I] the start of a Latin letter (ASCII, or Latin-1 to Latin
 * Extended Additional, as Vietnamese writes)? */
static int
latin_letter(const char *t, size_t len, size_t i)
{
    unsigned char c = (unsigned char)t[i];
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
        return 1;
    if (c >= 0xC3 && c <= 0xCA)
        return 1;
    return c == 0xE1 && i + 1 < len && (unsigned char)t[i + 1] >= 0xB8 &&
           (unsigned char)t[i + 1] <= 0xBB;
}

static size_t
latin_word_end(const char *t, size_t len, size_t i)
{
    while (i < len && latin_letter(t, len, i)) {
        size_t bad, n = mk__utf8_seq((const unsigned char *)t + i, len - i, &bad);
        i += n ? n : bad;
    }
    return i;
}
typedef struct hint {
    const char *region;
    size_t at;        /* byte offset in the piece */
} hint;

/* Regions the piece names: words of Latin script, and in other scripts
 * the longest name starting at each character. The
 * first MAX_HINTS go to H with their places; all go to the document's. */
static size_t
scan_hints(mk_extractor *x, const char *t, size_t len, hint *h)
{
    size_t nh = 0, i = 0;

    while (i < len) {
        unsigned char c = (unsigned char)t[i];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
            /* a word, then the word with the next one ("Hong Kong",
             * "Việt Nam") */
            size_t j = latin_word_end(t, len, i), k = j;
            const char *r = mk__phone_hint(t + i, j - i);
            if (r == NULL && j + 1 < len && t[j] == ' ' && latin_letter(t, len, j + 1)) {
                k = latin_word_end(t, len, j + 1);
                r = mk__phone_hint(t + i, k - i);
            }
            if (r != NULL) {
                add_region(x, r);
                if (nh < MAX_HINTS)
                    h[nh++] = (hint){ r, i };
            }
            i = j;
            continue;
        }
        if (c >= 0xE0) {
            size_t n;
            const char *r = mk__phone_hint_prefix(t + i, len - i, &n);
            if (r != NULL) {
                add_region(x, r);
                if (nh < MAX_HINTS)
                    h[nh++] = (hint){ r, i };
                i += n;
                continue;
            }
        }
        size_t bad, n = mk__utf8_seq((const unsigned char *)t + i, len - i, &bad);
        i += n ? n : bad;
    }
    return nh;
}

/* The region named nearest before byte AT, else nearest after it. */
static const char *
nearest_hint(const hint *h, size_t nh, size_t at)
{
    const char *r = NULL;

    for (size_t k = 0; k < nh; k++)
        if (h[k].at < at)
            r = h[k].region;
    if (r == NULL && nh > 0)
        r = h[0].region;
    return r;
}

static int overlaps(const rawent *r, size_t nraw, size_t piece, size_t sb, size_t eb, int type);

/* Does an entity of TYPE among the raws from FIRST on (the current
 * piece's) overlap SB..EB? */
static int
overlaps_from(const mk_extractor *x, size_t first, size_t sb, size_t eb, int type)
{
    return x->nraw > first && overlaps(x->raw + first, x->nraw - first, x->pieces, sb, eb, type);
}
static int set_offsets(mk_extractor *x, const char *text, size_t first_raw);

static size_t
key_hash(const char *s, size_t n, int type)
{
    size_t h = (size_t)1469598103934665603ULL ^ (size_t)type;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * (size_t)1099511628211ULL;
    return h;
}

/* The slot of key S[0..N) of TYPE: where it is, or the empty one where it
 * goes. */
static struct key *
key_slot(const mk_extractor *x, const char *s, size_t n, int type)
{
    size_t mask = x->capkeys - 1;
    for (size_t h = key_hash(s, n, type) & mask;; h = (h + 1) & mask) {
        struct key *k = &x->keys[h];
        if (k->known == 0 || (k->type == type && k->len == n &&
                              memcmp(x->names.p + k->off, s, n) == 0))
            return k;
    }
}

static int
add_key(mk_extractor *x, size_t off, size_t n, int type, size_t known)
{
    if (2 * (x->nkeys + 1) > x->capkeys) {
        /* grow and put the keys back */
        size_t nc = x->capkeys ? 2 * x->capkeys : 256;
        struct key *old = x->keys;
        size_t oc = x->capkeys;
        x->keys = calloc(nc, sizeof *x->keys);
        if (x->keys == NULL) {
            x->keys = old;
            return MK_ENOMEM;
        }
        x->capkeys = nc;
        for (size_t i = 0; i < oc; i++)
            if (old[i].known)
                *key_slot(x, x->names.p + old[i].off, old[i].len, old[i].type) = old[i];
        free(old);
    }
    struct key *k = key_slot(x, x->names.p + off, n, type);
    if (k->known == 0)
        x->nkeys++;
    *k = (struct key){ off, n, known + 1, type };
    return 0;
}

/* The newest known entry of TYPE with key S[0..N), or NULL. */
static const struct known *
lookup(const mk_extractor *x, const char *s, size_t n, int type)
{
    if (x->capkeys == 0)
        return NULL;
    const struct key *k = key_slot(x, s, n, type);
    return k->known ? &x->known[k->known - 1] : NULL;
}

/* Is S[0..N) a person's name written in two to four Han characters (a
 * family name of one and a given name)? */
static int
han_name(const char *s, size_t n, int type)
{
    if (type != MK_ENT_PERSON || n < 6 || n > 12 || n % 3 != 0)
        return 0;
    for (size_t i = 0; i < n; i += 3) {
        size_t k;
        uint32_t u = mk__utf8_decode((const unsigned char *)s + i, n - i, &k);
        if (k != 3 || u < 0x4E00 || u > 0x9FFF)
            return 0;
    }
    return 1;
}

/* Remember name S[0..N) of TYPE with value V[0..VN). FIND: the document's
 * later uses of the whole name are found by it (a person, an acronym, an
 * institution's name with spaces); else it only gives short forms their
 * value (an institution's name in a script without spaces, which the
 * rules find themselves: its head word alone is no mention). */
static int
know(mk_extractor *x, const char *s, size_t n, const char *v, size_t vn, int type, int find)
{
    int ktype = find ? type : KEY_ORG_PREFIX;
    /* a name the document defines again the same way is known already: a
     * long document that repeats its names does not make the lists (and
     * the scans over them) grow */
    const struct known *old = lookup(x, s, n, ktype);
    /* the first words of a longer name it knows already stand for that */
    if (!find && old != NULL)
        return 0;
    if (old != NULL && old->len == n && old->val_len == vn && memcmp(x->names.p + old->off, s, n) == 0 &&
        memcmp(x->names.p + old->val, v, vn) == 0)
        return 0;
    if (mk__grow((void **)&x->known, &x->capknown, x->nknown + 1, sizeof *x->known) != 0)
        return MK_ENOMEM;
    struct known *k = &x->known[x->nknown];
    /* V may be a value kept in names, which growing it moves */
    int inside = x->names.p != NULL && v >= x->names.p && v < x->names.p + x->names.len;
    size_t voff = inside ? (size_t)(v - x->names.p) : 0;
    k->off = x->names.len;
    k->len = n;
    k->type = type;
    /* room for both first: then neither add moves the buffer under V */
    if (mk__buf_reserve(&x->names, n + vn) != 0 || mk__buf_add(&x->names, s, n) != 0)
        return MK_ENOMEM;
    if (inside)
        v = x->names.p + voff;
    k->val = x->names.len;
    k->val_len = vn;
    if (mk__buf_add(&x->names, v, vn) != 0)
        return MK_ENOMEM;
    size_t idx = x->nknown++, off = k->off;
    if (add_key(x, off, n, ktype, idx) != 0)
        return MK_ENOMEM;
    if (find && type == MK_ENT_ORG && n >= 6 && (unsigned char)x->names.p[off] >= 0xE0 &&
        (unsigned char)x->names.p[off] < 0xF0) {
        if (mk__grow((void **)&x->acr_next, &x->capacr, x->nknown, sizeof *x->acr_next) != 0)
            return MK_ENOMEM;
        unsigned b = acr_bucket(x->names.p + off);
        x->acr_next[idx] = x->acr_head[b];
        x->acr_head[b] = idx + 1;
    }
    /* the first words of an institution's full name, a short form of it
     * ("Straits Meridian" of "Straits Meridian Logistics Pte. Ltd.", "Sở Y
     * tế" of "Sở Y tế Tp. HCM"); in a script without spaces, its first
     * four characters or more ("ພະແນກສາທາລະນະສຸກແຂວງ" of
     * "ພະແນກສາທາລະນະສຸກແຂວງຫຼວງພະບາງ"). Kept under their own type: they
     * give a found institution its value, and find none. */
    if (type == MK_ENT_ORG && vn == n && memcmp(x->names.p + k->val, x->names.p + off, n) == 0) {
        const char *s2 = x->names.p + off;
        int unspaced = (unsigned char)s2[0] >= 0xE0 && (unsigned char)s2[0] < 0xF0;
        size_t chars = 0;
        for (size_t b = 1; b < n; b++) {
            if (((unsigned char)s2[b] & 0xC0) == 0x80)
                continue;
            chars++;
            int cut = unspaced ? chars >= 4 && s2[b - 1] != ' ' : s2[b] == ' ' && b >= 4;
            if (cut && add_key(x, off, b, KEY_ORG_PREFIX, idx) != 0)
                return MK_ENOMEM;
        }
    }
    /* the family name of a Chinese one ("刘" of "刘建华") */
    if (han_name(x->names.p + off, n, type) && add_key(x, off, 3, type, idx) != 0)
        return MK_ENOMEM;
    /* each word of a person's full name ("Zhou", "Hanlin") */
    if (type == MK_ENT_PERSON)
        for (size_t a = 0; a < n;) {
            size_t b = a;
            while (b < n && x->names.p[off + b] != ' ')
                b++;
            if (b - a >= 2 && b - a < n && add_key(x, off + a, b - a, type, idx) != 0)
                return MK_ENOMEM;
            /* and the words from the second on ("Lan Anh" of "Nguyễn Thị
             * Lan Anh") */
            if (a > 0 && b < n && add_key(x, off + a, n - a, type, idx) != 0)
                return MK_ENOMEM;
            a = b + 1;
        }
    return 0;
}

/* The value of a name S[0..N) of TYPE: the full name of the person it is
 * part of ("Zhou" of "Zhou Hanlin"), the institution an acronym stands
 * for, else itself. *V and *VN point into x->names or at S. */
static void
name_value(const mk_extractor *x, const char *s, size_t n, int type, const char **v, size_t *vn)
{
    const struct known *kn = lookup(x, s, n, type);

    *v = s;
    *vn = n;
    if (kn != NULL) {
        *v = x->names.p + kn->val;
        *vn = kn->val_len;
    }
}

static int
add_name(mk_extractor *x, size_t sb, size_t eb, int type, const char *v, size_t vn)
{
    rawent *r = new_raw(x);
    if (r == NULL)
        return MK_ENOMEM;
    r->type = type;
    r->start_b = sb;
    r->end_b = eb;
    r->val_off = x->vals.len;
    /* the value without the zero-width spaces Khmer writes between words */
    for (size_t i = 0; i < vn;) {
        if (i + 3 <= vn && memcmp(v + i, "\xE2\x80\x8B", 3) == 0) {
            i += 3;
            continue;
        }
        size_t j = i;
        while (j < vn && !(j + 3 <= vn && memcmp(v + j, "\xE2\x80\x8B", 3) == 0))
            j++;
        if (mk__buf_add(&x->vals, v + i, j - i) != 0)
            return MK_ENOMEM;
        i = j;
    }
    if (mk__buf_add(&x->vals, "", 1) != 0)
        return MK_ENOMEM;
    return 0;
}

/* People and institutions of a piece: the rules' finds, then the short
 * mentions of names the document gave in full before. */
/* The tagger's model for LANG ("en", "th"; a region subtag is ignored),
 * loaded from the program's built-in models the first time; NULL when
 * there is none. */
static const mk__ner *
model_for(mk_extractor *x, const char *lang)
{
    char l[8];
    size_t n = strcspn(lang, "-_");

    if (n == 0 || n >= sizeof l)
        return NULL;
    memcpy(l, lang, n);
    l[n] = '\0';
    if (strcmp(l, "tl") == 0)
        strcpy(l, "fil");
    for (size_t i = 0; i < x->nmodels; i++)
        if (strcmp(x->models[i].lang, l) == 0)
            return x->models[i].m;
    if (x->nmodels == sizeof x->models / sizeof x->models[0])
        return NULL;
    struct model *md = &x->models[x->nmodels++];
    snprintf(md->lang, sizeof md->lang, "%s", l);
    md->m = NULL;
    for (size_t i = 0; i < mk__ner_nbuiltins; i++)
        if (mk__ner_builtins[i].lang != NULL && strcmp(mk__ner_builtins[i].lang, l) == 0) {
            mk_error e;
            md->m = mk__ner_load(mk__ner_builtins[i].data, mk__ner_builtins[i].len, &e);
            break;
        }
    return md->m;
}

/* The tagger's people, institutions and places in TEXT, as name matches. */
static long
tag_names(mk_extractor *x, const char *text, size_t len, const char *lang)
{
    const mk__ner *m = model_for(x, lang);
    const mk__ner_tok *toks;
    const mk__ner_span *sp;
    mk_error err;

    if (m == NULL)
        return 0;
    if (x->nw == NULL && (x->nw = mk__ner_work_new(&err)) == NULL)
        return MK_ENOMEM;
    mk__ner_work_all_types(x->nw, 1);
    int nt = mk__ner_tokenize(x->nw, text, len, &toks, &err);
    if (nt < 0)
        return nt;
    int ns = mk__ner_spans(m, x->nw, toks, (size_t)nt, &sp, &err);
    if (ns < 0)
        return ns;
    if (mk__grow((void **)&x->tagged, &x->captagged, (size_t)ns + 1, sizeof *x->tagged) != 0)
        return MK_ENOMEM;
    long k = 0;
    for (int i = 0; i < ns; i++) {
        int type = sp[i].type == MK__NER_PER ? MK_ENT_PERSON : sp[i].type == MK__NER_ORG ? MK_ENT_ORG
                 : sp[i].type == MK__NER_LOC ? MK_ENT_LOCATION
                 : sp[i].type == MK__NER_MISC ? MK__ENT_OTHER : 0;
        if (type == 0)
            continue;
        const mk__ner_tok *a = &toks[sp[i].first], *b = &toks[sp[i].last];
        x->tagged[k].start_b = (size_t)(a->s - text);
        x->tagged[k].end_b = (size_t)(b->s + b->len - text);
        x->tagged[k].type = type;
        x->tagged[k].flags = 0;
        x->tagged[k].name_b = x->tagged[k].start_b;
        k++;
    }
    return k;
}

/* Rows in order of piece, start, type and end. */
static int
cmp_raw(const void *a, const void *b)
{
    const rawent *x = a, *y = b;
    if (x->piece != y->piece)
        return x->piece < y->piece ? -1 : 1;
    if (x->start_b != y->start_b)
        return x->start_b < y->start_b ? -1 : 1;
    if (x->type != y->type)
        return x->type - y->type;
    return x->end_b < y->end_b ? -1 : x->end_b > y->end_b;
}

/* Does an entity of piece P overlap [SB, EB)? Its entities are the
 * piece's range of the sorted rows (late_acronyms sorts them) and those
 * added since FIRST; a scan of every row made long documents quadratic. */
static int
piece_taken(const mk_extractor *x, size_t p, size_t sb, size_t eb, size_t first)
{
    const struct pinfo *pi = &x->pinfo[p];

    for (size_t i = pi->raw_lo; i < pi->raw_hi; i++)
        if (sb < x->raw[i].end_b && x->raw[i].start_b < eb)
            return 1;
    for (size_t i = first; i < x->nraw; i++)
        if (x->raw[i].piece == p && sb < x->raw[i].end_b && x->raw[i].start_b < eb)
            return 1;
    return 0;
}

/* The word buffers of the short-mention scans, made on first use. */
static int
word_buffers(mk_extractor *x)
{
    if (x->ws == NULL) {
        x->ws = malloc(4096 * sizeof *x->ws);
        x->we = malloc(4096 * sizeof *x->we);
        x->wc = malloc(4096 * sizeof *x->wc);
    }
    return x->ws == NULL || x->we == NULL || x->wc == NULL ? MK_ENOMEM : 0;
}

/* Known acronyms in a script without spaces, which words do not delimit
 * ("ក.អ.យ.ក", "สพฐ.", "中总"), wherever they stand in TEXT: those known
 * from entry MIN_KNOWN on, where nothing else was found (the piece's
 * entities from FIRST_RAW on, or when PIECE >= 0 all of that piece's). */
static int
acronyms_unspaced(mk_extractor *x, const char *text, size_t len, size_t first_raw,
                  size_t min_known, long piece)
{
    for (size_t p = 0; p + 6 <= len && x->capacr > 0;) {
        unsigned char c = (unsigned char)text[p];
        size_t hit = 0;
        if (c >= 0xE0 && c < 0xF0)
            for (size_t k = x->acr_head[acr_bucket(text + p)]; k != 0 && !hit;
                 k = x->acr_next[k - 1]) {
                const struct known *kn = &x->known[k - 1];
                if (k - 1 < min_known || kn->len > len - p ||
                    memcmp(text + p, x->names.p + kn->off, kn->len) != 0)
                    continue;
                if (piece >= 0 ? piece_taken(x, (size_t)piece, p, p + kn->len, first_raw)
                               : overlaps_from(x, first_raw, p, p + kn->len, MK_ENT_PERSON) ||
                                 overlaps_from(x, first_raw, p, p + kn->len, MK_ENT_ORG) ||
                                 overlaps_from(x, first_raw, p, p + kn->len, MK_ENT_EMAIL) ||
                                 overlaps_from(x, first_raw, p, p + kn->len, MK_ENT_PHONE))
                    continue;
                if (add_name(x, p, p + kn->len, MK_ENT_ORG, x->names.p + kn->val, kn->val_len) != 0)
                    return MK_ENOMEM;
                hit = kn->len;
            }
        if (hit > 0) {
            p += hit;
            continue;
        }
        p++;
        while (p < len && ((unsigned char)text[p] & 0xC0) == 0x80)
            p++;
    }
    return 0;
}

static int defined_acronym(const mk_extractor *x, const struct known *k);

/* Does S start with a letter of Thai, Lao, Khmer or Burmese? */
static int
sea_unspaced(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    return (u[0] == 0xE0 && u[1] >= 0xB8 && u[1] <= 0xBB) ||      /* Thai, Lao */
           (u[0] == 0xE1 && ((u[1] >= 0x9E && u[1] <= 0x9F) ||    /* Khmer */
                             (u[1] >= 0x80 && u[1] <= 0x81)));    /* Burmese */
}

/* Does a title stand right before name M of TEXT: glued to it, or the
 * word before ("H.E. Sok Chanthou"; not "spokesman for Air France")? */
static int
title_before(const char *text, const mk_name_match *m, const char *lang)
{
    size_t e = m->start_b, b;

    if (m->name_b > m->start_b)
        return 1;
    while (e > 0 && text[e - 1] == ' ')
        e--;
    for (b = e; b > 0 && text[b - 1] != ' ';)
        b--;
    return e > b && mk__names_is_title(text + b, e - b, lang);
}

static int
names_add(mk_extractor *x, const char *text, size_t len, const char *lang, size_t first_raw,
          const mk_name_match *tagged, size_t ntagged)
{
    /* countries by name where no tagger reads the language, and in
     * Chinese, where the one there is misses most places */
    int places = (x->types & MK_ENT_LOCATION) &&
                 (model_for(x, lang) == NULL || strncmp(lang, "zh", 2) == 0);
    size_t c = mk__names_find(text, len, lang, tagged, ntagged, places, x->nm, x->capnm), i;

    if (c > x->capnm) {
        if (mk__grow((void **)&x->nm, &x->capnm, c, sizeof *x->nm) != 0)
            return MK_ENOMEM;
        c = mk__names_find(text, len, lang, tagged, ntagged, places, x->nm, x->capnm);
    }
    /* full names first, then the acronyms defined after them, then the
     * other uses of those acronyms in the same piece */
    for (int pass = 0; pass < 3; pass++)
        for (i = 0; i < c; i++) {
            const mk_name_match *m = &x->nm[i];
            int acr = (m->flags & MK_NAME_ACRONYM) != 0, use = 0;
            for (size_t q = 0; q < c && !acr; q++)
                use |= (x->nm[q].flags & MK_NAME_ACRONYM) && q != i &&
                       x->nm[q].end_b - x->nm[q].start_b == m->end_b - m->start_b &&
                       memcmp(text + x->nm[q].start_b, text + m->start_b, m->end_b - m->start_b) == 0;
            if ((pass == 0 && (acr || use)) || (pass == 1 && !acr) || (pass == 2 && !use) ||
                !(x->types & m->type))
                continue;
            if (overlaps_from(x, first_raw, m->start_b, m->end_b, MK_ENT_EMAIL) ||
                overlaps_from(x, first_raw, m->start_b, m->end_b, MK_ENT_PHONE))
                continue;
            /* the value leaves out a title glued to the name */
            const char *s = text + m->name_b, *v;
            size_t n = m->end_b - m->name_b, vn;
            if (acr) {
                /* the name just before the bracket */
                size_t best = SIZE_MAX;
                for (size_t k = 0; k < c; k++)
                    if (x->nm[k].end_b < m->start_b &&
                        (best == SIZE_MAX || x->nm[k].end_b > x->nm[best].end_b) &&
                        !(x->nm[k].flags & MK_NAME_ACRONYM))
                        best = k;
                if (best == SIZE_MAX)
                    continue;
                const char *fs = text + x->nm[best].start_b, *fv;
                size_t fn = x->nm[best].end_b - x->nm[best].start_b, fvn;
                name_value(x, fs, fn, x->nm[best].type, &fv, &fvn);
                if (know(x, s, n, fv, fvn, m->type, 1) != 0)
                    return MK_ENOMEM;
            }
            /* what the story defined as an institution's acronym is that
             * institution, wherever the tagger took it for a person
             * ("Kadin menargetkan ...") */
            int type = m->type;
            if (type == MK_ENT_PERSON && !acr && (x->types & MK_ENT_ORG)) {
                const struct known *ak = lookup(x, s, n, MK_ENT_ORG);
                if (ak != NULL && defined_acronym(x, ak))
                    type = MK_ENT_ORG;
            }
            name_value(x, s, n, type, &v, &vn);
            if (add_name(x, m->start_b, m->end_b, type, v, vn) != 0)
                return MK_ENOMEM;
            /* a person named in full: later mentions of a part take it;
             * an institution's full name: later short forms take it */
            if (!acr && v == s && (memchr(s, ' ', n) != NULL || han_name(s, n, type))) {
                if (know(x, s, n, s, n, type, 1) != 0)
                    return MK_ENOMEM;
                /* written after a title ("H.E. Sok Chanthou"): a person
                 * wherever the tagger takes the name for something else */
                const struct known *pk = lookup(x, s, n, type);
                if (type == MK_ENT_PERSON && (m->flags & MK_NAME_TITLED) && pk != NULL &&
                    title_before(text, m, lang) &&
                    pk->len == n && add_key(x, pk->off, n, KEY_PERSON_TITLED, (size_t)(pk - x->known)) != 0)
                    return MK_ENOMEM;
            }
            if (!acr && v == s && type == MK_ENT_ORG && n >= 12 && sea_unspaced(s) &&
                memchr(s, ' ', n) == NULL && know(x, s, n, s, n, type, 0) != 0)
                return MK_ENOMEM;
        }
    /* short mentions: a capitalized word that is part of a known person's
     * full name, or a known acronym */
    if (x->nknown == 0)
        return 0;
    if (word_buffers(x) != 0)
        return MK_ENOMEM;
    size_t nw = mk__names_words(text, len, x->ws, x->we, x->wc, 4096);
    for (i = 0; i < nw; i++) {
        size_t sb = x->ws[i], eb = x->we[i];
        if (x->nraw > first_raw &&
            (overlaps_from(x, first_raw, sb, eb, MK_ENT_PERSON) ||
             overlaps_from(x, first_raw, sb, eb, MK_ENT_ORG) ||
             overlaps_from(x, first_raw, sb, eb, MK_ENT_EMAIL)))
            continue;
        static const int types[] = { MK_ENT_PERSON, MK_ENT_ORG, MK_ENT_LOCATION };
        for (size_t ty = 0; ty < sizeof types / sizeof types[0]; ty++) {
            if (!(x->types & types[ty]))
                continue;
            /* a person's single word must be capitalized */
            if (types[ty] == MK_ENT_PERSON && x->wc[i] != 1)
                continue;
            const struct known *kn = lookup(x, text + sb, eb - sb, types[ty]);
            /* an acronym with a word after it ("DPMPTSP Sulsel") */
            size_t e2 = 0;
            if (kn == NULL && types[ty] == MK_ENT_ORG && i + 1 < nw && x->wc[i] == 2 &&
                x->ws[i + 1] == eb + 1 && text[eb] == ' ' && x->wc[i + 1] != 0 &&
                (kn = lookup(x, text + sb, x->we[i + 1] - sb, MK_ENT_ORG)) != NULL) {
                /* that the story defined: not its own value */
                if (kn->val_len == kn->len && memcmp(x->names.p + kn->val, x->names.p + kn->off, kn->len) == 0)
                    kn = NULL;
                else
                    e2 = x->we[i + 1];
            }
            if (kn == NULL)
                continue;
            const char *ks = x->names.p + kn->off;
            /* two words of the full name in a row are one mention */
            size_t e = e2 ? e2 : eb, j = e2 ? i + 1 : i;
            while (kn->type == MK_ENT_PERSON && j + 1 < nw && x->ws[j + 1] == x->we[j] + 1 &&
                   text[x->we[j]] == ' ') {
                size_t n2 = x->we[j + 1] - sb;
                int inside = 0;
                for (size_t o = 0; o + n2 <= kn->len && !inside; o++)
                    inside = memcmp(ks + o, text + sb, n2) == 0;
                if (!inside)
                    break;
                j++;
                e = x->we[j];
            }
            /* one word of a name is no mention where another capitalized
             * word goes on from it ("Hà Nội" after "Lê Thị Thu Hà"), nor
             * where it is a title ("tiếng Anh" after "Lan Anh") */
            if (j == i && kn->type == MK_ENT_PERSON &&
                ((i + 1 < nw && x->ws[i + 1] == eb + 1 && text[eb] == ' ' && x->wc[i + 1] != 0) ||
                 mk__names_is_title(text + sb, eb - sb, lang)))
                continue;
            if (add_name(x, sb, e, kn->type, x->names.p + kn->val, kn->val_len) != 0)
                return MK_ENOMEM;
            i = j;
            break;
        }
    }
    /* a known acronym in a script without spaces, wherever it stands */
    if (!(x->types & MK_ENT_ORG))
        return 0;
    return acronyms_unspaced(x, text, len, first_raw, 0, -1);
}

static int
overlaps(const rawent *r, size_t nraw, size_t piece, size_t sb, size_t eb, int type)
{
    for (size_t i = nraw; i-- > 0 && r[i].piece == piece;)
        if (r[i].type == type && sb < r[i].end_b && r[i].start_b < eb)
            return 1;
    return 0;
}

int
mk_extract_add(mk_extractor *x, const char *text, size_t len, const char *lang, mk_error *err)
{
    size_t i, first_raw = x->nraw;
    long n;

    if (lang == NULL)
        lang = "und";
    if (x->types & MK_ENT_EMAIL) {
        size_t c = mk__email_find(text, len, x->em, x->capem);
        if (c > x->capem) {
            if (mk__grow((void **)&x->em, &x->capem, c, sizeof *x->em) != 0)
                goto nomem;
            c = mk__email_find(text, len, x->em, x->capem);
        }
        for (i = 0; i < c; i++) {
            rawent *r = new_raw(x);
            if (r == NULL)
                goto nomem;
            r->type = MK_ENT_EMAIL;
            r->start_b = x->em[i].start_b;
            r->end_b = x->em[i].end_b;
            r->kind = x->em[i].kind;
            r->val_off = x->vals.len;
            if (mk__buf_add(&x->vals, x->em[i].value, strlen(x->em[i].value) + 1) != 0)
                goto nomem;
        }
    }
    if (x->types & MK_ENT_PHONE) {
        size_t c = mk__phone_find(text, len, x->pc, x->cappc);
        if (c > x->cappc) {
            if (mk__grow((void **)&x->pc, &x->cappc, c, sizeof *x->pc) != 0)
                goto nomem;
            c = mk__phone_find(text, len, x->pc, x->cappc);
        }
        hint hints[MAX_HINTS];
        size_t nh = 0;
        /* places named near the national numbers: a window around each */
        size_t lo = len, hi = 0;
        for (i = 0; i < c && !x->region[0]; i++)
            if (!x->pc[i].intl) {
                size_t a = x->pc[i].start_b > HINT_BEFORE ? x->pc[i].start_b - HINT_BEFORE : 0;
                size_t b = x->pc[i].end_b + HINT_AFTER < len ? x->pc[i].end_b + HINT_AFTER : len;
                lo = a < lo ? a : lo;
                hi = b > hi ? b : hi;
            }
        if (lo < hi) {
            while (lo > 0 && ((unsigned char)text[lo] & 0xC0) == 0x80)
                lo--;
            while (hi < len && ((unsigned char)text[hi] & 0xC0) == 0x80)
                hi++;
            nh = scan_hints(x, text + lo, hi - lo, hints);
            for (size_t k = 0; k < nh; k++)
                hints[k].at += lo;
        }
        const char *lr = mk__phone_lang_region(lang);
        for (i = 0; i < c; i++) {
            if (overlaps_from(x, first_raw, x->pc[i].start_b, x->pc[i].end_b, MK_ENT_EMAIL))
                continue;
            rawent *r = new_raw(x);
            if (r == NULL)
                goto nomem;
            r->type = MK_ENT_PHONE;
            r->start_b = x->pc[i].start_b;
            r->end_b = x->pc[i].end_b;
            r->phone = x->pc[i];
            const char *near = nearest_hint(hints, nh, x->pc[i].start_b);
            snprintf(r->hint, sizeof r->hint, "%s", near ? near : "");
            snprintf(r->lang_region, sizeof r->lang_region, "%s", lr ? lr : "");
        }
    }
    if (x->types & MK_ENT_DATE) {
        int df = (day_first(x, lang) ? MK_DATES_DAY_FIRST : 0) | (x->timeml ? MK_DATES_TIMEML : 0);
        n = mk__dates_find(x->df, text, len, lang, df, x->dm, x->capdm);
        if (n < 0)
            goto nomem;
        if ((size_t)n > x->capdm) {
            if (mk__grow((void **)&x->dm, &x->capdm, (size_t)n, sizeof *x->dm) != 0)
                goto nomem;
            n = mk__dates_find(x->df, text, len, lang, df, x->dm, x->capdm);
            if (n < 0)
                goto nomem;
        }
        for (i = 0; i < (size_t)n; i++) {
            const mk_date_match *m = &x->dm[i];
            if (overlaps(x->raw, x->nraw, x->pieces, m->start_b, m->end_b, MK_ENT_EMAIL) ||
                overlaps(x->raw, x->nraw, x->pieces, m->start_b, m->end_b, MK_ENT_PHONE))
                continue;
            const mk_date *d = &m->date;
            int plain = d->m && d->d && !d->wday && d->yrel == MK_DATE_NONE &&
                        d->mrel == MK_DATE_NONE && d->wrel == MK_DATE_NONE &&
                        d->drel == MK_DATE_NONE && !d->decade;
            if (plain && d->y && !x->any_y)
                x->any_y = d->y;
            if (mk__date_absolute(d) && !d->decade) {
                if (!x->min_y || d->y < x->min_y)
                    x->min_y = d->y;
                if (d->y > x->max_y)
                    x->max_y = d->y;
            }
            /* "SIHANOUKVILLE, Sept 3 -- ... on Tuesday signed": a weekday
             * told in the past in the dateline's own paragraph */
            if (d->wday && d->wdir == 0 && !d->m && !d->d && d->wrel == MK_DATE_NONE &&
                d->future <= 0 && x->dl_rank == 2 && x->dl_piece == x->seen)
                x->wdays |= 1 << d->wday;
            if (plain && x->dl_rank != 1) {
                if (len <= 160 && dateline_word_before(text, m->start_b)) {
                    x->dl_rank = 1;
                    x->dl = *d;
                } else if (x->dl_rank == 0 && x->seen < 4 && i == 0 &&
                           opening_dateline(text, len, m->start_b, m->end_b)) {
                    x->dl_rank = 2;
                    x->dl = *d;
                    x->dl_piece = x->seen;
                }
            }
            rawent *r = new_raw(x);
            if (r == NULL)
                goto nomem;
            r->type = MK_ENT_DATE;
            r->start_b = m->start_b;
            r->end_b = m->end_b;
            r->date = *d;
        }
    }
    if (x->types & (MK_ENT_PERSON | MK_ENT_ORG | MK_ENT_LOCATION)) {
        /* people and institutions wait for the document's end */
        /* room for one more byte: an empty document still has a buffer;
         * the piece is counted only once its text is kept */
        if (mk__grow((void **)&x->pinfo, &x->cappinfo, x->npinfo + 1, sizeof *x->pinfo) != 0 ||
            mk__buf_reserve(&x->ptext, len + 1) != 0)
            goto nomem;
        struct pinfo *pi = &x->pinfo[x->npinfo++];
        pi->off = x->ptext.len;
        pi->len = len;
        pi->raw_lo = first_raw;
        pi->raw_hi = x->nraw;
        snprintf(pi->lang, sizeof pi->lang, "%s", lang);
        if (mk__buf_add(&x->ptext, text, len) != 0)
            goto nomem;
    }
    if (set_offsets(x, text, first_raw) != 0)
        goto nomem;
    x->pieces++;
    x->seen++;
    return 0;
nomem:
    return mk__err(err, MK_ENOMEM, 0, "out of memory");
}

/* The text copies and code-point offsets of raws FIRST.. of TEXT. */
static int
set_offsets(mk_extractor *x, const char *text, size_t first_raw)
{
    size_t i;

    for (i = first_raw; i < x->nraw; i++) {
        rawent *r = &x->raw[i];
        r->txt_off = x->vals.len;
        if (mk__buf_add(&x->vals, text + r->start_b, r->end_b - r->start_b) != 0)
            goto nomem;
        /* code points counted on from the nearest entity before, not from
         * the paragraph's start each time */
        size_t from_b = 0, from_cp = 0;
        for (size_t k = first_raw; k < i; k++)
            if (x->raw[k].end_b <= r->start_b && x->raw[k].end_b > from_b) {
                from_b = x->raw[k].end_b;
                from_cp = x->raw[k].end;
            }
        r->start = from_cp + mk_utf8_count(text + from_b, r->start_b - from_b);
        r->end = r->start + mk_utf8_count(text + r->start_b, r->end_b - r->start_b);
    }
    return 0;
nomem:
    return MK_ENOMEM;
}

static int
same_lang(const char *a, const char *b)
{
    size_t na = strcspn(a, "-_"), nb = strcspn(b, "-_");
    return na == nb && memcmp(a, b, na) == 0;
}

/* Is known entry K an acronym the document defined ("DOH" for "Kagawaran
 * ng Kalusugan"): an institution, one word, not its own value? */
static int
defined_acronym(const mk_extractor *x, const struct known *k)
{
    return k->type == MK_ENT_ORG && memchr(x->names.p + k->off, ' ', k->len) == NULL &&
           !(k->val_len == k->len && memcmp(x->names.p + k->val, x->names.p + k->off, k->len) == 0);
}

/* The acronyms defined after a piece was read, where that piece uses them
 * and nothing else was found there. */
static int
late_acronyms(mk_extractor *x)
{
    size_t nk = x->nknown, i = 0;

    /* each piece's rows, in order, for piece_taken */
    if (x->nraw > 1)
        qsort(x->raw, x->nraw, sizeof *x->raw, cmp_raw);
    for (size_t p = 0; p < x->npinfo; p++) {
        x->pinfo[p].raw_lo = i;
        while (i < x->nraw && x->raw[i].piece == p)
            i++;
        x->pinfo[p].raw_hi = i;
    }
    for (size_t p = 0; p < x->npinfo; p++) {
        const struct pinfo *pi = &x->pinfo[p];
        if (pi->known_before >= nk)
            continue;
        const char *text = x->ptext.p + pi->off;
        size_t len = pi->len, first = x->nraw;
        x->pieces = p;
        if (word_buffers(x) != 0)
            return MK_ENOMEM;
        size_t nw = mk__names_words(text, len, x->ws, x->we, x->wc, 4096);
        for (size_t i = 0; i < nw; i++) {
            size_t sb = x->ws[i], eb = x->we[i];
            if (x->wc[i] == 0)
                continue;
            const struct known *kn = lookup(x, text + sb, eb - sb, MK_ENT_ORG);
            if (kn == NULL || (size_t)(kn - x->known) < pi->known_before || !defined_acronym(x, kn) ||
                piece_taken(x, p, sb, eb, first))
                continue;
            if (add_name(x, sb, eb, MK_ENT_ORG, x->names.p + kn->val, kn->val_len) != 0)
                return MK_ENOMEM;
        }
        /* in scripts without spaces, wherever it stands */
        if (acronyms_unspaced(x, text, len, first, pi->known_before, (long)p) != 0)
            return MK_ENOMEM;
        if (x->nraw > first && set_offsets(x, text, first) != 0)
            return MK_ENOMEM;
    }
    return 0;
}

/* Burmese: a person the tagger read as one that holds a second title
 * inside (ဦးဖိုးမှီဒေါ်အေးတင်, "U Pho Hmi and Daw Aye Tin", a couple as
 * Burmese writes it) is two people, each with their title. */
static int
split_burmese_couples(mk_extractor *x, const char *text, size_t *nt)
{
    static const char *const titles[] = { "ဦး", "ဒေါ်" };
    size_t n = *nt;

    for (size_t i = 0; i < n; i++) {
        if (x->tagged[i].type != MK_ENT_PERSON)
            continue;
        size_t a = x->tagged[i].start_b, e = x->tagged[i].end_b;
        for (size_t q = a + 6; q < e; q++) {
            size_t tl = 0;
            for (size_t k = 0; k < 2 && tl == 0; k++)
                if (strlen(titles[k]) < e - q && memcmp(text + q, titles[k], strlen(titles[k])) == 0)
                    tl = strlen(titles[k]);
            /* a title starts the second name: it follows a whole letter,
             * not a vowel sign or a mark of the first */
            if (tl == 0 || (unsigned char)text[q + tl] != 0xE1)
                continue;
            if (mk__grow((void **)&x->tagged, &x->captagged, n + 1, sizeof *x->tagged) != 0)
                return MK_ENOMEM;
            /* in order: the second right after the first */
            memmove(&x->tagged[i + 2], &x->tagged[i + 1], (n - i - 1) * sizeof *x->tagged);
            x->tagged[i + 1] = x->tagged[i];
            x->tagged[i + 1].start_b = q;
            x->tagged[i + 1].name_b = q;
            x->tagged[i].end_b = q;
            n++;
            i++;
            break;
        }
    }
    *nt = n;
    return 0;
}

/* What else a name R (text TXT[0..N), its own value) of the document
 * stands for, as the whole document tells, or NULL; R's type is set to
 * it:
 * - the first words of an institution's full name (a short form: "Straits
 *   Meridian", "Sở Y tế") where the words left out hold no other head
 *   word, even where the tagger took them for a person;
 * - a person the document named after a title, where the tagger took the
 *   name for an institution. */
static const struct known *
other_form(mk_extractor *x, rawent *r, const char *txt, size_t n)
{
    const char *lang = x->pinfo[r->piece].lang;
    const struct known *kn = NULL;

    if ((r->type == MK_ENT_ORG || r->type == MK_ENT_PERSON) && (x->types & MK_ENT_ORG) &&
        (kn = lookup(x, txt, n, KEY_ORG_PREFIX)) != NULL && kn->val_len > n &&
        /* not a place the document names ("United States" of "United
         * States Oil Co") */
        lookup(x, txt, n, MK_ENT_LOCATION) == NULL && mk__place_at(lang, txt, n, 0) != n &&
        mk__names_short_form(x->names.p + kn->val, kn->val_len, n, lang)) {
        r->type = MK_ENT_ORG;
        return kn;
    }
    if (r->type == MK_ENT_ORG && (x->types & MK_ENT_PERSON) &&
        (kn = lookup(x, txt, n, KEY_PERSON_TITLED)) != NULL) {
        r->type = MK_ENT_PERSON;
        return kn;
    }
    return NULL;
}

/* People, institutions and places of the document's pieces: the tagger
 * over the whole document (one language) or piece by piece (several),
 * then the rules, piece by piece in order. */
static int
names_doc(mk_extractor *x)
{
    size_t p, k = 0, ns = 0;
    const mk__ner_doc_span *ds = NULL;
    const mk__ner *m = NULL;
    mk_error err;
    int one = 1;

    if (x->npinfo == 0)
        return 0;
    for (p = 1; p < x->npinfo; p++)
        one &= same_lang(x->pinfo[p].lang, x->pinfo[0].lang);
    if (one && (m = model_for(x, x->pinfo[0].lang)) != NULL) {
        if (x->nw == NULL && (x->nw = mk__ner_work_new(&err)) == NULL)
            return MK_ENOMEM;
        mk__ner_work_all_types(x->nw, 1);
        if (x->npinfo > x->capptexts) {
            size_t nc = x->npinfo;
            const char **t = realloc(x->ptexts, nc * sizeof *t);
            if (t == NULL)
                return MK_ENOMEM;
            x->ptexts = t;
            size_t *l = realloc(x->plens, nc * sizeof *l);
            if (l == NULL)
                return MK_ENOMEM;
            x->plens = l;
            x->capptexts = nc;
        }
        for (p = 0; p < x->npinfo; p++) {
            x->ptexts[p] = x->ptext.p + x->pinfo[p].off;
            x->plens[p] = x->pinfo[p].len;
        }
        int n = mk__ner_tag_doc(m, x->nw, x->ptexts, x->plens, x->npinfo, &ds, &err);
        if (n < 0)
            return n;
        ns = (size_t)n;
    }
    for (p = 0; p < x->npinfo; p++) {
        const struct pinfo *pi = &x->pinfo[p];
        const char *text = x->ptext.p + pi->off;
        size_t nt = 0;
        if (one) {
            /* this piece's spans of the document's */
            for (; k < ns && ds[k].piece < p; k++)
                ;
            size_t k0 = k;
            while (k < ns && ds[k].piece == p)
                k++;
            if (mk__grow((void **)&x->tagged, &x->captagged, k - k0 + 1, sizeof *x->tagged) != 0)
                return MK_ENOMEM;
            for (size_t q = k0; q < k; q++) {
                int type = ds[q].type == MK__NER_PER ? MK_ENT_PERSON
                         : ds[q].type == MK__NER_ORG ? MK_ENT_ORG
                         : ds[q].type == MK__NER_LOC ? MK_ENT_LOCATION
                         : ds[q].type == MK__NER_MISC ? MK__ENT_OTHER : 0;
                if (type == 0)
                    continue;
                x->tagged[nt].start_b = ds[q].start_b;
                x->tagged[nt].end_b = ds[q].end_b;
                x->tagged[nt].type = type;
                x->tagged[nt].flags = 0;
                x->tagged[nt].name_b = x->tagged[nt].start_b;
                nt++;
            }
        } else {
            long t = tag_names(x, text, pi->len, pi->lang);
            if (t < 0)
                return MK_ENOMEM;
            nt = (size_t)t;
        }
        if (strncmp(pi->lang, "my", 2) == 0 && split_burmese_couples(x, text, &nt) != 0)
            return MK_ENOMEM;
        /* the piece's own raws are found by range: its dates, phones and
         * e-mails, then the names added now */
        size_t first = x->nraw;
        x->pieces = p;
        x->pinfo[p].known_before = x->nknown;
        if (names_add(x, text, pi->len, pi->lang, first, x->tagged, nt) != 0)
            return MK_ENOMEM;
        for (size_t q = first; q < x->nraw; q++)
            x->raw[q].piece = p;
        /* names may not overlap the piece's dates, phones and e-mails */
        size_t w = first;
        for (size_t q = first; q < x->nraw; q++) {
            int clash = 0;
            for (size_t o = pi->raw_lo; o < pi->raw_hi && !clash; o++)
                clash = x->raw[o].start_b < x->raw[q].end_b && x->raw[q].start_b < x->raw[o].end_b &&
                        (x->raw[o].type != MK_ENT_DATE ||
                         /* a date inside a Latin name ("... 2024") is the name's; a
                          * dateline read as a name is not one */
                         (x->raw[o].start_b <= x->raw[q].start_b && x->raw[q].end_b <= x->raw[o].end_b));
            if (!clash)
                x->raw[w++] = x->raw[q];
        }
        x->nraw = w;
        if (set_offsets(x, text, first) != 0)
            return MK_ENOMEM;
    }
    /* an acronym used before the document defined it (a headline's
     * "DOH", "ปภ."), which nothing found there: a mention after all */
    if ((x->types & MK_ENT_ORG) && late_acronyms(x) != 0)
        return MK_ENOMEM;
    /* a short form used before the document spelt it out (a headline's
     * "สพฐ." or "Zhou"): its value is the full name after all */
    for (size_t q = 0; q < x->nraw; q++) {
        rawent *r = &x->raw[q];
        if (r->type != MK_ENT_PERSON && r->type != MK_ENT_ORG && r->type != MK_ENT_LOCATION)
            continue;
        size_t n = r->end_b - r->start_b;
        const char *txt = x->vals.p + r->txt_off, *val = x->vals.p + r->val_off;
        if (strlen(val) != n || memcmp(val, txt, n) != 0)
            continue;
        const struct known *kn = lookup(x, txt, n, r->type);
        if (kn == NULL || (kn->val_len == n && memcmp(x->names.p + kn->val, txt, n) == 0))
            kn = other_form(x, r, txt, n);
        if (kn == NULL)
            continue;
        size_t off = x->vals.len;
        if (mk__buf_add(&x->vals, x->names.p + kn->val, kn->val_len) != 0 ||
            mk__buf_add(&x->vals, "", 1) != 0)
            return MK_ENOMEM;
        r->val_off = off;
    }
    x->npinfo = 0;
    x->ptext.len = 0;
    return 0;
}

/* The reference date: the dateline, else the document's date column,
 * else --ref-date; a dateline without a year takes it from those or from
 * the text's first full date. */
/* The year of a dateline that gives none ("SIHANOUKVILLE, Sept 3 --"),
 * from the text alone: among the years it names, give or take one, the
 * one in which the dateline falls on a weekday the opening paragraphs
 * name ("on Tuesday signed"), nearest the first full date's year; else
 * that year. */
static int
dateline_year(const mk_extractor *x)
{
    int best = 0;

    if (x->wdays && x->min_y)
        for (int y = x->min_y - 1; y <= x->max_y + 1; y++) {
            if (x->dl.m == 2 && x->dl.d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
                continue;
            if (!(x->wdays & (1 << mk__weekday(y, x->dl.m, x->dl.d))))
                continue;
            int anchor = x->any_y ? x->any_y : x->max_y;
            if (!best || abs(y - anchor) < abs(best - anchor))
                best = y;
        }
    return best ? best : x->any_y;
}

static void
reference(mk_extractor *x, int *y, int *m, int *d)
{
    *y = *m = *d = 0;
    if (x->dl_rank) {
        *m = x->dl.m;
        *d = x->dl.d;
        *y = x->dl.y ? x->dl.y : x->doc_y ? x->doc_y : x->ref_y ? x->ref_y : dateline_year(x);
        if (*y) {
            x->counts.datelines++;
            return;
        }
    }
    if (x->doc_y) {
        *y = x->doc_y;
        *m = x->doc_m ? x->doc_m : 1;
        *d = x->doc_d ? x->doc_d : 1;
    } else if (x->ref_y) {
        *y = x->ref_y;
        *m = x->ref_m;
        *d = x->ref_d;
    }
}

long
mk_extract_end(mk_extractor *x, const mk_entity **out, mk_error *err)
{
    int ry, rm, rd;
    size_t i, base;

    if (names_doc(x) != 0)
        return mk__err(err, MK_ENOMEM, 0, "out of memory");
    reference(x, &ry, &rm, &rd);
    if (ry)
        snprintf(x->ref, sizeof x->ref, "%04d-%02d-%02d", ry, rm, rd);
    else
        x->ref[0] = '\0';
    if (x->nraw > 1)
        qsort(x->raw, x->nraw, sizeof *x->raw, cmp_raw);
    if (mk__grow((void **)&x->ents, &x->capents, x->nraw, sizeof *x->ents) != 0)
        return mk__err(err, MK_ENOMEM, 0, "out of memory");
    base = x->vals.len;
    size_t *offs = x->nraw ? malloc(x->nraw * sizeof *offs) : NULL;
    if (x->nraw && offs == NULL)
        return mk__err(err, MK_ENOMEM, 0, "out of memory");
    int qy = 0, qq = 0;   /* the quarter the story last spoke of */
    for (i = 0; i < x->nraw; i++) {
        const rawent *r = &x->raw[i];
        char v[64];
        v[0] = '\0';
        if (r->type == MK_ENT_DATE) {
            x->counts.dates++;
            if (mk__date_value(&r->date, ry, rm, rd, v, sizeof v) != 0)
                x->counts.unresolved_dates++;
            else if (r->date.q && strlen(v) == 7) {
                qy = atoi(v);
                qq = r->date.q;
            } else if (x->timeml && qq && r->date.ago && r->date.yrel != MK_DATE_NONE)
                /* TimeML: in a report on a quarter, "a year earlier" is that
                 * quarter a year before */
                snprintf(v, sizeof v, "%04d-Q%d", qy + r->date.yrel, qq);
        } else if (r->type == MK_ENT_PHONE) {
            const char *regs[MAX_REGIONS + 3];
            size_t nr = 0;
            if (x->region[0])
                regs[nr++] = x->region;
            else {
                if (r->hint[0])
                    regs[nr++] = r->hint;
                for (size_t k = 0; k < x->nregions; k++)
                    regs[nr++] = x->regions[k];
                if (r->lang_region[0])
                    regs[nr++] = r->lang_region;
            }
            if (mk__phone_resolve(&r->phone, regs, nr, v, sizeof v) < 0) {
                /* "+44 171 542 8062" is a phone whatever the plan says
                 * now; "106-26/32" or "8-198 9-203" written without a
                 * code and valid nowhere near is no phone: counted, not
                 * written */
                if (!r->phone.intl) {
                    x->counts.rejected_phones++;
                    offs[i] = SIZE_MAX;
                    continue;
                }
                x->counts.unresolved_phones++;
            }
            x->counts.phones++;
        } else if (r->type == MK_ENT_EMAIL) {
            x->counts.emails++;
            if (r->kind == MK_EMAIL_PLACEHOLDER)
                x->counts.email_placeholders++;
        }
        if (r->type == MK_ENT_PERSON)
            x->counts.persons++;
        else if (r->type == MK_ENT_ORG)
            x->counts.orgs++;
        else if (r->type == MK_ENT_LOCATION)
            x->counts.locations++;
        offs[i] = x->vals.len;
        const char *src = (r->type == MK_ENT_EMAIL || r->type == MK_ENT_PERSON ||
                           r->type == MK_ENT_ORG || r->type == MK_ENT_LOCATION) ? NULL : v;
        if (src != NULL) {
            if (mk__buf_add(&x->vals, src, strlen(src) + 1) != 0)
                goto nomem;
        } else
            offs[i] = r->val_off;
    }
    size_t n = 0;
    (void)n;
    for (i = 0; i < x->nraw; i++) {
        const rawent *r = &x->raw[i];
        if (offs[i] == SIZE_MAX)
            continue;
        mk_entity *e = &x->ents[n++];
        e->piece = r->piece;
        e->start = r->start;
        e->end = r->end;
        e->start_b = r->start_b;
        e->end_b = r->end_b;
        e->type = r->type;
        e->text = x->vals.p + r->txt_off;
        e->text_len = r->end_b - r->start_b;
        e->value = x->vals.p + offs[i];
    }
    free(offs);
    (void)base;
    *out = x->ents;
    long count = (long)n;
    x->nraw = 0;
    x->pieces = 0;
    return count;
nomem:
    free(offs);
    return mk__err(err, MK_ENOMEM, 0, "out of memory");
}

const char *
mk_extract_ref_date(const mk_extractor *x)
{
    return x->ref;
}

const mk_extract_counts *
mk_extract_counts_get(const mk_extractor *x)
{
    return &x->counts;
}
