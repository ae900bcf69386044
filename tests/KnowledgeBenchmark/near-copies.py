#!/usr/bin/env python3
"""Lists lines of NEW files that are near-copies of lines the figures must stay independent of.

usage: near-copies.py [--threshold 0.6] NEW.jsonl... [--against FILE.jsonl...] [--held-out-of CORPUS_DIR]

Similarity is the Jaccard index of character bigrams after dropping spaces and punctuation (a line with one word
swapped scores high). By default every line of NEW is compared with the evaluation sets (../shared/eval-*/questions.jsonl,
tests/KnowledgeBenchmark/*.jsonl except NEW itself) and with the held-out part of the intent corpus
(bot/Routing/Intent/Corpus, the same FNV-1a rule as IntentCorpus.IsHeldOut). Exit status 1 when any line is at or
above the threshold. Run from the repository root.
"""
import glob, json, os, re, sys

def held_out(text):
    h = 2166136261
    for b in text.encode("utf-8"):
        h ^= b
        h = (h * 16777619) & 0xFFFFFFFF
    return h % 100 < 15

def bigrams(text):
    s = re.sub(r"[\s\W_]+", "", text.lower())
    return {s[i:i + 2] for i in range(len(s) - 1)} or {s}

def lines(path):
    for raw in open(path, encoding="utf-8"):
        raw = raw.strip()
        if raw:
            yield json.loads(raw)["text"]

def main(argv):
    threshold, new, against, corpus, mode = 0.6, [], [], "bot/Routing/Intent/Corpus", "new"
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--threshold": threshold = float(argv[i + 1]); i += 2; continue
        if a == "--against": mode = "against"; i += 1; continue
        if a == "--held-out-of": corpus = argv[i + 1]; i += 2; continue
        (new if mode == "new" else against).append(a); i += 1
    if not against:
        against = sorted(glob.glob("../shared/eval-*/questions.jsonl") + glob.glob("tests/KnowledgeBenchmark/*.jsonl"))
    against = [p for p in against if os.path.abspath(p) not in {os.path.abspath(n) for n in new}]
    reference = [(p, t, bigrams(t)) for p in against for t in lines(p)]
    for path in sorted(glob.glob(os.path.join(corpus, "*.jsonl"))):
        if os.path.abspath(path) in {os.path.abspath(n) for n in new}: continue
        reference += [(path + " (held out)", t, bigrams(t)) for t in lines(path) if held_out(t)]
    hits = 0
    for path in new:
        for text in lines(path):
            b = bigrams(text)
            best = max(((len(b & r) / len(b | r), p, t) for p, t, r in reference), default=(0, "", ""))
            if best[0] >= threshold:
                hits += 1
                print(f"{best[0]:.2f}  {path}: {text}\n      ~ {best[1]}: {best[2]}")
    print(f"{hits} near-copies at >= {threshold}", file=sys.stderr)
    return 1 if hits else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
