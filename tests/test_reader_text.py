"""Reader: paragraph text as Word shows it (runs, fields, content controls, tracked changes…)."""

from __future__ import annotations

from lxml import etree

from docxlint.docx.text import child_text, choose_alternate, run_content, run_is_visible, run_text, symbol_char
from docxlint.docx.xmlparse import W_NS
from fixtures.wordxml import NS_DECL
from tests.reader_helpers import TRACK, read, split_runs, texts, wpara, wrun


def _run_el(xml: str) -> etree._Element:
    return etree.fromstring(f"<w:document {NS_DECL}>{xml}</w:document>")[0]


def test_runs_split_anywhere_with_proof_errors_and_bookmarks() -> None:
    content = (
        '<w:bookmarkStart w:id="0" w:name="_Hlk66973412"/>'
        + wrun("本年度主动公开政府信息")
        + '<w:proofErr w:type="spellStart"/>'
        + wrun("3")
        + wrun("1")
        + '<w:proofErr w:type="spellEnd"/>'
        + wrun("件。")
        + '<w:bookmarkEnd w:id="0"/>'
    )
    doc = read(wpara(content))
    para = doc.paragraphs[0]
    assert para.text == "本年度主动公开政府信息31件。"
    assert [(p.start, p.end, p.run) for p in para.pieces] == [(0, 11, 0), (11, 12, 1), (12, 13, 2), (13, 15, 3)]


def test_hyperlink_smarttag_customxml_dir_bdo_are_transparent() -> None:
    content = (
        wrun("网站（")
        + '<w:hyperlink r:id="rId9" w:history="1">'
        + wrun("http://www.tez.gov.cn/", '<w:rStyle w:val="a4"/>')
        + "</w:hyperlink>"
        + '<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chsdate">'
        + wrun("2023年")
        + "</w:smartTag>"
        + '<w:customXml w:element="date">'
        + wrun("1月")
        + "</w:customXml>"
        + '<w:dir w:val="ltr">'
        + wrun("31")
        + "</w:dir>"
        + '<w:bdo w:val="ltr">'
        + wrun("日）")
        + "</w:bdo>"
    )
    doc = read(wpara(content), hyperlinks={"rId9": "http://www.tez.gov.cn/"})
    assert doc.paragraphs[0].text == "网站（http://www.tez.gov.cn/2023年1月31日）"


def test_special_run_content() -> None:
    content = (
        "<w:r><w:t>A</w:t><w:tab/><w:t>B</w:t><w:br/><w:t>C</w:t><w:cr/>"
        '<w:t>0632</w:t><w:noBreakHyphen/><w:t>6661666</w:t><w:softHyphen/><w:ptab w:relativeTo="margin" '
        'w:alignment="right" w:leader="none"/><w:sym w:font="Wingdings" w:char="F0FC"/>'
        '<w:sym w:font="Symbol" w:char="F0B3"/><w:sym w:font="Times New Roman" w:char="F041"/>'
        "<w:lastRenderedPageBreak/></w:r>"
    )
    doc = read(wpara(content))
    assert doc.paragraphs[0].text == "A\tB\nC\n0632-6661666\t✓≥A"


def test_symbol_char_mapping() -> None:
    assert symbol_char("Symbol", 0xF0B7) == "•"
    assert symbol_char("Symbol", 0xF061) == "α"
    assert symbol_char("Wingdings", 0xF0D8) == "➢"
    assert symbol_char("宋体", 0xF031) == "1"
    assert symbol_char("Webdings", 0xF031) == "\uf031"  # picture font, no sensible text
    assert symbol_char(None, 0x2460) == "①"


def test_run_content_lists_every_content_child() -> None:
    r = _run_el(
        "<w:r><w:rPr><w:b/></w:rPr><w:t>a</w:t><w:tab/><w:delText>x</w:delText><w:instrText>PAGE</w:instrText>"
        '<w:fldChar w:fldCharType="begin"/><w:noBreakHyphen/><w:drawing/></w:r>'
    )
    pairs = run_content(r)
    assert [etree.QName(el).localname for el, _ in pairs] == [
        "t", "tab", "delText", "instrText", "fldChar", "noBreakHyphen", "drawing",
    ]  # fmt: skip
    assert [t for _, t in pairs] == ["a", "\t", "", "", "", "-", ""]
    assert run_text(r) == "a\t-"


