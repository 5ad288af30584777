#!/usr/bin/env bash
# Runs every class of scenario in one BenchmarkDotNet run, so their ratios are taken side by side on the same
# machine state, and copies the reports into benchmarks/results/. Absolute times move between machines and runs;
# the ratios within one run are what docs/performance.md quotes.
set -euo pipefail
cd "$(dirname "$0")/.."
out=BenchmarkDotNet.Artifacts/results
rm -rf "$out"
dotnet run -c Release --project benchmarks/ConsensusSim.Benchmarks -- \
  --filter '*SingleRoundBenchmarks*' '*RandomParameterBenchmarks*' '*ForcedRoundsBenchmarks*' \
           '*AgendaSetterBenchmarks*' '*RareEventBenchmarks*' '*SweepBenchmarks*' '*ThreadingBenchmarks*' \
  --job short --iterationCount 9 "$@"
mkdir -p benchmarks/results
cp "$out"/*-report-github.md benchmarks/results/
ls -1 benchmarks/results/*-report-github.md
