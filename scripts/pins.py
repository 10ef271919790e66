"""The pinned tool versions, read from Cargo.toml's [workspace.metadata.tools] (docs/toolchain.md
says why each is pinned).

  scripts/pins.py TOOL               prints the version pinned for TOOL (trunk, binaryen, ...)
  scripts/pins.py --package-version  prints the dashboard's version ([package] version)
  scripts/pins.py --check            fails unless the copies of the pins elsewhere agree with them:
                                     Trunk.toml's [tools], the wasm-bindgen crate in Cargo.toml
                                     and in Cargo.lock

Needs Python 3.11 or later (tomllib; Debian 12's python3 is 3.11).
"""
import os
import sys

try:
    import tomllib
except ImportError:
    sys.exit(f"pins: needs Python 3.11 or later for tomllib, this is {sys.version.split()[0]}")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(name):
    with open(os.path.join(ROOT, name), "rb") as f:
        return tomllib.load(f)


def tools(cargo):
    return cargo["workspace"]["metadata"]["tools"]


def check():
    cargo = load("Cargo.toml")
    pins, trunk = tools(cargo), load("Trunk.toml")["tools"]
    bindgen = pins["wasm-bindgen-cli"]
    dependency = cargo["dependencies"]["wasm-bindgen"]
    locked = sorted({p["version"] for p in load("Cargo.lock")["package"] if p["name"] == "wasm-bindgen"})
    found = {
        "Trunk.toml [tools] wasm_bindgen": (trunk.get("wasm_bindgen"), bindgen),
        "Trunk.toml [tools] wasm_opt": (trunk.get("wasm_opt"),
                                        "version_" + pins["binaryen"].split(".")[0]),
        "Cargo.toml wasm-bindgen dependency": (dependency.get("version") if isinstance(dependency, dict)
                                               else dependency, "=" + bindgen),
        "Cargo.lock wasm-bindgen": (", ".join(locked), bindgen),
    }
    wrong = [f"{where} is {have!r}, the pins want {want!r}"
             for where, (have, want) in found.items() if have != want]
    if wrong:
        sys.exit("pins: out of step with [workspace.metadata.tools] in Cargo.toml:\n  "
                 + "\n  ".join(wrong))


def main(args):
    if args == ["--check"]:
        check()
    elif args == ["--package-version"]:
        print(load("Cargo.toml")["package"]["version"])
    elif len(args) == 1 and not args[0].startswith("-"):
        pins = tools(load("Cargo.toml"))
        if args[0] not in pins:
            sys.exit(f"pins: no version for {args[0]} in [workspace.metadata.tools] "
                     f"(there are: {', '.join(pins)})")
        print(pins[args[0]])
    else:
        sys.exit(__doc__.split("\n\n")[1])


if __name__ == "__main__":
    main(sys.argv[1:])
