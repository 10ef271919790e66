"""Trunk post-build hook for the stylesheets Trunk copied into the staging dir.

1. Release only: minifies them. Conservative on purpose: drops comments and layout whitespace,
   never touches what is inside selectors' spaces, strings or parentheses otherwise (a
   descendant combinator before `:` stays).
2. Always: turns the pages' stylesheet (style/pages.css) from a `<link>` the browser fetches
   with the first load into a `<meta name="quay-admin-page-styles">` naming it and its
   integrity; src/page_styles.rs loads it with the first lazily loaded page.

Must run before wasm_split.py, which recomputes the `integrity` attributes of index.html's links.
"""
import base64
import glob
import hashlib
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("stylesheets: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)")
RELEASE = os.environ.get("TRUNK_PROFILE") == "release"


def minify(css):
    if '"' in re.sub(r'"[^"\n]*"', "", css) or "'" in css:
        sys.exit("stylesheets: unbalanced or single-quoted strings; refusing to guess")
    # Keep quoted strings as they are: split them out, minify the rest.
    parts = re.split(r'("[^"\n]*")', css)
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(part)
            continue
        part = re.sub(r"/\*.*?\*/", "", part, flags=re.S)
        part = re.sub(r"\s+", " ", part)
        part = re.sub(r"\s*([{};])\s*", r"\1", part)
        part = re.sub(r",\s+", ",", part)
        out.append(part)
    return "".join(out).replace(";}", "}").strip() + "\n"


def sri(path):
    with open(path, "rb") as f:
        return "sha384-" + base64.b64encode(hashlib.sha384(f.read()).digest()).decode()


if RELEASE:
    for path in glob.glob(os.path.join(staging, "*.css")):
        with open(path, encoding="utf-8") as f:
            css = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(minify(css))

index = os.path.join(staging, "index.html")
with open(index, encoding="utf-8") as f:
    html = f.read()
link = re.compile(r'<link rel="stylesheet" href="(\./pages-[0-9a-f]+\.css)"[^>]*>')
found = link.findall(html)
if len(found) != 1:
    sys.exit(f"stylesheets: expected one pages stylesheet link in index.html, found {found}")
href = found[0]
meta = (f'<meta name="quay-admin-page-styles" content="{href}" '
        f'data-integrity="{sri(os.path.join(staging, href[2:]))}" />')
with open(index, "w", encoding="utf-8") as f:
    f.write(link.sub(meta, html))
