/* test_langid.c - the Latin-script language identifier (lib/langid.c). */
#include <stdlib.h>

#include "check.h"
#include "langid.h"

static const char *
lid(const char *s)
{
    return mk__langid_latin(s, strlen(s), NULL);
}

static int
is_code(const char *got, const char *want)
{
    return got != NULL && strcmp(got, want) == 0;
}

/* Is the answer for S the code WANT (NULL for none)? Prints what it got. */
static int
is(const char *s, const char *want)
{
    double c = -1.0;
    const char *got = mk__langid_latin(s, strlen(s), &c);
    int ok = (got == NULL && want == NULL) ||
             (got != NULL && want != NULL && strcmp(got, want) == 0);

    if (!ok)
        printf("  want %s, got %s (%.3f): %.60s\n", want ? want : "NULL", got ? got : "NULL",
               c, s);
    if (c < 0.0 || c > 1.0) {
        printf("  confidence %f out of [0,1]: %.60s\n", c, s);
        ok = 0;
    }
    return ok;
}

TEST(english)
{
    CHECK(is("The central bank raised interest rates on Thursday to slow inflation, "
             "the governor told reporters.", "en"));
    CHECK(is("Floods closed three roads near the river after a night of heavy rain.", "en"));
    CHECK(is("THE MINISTER SAID THE PLAN WOULD BE DELAYED UNTIL NEXT YEAR", "en"));
}

TEST(indonesian)
{
    CHECK(is("Pemerintah akan menaikkan pajak kendaraan bermotor tahun depan karena "
             "anggaran negara masih defisit.", "id"));
    CHECK(is("Warga bisa mendapatkan vaksin secara gratis di puskesmas terdekat, yaitu "
             "mulai minggu depan.", "id"));
    CHECK(is("Polisi mengatakan bahwa uang tunai itu ditemukan di dalam mobil milik "
             "tersangka.", "id"));
}

TEST(malay)
{
    CHECK(is("Kerajaan akan menaikkan cukai kenderaan tahun hadapan kerana bajet negara "
             "masih defisit, kata menteri itu.", "ms"));
    CHECK(is("Rakyat boleh mendapatkan vaksin secara percuma di klinik kesihatan "
             "berhampiran, iaitu mulai minggu hadapan.", "ms"));
    CHECK(is("Polis berkata bahawa wang tunai itu ditemui di dalam kereta milik suspek "
             "sahaja.", "ms"));
}

TEST(indonesian_malay_pairs)
{
    /* the same news, once in each language: the words that differ decide */
    static const char *const pairs[][2] = {
        { "Kementerian Keuangan menyatakan bahwa pajak baru itu berlaku bulan depan.",
          "Kementerian Kewangan menyatakan bahawa cukai baharu itu berkuat kuasa bulan hadapan." },
        { "Departemen Kesehatan meminta masyarakat tetap di rumah karena kasus terus naik.",
          "Jabatan Kesihatan meminta orang ramai kekal di rumah kerana kes terus meningkat." },
        { "Harga tiket pesawat bisa turun setelah pemerintah mengurangi biaya bandara.",
          "Harga tiket penerbangan boleh turun selepas kerajaan mengurangkan kos lapangan terbang." },
    };
    size_t i;

    for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        CHECK(is(pairs[i][0], "id"));
        CHECK(is(pairs[i][1], "ms"));
    }
}

TEST(other_languages)
{
    CHECK(is("Chính phủ vừa công bố kế hoạch phát triển kinh tế cho năm tới.", "vi"));
    CHECK(is("Sinabi ng pangulo na magkakaroon ng bagong programa para sa mga magsasaka "
             "sa susunod na taon.", "fil"));
    CHECK(is("Le gouvernement a annoncé mardi une nouvelle réforme, malgré l'opposition "
             "des syndicats.", "fr"));
    CHECK(is("Die Regierung hat am Dienstag eine neue Reform angekündigt, obwohl die "
             "Gewerkschaften dagegen sind.", "de"));
    CHECK(is("El gobierno anunció el martes una nueva reforma, a pesar de la oposición de "
             "los sindicatos.", "es"));
    CHECK(is("O governo anunciou na terça-feira uma nova reforma, apesar da oposição dos "
             "sindicatos.", "pt"));
    CHECK(is("De regering heeft dinsdag een nieuwe hervorming aangekondigd, ondanks het "
             "verzet van de vakbonden.", "nl"));
}

