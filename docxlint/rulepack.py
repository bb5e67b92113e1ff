"""Rule packs: load a JSON pack, validate it, resolve ``extends`` and ``overrides``.

A pack is validated against ``rules/schema/rulepack.schema.json`` and then
semantically (registered rule types, regexes, ``@pattern`` references, section
ids, duplicate ids). The options an override leaves a rule with are validated
against the rule type's schema too, errors named after the override
(``overrides.ID.options.day``), as are regexes and section ids the override sets.
``jsonschema`` is imported only when a schema check actually runs: the unchanged
bundled pack is remembered by its hash in a small cache file so that ``docxlint
check`` starts fast, and once loaded its checked data is kept too (see "loaded
packs" below); user packs are validated on every load.

Patterns may embed other named patterns as ``{{name}}`` (and the built-in
``{{number}}``, :data:`docxlint.extract.NUMBER_RE`); options hold regexes under
the keys ``pattern``/``patterns`` or ending in ``_pattern``/``_patterns``, given
inline or as ``@name``; ``headings[].pattern`` and ``sections[].pattern`` too.
Section ids are listed under option keys ``scope`` or ending in ``_scope`` and
under the ``section`` key of table locators (the object under a ``table`` key).
"""

from __future__ import annotations

import contextvars
import copy
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

try:  # hashlib's own BLAKE2, without hashlib importing OpenSSL first (~5 ms of every start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - not CPython
    from hashlib import blake2b

from docxlint import regex_cache
from docxlint.checks.base import Rule
from docxlint.errors import RulePackError
from docxlint.extract import NUMBER_RE
from docxlint.findings import Severity
from docxlint.sections import FRONT_MATTER, HeadingLevel, SectionDef

BUNDLED_PACK_ID = "gov-info-disclosure-annual-report"
BUILTIN_PATTERNS = {"number": NUMBER_RE}
_PATTERN_REF = re.compile(r"\{\{([A-Za-z0-9_-]+)\}\}")
_AT_REF = re.compile(r"^@[A-Za-z0-9_-]+$")
_BUILTIN_SECTION_IDS = {FRONT_MATTER, "document"}
_CACHE_FILE = "validated-packs.json"
_CACHE_LIMIT = 64
#: False while loading a pack that is known valid (see load_pack): its regexes are not recompiled.
_COMPILE_REGEXES: contextvars.ContextVar[bool] = contextvars.ContextVar("compile_regexes", default=True)
_LOCATOR_KEY = "table"  #: options key whose object value is a table locator
_LOCATOR_SECTION_KEY = "section"  #: the locator key listing section ids

JsonPath = tuple[str | int, ...]  #: a JSON path as keys and indexes, relative to a rule's options


@dataclass(slots=True)
class RulePack:
    """A loaded, validated pack with ``extends`` resolved and ``overrides`` applied."""

    id: str
    title: str
    version: str
    language: str
    path: Path
    headings: list[HeadingLevel]
    sections: list[SectionDef]
    patterns: dict[str, str]  #: named patterns, ``{{name}}`` references already expanded
    rules: list[Rule]
    raw: dict[str, Any] = field(default_factory=dict)  #: the effective pack as JSON data

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id (KeyError when absent)."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def enabled_rules(self) -> list[Rule]:
        return [r for r in self.rules if r.enabled]

    def section_def(self, section_id: str) -> SectionDef | None:
        return next((s for s in self.sections if s.id == section_id), None)


# --- locations ---------------------------------------------------------------------------


def _rules_dir() -> Path:
    wheel_dir = Path(__file__).resolve().parent / "_rules"
    if wheel_dir.is_dir():
        return wheel_dir
    return Path(__file__).resolve().parent.parent / "rules"


def bundled_pack_path() -> Path:
    """The bundled pack (``rules/`` at the repo root; ``docxlint/_rules`` in the wheel)."""
    return _rules_dir() / f"{BUNDLED_PACK_ID}.json"


