/*
 * ner.h - the learned tagger of people, organisations and places
 * (internal, not installed): a tokenizer that the trainer and the run time
 * share, an immutable model loaded from bytes, a greedy averaged-perceptron
 * tagger, and the trainer that makes models (cmd/train-ner.c).
 *
 * Typical use, one model shared by every thread, one work object each:
 *
 *     mk__ner *m = mk__ner_load(bytes, len, &err);     (or mk__ner_load_file,
 *                                                       or mk__ner_builtins[i])
 *     mk__ner_work *w = mk__ner_work_new(&err);
 *     for each document:
 *         mk__ner_doc_begin(w);
 *         for each sentence: n = mk__ner_tokenize(w, sent, len, &toks, &err);
 *                            mk__ner_doc_scan(w, toks, n, &err);
 *                            (keep a copy of toks[0..n): W reuses its buffer)
 *         for each sentence: k = mk__ner_spans(m, w, toks, n, &spans, &err);
 *             toks[spans[j].first].start .. toks[spans[j].last].end are
 *             the code-point offsets of entity j in the sentence
 *     mk__ner_work_free(w); mk__ner_free(m);
 *
 * The same tokenizer made the training tokens, so a sentence may be any
 * text (a segmenter's sentence, a paragraph); the scan may be skipped
 * when a document cannot be held, at some cost in accuracy.
 */
#ifndef MK_NER_H
#define MK_NER_H

#include <stddef.h>
#include <stdint.h>

#include "internal.h"

/* Entity types, as the JSONL gold names them. A model holds up to
 * MK__NER_MAXTYPES of them; its tags are O (0), then B-type and I-type
 * for each type in the model's order (1 + 2k and 2 + 2k). */
enum {
    MK__NER_NONE = 0, MK__NER_PER, MK__NER_ORG, MK__NER_LOC, MK__NER_MISC,
    MK__NER_NTYPE
};
#define MK__NER_MAXTYPES 6
#define MK__NER_MAXTAGS (1 + 2 * MK__NER_MAXTYPES)

/* "person", "org", "location", "misc"; "" for anything else. */
const char *mk__ner_type_name(int type);
/* The type named NAME[0..N) (those names, or PER ORG LOC MISC), or 0. */
int mk__ner_type_from_name(const char *name, size_t n);

/* ------------------------------------------------------------------ */
/* Tokens. */

/* One token of a sentence. The tagger reads S, LEN, KIND and
 * SPACE_BEFORE; START and END are what mk__ner_tokenize adds for the
 * caller (code points into the text it was given). */
typedef struct mk__ner_tok {
    const char *s;          /* UTF-8, borrowed from the caller's text */
    size_t len;
    int kind;               /* enum mk_tok_kind */
    int space_before;       /* whitespace or the start of the text before it */
    size_t start, end;      /* code points, half-open */
} mk__ner_tok;

/* A scratch object for tokenizing, tagging and training: the caller owns
 * it, one per thread; it only grows. */
typedef struct mk__ner_work mk__ner_work;

mk__ner_work *mk__ner_work_new(mk_error *err);
void mk__ner_work_free(mk__ner_work *w);

/* With ON, the spans of W are those of every type the model learned, not
 * only of the types it writes: extract keeps its rules off what the tagger
 * calls misc (a league, an event, a nationality). */
void mk__ner_work_all_types(mk__ner_work *w, int on);

/* The tokens the models are trained on, for text in any language (valid
 * UTF-8): whitespace separates; punctuation at the edges of a word comes
 * off as the CoNLL-2003 files have it ("(AP)," gives ( AP ) ,), and so do
 * English clitics ('s n't 're ...), but not the stop of an initial, of a
 * dotted abbreviation ("U.S.") or of a title ("Mr."); every character
 * cluster of a script written without spaces (Thai, Lao, Khmer, Burmese,
 * Han, kana) is a token of its own. *TOKS is borrowed until the next call
 * on W. Returns the number of tokens or MK_ENOMEM. */
MK_MUST_USE int mk__ner_tokenize(mk__ner_work *w, const char *text, size_t len,
                                 const mk__ner_tok **toks, mk_error *err);

/* Word lists the caller knows at run time (titles and honorifics before
 * names, organisation head words ...): FN returns a bit mask of the lists
 * that hold the token S[0..LEN), bit 0 for titles, bit 1 for organisation
 * heads, bits 2-7 free. A model must be used with the lists it was trained
 * with; with none (FN NULL, the default) the features are simply absent. */
