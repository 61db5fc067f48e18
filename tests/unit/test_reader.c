/* test_reader.c - text, UTF-16, JSONL and stream input behind one reader. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "mekong.h"

static char tmpdir[] = "/tmp/mk-reader-XXXXXX";
static int nfile;

static const char *
write_tmp(const char *data, size_t len)
{
    static char path[128];
    FILE *f;

    snprintf(path, sizeof path, "%s/f%d", tmpdir, nfile++);
    f = fopen(path, "wb");
    fwrite(data, 1, len, f);
    fclose(f);
    return path;
}

/* Reads all records of DATA, joining "flags:text" with "|" into OUT. */
static int
read_all(const char *data, size_t len, mk_reader_opts *o, char *out, size_t size, mk_error *err)
{
    mk_reader *r;
    mk_row row;
    size_t used = 0;
    int rc;

    out[0] = '\0';
    r = mk_reader_new(write_tmp(data, len), o, err);
    if (r == NULL)
        return -100;
    while ((rc = mk_reader_next(r, &row, err)) > 0) {
        used += (size_t)snprintf(out + used, size - used, "%s%d:%.*s", used ? "|" : "",
                                 row.flags, (int)row.text_len, row.text);
        for (size_t i = 0; i < row.nextra; i++)
            used += (size_t)snprintf(out + used, size - used, "[%.*s]", (int)row.extra_len[i],
                                     row.extra[i]);
    }
    mk_reader_free(r);
    return rc;
}

#define READS(data, o, want) do { \
    char out_[1024]; mk_error e_; \
    int rc_ = read_all(data, sizeof(data) - 1, o, out_, sizeof out_, &e_); \
    CHECK(rc_ == 0); \
    CHECK_STR(out_, strlen(out_), want); \
} while (0)

TEST(text_line_ends)
{
    mk_reader_opts o;
    mk_reader_opts_init(&o);
    READS("a\r\nb\rc\n\nd", &o, "1:a|0:b|0:c|0:|0:d");
    READS("\xef\xbb\xbfone\n", &o, "1:one");
    READS("", &o, "1:");
    READS("x\r", &o, "1:x");
}

TEST(utf16_by_bom)
{
    mk_reader_opts o;
    mk_stats st = { 0 };
    mk_reader_opts_init(&o);
    o.stats = &st;
    READS("\xff\xfe" "a\0\n\0" "\x01\x0e\n\0", &o, "1:a|0:\xe0\xb8\x81");
    READS("\xfe\xff" "\0h\0i", &o, "1:hi");
    CHECK(st.utf16_files == 2);
    READS("\xff\xfe" "a\0\x00\xd8" "b\0", &o, "1:a\xef\xbf\xbd" "b");   /* lone surrogate */
    CHECK(st.invalid_utf16 == 1);
}

TEST(long_line_in_pieces)
{
    mk_reader_opts o;
    char data[5000], out[8192];
    mk_error err;
    mk_reader_opts_init(&o);
    o.max_doc = 1000;
    memset(data, 'a', sizeof data);
    data[2500] = ' ';
    data[4999] = '\n';
    CHECK(read_all(data, sizeof data, &o, out, sizeof out, &err) == 0);
    /* pieces at most max_doc long, flagged, and nothing lost */
    size_t total = 0, n = 0;
    for (char *p = out; *p; ) {
        char *bar = strchr(p, '|');
        size_t l = bar ? (size_t)(bar - p) : strlen(p);
        char *colon = memchr(p, ':', l);
        total += l - (size_t)(colon + 1 - p);
        CHECK(l - (size_t)(colon + 1 - p) <= 1000);
        n++;
        p += l + (bar != NULL);
    }
    CHECK(total == 4999);
    CHECK(n >= 5);
    CHECK(strncmp(out, "3:", 2) == 0);    /* NEWDOC | PIECE */
}

