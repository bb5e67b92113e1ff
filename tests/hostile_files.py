"""Generators of hostile and degenerate inputs, shared by the end-to-end tests.

Every generator writes one file (``path``) and returns it. Nothing here needs a network or a
third-party library: ZIP bombs are raw DEFLATE streams assembled from one repeated block (2 GiB
of output in about 2 MB, written in milliseconds), and OLE compound files (encrypted OOXML,
legacy .doc) come from a small, spec-following CFB writer.
"""

from __future__ import annotations

import base64
import os
import random
import resource
import signal
import struct
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from benchmarks.make_corpus import ReportSpec, report_body
from fixtures.wordxml import NS_DECL, esc, make_docx, simple_para

GiB = 1 << 30
MiB = 1 << 20

# ---------------------------------------------------------------------------------------------
# Running the real command under limits
# ---------------------------------------------------------------------------------------------

REPO = Path(__file__).resolve().parent.parent
MEMORY_LIMIT = 1 << 30  #: RLIMIT_AS of every child: bounded memory is part of the contract
TIME_BUDGET = 8.0  #: CPU seconds a single command may use on hostile input ("a few seconds", with slack)
HARD_TIMEOUT = 40.0  #: kill a child after this long (the budget assertion reports it)
K = TypeVar("K", bound=Hashable)


@dataclass
class Outcome:
    code: int  #: exit code; -9 when the hard timeout killed the child
    stdout: str
    stderr: str
    seconds: float  #: wall time
    cpu_seconds: float = 0.0  #: user + system time of the child: what the time budget is checked on
    timed_out: bool = False

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def _limits(fsize: int | None) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
        if fsize is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return apply


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DOCXLINT_DEBUG"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def run_cli(*args: str | Path, fsize: int | None = None, cwd: Path = REPO) -> Outcome:
    """Run ``python -m docxlint ARGS`` under the memory (and optional file-size) limit.

    The child is reaped with ``os.wait4`` so that its own CPU time is known: CPU time, unlike
    wall time, barely moves when the test machine is busy. (Its ru_maxrss is not used: a forked
    child's peak counts the pages it shared with the large test process.)
    """
    cmd = [sys.executable, "-m", "docxlint", *map(str, args)]
    start = time.monotonic()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_limits(fsize), env=child_env(), cwd=cwd
    )
    output: dict[str, bytes] = {}
    readers = [
        threading.Thread(target=lambda key=key, pipe=pipe: output.__setitem__(key, pipe.read()))
        for key, pipe in (("out", proc.stdout), ("err", proc.stderr))
    ]
    for reader in readers:
        reader.start()
    killer = threading.Timer(HARD_TIMEOUT, _kill, (proc.pid,))
    killer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        killer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    proc.stdout.close()  # type: ignore[union-attr]
    proc.stderr.close()  # type: ignore[union-attr]
    timed_out = proc.returncode == -9 and time.monotonic() - start >= HARD_TIMEOUT
    stderr = _decode(output.get("err"))
    if timed_out:
        stderr += f"\ntimed out after {HARD_TIMEOUT}s: {' '.join(cmd)}"
    return Outcome(
        code=proc.returncode,
        stdout=_decode(output.get("out")),
        stderr=stderr,
        seconds=time.monotonic() - start,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        timed_out=timed_out,
    )


