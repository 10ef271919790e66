"""Post-build step 2 (scripts/post_build.py): splits the app's wasm at its `#[lazy]` /
`#[lazy_route]` split points into a main module plus chunks fetched on demand, replacing the
single module Trunk produced.

Why a hook: Trunk 0.21 cannot split (trunk-rs/trunk#1022), and the split must happen *before*
wasm-bindgen, on the linker output with relocations (`-Clink-args=--emit-relocs`). So this redoes
the last steps on the raw cargo output, like `cargo leptos build --split` does:
  wasm-split-cli -> wasm-bindgen --keep-lld-exports --no-demangle -> wasm-opt -Oz (each module)
  and, in release, terser on the JS it produced
The results replace Trunk's files in the staging dir. Every file name carries a hash of the whole
split output (the splitter is not deterministic, and the main module, the loader and the chunks
must always come from the same run), and the `integrity` attributes Trunk wrote are recomputed.

Runs after the stylesheets step and before the boot script step (it rewrites the file names the
inline boot script loads). Needs wasm-split-cli (crate wasm_split_cli_support), wasm-bindgen,
wasm-opt and terser on PATH.
"""
import concurrent.futures
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

CRATE = "quay-admin"


def run_tool(*cmd):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        sys.exit(f"wasm_split: {' '.join(cmd)} failed:\n{r.stdout}")


def read(path):
    with open(path, "rb") as f:
        return f.read()


