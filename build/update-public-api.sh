#!/usr/bin/env bash
# Adds every symbol the PublicApiAnalyzers reports as undeclared (RS0016) to PublicAPI.Unshipped.txt.
# Run after adding public API on purpose; review the diff before committing.
set -euo pipefail
project_dir="$(cd "$(dirname "$0")/../src/ConsensusSim" && pwd)"
out=$(dotnet build "$project_dir/ConsensusSim.csproj" --no-incremental 2>&1 || true)
echo "$out" | grep -o "error RS0016: Symbol '[^']*'" | sed -E "s/error RS0016: Symbol '(.*)'/\1/" | sort -u >> "$project_dir/PublicAPI.Unshipped.txt"
{ head -n1 "$project_dir/PublicAPI.Unshipped.txt"; tail -n +2 "$project_dir/PublicAPI.Unshipped.txt" | sort -u; } > "$project_dir/PublicAPI.tmp"
mv "$project_dir/PublicAPI.tmp" "$project_dir/PublicAPI.Unshipped.txt"