def _kill(pid: int) -> None:
    """SIGKILL without Popen.kill(), whose poll() could reap the child before os.wait4 does."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _decode(data: bytes | None) -> str:
    return (data or b"").decode("utf-8", errors="replace")


def run_many(commands: dict[K, list[str | Path]], workers: int | None = None) -> dict[K, Outcome]:
    """Run several commands, as many at a time as there are CPUs (each keeps its own limits)."""
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 2) as pool:
        futures = {key: pool.submit(run_cli, *args) for key, args in commands.items()}
        return {key: future.result() for key, future in futures.items()}


# ---------------------------------------------------------------------------------------------
# Raw ZIP writing (lets a member's bytes, sizes and CRC be whatever the test needs)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RawMember:
    """A ZIP member given as already-compressed bytes plus the header fields to declare."""

    name: str
    payload: bytes  #: the stored bytes (DEFLATE stream when method == 8)
    crc: int
    file_size: int  #: declared uncompressed size
    method: int = 8


def deflate_raw(data: bytes, level: int = 9) -> bytes:
    """A complete raw DEFLATE stream (as stored in a ZIP member)."""
    comp = zlib.compressobj(level, zlib.DEFLATED, -15)
    return comp.compress(data) + comp.flush()


def member(name: str, data: bytes) -> RawMember:
    """An honest DEFLATE member."""
    return RawMember(name, deflate_raw(data), zlib.crc32(data), len(data))


def write_raw_zip(path: Path, members: list[RawMember]) -> Path:
    """Write a ZIP (no ZIP64) with exactly the given members and header fields."""
    body = bytearray()
    central = bytearray()
    for m in members:
        name = m.name.encode("utf-8")
        offset = len(body)
        fields = (20, 0x0800, m.method, 0, 0x5821, m.crc, len(m.payload), m.file_size, len(name))
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + name + m.payload
        central += struct.pack("<IH", 0x02014B50, 20) + struct.pack("<HHHHHIIIHHHHHII", *fields, 0, 0, 0, 0, 0, offset)
        central += name
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(body), 0)
    path.write_bytes(bytes(body + central + eocd))
    return path


def _gf2_times(matrix: list[int], vector: int) -> int:
    total, i = 0, 0
    while vector:
        if vector & 1:
            total ^= matrix[i]
        vector >>= 1
        i += 1
    return total


def _gf2_square(matrix: list[int]) -> list[int]:
    return [_gf2_times(matrix, matrix[n]) for n in range(32)]


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    """CRC-32 of A+B from crc(A), crc(B) and len(B) (zlib's algorithm; Python's zlib lacks it)."""
    if len2 <= 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]
    even = _gf2_square(odd)
    odd = _gf2_square(even)
    while True:
        even = _gf2_square(odd)
        if len2 & 1:
            crc1 = _gf2_times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = _gf2_square(even)
        if len2 & 1:
            crc1 = _gf2_times(odd, crc1)
        len2 >>= 1
        if not len2:
            break
    return crc1 ^ crc2


def crc32_repeated(block_crc: int, block_len: int, times: int) -> int:
    """CRC-32 of a block repeated ``times`` times, by doubling (O(log times))."""
    result, result_len = 0, 0
    power_crc, power_len = block_crc, block_len
    while times:
        if times & 1:
            result = crc32_combine(result, power_crc, power_len)
            result_len += power_len
        power_crc = crc32_combine(power_crc, power_crc, power_len)
        power_len *= 2
        times >>= 1
    return result


def bomb_member(name: str, prefix: bytes, suffix: bytes, inflated: int, declared: int | None = None) -> RawMember:
    """A DEFLATE member that inflates to ``prefix + b"a" * filler + suffix`` (``inflated`` bytes in all).

    The filler is one fully-flushed 1 MiB block repeated, so building a 2 GiB member costs
    about 2 MB and a few milliseconds. ``declared`` (default: the true size) is the
    uncompressed size written into the headers, so a lying header is one argument away.
    """
    block_plain = b"a" * MiB
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(block_plain) + comp.flush(zlib.Z_FULL_FLUSH)
    filler_blocks = (inflated - len(prefix) - len(suffix)) // MiB
    head = zlib.compressobj(9, zlib.DEFLATED, -15)
    head_bytes = head.compress(prefix) + head.flush(zlib.Z_FULL_FLUSH)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15)
    tail_bytes = tail.compress(suffix) + tail.flush()
    payload = head_bytes + block * filler_blocks + tail_bytes
    crc = zlib.crc32(prefix)
    crc = crc32_combine(crc, crc32_repeated(zlib.crc32(block_plain), MiB, filler_blocks), filler_blocks * MiB)
    crc = crc32_combine(crc, zlib.crc32(suffix), len(suffix))
    size = len(prefix) + filler_blocks * MiB + len(suffix)
    return RawMember(name, payload, crc, size if declared is None else declared)


# ---------------------------------------------------------------------------------------------
# A valid report to start from, and the package parts of a minimal DOCX
# ---------------------------------------------------------------------------------------------

DOCUMENT_HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {NS_DECL}><w:body>'
DOCUMENT_TAIL = "</w:body></w:document>"
_TITLE = simple_para("2023年政府信息公开工作年度报告", '<w:jc w:val="center"/>')
_HEADING = simple_para("一、总体情况")


def good_report(path: Path, seed: int = 0) -> Path:
    """A realistic, valid sample report (six sections, tables 二/三/四)."""
    make_docx(path, report_body(ReportSpec(seed=seed)), title="2023年政府信息公开工作年度报告")
    return path


def minimal_parts(document_xml: bytes) -> dict[str, bytes]:
    """The parts of a valid package around ``document_xml`` (taken from ``make_docx``)."""
    import io
    import zipfile

    buf = io.BytesIO()
    make_docx(buf, _TITLE)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    parts["word/document.xml"] = document_xml
    return parts


def docx_from_parts(path: Path, parts: dict[str, bytes]) -> Path:
    return write_raw_zip(path, [member(name, data) for name, data in parts.items()])


def docx_with_body(path: Path, body_xml: str) -> Path:
    """A valid DOCX whose body is a report title, a heading and ``body_xml``."""
    make_docx(path, _TITLE + _HEADING + body_xml, title="2023年政府信息公开工作年度报告")
    return path


# ---------------------------------------------------------------------------------------------
# Not a DOCX at all
# ---------------------------------------------------------------------------------------------


def empty_file(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def random_bytes(path: Path, size: int = 64 * 1024, seed: int = 7) -> Path:
    """Noise that starts with no known signature."""
    data = bytearray(random.Random(seed).randbytes(size))
    data[:4] = b"\x13\x37\xc0\xde"
    path.write_bytes(bytes(data))
    return path


def plain_text(path: Path) -> Path:
    text = "2023年政府信息公开工作年度报告\n一、总体情况\n我局认真贯彻落实《中华人民共和国政府信息公开条例》。\n"
    path.write_text(text * 50, encoding="utf-8")
    return path


def truncated_zip(path: Path, keep: float = 0.6) -> Path:
    """A real report cut short: local headers survive, the central directory does not."""
    good = good_report(path.with_suffix(".full"))
    data = good.read_bytes()
    good.unlink()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def zip_without_document(path: Path) -> Path:
    """A well-formed ZIP/OPC package whose main part is missing."""
    parts = minimal_parts(b"")
    del parts["word/document.xml"]
    return docx_from_parts(path, parts)


def malformed_document_xml(path: Path) -> Path:
    broken = (DOCUMENT_HEAD + "<w:p><w:r><w:t>一、总体情况</w:t></w:r><w:p></w:body>").encode()
    return docx_from_parts(path, minimal_parts(broken))


def control_character_xml(path: Path) -> Path:
    """document.xml with a NUL byte in a text run: not well-formed (libxml2's message has a newline)."""
    broken = (DOCUMENT_HEAD + "<w:p><w:r><w:t>一、总体\x00情况</w:t></w:r></w:p>" + DOCUMENT_TAIL).encode()
    return docx_from_parts(path, minimal_parts(broken))


# ---------------------------------------------------------------------------------------------
# OLE compound files (CFB, [MS-CFB] version 3)
# ---------------------------------------------------------------------------------------------

_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
_SECTOR, _MINI, _CUTOFF = 512, 64, 4096
CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class _Entry:
    name: str
    kind: int  #: 1 storage, 2 stream, 5 root
    data: bytes = b""
    children: list[int] | None = None
    left: int = _NOSTREAM
    right: int = _NOSTREAM
    child: int = _NOSTREAM
    start: int = _END
    size: int = 0


def _cfb_key(entry: _Entry) -> tuple[int, str]:
    return (len(entry.name), entry.name.upper())


def _flatten(tree: dict[str, bytes | dict], entries: list[_Entry], parent: _Entry) -> None:
    parent.children = []
    for name, value in tree.items():
        entry = _Entry(name, 1 if isinstance(value, dict) else 2, b"" if isinstance(value, dict) else value)
        entries.append(entry)
        parent.children.append(len(entries) - 1)
        if isinstance(value, dict):
            _flatten(value, entries, entry)


def _link_siblings(entries: list[_Entry], ids: list[int]) -> int:
    """Arrange sibling ids as a balanced binary search tree (all black); return its root id."""
    if not ids:
        return _NOSTREAM
    ordered = sorted(ids, key=lambda i: _cfb_key(entries[i]))
    mid = len(ordered) // 2
    root = ordered[mid]
    entries[root].left = _link_siblings(entries, ordered[:mid])
    entries[root].right = _link_siblings(entries, ordered[mid + 1 :])
    return root


def _chain(fat: list[int], start: int, count: int) -> None:
    for i in range(count):
        fat[start + i] = start + i + 1 if i + 1 < count else _END


def _sectors(data: bytes, size: int) -> int:
    return (len(data) + size - 1) // size


def _dir_entry(e: _Entry) -> bytes:
    name = (e.name.encode("utf-16-le") + b"\0\0") if e.name else b""
    head = name.ljust(64, b"\0") + struct.pack("<HBB", len(name), e.kind if e.name else 0, 1)
    links = struct.pack("<III", e.left, e.right, e.child)
    return head + links + b"\0" * 16 + b"\0" * 4 + b"\0" * 16 + struct.pack("<IQ", e.start, e.size)


def write_cfb(path: Path, tree: dict[str, bytes | dict]) -> Path:
    """Write an OLE compound file holding ``tree`` (name -> bytes for a stream, dict for a storage).

    Streams under 4096 bytes live in the mini stream, as the format requires.
    """
    root = _Entry("Root Entry", 5)
    entries = [root]
    _flatten(tree, entries, root)
    for entry in entries:
        if entry.children is not None:
            entry.child = _link_siblings(entries, entry.children)
        if entry.kind == 1:
            entry.start = 0
    mini = bytearray()
    minifat: list[int] = []
    for e in entries:
        if e.kind == 2 and len(e.data) < _CUTOFF and e.data:
            e.start, e.size = len(mini) // _MINI, len(e.data)
            count = _sectors(e.data, _MINI)
            minifat.extend(range(e.start + 1, e.start + count))
            minifat.append(_END)
            mini += e.data.ljust(count * _MINI, b"\0")
    big = [e for e in entries if e.kind == 2 and len(e.data) >= _CUTOFF]
    minifat_bytes = b"".join(struct.pack("<I", v) for v in minifat)
    dir_count = (len(entries) + 3) // 4
    others = dir_count + _sectors(minifat_bytes, _SECTOR) + _sectors(bytes(mini), _SECTOR)
    others += sum(_sectors(e.data, _SECTOR) for e in big)
    fat_count = 1
    while fat_count * 128 < others + fat_count:
        fat_count += 1
    fat = [_FREE] * (fat_count * 128)
    fat[:fat_count] = [_FATSECT] * fat_count
    layout: list[bytes] = []
    next_sector = fat_count

    def place(data: bytes) -> int:
        nonlocal next_sector
        count = _sectors(data, _SECTOR)
        if count == 0:
            return _END
        start = next_sector
        _chain(fat, start, count)
        layout.append(data.ljust(count * _SECTOR, b"\0"))
        next_sector += count
        return start

    dir_start = next_sector
    next_sector += dir_count
    _chain(fat, dir_start, dir_count)
    minifat_start = place(minifat_bytes)
    root.start, root.size = place(bytes(mini)), len(mini)
    for e in big:
        e.start, e.size = place(e.data), len(e.data)
    unused = [_Entry("", 0)] * (dir_count * 4 - len(entries))
    directory = b"".join(_dir_entry(e) for e in entries + unused)
    header = CFB_SIGNATURE + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack(
        "<IIIIIIIII", 0, fat_count, dir_start, 0, _CUTOFF, minifat_start, _sectors(minifat_bytes, _SECTOR), _END, 0
    )
    difat = list(range(fat_count)) + [_FREE] * (109 - fat_count)
    header += b"".join(struct.pack("<I", v) for v in difat)
    fat_bytes = b"".join(struct.pack("<I", v) for v in fat)
    path.write_bytes(header + fat_bytes + directory + b"".join(layout))
    return path


def _agile_encryption_info(rng: random.Random) -> bytes:
    """An ``EncryptionInfo`` stream in the Agile (Office 2010+) layout, random key material."""

    def b64(n: int) -> str:
        return base64.b64encode(rng.randbytes(n)).decode()

    algo = 'blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512"'
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" '
        'xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
        f'<keyData saltSize="16" {algo} saltValue="{b64(16)}"/>'
        f'<dataIntegrity encryptedHmacKey="{b64(64)}" encryptedHmacValue="{b64(64)}"/>'
        '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
        f'<p:encryptedKey spinCount="100000" saltSize="16" {algo} saltValue="{b64(16)}" '
        f'encryptedVerifierHashInput="{b64(16)}" encryptedVerifierHashValue="{b64(64)}" encryptedKeyValue="{b64(32)}"/>'
        "</keyEncryptor></keyEncryptors></encryption>"
    )
    return struct.pack("<HHI", 4, 4, 0x40) + xml.encode()


