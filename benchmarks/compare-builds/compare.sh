#!/usr/bin/env bash
# Runs the engine comparison benchmark against two builds of the library, alternately, so that
# drift of the machine falls on both: benchmarks/compare-builds/compare.sh OLD_REF [NEW_REF] [ROUNDS]
# NEW_REF defaults to the working tree, ROUNDS to 2. Reports land in $OUT (default /tmp/compare-builds).
set -euo pipefail
old_ref=${1:?usage: compare.sh OLD_REF [NEW_REF] [ROUNDS]}
new_ref=${2:-WORKTREE}
rounds=${3:-2}
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
out=${OUT:-/tmp/compare-builds}
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$out" && mkdir -p "$out"

library() {  # library REF NAME -> path of ConsensusSim.csproj for that build
  if [ "$1" = WORKTREE ]; then echo "$repo/src/ConsensusSim/ConsensusSim.csproj"; return; fi
  git -C "$repo" worktree add -q --detach "$out/src-$2" "$1"
  echo "$out/src-$2/src/ConsensusSim/ConsensusSim.csproj"
}

for side in old new; do
  ref=$old_ref; [ $side = new ] && ref=$new_ref
  lib=$(library "$ref" $side)
  mkdir -p "$out/bench_$side"
  cp "$here/EngineComparison.cs" "$out/bench_$side/"
  # BenchmarkDotNet needs the project file named as the assembly, and the file outside the repo's
  # Directory.*.props, which would apply the library's analyzers to it.
  cat > "$out/bench_$side/bench_$side.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="BenchmarkDotNet" Version="0.15.8" />
    <ProjectReference Include="$lib" />
  </ItemGroup>
</Project>
PROJ
  dotnet build -c Release "$out/bench_$side" > "$out/build-$side.log"
done

for round in $(seq 1 "$rounds"); do
  for side in old new; do
    (cd "$out/bench_$side" && dotnet "bin/Release/net10.0/bench_$side.dll" --filter '*' --job short \
      --artifacts "$out/results-$side-$round" > "$out/run-$side-$round.log")
    echo "== $side, round $round"
    grep -E '^\| (ReferenceTrial|DefaultScenario|Negotiation10Rounds)' "$out/results-$side-$round/results/EngineComparison-report-github.md"
  done
done
git -C "$repo" worktree prune
