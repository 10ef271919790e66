"""Unit tests of the build steps' pure parts (`make test` runs them: python3 -m unittest).
The whole pipeline is tested by every browser test, which runs the release build."""
import os
import sys
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in scripts/ (make dist's inputs)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wasm_binary as w  # noqa: E402
import wasm_split  # noqa: E402


def section(sid, body):
    return bytes([sid]) + w.uleb(len(body)) + body


def signed_leb(n):
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        if (n == 0 and not byte & 0x40) or (n == -1 and byte & 0x40):
            return bytes(out + bytes([byte]))
        out.append(byte | 0x80)


def active(address, payload):
    return b"\x00\x41" + signed_leb(address) + b"\x0b" + w.uleb(len(payload)) + payload


SHARED_IMPORTS = [
    ("__wasm_split", "memory", 2, b"\x00\x12"),
    ("__wasm_split", "__indirect_function_table", 1, b"\x70\x00\x94\x2c"),
    ("__wasm_split", "__wasm_split_shared0", 3, b"\x7f\x01"),
]


def module(imports=SHARED_IMPORTS, segments=(), names=None, exports=b""):
    out = w.MAGIC + w._import_section(imports)
    if exports:
        out += section(w.EXPORT, exports)
    out += section(w.DATA, w.uleb(len(segments)) + b"".join(segments))
    if names:
        sub = w.uleb(len(names)) + b"".join(w.uleb(i) + w.name_bytes(n) for i, n in names.items())
        out += section(w.CUSTOM, w.name_bytes("name") + bytes([9]) + w.uleb(len(sub)) + sub)
    return out


class WasmBinary(unittest.TestCase):
    def test_leb128(self):
        for n in (0, 1, 127, 128, 300, 2**32 - 1):
            self.assertEqual(w.leb(w.uleb(n), 0), (n, len(w.uleb(n))))
        self.assertEqual(w.sleb(b"\x7f", 0), (-1, 1))

    def test_imports_and_their_module_name(self):
        buf = module(exports=w.uleb(1) + w.name_bytes("memory") + b"\x02\x00")
        self.assertEqual(w.imports(buf), SHARED_IMPORTS)
        renamed = w.with_import_module(buf, "elsewhere")
        self.assertEqual([i[0] for i in w.imports(renamed)], ["elsewhere"] * 3)
        self.assertIsNone(w.section(renamed, w.EXPORT))
        self.assertEqual(w.data_segments(renamed), w.data_segments(buf))

    def test_reexporting_module_exports_each_import(self):
        provider = w.reexporting_module(SHARED_IMPORTS, "outer")
        self.assertEqual([i[0] for i in w.imports(provider)], ["outer"] * 3)
        self.assertIsNotNone(w.section(provider, w.EXPORT))
        with self.assertRaises(w.WasmError):
            w.reexporting_module(SHARED_IMPORTS + SHARED_IMPORTS[:1], "outer")

    def test_zeroed_statics_are_dropped_only_inside_the_range(self):
        buf = module(segments=[active(100, b"abc"), active(200, b"\0\0\0\0"),
                               active(300, b"\0\0"), active(210, b"\0x")])
        out = w.without_zero_data(buf, 200, 250)
        self.assertEqual(w.data_segments(out), [(100, 103), (200, 200), (300, 302), (210, 212)])
        self.assertEqual(len(out), len(buf) - 4)

    def test_static_ranges_come_from_the_linker_names(self):
        buf = module(segments=[active(1000, b"r"), active(2000, b"dd"), active(3000, b"\0" * 8)],
                     names={0: ".rodata", 1: ".data", 2: ".bss"})
        self.assertEqual(w.static_ranges(buf), ((2000, 2002), (3000, 3008)))
        with self.assertRaises(w.WasmError):
            w.static_ranges(module(segments=[active(1, b"x")]))


LOADER = '''import { initSync } from "./app.js";
function wrapAsyncCb(load) { return load; }
function makeLoad(load, deps) { return load; }
/* __users_route_view, attention_view */
const __chunk_3 = makeLoad(() => {
    const src = fetch(new URL("./chunk_3.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, []);
export const __wasm_split_load_attention_view = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_attention_view.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [__chunk_3]));
export const __wasm_split_load_console_access_view = wrapAsyncCb(makeLoad(() => async (_imp) => ({}), []));
export const __wasm_split_load___users_route_view = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split___users_route_view.wasm", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [__chunk_3]));
'''


class WasmSplit(unittest.TestCase):
    def test_the_loader_is_read_into_pages(self):
        prelude, points = wasm_split.parse_loader(LOADER)
        self.assertTrue(prelude.rstrip().endswith("return load; }"))
        self.assertEqual(points["attention_view"],
                         {"own": "split_attention_view.wasm", "chunks": ["chunk_3.wasm"]})
        self.assertEqual(points["console_access_view"], {"own": None, "chunks": []})
        self.assertEqual(wasm_split.page_modules(points), {
            "overview": ["split_attention_view.wasm", "chunk_3.wasm"],
            "users": ["split___users_route_view.wasm", "chunk_3.wasm"],
        })
        loaders = wasm_split.page_loaders(wasm_split.pages_points(points))
        self.assertIn("export const __wasm_split_load_console_access_view = wrapAsyncCb(__page_overview);",
                      loaders)
        self.assertEqual(loaders.count("fetch("), 2)

    def test_an_unknown_loader_shape_fails_the_build(self):
        with self.assertRaises(SystemExit):
            wasm_split.parse_loader(LOADER + "console.log('new');\n")
        with self.assertRaises(SystemExit):
            wasm_split.page_of("some_new_view")


if __name__ == "__main__":
    unittest.main()
