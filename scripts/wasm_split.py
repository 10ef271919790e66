"""Post-build step 2 (scripts/post_build.py): splits the app's wasm at its `#[lazy]` /
`#[lazy_route]` split points into a main module plus one module per page fetched on demand,
replacing the single module Trunk produced.

Why a hook: Trunk 0.21 cannot split (trunk-rs/trunk#1022), and the split must happen *before*
wasm-bindgen, on the linker output with relocations (`-Clink-args=--emit-relocs`). So this redoes
the last steps on the raw cargo output, like `cargo leptos build --split` does:
  wasm-split-cli -> wasm-bindgen --keep-lld-exports --no-demangle (main module)
  -> per page: wasm-merge of its split points' modules and the chunks they share -> wasm-opt -Oz
  and, in release, terser on the JS it produced.
Why pages: wasm-split-cli puts the code two split points share in a chunk per set of sharers, so
a page needed 70-130 files (issue 17: a round trip per wave of them, and a revalidation per file
on a warm load). A page's module now holds all it needs: one request. The price is that code
two pages share is downloaded with each (cached for good, as the names carry the build hash);
the check below keeps that safe (a second copy must not reset a static).

The results replace Trunk's files in the staging dir. Every file name carries a hash of the whole
split output (the splitter is not deterministic, and the main module, the loader and the pages
must always come from the same run), and the `integrity` attributes Trunk wrote are recomputed.
index.html gets a `quay-admin-pages` meta naming each route's page module for public/early.js.

Runs after the stylesheets step and before the boot script step (it rewrites the file names the
inline boot script loads). Needs wasm-split-cli (crate wasm_split_cli_support), wasm-bindgen,
wasm-merge and wasm-opt (Binaryen) and terser on PATH.
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

import wasm_binary

CRATE = "quay-admin"


def run_tool(*cmd):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        sys.exit(f"wasm_split: {' '.join(cmd)} failed:\n{r.stdout}")


def read(path):
    with open(path, "rb") as f:
        return f.read()


# Split points shown together, so fetched as one module: the overview's two parts. Every route's
# view (`__<route>_route_view`, src/app.rs) is a page of its own, named after the route.
PAGE_OF = {"attention_view": "overview", "console_access_view": "overview",
           "sign_in_gate_view": "sign_in"}
# What index.html tells public/early.js to fetch for a page: the route segment, with "" for the
# overview and "?" for the sign-in gate, which every route but the setup wizard shows first when
# nobody is signed in.
SEGMENT_OF = {"overview": "", "sign_in": "?"}
# Stands for the build hash in the loader until the hash (over the loader too) is known.
HASH = "@BUILD_HASH@"
# The module name the splitter's modules import memory, table and stack pointer from, and the
# one the merge briefly gives them instead (see merge_page).
SHARED, OUTER = "__wasm_split", "__wasm_split_outer"

# What rustc's wasm32-unknown-unknown code uses: the splitter's modules do not say so (no
# target_features section), and wasm-merge validates its output with the features it is told.
FEATURES = ["--enable-bulk-memory", "--enable-bulk-memory-opt", "--enable-mutable-globals",
            "--enable-sign-ext", "--enable-nontrapping-float-to-int", "--enable-reference-types",
            "--enable-multivalue", "--enable-call-indirect-overlong"]

CHUNK_LOADER = re.compile(
    r'/\* [^*]* \*/\s*const (__chunk_\d+) = makeLoad\(\(\) => \{\s*'
    r'const src = fetch\(new URL\("\./(chunk_\d+\.wasm)", import\.meta\.url\)\);.*?\}\s*,\s*\[\]\);\s*',
    re.S)
SPLIT_LOADER = re.compile(
    r'export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\((.*?), \[([^\]]*)\]\)\);\s*', re.S)


def parse_loader(loader):
    """wasm-split-cli's loader: the code before its loaders, and for each split point its own
    module (None when empty) and the shared chunks it needs, in the loader's order."""
    chunks = {m.group(1): m.group(2) for m in CHUNK_LOADER.finditer(loader)}
    points, spans = {}, [m.span() for m in CHUNK_LOADER.finditer(loader)]
    for m in SPLIT_LOADER.finditer(loader):
        own = re.search(r'fetch\(new URL\("\./(split_\w+\.wasm)"', m.group(2))
        if not own and "({})" not in m.group(2):
            sys.exit(f"wasm_split: cannot read the loader of {m.group(1)}; has wasm-split-cli's output changed?")
        deps = [d.strip() for d in m.group(3).split(",") if d.strip()]
        if any(d not in chunks for d in deps):
            sys.exit(f"wasm_split: {m.group(1)} needs a chunk the loader does not define")
        points[m.group(1)] = {"own": own and own.group(1), "chunks": [chunks[d] for d in deps]}
        spans.append(m.span())
    if not points:
        sys.exit("wasm_split: found no split points in __wasm_split.js")
    spans.sort()
    start = spans[0][0]
    for (_, end), (next_start, _) in zip(spans, spans[1:] + [(len(loader), 0)]):
        if loader[end:next_start].strip():
            sys.exit("wasm_split: unexpected code among the loaders; has wasm-split-cli's output changed?")
    if "function makeLoad(" not in loader[:start] or "function wrapAsyncCb(" not in loader[:start]:
        sys.exit("wasm_split: the loader lacks makeLoad/wrapAsyncCb; has wasm-split-cli's output changed?")
    return loader[:start], points


