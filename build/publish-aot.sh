#!/usr/bin/env bash
# Publishes the command-line tool as a Native AOT executable: no JIT and no runtime start-up, so a
# default run takes about 30 ms as a whole process instead of about 260 ms (docs/performance.md).
#   build/publish-aot.sh [INSTRUCTION_SET] [OUTPUT]
# The instruction set is fixed when the code is compiled, not chosen at start as the JIT chooses it:
# x86-64-v4 (AVX-512) runs the vector paths the benchmarks measure but starts only on AVX-512 CPUs;
# x86-64-v3 (AVX2) runs on most x64 machines, a little slower. The default is v4 where this machine
# has AVX-512 and v3 elsewhere. Results are the same bits either way. Needs gcc (or clang) as linker.
set -euo pipefail
cd "$(dirname "$0")/.."
isa=${1:-$(grep -qw avx512f /proc/cpuinfo 2>/dev/null && echo x86-64-v4 || echo x86-64-v3)}
out=${2:-artifacts/aot-$isa}
linker=$(command -v clang >/dev/null 2>&1 && echo clang || echo gcc)
# The tool project lists five runtimes and builds warnings as errors; an AOT build is for this one, and
# the trimming analysis warns about code the tool's AOT path never reaches (Slurm's self-location).
dotnet publish src/ConsensusSim.Cli -c Release -r linux-x64 --self-contained true \
  -p:RuntimeIdentifiers=linux-x64 -p:PublishAot=true -p:PublishReadyToRun=false \
  -p:TreatWarningsAsErrors=false -p:CppCompilerAndLinker="$linker" -p:IlcInstructionSet="$isa" \
  -o "$out" >&2
echo "$out/ConsensusSim.Cli"
