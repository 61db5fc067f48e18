/*
 * check.h - a tiny unit test harness: TEST(name) { ... CHECK(cond); ... }
 * and RUN(name) in main; each test prints PASS or FAIL with its name, and
 * a failed CHECK prints the file, line and expression.
 */
#ifndef MK_CHECK_H
#define MK_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failed_, check_any_failed_;

#define CHECK(cond) do { \
    if (!(cond)) { \
        printf("  %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
        check_failed_ = 1; \
    } \
} while (0)

#define CHECK_STR(got, glen, want) do { \
    size_t wl_ = strlen(want); \
    if ((glen) != wl_ || memcmp((got), (want), wl_) != 0) { \
        printf("  %s:%d: got \"%.*s\", want \"%s\"\n", __FILE__, __LINE__, \
               (int)(glen), (got), (want)); \
        check_failed_ = 1; \
    } \
} while (0)

#define TEST(name) static void test_##name(void)
#define RUN(name) do { \
    check_failed_ = 0; \
    test_##name(); \
    printf("%s %s\n", check_failed_ ? "FAIL" : "PASS", #name); \
    check_any_failed_ |= check_failed_; \
} while (0)
#define DONE() return check_any_failed_

#endif
