"""Transfer sizes of the built dashboard (`make size`): raw, gzip -9 and brotli -q 11 bytes of
every file in dist/, then what each kind of visit fetches, in brotli bytes.

What is fetched when:
- first load: index.html and everything it references, i.e. every file except the lazily loaded
  wasm chunks (`split_*`, `chunk_*`, fetched by `__wasm_split-*.js` when a page needs them) and
  the language catalogues (`i18n/*`, fetched only when Japanese or Chinese is shown) and the
  pages' stylesheet (`pages-*.css`, fetched with the first lazily loaded page). This is
  what a signed-in admin's visit to the overview costs, and what the size budget is about.
- each split point (a lazily loaded page, the sign-in gate): its own module plus the shared
  chunks the loader fetches with it, on top of the first load; for a page, also the pages'
  stylesheet.
"""
import glob
import json
import gzip
import os
import re
import subprocess
import sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
# --json FILE: also write the numbers there (for `make bench`).
json_out = sys.argv[sys.argv.index("--json") + 1] if "--json" in sys.argv else None
if json_out in args:
    args.remove(json_out)
dist = args[0] if args else "dist"
if not os.path.isfile(os.path.join(dist, "index.html")):
    sys.exit(f"size: {dist}/index.html missing (run make dist)")


def sizes(path):
    data = open(path, "rb").read()
    br = subprocess.run(["brotli", "-q", "11", "-c", path], check=True,
                        stdout=subprocess.PIPE).stdout
    return len(data), len(gzip.compress(data, 9)), len(br)


def lazy(name):
    base = os.path.basename(name)
    return base.startswith(("split_", "chunk_", "pages-")) or name.startswith("i18n/")


# The `.br`/`.gz` copies (scripts/precompress.py) are the same files as sent, not more of them.
files = sorted(os.path.relpath(p, dist) for p in glob.glob(os.path.join(dist, "**"), recursive=True)
               if os.path.isfile(p) and not p.endswith((".br", ".gz")))
table = {f: sizes(os.path.join(dist, f)) for f in files}
print(f"{'file':<64} {'raw':>9} {'gzip':>9} {'brotli':>9}")
for f in files:
    raw, gz, br = table[f]
    print(f"{f + (' (lazy)' if lazy(f) else ''):<64} {raw:>9} {gz:>9} {br:>9}")
totals = [sum(t[i] for t in table.values()) for i in range(3)]
print(f"{'TOTAL':<64} {totals[0]:>9} {totals[1]:>9} {totals[2]:>9}")
print()

first = sum(table[f][2] for f in files if not lazy(f))
page_styles = [f for f in files if re.fullmatch(r"pages-[0-9a-f]+\.css", f)]
lazy_points = {}
# scripts/wasm_split.py records which files each split point fetches, per build hash.
loaders = glob.glob(os.path.join(dist, "__wasm_split-*.js"))
if loaders:
    build = re.search(r"__wasm_split-([0-9a-f]+)\.js$", loaders[0]).group(1)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(root, "target")
    manifest_path = os.path.join(target, "wasm-split", f"manifest-{build}.json")
    if not os.path.exists(manifest_path):
        sys.exit(f"size: {manifest_path} missing (rebuild with make dist)")
    for point, needs in json.load(open(manifest_path)).items():
        # Route views (`#[lazy_route]`) wait for the pages' stylesheet (src/page_styles.rs).
        styles = page_styles if "_route_" in point else []
        extra = sum(table[f][2] for f in needs + styles)
        label = re.sub(r"_\d+$", "", point).strip("_")
        lazy_points[label] = extra
        print(f"then {label:<42} +{extra:>8} brotli bytes (total {first + extra})")
for f in files:
    if f.startswith("i18n/"):
        print(f"then {f:<42} +{table[f][2]:>8} brotli bytes")
print(f"first-load brotli bytes: {first}")
if json_out:
    report = {
        "first_load": {k: sum(table[f][i] for f in files if not lazy(f))
                       for i, k in enumerate(("raw", "gzip", "brotli"))},
        "files": {f: {"raw": t[0], "gzip": t[1], "brotli": t[2], "lazy": lazy(f)}
                  for f, t in table.items()},
        "then_brotli": lazy_points,
    }
    os.makedirs(os.path.dirname(os.path.abspath(json_out)), exist_ok=True)
    with open(json_out, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1)
