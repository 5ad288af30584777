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
#
# The reports go to benchmarks/results/, or to the folder RESULTS names (a second machine's run, say
# RESULTS=benchmarks/results/avx2), so that one machine's run does not overwrite another's.
set -euo pipefail
cd "$(dirname "$0")/.."
out=BenchmarkDotNet.Artifacts/results
results=${RESULTS:-benchmarks/results}
# The code measured, taken before this script copies its own reports into the tree.
commit=$(git rev-parse --short HEAD)
git diff --quiet HEAD || commit="$commit with uncommitted changes"
bench() { dotnet run -c Release --project benchmarks/ConsensusSim.Benchmarks -- --job short --iterationCount 9 "$@"; }

rm -rf "$out"
bench --filter '*SingleRoundBenchmarks*' '*RandomParameterBenchmarks*' '*ForcedRoundsBenchmarks*' \
  '*AgendaSetterBenchmarks*' '*RareEventBenchmarks*' --affinity 1 --envVars DOTNET_TC_CallCountingDelayMs:0 --launchCount 3 "$@"
mkdir -p "$results"
cp "$out"/*-report-github.md "$results"/
rm -rf "$out"
bench --filter '*SweepBenchmarks*' '*ThreadingBenchmarks*' "$@"
cp "$out"/*-report-github.md "$results"/
# The sweep again as the tool runs it: its runtimeconfig shortens the runtime's wait before optimising hot code
# (src/ConsensusSim.Cli/ConsensusSim.Cli.csproj), which a process of its own can only be given from outside.
rm -rf "$out"
bench --filter '*SweepBenchmarks*' --envVars DOTNET_TC_CallCountingDelayMs:10 DOTNET_TieredPGO:0 "$@"
cp "$out"/ConsensusSim.Benchmarks.SweepBenchmarks-report-github.md "$results"/SweepBenchmarks-as-the-tool-report-github.md
ls -1 "$results"/*-report-github.md
# Issue 20's ratios once more with every class run in turn in one process (InterleavedRatios.cs), six processes pinned
# to one processor: the host's load moves some trials more than others, and these ratios are taken within a round.
pin=(); command -v taskset > /dev/null && pin=(taskset -c 0)
dotnet build -c Release benchmarks/ConsensusSim.Benchmarks > /tmp/side-by-side-build.log 2>&1 \
  || { tail -30 /tmp/side-by-side-build.log; echo "side-by-side: the benchmarks did not build" >&2; exit 1; }
interleaved=$(mktemp)
{
  echo "# Interleaved ratios at $commit"
  echo
  echo "Six processes, $(date -u '+%Y-%m-%d %H:%M') UTC, each ${pin[*]:+pinned to processor 0 }(\`benchmarks/side-by-side.sh\`):"
  echo
  echo '```'
  echo 'cd benchmarks/ConsensusSim.Benchmarks && dotnet build -c Release'
  echo "for i in 1 2 3 4 5 6; do ${pin[*]:+${pin[*]} }dotnet bin/Release/net10.0/ConsensusSim.Benchmarks.dll --interleaved; done"
  echo '```'
  echo
  echo "Each process runs one chunk of 10,000 trials of every class per round, in an order that rotates from round to round,"
  echo "61 rounds after a three-second warm-up; each ratio is taken within its round and its median over the rounds given."
  echo "See \`InterleavedRatios.cs\` and docs/performance.md."
  for i in 1 2 3 4 5 6; do
    echo
    echo "## process $i, started $(date -u +%H:%M:%S) UTC"
    ${pin[@]+"${pin[@]}"} dotnet benchmarks/ConsensusSim.Benchmarks/bin/Release/net10.0/ConsensusSim.Benchmarks.dll --interleaved
  done
} > "$interleaved"
mv "$interleaved" "$results"/interleaved-ratios.md
ls -1 "$results"/interleaved-ratios.md
