/*
 * cli.h - what every mekong filter shares: messages with program, file and
 * line, usage errors, --version, --stats, the progress line, and the
 * checked end of standard output.
 */
#ifndef MK_CLI_H
#define MK_CLI_H

#include <stdint.h>

#include "mekong.h"

/* Names the program for messages ("mekong-normalize"); the writer, if
 * any, is flushed before each message so the two streams keep order. */
void cli_init(const char *prog, mk_writer *out);

/* "PROG: FILE:LINE: MSG" (LINE 0 leaves it out). At most 100 warnings
 * are printed per file; later ones are only counted. */
void cli_warn(const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* mk_warn_fn for the library. */
void cli_warn_cb(void *ctx, const char *file, long line, const char *msg);

/* Reports an error from the library for FILE: "PROG: FILE:LINE: MSG: STRERROR". */
void cli_error(const char *file, const mk_error *err);

/* "PROG: MSG" and "Try 'PROG --help' for more information."; returns 2. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The --version text. */
void cli_version(void);

/* Is S a BCP 47-looking language code (letters, digits, hyphens, a letter
 * first, at most 15 characters)? */
int cli_valid_lang(const char *s);

/* Is NAME "auto" or an encoding ICU's converters know? */
int cli_valid_encoding(const char *name);

/* Copies S[0..N) into the growable string *BUF (capacity *CAP), sets *LEN.
 * Returns 0 or -1 when out of memory. */
int cli_set_str(char **buf, size_t *cap, size_t *len, const char *s, size_t n);

/* The input options every filter takes (-j/--jsonl, --id-field,
 * --text-field, -e/--from, --skip-bad, --max-doc), and --format for its
 * output: their getopt values
 * and long-option entries, and one handler. */
enum { CLI_OPT_ID = 400, CLI_OPT_TEXTF, CLI_OPT_SKIP, CLI_OPT_MAXDOC, CLI_OPT_FORMAT };
#define CLI_INPUT_LONGOPTS \
    { "jsonl", no_argument, NULL, 'j' }, \
    { "id-field", required_argument, NULL, CLI_OPT_ID }, \
    { "text-field", required_argument, NULL, CLI_OPT_TEXTF }, \
    { "from", required_argument, NULL, 'e' }, \
    { "skip-bad", no_argument, NULL, CLI_OPT_SKIP }, \
    { "max-doc", required_argument, NULL, CLI_OPT_MAXDOC }, \
    { "format", required_argument, NULL, CLI_OPT_FORMAT }

/* Takes getopt's option C (argument ARG) if it is an input option: returns
 * 1 when taken, 0 when C is not one, 2 after printing a usage error. */
int cli_input_option(int c, const char *arg, mk_reader_opts *ro, mk_norm_opts *no);

/* --format jsonl was given: the program's rows go out as JSON Lines
 * (mk_writer_set_jsonl). */
extern int cli_out_jsonl;

/* A progress line on standard error while a large input is read, when
 * standard error is a terminal (and MEKONG_PROGRESS is not 0): bytes,
 * documents, MB/s and, when the inputs' sizes are known, the time left.
 * cli_progress_start takes the operands (none: standard input); call
 * cli_progress with the program's counts as it reads, cli_progress_end
 * before anything else goes to standard error at the end. */
void cli_progress_start(char *const *files, int nfiles);
void cli_progress(const mk_stats *st);
void cli_progress_end(void);

/* The options every program ends its getopt switch with: -s sets *STATS
 * (when STATS is not NULL), -h prints USAGE, -V the versions; anything
 * else is unknown. Returns 0 to go on, -1 after --help or --version (exit
 * 0), 2 after a usage message. */
int cli_common_option(int c, const char *usage, int *stats);

/* The operands after the options: FILES and NFILES; a usage error (2)
 * when there are none and standard input is a terminal, else 0. */
int cli_operands(int argc, char *argv[], char ***files, int *nfiles);

/* Parses a size such as 4096, 64K, 16M, 1G. Returns 0 or -1. */
int cli_parse_size(const char *s, size_t *out);

/* Counters to standard error, "name<TAB>count"; EXTRA lines may follow. */
void cli_print_stats(const mk_stats *st);
void cli_stat_line(const char *name, uint64_t value);

/* Flushes and closes standard output. Returns 0, or 1 after printing
 * "write error" (a closed pipe is quiet and returns 0). */
int cli_finish(mk_writer *out);

#endif /* MK_CLI_H */
