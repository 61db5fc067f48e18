/*
 * mekong.h - the public interface of libmekong: the TSV stream, the input
 * readers, the output writer, the text normalizer and language labelling
 * that the mekong filters are built from.
 *
 * Conventions (see STYLE.md in the docs):
 *  - every object has mk_X_new / mk_X_free; mk_X_free(NULL) is a no-op;
 *  - functions returning int give >= 0 on success (a count, or 1 = got an
 *    item, 0 = end) and a negative MK_E... code on failure, with the
 *    details in the optional mk_error *ERR argument;
 *  - text travels as (pointer, length) pairs of UTF-8 and is never assumed
 *    to be NUL-terminated; pointers returned as const are borrowed, valid
 *    until the next call on the same object unless said otherwise;
 *  - the library never prints, exits or aborts on bad input; warnings go to
 *    the mk_stats counters and to an optional callback;
 *  - no global mutable state: objects may be used in different threads.
 */
#ifndef MEKONG_H
#define MEKONG_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MK_VERSION "0.1.0"

#if defined(__GNUC__) || defined(__clang__)
#define MK_MUST_USE __attribute__((warn_unused_result))
#else
#define MK_MUST_USE
#endif

/* Error codes, always negative. */
enum {
    MK_EIO = -1,     /* reading or writing failed; sys_errno says why */
    MK_ENOMEM = -2,  /* out of memory */
    MK_EINPUT = -3,  /* malformed input (bad JSON line, invalid UTF-8 under strict) */
    MK_ELIMIT = -4,  /* input past a configured limit (--max-doc) */
    MK_EUSAGE = -5,  /* bad argument to a library call */
    MK_EICU = -6     /* an ICU service could not be opened */
};

typedef struct mk_error {
    int code;        /* one of MK_E..., 0 when no error */
    int sys_errno;   /* errno at the failure, or 0 */
    long line;       /* input line of the failure, or 0 */
    char msg[256];   /* lower case, no program name, no final newline */
} mk_error;

/* A short English text for an MK_E code. Static; never NULL. */
const char *mk_strerror(int code);

/* Frees memory the library handed to the caller. */
void mk_free(void *p);

/* Versions of the libraries in use, as one line:
 * "ICU 72.1, PCRE2 10.42, utf8proc 2.6.0, jansson 2.14". Writes at most
 * SIZE bytes to BUF, always NUL-terminated; returns BUF. */
char *mk_versions(char *buf, size_t size);

/* ------------------------------------------------------------------ */
/* Counters shared by the readers and the normalizer.                  */

typedef struct mk_stats {
    uint64_t files;            /* operands opened */
    uint64_t documents;        /* documents started (files, JSONL lines, stream docs) */
    uint64_t lines;            /* physical input lines read */
    uint64_t bytes_in;         /* input bytes read (before decoding) */
    uint64_t rows_out;         /* rows written (not counting headers) */
    uint64_t paragraphs;       /* paragraphs written */
    uint64_t invalid_utf8;     /* invalid UTF-8 sequences replaced by U+FFFD */
    uint64_t invalid_utf16;    /* invalid UTF-16 units replaced by U+FFFD */
    uint64_t boms;             /* byte order marks removed */
    uint64_t utf16_files;      /* inputs decoded from UTF-16 */
    uint64_t legacy_files;     /* inputs decoded from a legacy encoding */
    uint64_t undecodable;      /* legacy-encoded bytes that map to no character */
    uint64_t controls;         /* control characters removed */
    uint64_t spaces;           /* whitespace characters replaced or removed */
    uint64_t zero_width;       /* zero-width / invisible characters removed */
    uint64_t nfc_changed;      /* paragraphs changed by normalization (NFC/NFKC) */
    uint64_t junk;             /* punctuation-only paragraphs dropped */
    uint64_t split_long;       /* paragraphs cut at --max-doc into pieces */
    uint64_t mojibake;         /* characters repaired from mojibake */
    uint64_t zawgyi;           /* paragraphs converted from Zawgyi */
    uint64_t html_tags;        /* HTML tags and comments removed */
    uint64_t html_refs;        /* HTML character references decoded */
    uint64_t html_docs;        /* documents read as HTML */
    uint64_t boilerplate;      /* boilerplate paragraphs dropped ("Advertisement") */
    uint64_t bad_lines;        /* malformed JSONL / TSV lines skipped */
    uint64_t no_id;            /* JSONL documents without an id */
    uint64_t headers_skipped;  /* repeated stream header lines skipped */
    uint64_t dropped_columns;  /* input columns not carried to the output */
    uint64_t mode_line;        /* inputs read one paragraph per line */
    uint64_t mode_blank;       /* inputs read as blank-line separated blocks */
    uint64_t warnings;         /* warnings reported */
} mk_stats;

