#!/usr/bin/env bash
# Reproduce the README's numbers: the seed article, PolNeAR dev (with our speaker/stance labels)
# and the conflict benchmark. Needs ../shared beside the repo (or SHARED=path).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
out=${OUT:-/tmp/attribution-measure}
mkdir -p "$out"
bin=.venv/bin/attribution

echo "== seed article"
$bin extract seeds/ -o reports/who-said-what.csv
$bin evaluate reports/who-said-what.csv --gold seeds/

echo "== PolNeAR dev (84 articles)"
$bin extract "$shared/data/polnear/dev/text" -o "$out/polnear-dev.csv"
$bin evaluate "$out/polnear-dev.csv" --gold "$shared/data/polnear/dev" --labels "$shared/data/stance-dev.jsonl"

echo "== PolNeAR dev, rules only (no transformer model)"
$bin extract --rules-only "$shared/data/polnear/dev/text" -o "$out/polnear-dev-rules.csv"
$bin evaluate "$out/polnear-dev-rules.csv" --gold "$shared/data/polnear/dev" --labels "$shared/data/stance-dev.jsonl"

echo "== conflicts: seed and the multi-article benchmark"
$bin evaluate-conflicts seeds
$bin evaluate-conflicts benchmarks/conflicts
$bin evaluate-conflicts benchmarks/conflicts --claims gold
for design in benchmarks/conflicts-design-1 benchmarks/conflicts-design-2; do  # designed on, with the above
  $bin evaluate-conflicts "$design"
  $bin evaluate-conflicts "$design" --claims gold
done
$bin evaluate-conflicts benchmarks/conflicts-heldout  # written blind to the finder: its honest score
$bin evaluate-conflicts benchmarks/conflicts-heldout --claims gold

echo "== conflicts over PolNeAR dev (real news: how many pairs it reports)"
$bin conflicts "$shared/data/polnear/dev/text" -o "$out/polnear-dev-conflicts.csv"

echo "== quote detection beside textacy's direct_quotations (needs requirements-bench.lock installed)"
$bin bench --quotes "$shared/data/polnear/dev"

echo "== speed beside spaCy alone (meaningful only on an otherwise idle machine)"
$bin bench --replicate 1,10,100
$bin bench --replicate 1,10,100 --rules-only
