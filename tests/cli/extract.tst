# status  expected                    command (from the repository root, LC_ALL=C)
0  extract/en                      mekong extract corpora/en/sample-01.txt
0  extract/en-sentences            mekong normalize corpora/en/sample-02.txt | mekong segment | mekong extract
0  extract/th                      mekong normalize corpora/th/sample-01.txt | mekong extract
0  extract/km                      mekong extract corpora/km/sample-02.txt
0  extract/my                      mekong extract corpora/my/sample-01.txt
0  extract/zh                      mekong extract corpora/zh/sample-02.txt
0  extract/vi-phones               mekong extract --types phone corpora/vi/sample-01.txt
0  extract/jsonl-date-field        mekong extract --jsonl --stats tests/data/feed.jsonl 2>&1
0  extract/carried-columns         mekong normalize --jsonl --fields date,url tests/data/feed.jsonl | mekong extract
0  extract/ref-date                printf 'The talks ended yesterday and resume next Tuesday.\nBangkok: call 02 628 4417 or 081 234 5678.\n' | mekong extract --ref-date 2024-08-23 --region TH
0  extract/dateline-last           printf 'The delegation arrived on Tuesday and leaves next week.\n(Latest Update August 23, 2024)\n' | mekong extract
0  extract/obfuscated              printf 'Write to Expo.MDY [at] Gmail [dot] com, sales(at)example.co.th, mailto:a.b@EXAMPLE.org, or [email protected].\n' | mekong extract --types email
0  extract/not-dates               printf 'On 31 February 2024, room 2567, 13/13/2024, version 1.5.24, every Friday, US$2024.\n' | mekong extract --types date
0  extract/stats                   printf 'It rained yesterday; call 0917 555 0142.\n' | mekong extract --stats 2>&1 >/dev/null | tail -9
2  .                               mekong extract --types money
2  .                               mekong extract --region XX tests/data/good.txt
2  .                               mekong extract --ref-date 2024-13-01 tests/data/good.txt
1  .                               mekong segment --tokens tests/data/good.txt | mekong extract
0  .                               mekong help extract | grep -q ref-date
0  extract/timeml                  printf 'Now the talks, which ended on Friday morning, may resume in the future; prices rose recently. A year earlier, in the third quarter, it rained last night.\n' | mekong extract --timeml --ref-date 2024-08-23
# countries by their CLDR names where no tagger reads the language (Lao, Filipino)
0  extract/places                  printf 'ນັກທ່ອງທ່ຽວຈາກຈີນ ແລະ ຫວຽດນາມ ເພີ່ມຂຶ້ນ.\n' | mekong extract --types location --lang lo; printf 'Dumating ang mga delegado mula sa Timog Korea at Laos.\n' | mekong extract --types location --lang fil
# JSON Lines out
0  extract/format-jsonl            printf '%s\n' 'The "Lan-mekong China Education and Training Alliance (LCETPA)" met Mr Yang Wei (+86 166 2300 4441) in Kunming on August 21, 2024.' | mekong extract --format jsonl
# an acronym in the headline that the story defines further down
0  extract/headline-acronym        printf '%s\n' 'NADMA moves more assets to Kelantan' '' 'The National Disaster Management Agency (NADMA) said 8,000 people were moved.' | mekong extract --types org --lang en
# Burmese: a couple written as one (U ... Daw ...) is two people
0  extract/my-couple               printf '%s\n' 'ရန်ကုန်မြို့၌ဦးဖိုးမှီဒေါ်အေးတင်တို့ကဖွားမြင်သည်။' | mekong extract --lang my --types person
# a title after a number counts people (350 นาย): no person; the named one is
0  extract/th-count-title         printf '%s\n' 'ปภ. ระดมเจ้าหน้าที่กว่า 350 นาย พร้อมรถ 24 คัน นายสมชาย ใจดี กล่าว' | mekong extract --types person --lang th
# Burmese: words that start like a title (uncle, head, first) are no one
0  extract/my-not-titles          printf '%s\n' 'ဦးခေါင်းကိုလုံးဝလိပ်ခွံအတွင်းသွင်းယူနိုင်သည်။' 'သူသည်ဒေါ်လာ၅၀၀ပေးခဲ့သည်။' | mekong extract --lang my --types person
# the first words of an institution's full name take it as their value where
# what they leave out holds only company words (not "Medical Centre")
0  extract/short-forms             printf '%s\n' 'Straits Meridian Logistics Pte. Ltd. signed with the University of Malaya Medical Centre, H.E. Sok Chanthou said.' '' 'Staff of Straits Meridian and of the University of Malaya will train there, Sok Chanthou added.' | mekong extract --types person,org --lang en
# an acronym with a word after it, in brackets and later alone; a Thai name
# the tagger ends inside a run of letters goes on to the acronym after it
0  extract/acronym-word            printf '%s\n' 'Kepala Dinas Penanaman Modal Provinsi Sulawesi Selatan (DPMPTSP Sulsel) hadir.' 'Data ada di kantor DPMPTSP Sulsel, Makassar.' | mekong extract --types org --lang id; printf '%s\n' 'ทั้งนี้ ศูนย์ประสานงานอาเซียนเพื่อการให้ความช่วยเหลือด้านมนุษยธรรมในการจัดการภัยพิบัติ (AHA Centre) ได้ส่งเจ้าหน้าที่' | mekong extract --types org --lang th