def page_of(point):
    if point in PAGE_OF:
        return PAGE_OF[point]
    m = re.fullmatch(r"__(\w+)_route_view", point)
    if not m:
        sys.exit(f"wasm_split: split point {point} belongs to no page (add it to PAGE_OF)")
    return m.group(1)


def pages_points(points):
    """Each page's split points."""
    pages = {}
    for point in points:
        pages.setdefault(page_of(point), []).append(point)
    return pages


def page_modules(points):
    """Each page's modules: its split points' own and every shared chunk they need, once."""
    pages = {}
    for page, page_points in pages_points(points).items():
        files = [points[p]["own"] for p in page_points if points[p]["own"]]
        for p in page_points:
            files += [c for c in points[p]["chunks"] if c not in files]
        if not files:
            sys.exit(f"wasm_split: page {page} has no code at all")
        pages[page] = files
    return pages


def static_ranges_of(raw):
    try:
        return wasm_binary.static_ranges(read(raw))
    except wasm_binary.WasmError as e:
        sys.exit(f"wasm_split: {raw}: {e}")


def drop_zeroed_statics(pages, split_dir, bss):
    """The splitter gives a module the zeroed statics (.bss) only its code uses as segments of
    zeros. Memory there is zero until that code runs, so they are dropped: less to download, and
    a second copy of the module (in another page) does not reset them."""
    for f in sorted(set(f for files in pages.values() for f in files)):
        path = os.path.join(split_dir, f)
        with open(path, "r+b") as out:
            stripped = wasm_binary.without_zero_data(out.read(), *bss)
            out.seek(0)
            out.write(stripped)
            out.truncate()


def check_duplicated_data(pages, split_dir, writable):
    """A chunk in several pages is instantiated again with each of them, which rewrites its data
    segments: harmless for constants, but it would reset a mutable static. So a chunk in more than
    one page must not have data among the program's writable statics (.data, .bss)."""
    count = {}
    for files in pages.values():
        for f in files:
            count[f] = count.get(f, 0) + 1
    lo, hi = writable
    for f, n in sorted(count.items()):
        if n < 2:
            continue
        for start, end in wasm_binary.data_segments(read(os.path.join(split_dir, f))):
            if start < end and start < hi and end > lo:
                sys.exit(f"wasm_split: {f}, in {n} pages, writes {start:#x}..{end:#x}, among the "
                         f"writable statics {lo:#x}..{hi:#x}: loading a second page would reset "
                         "them. Move the static into code the main module uses.")


def merge_page(paths, out, optimise, tmp):
    """One module doing what `paths` did: their functions, table entries and data, importing the
    same memory, table and stack pointer from the main module. Binaryen's wasm-merge links imports
    to exports, so they are briefly imported from a module that re-exports them (else each input's
    memory import would stay an import of its own: a module with many memories)."""
    bufs = [read(p) for p in paths]
    shared = {}
    for module, field, kind, desc in (i for b in bufs for i in wasm_binary.imports(b)):
        if module != SHARED or shared.setdefault((field, kind), desc) != desc:
            sys.exit(f"wasm_split: the modules of {os.path.basename(out)} import {module}.{field} "
                     "differently")
    if len(paths) == 1:
        merged = bufs[0]
    else:
        provider, linked = out + ".provider.wasm", out + ".linked.wasm"
        with open(provider, "wb") as f:
            f.write(wasm_binary.reexporting_module(
                [(SHARED, field, kind, desc) for (field, kind), desc in shared.items()], OUTER))
        inputs = [arg for i, p in enumerate(paths) for arg in (p, f"m{i}")]
        run_tool("wasm-merge", provider, SHARED, *inputs, "-o", linked, *FEATURES)
        merged = wasm_binary.with_import_module(read(linked), SHARED)
    with open(out, "wb") as f:
        f.write(merged)
    if optimise:
        run_tool("wasm-opt", "-Oz", out, "-o", out, *FEATURES)


