"""Post-build step 3 (scripts/post_build.py): the inline `<script type="module">` Trunk writes
into index.html (import the bindings, start the wasm) becomes the end of the bindings module
itself, which index.html then loads as its module script. So the strict Content-Security-Policy
(script-src 'self') holds without a file of its own for it: one request fewer on every first
load (issue 17). In release, also minify early.js (terser): it is in every first load, and its
comments are for whoever reads the sources. (Trunk has minified index.html itself: Trunk.toml.)

Fails the build unless the page has exactly one inline module script of the shape Trunk writes,
rather than shipping a page the CSP would block. Runs after the wasm split, which renames the
files the script loads.
"""
import re
import subprocess
import sys

# What Trunk 0.21 writes for `data-trunk rel="rust"` (window.wasmBindings and the
# TrunkApplicationStarted event are for Trunk's live reload, which a release never has).
TRUNK_BOOT = re.compile(
    r"import init, \* as bindings from '\./([\w.-]+\.js)';\s*"
    r"const wasm = await init\(\{ module_or_path: '\./([\w.-]+_bg\.wasm)' \}\);\s*"
    r"window\.wasmBindings = bindings;\s*"
    r'dispatchEvent\(new CustomEvent\("TrunkApplicationStarted", \{detail: \{wasm\}\}\)\);\s*')


def run(build):
    scripts = [m for m in re.finditer(r"<script\b([^>]*)>(.*?)</script>", build.html, re.S)
               if "src" not in build.attributes(m.group(1))]
    if len(scripts) != 1 or build.attributes(scripts[0].group(1)).get("type") != "module":
        sys.exit(f"boot_script: expected 1 inline module script, found {len(scripts)} inline scripts")
    script = scripts[0]
    boot = TRUNK_BOOT.fullmatch(script.group(2).strip() + "\n")
    if not boot:
        sys.exit(f"boot_script: Trunk's boot script has changed:\n{script.group(2)}")
    bindings, wasm = boot.group(1), boot.group(2)
    # A module may import itself: the bindings start the wasm once they are evaluated.
    with open(build.path(bindings), "a", encoding="utf-8") as f:
        f.write(f'\nimport __boot from "./{bindings}";\nawait __boot({{ module_or_path: "./{wasm}" }});\n')
    tag = build.tag("script", {"type": "module", "src": f"./{bindings}",
                               "integrity": build.sri(bindings)}) + "</script>"
    build.html = build.html[:script.start()] + tag + build.html[script.end():]
    # The script tag fetches the bindings now: their preload would be a second request.
    preloads = [t for t, attrs in build.tags("link")
                if attrs.get("rel") == "modulepreload" and attrs.get("href") == f"./{bindings}"]
    if len(preloads) != 1:
        sys.exit("boot_script: index.html does not preload the bindings once")
    build.html = build.html.replace(preloads[0], "", 1)
    if build.release:
        early = build.path("early.js")
        subprocess.run(["terser", early, "--compress", "--mangle", "-o", early], check=True)