def test_emoji_alternate_content_reads_one_branch() -> None:
    r = _run_el(
        '<w:r><mc:AlternateContent xmlns:w16se="http://schemas.microsoft.com/office/word/2015/wordml/symex">'
        '<mc:Choice Requires="w16se"><w16se:symEx w16se:font="Segoe UI Emoji" w16se:char="1F600"/></mc:Choice>'
        "<mc:Fallback><w:t>😀</w:t></mc:Fallback></mc:AlternateContent></w:r>"
    )
    assert run_text(r) == "😀"
    unknown = _run_el(
        '<w:r><mc:AlternateContent xmlns:x="urn:unknown"><mc:Choice Requires="x"><w:t>choice</w:t></mc:Choice>'
        "<mc:Fallback><w:t>fallback</w:t></mc:Fallback></mc:AlternateContent></w:r>"
    )
    assert run_text(unknown) == "fallback"
    assert choose_alternate(unknown[0]) is unknown[0][1]


def test_paragraph_level_alternate_content_never_both_branches() -> None:
    content = (
        wrun("前")
        + '<mc:AlternateContent><mc:Choice Requires="w14">'
        + wrun("新")
        + "</mc:Choice><mc:Fallback>"
        + wrun("旧")
        + "</mc:Fallback></mc:AlternateContent>"
        + wrun("后")
    )
    doc = read(wpara(content))
    assert doc.paragraphs[0].text == "前新后"
    assert [p.run for p in doc.paragraphs[0].pieces] == [0, 1, 3]