def schema_path() -> Path:
    return _rules_dir() / "schema" / "rulepack.schema.json"


def _resolve(ref: str | os.PathLike[str] | None, base_dir: Path | None = None) -> Path:
    """A pack reference (path, path relative to ``base_dir``, or bundled pack id) to a file."""
    if ref is None:
        return bundled_pack_path()
    candidate = Path(ref)
    if base_dir is not None and not candidate.is_absolute():
        candidate = base_dir / candidate
    if candidate.is_file():
        return candidate.resolve()
    name = os.fspath(ref)
    if "/" not in name and "\\" not in name:
        bundled = _rules_dir() / (name if name.endswith(".json") else f"{name}.json")
        if bundled.is_file():
            return bundled.resolve()
    raise RulePackError(f"{candidate}: rule pack not found")


def _is_bundled(path: Path) -> bool:
    try:
        path.resolve().relative_to(_rules_dir().resolve())
    except ValueError:
        return False
    return True


# --- public API --------------------------------------------------------------------------


def load_pack(ref: str | os.PathLike[str] | None = None, *, with_examples: bool = True) -> RulePack:
    """Load a pack by path or bundled id (None: the bundled pack); raise RulePackError when invalid.

    ``with_examples=False`` (checking documents, which never runs the rules' examples) leaves
    :attr:`Rule.examples` empty and lets an unchanged bundled pack come from the cache of
    loaded packs (:func:`_loaded_pack_key`).
    """
    path = _resolve(ref)
    cache_key = None if with_examples else _loaded_pack_key(path)
    if cache_key is not None:
        cached = _loaded_packs().get(cache_key)
        if isinstance(cached, dict):
            try:
                return _build(cached, path)
            except (KeyError, TypeError, ValueError, AttributeError, re.error):
                pass  # an entry that is not what this code wrote: load the file as if it were not there
    loader = _Loader(collect=False, main=path)
    merged, origins = loader.load(path, ())
    # A pack whose every file is a cached, already validated bundled pack had its regexes compiled
    # when it was validated; compiling ~50 of them again would cost ~50 ms of every start.
    token = _COMPILE_REGEXES.set(not loader.all_cached)
    try:
        loader.check_semantics(merged, origins)
    finally:
        _COMPILE_REGEXES.reset(token)
    if not with_examples:
        merged["rules"] = [{k: v for k, v in rule.items() if k != "examples"} for rule in merged.get("rules", [])]
        if cache_key is not None and loader.files == [path]:
            _remember_loaded_pack(cache_key, merged)
    return _build(merged, path)


def validate_pack(path: str | os.PathLike[str]) -> list[str]:
    """Every schema and semantic error of the pack (and its bases), each naming its JSON path."""
    loader = _Loader(collect=True, main=None)
    try:
        resolved = _resolve(path)
        loader.main = resolved
        merged, origins = loader.load(resolved, ())
        loader.check_semantics(merged, origins)
    except _Stop:
        pass
    except RulePackError as err:
        message = str(err)
        prefix = f"{loader.main}: " if loader.main is not None else ""
        loader.errors.append(message[len(prefix) :] if prefix and message.startswith(prefix) else message)
    return loader.errors


# --- loading and merging -----------------------------------------------------------------


class _Stop(Exception):
    """Ends validation of a pack whose errors are already recorded (collect mode)."""


@dataclass(frozen=True, slots=True)
class _Origin:
    """Where the effective definition of a rule comes from: its file and JSON path, then overrides."""

    file: Path
    where: str  #: "rules[3]"
    patches: tuple[tuple[Path, dict[str, Any]], ...] = ()  #: (file, override options), in application order

    def locate(self, rule_id: str, parts: JsonPath) -> tuple[Path, str]:
        """File and JSON path of the option at ``parts``: the last override that set it, else the rule."""
        for file, patch in reversed(self.patches):
            if _sets(patch, parts):
                return file, f"overrides.{rule_id}.options{_suffix(parts)}"
        return self.file, f"{self.where}.options{_suffix(parts)}"


