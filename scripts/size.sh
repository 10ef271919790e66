#!/usr/bin/env bash
# Transfer sizes of the built dashboard: raw, gzip -9 and brotli -q 11 bytes of every file in
# dist/, then, as the last line, the brotli total of what the first page load fetches.
set -euo pipefail
dist=${1:-dist}
[ -f "$dist/index.html" ] || { echo "size: $dist/index.html missing (run make dist)" >&2; exit 1; }
printf '%-48s %10s %10s %10s\n' file raw gzip brotli
total_raw=0 total_gz=0 total_br=0
while IFS= read -r f; do
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(brotli -q 11 -c "$f" | wc -c)
  printf '%-48s %10d %10d %10d\n' "${f#"$dist"/}" "$raw" "$gz" "$br"
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
done < <(find "$dist" -type f | sort)
printf '%-48s %10d %10d %10d\n' TOTAL "$total_raw" "$total_gz" "$total_br"
# Everything in dist/ is fetched by the first load (html, boot + bindings js, wasm, css, config,
# theme script, icon): no file is lazy-loaded yet, so the first-load total is the whole total.
echo "first-load brotli bytes: $total_br"
