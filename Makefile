# mekong - one plain Makefile. Honours CC CFLAGS CPPFLAGS LDFLAGS LIBS
# PREFIX DESTDIR; SAN=1 builds with address and undefined sanitizers,
# SAN=thread with ThreadSanitizer.

PKGS       = icu-uc icu-i18n libpcre2-8 libutf8proc jansson
PREFIX    ?= /usr/local
BINDIR     = $(PREFIX)/bin
LIBDIR     = $(PREFIX)/lib
INCDIR     = $(PREFIX)/include
MANDIR     = $(PREFIX)/share/man
PCDIR      = $(LIBDIR)/pkgconfig
VERSION    = 0.1.0

CC        ?= cc
CFLAGS    ?= -O2 -g
HAVE_DEPS := $(shell pkg-config --exists $(PKGS) 2>/dev/null && echo yes)
DEP_CFLAGS:= $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
DEP_LIBS  := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ifeq ($(SAN),1)
SAN_FLAGS  = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
endif
ifeq ($(SAN),thread)
SAN_FLAGS  = -fsanitize=thread -fno-omit-frame-pointer
endif
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DPCRE2_CODE_UNIT_WIDTH=8 \
             -Wall -Wextra -Iinclude -Ilib $(DEP_CFLAGS) $(SAN_FLAGS) $(CPPFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SAN_FLAGS) $(LDFLAGS)

