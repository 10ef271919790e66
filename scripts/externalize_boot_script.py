"""Trunk post-build hook: move the inline `<script type="module">` that Trunk writes into
index.html into `boot-<hash>.js`, so the strict Content-Security-Policy (script-src 'self') holds.
In release, also drop index.html's comments and minify early.js (terser): both are in every
first load, and their comments are for whoever reads the sources.

Runs with TRUNK_STAGING_DIR set by Trunk. Fails the build if the page does not have exactly one
inline module script, rather than shipping a page the CSP would block.
"""
import hashlib
import os
import re
import subprocess
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("externalize_boot_script: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)")
index_path = os.path.join(staging, "index.html")
html = open(index_path, encoding="utf-8").read()

pattern = re.compile(r'<script type="module"( nonce="[^"]*")?>(.*?)</script>', re.S)
matches = pattern.findall(html)
if len(matches) != 1:
    sys.exit(f"externalize_boot_script: expected 1 inline module script, found {len(matches)}")
body = matches[0][1].strip() + "\n"
name = "boot-" + hashlib.sha256(body.encode()).hexdigest()[:16] + ".js"
with open(os.path.join(staging, name), "w", encoding="utf-8") as f:
    f.write(body)
html = pattern.sub(f'<script type="module" src="./{name}"></script>', html, count=1)
if os.environ.get("TRUNK_PROFILE") == "release":
    html = re.sub(r"<!--.*?-->", "", html, flags=re.S)
    html = re.sub(r"\n\s*\n+", "\n", html)
    early = os.path.join(staging, "early.js")
    subprocess.run(["terser", early, "--compress", "--mangle", "-o", early], check=True)
with open(index_path, "w", encoding="utf-8") as f:
    f.write(html)
