/* failmalloc.c - LD_PRELOAD: the Nth allocation the program's own code
 * makes (MK_FAIL_AT=N; those of shared libraries such as ICU pass) fails
 * with ENOMEM; MK_FAIL_COUNT prints how many there were at exit. The
 * allocations that pass go on to the next allocator in line: libc's, or
 * LeakSanitizer's in a program linked with -fsanitize=leak, so that a
 * sweep can look for leaks too. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdint.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void *(*next_malloc)(size_t);
static void *(*next_calloc)(size_t, size_t);
static void *(*next_realloc)(void *, size_t);
static void (*next_free)(void *);

/* dlsym may itself ask for memory (calloc) while it looks the allocators
 * up: that is served from here, and never freed */
static char boot[4096] __attribute__((aligned(16)));
static size_t boot_used;
static int resolving;

static void *
boot_alloc(size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n > sizeof boot - boot_used)
        return NULL;
    void *p = boot + boot_used;
    boot_used += n;
    return p;   /* static storage: already zero */
}

static void
resolve(void)
{
    resolving = 1;
    next_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
    next_calloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
    next_realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
    next_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
    resolving = 0;
}

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
    if (!ours(ra))
        return 0;
    if (fail_at == -2) {   /* not before the program runs: environ is set */
        const char *e = getenv("MK_FAIL_AT");
        fail_at = e ? atol(e) : -1;
    }
    return ++calls == fail_at;
}

void *
malloc(size_t n)
{
    if (resolving)
        return boot_alloc(n);
    if (next_malloc == NULL)
        resolve();
    if (fail(__builtin_return_address(0))) {
        errno = ENOMEM;
        return NULL;
    }
    return next_malloc(n);
}

void *
calloc(size_t a, size_t b)
{
    if (resolving)
        return b != 0 && a > sizeof boot / b ? NULL : boot_alloc(a * b);
    if (next_calloc == NULL)
        resolve();
    if (fail(__builtin_return_address(0))) {
        errno = ENOMEM;
        return NULL;
    }
    return next_calloc(a, b);
}

void *
realloc(void *p, size_t n)
{
    if (next_realloc == NULL)
        resolve();
    if (fail(__builtin_return_address(0))) {
        errno = ENOMEM;
        return NULL;
    }
    return next_realloc(p, n);
}

void
free(void *p)
{
    if ((char *)p >= boot && (char *)p < boot + sizeof boot)
        return;
    if (next_free == NULL)
        resolve();
    next_free(p);
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
