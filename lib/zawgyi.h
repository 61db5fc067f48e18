/*
 * zawgyi.h - the Zawgyi detector (internal, not installed): how likely a
 * paragraph is Burmese in the Zawgyi font encoding, which reuses the
 * Myanmar block with other meanings, rather than Unicode Burmese. The
 * model is generated into zawgyi_model.c by scripts/train-zawgyi.
 */
#ifndef MK_ZAWGYI_H
#define MK_ZAWGYI_H

#include <stddef.h>
#include <stdint.h>

/* Convert a paragraph with ICU's Zawgyi-my only when its probability is at
 * least this. Converting real Unicode destroys it, missing Zawgyi leaves
 * it as it was; scripts/eval-zawgyi measures both sides of the choice. */
#define MK__ZAWGYI_THRESHOLD 0.999

/* Probability in [0,1] that S (valid UTF-8) is Zawgyi-encoded Burmese rather
 * than Unicode Burmese; 0 when S has no Myanmar-block characters
 * (U+1000..U+109F, U+AA60..U+AA7F, U+A9E0..U+A9FF). Text with Myanmar
 * characters but no evidence either way, such as digits alone, gets about
 * 0.5 or less. Reentrant; allocates nothing; never reads past LEN, even on
 * ill-formed input. */
double mk__zawgyi_probability(const char *s, size_t len);

/* The model: weights of state transitions, in 1/16 nat of log P_zawgyi -
 * log P_unicode, as lists sorted by the state in the high byte of each
 * entry (the weight is the low byte, an int8 in two's complement). States:
 * 0 edge (start, end, whitespace), 1 any other non-Myanmar character,
 * 2 + (c - 0x1000), 162 + (c - 0xAA60), 194 + (c - 0xA9E0). */
typedef struct mk__zg_model {
    int ext_weight;               /* b -> c, c in Extended-A/B and not listed */
    int novel;                    /* cap of a, b -> c when a, b is listed but not c */
    const int8_t *bi_default;     /* [b]: weight of b -> c when c is not listed */
    const uint16_t *bi_start;     /* [b]..[b + 1]: b's entries in bi_entry */
    const uint16_t *bi_entry;     /* c << 8 | weight */
    const uint16_t *ctx_start;    /* [b]..[b + 1]: contexts (a, b) in ctx_entry */
    const uint16_t *ctx_entry;    /* a << 8 | offset added to the bigram weight */
    const uint16_t *tri_start;    /* [i]..[i + 1]: context i's entries in tri_entry */
    const uint16_t *tri_entry;    /* c << 8 | weight of a, b -> c */
} mk__zg_model;

#define MK__ZG_NSTATES 226

extern const mk__zg_model mk__zawgyi_model;

#endif /* MK_ZAWGYI_H */
