#!/usr/bin/env bash
# Runs every class of scenario in one BenchmarkDotNet run, so their ratios are taken side by side on the same
# machine state, and copies the reports into benchmarks/results/. Absolute times move between machines and runs;
# the ratios within one run are what docs/performance.md quotes.
#
# The single-threaded classes run on one processor (--affinity 1): the project's VM has two whose speeds differ by up
# to 1.35x, and a process the scheduler moves between them measures a mixture. With one processor the runtime waits
# ten times longer before optimising hot code, so the wait is set to 0 for them. The host's load still moves a
# process's speed by a third at times, and where a process's memory lies can slow one trial by as much, so each of
# these classes runs in three processes and the reports' medians are over all their iterations. The sweep and
# threading classes use both processors and run unpinned, in one process each.
set -euo pipefail
cd "$(dirname "$0")/.."
out=BenchmarkDotNet.Artifacts/results
bench() { dotnet run -c Release --project benchmarks/ConsensusSim.Benchmarks -- --job short --iterationCount 9 "$@"; }

rm -rf "$out"
bench --filter '*SingleRoundBenchmarks*' '*RandomParameterBenchmarks*' '*ForcedRoundsBenchmarks*' \
  '*AgendaSetterBenchmarks*' '*RareEventBenchmarks*' --affinity 1 --envVars DOTNET_TC_CallCountingDelayMs:0 --launchCount 3 "$@"
mkdir -p benchmarks/results
cp "$out"/*-report-github.md benchmarks/results/
rm -rf "$out"
bench --filter '*SweepBenchmarks*' '*ThreadingBenchmarks*' "$@"
cp "$out"/*-report-github.md benchmarks/results/
# The sweep again as the tool runs it: its runtimeconfig shortens the runtime's wait before optimising hot code
# (src/ConsensusSim.Cli/ConsensusSim.Cli.csproj), which a process of its own can only be given from outside.
rm -rf "$out"
bench --filter '*SweepBenchmarks*' --envVars DOTNET_TC_CallCountingDelayMs:10 DOTNET_TieredPGO:0 "$@"
cp "$out"/ConsensusSim.Benchmarks.SweepBenchmarks-report-github.md benchmarks/results/SweepBenchmarks-as-the-tool-report-github.md
ls -1 benchmarks/results/*-report-github.md