/* Warning callback: FILE is the input name, LINE its line (0 if unknown),
 * MSG a lower-case message without newline. */
typedef void (*mk_warn_fn)(void *ctx, const char *file, long line, const char *msg);

/* ------------------------------------------------------------------ */
/* The TSV stream: one escape and one unescape function.               */

/* Writes S escaped (\t \n \r \\) to OUT, which must hold 2*LEN bytes.
 * Returns the length written. */
size_t mk_tsv_escape(char *out, const char *s, size_t len);

/* Unescapes S into OUT (at most LEN bytes). A backslash before any other
 * byte, or at the end, is kept as it is and counted in *ODD if ODD is not
 * NULL. Returns the length written. OUT may equal S. */
size_t mk_tsv_unescape(char *out, const char *s, size_t len, size_t *odd);

/* Is LINE (without its newline) a mekong stream header: TAB-separated
 * names of [a-z][a-z0-9_]*, the first one "doc"? */
int mk_tsv_is_header(const char *line, size_t len);

/* ------------------------------------------------------------------ */
/* UTF-8 helpers and the one place offsets are converted.              */

/* Length of the longest valid UTF-8 prefix of S. */
size_t mk_utf8_valid_prefix(const char *s, size_t len);

/* Number of code points in S (valid UTF-8). */
size_t mk_utf8_count(const char *s, size_t len);

/* Byte offset of code point offset OFF_CP in S (valid UTF-8); LEN if past
 * the end. */
size_t mk_utf8_offset(const char *s, size_t len, size_t off_cp);

/* ------------------------------------------------------------------ */
/* Legacy encodings.                                                   */

/* Guesses the encoding of a sample S of text that is not valid UTF-8:
 * the name of an ICU converter ("windows-874", "windows-1258", "GB18030",
 * "Big5", "windows-1252" ...). Static storage; never NULL. */
const char *mk_charset_detect(const char *s, size_t len);

/* ------------------------------------------------------------------ */
/* Readers: plain text, JSONL, and mekong streams, behind one interface. */

enum mk_format {
    MK_FMT_AUTO = 0,   /* a stream if the first line is a stream header, else text */
    MK_FMT_TEXT,
    MK_FMT_JSONL,
    MK_FMT_STREAM
};

typedef struct mk_reader_opts {
    int format;                 /* enum mk_format */
    const char *id_field;       /* JSONL: default "id" */
    const char *text_field;     /* JSONL: default "text" */
    const char *title_field;    /* JSONL: default "title"; "" for none */
    const char *const *fields;  /* JSONL: extra scalar fields to carry as columns */
    size_t nfields;
    int skip_bad;               /* count and skip malformed lines instead of failing */
    size_t max_doc;             /* longest line / document held in memory, bytes */
    const char *from;           /* input encoding: NULL for UTF-8 (UTF-16 by BOM),
                                   "auto" to detect, or an ICU converter name */
    mk_stats *stats;            /* counters to add to, or NULL */
    mk_warn_fn warn;            /* warnings, or NULL */
    void *warn_ctx;
} mk_reader_opts;

void mk_reader_opts_init(mk_reader_opts *o);

/* What a record holds. */
enum {
    MK_ROW_NEWDOC = 1,   /* first record of a new document */
    MK_ROW_PIECE = 2,    /* a piece of an over-long line; the line goes on in the next record */
    MK_ROW_TITLE = 4,    /* JSONL title: paragraph 0 */
    MK_ROW_BLOCK = 8     /* TEXT holds whole paragraphs (JSONL text, stream row), not one line */
};

/* One record, owned by the caller and reused across calls; every pointer
 * in it is borrowed until the next mk_reader_next on the same reader. */