def encrypted_docx(path: Path, seed: int = 3) -> Path:
    """What Word writes for a password-protected .docx: a CFB with EncryptionInfo/EncryptedPackage."""
    rng = random.Random(seed)
    plain_size = 12_345
    package = struct.pack("<Q", plain_size) + rng.randbytes(4096 * 4)
    data_spaces = {
        "Version": struct.pack("<I", 60)
        + "Microsoft.Container.DataSpaces".encode("utf-16-le")
        + struct.pack("<HHHHHH", 1, 0, 1, 0, 1, 0),
        "DataSpaceMap": struct.pack("<II", 8, 1) + rng.randbytes(96),
        "DataSpaceInfo": {"StrongEncryptionDataSpace": struct.pack("<II", 8, 1) + rng.randbytes(60)},
        "TransformInfo": {"StrongEncryptionTransform": {"\x06Primary": rng.randbytes(200)}},
    }
    tree: dict[str, bytes | dict] = {
        "\x06DataSpaces": data_spaces,
        "EncryptionInfo": _agile_encryption_info(rng),
        "EncryptedPackage": package,
    }
    return write_cfb(path, tree)


def legacy_doc(path: Path) -> Path:
    """A Word 97-2003 binary document (.doc) saved with a .docx name."""
    fib = struct.pack("<HHHH", 0xA5EC, 0x00C1, 0x0409, 0x0000) + b"\0" * 4088
    text = "2023年政府信息公开工作年度报告".encode("utf-16-le")
    tree: dict[str, bytes | dict] = {
        "WordDocument": fib + text.ljust(4096, b"\0"),
        "1Table": b"\0" * 1024,
        "\x05SummaryInformation": struct.pack("<HH", 0xFFFE, 0) + b"\0" * 200,
        "\x01CompObj": b"\x01\x00\xfe\xff\x03\x0a\x00\x00" + b"\0" * 100,
    }
    return write_cfb(path, tree)


