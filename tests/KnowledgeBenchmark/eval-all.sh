#!/usr/bin/env bash
# Runs the bot's eval on every labelled set and prints one table (FAQ accuracy / wrong / handoff recall / precision /
# fallback, and per script). Held out, never tuned on: freshret and aspect (retrieval probes written before the changes
# they measure), market (marketplace-style probes: order cards, typos, slang), appliance (a small-appliance store
# written blind by someone who had not read the engine), beauty (a cosmetics store written blind in marketplace
# shoppers' register: order cards, channel labels, typos, one-word replies). precision (intent-probes-precision.jsonl)
# is a design set of messages that do not need a person (pings, hypothetical policy, order cards, specs no FAQ covers)
# and their near opposites, written for the intent stage's handoff precision and tuned on. near-d / near-h
# (near-subject-probes.jsonl, demo store): out-of-scope questions asked with an FAQ's words, neighbouring FAQs, the
# shopper's own-order questions the FAQ answers, own faults told with the FAQ's words, and their right-answer twins;
# near-d is the design half, near-h the held-out half (never tuned on). para-des / para-held (paraphrase-probes.jsonl,
# demo store): answerable questions in words its FAQs do not use, in shoppers' register, in the same two halves.
# Usage: tests/KnowledgeBenchmark/eval-all.sh [outdir]   (build first:
# dotnet build bot -c Release -nologo -v quiet). Run from the repository root; ../shared holds the dev sets.
set -euo pipefail
out=${1:-/tmp/eval-all}
mkdir -p "$out"
bot=bot/bin/Release/net10.0/ChatSupport.Bot.dll
score=../shared/eval-dev/score.py
sets=(
  "dev|../shared/eval-dev/kb|../shared/eval-dev/questions.jsonl"
  "dev2|../shared/eval-dev2/kb|../shared/eval-dev2/questions.jsonl"
  "demo|knowledge|tests/KnowledgeBenchmark/demo-store-questions.jsonl"
  "shoppers|knowledge|tests/KnowledgeBenchmark/demo-store-shoppers.jsonl"
  "shapes|knowledge|tests/KnowledgeBenchmark/real-shopper-shapes.jsonl"
  "precision|knowledge|tests/KnowledgeBenchmark/intent-probes-precision.jsonl"
  "freshret|knowledge|tests/KnowledgeBenchmark/retrieval-probes-fresh.jsonl"
  "appliance|tests/KnowledgeBenchmark/heldout-appliance/kb|tests/KnowledgeBenchmark/heldout-appliance/questions.jsonl"
  "beauty|tests/KnowledgeBenchmark/heldout-market-beauty/kb|tests/KnowledgeBenchmark/heldout-market-beauty/questions.jsonl"
  "aspect|knowledge|tests/KnowledgeBenchmark/retrieval-probes-aspect.jsonl"
  "market|knowledge|tests/KnowledgeBenchmark/marketplace-probes.jsonl"
  "para-des|knowledge|tests/KnowledgeBenchmark/paraphrase-probes.jsonl|design"
  "para-held|knowledge|tests/KnowledgeBenchmark/paraphrase-probes.jsonl|heldout"
  "near-d|knowledge|tests/KnowledgeBenchmark/near-subject-probes.jsonl|design"
  "near-h|knowledge|tests/KnowledgeBenchmark/near-subject-probes.jsonl|heldout"
)
printf '%-9s %-12s %6s %6s %6s %6s %6s\n' set script faq wrong hrec hprec fallb
for s in "${sets[@]}"; do
  IFS='|' read -r name kb questions half <<<"$s"
  [ -e "$questions" ] || continue
  # A set split in halves (the paraphrase and near-subject probes: a design half tuned on, a held-out half never tuned
  # on) is run one half at a time, by the lines' "half" field.
  if [ -n "${half:-}" ]; then
    python3 -c 'import json,sys; [sys.stdout.write(l) for l in open(sys.argv[1]) if json.loads(l).get("half")==sys.argv[2]]' "$questions" "$half" >"$out/$name.questions.jsonl"
    questions=$out/$name.questions.jsonl
  fi
  dotnet "$bot" eval --knowledge "$kb" --input "$questions" --output "$out/$name.jsonl" >"$out/$name.log" 2>&1
  python3 "$score" --gold "$questions" --pred "$out/$name.jsonl" --json >"$out/$name.score.json"
  python3 - "$name" "$out/$name.score.json" <<'PY'
import json, sys
name, path = sys.argv[1], sys.argv[2]
d = json.load(open(path))
def row(label, block):
    m = block["metrics"]
    f = lambda k: "  -" if m[k]["value"] is None else f"{100*m[k]['value']:.1f}"
    print(f"{name:<9} {label:<12} {f('faq_answer_accuracy'):>6} {f('wrong_answer_rate'):>6} {f('handoff_recall'):>6} {f('handoff_precision'):>6} {f('fallback_accuracy'):>6}")
row("all", d["overall"])
for script, block in d["by_script"].items():
    if block["counts"]["items"]: row(script, block)
PY
done
# The intent stage on the held-out part of its corpus, and the real-shopper-style probes (never trained on) through
# the intent stage and the whole router on the demo store (intent-eval --probes; per group: bot/Eval/IntentProbeReport.cs).
dotnet "$bot" intent-eval --probes tests/KnowledgeBenchmark/intent-probes.jsonl --knowledge knowledge --show-errors 200 >"$out/intent.log" 2>&1
echo "intent held-out (router intent stage): $(grep -A0 '^router intent' "$out/intent.log" | sed 's/.*accuracy *//')"
sed -n '/^probes:/,/handoff recall/p' "$out/intent.log"
