#!/usr/bin/env bash
# Rebuilds the seed corpora in Fuzz/corpus/<target>/ from the project's own sample data, test
# fixtures, rule pack and templates. Run from the package root: bash Fuzz/seed.sh
set -euo pipefail
cd "$(dirname "$0")/.."
C=Fuzz/corpus
rm -rf "$C"
mkdir -p "$C"/{FuzzCSV,FuzzSubmissionXML,FuzzMSPDI,FuzzCEL,FuzzRulePack,FuzzTemplate}
# CSV: the first byte picks the entity (its index in Entity.allCases), the rest is the file.
entities=(programs people certifications projects financials milestones stage_gates risks issues assignments benefits benefit_measurements dependencies change_impacts lessons)
n=0
for f in SampleData/reference/*.csv SampleData/submissions/2026-11/claims/*.csv SampleData/bad/*/team/*.csv \
         Tests/GovPackIngestTests/Fixtures/hardening/*/*.csv; do
  stem=$(basename "$f" .csv | tr 'A-Z' 'a-z')
  idx=0
  for i in "${!entities[@]}"; do [ "${entities[$i]}" = "$stem" ] && idx=$i; done
  n=$((n + 1))
  { printf "\\x$(printf %02x "$idx")"; head -c 4096 "$f"; } > "$C/FuzzCSV/seed-$n"
done
cp SampleData/submissions/2026-11/customer/submission.xml "$C/FuzzSubmissionXML/customer.xml"
cp Tests/GovPackIngestTests/Fixtures/xml/submission-valid.xml "$C/FuzzSubmissionXML/valid.xml"
for f in SampleData/bad/xml-*/team/*.xml; do cp "$f" "$C/FuzzSubmissionXML/$(basename "$(dirname "$(dirname "$f")")").xml"; done
cp SampleData/submissions/2026-11/infrastructure/PRJ-031.xml "$C/FuzzMSPDI/PRJ-031.xml"
# CEL: every when/assert expression of the shipped pack, one per file.
grep -E '^\s+(when|assert):' Sources/GovPackRules/Packs/pmo-standard.yaml | sed -E 's/^\s+(when|assert):\s*//; s/^"(.*)"$/\1/' | sed -E "s/^'(.*)'\$/\\1/" |
  awk -v d="$C/FuzzCEL" '{ f = sprintf("%s/expr-%03d", d, NR); printf "%s", $0 > f; close(f) }'
cp Sources/GovPackRules/Packs/pmo-standard.yaml "$C/FuzzRulePack/"
# Templates: first byte 0 = HTML, 1 = Markdown.
for f in Templates/*/*.html.mustache; do { printf '\x00'; cat "$f"; } > "$C/FuzzTemplate/$(basename "$f")"; done
for f in Templates/*/*.md.mustache; do { printf '\x01'; cat "$f"; } > "$C/FuzzTemplate/$(basename "$f")"; done
for d in "$C"/*; do echo "$(basename "$d"): $(ls "$d" | wc -l) seeds"; done