# ---------------------------------------------------------------------------------------------
# ZIP bombs
# ---------------------------------------------------------------------------------------------

_BOMB_PREFIX = (DOCUMENT_HEAD + "<w:p><w:r><w:t>").encode()
_BOMB_SUFFIX = ("</w:t></w:r></w:p>" + DOCUMENT_TAIL).encode()


def zip_bomb(path: Path, inflated: int = 2 * GiB, lie: bool = False) -> Path:
    """A DOCX whose document.xml inflates to ``inflated`` bytes (one huge paragraph of "a").

    With ``lie`` the headers declare a harmless 64 KiB instead, so only a bounded read stops it.
    """
    parts = minimal_parts(b"")
    members = [member(name, data) for name, data in parts.items() if name != "word/document.xml"]
    bomb = bomb_member("word/document.xml", _BOMB_PREFIX, _BOMB_SUFFIX, inflated, 64 * 1024 if lie else None)
    return write_raw_zip(path, members + [bomb])


# ---------------------------------------------------------------------------------------------
# DTDs and entities
# ---------------------------------------------------------------------------------------------


def _doctype_document(doctype: str, text: str, padding: int = 0) -> bytes:
    comment = f"<!--{' ' * padding}-->" if padding else ""
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        f"{comment}{doctype}\n<w:document {NS_DECL}><w:body>"
        f"{_TITLE}<w:p><w:r><w:t>{text}</w:t></w:r></w:p>{DOCUMENT_TAIL}"
    )
    return xml.encode()