def _sets(patch: Any, parts: JsonPath) -> bool:
    """Whether deep-merging ``patch`` decides the value at ``parts`` (lists and values replace wholesale)."""
    node = patch
    for part in parts:
        if not isinstance(node, dict):
            return True
        if part not in node:
            return False
        node = node[part]
    return True


def _suffix(parts: JsonPath) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)


class _Loader:
    """Reads pack files; in ``collect`` mode gathers errors instead of raising the first batch."""

    def __init__(self, collect: bool, main: Path | None = None) -> None:
        self.collect = collect
        self.main = main
        self.errors: list[str] = []
        self.all_cached = True  #: every file read so far was found in the validation cache
        self.files: list[Path] = []  #: the pack files read, the pack's own first

    def fail(self, path: Path, messages: list[str]) -> None:
        if not messages:
            return
        if self.collect:
            prefix = "" if path == self.main else f"{path.name}: "
            self.errors.extend(prefix + m for m in messages)
            return
        more = f" (+{len(messages) - 1} more)" if len(messages) > 1 else ""
        raise RulePackError(f"{path}: {messages[0]}{more}")

    def load(self, path: Path, chain: tuple[Path, ...]) -> tuple[dict[str, Any], dict[str, _Origin]]:
        """The effective pack data for ``path`` and, per rule id, where its definition comes from."""
        if path in chain:
            cycle = " -> ".join(p.name for p in (*chain, path))
            raise RulePackError(f"{path}: extends: cycle {cycle}")
        data = self.read(path)
        origins = {r["id"]: _Origin(path, f"rules[{i}]") for i, r in enumerate(data.get("rules", [])) if _has_id(r)}
        base_ref = data.get("extends")
        if isinstance(base_ref, str):
            try:
                base_path = _resolve(base_ref, path.parent)
            except RulePackError as err:
                raise RulePackError(f"{path}: extends: {err}") from None
            base, base_origins = self.load(base_path, (*chain, path))
            data = _merge(base, data)
            origins = {**base_origins, **origins}
        self.fail(path, _override_errors(data))
        overrides = data.get("overrides") or {}
        data = _apply_overrides(data)
        for rule_id, patch in overrides.items():
            if isinstance(patch, dict) and isinstance(patch.get("options"), dict) and rule_id in origins:
                origin = origins[rule_id]
                origins[rule_id] = replace(origin, patches=(*origin.patches, (path, patch["options"])))
        self.fail(path, _overridden_option_errors(data, overrides))
        return data, origins

    def read(self, path: Path) -> dict[str, Any]:
        self.files.append(path)
        try:
            raw = path.read_bytes()
        except OSError as err:
            raise RulePackError(f"{path}: cannot read rule pack ({err.strerror or err})") from None
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except UnicodeDecodeError as err:
            raise RulePackError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from None
        except json.JSONDecodeError as err:
            raise RulePackError(f"{path}: invalid JSON at line {err.lineno} column {err.colno}: {err.msg}") from None
        if not isinstance(data, dict):
            raise RulePackError(f"{path}: (root): expected a JSON object")
        schema_problems = self.schema_errors(path, raw, data)
        self.fail(path, schema_problems)
        if schema_problems:
            raise _Stop  # collect mode: the rest cannot be checked reliably on data of the wrong shape
        self.fail(path, _duplicate_errors(data))
        return data

    def schema_errors(self, path: Path, raw: bytes, data: dict[str, Any]) -> list[str]:
        use_cache = _is_bundled(path) and not self.collect
        schema_bytes = schema_path().read_bytes()
        key = blake2b(raw + b"\0" + schema_bytes, digest_size=32).hexdigest()
        if use_cache and key in _read_cache():
            return []
        self.all_cached = False
        errors = schema_errors(data, json.loads(schema_bytes))
        if use_cache and not errors:
            _remember(key)
        return errors

    def check_semantics(self, data: dict[str, Any], origins: dict[str, _Origin]) -> None:
        """Rule types, patterns, regexes and section ids of the effective pack (patterns expanded in place)."""
        main = self.main or Path("pack")
        by_file: dict[Path, list[str]] = {}
        patterns, pattern_errors = _expand_patterns(data.get("patterns", {}))
        data["patterns"] = patterns
        top_level = pattern_errors + _structure_pattern_errors(data, patterns)
        if top_level:
            by_file.setdefault(main, []).extend(top_level)
        section_ids = {s.get("id") for s in data.get("sections", [])} | _BUILTIN_SECTION_IDS
        for rule in data.get("rules", []):
            rule_id = rule.get("id")
            origin = origins.get(rule_id) or _Origin(main, "rules[?]")
            type_error = _type_error(rule)
            if type_error:
                by_file.setdefault(origin.file, []).append(f"{origin.where}.type: {type_error}")
            options = rule.get("options", {})
            if not isinstance(options, dict):
                continue
            for parts, message in _option_errors(options, (), patterns, section_ids):
                file, where = origin.locate(str(rule_id), parts)
                by_file.setdefault(file, []).append(f"{where}: {message}")
        for file, messages in by_file.items():
            self.fail(file, messages)


