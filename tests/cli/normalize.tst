# status  expected                    command (from the repository root, LC_ALL=C)
0  normalize/empty                 mekong normalize tests/data/empty.txt
0  normalize/no-newline            mekong normalize tests/data/no-newline.txt
0  normalize/nul                   mekong normalize tests/data/nul.txt
0  normalize/bad-utf8              mekong normalize tests/data/bad-utf8.txt
1  normalize/bad-utf8-strict       mekong normalize --strict tests/data/bad-utf8.txt
0  normalize/crlf-bom              mekong normalize - < tests/data/crlf-bom.txt
0  normalize/wrapped-auto          mekong normalize --stats tests/data/wrapped.txt 2>&1
0  normalize/wrapped-line          mekong normalize --paragraphs line tests/data/wrapped.txt
0  normalize/junk                  mekong normalize tests/data/junk.txt
0  normalize/keep-junk             mekong normalize --keep-junk tests/data/junk.txt
0  normalize/jsonl-fields          mekong normalize --jsonl --fields date,url tests/data/feed.jsonl
0  normalize/jsonl-no-title        mekong normalize -j --title-field= --text-field text tests/data/feed.jsonl
1  normalize/jsonl-bad             mekong normalize --jsonl tests/data/bad.jsonl
0  normalize/jsonl-skip-bad        mekong normalize --jsonl --skip-bad --stats tests/data/bad.jsonl 2>&1
1  normalize/stream-notext         mekong normalize tests/data/stream-notext.tsv
0  normalize/stream                mekong normalize tests/data/stream.tsv
0  normalize/stream-chain          mekong normalize tests/data/stream.tsv | mekong normalize
0  normalize/text                  mekong normalize --text tests/data/crlf-bom.txt tests/data/wrapped.txt
0  normalize/nfkc                  printf '\357\274\250\357\275\205\357\275\214\357\275\214\357\275\217 \357\254\201ne\n' | mekong normalize --nfkc --text
0  normalize/max-doc               mekong normalize --max-doc 1K --stats tests/data/long-line.txt 2>&1
1  normalize/max-doc-strict        mekong normalize --max-doc 1K --strict tests/data/long-line.txt
1  normalize/max-doc-jsonl         printf '{"id":"x","text":"%02000d"}\n{"id":"y","text":"ok"}\n' 0 | mekong normalize --jsonl --max-doc 1K
0  normalize/max-doc-jsonl-skip    printf '{"id":"x","text":"%02000d"}\n{"id":"y","text":"ok"}\n' 0 | mekong normalize --jsonl --skip-bad --max-doc 1K 2>&1
0  normalize/stats-corpora         mekong normalize --stats --text corpora/*/sample-*.txt 2>&1 >/dev/null
2  .                               mekong normalize --paragraphs sometimes tests/data/good.txt
2  .                               mekong normalize --max-doc 12Q tests/data/good.txt
2  .                               mekong normalize --fields url tests/data/good.txt
2  .                               mekong normalize --no-such-option
2  .                               mekong no-such-command
0  .                               mekong help normalize | grep -q 'max-doc'
0  .                               mekong --help | grep -q normalize
0  .                               mekong normalize --help | grep -q -- --paragraphs
# messy variants of the sample articles
0  messy/id-bad-utf8               mekong normalize corpora/messy/id-bad-utf8.txt 2>&1
0  messy/all-stats                 mekong normalize --from auto --stats --text corpora/messy/*.txt corpora/messy/*.html 2>&1 >/dev/null
0  messy/verbose                   mekong normalize --from auto --verbose --text corpora/messy/*.txt corpora/messy/*.html 2>&1 >/dev/null
# Zawgyi as ICU's my-Zawgyi writes it (medial ha before a ra glyph, one ၎ glyph) comes back as the Unicode it was made from
0  .                               mekong normalize --text tests/data/my-zawgyi-fixups.txt | cmp - tests/data/my-zawgyi-fixups.want
0  messy/html                      mekong normalize corpora/messy/ms-page.html
0  messy/tis620                    mekong normalize --from auto corpora/messy/th-tis620.txt
0  messy/big5                      mekong normalize --from auto --text corpora/messy/zh-big5.txt
0  messy/big5-named                mekong normalize --from big5 --text corpora/messy/zh-big5.txt
2  .                               mekong normalize --from no-such-encoding tests/data/good.txt
2  .                               mekong normalize --html sometimes tests/data/good.txt
2  .                               mekong normalize --lang 'th th' tests/data/good.txt
0  normalize/lang-forced           mekong normalize --lang lo corpora/lo/sample-02.txt
0  normalize/no-repair             mekong normalize --no-repair --text corpora/messy/vi-mojibake.txt
# JSON Lines out: an object a row, the columns as keys, numbers for par
0  normalize/format-jsonl          mekong normalize --jsonl --fields date,url --format jsonl tests/data/feed.jsonl
0  normalize/format-jsonl-escapes  printf '%s\n' 'He said "go" \\ now, C:\\path' | mekong normalize --format jsonl
2  .                               mekong normalize --format xml tests/data/good.txt
2  .                               mekong normalize --text --format jsonl tests/data/good.txt
