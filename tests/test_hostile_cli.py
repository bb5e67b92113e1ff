"""Hostile input, end to end through the real command (``python -m docxlint``).

Every refused file must end with exit 2 and exactly one stderr line that names the file and the
reason, with no traceback; every valid-but-extreme file must give a normal result. Each child
runs under a 1 GiB address-space limit and a hard timeout and must finish within TIME_BUDGET.
The commands of a group run once, a few at a time (module fixtures); the tests judge the outcomes.
"""

from __future__ import annotations

import http.server
import json
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from benchmarks.make_corpus import ReportSpec, write_report
from tests import hostile_files as hf
from tests.hostile_files import TIME_BUDGET, Outcome, run_cli, run_many

COMMANDS = ("check", "dump", "annotate")
ENCRYPTED = r"encrypt|password|protected|加密|密码"
LEGACY = r"\.doc\b|97|legacy|binary|旧版|二进制"
DTD = r"DTD|DOCTYPE|entit"
PASSWD_LINES = (
    [ln for ln in Path("/etc/passwd").read_text().splitlines() if len(ln) > 8] if Path("/etc/passwd").exists() else []
)


def command_args(command: str, path: Path, out_dir: Path) -> list[str | Path]:
    if command == "annotate":
        return ["annotate", path, "-o", out_dir / f"{path.stem}-annotated.docx"]
    return [command, path]


def assert_refused(out: Outcome, path: Path, reason: str | None = None) -> str:
    """Exit 2, one stderr line naming ``path`` and a reason, no traceback, in time; return the line."""
    assert not out.timed_out, out.stderr
    assert "Traceback" not in out.stderr + out.stdout, out.stderr
    assert out.code == 2, f"exit {out.code}\nstdout: {out.stdout[:2000]}\nstderr: {out.stderr[:2000]}"
    assert len(out.error_lines) == 1, out.stderr
    line = out.error_lines[0]
    assert path.name in line, f"the line does not name the file: {line!r}"
    assert "internal error" not in line, line
    rest = line.replace(str(path), "").replace(path.name, "").replace("docxlint:", "").strip(" :：")
    assert len(rest) >= 5, f"no reason given: {line!r}"
    if reason:
        assert re.search(reason, line, re.IGNORECASE), f"reason should match {reason!r}: {line!r}"
    assert out.cpu_seconds < TIME_BUDGET, f"used {out.cpu_seconds:.1f}s of CPU ({out.seconds:.1f}s wall)"
    return line


def assert_normal(out: Outcome) -> None:
    """A usual lint result: exit 0 or 1, no error line, in time."""
    assert not out.timed_out, out.stderr
    assert "Traceback" not in out.stderr + out.stdout, out.stderr
    assert out.code in (0, 1), f"exit {out.code}\nstderr: {out.stderr[:2000]}"
    assert "internal error" not in out.stderr, out.stderr
    assert not [ln for ln in out.error_lines if ln.startswith("docxlint:")], out.stderr
    assert out.cpu_seconds < TIME_BUDGET, f"used {out.cpu_seconds:.1f}s of CPU ({out.seconds:.1f}s wall)"


def assert_no_leak(out: Outcome) -> None:
    text = out.stdout + out.stderr
    leaked = [line for line in PASSWD_LINES if line in text]
    assert not leaked and "root:x:0:0" not in text, "/etc/passwd content reached the output"
    assert "FETCHED-FROM-NETWORK" not in text, "an external entity was fetched and expanded"


# ---------------------------------------------------------------------------------------------
# Refused input
# ---------------------------------------------------------------------------------------------

#: name -> (generator, reason pattern)
REFUSED: dict[str, tuple[Callable[[Path], Path], str]] = {
    "empty": (hf.empty_file, r"empty|0 bytes|空"),
    "random-bytes": (hf.random_bytes, r"not a|zip|docx"),
    "plain-text": (hf.plain_text, r"not a|zip|docx|text"),
    "truncated-zip": (hf.truncated_zip, r"truncat|corrupt|zip"),
    "no-document-xml": (hf.zip_without_document, r"document\.xml|not a word|main"),
    "malformed-xml": (hf.malformed_document_xml, r"malformed|xml"),
    "nul-in-xml": (hf.control_character_xml, r"malformed|xml|character"),
    "encrypted": (hf.encrypted_docx, ENCRYPTED),
    "legacy-doc": (hf.legacy_doc, LEGACY),
    "zip-bomb": (hf.zip_bomb, r"too large|bomb|ratio|limit|size"),
    "zip-bomb-lying-header": (lambda p: hf.zip_bomb(p, lie=True), r"bomb|corrupt|crc|size|inflat"),
    "billion-laughs": (hf.billion_laughs, DTD),
    "xxe-passwd": (lambda p: hf.external_entity(p, "file:///etc/passwd"), DTD),
    "xxe-passwd-after-comment": (lambda p: hf.external_entity(p, "file:///etc/passwd", padding=6000), DTD),
    "missing": (hf.missing, r"not found|no such|exist|不存在"),
    "directory": (hf.directory, r"director|folder|no \.docx|目录"),
}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name, (make, _) in REFUSED.items():
        make(folder / f"{name}.docx")
    return folder


