"""Post-build step 3 (scripts/post_build.py): move the inline `<script type="module">` that Trunk
writes into index.html into `boot-<hash>.js`, so the strict Content-Security-Policy
(script-src 'self') holds. In release, also minify early.js (terser): it is in every first load,
and its comments are for whoever reads the sources. (Trunk has minified index.html itself, which
drops its comments: Trunk.toml.)

Fails the build if the page does not have exactly one inline module script, rather than shipping
a page the CSP would block. Runs after the wasm split, which renames the files the script loads.
"""
import hashlib
import re
import subprocess
import sys


def run(build):
    scripts = [m for m in re.finditer(r"<script\b([^>]*)>(.*?)</script>", build.html, re.S)
               if build.attributes(m.group(1)).get("type") == "module"
               and "src" not in build.attributes(m.group(1))]
    if len(scripts) != 1:
        sys.exit(f"externalize_boot_script: expected 1 inline module script, found {len(scripts)}")
    script = scripts[0]
    body = script.group(2).strip() + "\n"
    name = "boot-" + hashlib.sha256(body.encode()).hexdigest()[:16] + ".js"
    with open(build.path(name), "w", encoding="utf-8") as f:
        f.write(body)
    tag = build.tag("script", {"type": "module", "src": f"./{name}"}) + "</script>"
    build.html = build.html[:script.start()] + tag + build.html[script.end():]
    if build.release:
        early = build.path("early.js")
        subprocess.run(["terser", early, "--compress", "--mangle", "-o", early], check=True)