TEST(long_line_cut_between_characters)
{
    /* 3-byte characters and no space: every piece is whole UTF-8 */
    mk_reader_opts o;
    mk_reader *r;
    mk_error err;
    mk_row row;
    char data[6001];
    size_t total = 0;
    int bad = 0, n = 0;

    for (int i = 0; i < 2000; i++)
        memcpy(data + 3 * i, "\xe0\xb8\x81", 3);
    data[6000] = '\n';
    mk_reader_opts_init(&o);
    o.max_doc = 1000;
    r = mk_reader_new(write_tmp(data, sizeof data), &o, &err);
    CHECK(r != NULL);
    while (r != NULL && mk_reader_next(r, &row, &err) > 0) {
        if (mk_utf8_valid_prefix(row.text, row.text_len) != row.text_len || row.text_len > 1000)
            bad = 1;
        total += row.text_len;
        n++;
    }
    mk_reader_free(r);
    CHECK(!bad);
    CHECK(total == 6000);
    CHECK(n == 7);
}

TEST(jsonl_documents)
{
    mk_reader_opts o;
    const char *fields[] = { "url", "n" };
    mk_reader_opts_init(&o);
    o.format = MK_FMT_JSONL;
    o.fields = fields;
    o.nfields = 2;
    READS("{\"id\":\"a\",\"title\":\"T\",\"text\":\"x\\ny\",\"url\":\"u\",\"n\":3}\n\n"
          "{\"id\":7,\"text\":\"z\"}\n", &o,
          "13:T[u][3]|8:x\ny[u][3]|9:z[][]");
}

TEST(jsonl_bad_line)
{
    mk_reader_opts o;
    mk_stats st = { 0 };
    char out[256];
    mk_error err;
    static const char data[] = "{\"id\":\"a\",\"text\":\"x\"}\n{oops\n{\"id\":\"b\",\"text\":\"y\"}\n";
    mk_reader_opts_init(&o);
    o.format = MK_FMT_JSONL;
    CHECK(read_all(data, sizeof data - 1, &o, out, sizeof out, &err) == MK_EINPUT);
    CHECK(err.line == 2);
    CHECK_STR(out, strlen(out), "9:x");
    o.skip_bad = 1;
    o.stats = &st;
    CHECK(read_all(data, sizeof data - 1, &o, out, sizeof out, &err) == 0);
    CHECK_STR(out, strlen(out), "9:x|9:y");
    CHECK(st.bad_lines == 1);
    static const char notext[] = "{\"id\":\"a\"}\n";
    o.skip_bad = 0;
    CHECK(read_all(notext, sizeof notext - 1, &o, out, sizeof out, &err) == MK_EINPUT);
    CHECK(strstr(err.msg, "no \"text\" field") != NULL);
}

TEST(stream_rows)
{
    mk_reader_opts o;
    mk_stats st = { 0 };
    mk_reader_opts_init(&o);
    o.stats = &st;
    READS("doc\tsrc\tpar\tlang\ttext\nd1\ts\t1\ten\ta\\tb\nd1\ts\t2\ten\tc\n"
          "doc\tsrc\tpar\tlang\ttext\nd2\tq\t0\ten\tT\n", &o,
          "9:a\tb[s]|8:c[s]|13:T[q]");
    CHECK(st.headers_skipped == 1);
}

TEST(stream_without_text)
{
    mk_reader_opts o;
    mk_error err;
    mk_reader_opts_init(&o);
    const char *p = write_tmp("doc\tpar\tlang\nd\t1\ten\n", 20);
    CHECK(mk_reader_new(p, &o, &err) == NULL);
    CHECK(err.code == MK_EINPUT);
    CHECK(strstr(err.msg, "no text column") != NULL);
}

TEST(missing_and_directory)
{
    mk_reader_opts o;
    mk_error err;
    mk_reader_opts_init(&o);
    CHECK(mk_reader_new("/nonexistent/file", &o, &err) == NULL);
    CHECK(err.code == MK_EIO && err.sys_errno != 0);
    CHECK(mk_reader_new(tmpdir, &o, &err) == NULL);
    CHECK(err.code == MK_EIO);
}

int
main(void)
{
    if (mkdtemp(tmpdir) == NULL)
        return 1;
    RUN(text_line_ends);
    RUN(utf16_by_bom);
    RUN(long_line_in_pieces);
    RUN(long_line_cut_between_characters);
    RUN(jsonl_documents);
    RUN(jsonl_bad_line);
    RUN(stream_rows);
    RUN(stream_without_text);
    RUN(missing_and_directory);
    for (int i = 0; i < nfile; i++) {
        char p[128];
        snprintf(p, sizeof p, "%s/f%d", tmpdir, i);
        unlink(p);
    }
    rmdir(tmpdir);
    DONE();
}
