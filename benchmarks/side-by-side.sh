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
# The sweep again as the tool runs it: its runtimeconfig shortens the runtime's wait before optimising hot code
# (src/ConsensusSim.Cli/ConsensusSim.Cli.csproj), which a process of its own can only be given from outside.
rm -rf "$out"
dotnet run -c Release --project benchmarks/ConsensusSim.Benchmarks -- \
  --filter '*SweepBenchmarks*' --job short --iterationCount 9 --envVars DOTNET_TC_CallCountingDelayMs:10 DOTNET_TieredPGO:0 "$@"
cp "$out"/ConsensusSim.Benchmarks.SweepBenchmarks-report-github.md benchmarks/results/SweepBenchmarks-as-the-tool-report-github.md
ls -1 benchmarks/results/*-report-github.md
