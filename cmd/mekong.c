/*
 * mekong.c - the dispatcher: "mekong NAME ARGS" runs mekong-NAME ARGS,
 * looked up first beside this program, then on the PATH (as git does).
 * "mekong help NAME" shows the manual page.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "mekong.h"

static const char *const commands[][2] = {
    { "normalize", "clean Unicode text into a stream of paragraphs" },
    { "segment", "sentences, tokens or CoNLL-U from paragraphs" },
    { "extract", "people, institutions, places, dates, phones and e-mail addresses" },
    { "train-ner", "train the tagger of people, institutions and places" },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void
usage(FILE *f)
{
    size_t i;

    fprintf(f, "Usage: mekong COMMAND [OPTION]... [FILE]...\n"
               "       mekong help COMMAND | --help | --version\n"
               "Filters for news text of Southeast Asia, chained through pipes:\n"
               "  mekong normalize feed/*.txt > paragraphs.tsv\n\nCommands:\n");
    for (i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-10s  %s\n", commands[i][0], commands[i][1]);
    fprintf(f, "\nRun 'mekong COMMAND --help' for a command's options, "
               "'mekong help COMMAND' for its manual.\n");
}

/* The directory of this executable, or "" if unknown. */
static void
self_dir(char *buf, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    char *slash;

    if (n <= 0) {
        buf[0] = '\0';
        return;
    }
    buf[n] = '\0';
    slash = strrchr(buf, '/');
    if (slash != NULL)
        slash[1] = '\0';
    else
        buf[0] = '\0';
}

static int
known(const char *name)
{
    size_t i;

    for (i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i][0], name) == 0)
            return 1;
    return 0;
}

static int
help(const char *name)
{
    char dir[PATH_MAX], page[PATH_MAX + 64];

    if (!known(name)) {
        fprintf(stderr, "mekong: '%s' is not a mekong command; see 'mekong --help'\n", name);
        return 2;
    }
    fflush(stdout);
    self_dir(dir, sizeof dir);
    /* a build tree keeps its pages in ../man; an install in share/man */
    snprintf(page, sizeof page, "%s../man/mekong-%s.1", dir, name);
    if (dir[0] != '\0' && access(page, R_OK) == 0)
        execlp("man", "man", "-l", page, (char *)NULL);
    snprintf(page, sizeof page, "mekong-%s", name);
    execlp("man", "man", page, (char *)NULL);
    fprintf(stderr, "mekong: cannot run man: %s\n", strerror(errno));
    return 1;
}

int
main(int argc, char *argv[])
{
    char dir[PATH_MAX], path[PATH_MAX + 160], prog[128];
    const char *name;

    cli_init("mekong", NULL);
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    name = argv[1];
    if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0) {
        usage(stdout);
        return cli_finish(NULL);
    }
    if (strcmp(name, "-V") == 0 || strcmp(name, "--version") == 0) {
        cli_version();
        return cli_finish(NULL);
    }
    if (strcmp(name, "help") == 0) {
        if (argc < 3) {
            usage(stdout);
            return cli_finish(NULL);
        }
        return help(argv[2]);
    }
    if (name[0] == '-' || !known(name)) {
        fprintf(stderr, "mekong: '%s' is not a mekong command; see 'mekong --help'\n", name);
        return 2;
    }
    snprintf(prog, sizeof prog, "mekong-%s", name);
    argv[1] = prog;
    self_dir(dir, sizeof dir);
    if (dir[0] != '\0') {
        snprintf(path, sizeof path, "%s%s", dir, prog);
        if (access(path, X_OK) == 0)
            execv(path, argv + 1);
    }
    execvp(prog, argv + 1);
    fprintf(stderr, "mekong: cannot run %s: %s\n", prog, strerror(errno));
    return 1;
}
