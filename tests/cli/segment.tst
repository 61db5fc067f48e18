# status  expected                    command (from the repository root, LC_ALL=C)
0  segment/en                      mekong normalize corpora/en/sample-01.txt | mekong segment
0  segment/en-tokens               mekong segment --tokens corpora/en/sample-02.txt
0  segment/th                      mekong normalize corpora/th/sample-01.txt | mekong segment
0  segment/km                      mekong normalize corpora/km/sample-02.txt | mekong segment
0  segment/my                      mekong segment corpora/my/sample-01.txt
0  segment/zh-tokens               mekong segment --tokens corpora/zh/sample-01.txt
0  segment/vi-conllu               mekong segment --conllu corpora/vi/sample-01.txt
0  segment/abbrev                  printf 'Mr. Yang met Dr. J. R. Smith at 9 a.m. in the U.S. on Aug. 21. He said: "It went well." Mail yang@example.com or see https://example.org/a.b now.\n' | mekong segment --tokens
0  segment/jsonl                   mekong segment --jsonl --stats tests/data/feed.jsonl 2>&1
0  segment/no-lang-column          mekong segment tests/data/stream-nolang.tsv
0  segment/und                     mekong segment --lang und tests/data/one-char.txt
0  segment/one-char                mekong segment --tokens tests/data/one-char.txt
0  segment/carried-columns         mekong normalize --jsonl --fields date,url tests/data/feed.jsonl | mekong segment
1  .                               mekong segment tests/data/stream-notext.tsv
2  .                               mekong segment --lang 'x y' tests/data/good.txt
2  .                               mekong segment --tokens --no-such-option
0  .                               mekong help segment | grep -q conllu
0  segment/vi-words                printf 'Thủ tướng Chính phủ họp tại Hà Nội hôm nay.\n' | mekong segment --lang vi --tokens
0  segment/vi-syllables            printf 'Thủ tướng Chính phủ họp tại Hà Nội hôm nay.\n' | mekong segment --lang vi --tokens --vi-syllables
# JSON Lines out
0  segment/format-jsonl            mekong segment --tokens --format jsonl tests/data/stream.tsv
2  .                               mekong segment --conllu --format jsonl tests/data/good.txt
# Armenian stops written as colons; a title in 《》; an ellipsis with no space
0  segment/hy-colon                printf 'Այսօր երկուշաբթի է: Ես գնում եմ աշխատանքի:\n' | mekong segment --lang hy
0  segment/zh-title                printf '我们明天一起去看《摔跤吧！爸爸》好吗？好！\n' | mekong segment --lang zh
0  segment/ellipsis-runs-on        printf 'It started to rain...Then it stopped. We left.\n' | mekong segment --lang en
# no sentence ends inside a URL; a question before a lower-case word ends one
0  segment/url-question            printf 'See http://www.example.com/news.asp?ArticleID=97508 Then go. Do you think? we can go.\n' | mekong segment --lang en
# German: one-letter abbreviations in a row, a day and month (CLDR's names), a Roman ordinal
0  segment/de-ordinals             printf 'Wir brauchen Getränke, z. B. Brot. Die Abstimmung vom 12. Juni war knapp. Ludwig XIV. Starb spät. Er ging.\n' | mekong segment --lang de
# initials in Cyrillic run on; a unit after a number ends a sentence
0  segment/ru-initials             printf 'Л. Н. Толстой написал роман. Кроме того, А.И. Семенов выступал.\n' | mekong segment --lang ru
0  segment/degrees                 printf 'The engine reached 120.5°C. Fortunately, it held.\n' | mekong segment --lang en
# a quotation mark standing apart before a stop closes the sentence; a number after a stop starts one
0  segment/vi-quote-sign           printf 'Li gọi " Dezliangz ! Dezliangz ! " . Sau 35 năm , đây là lần đầu .\n' | mekong segment --lang vi
0  segment/number-starts           printf 'He finally retired. 35 years later he came back.\n' | mekong segment --lang en
# Chinese words cut as the treebanks cut them: 这 个, 他 的, 称 为; a foreign name whole; 第 and its number
0  segment/zh-treebank-words       printf '这个城市被称为第一个阿尔斯特的港口，他的朋友也在。\n' | mekong segment --tokens --rules-only --lang zh
0  segment/en-model               printf 'Please call me at 303-832-8160 Thanks Rudwell\nMr. Lee met Dr. Tan at 5 p.m. on Friday. They spoke.\n' | mekong segment --lang en
0  segment/en-rules-only          printf 'Please call me at 303-832-8160 Thanks Rudwell\nMr. Lee met Dr. Tan at 5 p.m. on Friday. They spoke.\n' | mekong segment --rules-only --lang en
0  segment/zh-model               printf '这个城市被称为第一个阿尔斯特的港口，他的朋友也在。\n' | mekong segment --tokens --lang zh