TEST(typography)
{
    /* typographic apostrophe and quotes, capitals with accents */
    CHECK(is("L’économie française a ralenti au troisième trimestre, selon l’Insee.", "fr"));
    CHECK(is("«ÉCONOMIE: LE CHÔMAGE A BAISSÉ EN ÉTÉ», titre le journal.", "fr"));
    CHECK(is("\xe2\x80\x9cWe will rebuild the bridge,\xe2\x80\x9d the mayor said.", "en"));
}

TEST(not_language_is_null)
{
    CHECK(lid("") == NULL);
    CHECK(lid("   \t ") == NULL);
    CHECK(lid("12345 67,89 2024-01-01 10:30") == NULL);
    CHECK(lid("https://www.example.com/path/to/page?id=42") == NULL);
    CHECK(lid("www.example.org") == NULL);
    CHECK(lid("editor@example.org") == NULL);
    CHECK(lid("+62 21 555 0199 / +60 3-2222 1111") == NULL);
    CHECK(lid("... --- !!! ??? ***") == NULL);
    CHECK(lid("\xe2\x80\x94 \xc2\xab \xc2\xbb \xe2\x80\xa6") == NULL);
}

TEST(confidence)
{
    const char *p = "The committee will publish its report next week, after a long "
                    "review of the evidence from both sides.";
    double c1 = -1, c2 = -1;

    CHECK(mk__langid_latin(p, strlen(p), &c1) != NULL);
    CHECK(c1 > 0.6 && c1 <= 1.0);   /* early stop: judged on the first six words */
    CHECK(mk__langid_latin("12 34", 5, &c2) == NULL);
    CHECK(c2 == 0.0);
}

TEST(length_is_honoured)
{
    /* the text is (pointer, length): no NUL needed, and bytes past LEN unread */
    const char *s = "Pemerintah mengatakan bahwa harga beras akan turun minggu depan. "
                    "The prime minister said on Monday that the talks would go on.";
    size_t half = strchr(s, 'T') - s;
    const char *r = mk__langid_latin(s, half, NULL);

    CHECK(is_code(r, "id"));
    CHECK(mk__langid_latin(s, 0, NULL) == NULL);
}

TEST(long_text)
{
    const char *para = "Para petani di daerah itu mengatakan bahwa hujan yang turun sejak "
                       "pekan lalu membuat panen mereka terlambat. ";
    size_t pl = strlen(para), n = 2000, i;
    char *buf = malloc(pl * n);

    CHECK(buf != NULL);
    if (buf == NULL)
        return;
    for (i = 0; i < n; i++)
        memcpy(buf + i * pl, para, pl);
    CHECK(is_code(mk__langid_latin(buf, pl * n, NULL), "id"));
    free(buf);
}

TEST(any_bytes_are_safe)
{
    /* not UTF-8 at all, or cut in the middle of a character: no crash, and
     * an answer that is NULL or one of the codes */
    static const char *const codes[] = { "en", "id", "ms", "vi", "fil", "fr", "de", "es",
                                         "pt", "nl" };
    unsigned seed = 7;
    char buf[257];
    int t, bad = 0;

    for (t = 0; t < 20000; t++) {
        size_t len = (size_t)(t % 257), k;
        const char *r;
        double c;
        for (k = 0; k < len; k++) {
            seed = seed * 1103515245u + 12345u;
            buf[k] = (char)"ab e\xc3\xa9\xe1\xbb\x87\xe2\x80\x99'@:/.w\xf0\x9f\x98\x80\xff"[(seed >> 16) % 23];
        }
        r = mk__langid_latin(buf, len, &c);
        if (r != NULL) {
            int found = 0;
            for (k = 0; k < sizeof codes / sizeof codes[0]; k++)
                found |= strcmp(r, codes[k]) == 0;
            bad |= !found;
        }
        bad |= !(c >= 0.0 && c <= 1.0);
    }
    CHECK(!bad);
}

int
main(void)
{
    RUN(english);
    RUN(indonesian);
    RUN(malay);
    RUN(indonesian_malay_pairs);
    RUN(other_languages);
    RUN(typography);
    RUN(not_language_is_null);
    RUN(confidence);
    RUN(length_is_honoured);
    RUN(long_text);
    RUN(any_bytes_are_safe);
    DONE();
}