def _has_id(rule: Any) -> bool:
    return isinstance(rule, dict) and isinstance(rule.get("id"), str)


def _duplicate_errors(data: dict[str, Any]) -> list[str]:
    errors: list[str] = []
    for key in ("rules", "sections"):
        seen: dict[str, int] = {}
        for i, item in enumerate(data.get(key, []) or []):
            if not _has_id(item):
                continue
            if item["id"] in seen:
                errors.append(f"{key}[{i}].id: duplicate id '{item['id']}' (also {key}[{seen[item['id']]}])")
            else:
                seen[item["id"]] = i
    return errors


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """Child over base: scalars replace, same-level headings and same-id sections/rules replace."""
    out = copy.deepcopy(base)
    for key, value in child.items():
        if key in ("headings", "sections", "rules", "patterns", "extends", "overrides"):
            continue
        out[key] = copy.deepcopy(value)
    out["headings"] = _merge_keyed(base.get("headings", []), child.get("headings", []), "level")
    out["sections"] = _merge_keyed(base.get("sections", []), child.get("sections", []), "id")
    out["rules"] = _merge_keyed(base.get("rules", []), child.get("rules", []), "id")
    out["patterns"] = {**base.get("patterns", {}), **child.get("patterns", {})}
    if "overrides" in child:
        out["overrides"] = copy.deepcopy(child["overrides"])
    else:
        out.pop("overrides", None)
    out.pop("extends", None)
    return out


