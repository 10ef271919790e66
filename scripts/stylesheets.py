"""Post-build step 1 (scripts/post_build.py): the stylesheets.

Trunk minifies them in release (`minify = "on_release"` in Trunk.toml, lightningcss). This step:
1. Checks the sources keep to double-quoted strings, without an apostrophe anywhere (a rule of
   the project's stylesheets since they were minified by a regex of this script's, kept), and
   in release that Trunk did minify every stylesheet: Trunk ships a stylesheet it cannot parse
   as it is, with only a warning that `make dist` does not show.
2. Turns the pages' stylesheet (style/pages.css) from a `<link>` the browser fetches with the
   first load into a `<meta name="quay-admin-page-styles">` naming it and its integrity;
   src/page_styles.rs loads it with the first lazily loaded page.

Runs before the wasm split, which recomputes the `integrity` attributes of index.html's links.
"""
import os
import re
import sys

PAGES = re.compile(r"\./pages-[0-9a-f]+\.css")


def check_sources(build):
    source_dir = os.environ.get("TRUNK_SOURCE_DIR", ".")
    with open(os.environ.get("TRUNK_HTML_FILE", "index.html"), encoding="utf-8") as f:
        source = f.read()
    for m in re.finditer(r"<link\b([^>]*)>", source):
        attrs = build.attributes(m.group(1))
        if "data-trunk" not in attrs or attrs.get("rel") != "css":
            continue
        with open(os.path.join(source_dir, attrs["href"]), encoding="utf-8") as f:
            css = f.read()
        if '"' in re.sub(r'"[^"\n]*"', "", css) or "'" in css:
            sys.exit(f"stylesheets: {attrs['href']} has unbalanced or single-quoted strings "
                     "(write strings in double quotes, without apostrophes)")


def run(build):
    check_sources(build)
    links = [(tag, attrs) for tag, attrs in build.tags("link") if attrs.get("rel") == "stylesheet"]
    if build.release:
        for _, attrs in links:
            with open(build.path(attrs["href"]), encoding="utf-8") as f:
                if "\n" in f.read().strip():
                    sys.exit(f"stylesheets: Trunk did not minify {attrs['href']} "
                             "(`make dist TRUNK_LOG=warn` shows its warning)")

    pages = [(tag, attrs) for tag, attrs in links if PAGES.fullmatch(attrs.get("href", ""))]
    if len(pages) != 1:
        sys.exit(f"stylesheets: expected one pages stylesheet link in index.html, found {pages}")
    tag, attrs = pages[0]
    href = attrs["href"]
    meta = build.tag("meta", {"name": "quay-admin-page-styles", "content": href,
                              "data-integrity": build.sri(href[2:])})
    build.html = build.html.replace(tag, meta, 1)