LIB_SRC    = $(wildcard lib/*.c)
GEN_SRC    = gen/boilerplate.c gen/abbreviations.c gen/vi_words.c gen/titles.c gen/titles_after.c gen/not_titles.c gen/org_heads.c gen/company_words.c \
             gen/known_orgs.c gen/ner_models.c
# the tagger's models, built into the programs (scripts/train-ner makes them)
MODELS     = $(sort $(wildcard models/ner-*.bin))
LIB_OBJ    = $(LIB_SRC:.c=.o) $(GEN_SRC:.c=.o)
FILTERS    = normalize segment extract train-ner
PROGS      = bin/mekong $(FILTERS:%=bin/mekong-%)
UNIT_SRC   = $(wildcard tests/unit/test_*.c)
UNIT_BIN   = $(UNIT_SRC:tests/unit/%.c=tests/bin/%)
FUZZ_SRC   = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN   = $(FUZZ_SRC:tests/fuzz/%.c=tests/bin/%)
TOOL_SRC   = $(wildcard tests/tools/*.c)
TOOL_BIN   = $(TOOL_SRC:tests/tools/%.c=tests/bin/%)

# objects are rebuilt when the compiler or flags change (SAN=1 and back)
BUILD_ID  := $(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS)
$(shell echo '$(BUILD_ID)' | cmp -s - .build-flags 2>/dev/null || echo '$(BUILD_ID)' > .build-flags)

.PHONY: all deps check demo bench fuzz install uninstall clean tests
.SECONDARY:

all: need-deps $(PROGS)

need-deps:
ifneq ($(HAVE_DEPS),yes)
	@echo "mekong: build dependencies missing ($(PKGS)); run scripts/install-deps" >&2
	@exit 1
endif

# installs what pkg-config misses, then builds in a fresh make that sees it
deps:
	@pkg-config --exists $(PKGS) 2>/dev/null && command -v parallel >/dev/null \
	  && command -v mandoc >/dev/null || scripts/install-deps

lib/%.o: lib/%.c include/mekong.h $(wildcard lib/*.h) .build-flags
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# word lists in corpora/ become const tables at build time
gen/boilerplate.c: corpora/boilerplate.txt scripts/gen-wordlist
	@mkdir -p gen
	scripts/gen-wordlist boilerplate_lines corpora/boilerplate.txt --fold > $@

gen/abbreviations.c: corpora/abbreviations.txt scripts/gen-wordlist
	@mkdir -p gen
	scripts/gen-wordlist abbreviations corpora/abbreviations.txt > $@

gen/vi_words.c: corpora/vi-words.txt scripts/gen-wordlist
	@mkdir -p gen
	scripts/gen-wordlist vi_words corpora/vi-words.txt > $@

gen/titles.c: corpora/titles.txt scripts/gen-wordlist
	@mkdir -p gen
	scripts/gen-wordlist titles corpora/titles.txt --fold > $@

gen/titles_after.c: corpora/titles-after.txt scripts/gen-wordlist
	@mkdir -p gen
	scripts/gen-wordlist titles_after corpora/titles-after.txt > $@

gen/not_titles.c: corpora/not-titles.txt scripts/gen-wordlist
	@mkdir -p gen
	scripts/gen-wordlist not_titles corpora/not-titles.txt --fold > $@

gen/org_heads.c: corpora/org-heads.txt scripts/gen-wordlist
	@mkdir -p gen
	scripts/gen-wordlist org_heads corpora/org-heads.txt --fold > $@

gen/company_words.c: corpora/company-words.txt scripts/gen-wordlist
	@mkdir -p gen
	scripts/gen-wordlist company_words corpora/company-words.txt --fold > $@

gen/known_orgs.c: corpora/known-orgs.txt scripts/gen-wordlist
	@mkdir -p gen
	scripts/gen-wordlist known_orgs corpora/known-orgs.txt > $@

gen/ner_models.c: $(MODELS) scripts/embed-models
	@mkdir -p gen
	scripts/embed-models $(MODELS) > $@

gen/ner_models.o: gen/ner_models.c lib/ner.h lib/internal.h include/mekong.h .build-flags
	$(CC) $(ALL_CFLAGS) -O0 -c -o $@ $<

gen/%.o: gen/%.c lib/internal.h include/mekong.h .build-flags
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

cmd/%.o: cmd/%.c include/mekong.h cmd/cli.h .build-flags
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

libmekong.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

bin/mekong: cmd/mekong.o cmd/cli.o libmekong.a
	@mkdir -p bin
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(DEP_LIBS) $(LIBS)

bin/mekong-%: cmd/%.o cmd/cli.o libmekong.a
	@mkdir -p bin
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(DEP_LIBS) $(LIBS)

tests/bin/test_%: tests/unit/test_%.c tests/unit/check.h libmekong.a .build-flags
	@mkdir -p tests/bin
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< libmekong.a $(DEP_LIBS) $(LIBS)

tests/bin/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/main.c tests/fuzz/tmpinput.h libmekong.a .build-flags
	@mkdir -p tests/bin
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< tests/fuzz/main.c libmekong.a $(DEP_LIBS) $(LIBS)

# test tools, one program per file of tests/tools/
# the allocation-failure injector (LD_PRELOAD), for scripts/alloc-sweep
tests/bin/failmalloc.so: tests/fault/failmalloc.c
	@mkdir -p tests/bin
	$(CC) -O2 -Wall -Wextra -shared -fPIC -o $@ $<

# the filters again, linked with LeakSanitizer (no rebuild: it needs only
# the link), for the sweep's leak check; left out, with a word, where the
# compiler has no LeakSanitizer or the build already has a sanitizer
LSAN_BIN   = $(if $(SAN),,$(FILTERS:%=tests/bin/lsan/mekong-%))
tests/bin/lsan/mekong-%: cmd/%.o cmd/cli.o libmekong.a
	@mkdir -p tests/bin/lsan
	@$(CC) -fsanitize=leak $(LDFLAGS) -o $@ $^ $(DEP_LIBS) $(LIBS) 2>/dev/null \
	  || echo "mekong: no LeakSanitizer here ($(CC) -fsanitize=leak); the allocation sweep will not look for leaks" >&2

tests/bin/%: tests/tools/%.c libmekong.a .build-flags
	@mkdir -p tests/bin
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< libmekong.a $(DEP_LIBS) $(LIBS)

tests: all $(UNIT_BIN) $(FUZZ_BIN) $(TOOL_BIN) tests/bin/failmalloc.so $(LSAN_BIN)

check: deps
	@$(MAKE) --no-print-directory tests
	@LC_ALL=C MEKONG_CFLAGS="$(SAN_FLAGS)" tests/run

demo: deps
	@$(MAKE) --no-print-directory all
	@echo '$$ mekong normalize corpora/*/sample-01.txt | head -25' >&2
	@LC_ALL=C PATH="$(CURDIR)/bin:$$PATH" mekong normalize corpora/*/sample-01.txt | head -25
	@echo '$$ mekong normalize corpora/*/sample-01.txt | mekong segment | head -25' >&2
	@LC_ALL=C PATH="$(CURDIR)/bin:$$PATH" sh -c 'mekong normalize corpora/*/sample-01.txt | mekong segment | head -25'
	@echo '$$ mekong segment --tokens corpora/vi/sample-01.txt | head -12' >&2
	@LC_ALL=C PATH="$(CURDIR)/bin:$$PATH" sh -c 'mekong segment --tokens corpora/vi/sample-01.txt | head -12'
	@echo '$$ mekong normalize --from auto --verbose --stats --text corpora/messy/* > /dev/null' >&2
	@LC_ALL=C PATH="$(CURDIR)/bin:$$PATH" mekong normalize --from auto --verbose --stats --text corpora/messy/*.txt corpora/messy/*.html > /dev/null

bench: deps
	@$(MAKE) --no-print-directory all tests/bin/icubreak tests/bin/pcrescan
	@scripts/bench

# libFuzzer builds; FUZZ_TIME seconds per target
FUZZ_TIME ?= 600
# extract's target runs every input through ten languages' taggers: its
# inputs are kept to 2 KB so that a run sees many more of them
fuzz: need-deps $(GEN_SRC)
	@mkdir -p tests/bin/libfuzzer
	@for f in $(FUZZ_SRC); do \
	  n=$$(basename $$f .c); \
	  clang -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DPCRE2_CODE_UNIT_WIDTH=8 \
	    -g -O1 -Iinclude -Ilib $(DEP_CFLAGS) -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=undefined \
	    -o tests/bin/libfuzzer/$$n $$f $(LIB_SRC) $(GEN_SRC) $(DEP_LIBS) || exit 1; \
	  mkdir -p tests/bin/libfuzzer/corpus-$$n; \
	  ml=65536; [ $$n = fuzz_extract ] && ml=2048; \
	  echo "fuzz: $$n for $(FUZZ_TIME) s, inputs up to $$ml bytes (new inputs in tests/bin/libfuzzer/corpus-$$n)"; \
	  tests/bin/libfuzzer/$$n -max_total_time=$(FUZZ_TIME) -max_len=$$ml \
	    -artifact_prefix=tests/bin/libfuzzer/$$n- \
	    tests/bin/libfuzzer/corpus-$$n tests/fuzz/corpus/$$n || exit 1; \
	done

mekong.pc: mekong.pc.in Makefile
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' \
	    -e 's|@PKGS@|$(PKGS)|g' mekong.pc.in > $@

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCDIR) \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(PCDIR)
	install -m 755 $(PROGS) $(DESTDIR)$(BINDIR)
	install -m 644 libmekong.a $(DESTDIR)$(LIBDIR)
	install -m 644 include/mekong.h $(DESTDIR)$(INCDIR)
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1
	install -d $(DESTDIR)$(MANDIR)/man3
	install -m 644 man/*.3 $(DESTDIR)$(MANDIR)/man3
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' \
	    -e 's|@PKGS@|$(PKGS)|g' mekong.pc.in > $(DESTDIR)$(PCDIR)/mekong.pc

uninstall:
	rm -f $(PROGS:bin/%=$(DESTDIR)$(BINDIR)/%) $(DESTDIR)$(LIBDIR)/libmekong.a \
	    $(DESTDIR)$(INCDIR)/mekong.h $(DESTDIR)$(PCDIR)/mekong.pc
	for m in man/*.1; do rm -f $(DESTDIR)$(MANDIR)/man1/$${m#man/}; done
	for m in man/*.3; do rm -f $(DESTDIR)$(MANDIR)/man3/$${m#man/}; done

clean:
	rm -rf bin tests/bin gen lib/*.o cmd/*.o libmekong.a mekong.pc .build-flags
