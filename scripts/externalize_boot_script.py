"""Post-build step 3 (scripts/post_build.py): move the inline `<script type="module">` that Trunk
writes into index.html into `boot-<hash>.js`, so the strict Content-Security-Policy
(script-src 'self') holds. In release, also drop index.html's comments and minify early.js
(terser): both are in every first load, and their comments are for whoever reads the sources.

Fails the build if the page does not have exactly one inline module script, rather than shipping
a page the CSP would block. Runs after the wasm split, which renames the files the script loads.
"""
import hashlib
import re
import subprocess
import sys


def run(build):
    pattern = re.compile(r'<script type="module"( nonce="[^"]*")?>(.*?)</script>', re.S)
    matches = pattern.findall(build.html)
    if len(matches) != 1:
        sys.exit(f"externalize_boot_script: expected 1 inline module script, found {len(matches)}")
    body = matches[0][1].strip() + "\n"
    name = "boot-" + hashlib.sha256(body.encode()).hexdigest()[:16] + ".js"
    with open(build.path(name), "w", encoding="utf-8") as f:
        f.write(body)
    html = pattern.sub(f'<script type="module" src="./{name}"></script>', build.html, count=1)
    if build.release:
        html = re.sub(r"<!--.*?-->", "", html, flags=re.S)
        html = re.sub(r"\n\s*\n+", "\n", html)
        early = build.path("early.js")
        subprocess.run(["terser", early, "--compress", "--mangle", "-o", early], check=True)
    build.html = html
