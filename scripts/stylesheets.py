"""Post-build step 1 (scripts/post_build.py): the stylesheets Trunk copied into the staging dir.

1. Release only: minifies them. Conservative on purpose: drops comments and layout whitespace,
   never touches what is inside selectors' spaces, strings or parentheses otherwise (a
   descendant combinator before `:` stays).
2. Always: turns the pages' stylesheet (style/pages.css) from a `<link>` the browser fetches
   with the first load into a `<meta name="quay-admin-page-styles">` naming it and its
   integrity; src/page_styles.rs loads it with the first lazily loaded page.

Runs before the wasm split, which recomputes the `integrity` attributes of index.html's links.
"""
import glob
import os
import re
import sys


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


def run(build):
    if build.release:
        for path in glob.glob(build.path("*.css")):
            with open(path, encoding="utf-8") as f:
                css = f.read()
            with open(path, "w", encoding="utf-8") as f:
                f.write(minify(css))

    link = re.compile(r'<link rel="stylesheet" href="(\./pages-[0-9a-f]+\.css)"[^>]*>')
    found = link.findall(build.html)
    if len(found) != 1:
        sys.exit(f"stylesheets: expected one pages stylesheet link in index.html, found {found}")
    href = found[0]
    meta = (f'<meta name="quay-admin-page-styles" content="{href}" '
            f'data-integrity="{build.sri(href[2:])}" />')
    build.html = link.sub(meta, build.html)