def page_loaders(pages_of_points):
    """The loaders: each page's module fetched once, whichever of its split points asks first."""
    out = []
    for page, page_points in pages_of_points.items():
        out.append(f"""const __page_{page} = makeLoad(() => {{
    const src = fetch(new URL("./split_{page}-{HASH}.wasm", import.meta.url));
    src.catch(() => {{}});
    return async (imports) => WebAssembly.instantiateStreaming(src, imports);
}}, []);
""")
        out += [f"export const __wasm_split_load_{p} = wrapAsyncCb(__page_{page});\n"
                for p in page_points]
    return "".join(out)


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
        loader = read(os.path.join(split_dir, "__wasm_split.js")).decode()
        prelude, points = parse_loader(loader)
        pages = page_modules(points)
        data, bss = static_ranges_of(raw)
        drop_zeroed_statics(pages, split_dir, bss)
        check_duplicated_data(pages, split_dir, (data[0], bss[1]))
        optimise = release and not os.environ.get("WASM_SPLIT_NO_OPT")
        merged = {page: os.path.join(tmp, f"split_{page}.wasm") for page in pages}
        # One job per output module, as many at once as there are cores (each tool is
        # single-threaded); largest first, so the main module does not start last.
        jobs = [(os.path.getsize(main_wasm), lambda: optimise and run_tool("wasm-opt", "-Oz", main_wasm, "-o", main_wasm))]
        for page, files in pages.items():
            paths = [os.path.join(split_dir, f) for f in files]
            jobs.append((sum(map(os.path.getsize, paths)),
                         lambda paths=paths, out=merged[page]: merge_page(paths, out, optimise, tmp)))
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            list(pool.map(lambda job: job[1](), sorted(jobs, key=lambda j: j[0], reverse=True)))

        glue = read(os.path.join(out_dir, stem + ".js")).decode()
        loader = prelude + page_loaders(pages_points(points))
        digest = hashlib.sha256()
        for p in [main_wasm] + sorted(merged.values()):
            digest.update(read(p))
        digest.update(glue.encode() + loader.encode())
        h = digest.hexdigest()[:16]
        new_stem, loader_name = f"{CRATE}-{h}", f"__wasm_split-{h}.js"
        files = {page: f"split_{page}-{h}.wasm" for page in pages}
        for page, path in merged.items():
            shutil.copyfile(path, os.path.join(staging, files[page]))
        loader = loader.replace(HASH, h)
        if f'from "./{stem}.js"' not in loader:
            sys.exit("wasm_split: __wasm_split.js does not import the bindings")
        loader = loader.replace(f'from "./{stem}.js"', f'from "./{new_stem}.js"')
        # Only the ES import specifiers change; the wasm import *module* stays "./__wasm_split.js".
        glue, n = re.subn(r'''(from\s*)(["'])\./__wasm_split\.js\2''', rf"\1\2./{loader_name}\2", glue)
        if n == 0:
            sys.exit("wasm_split: the bindings do not import __wasm_split.js (no split points?)")
        # Which file each split point fetches, for `make size`.
        manifest = {point: [files[page]] for page, page_points in pages_points(points).items()
                    for point in page_points}
        manifest_dir = os.path.join(meta["target_directory"], "wasm-split")
        os.makedirs(manifest_dir, exist_ok=True)
        with open(os.path.join(manifest_dir, f"manifest-{h}.json"), "w", encoding="utf-8") as f:
            json.dump(manifest, f, indent=1)

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
    # Which page module each route needs, for public/early.js to fetch alongside the main module
    # (the route is known from the address before any wasm runs): before early.js, which reads
    # it while the page is still being parsed.
    routes = " ".join(f"{SEGMENT_OF.get(page, page.replace('_', '-'))}={files[page]}" for page in pages)
    early = [tag for tag, attrs in build.tags("script") if attrs.get("src") == "early.js"]
    if len(early) != 1:
        sys.exit("wasm_split: index.html does not load early.js once")
    pages_meta = build.tag("meta", {"name": "quay-admin-pages", "content": routes})
    build.html = build.html.replace(early[0], pages_meta + early[0], 1)
    if "</head>" not in build.html:
        sys.exit("wasm_split: index.html has no </head>")
    build.html = build.html.replace("</head>", preload + "</head>", 1)
