"""Post-build step 4 (scripts/post_build.py): writes `<file>.br` (brotli -q 11) and `<file>.gz`
(gzip -9) beside every compressible file of the build, so servers send them as they are
(`gzip_static`/`brotli_static` in nginx, the emulator by `Accept-Encoding`) and what `make size`
reports is what a browser receives, without compressing on every request.

Not config.json: deployments replace it, and a server would keep sending the stale copy.
"""
import concurrent.futures
import gzip
import os
import subprocess
import sys

COMPRESSIBLE = (".html", ".js", ".css", ".wasm", ".json", ".svg")
NEVER = {"config.json"}


def compress(path):
    with open(path, "rb") as f:
        data = f.read()
    with open(path + ".gz", "wb") as f:
        f.write(gzip.compress(data, 9, mtime=0))  # mtime 0: the same build, the same bytes
    r = subprocess.run(["brotli", "-q", "11", "-f", "-o", path + ".br", path],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        sys.exit(f"precompress: brotli {path} failed:\n{r.stdout}")


def run(build):
    build.write_html()  # index.html is compressed as the earlier steps left it
    paths = [os.path.join(root, name)
             for root, _, names in os.walk(build.staging) for name in names
             if name.endswith(COMPRESSIBLE) and name not in NEVER]
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(compress, sorted(paths, key=os.path.getsize, reverse=True)))
