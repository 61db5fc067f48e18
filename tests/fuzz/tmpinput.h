/*
 * tmpinput.h - the fuzz targets that test readers put their input in a
 * temporary file first: the readers read files.
 */
#ifndef MK_FUZZ_TMPINPUT_H
#define MK_FUZZ_TMPINPUT_H

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

/* Writes DATA to a new temporary file whose name goes to PATH (which holds
 * "/tmp/mk-fuzz-XXXXXX"). Returns 0, or -1 (nothing to remove). */
static inline int
fuzz_tmpinput(char *path, const uint8_t *data, size_t size)
{
    int fd = mkstemp(path);

    if (fd < 0)
        return -1;
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        unlink(path);
        return -1;
    }
    close(fd);
    return 0;
}

#endif
