"""Trunk's post-build hook (Trunk.toml): every step that rewrites the build Trunk staged, in order.

Trunk runs the hooks of one stage side by side, so the steps cannot be hooks of their own: each
depends on what the one before it left in the staging dir and in index.html. In release, Trunk
has minified index.html and the stylesheets before this runs (Trunk.toml).

  1. stylesheets  checks the stylesheets (no apostrophes in the sources; minified in release),
                  and the pages' one becomes a <meta> that src/page_styles.rs loads with the
                  first lazily loaded page, instead of a <link> in the first load
                  (scripts/stylesheets.py);
  2. wasm split   the app's wasm is split into a main module and chunks fetched on demand, and
                  every `integrity` in index.html is recomputed (scripts/wasm_split.py): after 1,
                  whose meta carries its own integrity; before 3, because it renames the files
                  the inline boot script loads;
  3. boot script  Trunk's inline module script moves to the end of the bindings module, which
                  index.html loads instead, so the Content-Security-Policy needs no
                  'unsafe-inline'; in release, early.js is minified (scripts/boot_script.py);
  4. precompress  `.br` and `.gz` beside every compressible file, for servers to send as they
                  are (scripts/precompress.py): last, as it compresses what the others wrote.

Each step is a module with a `run(build)` function; index.html is read once, handed from step
to step in `build.html`, and written once at the end.
"""
import base64
import hashlib
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in scripts/ (make dist's inputs)
import boot_script  # noqa: E402  (the steps, in scripts/)
import precompress  # noqa: E402
import stylesheets  # noqa: E402
import wasm_split  # noqa: E402

STEPS = (
    ("stylesheets", stylesheets.run),
    ("wasm split", wasm_split.run),
    ("boot script", boot_script.run),
    ("precompress", precompress.run),
)


ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


def attributes(text):
    """The attributes in a start tag's text, name (lowercase) to value ("" when it has none)."""
    return {m.group(1).lower(): next((v for v in m.groups()[1:] if v is not None), "")
            for m in ATTRIBUTE.finditer(text.rstrip("/"))}


class Build:
    """The build Trunk staged: its directory, its profile and index.html being rewritten."""

    attributes = staticmethod(attributes)

    def __init__(self, staging, release):
        self.staging = staging
        self.release = release
        with open(self.path("index.html"), encoding="utf-8") as f:
            self.html = f.read()

    def path(self, name):
        return os.path.join(self.staging, name)

    def sri(self, name):
        """The `integrity` value of a staged file."""
        with open(self.path(name), "rb") as f:
            return "sha384-" + base64.b64encode(hashlib.sha384(f.read()).digest()).decode()

    def tags(self, name):
        """index.html's `<name ...>` start tags, each with its attributes. In release, Trunk has
        minified the page (Trunk.toml): attributes in any order, quoted or not."""
        return [(m.group(0), attributes(m.group(1)))
                for m in re.finditer(rf"<{name}\b([^>]*)>", self.html, re.I)]

    def tag(self, name, attrs):
        """A start tag to put into index.html. In release, written as Trunk's minifier wrote the
        rest of the page: attributes in name order, unquoted where HTML allows, the default
        crossorigin bare. Brotli compresses the page best when all of it is alike (30 bytes of
        index.html, measured on 2026-12-07)."""
        if not self.release:
            return f"<{name}" + "".join(f' {k}="{v}"' for k, v in attrs.items()) + ">"
        out = []
        for key, value in sorted(attrs.items()):
            if key == "crossorigin" and value == "anonymous":
                value = ""
            if value == "":
                out.append(key)
            elif re.fullmatch(r"""[^\s"'=<>`]+""", value):
                out.append(f"{key}={value}")
            else:
                out.append(f'{key}="{value}"')
        return f"<{name} " + " ".join(out) + ">"

    def write_html(self):
        with open(self.path("index.html"), "w", encoding="utf-8") as f:
            f.write(self.html)


def main():
    staging = os.environ.get("TRUNK_STAGING_DIR")
    if not staging:
        sys.exit("post_build: TRUNK_STAGING_DIR is not set (Trunk runs me as its post_build hook)")
    build = Build(staging, release=os.environ.get("TRUNK_PROFILE") == "release")
    for name, step in STEPS:
        try:
            step(build)
        except Exception:
            print(f"post_build: the {name} step failed", file=sys.stderr)
            raise
    build.write_html()


if __name__ == "__main__":
    main()
