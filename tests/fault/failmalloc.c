/* failmalloc.c - LD_PRELOAD: the Nth allocation the program's own code
 * makes (MK_FAIL_AT=N; those of shared libraries such as ICU pass) fails
 * with ENOMEM; MK_FAIL_COUNT prints how many there were at exit. */
#define _GNU_SOURCE
#include <link.h>
#include <stdint.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

static long calls, fail_at = -2;
static uintptr_t exe_lo, exe_hi;

static int
find_exe(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    if (info->dlpi_name != NULL && info->dlpi_name[0] != '\0')
        return 0;
    for (int k = 0; k < info->dlpi_phnum; k++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[k];
        if (ph->p_type != PT_LOAD)
            continue;
        uintptr_t a = info->dlpi_addr + ph->p_vaddr, b = a + ph->p_memsz;
        if (exe_lo == 0 || a < exe_lo)
            exe_lo = a;
        if (b > exe_hi)
            exe_hi = b;
    }
    return 1;   /* the program is the first object: done */
}

/* Is RA (a return address) inside the program itself? */
static int
ours(void *ra)
{
    if (exe_hi == 0)
        dl_iterate_phdr(find_exe, NULL);
    return (uintptr_t)ra >= exe_lo && (uintptr_t)ra < exe_hi;
}

static int
fail(void *ra)
{
    if (fail_at == -2) {
        const char *e = getenv("MK_FAIL_AT");
        fail_at = e ? atol(e) : -1;
    }
    if (!ours(ra))
        return 0;
    return ++calls == fail_at;
}

void *
malloc(size_t n)
{
    if (fail(__builtin_return_address(0))) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_malloc(n);
}

void *
calloc(size_t a, size_t b)
{
    if (fail(__builtin_return_address(0))) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_calloc(a, b);
}

void *
realloc(void *p, size_t n)
{
    if (fail(__builtin_return_address(0))) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_realloc(p, n);
}

__attribute__((destructor)) static void
done(void)
{
    if (getenv("MK_FAIL_COUNT") != NULL) {
        char b[64];
        int k = snprintf(b, sizeof b, "allocations %ld\n", calls);
        if (write(2, b, (size_t)k) < 0)
            return;
    }
}