def billion_laughs(path: Path) -> Path:
    lines = ['<!ENTITY lol0 "lollollollollollollollollollol">']
    lines += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    doctype = "<!DOCTYPE w:document [" + "".join(lines) + "]>"
    return docx_from_parts(path, minimal_parts(_doctype_document(doctype, "&lol9;")))


def external_entity(path: Path, url: str, part: str = "word/document.xml", padding: int = 0) -> Path:
    """An XXE: ``&xxe;`` refers to ``url`` (``file:///etc/passwd``, ``http://…``) in ``part``.

    ``padding`` puts a comment of that many bytes before the DOCTYPE, past a naive prefix scan.
    """
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{url}">]>'
    parts = minimal_parts(_doctype_document(doctype, "&xxe;", padding))
    if part != "word/document.xml":
        parts["word/document.xml"] = (DOCUMENT_HEAD + _TITLE + _HEADING + DOCUMENT_TAIL).encode()
        original = parts[part].decode()
        decl_end = original.index("?>") + 2 if original.startswith("<?xml") else 0
        doctype = f'<!DOCTYPE x [<!ENTITY % xxe SYSTEM "{url}"> %xxe;]>'
        parts[part] = (original[:decl_end] + "\n" + doctype + original[decl_end:]).encode()
    return docx_from_parts(path, parts)


