"""Rule packs: the bundled pack, schema and semantic errors, extends/overrides, the validation cache."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from docxlint import rulepack
from docxlint.checks.base import registered_types
from docxlint.errors import RulePackError
from docxlint.findings import Severity
from docxlint.rulepack import bundled_pack_path, load_pack, schema_path, validate_pack

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    return cache


def minimal() -> dict[str, Any]:
    return {
        "id": "mini",
        "title": "Mini",
        "version": "1.0.0",
        "language": "zh",
        "sections": [{"id": "problems", "title": "存在的主要问题及改进情况"}],
        "patterns": {"none": "^无$"},
        "rules": [
            {
                "id": "r1",
                "type": "pattern",
                "severity": "error",
                "message": {"zh": "不得为“无”", "en": "must not be 无"},
                "options": {"pattern": "@none", "mode": "forbid", "scope": ["problems"]},
            }
        ],
    }


def write(path: Path, data: dict[str, Any] | str) -> Path:
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# --- the bundled pack ------------------------------------------------------------------


def test_bundled_pack_loads_and_validates() -> None:
    pack = load_pack()
    assert pack.id == "gov-info-disclosure-annual-report"
    assert pack.path == bundled_pack_path().resolve()
    assert validate_pack(bundled_pack_path()) == []
    assert [s.id for s in pack.sections] == [
        "overview", "active-disclosure", "applications", "review-litigation", "problems", "other-matters",
    ]  # fmt: skip
    assert [h.level for h in pack.headings] == [1, 2]
    assert all(h.pattern is not None for h in pack.headings)
    assert {r.type for r in pack.rules} <= set(registered_types())
    assert load_pack("gov-info-disclosure-annual-report").id == pack.id


def test_every_bundled_rule_is_documented() -> None:
    for rule in load_pack().rules:
        assert rule.summary and rule.rationale, rule.id
        assert set(rule.messages) >= {"zh", "en"}, rule.id
        for kind_messages in (rule.options.get("messages") or {}).values():
            assert set(kind_messages) >= {"zh", "en"}, rule.id
        assert rule.examples.get("flag") and rule.examples.get("pass"), rule.id


def test_pack_patterns_are_expanded() -> None:
    pack = load_pack()
    assert "{{" not in pack.patterns["report-title"]
    assert all("{{" not in str(r.options) for r in pack.rules)


# --- errors: each names the file and the JSON path -------------------------------------------


def _set(path: list[Any], value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def _delete(path: list[Any]) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return mutate


def _duplicate_rule(data: dict[str, Any]) -> None:
    data["rules"].append(copy.deepcopy(data["rules"][0]))


ERROR_CASES = [
    (_set(["rules", 0, "severity"], "fatal"), 'rules[0].severity: expected one of "error", "warning", "info"'),
    (_delete(["rules", 0, "options", "mode"]), "rules[0].options: missing required property 'mode'"),
    (_set(["rules", 0, "options", "where"], "everywhere"), "rules[0].options.where: expected one of"),
    (_set(["rules", 0, "options", "scope"], "problems"), "rules[0].options.scope: expected an array"),
    (_set(["rules", 0, "colour"], "red"), "rules[0]: unknown property 'colour'"),
    (_delete(["rules", 0, "message"]), "rules[0]: missing required property 'message'"),
    (_set(["rules", 0, "id"], "Rule One"), 'rules[0].id: "Rule One" does not match'),
    (_delete(["version"]), "(root): missing required property 'version'"),
    (_set(["rules", 0, "examples"], {"flag": [{"blocks": [7]}]}), "rules[0].examples.flag[0].blocks[0]: expected"),
    (_set(["rules", 0, "type"], "nonsense"), "rules[0].type: unknown rule type 'nonsense'"),
    (_set(["rules", 0, "options", "pattern"], "(unclosed"), "rules[0].options.pattern: invalid regex"),
    (_set(["patterns", "none"], "[z-a]"), "patterns.none: invalid regex"),
    (_set(["rules", 0, "options", "pattern"], "@nope"), "rules[0].options.pattern: unknown pattern '@nope'"),
    (
        _set(["rules", 0, "options", "pattern"], "{{nope}}件"),
        "rules[0].options.pattern: unknown pattern reference {{nope}}",
    ),
    (_set(["patterns", "none"], "{{none}}"), "patterns.none: pattern reference cycle none -> none"),
    (_duplicate_rule, "rules[1].id: duplicate id 'r1' (also rules[0])"),
    (_set(["rules", 0, "options", "scope"], ["nowhere"]), "rules[0].options.scope[0]: unknown section 'nowhere'"),
    (_set(["overrides"], {"ghost": {"enabled": False}}), "overrides.ghost: no rule with this id"),
    (_set(["headings"], [{"level": 1, "pattern": "("}]), "headings[0].pattern: invalid regex"),
    (_set(["rules", 0, "options", "window"], 5), "rules[0].options: unknown property 'window'"),
    (_set(["rules", 0, "tags"], ["structure"]), "rules[0]: unknown property 'tags'"),
    (
        _set(["rules", 0, "examples"], {"flag": [{"blocks": [{"p": "一、总体情况", "outline_level": 9}]}]}),
        "rules[0].examples.flag[0].blocks[0].outline_level: 9 is greater than the maximum of 8",
    ),
    (_set(["headings"], [{"level": 1, "pattern": "^{{nope}}、"}]), "headings[0].pattern: unknown pattern reference"),
    (_set(["sections", 0, "pattern"], "@nope"), "sections[0].pattern: unknown pattern '@nope'"),
]


@pytest.mark.parametrize(("mutate", "message"), ERROR_CASES, ids=[m for _, m in ERROR_CASES])
def test_error_names_the_json_path(tmp_path: Path, mutate: Callable[[dict[str, Any]], None], message: str) -> None:
    data = minimal()
    mutate(data)
    path = write(tmp_path / "pack.json", data)
    errors = validate_pack(path)
    assert any(message in e for e in errors), errors
    with pytest.raises(RulePackError) as raised:
        load_pack(path)
    assert str(path) in str(raised.value)


def test_option_types_are_checked_per_rule_type(tmp_path: Path) -> None:
    data = minimal()
    data["rules"].append(
        {"id": "p", "type": "period", "severity": "error", "message": {"en": "x"}, "options": {"window": "wide"}}
    )
    errors = validate_pack(write(tmp_path / "pack.json", data))
    assert errors == ['rules[1].options.window: expected an integer, got "wide"']


def test_regexes_inside_lists_of_option_objects_are_checked(tmp_path: Path) -> None:
    data = minimal()
    data["rules"].append(
        {
            "id": "d",
            "type": "deadline",
            "severity": "error",
            "message": {"en": "x"},
            "options": {"title_deadlines": [{"pattern": "人民政府(", "month": 3}]},
        }
    )
    errors = validate_pack(write(tmp_path / "pack.json", data))
    assert len(errors) == 1 and errors[0].startswith("rules[1].options.title_deadlines[0].pattern: invalid regex")


# --- option schemas per rule type ---------------------------------------------------------


def _rule(rule_type: str, options: dict[str, Any], rule_id: str = "x") -> dict[str, Any]:
    return {"id": rule_id, "type": rule_type, "severity": "warning", "message": {"en": "x"}, "options": options}


def _validate_with(tmp_path: Path, *rules: dict[str, Any]) -> list[str]:
    data = minimal()
    data["rules"].extend(rules)
    return validate_pack(write(tmp_path / "pack.json", data))


def test_every_rule_type_has_a_closed_option_schema() -> None:
    defs = json.loads(schema_path().read_text(encoding="utf-8"))["$defs"]
    typed = {branch["if"]["properties"]["type"]["const"]: branch["then"] for branch in defs["typed-options"]["allOf"]}
    assert set(typed) == set(registered_types())
    for rule_type, then in typed.items():
        ref = then["properties"]["options"]["$ref"]
        assert ref == f"#/$defs/options-{rule_type}"
        assert defs[f"options-{rule_type}"]["additionalProperties"] is False, rule_type


LOCATOR = {"header": ["自然人", "商业企业"], "contains": ["总计"], "section": ["problems"]}
ROW_SUM = {"check": "row_sum", "total": "总计", "parts": ["自然人", "商业企业"]}
COLUMN_SUM = {"check": "column_sum", "total": "（七）总计", "parts": ["（一）予以公开", "（三）不予公开/*"]}


def test_every_option_the_checks_read_is_accepted(tmp_path: Path) -> None:
    cell = {
        "cell": {"table": LOCATOR, "rows": ["本年新收政府信息公开申请数量"], "col": "总计"},
        "label": {"zh": "表三", "en": "table 3"},
    }
    rules = [
        _rule("sum", {"total_pattern": "(?P<total>{{number}})(?P<unit>件)其中", "opener_pattern": "其中|包括",
                      "exhaustive_pattern": "其他|其余", "partial_coverage": 0.8, "min_parts": 2, "where": "all"}, "s"),
        _rule("share", {"share_pattern": "(?P<n>{{number}})(?P<unit>件)，占(?P<pct>[0-9.]+)%", "count_pattern": "@none",
                        "min_shares": 1, "scope": ["problems"], "where": "paragraphs", "denominators": [cell]}, "sh"),
        _rule("consistency", {"facts": [{
            "name": "proposals", "key_aliases": {"委员提案": "政协提案"},
            "sources": [{"pattern": "(?P<key_year>20[0-9]{2}年)?(?P<key>提案)(?P<n>{{number}})件", "scope": ["problems"],
                         "year_group": "key_year"},
                        {"pattern": "未收到提案", "value": 0},
                        cell,
                        {"any_of": [cell, {"cell": {"cols": ["自然人", "总计"]}}]}]}]}, "c"),
        _rule("table", {"table": LOCATOR, "required": True,
                        "checks": [{**ROW_SUM, "rows": ["（一）予以公开"], "groups": ["行政复议"], "blame": [COLUMN_SUM]},
                                   {**COLUMN_SUM, "columns": ["自然人"], "blame": [ROW_SUM]},
                                   {"check": "equation", "axis": "column", "lhs": ["本年新收政府信息公开申请数量"],
                                    "rhs": ["（七）总计"], "anchor": ["（七）总计"], "blame": [ROW_SUM], "columns": ["总计"]},
                                   {"check": "equation", "axis": "row", "lhs": ["总计"], "rhs": ["自然人"], "rows": ["（七）总计"]},
                                   {"check": "numeric", "rows": ["规章"], "columns": ["本年制发件数"], "infer": [ROW_SUM, COLUMN_SUM]}],
                        "messages": {"missing_table": {"zh": "缺表", "en": "missing table"}}}, "t"),
        _rule("template", {"from_year": 2021, "messages": {"legacy": {"en": "a"}, "missing": {"en": "b"}, "renamed": {"en": "c"}},
                           "tables": [{"name": {"zh": "表二", "en": "Table 2"}, "table": {"contains": ["信息内容"]},
                                       "labels": ["信息内容"], "rows": ["（三）不予公开/1.属于国家秘密"], "columns": ["行政复议/总计"],
                                       "legacy_labels": {"本年新制作数量": "本年制发件数", "政府集中采购": None},
                                       "legacy_leaf_rows": ["（六）其他处理"]},
                                      {"name": "表四", "legacy_labels": ["本年增／减"]}]}, "tp"),
    ]  # fmt: skip
    assert _validate_with(tmp_path, *rules) == []


MISSPELT = [
    (_rule("sum", {"partial_coverag": 0.5}), "rules[1].options: unknown property 'partial_coverag'"),
    (_rule("sum", {"partial_coverage": 2}), "rules[1].options.partial_coverage: 2 is greater than the maximum of 1"),
    (_rule("share", {"min_share": 2}), "rules[1].options: unknown property 'min_share'"),
    (_rule("share", {"denominators": [{"cell": {"row": "a"}}]}), "rules[1].options.denominators[0].cell: missing required property 'col'"),
    (_rule("table", {"tabel": LOCATOR}), "rules[1].options: unknown property 'tabel'"),
    (_rule("table", {"table": {"headers": ["总计"]}}), "rules[1].options.table: unknown property 'headers'"),
    (_rule("table", {"checks": [{**ROW_SUM, "check": "row_total"}]}),
     'rules[1].options.checks[0].check: expected one of "row_sum", "column_sum", "equation", "numeric", got "row_total"'),
    (_rule("table", {"checks": [{"check": "row_sum", "total": "总计", "part": ["自然人"]}]}),
     "rules[1].options.checks[0]: unknown property 'part'"),
    (_rule("table", {"checks": [{**COLUMN_SUM, "rows": ["规章"]}]}), "rules[1].options.checks[0]: unknown property 'rows'"),
    (_rule("table", {"checks": [{"check": "equation", "lhs": ["a"], "rhs": ["b"], "rows": ["c"]}]}),
     "rules[1].options.checks[0].rows: not allowed here"),
    (_rule("table", {"checks": [{"check": "numeric", "infer": [{"check": "numeric"}]}]}),
     'rules[1].options.checks[0].infer[0].check: expected one of "row_sum", "column_sum", "equation", got "numeric"'),
    (_rule("table", {"messages": {"missing-table": {"en": "x"}}}), "rules[1].options.messages: unknown property 'missing-table'"),
    (_rule("template", {"tables": [{"legacy_label": {}}]}), "rules[1].options.tables[0]: unknown property 'legacy_label'"),
    (_rule("template", {"from_year": "2021"}), 'rules[1].options.from_year: expected an integer, got "2021"'),
    (_rule("template", {"tables": [{"legacy_labels": {"本年增／减": 3}}]}),
     "rules[1].options.tables[0].legacy_labels.本年增／减: expected a string or null, got 3"),
    (_rule("consistency", {"fact": []}), "rules[1].options: unknown property 'fact'"),
    (_rule("consistency", {"facts": [{"name": "f", "sources": [{"patern": "x"}]}]}),
     "rules[1].options.facts[0].sources[0]: unknown property 'patern'"),
    (_rule("consistency", {"facts": [{"name": "f", "key_alias": {}, "sources": [{"pattern": "x"}]}]}),
     "rules[1].options.facts[0]: unknown property 'key_alias'"),
    (_rule("consistency", {"facts": [{"name": "f", "sources": [{"cell": {"col": "总计"}, "lable": {"zh": "表"}}]}]}),
     "rules[1].options.facts[0].sources[0]: unknown property 'lable'"),
    (_rule("period", {"messages": {"worng": {"en": "x"}}}), "rules[1].options.messages: unknown property 'worng'"),
    (_rule("contact", {"items": {"fax": {"zh": "传真", "en": "fax"}, "phone": {"zh": "电话", "en": "phone"}}}),
     "rules[1].options.items: unknown property 'fax'"),
]  # fmt: skip


@pytest.mark.parametrize(("rule", "message"), MISSPELT, ids=[m for _, m in MISSPELT])
def test_misspelt_options_fail_at_load_time(tmp_path: Path, rule: dict[str, Any], message: str) -> None:
    errors = _validate_with(tmp_path, rule)
    assert any(e.startswith(message) for e in errors), errors
    with pytest.raises(RulePackError, match="rules\\[1\\]"):
        load_pack(tmp_path / "pack.json")


def test_section_ids_of_table_locators_are_checked(tmp_path: Path) -> None:
    def locator(section: str) -> dict[str, Any]:
        return {"contains": ["总计"], "section": [section, "problems", "front-matter", "document"]}

    errors = _validate_with(
        tmp_path,
        _rule("table", {"table": locator("applicatons"), "checks": [ROW_SUM]}, "t"),
        _rule("template", {"tables": [{"table": locator("active")}]}, "tp"),
        _rule(
            "consistency",
            {"facts": [{"name": "f", "sources": [{"cell": {"table": locator("tbl"), "col": "总计"}}]}]},
            "c",
        ),
        _rule("share", {"denominators": [{"cell": {"table": locator("share"), "col": "总计"}}]}, "sh"),
    )
    assert errors == [
        "rules[1].options.table.section[0]: unknown section 'applicatons'",
        "rules[2].options.tables[0].table.section[0]: unknown section 'active'",
        "rules[3].options.facts[0].sources[0].cell.table.section[0]: unknown section 'tbl'",
        "rules[4].options.denominators[0].cell.table.section[0]: unknown section 'share'",
    ]


def test_heading_and_section_patterns_embed_named_patterns(tmp_path: Path) -> None:
    data = minimal()
    data["patterns"].update({"cn": "[一二三四五六七八九十]+", "fix": "(?:改进|整改)"})
    data["headings"] = [{"level": 1, "pattern": "^{{cn}}、"}, {"level": 2, "pattern": "@cn"}]
    data["sections"][0]["pattern"] = "问题.{0,8}{{fix}}"
    pack = load_pack(write(tmp_path / "pack.json", data))
    assert pack.headings[0].pattern is not None and pack.headings[0].pattern.pattern == "^[一二三四五六七八九十]+、"
    assert pack.headings[1].pattern is not None and pack.headings[1].pattern.pattern == "[一二三四五六七八九十]+"
    problems = pack.section_def("problems")
    assert problems is not None and problems.pattern is not None
    assert problems.pattern.search("存在的问题及整改情况")


def test_missing_file_and_bad_json(tmp_path: Path) -> None:
    with pytest.raises(RulePackError, match="rule pack not found"):
        load_pack(tmp_path / "absent.json")
    bad = write(tmp_path / "bad.json", '{\n  "id": "x",\n  "rules": [,]\n}')
    with pytest.raises(RulePackError, match=r"bad\.json: invalid JSON at line 3 column 13"):
        load_pack(bad)
    assert validate_pack(bad) == ["invalid JSON at line 3 column 13: Expecting value"]


def test_validate_collects_every_error_and_load_counts_the_rest(tmp_path: Path) -> None:
    data = minimal()
    data["rules"][0]["severity"] = "fatal"
    data["rules"][0]["colour"] = "red"
    path = write(tmp_path / "pack.json", data)
    assert len(validate_pack(path)) == 2
    with pytest.raises(RulePackError, match=r"\(\+1 more\)"):
        load_pack(path)


# --- extends and overrides ----------------------------------------------------------------


def test_extends_the_bundled_pack_with_replacements_and_overrides(tmp_path: Path) -> None:
    base = load_pack()
    child = {
        "id": "my-agency",
        "extends": "gov-info-disclosure-annual-report",
        "patterns": {"late-words": "逾期"},
        "rules": [
            {**_raw_rule(base, "text-sum"), "severity": "warning"},
            {
                "id": "no-late",
                "type": "pattern",
                "severity": "info",
                "message": {"zh": "逾期", "en": "late"},
                "options": {"pattern": "@late-words", "mode": "forbid"},
            },
        ],  # fmt: skip
        "overrides": {
            "fee-statement": {"enabled": False},
            "contact-details": {"severity": "error", "options": {"items": {"email": {"required": False}}}},
            "publication-deadline": {"options": {"month": 1, "day": 28}},
        },
    }
    pack = load_pack(write(tmp_path / "child.json", child))
    assert pack.id == "my-agency" and pack.title == base.title
    assert [r.id for r in pack.rules] == [r.id for r in base.rules] + ["no-late"]
    assert pack.rule("text-sum").severity == Severity.WARNING
    assert not pack.rule("fee-statement").enabled and pack.rule("fee-statement") not in pack.enabled_rules()
    contact = pack.rule("contact-details")
    assert contact.severity == Severity.ERROR
    assert contact.options["items"]["email"] == {"zh": "电子邮箱", "en": "e-mail", "required": False}
    assert contact.options["items"]["phone"] == base.rule("contact-details").options["items"]["phone"]
    assert pack.rule("publication-deadline").options["day"] == 28
    assert pack.patterns["late-words"] == "逾期" and pack.patterns["year"] == base.patterns["year"]
    assert [s.id for s in pack.sections] == [s.id for s in base.sections]
    assert base.rule("fee-statement").enabled  # the base pack object is untouched


def _raw_rule(pack: Any, rule_id: str) -> dict[str, Any]:
    return copy.deepcopy(next(r for r in pack.raw["rules"] if r["id"] == rule_id))


def test_override_options_are_validated_against_the_rule_type(tmp_path: Path) -> None:
    child = {
        "id": "my-bureau",
        "extends": "gov-info-disclosure-annual-report",
        "overrides": {"publication-deadline": {"options": {"dayy": 28, "month": 13}}},
    }
    path = write(tmp_path / "child.json", child)
    assert validate_pack(path) == [
        "overrides.publication-deadline.options: unknown property 'dayy'",
        "overrides.publication-deadline.options.month: 13 is greater than the maximum of 12",
    ]
    with pytest.raises(RulePackError, match=r"child\.json: overrides\.publication-deadline\.options"):
        load_pack(path)


def test_override_regexes_and_sections_are_named_after_the_override(tmp_path: Path) -> None:
    base = minimal()
    base["rules"][0]["options"]["expected"] = "@nope"
    write(tmp_path / "base.json", base)
    child = {
        "id": "child",
        "extends": "base.json",
        "overrides": {"r1": {"options": {"pattern": "(", "scope": ["nowhere"]}}},
    }
    assert validate_pack(write(tmp_path / "child.json", child)) == [
        "overrides.r1.options.pattern: invalid regex: missing ), unterminated subpattern at position 0",
        "overrides.r1.options.scope[0]: unknown section 'nowhere'",
        "base.json: rules[0].options.expected: unknown pattern '@nope'",  # left alone by the override
    ]


def test_extends_relative_path_and_section_replacement(tmp_path: Path) -> None:
    (tmp_path / "base").mkdir()
    write(tmp_path / "base" / "base.json", minimal())
    child = {
        "id": "child",
        "extends": "base/base.json",
        "sections": [{"id": "problems", "title": "问题及整改", "aliases": ["存在的问题"]}],
        "headings": [{"level": 1, "pattern": "^第[一二三四五六七八九十]+部分"}],
    }
    pack = load_pack(write(tmp_path / "child.json", child))
    assert pack.section_def("problems") is not None and pack.section_def("problems").title == "问题及整改"
    assert pack.headings[0].pattern is not None and pack.headings[0].pattern.pattern.startswith("^第")
    assert [r.id for r in pack.rules] == ["r1"]


def test_extends_cycle_and_missing_base(tmp_path: Path) -> None:
    write(tmp_path / "a.json", {"id": "a", "extends": "b.json"})
    write(tmp_path / "b.json", {"id": "b", "extends": "a.json"})
    with pytest.raises(RulePackError, match=r"extends: cycle a\.json -> b\.json -> a\.json"):
        load_pack(tmp_path / "a.json")
    write(tmp_path / "c.json", {"id": "c", "extends": "nowhere.json"})
    with pytest.raises(RulePackError, match=r"c\.json: extends: .*nowhere\.json: rule pack not found"):
        load_pack(tmp_path / "c.json")


def test_error_in_a_base_names_the_base(tmp_path: Path) -> None:
    base = minimal()
    base["rules"][0]["options"]["pattern"] = "(unclosed"
    write(tmp_path / "base.json", base)
    child = write(tmp_path / "child.json", {"id": "child", "extends": "base.json"})
    assert validate_pack(child) == [
        "base.json: rules[0].options.pattern: invalid regex: missing ), unterminated subpattern at position 0"
    ]


# --- the validation cache ------------------------------------------------------------------


def _cache_file(cache: Path) -> Path:
    return cache / "docxlint" / "validated-packs.json"


def test_bundled_pack_validation_is_remembered(_private_cache: Path) -> None:
    load_pack()
    keys = json.loads(_cache_file(_private_cache).read_text())
    assert len(keys) == 1 and len(keys[0]) == 64
    code = "import sys; from docxlint.rulepack import load_pack; load_pack(); print('jsonschema' in sys.modules)"
    env = {"XDG_CACHE_HOME": str(_private_cache), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True, cwd=REPO)
    assert out.stdout.strip() == "False"


def test_changed_bundled_pack_is_validated_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    monkeypatch.setattr("docxlint.rulepack._rules_dir", lambda: rules)
    assert load_pack().id == "gov-info-disclosure-annual-report"
    pack_file = rules / "gov-info-disclosure-annual-report.json"
    data = json.loads(pack_file.read_text(encoding="utf-8"))
    data["rules"][0]["severity"] = "fatal"
    write(pack_file, data)
    with pytest.raises(RulePackError, match=r"rules\[0\]\.severity"):
        load_pack()


def test_unwritable_cache_still_validates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert load_pack().id == "gov-info-disclosure-annual-report"


def test_user_packs_are_validated_on_every_load(tmp_path: Path) -> None:
    path = write(tmp_path / "pack.json", minimal())
    assert load_pack(path).id == "mini"
    data = minimal()
    data["rules"][0]["severity"] = "fatal"
    write(path, data)
    with pytest.raises(RulePackError, match="severity"):
        load_pack(path)


def test_cached_bundled_pack_does_not_recompile_its_regexes(
    _private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_pack(None)  # validates and remembers the bundled pack
    compiled: list[str] = []
    real_compile = rulepack.re.compile
    monkeypatch.setattr(rulepack.re, "compile", lambda source, *a: compiled.append(source) or real_compile(source, *a))
    pack = load_pack(None)
    cached = len(compiled)  # only the heading and section patterns the model needs
    user = _private_cache.parent / "user.json"
    user.write_text(json.dumps({**json.loads(bundled_pack_path().read_text(encoding="utf-8")), "id": "user-pack"}))
    compiled.clear()
    load_pack(user)  # a user pack is always checked: every option regex is compiled
    assert cached <= len(pack.headings) + len(pack.sections) < len(compiled)


# --- the cache of loaded packs -------------------------------------------------------------


def _loaded_cache(cache: Path) -> Path:
    return cache / "docxlint" / f"loaded-packs-{sys.implementation.cache_tag}.marshal"


def _rules_as_loaded(pack: rulepack.RulePack) -> list[tuple[object, ...]]:
    return [(r.id, r.type, r.severity, r.messages, r.options, r.enabled) for r in pack.rules]


def test_checking_loads_the_unchanged_bundled_pack_from_the_cache(_private_cache: Path) -> None:
    fresh = load_pack(None, with_examples=False)
    assert _loaded_cache(_private_cache).exists()
    calls: list[Path] = []
    real_read = rulepack._Loader.read
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(rulepack._Loader, "read", lambda self, path: calls.append(path) or real_read(self, path))
        cached = load_pack(None, with_examples=False)
    assert calls == []  # neither parsed nor checked again
    assert _rules_as_loaded(cached) == _rules_as_loaded(fresh)
    assert cached.patterns == fresh.patterns and [s.id for s in cached.sections] == [s.id for s in fresh.sections]
    assert not any(r.examples for r in cached.rules)
    with_examples = load_pack(None)  # `rules test` needs them: never from this cache
    assert _rules_as_loaded(with_examples) == _rules_as_loaded(fresh)
    assert sum(bool(r.examples) for r in with_examples.rules) > len(with_examples.rules) // 2


def test_changed_bundled_pack_is_not_taken_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    monkeypatch.setattr("docxlint.rulepack._rules_dir", lambda: rules)
    assert load_pack(with_examples=False).rules[0].severity != Severity.INFO
    pack_file = rules / "gov-info-disclosure-annual-report.json"
    data = json.loads(pack_file.read_text(encoding="utf-8"))
    data["rules"][0]["severity"] = "info"
    write(pack_file, data)
    assert load_pack(with_examples=False).rules[0].severity == Severity.INFO
    data["rules"][0]["severity"] = "fatal"
    write(pack_file, data)
    with pytest.raises(RulePackError, match=r"rules\[0\]\.severity"):
        load_pack(with_examples=False)


def test_a_damaged_cache_of_loaded_packs_is_ignored(_private_cache: Path) -> None:
    fresh = load_pack(None, with_examples=False)
    _loaded_cache(_private_cache).write_bytes(b"\xe3not marshal")
    assert _rules_as_loaded(load_pack(None, with_examples=False)) == _rules_as_loaded(fresh)


def test_a_changed_docxlint_module_is_a_new_key_of_loaded_packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What expands and checks the pack is code ({{number}}, the rule types): a changed module loads afresh."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    stamp = rulepack._code_stamp()
    assert "extract.py:" in stamp and "checks/consistency.py:" in stamp.replace(os.sep, "/")
    before = rulepack._loaded_pack_key(bundled_pack_path())
    monkeypatch.setattr(rulepack, "_code_stamp", lambda: "extract.py:1:2")
    assert before is not None and rulepack._loaded_pack_key(bundled_pack_path()) not in (None, before)


def test_a_malformed_entry_of_loaded_packs_is_loaded_afresh(_private_cache: Path) -> None:
    fresh = load_pack(None, with_examples=False)
    key = rulepack._loaded_pack_key(bundled_pack_path())
    path, store_key = rulepack._loaded_store()
    rulepack.regex_cache.write_store(path, store_key, {key: {"rules": [{"id": "x"}]}})  # no "id" at the top
    assert _rules_as_loaded(load_pack(None, with_examples=False)) == _rules_as_loaded(fresh)
