"""Trunk post-build hook (release only): minifies the stylesheet Trunk copied into the staging
dir. Conservative on purpose: drops comments and layout whitespace, never touches what is inside
selectors' spaces, strings or parentheses otherwise (a descendant combinator before `:` stays).
Must run before wasm_split.py, which recomputes the `integrity` attributes of index.html.
"""
import glob
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("minify_css: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)")
if os.environ.get("TRUNK_PROFILE") != "release":
    sys.exit(0)


def minify(css):
    if '"' in re.sub(r'"[^"\n]*"', "", css) or "'" in css:
        sys.exit("minify_css: unbalanced or single-quoted strings; refusing to guess")
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


for path in glob.glob(os.path.join(staging, "*.css")):
    with open(path, encoding="utf-8") as f:
        css = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(minify(css))