def run(build):
    staging, release = build.staging, build.release
    meta = json.loads(subprocess.run(["cargo", "metadata", "--format-version", "1", "--no-deps"],
                                     check=True, stdout=subprocess.PIPE, text=True).stdout)
    raw = os.path.join(meta["target_directory"], "wasm32-unknown-unknown",
                       "release" if release else "debug", CRATE + ".wasm")

    preloads = [re.fullmatch(r"\./(" + re.escape(CRATE) + r"-[0-9a-f]+)\.js", attrs.get("href", ""))
                for _, attrs in build.tags("link") if attrs.get("rel") == "modulepreload"]
    preloads = [m for m in preloads if m]
    if len(preloads) != 1:
        sys.exit("wasm_split: index.html has no module preload for the app")
    old_stem = preloads[0].group(1)  # Trunk's quay-admin-<hash>
    stem = "app"          # placeholder until the build hash is known

    with tempfile.TemporaryDirectory() as tmp:
        split_dir, out_dir = os.path.join(tmp, "split"), os.path.join(tmp, "out")
        run_tool("wasm-split-cli", "--target", "web", "--out-name", stem, raw, split_dir)
        run_tool("wasm-bindgen", "--target=web", "--keep-lld-exports", "--no-demangle",
                 "--no-typescript", f"--out-dir={out_dir}", f"--out-name={stem}",
                 os.path.join(split_dir, stem + ".wasm"))
        main_wasm = os.path.join(out_dir, stem + "_bg.wasm")
        chunks = sorted(p for p in glob.glob(os.path.join(split_dir, "*.wasm"))
                        if os.path.basename(p) != stem + ".wasm")
        if release and not os.environ.get("WASM_SPLIT_NO_OPT"):
            # One wasm-opt per module, as many at once as there are cores (each is single-threaded;
            # the modules are independent, so the output is the same as one after another).
            with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
                # Largest first, so the main module does not start last.
                modules = sorted([main_wasm] + chunks, key=os.path.getsize, reverse=True)
                list(pool.map(lambda p: run_tool("wasm-opt", "-Oz", p, "-o", p), modules))

        glue = read(os.path.join(out_dir, stem + ".js")).decode()
        loader = read(os.path.join(split_dir, "__wasm_split.js")).decode()
        digest = hashlib.sha256()
        for p in [main_wasm] + chunks:
            digest.update(read(p))
        digest.update(glue.encode() + loader.encode())
        h = digest.hexdigest()[:16]
        new_stem, loader_name = f"{CRATE}-{h}", f"__wasm_split-{h}.js"

        for p in chunks:
            name = os.path.basename(p)
            hashed = f"{name[:-5]}-{h}.wasm"
            if f'"./{name}"' not in loader:
                sys.exit(f"wasm_split: __wasm_split.js does not load {name}")
            loader = loader.replace(f'"./{name}"', f'"./{hashed}"')
            shutil.copyfile(p, os.path.join(staging, hashed))
        if f'from "./{stem}.js"' not in loader:
            sys.exit("wasm_split: __wasm_split.js does not import the bindings")
        loader = loader.replace(f'from "./{stem}.js"', f'from "./{new_stem}.js"')
        # Only the ES import specifiers change; the wasm import *module* stays "./__wasm_split.js".
        glue, n = re.subn(r'''(from\s*)(["'])\./__wasm_split\.js\2''', rf"\1\2./{loader_name}\2", glue)
        if n == 0:
            sys.exit("wasm_split: the bindings do not import __wasm_split.js (no split points?)")
        # Which files each split point fetches, for `make size` (the minified loader loses the
        # comments that say so).
        needs = {}
        for m in re.finditer(r'/\* ([^*]*) \*/\s*const __chunk_\d+ = makeLoad\(\(\) => \{\s*'
                             r'const src = fetch\(new URL\("\./([^"]+)"', loader):
            for point in m.group(1).split(","):
                needs.setdefault(point.strip(), []).append(m.group(2))
        points = re.findall(r'export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*'
                            r'const src = fetch\(new URL\("\./([^"]+)"', loader)
        if not points:
            sys.exit("wasm_split: found no split points in __wasm_split.js")
        manifest = {point: [own] + needs.get(point, []) for point, own in points}
        manifest_dir = os.path.join(meta["target_directory"], "wasm-split")
        os.makedirs(manifest_dir, exist_ok=True)
        with open(os.path.join(manifest_dir, f"manifest-{h}.json"), "w", encoding="utf-8") as f:
            json.dump(manifest, f, indent=1)

        # Each shared chunk gets the same seven-line loader, differing only in its number: one
        # function instead, so the first load carries the loader's code once (about 300 bytes less
        # over the wire with ~100 chunks).
        chunk_loader = re.compile(
            r'const (__chunk_\d+) = makeLoad\(\(\) => \{\s*'
            r'const src = fetch\(new URL\("\./chunk_(\d+)-' + h + r'\.wasm", import\.meta\.url\)\);\s*'
            r'src\.catch\(\(\) => \{\}\);\s*'
            r'return async \(imports\) => \(?WebAssembly\.instantiateStreaming\(src, imports\)\)?;\s*'
            r'\}\s*,\s*\[\]\);')
        loader, n = chunk_loader.subn(r"const \1 = loadChunk(\2);", loader)
        shared = [c for c in chunks if os.path.basename(c).startswith("chunk_")]
        if n != len(shared) or "function makeLoad(" not in loader:
            sys.exit(f"wasm_split: rewrote {n} of {len(shared)} chunk loaders; has wasm-split-cli's output changed?")
        loader = loader.replace("function makeLoad(", f"""function loadChunk(n) {{
    return makeLoad(() => {{
        const src = fetch(new URL(`./chunk_${{n}}-{h}.wasm`, import.meta.url));
        src.catch(() => {{}});
        return async (imports) => WebAssembly.instantiateStreaming(src, imports);
    }}, []);
}}
function makeLoad(""", 1)

        for name, text in ((loader_name, loader), (new_stem + ".js", glue)):
            path = os.path.join(staging, name)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            if release:
                # wasm-bindgen's glue is readable JS; minified it is a fifth smaller over the wire.
                run_tool("terser", path, "--module", "--compress", "--mangle", "-o", path)
        shutil.copyfile(main_wasm, os.path.join(staging, new_stem + "_bg.wasm"))
        for suffix in (".js", "_bg.wasm"):
            os.remove(os.path.join(staging, old_stem + suffix))

    build.html = build.html.replace(old_stem, new_stem)
    for tag, attrs in build.tags("link"):
        href = attrs.get("href", "")
        if "integrity" in attrs and href.startswith("./") and os.path.exists(build.path(href[2:])):
            # The value as Trunk quoted it (not at all in a minified page).
            new = re.sub(r'(\bintegrity=)(["\']?)[^"\'\s>]*\2',
                         lambda m: m.group(1) + m.group(2) + build.sri(href[2:]) + m.group(2), tag)
            build.html = build.html.replace(tag, new, 1)
    # The bindings import the loader: fetch it alongside them rather than after.
    preload = build.tag("link", {"rel": "modulepreload", "href": f"./{loader_name}",
                                 "crossorigin": "anonymous", "integrity": build.sri(loader_name)})
    if "</head>" not in build.html:
        sys.exit("wasm_split: index.html has no </head>")
    build.html = build.html.replace("</head>", preload + "</head>", 1)
