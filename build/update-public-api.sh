#!/usr/bin/env bash
# Brings each packable library's PublicAPI.Unshipped.txt in line with the code: adds every symbol the
# PublicApiAnalyzers reports as undeclared (RS0016) and drops every declared symbol that no longer
# exists (RS0017). Run after changing public API on purpose; review the diff before committing.
# Usage: build/update-public-api.sh [project folder under src/ ...] (default: ConsensusSim ConsensusSim.Reporting)
set -euo pipefail
src="$(cd "$(dirname "$0")/../src" && pwd)"
projects=("$@")
[ ${#projects[@]} -gt 0 ] || projects=(ConsensusSim ConsensusSim.Reporting)
for name in "${projects[@]}"; do
  project="$src/$name/$name.csproj"
  file="$src/$name/PublicAPI.Unshipped.txt"
  # Only this project's diagnostics: a referenced project's would otherwise land in the wrong file.
  out=$(dotnet build "$project" --no-incremental 2>&1 | grep -F "[$project" || true)
  added=$(echo "$out" | grep -o "error RS0016: Symbol '[^']*'" | sed -E "s/error RS0016: Symbol '(.*)'/\1/" | sort -u || true)
  removed=$(echo "$out" | grep -o "error RS0017: Symbol '[^']*'" | sed -E "s/error RS0017: Symbol '(.*)'/\1/" | sort -u || true)
  {
    head -n1 "$file"
    # An empty list makes grep fail, which pipefail would turn into an exit that leaves the .tmp file behind.
    { tail -n +2 "$file"; if [ -n "$added" ]; then echo "$added"; fi; } | { grep -vxF -f <(printf '%s\n' "${removed:-__none__}") || true; } | { grep -v '^$' || true; } | sort -u
  } > "$file.tmp"
  mv "$file.tmp" "$file"
done
