#!/usr/bin/env bash
# Brings src/ConsensusSim/PublicAPI.Unshipped.txt in line with the code: adds every symbol the
# PublicApiAnalyzers reports as undeclared (RS0016) and drops every declared symbol that no longer
# exists (RS0017). Run after changing public API on purpose; review the diff before committing.
set -euo pipefail
project_dir="$(cd "$(dirname "$0")/../src/ConsensusSim" && pwd)"
file="$project_dir/PublicAPI.Unshipped.txt"
out=$(dotnet build "$project_dir/ConsensusSim.csproj" --no-incremental 2>&1 || true)
added=$(echo "$out" | grep -o "error RS0016: Symbol '[^']*'" | sed -E "s/error RS0016: Symbol '(.*)'/\1/" | sort -u || true)
removed=$(echo "$out" | grep -o "error RS0017: Symbol '[^']*'" | sed -E "s/error RS0017: Symbol '(.*)'/\1/" | sort -u || true)
{
  head -n1 "$file"
  { tail -n +2 "$file"; if [ -n "$added" ]; then echo "$added"; fi; } | grep -vxF -f <(printf '%s\n' "${removed:-__none__}") | grep -v '^$' | sort -u
} > "$file.tmp"
mv "$file.tmp" "$file"