@pytest.fixture(scope="module")
def refused(files: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[Outcome, Path]]:
    """(name, command) -> (outcome, the folder annotate wrote into)."""
    root = tmp_path_factory.mktemp("refused-out")
    folders = {(n, c): root / f"{n}-{c}" for n in REFUSED for c in COMMANDS}
    for folder in folders.values():
        folder.mkdir()
    outcomes = run_many({key: command_args(key[1], files / f"{key[0]}.docx", folders[key]) for key in folders})
    return {key: (outcomes[key], folders[key]) for key in folders}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", list(REFUSED))
def test_refused_input(refused: dict, files: Path, name: str, command: str) -> None:
    out, out_dir = refused[(name, command)]
    line = assert_refused(out, files / f"{name}.docx", REFUSED[name][1])
    assert_no_leak(out)
    assert not list(out_dir.iterdir()), "annotate must not leave output for a refused file"
    if name == "encrypted":
        assert not re.search(LEGACY, line.split("encrypted.docx", 1)[1], re.I), "an encrypted .docx is not a .doc"
    if name == "legacy-doc":
        assert not re.search(ENCRYPTED, line, re.I), "a legacy .doc is not encrypted"


def test_many_refused_files_in_one_check(files: Path) -> None:
    """One line per bad file, in order, each with its own reason."""
    names = [n for n in REFUSED if n != "directory"]
    out = run_cli("check", *(files / f"{n}.docx" for n in names))
    assert out.code == 2 and "Traceback" not in out.stderr, out.stderr
    assert len(out.error_lines) == len(names), out.stderr
    for name, line in zip(names, out.error_lines, strict=True):
        assert f"{name}.docx" in line and re.search(REFUSED[name][1], line, re.I), (name, line)
        assert "internal error" not in line, line


# ---------------------------------------------------------------------------------------------
# Network: external entities and DTDs must never be fetched
# ---------------------------------------------------------------------------------------------


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        body = b'<!ENTITY leak "FETCHED-FROM-NETWORK">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


NETWORK_CASES: dict[str, Callable[[Path, str], Path]] = {
    "xxe-http": lambda p, url: hf.external_entity(p, f"{url}/entity"),
    "external-dtd": lambda p, url: hf.external_dtd(p, f"{url}/evil.dtd"),
    "xxe-styles": lambda p, url: hf.external_entity(p, f"{url}/styles", part="word/styles.xml"),
    "xxe-content-types": lambda p, url: hf.external_entity(p, f"{url}/ct", part="[Content_Types].xml"),
    "xxe-rels": lambda p, url: hf.external_entity(p, f"{url}/rels", part="_rels/.rels"),
}