typedef unsigned (*mk__ner_list_fn)(void *ctx, const char *s, size_t len);
void mk__ner_work_set_lists(mk__ner_work *w, mk__ner_list_fn fn, void *ctx);

/* Starts a document: forgets what earlier sentences said about words
 * (models with document features remember how a capitalised word was
 * tagged earlier in the same document). */
void mk__ner_doc_begin(mk__ner_work *w);

/* Reads the tokens of a sentence of the document ahead of tagging: how
 * each capitalised word is written across the whole document (also in
 * lower case? capitalised inside sentences? last in a run of capitalised
 * words, as a surname?) is a feature of the models with document
 * features. Scan every sentence of a document, then tag them; a caller
 * that cannot wait for the end of a document may skip the scan, at some
 * cost in accuracy. Returns 0 or MK_ENOMEM. */
MK_MUST_USE int mk__ner_doc_scan(mk__ner_work *w, const mk__ner_tok *toks, size_t n,
                                 mk_error *err);

/* ------------------------------------------------------------------ */
/* Models. */

typedef struct mk__ner mk__ner;

/* Reads a model from DATA[0..LEN) (a const array built into the program,
 * or a file's bytes; any alignment, read only during the call).
 * Everything is checked (magic, format version, feature version, sizes,
 * checksums, key order): a truncated, corrupt or foreign file gives NULL
 * and MK_EINPUT with a message, never a crash. The model is immutable:
 * threads may share it. */
mk__ner *mk__ner_load(const void *data, size_t len, mk_error *err);

/* Reads the model file PATH. */
mk__ner *mk__ner_load_file(const char *path, mk_error *err);

void mk__ner_free(mk__ner *m);

/* The model's language code ("en"), its types and the size of its
 * feature table. */
const char *mk__ner_lang(const mk__ner *m);
int mk__ner_ntypes(const mk__ner *m, const uint8_t **types);
size_t mk__ner_nfeatures(const mk__ner *m);

/* Tags the N tokens of one sentence: *TAGS (borrowed until the next call
 * on W) gets a tag per token, 0 for O, 1 + 2k for B- and 2 + 2k for I- of
 * the model's type k. A sentence of more than 1024 tokens is tagged a
 * chunk at a time, so W's memory stays bounded. Returns N, MK_ELIMIT past
 * INT32_MAX tokens, or MK_ENOMEM. */
MK_MUST_USE int mk__ner_tag(const mk__ner *m, mk__ner_work *w, const mk__ner_tok *toks,
                            size_t n, const uint8_t **tags, mk_error *err);

/* An entity: tokens FIRST..LAST (inclusive) of the sentence, of TYPE
 * (MK__NER_PER ...). */
typedef struct mk__ner_span {
    size_t first, last;
    int type;
} mk__ner_span;

/* Tags as mk__ner_tag and gives the entities of the types the model
 * writes (a model may learn MISC to tell it apart and never write it).
 * *SPANS is borrowed until the next call on W. Returns their number or
 * MK_ENOMEM. */
MK_MUST_USE int mk__ner_spans(const mk__ner *m, mk__ner_work *w, const mk__ner_tok *toks,
                              size_t n, const mk__ner_span **spans, mk_error *err);

/* An entity of a document: piece PIECE, bytes START_B..END_B and code
 * points START..END of that piece, of TYPE (MK__NER_PER ...). */
typedef struct mk__ner_doc_span {
    size_t piece;
    size_t start_b, end_b;
    size_t start, end;
    int type;
} mk__ner_doc_span;

/* The whole of the recipe above for a document of NPIECES pieces
 * (paragraphs or sentences, valid UTF-8, TEXTS[i] of LENS[i] bytes):
 * starts the document, tokenizes and scans every piece, then tags each.
 * *SPANS (borrowed until the next call on W) gets the entities of the
 * types M writes (all it learned, after mk__ner_work_all_types), by piece
 * and position. Each piece is tokenized twice, to scan and to tag, so that
 * W holds one piece's tokens at a time. Returns their number or a negative
 * MK_E code. */
MK_MUST_USE int mk__ner_tag_doc(const mk__ner *m, mk__ner_work *w, const char *const *texts,
                                const size_t *lens, size_t npieces,
                                const mk__ner_doc_span **spans, mk_error *err);

