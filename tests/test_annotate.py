"""The annotator: each finding becomes one Word comment on exactly its text, nothing else changes."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest
from docx2python import docx2python
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from docxlint.annotate import annotate, annotate_in_place
from docxlint.docx import read_document
from docxlint.docx.xmlparse import W
from docxlint.errors import DocxlintError, InputError
from docxlint.findings import ANCHOR_CELL, ANCHOR_MISSING, Finding, Severity
from docxlint.model import Location
from fixtures.wordxml import W_NS, esc, make_docx, para, run, simple_para
from tests.test_annotate_support import (
    CHINESE_NUMBERING,
    DEL,
    HUMAN_RANGE,
    INS,
    LINK,
    NUMBERED,
    W14_NS,
    anchored_texts,
    assert_annotated,
    assert_untouched_parts,
    comment_for,
    comments,
    finding_at,
    finding_on,
    paragraph_with,
    read_part,
    table,
    with_human_comment,
)
from tests.test_annotate_support import build_docx as build

NOW = datetime(2024, 2, 1, 9, 30, tzinfo=timezone.utc)


def run_annotate(src: Path, findings: list[Finding], name: str = "out.docx", **kw) -> tuple[Path, object]:
    out = src.with_name(name)
    doc = read_document(src)
    result = annotate(src, doc, findings, out, now=NOW, **kw)
    return out, result


# -- anchoring on exactly the span ------------------------------------------------------


def test_span_inside_one_run_splits_it_and_keeps_formatting(tmp_path: Path) -> None:
    src = build(tmp_path, simple_para("本年共收到政府信息公开申请31件。", rpr='<w:b/><w:sz w:val="32"/>'))
    doc = read_document(src)
    findings = [finding_on(doc, "31件", "数字不一致", expected="30")]
    out = tmp_path / "out.docx"
    result = annotate(src, doc, findings, out, now=NOW)
    assert (result.comments_added, result.comments_replaced, result.unanchored) == (1, 0, [])
    assert_annotated(src, out, doc, findings)
    root = etree.fromstring(read_part(out, "word/document.xml"))
    runs = [r for r in root.iter(W + "r") if r.find(W + "t") is not None]
    assert ["".join(r.itertext()) for r in runs] == ["本年共收到政府信息公开申请", "31件", "。"]
    assert all(r.find(f"{W}rPr/{W}b") is not None and r.find(f"{W}rPr/{W}sz").get(W + "val") == "32" for r in runs)


def test_span_across_split_runs(tmp_path: Path) -> None:
    body = para(run("共收到") + run("申请") + run("3") + run("1件") + run("，办结30件。"))
    src = build(tmp_path, body)
    doc = read_document(src)
    findings = [finding_on(doc, "申请31件", "跨运行"), finding_on(doc, "31", "两个运行")]
    out, _ = run_annotate(src, findings)
    assert_annotated(src, out, doc, findings)


def test_span_starting_inside_a_run_and_ending_inside_another(tmp_path: Path) -> None:
    src = build(tmp_path, para(run("ab", "<w:i/>") + run("cd") + run("ef", '<w:u w:val="single"/>')))
    doc = read_document(src)
    findings = [finding_on(doc, "bcde", "中间")]
    out, _ = run_annotate(src, findings)
    assert_annotated(src, out, doc, findings)
    root = etree.fromstring(read_part(out, "word/document.xml"))
    p = root.find(f"{W}body/{W}p")
    kinds = [etree.QName(c).localname + (":" + "".join(c.itertext()) if c.tag == W + "r" else "") for c in p]
    assert kinds[:5] == ["r:a", "commentRangeStart", "r:b", "r:cd", "r:e"]
    assert kinds[5:8] == ["commentRangeEnd", "r:", "r:f"]


def test_span_inside_a_hyperlink_keeps_markers_in_the_link(tmp_path: Path) -> None:
    body = para(run("网址：") + LINK.format(run("www.gov.cn/zhengce") + run("/index.htm")) + run("。"))
    src = build(tmp_path, body)
    doc = read_document(src)
    findings = [finding_on(doc, "gov.cn/zheng", "链接内"), finding_on(doc, "/zhengce/index", "链接内两运行")]
    out, _ = run_annotate(src, findings)
    assert_annotated(src, out, doc, findings)
    root = etree.fromstring(read_part(out, "word/document.xml"))
    link = root.find(f".//{W}hyperlink")
    assert len(link.findall(W + "commentRangeStart")) == 2
    assert link.find(f".//{W}commentReference") is None, "the reference mark must not become part of the link"


def test_span_from_plain_text_into_a_hyperlink_and_out(tmp_path: Path) -> None:
    body = para(run("访问网站") + LINK.format(run("政府门户网站")) + run("查看"))
    src = build(tmp_path, body)
    doc = read_document(src)
    findings = [
        finding_on(doc, "网站政府", "进入链接"),
        finding_on(doc, "网站查", "离开链接"),
        finding_on(doc, "站政府门户网站查", "横跨链接"),
    ]
    out, _ = run_annotate(src, findings)
    assert_annotated(src, out, doc, findings)


def test_span_inside_a_tracked_insertion(tmp_path: Path) -> None:
    body = para(run("本机关") + INS.format(run("依法") + run("及时")) + DEL.format("尽快") + run("答复申请人。"))
    src = build(tmp_path, body)
    doc = read_document(src)
    findings = [
        finding_on(doc, "法及", "插入内"),
        finding_on(doc, "关依", "进入插入"),
        finding_on(doc, "时答复", "越过删除"),
    ]
    out, _ = run_annotate(src, findings)
    assert_annotated(src, out, doc, findings)
    root = etree.fromstring(read_part(out, "word/document.xml"))
    ins = root.find(f".//{W}ins")
    assert ins.find(f".//{W}commentReference") is None, "a reference inside w:ins would be a tracked insertion"
    assert root.find(f".//{W}del/{W}r/{W}delText").text == "尽快"


def test_numbering_label_is_not_in_any_run(tmp_path: Path) -> None:
    body = para(run("总体情况"), NUMBERED) + para(run("二级内容"), NUMBERED)
    src = build(tmp_path, body, numbering_xml=CHINESE_NUMBERING)
    doc = read_document(src)
    heading = paragraph_with(doc, "总体情况")
    assert heading.text == "一、总体情况", "the reader renders the label"
    findings = [
        finding_at(heading, 0, len(heading.text), "整段含编号"),
        finding_at(heading, 0, 2, "只有编号"),
        finding_at(heading, 1, 4, "编号后缀到正文"),
    ]
    out, result = run_annotate(src, findings)
    assert result.unanchored == []
    assert_annotated(src, out, doc, findings)
    anchored = anchored_texts(out)
    assert anchored[comment_for(out, "整段含编号").id] == "总体情况"
    assert anchored[comment_for(out, "只有编号").id] == "", "a label-only span becomes a point before the text"


def test_table_cell_and_empty_cell(tmp_path: Path) -> None:
    rows = [
        [para(run("项目")), para(run("数量"))],
        [para(run("行政许可")), '<w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p>'],
    ]
    src = build(tmp_path, simple_para("表格如下：") + table(rows) + simple_para("其后"))
    doc = read_document(src)
    full, empty = doc.tables[0].cell_at(1, 0), doc.tables[0].cell_at(1, 1)
    on_cell = finding_at(
        full.paragraphs[0], 0, len(full.paragraphs[0].text), "单元格", anchor=ANCHOR_CELL, expected="0"
    )
    on_empty = finding_at(empty.paragraphs[0], 0, 0, "空单元格", anchor=ANCHOR_CELL, expected="0")
    out, result = run_annotate(src, [on_cell, on_empty])
    assert result.comments_added == 2
    assert_annotated(src, out, doc, [on_cell, on_empty])
    root = etree.fromstring(read_part(out, "word/document.xml"))
    empty_tc = root.findall(f".//{W}tr")[1].findall(W + "tc")[1]
    empty_id = comment_for(out, "空单元格").id
    assert [m.get(W + "id") for m in empty_tc.iter(W + "commentRangeStart", W + "commentReference")] == [empty_id] * 2
    assert comment_for(out, "单元格").text == "单元格\ntest-rule：应为 0"


def test_cell_finding_without_paragraph_index_uses_the_cells_first_paragraph(tmp_path: Path) -> None:
    rows = [[para(run("总计")), para(run("12"))]]
    src = build(tmp_path, table(rows))
    doc = read_document(src)
    finding = Finding(
        "t-cell",
        Severity.WARNING,
        {"zh": "无段落号", "en": "no paragraph"},
        Location(0, None, 0, 0, 1),
        anchor=ANCHOR_CELL,
    )
    out, result = run_annotate(src, [finding])
    assert result.unanchored == []
    cell_para = doc.tables[0].cell_at(0, 1).paragraphs[0]
    root = etree.fromstring(read_part(out, "word/document.xml"))
    tc = root.findall(f".//{W}tc")[1]
    assert tc.find(f".//{W}commentReference") is not None
    assert cell_para.text == "12"


def test_missing_finding_anchors_on_its_paragraph(tmp_path: Path) -> None:
    src = build(tmp_path, simple_para("一、总体情况") + simple_para("二、主动公开政府信息情况") + "<w:p/>")
    doc = read_document(src)
    target = paragraph_with(doc, "主动公开")
    blank = doc.paragraphs[2]
    findings = [
        finding_at(target, 0, len(target.text), "缺少第三部分", anchor=ANCHOR_MISSING),
        finding_at(blank, 0, 0, "空段落", anchor=ANCHOR_MISSING),
    ]
    out, _ = run_annotate(src, findings)
    assert_annotated(src, out, doc, findings)


def test_fields_smart_tags_and_content_controls(tmp_path: Path) -> None:
    field = (
        run("详见第")
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + run("12")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + run("页")
    )
    smart = (
        '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chsdate">'
        '<w:smartTagPr><w:attr w:name="Year" w:val="2023"/></w:smartTagPr>'
        + run("2023年")
        + "</w:smartTag>"
        + run("工作")
    )
    sdt = (
        '<w:sdt><w:sdtPr><w:alias w:val="单位"/></w:sdtPr><w:sdtContent>'
        + run("某某局办公室")
        + "</w:sdtContent></w:sdt>"
    )
    simple = '<w:fldSimple w:instr=" DATE \\@ &quot;yyyy年M月d日&quot; ">' + run("2024年1月5日") + "</w:fldSimple>"
    body = para(field) + para(smart) + para(run("联系：") + sdt) + para(run("日期：") + simple)
    src = build(tmp_path, body)
    doc = read_document(src)
    findings = [
        finding_on(doc, "第12", "域结果"),
        finding_on(doc, "23年工", "智能标记"),
        finding_on(doc, "某局", "内容控件"),
        finding_on(doc, "：2024", "简单域"),
    ]
    out, _ = run_annotate(src, findings)
    assert_annotated(src, out, doc, findings)
    root = etree.fromstring(read_part(out, "word/document.xml"))
    first = root.find(f"{W}body/{W}p")
    children = list(first)
    ref = next(i for i, c in enumerate(children) if c.find(W + "commentReference") is not None)
    end = next(
        i
        for i, c in enumerate(children)
        if c.find(W + "fldChar") is not None and c.find(W + "fldChar").get(W + "fldCharType") == "end"
    )
    assert ref > end, "a reference in a field result would vanish when the field is updated"
    assert root.find(f".//{W}sdtContent/{W}r/{W}commentReference") is None
    tags = root.findall(f".//{W}smartTag")
    assert ["".join(t.itertext()) for t in tags] == ["20", "23年"], "the smart tag is split where the range starts"
    assert all(t.find(W + "smartTagPr") is not None and t.find(f".//{W}commentRangeStart") is None for t in tags)
    assert root.find(f".//{W}fldSimple//{W}commentReference") is None


def _neighbours(root: etree._Element, tag: str, comment_id: str) -> tuple[str, str]:
    """Short descriptions of the siblings before and after a comment marker."""
    marker = next(m for m in root.iter(W + tag) if m.get(W + "id") == comment_id)

    def describe(el: etree._Element | None) -> str:
        if el is None:
            return "-"
        chars = [c.get(W + "fldCharType") for c in el.iter(W + "fldChar")]
        return chars[0] if chars else etree.QName(el).localname + ":" + "".join(el.itertext())

    return describe(marker.getprevious()), describe(marker.getnext())


def test_range_that_starts_or_ends_with_a_field_result_takes_the_whole_field(tmp_path: Path) -> None:
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF _Ref1 \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run("123") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    simple = '<w:fldSimple w:instr=" DOCPROPERTY Title ">' + run("某某报告") + "</w:fldSimple>"
    src = build(tmp_path, para(run("见第") + field + run("页")) + para(run("题为") + simple + run("。")))
    doc = read_document(src)
    findings = [
        finding_on(doc, "第123", "止于域尾"),
        finding_on(doc, "123页", "始于域首"),
        finding_on(doc, "2", "域中间"),
        finding_on(doc, "为某某报告", "止于简单域尾"),
        finding_on(doc, "某报", "简单域中间"),
    ]
    out, _ = run_annotate(src, findings)
    assert_annotated(src, out, doc, findings)
    root = etree.fromstring(read_part(out, "word/document.xml"))
    ids = {f.messages["zh"]: comment_for(out, f.messages["zh"]).id for f in findings}
    assert _neighbours(root, "commentRangeEnd", ids["止于域尾"])[0] == "end"
    assert _neighbours(root, "commentRangeStart", ids["始于域首"])[1] == "begin"
    assert _neighbours(root, "commentRangeStart", ids["域中间"]) == ("r:1", "r:2")
    assert _neighbours(root, "commentRangeEnd", ids["止于简单域尾"])[0] == "fldSimple:某某报告"
    assert _neighbours(root, "commentRangeStart", ids["简单域中间"]) == ("r:某", "r:某报")


def test_tabs_breaks_and_spaces_survive_splitting(tmp_path: Path) -> None:
    body = para(
        '<w:r><w:t xml:space="preserve">电话  0632</w:t><w:tab/><w:t xml:space="preserve">-666 </w:t><w:br/><w:t>邮编</w:t></w:r>'
    )
    src = build(tmp_path, body)
    doc = read_document(src)
    findings = [finding_on(doc, "  06", "空格"), finding_on(doc, "2\t-6", "制表符"), finding_on(doc, " \n邮", "换行")]
    out, _ = run_annotate(src, findings)
    assert_annotated(src, out, doc, findings)
    texts = [t.text for t in etree.fromstring(read_part(out, "word/document.xml")).iter(W + "t")]
    assert "".join(texts) == "电话  0632-666 邮编"


def test_overlapping_nested_and_adjacent_spans_in_one_paragraph(tmp_path: Path) -> None:
    src = build(tmp_path, para(run("依申请公开") + run("情况统计表")))
    doc = read_document(src)
    p = doc.paragraphs[0]
    spans = [(0, 5), (5, 10), (2, 7), (3, 4), (0, 10), (3, 4), (10, 10), (4, 4)]
    findings = [finding_at(p, s, e, f"F{i}") for i, (s, e) in enumerate(spans)]
    out, result = run_annotate(src, findings)
    assert result.comments_added == len(spans)
    assert_annotated(src, out, doc, findings)


# -- comments part, styles, replacing, human comments -----------------------------------


def test_comment_body_author_date_and_language(tmp_path: Path) -> None:
    src = build(tmp_path, simple_para("申请31件"))
    doc = read_document(src)
    finding = finding_on(doc, "31", "数字应为30", expected="30")
    out, _ = run_annotate(src, [finding], lang="en", initials="LX")
    (comment,) = comments(out)
    assert comment.text == "数字应为30 (en)\ntest-rule: expected 30"
    assert (comment.author, comment.initials, comment.date) == ("docxlint", "LX", "2024-02-01T09:30:00Z")


def test_comments_part_relationship_content_type_and_styles(tmp_path: Path) -> None:
    src = build(tmp_path, simple_para("正文"))
    doc = read_document(src)
    out, _ = run_annotate(src, [finding_on(doc, "正", "样式")])
    rels = read_part(out, "word/_rels/document.xml.rels").decode()
    assert 'relationships/comments" Target="comments.xml"' in rels
    assert 'PartName="/word/comments.xml"' in read_part(out, "[Content_Types].xml").decode()
    styles = etree.fromstring(read_part(out, "word/styles.xml"))
    names = {s.find(W + "name").get(W + "val"): s.get(W + "styleId") for s in styles.iter(W + "style")}
    assert names["annotation text"] == "CommentText" and names["annotation reference"] == "CommentReference"
    document = docx.Document(str(out))
    assert [c.text.split("\n")[0] for c in document.comments] == ["样式"]


def test_existing_comment_styles_are_reused_and_styles_left_alone(tmp_path: Path) -> None:
    from fixtures.wordxml import DEFAULT_STYLES

    styles = DEFAULT_STYLES + (
        '<w:style w:type="paragraph" w:styleId="a7"><w:name w:val="annotation text"/><w:basedOn w:val="a"/></w:style>'
        '<w:style w:type="character" w:styleId="a8"><w:name w:val="annotation reference"/></w:style>'
    )
    src = build(tmp_path, simple_para("正文"), styles_xml=styles)
    doc = read_document(src)
    out, _ = run_annotate(src, [finding_on(doc, "正文", "中文样式编号")])
    assert read_part(out, "word/styles.xml") == read_part(src, "word/styles.xml")
    comments_xml = read_part(out, "word/comments.xml").decode()
    assert 'w:pStyle w:val="a7"' in comments_xml and 'w:rStyle w:val="a8"' in comments_xml
    assert 'w:rStyle w:val="a8"/></w:rPr><w:commentReference' in read_part(out, "word/document.xml").decode()


def test_second_run_replaces_its_own_comments_and_keeps_human_ones(tmp_path: Path) -> None:
    src = with_human_comment(tmp_path, build(tmp_path, para(run("本年新收申请") + HUMAN_RANGE + run("，结转2件。"))))
    doc = read_document(src)
    findings = [finding_on(doc, "新收申请", "第一条"), finding_on(doc, "31件，结", "第二条")]
    first, result = run_annotate(src, findings, name="first.docx")
    assert (result.comments_added, result.comments_replaced) == (2, 0)
    doc1 = read_document(first)
    again = [finding_on(doc1, "新收申请", "第一条"), finding_on(doc1, "31件，结", "第二条")]
    second = tmp_path / "second.docx"
    result2 = annotate(first, doc1, again, second, now=NOW)
    assert (result2.comments_added, result2.comments_replaced) == (2, 2)
    authors = sorted(c.author for c in comments(second))
    assert authors == ["docxlint", "docxlint", "王审核"]
    human = next(c for c in comments(second) if c.author == "王审核")
    assert human.id == "0" and human.text == "请核对数字"
    assert anchored_texts(second)["0"] == "31件"
    assert_annotated(first, second, doc1, again)
    new_ids = {c.id for c in comments(second) if c.author == "docxlint"}
    old_ids = {c.id for c in comments(first) if c.author == "docxlint"}
    xml = read_part(second, "word/document.xml").decode()
    assert all(f'w:id="{i}"' not in xml for i in old_ids - new_ids)
    assert len(comments(second)) == len({c.id for c in comments(second)})


def test_second_run_removes_word_side_parts_of_its_comments(tmp_path: Path) -> None:
    """After Word re-saves an annotated file, our comments also live in commentsExtended/Ids/Extensible."""
    src = with_human_comment(tmp_path, build(tmp_path, para(run("本年新收申请") + HUMAN_RANGE + run("。"))))
    doc = read_document(src)
    first, _ = run_annotate(src, [finding_on(doc, "新收", "机器")], name="first.docx")
    resaved = resave_like_word(first, tmp_path / "resaved.docx")
    doc1 = read_document(resaved)
    out = tmp_path / "second.docx"
    result = annotate(resaved, doc1, [finding_on(doc1, "申请", "机器二")], out, now=NOW)
    assert result.comments_replaced == 1
    extended = read_part(out, "word/commentsExtended.xml").decode()
    ids = read_part(out, "word/commentsIds.xml").decode()
    extensible = read_part(out, "word/commentsExtensible.xml").decode()
    assert "00000AAA" in extended and "00000BBB" not in extended
    assert '<w15:commentEx w15:paraId="00000CCC" w15:done="0"/>' in extended, "the orphaned reply becomes top-level"
    assert "李回复" in {c.author for c in comments(out)}
    assert 'w16cid:durableId="11111111"' in ids and "22222222" not in ids
    assert "11111111" in extensible and "22222222" not in extensible
    assert [c.text.split("\n")[0] for c in comments(out) if c.author == "docxlint"] == ["机器二"]


def test_nothing_to_do_leaves_every_part_identical(tmp_path: Path) -> None:
    src = build(tmp_path, simple_para("无问题"))
    out, result = run_annotate(src, [])
    assert result.comments_added == 0
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out) as b:
        assert [i.filename for i in a.infolist()] == [i.filename for i in b.infolist()]
        assert all(a.read(n) == b.read(n) for n in a.namelist())


def test_findings_that_do_not_match_the_document_are_returned_unanchored(tmp_path: Path) -> None:
    src = build(tmp_path, simple_para("本年收到申请31件"))
    doc = read_document(src)
    good = finding_on(doc, "31", "好")
    wrong_excerpt = finding_on(doc, "31", "摘录不符")
    wrong_excerpt.excerpt = "32"
    out_of_range = finding_at(doc.paragraphs[0], 3, 99, "越界")
    no_paragraph = Finding("x", Severity.INFO, {"zh": "无"}, Location(block=40, paragraph=None))
    bad_index = Finding("x", Severity.INFO, {"zh": "无"}, Location(block=0, paragraph=12), span=(0, 1))
    findings = [good, wrong_excerpt, out_of_range, no_paragraph, bad_index]
    out, result = run_annotate(src, findings)
    assert result.comments_added == 1
    assert result.unanchored == findings[1:]


def test_model_of_another_document_is_refused_paragraph_by_paragraph(tmp_path: Path) -> None:
    src = build(tmp_path, simple_para("本年收到申请31件") + simple_para("第二段"))
    other = build(tmp_path, simple_para("完全不同的文字") + simple_para("第二段"), name="other.docx")
    other_doc = read_document(other)
    findings = [finding_on(other_doc, "不同", "错文档"), finding_on(other_doc, "第二", "同文字")]
    out = tmp_path / "out.docx"
    result = annotate(src, other_doc, findings, out, now=NOW)
    assert result.unanchored == findings[:1]
    assert result.comments_added == 1


def test_input_untouched_output_atomic_and_in_place_keeps_backup(tmp_path: Path) -> None:
    src = build(tmp_path, simple_para("本年收到申请31件"))
    original = src.read_bytes()
    doc = read_document(src)
    out, _ = run_annotate(src, [finding_on(doc, "31", "副本")])
    assert src.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.docx", "out.docx"], "no temp file left behind"
    result = annotate_in_place(src, doc, [finding_on(doc, "31", "原地")])
    assert result.comments_added == 1
    assert result.backup == tmp_path / "in.docx.bak"
    assert result.backup.read_bytes() == original
    assert [c.text.split("\n")[0] for c in comments(src)] == ["原地"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.docx", "in.docx.bak", "out.docx"]

    annotated_once = src.read_bytes()
    again = annotate_in_place(src, read_document(src), [finding_on(read_document(src), "31", "再次")])
    assert again.comments_replaced == 1
    assert (tmp_path / "in.docx.bak").read_bytes() == original, "the first backup is never overwritten"
    assert again.backup == tmp_path / "in.docx.bak2" and again.backup.read_bytes() == annotated_once
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.docx", "in.docx.bak", "in.docx.bak2", "out.docx"]


def test_backup_is_not_duplicated_when_an_identical_one_exists(tmp_path: Path) -> None:
    from docxlint.annotate import _backup

    src = tmp_path / "r.docx"
    src.write_bytes(b"version 1")
    assert _backup(src, ".bak") == tmp_path / "r.docx.bak"
    assert _backup(src, ".bak") == tmp_path / "r.docx.bak"
    src.write_bytes(b"version 2")
    assert _backup(src, ".bak") == tmp_path / "r.docx.bak2"
    assert [p.read_bytes() for p in sorted(tmp_path.glob("r.docx.bak*"))] == [b"version 1", b"version 2"]


def test_failed_write_leaves_destination_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = build(tmp_path, simple_para("申请31件"))
    dest = tmp_path / "out.docx"
    dest.write_bytes(b"previous")
    doc = read_document(src)

    def boom(*args, **kwargs):
        raise OSError("disk full")

    with pytest.raises(DocxlintError, match="cannot write"):
        annotate(src, doc, [finding_on(doc, "31", "失败")], tmp_path / "no-such-folder" / "out.docx")
    monkeypatch.setattr("os.fsync", boom)
    with pytest.raises(DocxlintError, match="cannot write .*out.docx: disk full"):
        annotate(src, doc, [finding_on(doc, "31", "失败")], dest)
    assert dest.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.docx", "out.docx"]


def test_other_readers_open_the_result(tmp_path: Path) -> None:
    body = (
        simple_para("一、总体情况")
        + para(run("本年收到申请") + run("31件。"))
        + table([[para(run("总计")), para(run("31"))]])
    )
    src = build(tmp_path, body)
    doc = read_document(src)
    findings = [finding_on(doc, "申请31", "甲"), finding_on(doc, "总计", "乙", anchor=ANCHOR_CELL)]
    out, _ = run_annotate(src, findings)
    document = docx.Document(str(out))
    got = sorted((c.author, c.initials, c.text.split("\n")[0]) for c in document.comments)
    assert got == [("docxlint", "DL", "乙"), ("docxlint", "DL", "甲")]
    with docx2python(out) as result:
        assert "本年收到申请31件。" in result.text
        assert len(result.comments) == 2


# -- property: any run layout, any span -------------------------------------------------

PIECES = st.lists(
    st.tuples(
        st.text(alphabet="政府信息公开ab 12", min_size=1, max_size=5),
        st.sampled_from(["plain", "bold", "link", "ins", "del", "smart", "field", "tab"]),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=PIECES, data=st.data())
def test_any_span_over_any_run_layout(tmp_path: Path, pieces: list[tuple[str, str]], data: st.DataObject) -> None:
    content = "".join(_wrap(text, kind) for text, kind in pieces)
    buffer = io.BytesIO()
    make_docx(buffer, para(content), hyperlinks={"rIdLink": "http://x/"})
    src = tmp_path / "prop.docx"
    src.write_bytes(buffer.getvalue())
    doc = read_document(src)
    text = doc.paragraphs[0].text
    spans = data.draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))), min_size=1, max_size=4))
    findings = [finding_at(doc.paragraphs[0], min(s), max(s), f"P{i}") for i, s in enumerate(spans)]
    out = tmp_path / "prop_out.docx"
    result = annotate(src, doc, findings, out, now=NOW)
    assert result.unanchored == []
    assert_annotated(src, out, doc, findings)


def _wrap(text: str, kind: str) -> str:
    """``text`` as one run, wrapped the way ``kind`` says."""
    wrappers = {
        "link": LINK,
        "ins": INS,
        "smart": '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chmetcnv">'
        '<w:smartTagPr><w:attr w:name="UnitName" w:val="件"/></w:smartTagPr>{}</w:smartTag>',
        "field": '<w:fldSimple w:instr=" DOCPROPERTY Company ">{}</w:fldSimple>',
    }
    if kind == "del":
        return DEL.format(esc(text))
    if kind == "tab":
        return (
            f'<w:r><w:t xml:space="preserve">{esc(text)}</w:t><w:tab/><w:t xml:space="preserve">{esc(text)}</w:t></w:r>'
        )
    return wrappers.get(kind, "{}").format(run(text, "<w:b/>" if kind == "bold" else ""))


# -- documents with human comments, and Word's side parts -------------------------------


def resave_like_word(src: Path, dest: Path) -> Path:
    """What Word does on save, after a reviewer replied to our comment (reply paraId 00000CCC, id 50):
    paraIds on comment paragraphs, entries for every comment in the side parts."""
    with zipfile.ZipFile(src) as zin:
        members = {i.filename: zin.read(i) for i in zin.infolist()}
    root = etree.fromstring(members["word/comments.xml"])
    ours = [c for c in root.iter(W + "comment") if c.get(W + "author") == "docxlint"]
    assert len(ours) == 1
    for p in ours[0].iter(W + "p"):
        p.set(f"{{{W14_NS}}}paraId", "00000BBB")
    reply = etree.SubElement(root, W + "comment", {W + "id": "50", W + "author": "李回复", W + "initials": "李"})
    etree.SubElement(etree.SubElement(reply, W + "p", {f"{{{W14_NS}}}paraId": "00000CCC"}), W + "r").append(
        etree.fromstring(f'<w:t xmlns:w="{W_NS}">已改</w:t>')
    )
    members["word/comments.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    members["word/commentsExtended.xml"] = members["word/commentsExtended.xml"].replace(
        b"</w15:commentsEx>",
        b'<w15:commentEx w15:paraId="00000BBB" w15:done="0"/>'
        b'<w15:commentEx w15:paraId="00000CCC" w15:paraIdParent="00000BBB" w15:done="0"/></w15:commentsEx>',
    )
    members["word/commentsIds.xml"] = members["word/commentsIds.xml"].replace(
        b"</w16cid:commentsIds>",
        b'<w16cid:commentId w16cid:paraId="00000BBB" w16cid:durableId="22222222"/></w16cid:commentsIds>',
    )
    members["word/commentsExtensible.xml"] = members["word/commentsExtensible.xml"].replace(
        b"</w16cex:commentsExtensible>",
        b'<w16cex:commentExtensible w16cex:durableId="22222222" w16cex:dateUtc="2024-02-01T09:30:00Z"/></w16cex:commentsExtensible>',
    )
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in members.items():
            zout.writestr(name, data)
    return dest


def test_untouched_parts_helper_detects_a_change(tmp_path: Path) -> None:
    """The byte-identity check used everywhere above can fail."""
    src = build(tmp_path, simple_para("甲"))
    changed = tmp_path / "changed.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(changed, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, data.replace(b"Normal", b"Norma1") if info.filename == "word/styles.xml" else data)
    assert_untouched_parts(src, changed)  # styles.xml may change
    with pytest.raises(AssertionError):
        assert_untouched_parts(src, changed, may_change=set())


def test_unsafe_part_is_refused_naming_the_file(tmp_path: Path) -> None:
    src = build(tmp_path, simple_para("申请31件"))
    doc = read_document(src)
    hostile = tmp_path / "hostile.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(hostile, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"<Types", b'<!DOCTYPE Types [<!ENTITY x SYSTEM "file:///etc/passwd">]><Types')
            zout.writestr(info, data)
    with pytest.raises(InputError) as raised:
        annotate(hostile, doc, [finding_on(doc, "31", "无")], tmp_path / "out.docx")
    assert "hostile.docx" in str(raised.value) and "DTD" in str(raised.value)
    assert not (tmp_path / "out.docx").exists()


def test_markup_and_control_characters_in_messages_are_safe(tmp_path: Path) -> None:
    src = build(tmp_path, simple_para("申请31件"))
    doc = read_document(src)
    finding = finding_on(doc, "31", "<b>&\x00值\x01</b>\n第二行", rule_id="r&<1>")
    out, _ = run_annotate(src, [finding], author='审"核<', initials="&")
    (comment,) = comments(out)
    assert comment.text == "<b>&值</b>\n第二行\nr&<1>"
    assert (comment.author, comment.initials) == ('审"核<', "&")