def test_text_boxes_are_not_part_of_the_paragraph() -> None:
    textbox = (
        '<w:r><w:rPr><w:noProof/></w:rPr><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="1" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        "<wps:txbx><w:txbxContent><w:p><w:r><w:t>印章</w:t></w:r></w:p></w:txbxContent></wps:txbx>"
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>"
        '<v:shape id="t1"><v:textbox><w:txbxContent><w:p><w:r><w:t>印章</w:t></w:r></w:p></w:txbxContent>'
        "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    doc = read(wpara(wrun("签发") + textbox + wrun("单位")) + wpara(wrun("下一段")))
    assert texts(doc) == ["签发单位", "下一段"]
    # the text-box paragraphs still count for xml_index; the run after the box is run 4 (box runs counted)
    assert [p.xml_index for p in doc.paragraphs] == [0, 3]
    assert [p.run for p in doc.paragraphs[0].pieces] == [0, 4]


def test_hidden_text_excluded_direct_and_by_character_style() -> None:
    styles = (
        '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="character" w:styleId="h1"><w:name w:val="Hidden"/><w:rPr><w:vanish/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="h2"><w:name w:val="Shown"/><w:basedOn w:val="h1"/>'
        '<w:rPr><w:vanish w:val="0"/></w:rPr></w:style>'
    )
    content = (
        wrun("甲")
        + wrun("隐", "<w:vanish/>")
        + wrun("乙")
        + wrun("藏", '<w:rStyle w:val="h1"/>')
        + wrun("丙", '<w:rStyle w:val="h2"/>')
        + wrun("丁", '<w:rStyle w:val="h1"/><w:vanish w:val="false"/>')
        + wrun("戊", "<w:specVanish/>")
    )
    doc = read(wpara(content), styles_xml=styles)
    assert doc.paragraphs[0].text == "甲乙丙丁"


def test_hidden_text_by_own_properties_not_by_tracked_old_ones() -> None:
    """Only a run's own ``w:rPr`` hides it: hidden text in ``w:rPrChange`` (the formatting before a
    tracked change) does not, and an explicit ``w:vanish w:val="0"`` shows a run of a hidden style."""
    styles = (
        '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="note"><w:name w:val="Note"/><w:rPr><w:vanish/></w:rPr></w:style>'
    )
    old_hidden = f'<w:rPrChange {TRACK} w:id="5"><w:rPr><w:vanish/></w:rPr></w:rPrChange>'
    old_shown = f'<w:rPrChange {TRACK} w:id="6"><w:rPr/></w:rPrChange>'
    body = wpara(wrun("甲", old_hidden) + wrun("乙", "<w:vanish/>" + old_shown) + wrun("丙")) + wpara(
        wrun("注") + wrun("显", '<w:vanish w:val="off"/>') + wrun("示", "<w:vanish/>"), '<w:pStyle w:val="note"/>'
    )
    assert texts(read(body, styles_xml=styles)) == ["甲丙", "显"]


def test_spec_vanish_alone_hides_the_run() -> None:
    content = wrun("一、总体情况") + wrun("。", "<w:specVanish/>") + wrun("正文")
    assert read(wpara(content)).paragraphs[0].text == "一、总体情况正文"


def test_hidden_paragraph_style() -> None:
    styles = (
        '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="note"><w:name w:val="Note"/><w:rPr><w:vanish/></w:rPr></w:style>'
    )
    body = wpara(wrun("注释"), '<w:pStyle w:val="note"/>') + wpara(wrun("正文"))
    doc = read(body, styles_xml=styles)
    assert texts(doc) == ["", "正文"]


def test_run_is_visible_with_styles() -> None:
    from docxlint.docx.styles import StyleSheet

    styles = StyleSheet(
        etree.fromstring(
            f'<w:styles xmlns:w="{W_NS}"><w:style w:type="character" w:styleId="h"><w:name w:val="Hidden"/>'
            "<w:rPr><w:vanish/></w:rPr></w:style></w:styles>"
        )
    )
    styled = _run_el('<w:r><w:rPr><w:rStyle w:val="h"/></w:rPr><w:t>x</w:t></w:r>')
    assert run_is_visible(styled) and not run_is_visible(styled, styles)


def test_run_is_visible() -> None:
    doc = etree.fromstring(
        f"<w:p {NS_DECL}><w:r><w:t>a</w:t></w:r><w:del {TRACK} w:id='1'><w:r><w:delText>b</w:delText></w:r></w:del>"
        f"<w:moveFrom {TRACK} w:id='2'><w:r><w:t>c</w:t></w:r></w:moveFrom>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>d</w:t></w:r></w:p>"
    )
    runs = list(doc.iter(f"{{{W_NS}}}r"))
    assert [run_is_visible(r) for r in runs] == [True, False, False, False]


def test_simple_field_shows_its_result() -> None:
    content = (
        wrun("第") + '<w:fldSimple w:instr=" PAGE   \\* MERGEFORMAT ">' + wrun("3") + "</w:fldSimple>" + wrun("页")
    )
    doc = read(wpara(content))
    assert doc.paragraphs[0].text == "第3页"


def test_complex_field_shows_only_the_result_and_nests() -> None:
    def fld(kind: str) -> str:
        return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'

    content = (
        wrun("共")
        + fld("begin")
        + '<w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r>'
        + fld("begin")
        + '<w:r><w:instrText xml:space="preserve"> NUMPAGES </w:instrText></w:r>'
        + fld("separate")
        + wrun("9")
        + fld("end")
        + '<w:r><w:instrText xml:space="preserve"> &gt; 1 "多页" "单页" </w:instrText></w:r>'
        + fld("separate")
        + wrun("多")
        + wrun("页")
        + fld("end")
        + wrun("，")
        + fld("begin")
        + "<w:r><w:instrText>PAGE</w:instrText></w:r>"
        + fld("separate")
        + "<w:r><w:t>2</w:t></w:r>"
        + fld("end")
    )
    doc = read(wpara(content))
    assert doc.paragraphs[0].text == "共多页，2"


def test_field_without_separator_shows_nothing_and_fields_span_paragraphs() -> None:
    toc_begin = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" '
        '\\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    xe = '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> XE "索引" </w:instrText></w:r>'
    xe += '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    body = (
        wpara(toc_begin + wrun("一、总体情况\t1"))
        + wpara(wrun("二、主动公开\t2") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
        + wpara(wrun("正文") + xe + wrun("继续"))
    )
    doc = read(body)
    assert texts(doc) == ["一、总体情况\t1", "二、主动公开\t2", "正文继续"]


def test_hidden_run_still_carries_field_structure() -> None:
    content = (
        '<w:r><w:rPr><w:vanish/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r>'
        "<w:r><w:instrText>SEQ 表</w:instrText></w:r>"
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + wrun("1")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + wrun("号")
    )
    assert read(wpara(content)).paragraphs[0].text == "1号"


def test_field_characters_and_text_in_one_run_keep_offsets() -> None:
    content = (
        '<w:r><w:t>前</w:t><w:fldChar w:fldCharType="begin"/><w:instrText>PAGE</w:instrText>'
        '<w:t>码</w:t><w:fldChar w:fldCharType="separate"/><w:t>5</w:t><w:fldChar w:fldCharType="end"/>'
        "<w:t>后</w:t></w:r>"
    )
    para = read(wpara(content)).paragraphs[0]
    assert para.text == "前5后"
    assert [(p.start, p.end, p.run_offset) for p in para.pieces] == [(0, 1, 0), (1, 3, 2)]


def test_content_controls_block_run_level() -> None:
    sdt_pr = '<w:sdtPr><w:alias w:val="单位"/><w:id w:val="-1"/><w:placeholder><w:docPart w:val="x"/></w:placeholder></w:sdtPr>'
    run_sdt = f"<w:sdt>{sdt_pr}<w:sdtEndPr/><w:sdtContent>{wrun('台儿庄区商务局')}</w:sdtContent></w:sdt>"
    block_sdt = f"<w:sdt>{sdt_pr}<w:sdtContent>{wpara(wrun('块级内容'))}{wpara(wrun('第二段'))}</w:sdtContent></w:sdt>"
    doc = read(wpara(wrun("报告单位：") + run_sdt) + block_sdt)
    assert texts(doc) == ["报告单位：台儿庄区商务局", "块级内容", "第二段"]
    assert [b.location.block for b in doc.blocks] == [0, 1, 2]


def test_block_level_alternate_content_and_custom_xml() -> None:
    body = (
        '<mc:AlternateContent><mc:Choice Requires="w14">'
        + wpara(wrun("选择"))
        + "</mc:Choice><mc:Fallback>"
        + wpara(wrun("后备"))
        + "</mc:Fallback></mc:AlternateContent>"
        + '<w:customXml w:element="section">'
        + wpara(wrun("自定义"))
        + "</w:customXml>"
    )
    doc = read(body)
    assert texts(doc) == ["选择", "自定义"]
    assert [p.xml_index for p in doc.paragraphs] == [0, 2]


def test_ruby_base_text_is_read_from_its_own_runs() -> None:
    content = (
        '<w:r><w:t>前</w:t><w:ruby><w:rubyPr><w:rubyAlign w:val="center"/></w:rubyPr>'
        "<w:rt><w:r><w:t>zhèng</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>政</w:t></w:r></w:rubyBase></w:ruby>"
        "<w:t>后</w:t></w:r>"
    )
    para = read(wpara(content)).paragraphs[0]
    assert para.text == "前政后"
    assert [(p.run, p.run_offset) for p in para.pieces] == [(0, 0), (2, 0), (0, 1)]


# ---- tracked changes ------------------------------------------------------------------------------


def test_accepted_view_inside_a_number() -> None:
    content = (
        wrun("收到申请")
        + wrun("3")
        + f'<w:ins w:id="1" {TRACK}>{wrun("1")}</w:ins>'
        + f'<w:del w:id="2" {TRACK}><w:r><w:rPr><w:sz w:val="32"/></w:rPr><w:delText>2</w:delText></w:r></w:del>'
        + wrun("件")
    )
    para = read(wpara(content)).paragraphs[0]
    assert para.text == "收到申请31件"
    assert [p.run for p in para.pieces] == [0, 1, 2, 4]


def test_moves_and_property_changes() -> None:
    content = (
        f'<w:moveFromRangeStart w:id="5" {TRACK} w:name="move1"/>'
        f'<w:moveFrom w:id="6" {TRACK}>{wrun("旧位置")}</w:moveFrom><w:moveFromRangeEnd w:id="5"/>'
        + wrun("正文")
        + f'<w:moveTo w:id="7" {TRACK}>{wrun("新位置")}</w:moveTo>'
        + '<w:r><w:rPr><w:b/><w:rPrChange w:id="8" '
        + TRACK
        + "><w:rPr/></w:rPrChange></w:rPr><w:t>加粗</w:t></w:r>"
    )
    ppr = f'<w:pPrChange w:id="9" {TRACK}><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange>'
    doc = read(wpara(content, ppr))
    assert doc.paragraphs[0].text == "正文新位置加粗"
    assert doc.paragraphs[0].label == ""


def test_deleted_paragraph_mark() -> None:
    deleted_mark = f'<w:rPr><w:del w:id="3" {TRACK}/></w:rPr>'
    body = (
        f'<w:p><w:pPr>{deleted_mark}</w:pPr><w:del w:id="4" {TRACK}><w:r><w:delText>整段删除</w:delText></w:r></w:del></w:p>'
        + f"<w:p><w:pPr>{deleted_mark}</w:pPr>{wrun('合并前半')}</w:p>"
        + wpara(wrun("后半"))
    )
    doc = read(body)
    # the wholly deleted paragraph is gone; the one whose mark is deleted keeps its text (not crashed)
    assert texts(doc) == ["合并前半", "后半"]
    assert [p.xml_index for p in doc.paragraphs] == [1, 2]
    assert [b.location.block for b in doc.blocks] == [0, 1]


def test_split_run_paragraph_matches_single_run() -> None:
    text = "本年度主动公开政府信息31件，其中机构职能3件。"
    assert read(wpara(split_runs(text, [3, 11, 12, 20]))).paragraphs[0].text == text


def test_child_text_of_unknown_elements_is_empty() -> None:
    el = _run_el('<w:footnoteReference w:id="1"/>')
    assert child_text(el) == ""