/* Models built into the program by scripts/embed-models (gen/ner_models.c,
 * which defines these when it is linked in). */
typedef struct mk__ner_builtin {
    const char *lang;
    const unsigned char *data;
    size_t len;
} mk__ner_builtin;
extern const mk__ner_builtin mk__ner_builtins[];
extern const size_t mk__ner_nbuiltins;

/* ------------------------------------------------------------------ */
/* Training (cmd/train-ner.c and the unit test). */

typedef struct mk__ner_train_opts {
    const char *lang;          /* stored in the model; at most 7 bytes */
    int ntypes;                /* types learned, in tag order ... */
    uint8_t types[MK__NER_MAXTYPES];
    unsigned out_mask;         /* ... and those written: bit k for types[k] */
    int doc_features;          /* document features (see mk__ner_doc_scan) */
    int icu_words;             /* features of ICU's dictionary words, for scripts
                                  written without spaces */
    uint64_t seed;             /* the order of documents in each epoch */
    double prune;              /* drop features whose largest averaged weight is
                                  below this fraction of the largest of all */
    mk__ner_list_fn lists;     /* word lists (see mk__ner_work_set_lists), or NULL */
    void *lists_ctx;
    const char *clusters;      /* word clusters (scripts/make-clusters), a file
                                  read once and carried in the model; or NULL */
} mk__ner_train_opts;

void mk__ner_train_opts_init(mk__ner_train_opts *o);

/* A gold entity: code points START..END of the sentence, of TYPE
 * (entities of types the model does not learn are ignored). */
typedef struct mk__ner_ent {
    size_t start, end;
    int type;
} mk__ner_ent;

typedef struct mk__ner_trainer mk__ner_trainer;

mk__ner_trainer *mk__ner_trainer_new(const mk__ner_train_opts *o, mk_error *err);
void mk__ner_trainer_free(mk__ner_trainer *t);

/* Adds a sentence of document DOC (sentences of one document are added
 * together and in order) to the training set, or to the development set
 * when DEV; training data only before the first epoch (MK_EUSAGE after).
 * Entities that do not start and end at token boundaries are counted
 * (*MISALIGNED, if not NULL) and trained on as the tokens they overlap.
 * Returns 0 or a negative MK_E code. */
MK_MUST_USE int mk__ner_trainer_add(mk__ner_trainer *t, int dev, long doc, const char *text,
                                    size_t len, const mk__ner_ent *ents, size_t nents,
                                    size_t *misaligned, mk_error *err);

/* Later sentences come from source SRC (0 to 63; 0 at first), a file or
 * corpus. A type no sentence of a source marks is taken as not annotated
 * there: predicting it where that source says O is not an error (NERP,
 * for one, has people and places but no organisations). Returns 0 or
 * MK_EUSAGE. */
int mk__ner_trainer_source(mk__ner_trainer *t, int src);

/* One pass over the training set, documents in an order drawn from the
 * seed and the epoch number. Returns the number of tokens tagged wrong,
 * or MK_ENOMEM. */
MK_MUST_USE long mk__ner_trainer_epoch(mk__ner_trainer *t, mk_error *err);

/* The model of the averaged weights so far, as the bytes of a model file,
 * into OUT (replacing its contents). Returns 0 or a negative MK_E code. */
MK_MUST_USE int mk__ner_trainer_save(mk__ner_trainer *t, mk_buf *out, mk_error *err);

/* Counts of an evaluation: exact span and type, per type (index by
 * MK__NER_PER ...). */
typedef struct mk__ner_score {
    long tp[MK__NER_NTYPE], fp[MK__NER_NTYPE], fn[MK__NER_NTYPE];
} mk__ner_score;

/* Tags the development set with model M and scores it (all types that M
 * writes; gold entities of other types are not counted). */
MK_MUST_USE int mk__ner_trainer_eval(mk__ner_trainer *t, const mk__ner *m, mk__ner_score *sc,
                                     mk_error *err);

/* F1 of one type (TYPE > 0) or micro-averaged over all (TYPE 0). */
double mk__ner_f1(const mk__ner_score *sc, int type);

/* Counts of the data added: sentences, tokens, development sentences, and
 * features with a weight so far. */
void mk__ner_trainer_counts(const mk__ner_trainer *t, size_t *sents, size_t *tokens,
                            size_t *dev_sents, size_t *features);

#endif /* MK_NER_H */