#: cases whose DTD sits in a part the reader always parses: they must be refused
REFUSED_BY_READER = {"xxe-http", "external-dtd", "xxe-styles", "xxe-rels"}


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict, list[str], Path]]:
    """Outcomes of every command on every network case, and the requests the server saw."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    folder = tmp_path_factory.mktemp("network")
    try:
        paths = {name: make(folder / f"{name}.docx", url) for name, make in NETWORK_CASES.items()}
        commands = {(n, c): command_args(c, paths[n], folder) for n in NETWORK_CASES for c in COMMANDS}
        yield run_many(commands), list(_Recorder.hits), folder
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", list(NETWORK_CASES))
def test_nothing_is_fetched(network: tuple[dict, list[str], Path], name: str, command: str) -> None:
    outcomes, hits, folder = network
    out = outcomes[(name, command)]
    if out.code == 2 or name in REFUSED_BY_READER:
        assert_refused(out, folder / f"{name}.docx", DTD)
    else:
        assert_normal(out)  # a part docxlint never parses (e.g. [Content_Types].xml for check)
    assert_no_leak(out)
    assert hits == [], f"documents made docxlint fetch {hits}"


# ---------------------------------------------------------------------------------------------
# Valid but extreme
# ---------------------------------------------------------------------------------------------

#: name -> (generator, text that dump must show)
EXTREME: dict[str, tuple[Callable[[Path], Path], str]] = {
    "nested-tables-40": (lambda p: hf.nested_tables(p, 40), "第40层"),
    "runs-200000": (hf.many_runs, "统计期限为2023年1月1日至2022年12月31日"),
    "paragraph-4mb": (hf.big_paragraph, "按时办结率100%"),
    "findings-3000": (hf.many_findings, "统计期限为2023年1月1日至2022年12月31日"),
    "repeated-joiners": (hf.repeated_joiners, "统计期限为2023年1月1日至2022年12月31日"),
    "opening-breakdowns": (hf.opening_breakdowns, "统计期限为2023年1月1日至2022年12月31日"),
    "separator-runs": (hf.separator_runs, "统计期限为2023年1月1日至2022年12月31日"),
}


@pytest.fixture(scope="module")
def extreme(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[tuple[str, str], Outcome], Path]:
    folder = tmp_path_factory.mktemp("extreme")
    for name, (make, _) in EXTREME.items():
        make(folder / f"{name}.docx")
    hf.nested_tables(folder / "nested-tables-120.docx", 120)
    names = [*EXTREME, "nested-tables-120"]
    commands = {(n, c): command_args(c, folder / f"{n}.docx", folder) for n in names for c in COMMANDS}
    return run_many(commands), folder


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", list(EXTREME))
def test_extreme_but_valid(extreme: tuple[dict, Path], name: str, command: str) -> None:
    outcomes, folder = extreme
    out = outcomes[(name, command)]
    assert_normal(out)
    if command == "dump":
        assert EXTREME[name][1] in out.stdout, "dump lost the document's text"
    if command == "annotate":
        assert (folder / f"{name}-annotated.docx").is_file()
        assert re.search(r"[1-9]\d* comment", out.stderr), "the planted defect should become a comment"


@pytest.mark.parametrize("command", COMMANDS)
def test_120_nested_tables(extreme: tuple[dict, Path], command: str) -> None:
    """Read normally, or refused with a clear nesting reason (the reader keeps libxml2's depth limit)."""
    outcomes, folder = extreme
    out = outcomes[("nested-tables-120", command)]
    if out.code == 2:
        assert_refused(out, folder / "nested-tables-120.docx", r"nest|deep|depth|嵌套")
    else:
        assert_normal(out)


# ---------------------------------------------------------------------------------------------
# Rule packs and many files
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("good")
    write_report(folder / "甲 报告.docx", ReportSpec(seed=1))
    write_report(folder / "other.docx", ReportSpec(seed=2, defects=("table3_sum", "late_date"), auto_numbering=True))
    return folder


BAD_PACKS = {
    "not-json.json": ('{"id": "broken", "rules": [', r"json|line"),
    "schema-error.json": (
        json.dumps({"id": "broken", "rules": [{"id": "r1", "severity": "fatal"}]}),
        r"rules|severity|type|required",
    ),
    "not-an-object.json": ("[1, 2, 3]", r"object|root"),
    "not-utf8.json": (b'{"id": "\xff\xfe"}', r"utf|decode|encoding"),
    "missing.json": (None, r"not found|no such|exist"),
}


@pytest.mark.parametrize("name", list(BAD_PACKS))
def test_broken_rule_pack(good: Path, tmp_path: Path, name: str) -> None:
    content, reason = BAD_PACKS[name]
    pack = tmp_path / name
    if content is not None:
        pack.write_bytes(content if isinstance(content, bytes) else content.encode())
    commands = {
        "check": ["check", good / "other.docx", "--rules", pack],
        "dump": ["dump", good / "other.docx", "--rules", pack],
        "annotate": ["annotate", good / "other.docx", "-o", tmp_path / "out.docx", "--rules", pack],
    }
    for out in run_many(commands).values():
        assert_refused(out, pack, reason)
    assert not (tmp_path / "out.docx").exists()


def _json_findings(out: Outcome) -> dict[str, list[dict]]:
    data = json.loads(out.stdout)
    return {Path(f["file"]).name: f["findings"] for f in data["files"] if not f["error"]}


def test_many_files_one_bad(files: Path, good: Path) -> None:
    first, bad, other = good / "甲 报告.docx", files / "truncated-zip.docx", good / "other.docx"
    commands: dict[str, list[str | Path]] = {
        "alone-first": ["check", first, "--format", "json"],
        "alone-other": ["check", other, "--format", "json"],
        "jobs1": ["check", first, bad, other, "--jobs", "1", "--format", "json"],
        "jobs2": ["check", first, bad, other, "--jobs", "2", "--format", "json"],
        "text": ["check", first, bad, other, "--jobs", "2"],
    }
    outs = run_many(commands)
    alone = {**_json_findings(outs["alone-first"]), **_json_findings(outs["alone-other"])}
    assert alone[other.name], "the planted defects of other.docx should be found"
    for key in ("jobs1", "jobs2"):
        assert_refused(outs[key], bad)
        assert _json_findings(outs[key]) == alone, "the good files' findings changed next to a bad file"
        names = [Path(f["file"]).name for f in json.loads(outs[key].stdout)["files"]]
        assert names == [first.name, bad.name, other.name]
    assert_refused(outs["text"], bad)
    for finding in alone[other.name]:
        assert f"[{finding['rule']}]" in outs["text"].stdout