def _merge_keyed(base: list[dict[str, Any]], child: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    out = [copy.deepcopy(item) for item in base]
    position = {item.get(key): i for i, item in enumerate(out)}
    for item in child:
        if item.get(key) in position:
            out[position[item.get(key)]] = copy.deepcopy(item)
        else:
            position[item.get(key)] = len(out)
            out.append(copy.deepcopy(item))
    if key == "level":
        out.sort(key=lambda item: item.get("level", 0))
    return out


def _override_errors(data: dict[str, Any]) -> list[str]:
    ids = {r.get("id") for r in data.get("rules", [])}
    return [f"overrides.{rid}: no rule with this id" for rid in data.get("overrides", {}) if rid not in ids]


def _apply_overrides(data: dict[str, Any]) -> dict[str, Any]:
    overrides = data.pop("overrides", {}) or {}
    for rule in data.get("rules", []):
        patch = overrides.get(rule.get("id"))
        if not patch:
            continue
        for key in ("severity", "enabled", "summary", "rationale"):
            if key in patch:
                rule[key] = patch[key]
        if "message" in patch:
            rule["message"] = {**rule.get("message", {}), **patch["message"]}
        if "options" in patch:
            rule["options"] = deep_merge(rule.get("options", {}), patch["options"])
    return data


def _overridden_option_errors(data: dict[str, Any], overrides: dict[str, Any]) -> list[str]:
    """Schema errors of the options the overrides leave their rules with, named after the override."""
    patched = {
        rule_id
        for rule_id, patch in overrides.items()
        if isinstance(patch, dict) and isinstance(patch.get("options"), dict)
    }
    rules = [r for r in data.get("rules", []) if _has_id(r) and r["id"] in patched]
    if not rules:
        return []
    schema = json.loads(schema_path().read_bytes())
    errors: list[str] = []
    for rule in rules:
        effective = {"type": rule.get("type"), "options": rule.get("options", {})}
        for message in schema_errors(effective, schema, ref="typed-options"):
            errors.append(f"overrides.{rule['id']}.{message}")
    return errors


def deep_merge(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """``patch`` over ``base``: nested objects merge, everything else (lists too) replaces."""
    out = copy.deepcopy(base)
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


# --- semantic checks ---------------------------------------------------------------------


def _expand_patterns(patterns: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Named patterns with ``{{name}}`` references expanded and compiled once."""
    expanded: dict[str, str] = {}
    errors: list[str] = []
    for name in patterns:
        try:
            expanded[name] = _expand(patterns[name], patterns, (name,))
        except ValueError as err:
            errors.append(f"patterns.{name}: {err}")
            continue
        error = _regex_error(expanded[name])
        if error:
            errors.append(f"patterns.{name}: invalid regex: {error}")
    return expanded, errors


def _expand(source: str, patterns: dict[str, str], chain: tuple[str, ...] = ()) -> str:
    def replace(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in chain:
            raise ValueError(f"pattern reference cycle {' -> '.join((*chain, name))}")
        if name in patterns:
            return _expand(patterns[name], patterns, (*chain, name))
        if name in BUILTIN_PATTERNS:
            return BUILTIN_PATTERNS[name]
        raise ValueError(f"unknown pattern reference {{{{{name}}}}}")

    return _PATTERN_REF.sub(replace, source)


def expand_pattern(source: str, patterns: dict[str, str]) -> str:
    """Expand ``{{name}}`` references of an inline pattern (named patterns already expanded)."""
    return _expand(source, patterns)


def _regex_error(source: str) -> str | None:
    if not _COMPILE_REGEXES.get():
        return None
    try:
        re.compile(source)
    except re.error as err:
        return str(err)
    return None


def _structure_pattern_errors(data: dict[str, Any], patterns: dict[str, str]) -> list[str]:
    """Check (and resolve in place) the ``@name`` and ``{{name}}`` references of heading and section patterns."""
    errors: list[str] = []
    for key in ("headings", "sections"):
        for i, item in enumerate(data.get(key, [])):
            if isinstance(item, dict) and isinstance(item.get("pattern"), str):
                path = f"{key}[{i}].pattern"
                resolved, item_errors = _checked_pattern(item["pattern"], (), patterns)
                if _AT_REF.match(resolved) and not item_errors:
                    resolved = patterns[resolved[1:]]  # compiled directly, not through CheckContext.pattern
                item["pattern"] = resolved
                errors.extend(f"{path}: {message}" for _, message in item_errors)
    return errors


def _is_pattern_key(key: str) -> bool:
    return key in ("pattern", "patterns") or key.endswith(("_pattern", "_patterns"))


def _is_scope_key(key: str) -> bool:
    return key == "scope" or key.endswith("_scope")


def _type_error(rule: dict[str, Any]) -> str | None:
    from docxlint.checks.base import registered_types

    known = registered_types()
    if rule.get("type") in known:
        return None
    return f"unknown rule type '{rule.get('type')}' (known: {', '.join(known)})"


Problem = tuple[JsonPath, str]  #: (JSON path relative to the options, message)


def _option_errors(
    options: dict[str, Any], where: JsonPath, patterns: dict[str, str], section_ids: set[Any], locator: bool = False
) -> list[Problem]:
    """Check (and expand in place) the regexes, ``@`` references and section ids of options.

    Section ids are the lists under ``scope``/``*_scope`` keys and under the ``section`` key of a
    locator (``locator``: ``options`` is the object under a ``table`` key).
    """
    errors: list[Problem] = []
    for key, value in options.items():
        path = (*where, key)
        if _is_pattern_key(key):
            errors.extend(_pattern_option_errors(options, key, path, patterns))
        elif (_is_scope_key(key) or (locator and key == _LOCATOR_SECTION_KEY)) and isinstance(value, list):
            errors.extend(
                ((*path, i), f"unknown section '{sid}'")
                for i, sid in enumerate(value)
                if isinstance(sid, str) and sid not in section_ids
            )
        elif isinstance(value, dict):
            errors.extend(_option_errors(value, path, patterns, section_ids, locator=key == _LOCATOR_KEY))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    errors.extend(_option_errors(item, (*path, i), patterns, section_ids))
        elif isinstance(value, str) and _AT_REF.match(value) and value[1:] not in patterns:
            errors.append((path, f"unknown pattern '{value}'"))
    return errors


def _pattern_option_errors(
    options: dict[str, Any], key: str, path: JsonPath, patterns: dict[str, str]
) -> list[Problem]:
    value = options[key]
    if isinstance(value, str):
        fixed, errors = _checked_pattern(value, path, patterns)
        options[key] = fixed
        return errors
    if isinstance(value, list):
        errors = []
        for i, item in enumerate(value):
            if isinstance(item, str):
                value[i], item_errors = _checked_pattern(item, (*path, i), patterns)
                errors.extend(item_errors)
        return errors
    if isinstance(value, dict):
        errors = []
        for name, item in value.items():
            if isinstance(item, str):
                value[name], item_errors = _checked_pattern(item, (*path, name), patterns)
                errors.extend(item_errors)
        return errors
    return []


def _checked_pattern(source: str, path: JsonPath, patterns: dict[str, str]) -> tuple[str, list[Problem]]:
    """``source`` with ``{{name}}`` expanded (an ``@name`` reference is kept), and its problems."""
    if source.startswith("@"):
        if source[1:] not in patterns:
            return source, [(path, f"unknown pattern '{source}'")]
        return source, []
    try:
        expanded = _expand(source, patterns)
    except ValueError as err:
        return source, [(path, str(err))]
    error = _regex_error(expanded)
    return expanded, ([(path, f"invalid regex: {error}")] if error else [])


# --- JSON Schema ------------------------------------------------------------------------


def schema_errors(data: Any, schema: dict[str, Any] | None = None, ref: str | None = None) -> list[str]:
    """JSON Schema errors of ``data`` as "json.path: message" lines (imports jsonschema lazily).

    ``ref``: validate against that definition of the schema's ``$defs`` instead of the whole pack.
    """
    import jsonschema

    if schema is None:
        schema = json.loads(schema_path().read_text(encoding="utf-8"))
    if ref is not None:
        schema = {"$schema": schema.get("$schema"), "$defs": schema["$defs"], "$ref": f"#/$defs/{ref}"}
    validator_cls = jsonschema.validators.validator_for(schema)
    validator = validator_cls(schema)
    lines = [line for e in _sorted(validator.iter_errors(data)) for line in _error_lines(e)]
    return list(dict.fromkeys(lines))


def _sorted(errors: Iterable[Any]) -> list[Any]:
    return sorted(errors, key=lambda e: (list(map(str, e.absolute_path)), e.message))


def _error_lines(error: Any) -> Iterator[str]:
    """The "json.path: message" lines of an error; for anyOf/oneOf, those of the alternative meant.

    The alternative meant is the first one whose type fits and whose required properties are
    there (``{"p": "x", "outline_level": 9}`` is a paragraph block with a bad level, not a string
    or a table block); when no alternative's type fits, one line lists the types accepted.
    """
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        yield f"{json_path(error.absolute_path)}: {_describe(error)}"
        return
    branches: dict[int, list[Any]] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)

    def at_root(subs: list[Any], kind: str) -> bool:
        return any(e.validator == kind and not e.relative_path for e in subs)

    fitting = [subs for subs in branches.values() if not at_root(subs, "type")]
    if not fitting:
        types = [e.validator_value for subs in branches.values() for e in subs if e.validator == "type"]
        names = [n for t in types for n in ([t] if isinstance(t, str) else t)]
        accepted = " or ".join(_TYPE_NAMES.get(n, n) for n in dict.fromkeys(names))
        yield f"{json_path(error.absolute_path)}: expected {accepted}, got {_short(error.instance)}"
        return
    complete = [subs for subs in fitting if not at_root(subs, "required")]
    for sub in _sorted((complete or fitting)[0]):
        yield from _error_lines(sub)


def json_path(parts: Any) -> str:
    """``rules[3].options.columns`` from a jsonschema path deque; "(root)" for the top."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(root)"


_TYPE_NAMES = {"object": "an object", "array": "an array", "string": "a string", "integer": "an integer",
               "number": "a number", "boolean": "true or false", "null": "null"}  # fmt: skip


def _describe(error: Any) -> str:
    kind, value, instance = error.validator, error.validator_value, error.instance
    if kind == "type":
        names = [value] if isinstance(value, str) else list(value)
        return f"expected {' or '.join(_TYPE_NAMES.get(n, n) for n in names)}, got {_short(instance)}"
    if kind == "required":
        missing = re.match(r"'([^']*)'", error.message)
        return f"missing required property '{missing.group(1) if missing else error.message}'"
    if kind == "additionalProperties":
        known = error.schema.get("properties", {})
        patterns = list(error.schema.get("patternProperties", {}))
        extra = sorted(k for k in instance if k not in known and not any(re.search(p, k) for p in patterns))
        return f"unknown propert{'y' if len(extra) == 1 else 'ies'} {', '.join(repr(e) for e in extra)}"
    if kind == "not" and value == {}:
        note = error.schema.get("description")
        return "not allowed here" + (f" ({note})" if note else "")
    if kind == "enum":
        return f"expected one of {', '.join(json.dumps(v, ensure_ascii=False) for v in value)}, got {_short(instance)}"
    if kind == "const":
        return f"expected {json.dumps(value, ensure_ascii=False)}, got {_short(instance)}"
    if kind == "pattern":
        return f"{_short(instance)} does not match {value}"
    return error.message


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "…"


# --- validation cache --------------------------------------------------------------------


def _cache_file() -> Path:
    return regex_cache.cache_dir() / _CACHE_FILE


def _read_cache() -> list[str]:
    if regex_cache.caching_disabled():
        return []
    try:
        data = json.loads(_cache_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [k for k in data if isinstance(k, str)] if isinstance(data, list) else []


def _remember(key: str) -> None:
    """Add a validated pack hash to the cache; silently give up when the cache is not writable."""
    if regex_cache.caching_disabled():
        return
    keys = [k for k in _read_cache() if k != key][-(_CACHE_LIMIT - 1) :] + [key]
    target = _cache_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(keys), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        return


# --- loaded packs ------------------------------------------------------------------------
#
# The bundled pack is a 570 kB JSON file: parsing it and checking its options again costs about a
# twentieth of a whole ``docxlint check``. Once it has loaded without error, its effective data
# (patterns expanded, examples left out) is kept in a marshal file, under a key made of the pack's
# bytes, the schema's, and the size and modification time of every module of docxlint (what
# expands and checks the pack: ``{{number}}``, the registered rule types…); a pack that extends
# another is not kept. Entries of other versions of the pack or of docxlint stay, up to a few.

_LOADED_FORMAT = 2
_LOADED_LIMIT = 4  #: entries kept (installs of docxlint sharing a cache folder, edits of the pack)


def _loaded_pack_key(path: Path) -> str | None:
    """The cache key of a bundled pack file as it is now; None when it is not cached (user packs)."""
    if regex_cache.caching_disabled() or not _is_bundled(path):
        return None
    try:
        digest = blake2b(path.read_bytes(), digest_size=32)
        digest.update(schema_path().read_bytes())
        digest.update(_code_stamp().encode())
    except OSError:
        return None
    return digest.hexdigest()


def _code_stamp() -> str:
    """Name, size and modification time of every module of the docxlint package (one ``stat`` each)."""
    root = Path(__file__).resolve().parent
    found: list[str] = []
    folders = [root]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir() and entry.name != "__pycache__":
                    folders.append(Path(entry.path))
                elif entry.name.endswith(".py"):
                    stat = entry.stat()
                    found.append(f"{os.path.relpath(entry.path, root)}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(sorted(found))


def _loaded_store() -> tuple[Path, tuple[int, str]]:
    import sys

    path = regex_cache.cache_dir() / f"loaded-packs-{sys.implementation.cache_tag}.marshal"
    return path, (_LOADED_FORMAT, sys.version)


def _loaded_packs() -> dict[str, Any]:
    path, key = _loaded_store()
    return regex_cache.read_store(path, key)


def _remember_loaded_pack(key: str, data: dict[str, Any]) -> None:
    path, store_key = _loaded_store()
    kept = {k: v for k, v in _loaded_packs().items() if k != key}
    kept = dict(list(kept.items())[-(_LOADED_LIMIT - 1) :])
    kept[key] = data
    regex_cache.write_store(path, store_key, kept)


# --- building the objects ---------------------------------------------------------------


def _build(data: dict[str, Any], path: Path) -> RulePack:
    return RulePack(
        id=data["id"],
        title=data.get("title", data["id"]),
        version=data.get("version", "0"),
        language=data.get("language", "zh"),
        path=path,
        headings=[_heading(h) for h in data.get("headings", [])],
        sections=[_section(s, i) for i, s in enumerate(data.get("sections", []))],
        patterns=dict(data.get("patterns", {})),
        rules=[_rule(r) for r in data.get("rules", [])],
        raw=data,
    )


def _heading(item: dict[str, Any]) -> HeadingLevel:
    return HeadingLevel(
        level=item["level"],
        pattern=regex_cache.compile(item["pattern"]) if item.get("pattern") else None,
        styles=tuple(item.get("styles", ())),
        outline_levels=tuple(item.get("outline_levels", ())),
        max_length=item.get("max_length"),
    )


def _section(item: dict[str, Any], index: int) -> SectionDef:
    return SectionDef(
        id=item["id"],
        title=item["title"],
        aliases=tuple(item.get("aliases", ())),
        pattern=regex_cache.compile(item["pattern"]) if item.get("pattern") else None,
        required=item.get("required", True),
        order=item.get("order", index + 1),
        level=item.get("level", 1),
    )


def _rule(item: dict[str, Any]) -> Rule:
    return Rule(
        id=item["id"],
        type=item["type"],
        severity=Severity.parse(item.get("severity", "warning")),
        messages=dict(item.get("message", {})),
        options=item.get("options", {}),
        summary=item.get("summary", ""),
        rationale=item.get("rationale", ""),
        examples=item.get("examples", {}),
        enabled=item.get("enabled", True),
    )