def external_dtd(path: Path, url: str) -> Path:
    """``<!DOCTYPE … SYSTEM url>``: an external DTD (fetching it is the attack)."""
    doctype = f'<!DOCTYPE w:document SYSTEM "{url}">'
    return docx_from_parts(path, minimal_parts(_doctype_document(doctype, "x")))


# ---------------------------------------------------------------------------------------------
# Valid but extreme
# ---------------------------------------------------------------------------------------------


def nested_tables(path: Path, depth: int = 120) -> Path:
    """``depth`` tables, each inside the only cell of the previous one."""
    opening = (
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="8000"/></w:tblGrid>'
        '<w:tr><w:tc><w:tcPr><w:tcW w:w="8000" w:type="dxa"/></w:tcPr>'
    )
    body = "".join(opening + simple_para(f"第{level + 1}层") for level in range(depth))
    body += "<w:p/></w:tc></w:tr></w:tbl>" * depth
    return docx_with_body(path, body + simple_para("本年度共收到政府信息公开申请3件。"))


def many_runs(path: Path, runs: int = 200_000) -> Path:
    """One paragraph made of ``runs`` runs (1–3 characters each, every 7th bold), ending in one defect.

    The last sentence states a wrong statistics period, so annotation must anchor a comment
    inside the 200,000-run paragraph.
    """
    text = "我局认真贯彻落实政府信息公开条例，坚持以公开为常态、不公开为例外，进一步强化组织领导，完善公开机制。"
    tail = "本报告中所列数据的统计期限为2023年1月1日至2022年12月31日。"
    out = []
    pos = 0
    for i in range(runs - 1):
        size = 1 + i % 3
        chunk = (text * 2)[pos : pos + size]
        pos = (pos + size) % len(text)
        rpr = "<w:rPr><w:b/></w:rPr>" if i % 7 == 0 else ""
        out.append(f'<w:r>{rpr}<w:t xml:space="preserve">{esc(chunk)}</w:t></w:r>')
    out.append(f'<w:r><w:t xml:space="preserve">{esc(tail)}</w:t></w:r>')
    return docx_with_body(path, "<w:p>" + "".join(out) + "</w:p>")