typedef struct mk_row {
    const char *doc;    size_t doc_len;     /* document id */
    const char *text;   size_t text_len;    /* UTF-8, possibly invalid for text input */
    long line;          /* input line number (1-based) */
    long par;           /* paragraph number from a stream's par column, or -1 */
    const char *lang;   size_t lang_len;    /* a stream's lang column, or NULL */
    int flags;          /* MK_ROW_... */
    size_t nextra;      /* == number of names from mk_reader_columns */
    const char *const *extra;  /* pass-through values, unescaped */
    const size_t *extra_len;
} mk_row;

typedef struct mk_reader mk_reader;

/* Opens PATH ("-" = standard input). Returns NULL with ERR filled on
 * failure (a missing file, a directory, out of memory). */
mk_reader *mk_reader_new(const char *path, const mk_reader_opts *o, mk_error *err);

/* Reads the next record into ROW. Returns 1, 0 at end of input, or a
 * negative MK_E code with ERR filled (MK_EINPUT for a malformed line
 * without skip_bad: the reader stops there). */
MK_MUST_USE int mk_reader_next(mk_reader *r, mk_row *row, mk_error *err);

/* The format actually read (after MK_FMT_AUTO detection). Valid after
 * mk_reader_new. */
int mk_reader_format(const mk_reader *r);

/* The encoding the input is decoded from ("UTF-8", "UTF-16LE",
 * "windows-874" ...), and whether it was detected rather than given or
 * marked. Borrowed for the reader's lifetime. */
const char *mk_reader_encoding(const mk_reader *r, int *detected);

/* Names of the pass-through columns, in order: for JSONL the requested
 * fields, for a stream its columns other than doc, par, lang and text.
 * Borrowed for the reader's lifetime. */
size_t mk_reader_columns(const mk_reader *r, const char *const **names);

/* The first bytes of decoded text input (up to 64 KiB, whole lines), for
 * guessing the paragraph layout before reading. Text format only; valid
 * until the first mk_reader_next. */
void mk_reader_sample(mk_reader *r, const char **s, size_t *len);

void mk_reader_free(mk_reader *r);

/* ------------------------------------------------------------------ */
/* Writer: buffered output that keeps the first write error.          */

typedef struct mk_writer mk_writer;

/* Writes to file descriptor FD (not closed by mk_writer_free). */
mk_writer *mk_writer_new(int fd);
void mk_writer_put(mk_writer *w, const char *s, size_t len);
/* Writes S escaped for a TSV field. */
void mk_writer_put_field(mk_writer *w, const char *s, size_t len);
void mk_writer_putc(mk_writer *w, char c);
/* From now on, writes JSON Lines instead of the TSV lines the caller
 * writes: the first line is taken as the header, whose column names are
 * the keys; a later copy of it is dropped; every other line becomes one
 * object, the fields unescaped, par sent tok start end as numbers. */
void mk_writer_set_jsonl(mk_writer *w);
/* Flushes; returns 0 or MK_EIO with ERR filled (sys_errno EPIPE for a
 * closed pipe). Once a write failed, later writes are dropped. */
MK_MUST_USE int mk_writer_flush(mk_writer *w, mk_error *err);
/* The errno of the first failed write, or 0. */
int mk_writer_errno(const mk_writer *w);
uint64_t mk_writer_bytes(const mk_writer *w);
void mk_writer_free(mk_writer *w);

/* ------------------------------------------------------------------ */
/* Normalizer.                                                         */

enum mk_par_mode {
    MK_PAR_AUTO = 0,  /* decide per input from line lengths and blank lines */
    MK_PAR_LINE,      /* every non-blank line is a paragraph */
    MK_PAR_BLANK      /* blank-line separated blocks are joined into one paragraph */
};

enum mk_html_mode {
    MK_HTML_AUTO = 0,  /* character references always; tags when the input looks like HTML */
    MK_HTML_YES,       /* strip tags and decode references */
    MK_HTML_NO         /* leave both alone */
};

typedef struct mk_norm_opts {
    int nfkc;          /* compatibility folding instead of NFC */
    int keep_junk;     /* keep punctuation-only and boilerplate paragraphs */
    int no_repair;     /* no mojibake repair, no Zawgyi conversion */
    int html;          /* enum mk_html_mode */
    const char *lang;  /* force this language code, or NULL to detect */
    int strict;        /* invalid UTF-8 and over-long paragraphs are errors */
    size_t max_doc;    /* longest paragraph, bytes; longer ones are cut */
    mk_stats *stats;   /* counters to add to, or NULL */
    mk_warn_fn warn;
    void *warn_ctx;
} mk_norm_opts;

