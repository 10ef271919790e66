"""The few reads and rewrites of wasm binaries that the page merge (scripts/wasm_split.py) needs
and Binaryen has no option for: sections, import module names, the export section, the active
data segments and their names. Only what the splitter's modules contain is understood (MVP import
kinds, `i32.const` segment offsets); anything else fails loudly rather than being guessed at.
"""

MAGIC = b"\0asm\x01\0\0\0"
IMPORT, EXPORT, DATA, CUSTOM = 2, 7, 11, 0
KINDS = {0: "func", 1: "table", 2: "memory", 3: "global"}


class WasmError(Exception):
    pass


def leb(buf, pos, signed=False):
    """A LEB128 at `pos` (unsigned unless `signed`): (value, position after it)."""
    value = shift = 0
    while True:
        byte = buf[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            if signed and byte & 0x40:
                value -= 1 << shift
            return value, pos


def sleb(buf, pos):
    return leb(buf, pos, signed=True)


def uleb(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def name_bytes(text):
    raw = text.encode()
    return uleb(len(raw)) + raw


def read_name(buf, pos):
    length, pos = leb(buf, pos)
    return buf[pos:pos + length].decode(), pos + length


def sections(buf):
    """Every section as (id, payload start, payload end, section start)."""
    if buf[:8] != MAGIC:
        raise WasmError("not a wasm module")
    pos, out = 8, []
    while pos < len(buf):
        start = pos
        sid = buf[pos]
        size, pos = leb(buf, pos + 1)
        out.append((sid, pos, pos + size, start))
        pos += size
    return out


def section(buf, sid):
    found = [s for s in sections(buf) if s[0] == sid]
    return found[0] if found else None


def _limits_end(buf, pos):
    flags = buf[pos]
    if flags not in (0, 1):
        raise WasmError(f"limits flags {flags} (shared or 64-bit memory) not understood")
    _, pos = leb(buf, pos + 1)
    if flags == 1:
        _, pos = leb(buf, pos)
    return pos


def imports(buf):
    """The import section's entries as (module, field, kind, descriptor bytes)."""
    sec = section(buf, IMPORT)
    if not sec:
        return []
    _, pos, end, _ = sec
    count, pos = leb(buf, pos)
    out = []
    for _ in range(count):
        module, pos = read_name(buf, pos)
        field, pos = read_name(buf, pos)
        kind = buf[pos]
        start = pos + 1
        if kind == 0:
            _, pos = leb(buf, start)
        elif kind == 1:
            pos = _limits_end(buf, start + 1)  # reference type, then limits
        elif kind == 2:
            pos = _limits_end(buf, start)
        elif kind == 3:
            pos = start + 2  # value type, mutability
        else:
            raise WasmError(f"import kind {kind} not understood")
        out.append((module, field, kind, bytes(buf[start:pos])))
    if pos != end:
        raise WasmError("import section has trailing bytes")
    return out


def _import_section(entries):
    body = uleb(len(entries)) + b"".join(
        name_bytes(module) + name_bytes(field) + bytes([kind]) + desc
        for module, field, kind, desc in entries)
    return bytes([IMPORT]) + uleb(len(body)) + body


def reexporting_module(entries, module):
    """A module importing `entries` (with `module` as their module name) and exporting each under
    its field name: to Binaryen's wasm-merge, the one provider of what the merged modules share."""
    if sorted(kind for _, _, kind, _ in entries) != sorted(set(kind for _, _, kind, _ in entries)):
        raise WasmError("two imports of one kind: the indices below would be wrong")
    renamed = [(module, field, kind, desc) for _, field, kind, desc in entries]
    exports = uleb(len(entries)) + b"".join(
        name_bytes(field) + bytes([kind]) + uleb(0) for _, field, kind, _ in entries)
    return MAGIC + _import_section(renamed) + bytes([EXPORT]) + uleb(len(exports)) + exports


def with_import_module(buf, module):
    """`buf` with every import's module name set to `module` and without its export section."""
    entries = [(module, field, kind, desc) for _, field, kind, desc in imports(buf)]
    out = bytearray(MAGIC)
    for sid, start, end, sec_start in sections(buf):
        if sid == IMPORT:
            out += _import_section(entries)
        elif sid != EXPORT:
            out += buf[sec_start:end]
    return bytes(out)


def _data_entries(buf):
    """The data section's segments as (header start, payload start, payload end, address or
    None for a passive one), and the section's bounds."""
    sec = section(buf, DATA)
    if not sec:
        return [], None
    _, pos, end, _ = sec
    count, pos = leb(buf, pos)
    out = []
    for _ in range(count):
        start = pos
        flags, pos = leb(buf, pos)
        address = None
        if flags in (0, 2):
            if flags == 2:
                memory, pos = leb(buf, pos)
                if memory != 0:
                    raise WasmError("data segment of another memory")
            if buf[pos] != 0x41:  # i32.const
                raise WasmError("data segment offset is not a constant")
            address, pos = sleb(buf, pos + 1)
            if buf[pos] != 0x0B:
                raise WasmError("data segment offset is not a constant")
            pos += 1
        elif flags != 1:  # 1: passive, written by code rather than at instantiation
            raise WasmError(f"data segment flags {flags} not understood")
        size, payload = leb(buf, pos)
        out.append((start, payload, payload + size, address))
        pos = payload + size
    if pos != end:
        raise WasmError("data section has trailing bytes")
    return out, sec


def data_segments(buf):
    """The active data segments of memory 0 as (start address, end address)."""
    entries, _ = _data_entries(buf)
    return [(a, a + end - payload) for _, payload, end, a in entries if a is not None]


def without_zero_data(buf, lo, hi):
    """`buf` with every active segment that only writes zeros into [lo, hi) emptied (kept, so no
    index changes): memory there is zero until the module's own code writes it."""
    entries, sec = _data_entries(buf)
    if not sec:
        return buf
    body = bytearray(uleb(len(entries)))
    for start, payload, end, address in entries:
        header = buf[start:payload]
        size_len = len(uleb(end - payload))
        if (address is not None and lo <= address and address + end - payload <= hi
                and not any(buf[payload:end])):
            body += header[:len(header) - size_len] + uleb(0)
        else:
            body += buf[start:end]
    sid, _, sec_end, sec_start = sec
    return buf[:sec_start] + bytes([DATA]) + uleb(len(body)) + body + buf[sec_end:]


def data_segment_names(buf):
    """The names the `name` section gives the data segments (subsection 9), by index."""
    for sid, start, end, _ in sections(buf):
        if sid != CUSTOM:
            continue
        name, pos = read_name(buf, start)
        if name != "name":
            continue
        while pos < end:
            sub = buf[pos]
            size, pos = leb(buf, pos + 1)
            if sub == 9:
                count, p = leb(buf, pos)
                names = {}
                for _ in range(count):
                    index, p = leb(buf, p)
                    names[index], p = read_name(buf, p)
                return names
            pos += size
    return {}


def static_ranges(buf):
    """The address ranges of the linked program's `.data` (initialised statics) and `.bss`
    (zeroed ones), from the linker's segment names; raises when the names are missing."""
    entries, _ = _data_entries(buf)
    found = {n: (entries[i][3], entries[i][3] + entries[i][2] - entries[i][1])
             for i, n in data_segment_names(buf).items()
             if n in (".data", ".bss") and i < len(entries) and entries[i][3] is not None}
    if len(found) != 2:
        raise WasmError("no .data and .bss segment names (was the module linked by lld?)")
    return found[".data"], found[".bss"]
