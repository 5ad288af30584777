#!/usr/bin/env bash
# Marks the public API shipped at a release: moves every entry of each library's
# PublicAPI.Unshipped.txt into its PublicAPI.Shipped.txt (sorted, without duplicates) and leaves
# Unshipped.txt with its header only. Entries removed from the code must be gone from Unshipped.txt
# first (build/update-public-api.sh); a removal of shipped API is then reported by the analyzer
# (RS0017) and by package validation, which is the point.
# Usage: build/ship-public-api.sh [project folder under src/ ...] (default: ConsensusSim ConsensusSim.Reporting)
set -euo pipefail
src="$(cd "$(dirname "$0")/../src" && pwd)"
projects=("$@")
[ ${#projects[@]} -gt 0 ] || projects=(ConsensusSim ConsensusSim.Reporting)
for name in "${projects[@]}"; do
  shipped="$src/$name/PublicAPI.Shipped.txt"
  unshipped="$src/$name/PublicAPI.Unshipped.txt"
  {
    echo '#nullable enable'
    { tail -n +2 "$shipped"; tail -n +2 "$unshipped"; } | grep -v '^$' | LC_ALL=C sort -u
  } > "$shipped.tmp"
  mv "$shipped.tmp" "$shipped"
  echo '#nullable enable' > "$unshipped"
done