void mk_norm_opts_init(mk_norm_opts *o);

/* A paragraph produced by the normalizer; pointers borrowed until the
 * next mk_norm_feed / mk_norm_end call. */
typedef struct mk_par {
    const char *text;  size_t text_len;   /* clean UTF-8, NFC (or NFKC) */
    const char *lang;                     /* BCP 47 code, NUL-terminated */
    long par;                             /* paragraph number within the document */
    long line;                            /* input line where it starts */
} mk_par;

typedef struct mk_norm mk_norm;

mk_norm *mk_norm_new(const mk_norm_opts *o, mk_error *err);

/* Starts an input named FILE (for warnings), read in paragraph MODE.
 * SAMPLE (may be NULL) is the start of a text input (mk_reader_sample): with
 * MK_PAR_AUTO it decides the paragraph mode, and with MK_HTML_AUTO whether
 * tags are stripped, for the whole input; inputs of whole documents
 * (JSONL, streams) are decided document by document. */
void mk_norm_begin(mk_norm *n, const char *file, int mode, const char *sample,
                   size_t sample_len);

/* What mk_norm_begin decided for a text input: the paragraph mode
 * (MK_PAR_LINE or MK_PAR_BLANK) and, in *HTML, whether tags are stripped. */
int mk_norm_decided(const mk_norm *n, int *html);

/* Feeds one record from a reader. Complete paragraphs are queued; take
 * them with mk_norm_next. Returns 0 or a negative MK_E code (under strict). */
MK_MUST_USE int mk_norm_feed(mk_norm *n, const mk_row *row, mk_error *err);

/* Ends the document: the pending paragraph is queued. */
MK_MUST_USE int mk_norm_end(mk_norm *n, mk_error *err);

/* Takes the next queued paragraph: 1, or 0 when none is left. */
int mk_norm_next(mk_norm *n, mk_par *p);

/* Normalizes one paragraph of text in isolation (no paragraph splitting):
 * S may be any bytes. Sets *OUT / *OUT_LEN to the result, borrowed until
 * the next call. Returns 1 if the paragraph is kept, 0 if it is empty or
 * junk, negative on error. */
MK_MUST_USE int mk_norm_text(mk_norm *n, const char *s, size_t len,
                             const char **out, size_t *out_len, mk_error *err);

/* The language code of the last paragraph mk_norm_text or the queue gave. */
const char *mk_norm_lang(const mk_norm *n);

void mk_norm_free(mk_norm *n);

/* Guesses the paragraph layout of text from a sample of its first lines:
 * MK_PAR_BLANK for hard-wrapped blocks, else MK_PAR_LINE. */
int mk_par_mode_guess(const char *s, size_t len);

/* ------------------------------------------------------------------ */
/* Segmenter: sentences and tokens on ICU break iterators, with rules of
 * our own for what ICU gets wrong in news.                            */

enum mk_tok_kind { MK_TOK_WORD, MK_TOK_NUMBER, MK_TOK_PUNCT, MK_TOK_SYMBOL, MK_TOK_IDEO };

/* A sentence or token: half-open offsets into the paragraph, in code
 * points (what the stream prints) and in bytes. */
typedef struct mk_span {
    size_t start, end;
    size_t start_b, end_b;
    int kind;           /* tokens: enum mk_tok_kind */
} mk_span;

typedef struct mk_segmenter mk_segmenter;

mk_segmenter *mk_segmenter_new(mk_error *err);
void mk_segmenter_free(mk_segmenter *s);

/* The sentences of paragraph TEXT (valid UTF-8) in language LANG (a BCP 47
 * code; NULL or "und" for no rules of a language). *SPANS is borrowed until
 * the next call. Returns the number of sentences, or a negative MK_E code. */
MK_MUST_USE int mk_seg_sentences(mk_segmenter *s, const char *text, size_t len,
                                 const char *lang, const mk_span **spans, mk_error *err);

/* The tokens of paragraph TEXT in LANG (whitespace is not a token), as
 * for mk_seg_sentences. */
MK_MUST_USE int mk_seg_tokens(mk_segmenter *s, const char *text, size_t len,
                              const char *lang, const mk_span **spans, mk_error *err);