def big_paragraph(path: Path, size: int = 4 * MiB, seed: int = 5) -> Path:
    """One paragraph, one run, ``size`` bytes of UTF-8 report prose (varied sentences and numbers)."""
    rng = random.Random(seed)
    pieces: list[str] = []
    total = 0
    while total < size:
        sentence = rng.choice(_PROSE).format(*(rng.randint(1, 9999) for _ in range(3)))
        pieces.append(sentence)
        total += len(sentence.encode())
    return docx_with_body(path, simple_para("".join(pieces)))


_PROSE = (
    "本年度主动公开政府信息{0}条，其中政策文件{1}件。",
    "全年办理依申请公开{0}件，按时办结率100%，群众满意度持续提升。",
    "通过政务新媒体发布信息{0}条，回应社会关切{1}次，开展政策解读{2}次。",
    "第{0}号文件明确了责任分工，各科室按照时间节点推进落实。",
    "组织业务培训{0}次，参训{1}人次，覆盖全部{2}个基层站所。",
    "电话：0632-{0:04d}{1:03d}，邮编277400，地址：某市某区兴中路{2}号。",
    "清理规范性文件{0}件，废止{1}件，修改{2}件，并及时向社会公开。",
    "网站栏目调整{0}个，新增专题{1}个，累计访问量{2}万人次。",
)


def repeated_joiners(path: Path, repeats: int = 40) -> Path:
    """Sentences in which the words that join a label to its count ("共计", "合计") repeat: a pattern that
    can read "共计" as one word or as two backtracks exponentially in the repeats. Ends in one defect."""
    joined = "共计" * repeats
    body = "".join(
        f"涉及国家秘密{joined}。全年共收到政府信息公开申请{joined}。主动公开政府信息{joined}。" for _ in range(20)
    )
    tail = "本报告中所列数据的统计期限为2023年1月1日至2022年12月31日。"
    return docx_with_body(path, _TITLE + _HEADING + simple_para(body + tail))


def separator_runs(path: Path, repeats: int = 45) -> Path:
    """Runs of the words that separate the names of a respective list ("和", "及", "与") before a list:
    a pattern whose names may hold those words splits such a run in exponentially many ways. Also
    statements carried in apart, many times in one paragraph. Ends in one defect."""
    run = "推进" + "和" * repeats + "及" * repeats + "工作，自然人、法人分别提出3件、2件。"
    carried = "共收到政府信息公开申请70件，另有上年结转申请3件。" * 500
    tail = "本报告中所列数据的统计期限为2023年1月1日至2022年12月31日。"
    return docx_with_body(path, _TITLE + _HEADING + simple_para(run * 20 + carried + tail))


def opening_breakdowns(path: Path, sentences: int = 3000) -> Path:
    """One paragraph of sentences that open with "其中" after a count ("…6件。其中，A 58件、B 15件。"),
    each of which makes the sum check look back for the count it breaks down. Ends in one defect."""
    body = "全年新收政府信息公开申请72件。" + "结转下年度继续办理6件。其中，网上申请58件、信函申请15件。" * sentences
    tail = "本报告中所列数据的统计期限为2023年1月1日至2022年12月31日。"
    return docx_with_body(path, _TITLE + _HEADING + simple_para(body + tail))


def many_findings(path: Path, paragraphs: int = 3000) -> Path:
    """``paragraphs`` paragraphs that each state a wrong statistics period: thousands of findings."""
    sentence = "本报告中所列数据的统计期限为2023年1月1日至2022年12月31日。"
    return docx_with_body(path, simple_para(sentence) * paragraphs)


def directory(path: Path) -> Path:
    """A directory with a .docx name."""
    path.mkdir()
    return path


def missing(path: Path) -> Path:
    if path.exists():
        os.remove(path)
    return path
