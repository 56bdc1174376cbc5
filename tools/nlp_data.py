#!/usr/bin/env python3
"""Regenerates the deck builder's linguistic data files (src/builder/nlp/data/).

Run once by a developer, never at build or run time:
    pip download --no-deps wordfreq==3.1.1 textblob==0.20.1 -d /tmp/nlp
    (unzip both wheels into /tmp/nlp/x), pip install msgpack, then
    python3 tools/nlp_data.py /tmp/nlp/x

Writes
  wordfreq_en.txt   English word frequencies from wordfreq 3.1.1 (small_en):
                    one line per frequency bucket, "ZIPF100 word word ...",
                    where ZIPF100 is 100 x the Zipf frequency (log10 of uses
                    per billion words). Data CC BY-SA 4.0 (see LICENSE-wordfreq.txt).
  brill_lexicon.txt word -> most likely Penn Treebank tag, from the Brill
                    lexicon as shipped by Pattern / TextBlob 0.20.1 (MIT).
  brill_morphology.txt, brill_context.txt   Brill's unknown-word and
                    contextual rules from the same package, unchanged.
"""
import gzip
import sys
from pathlib import Path

import msgpack

src = Path(sys.argv[1])
out = Path(__file__).resolve().parent.parent / "src/builder/nlp/data"
out.mkdir(parents=True, exist_ok=True)

buckets = msgpack.load(gzip.open(src / "wordfreq/data/small_en.msgpack.gz"), raw=False)
lines = []
for i, words in enumerate(buckets):
    if i == 0 or not words:
        continue  # bucket 0 is the format header
    zipf100 = 900 - i  # frequency 10^(-i/100) per word; Zipf = 9 - i/100
    if zipf100 <= 0:
        continue
    words = [w for w in words if " " not in w]
    if words:
        lines.append(f"{zipf100} " + " ".join(words))
(out / "wordfreq_en.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")

lex = []
for line in (src / "textblob/en/en-lexicon.txt").read_text(encoding="utf-8").splitlines():
    if line.startswith(";;;"):
        continue
    parts = line.split()
    if len(parts) == 2:
        lex.append(f"{parts[0]} {parts[1]}")
(out / "brill_lexicon.txt").write_text("\n".join(lex) + "\n", encoding="utf-8")
for name in ("morphology", "context"):
    rules = [l for l in (src / f"textblob/en/en-{name}.txt").read_text(encoding="utf-8").splitlines()
             if l.strip() and not l.startswith(";;;")]
    (out / f"brill_{name}.txt").write_text("\n".join(rules) + "\n", encoding="utf-8")
print("ok", len(lines), "buckets", len(lex), "lexicon entries")