/* Vietnamese tokens are words ("Thủ tướng") when ON (the default), ICU's
 * syllables when not. */
void mk_seg_set_vi_words(mk_segmenter *s, int on);

/* The learned models (Chinese token boundaries, English sentence
 * boundaries) correct ICU and the rules when ON (the default); ICU and the
 * rules alone decide when not. */
void mk_seg_set_models(mk_segmenter *s, int on);

/* "word", "number", "punct", "symbol" or "ideo". */
const char *mk_tok_kind_name(int kind);

/* ------------------------------------------------------------------ */
/* Extractor: dates, phone numbers and e-mail addresses of a document. */

enum {
    MK_ENT_DATE = 1, MK_ENT_PHONE = 2, MK_ENT_EMAIL = 4, MK_ENT_PERSON = 8, MK_ENT_ORG = 16,
    MK_ENT_LOCATION = 32, MK_ENT_ALL = 63
};

/* One entity. Offsets are into the piece of text it came from. */
typedef struct mk_entity {
    size_t piece;               /* which mk_extract_add call (0-based) */
    size_t start, end;          /* code points, half-open */
    size_t start_b, end_b;      /* bytes */
    int type;                   /* MK_ENT_... */
    const char *text;           /* the entity as written (not NUL-ended) */
    size_t text_len;
    const char *value;          /* NUL-ended: ISO 8601, E.164, the address, the
                                   full name; "" when it cannot be resolved */
} mk_entity;

typedef struct mk_extractor mk_extractor;

/* TYPES is a mask of MK_ENT_ values. */
mk_extractor *mk_extractor_new(int types, mk_error *err);
void mk_extractor_free(mk_extractor *x);

/* The ISO 3166 region of national phone numbers ("CN"), or NULL to infer
 * it from each document's language and text. Returns 0 or MK_EUSAGE for
 * a region the numbering plan does not know. */
int mk_extract_set_region(mk_extractor *x, const char *region);

/* The date relative dates fall back on when a document has no dateline
 * and no date of its own ("2024-08-23"). Returns 0 or MK_EUSAGE. */
int mk_extract_set_ref_date(mk_extractor *x, const char *date);

/* With ON, dates also take in what TimeML annotates without a calendar
 * date, valued as TimeML does: "now" PRESENT_REF, "recently" PAST_REF,
 * "the future" FUTURE_REF, and parts of days ("Friday morning"
 * 2024-08-23TMO). Off by default: these are not calendar dates. */
void mk_extract_set_timeml(mk_extractor *x, int on);

/* A document is read whole before its entities are resolved, since its
 * dateline may come last: mk_extract_begin starts one (DATE: its own date
 * from a date column, or NULL), mk_extract_add gives it a paragraph or a
 * sentence at a time, and mk_extract_end resolves and returns its
 * entities, ordered by piece and offset, borrowed until the next begin or
 * end. mk_extract_end may be called before the document is over (a very
 * long one): the entities so far are returned and the document goes on. */
void mk_extract_begin(mk_extractor *x, const char *date, size_t date_len);
MK_MUST_USE int mk_extract_add(mk_extractor *x, const char *text, size_t len, const char *lang,
                               mk_error *err);
MK_MUST_USE long mk_extract_end(mk_extractor *x, const mk_entity **out, mk_error *err);

/* The document's reference date as resolved by the last mk_extract_end
 * ("2024-08-23"), or "" when it had none. */
const char *mk_extract_ref_date(const mk_extractor *x);

/* Counts of the documents so far: entities by type; dates that needed a
 * reference the document did not have; international numbers no plan
 * knows (written, value empty); national-looking numbers valid in no
 * region near them (not written); placeholders; datelines used. */
typedef struct mk_extract_counts {
    uint64_t dates, phones, emails, persons, orgs, locations;
    uint64_t unresolved_dates, unresolved_phones, rejected_phones, email_placeholders;
    uint64_t datelines;
} mk_extract_counts;
const mk_extract_counts *mk_extract_counts_get(const mk_extractor *x);

/* ------------------------------------------------------------------ */
/* Language of a text, by script (and letters that mark Vietnamese).   */

/* Writes a BCP 47 code ("th", "zh", "vi", "und-Latn", "und") to BUF.
 * S must be valid UTF-8. Returns the code's length. */
size_t mk_lang_detect(const char *s, size_t len, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif /* MEKONG_H */
