"""Generate realistic 政府信息公开工作年度报告 documents for benchmarks and tests.

The documents are written as raw WordprocessingML with :func:`fixtures.wordxml.make_docx`, the way
Word and WPS lay them out: runs split mid-sentence (proofing marks, bookmarks, Latin digits in their
own runs), run-in sub-headings, typed or automatic numbering, and the three statistical tables of the
2021 format (二, 三, 四) with horizontally and vertically merged cells.

    python benchmarks/make_corpus.py OUT_DIR [--count 50] [--large] [--converted]

``--converted`` lays the variations out as a PDF-to-Word converter does (``ReportSpec.converted_layout``).

Library use::

    write_report(path, ReportSpec(seed=3, defects=("table3_sum",)))
    write_large_report(path)              # about 100 pages with 50 tables
    write_batch(folder, count=50)         # variations of the sample report
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fixtures.wordxml import esc, make_docx  # noqa: E402

#: Defects a spec may inject; each one is something a reviewer of these reports flags.
DEFECTS = (
    "table3_sum",  # a 总计 cell of table 三 that does not add up
    "period_year",  # the statistics period names the wrong year
    "text_table_mismatch",  # section 一 restates a table-三 count wrongly
    "missing_section_6",  # section 六 is absent
    "late_date",  # signed after 1月31日
    "blank_total",  # a 总计 cell left blank
    "slash_cells",  # "/" instead of 0 in table 四
    "other_agency_signature",  # signed by another agency (a report copied from another agency's)
    "last_year_opening",  # section 一 opens with last year ("2022年，我局…": copied from last year's report)
)

AGENCIES = (
    "枣庄市台儿庄区商务和投资促进局",
    "某市自然资源和规划局",
    "某县人民政府办公室",
    "某区市场监督管理局",
    "某市生态环境局",
    "某县教育和体育局",
    "某区卫生健康局",
    "某市交通运输局",
)

DEPARTMENTS = (
    "发展和改革局",
    "教育局",
    "科学技术局",
    "工业和信息化局",
    "公安局",
    "民政局",
    "司法局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "水务局",
    "农业农村局",
    "商务局",
    "文化和旅游局",
    "卫生健康委员会",
    "退役军人事务局",
    "应急管理局",
    "审计局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
)

_SENTENCES = (
    "{self_name}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持“以公开为常态、不公开为例外”，进一步强化组织领导，完善公开机制。",
    "本年度主动公开政府信息{n}条，其中机构职能{a}条，政策解读{b}条，规划计划{c}条，工作动态{d}条。",
    "严格落实保密审查制度，信息发布前由经办及分管领导签审《信息发布保密审查表》，确保所公开信息符合保密规定。",
    "将政府门户网站作为政府信息公开的第一平台，继续推动“互联网＋政务服务”，深化“放管服”改革信息公开。",
    "不断完善政府信息公开工作机制和信息发布审核流程，明确责任科室，强化监督检查，及时更新政府信息公开指南。",
    "全年共组织政务公开业务培训{a}次，参训人员{n}人次，进一步提升了工作人员的业务能力和服务水平。",
    "围绕优化营商环境、乡村振兴、民生保障等重点领域，及时发布政策文件{b}件，开展政策宣讲{c}场。",
    "畅通依申请公开受理渠道，严格按照法定时限答复，做到依法依规、规范高效。",
    "通过政务新媒体发布各类信息{n}条，回应社会关切{a}次，舆情回应及时率达到100%。",
    "建立健全政府信息公开社会评议和责任追究制度，主动接受社会各界监督，不断提升政府信息公开工作质量。",
    "对照年度政务公开工作要点，逐项分解任务，明确时间节点，确保各项工作落地见效。",
    "加强政府信息管理，对{n}件行政规范性文件进行了清理，及时公开清理结果。",
    "办理人大代表建议{a}件、政协委员提案{b}件，办复率100%，满意率100%，办理结果全部按要求公开。",
    "政府网站全年发布信息{n}条，网站运行平稳，未发生安全事故。",
    "按照“谁公开、谁审查、谁负责”的原则，落实信息发布三级审核制度，确保信息准确、规范、安全。",
)

_PROBLEMS = (
    "一是政务信息公开不及时，缺少时效性，部分公开栏目内容长时间得不到更新。",
    "二是政务公开重点不突出，深层次内容公开少，解读形式较为单一。",
    "三是工作人员业务能力有待提升，对新修订的条例学习不够深入。",
)

_MEASURES = (
    "一是提高政治站位，把握政务公开时效性，拓展公开渠道，及时公开、更新政务信息。",
    "二是明确工作职责，加强政务公开内容保障，按照“谁提供、谁负责”的原则严格审核把关。",
    "三是持续加强学习培训，提升管理水平，不断学习先进经验，做好宣传和内容提质工作。",
)

SUBSECTIONS_1 = (
    "主动公开方面",
    "依申请公开方面",
    "政府信息管理方面",
    "政府信息公开平台建设方面",
    "监督保障方面",
    "建议提案办理情况",
)

HEADINGS = (
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
)

CN_DIGITS = "零一二三四五六七八九十"

# Fonts and sizes of the national format (仿宋_GB2312 三号 body, 黑体 level 1, 楷体 level 2).
_BODY_RPR = '<w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hAnsi="仿宋_GB2312"/><w:sz w:val="32"/><w:szCs w:val="32"/>'
_DIGIT_RPR = (
    '<w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman"/><w:sz w:val="32"/>'
)
_H1_RPR = '<w:rFonts w:ascii="黑体" w:eastAsia="黑体" w:hAnsi="黑体"/><w:sz w:val="32"/><w:szCs w:val="32"/>'
_H2_RPR = '<w:rFonts w:ascii="楷体_GB2312" w:eastAsia="楷体_GB2312"/><w:b/><w:sz w:val="32"/>'
_TITLE_RPR = '<w:rFonts w:ascii="方正小标宋简体" w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/><w:szCs w:val="44"/>'
_CELL_RPR = '<w:rFonts w:ascii="宋体" w:eastAsia="宋体" w:hAnsi="宋体"/><w:sz w:val="21"/><w:szCs w:val="21"/>'
_BODY_PPR = '<w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLine="640"/>'


def cn_number(n: int) -> str:
    """Chinese numeral for 1–99 as used in headings: 一, 十, 十二, 二十三."""
    if n < 1 or n > 99:
        raise ValueError(f"heading number out of range: {n}")
    tens, units = divmod(n, 10)
    if tens == 0:
        return CN_DIGITS[units]
    head = "" if tens == 1 else CN_DIGITS[tens]
    return head + "十" + (CN_DIGITS[units] if units else "")


@dataclass(frozen=True)
class ReportSpec:
    """What one generated report looks like."""

    seed: int = 0
    agency: str = AGENCIES[0]
    year: int = 2023
    heading_style: bool = False  #: level-1 headings use the "heading 1" style instead of direct formatting
    auto_numbering: bool = False  #: （一）-labels and 1.-items come from numbering.xml
    defects: tuple[str, ...] = ()
    departments: int = 0  #: extra per-department sub-sections, each with a table like table 三
    extra_paragraphs: int = 0  #: extra long paragraphs per sub-section of section 一
    sign_day: int = 19
    #: laid out as a PDF-to-Word converter writes it: spaces between digits and Han characters, each
    #: heading joined to the paragraph after it by a line break, the title lines joined to the
    #: introduction, numbering typed (a converter sees only the rendered labels)
    converted_layout: bool = False

    def __post_init__(self) -> None:
        unknown = set(self.defects) - set(DEFECTS)
        if unknown:
            raise ValueError(f"unknown defects: {sorted(unknown)}")
        if self.converted_layout and self.auto_numbering:
            raise ValueError("a converted layout has typed numbering: auto_numbering must be False")


@dataclass
class _Writer:
    """Accumulates body XML; one per generated document."""

    spec: ReportSpec
    rng: random.Random
    parts: list[str] = field(default_factory=list)
    pending: str = ""  #: runs of a heading (converted layout) waiting to start the next paragraph
    bookmark: int = 0
    proposals: dict[str, int] = field(default_factory=dict)  #: the document's one count of each, however often stated
    disclosed: dict[str, int] = field(default_factory=dict)  #: the year's 主动公开 count and its parts, likewise

    # -- runs -----------------------------------------------------------------------------------
    def runs(self, text: str, rpr: str = _BODY_RPR) -> str:
        """Text as Word stores it after editing: split runs, digits in Latin-font runs, marks between runs."""
        if self.spec.converted_layout:
            text = _DIGIT_HAN.sub(" ", text)
        out: list[str] = []
        for chunk in self._chunks(text):
            run_rpr = _DIGIT_RPR if chunk[0].isascii() and chunk[0].isalnum() else rpr
            out.append(self._mark())
            out.append(f'<w:r><w:rPr>{run_rpr}</w:rPr><w:t xml:space="preserve">{esc(chunk)}</w:t></w:r>')
        return "".join(out)

    def _chunks(self, text: str) -> list[str]:
        """Split into pieces of 1–40 characters; ASCII digit/letter stretches always stand alone."""
        pieces: list[str] = []
        i = 0
        while i < len(text):
            if text[i].isascii() and text[i].isalnum():
                j = i
                while j < len(text) and text[j].isascii() and text[j].isalnum():
                    j += 1
            else:
                j = min(len(text), i + self.rng.randint(1, 40))
                k = next((m for m in range(i, j) if text[m].isascii() and text[m].isalnum()), j)
                j = max(k, i + 1)
            pieces.append(text[i:j])
            i = j
        return pieces

    def _mark(self) -> str:
        roll = self.rng.random()
        if roll < 0.06:
            return '<w:proofErr w:type="gramStart"/>'
        if roll < 0.09:
            self.bookmark += 1
            name = f"_Hlk{66970000 + self.rng.randint(0, 9999)}"
            return f'<w:bookmarkStart w:id="{self.bookmark}" w:name="{name}"/><w:bookmarkEnd w:id="{self.bookmark}"/>'
        return ""

    # -- paragraphs -----------------------------------------------------------------------------
    def para(self, text: str, ppr: str = _BODY_PPR, rpr: str = _BODY_RPR) -> None:
        self.paragraph(ppr, self.runs(text, rpr))

    def paragraph(self, ppr: str, runs: str) -> None:
        """A ``w:p``; in the converted layout, a waiting heading becomes its first line."""
        if self.pending:
            runs, self.pending = self.pending + _LINE_BREAK + runs, ""
        self.parts.append(f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>")

    def block(self, xml: str) -> None:
        """A table or an empty paragraph: a waiting heading stays a paragraph of its own before it."""
        if self.pending:
            self.parts.append(f"<w:p><w:pPr>{_BODY_PPR}</w:pPr>{self.pending}</w:p>")
            self.pending = ""
        self.parts.append(xml)

    def title(self, text: str) -> None:
        ppr = '<w:pStyle w:val="a3"/><w:spacing w:line="560" w:lineRule="exact"/><w:jc w:val="center"/>'
        if self.spec.converted_layout:  # the title lines and the introduction in one paragraph
            self.pending += (_LINE_BREAK if self.pending else "") + self.runs(text, _TITLE_RPR)
        else:
            self.para(text, ppr, _TITLE_RPR)

    def heading1(self, number: int, text: str) -> None:
        label = f"{cn_number(number)}、"
        if self.spec.converted_layout:
            self.pending = self.runs(label + text, _H1_RPR)
        elif self.spec.heading_style:
            self.para(label + text, '<w:pStyle w:val="1"/><w:ind w:firstLine="640"/>', _H1_RPR)
        else:
            self.para(label + text, _BODY_PPR, _H1_RPR)

    def run_in(self, number: int, head: str, body: str, num_id: int = 1) -> None:
        """ "（一）主动公开方面。正文…": a bold lead-in followed by body text in the same paragraph."""
        if self.spec.auto_numbering:
            ppr = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>' + _BODY_PPR
            lead = f"{head}。"
        else:
            ppr = _BODY_PPR
            lead = f"（{cn_number(number)}）{head}。"
        self.paragraph(ppr, self.runs(lead, _H2_RPR) + self.runs(body))

    def item(self, number: int, text: str) -> None:
        """ "1.依据…" items of section 六."""
        if self.spec.auto_numbering:
            ppr = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>' + _BODY_PPR
            self.para(text, ppr)
        else:
            self.para(f"{number}.{text}")

    def long_text(self, sentences: int) -> str:
        picked = [self.rng.choice(_SENTENCES) for _ in range(sentences)]
        return "".join(s.format(**self._numbers(s), self_name=self_reference(self.spec.agency)) for s in picked)

    def _numbers(self, sentence: str) -> dict[str, int]:
        """Counts for a sentence; ``n`` is the sum of the parts, so "共n，其中a、b…" adds up.

        Proposals (人大代表建议, 政协委员提案) and the year's 主动公开 count are facts of the document:
        every sentence that restates them gives the same counts, or the report would contradict itself.
        """
        if "代表建议" in sentence:
            if not self.proposals:
                self.proposals = {k: self.rng.randint(1, 120) for k in ("a", "b")}
            return self.proposals
        if "主动公开政府信息" in sentence:
            if not self.disclosed:
                self.disclosed = self._parts()
            return self.disclosed
        return self._parts()

    def _parts(self) -> dict[str, int]:
        parts = {k: self.rng.randint(1, 120) for k in ("a", "b", "c", "d")}
        return {"n": sum(parts.values()), **parts}


def self_reference(agency: str) -> str:
    """How the agency calls itself in its report: "我办" (an office), "我委" (a committee), "我局"."""
    if agency.endswith(("办公室", "办")):
        return "我办"
    if agency.endswith(("委员会", "委")):
        return "我委"
    return "我局"


_DIGIT_HAN = re.compile(r"(?<=[0-9])(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])(?=[0-9])")
_LINE_BREAK = "<w:r><w:br/></w:r>"


# -- tables ---------------------------------------------------------------------------------------
def _cell(text: str, width: int, span: int = 1, vmerge: str | None = None) -> str:
    props = [f'<w:tcW w:w="{width * span}" w:type="dxa"/>']
    if span > 1:
        props.append(f'<w:gridSpan w:val="{span}"/>')
    if vmerge == "restart":
        props.append('<w:vMerge w:val="restart"/>')
    elif vmerge == "continue":
        props.append("<w:vMerge/>")
    props.append('<w:vAlign w:val="center"/>')
    paras = "".join(
        '<w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
        + (f'<w:r><w:rPr>{_CELL_RPR}</w:rPr><w:t xml:space="preserve">{esc(line)}</w:t></w:r>' if line else "")
        + "</w:p>"
        for line in (text.split("\n") if vmerge != "continue" else [""])
    )
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>{paras}</w:tc>"


def _table(rows: list[list[str]], widths: list[int]) -> str:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    body = "".join(f'<w:tr><w:trPr><w:jc w:val="center"/></w:trPr>{"".join(cells)}</w:tr>' for cells in rows)
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="a6"/><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"
    )


def table_2(rng: random.Random) -> str:
    """Table 二: 第二十条 items （一）（五）（六）（八）, 2021 columns."""
    w = 2100
    n = lambda: str(rng.randint(0, 40))  # noqa: E731
    rows = [
        [_cell("第二十条第（一）项", w, 4)],
        [_cell(t, w) for t in ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")],
        [_cell("规章", w), _cell(n(), w), _cell(n(), w), _cell(n(), w)],
        [_cell("行政规范性文件", w), _cell(n(), w), _cell(n(), w), _cell(n(), w)],
        [_cell("第二十条第（五）项", w, 4)],
        [_cell("信息内容", w), _cell("本年处理决定数量", w, 3)],
        [_cell("行政许可", w), _cell(n(), w, 3)],
        [_cell("第二十条第（六）项", w, 4)],
        [_cell("信息内容", w), _cell("本年处理决定数量", w, 3)],
        [_cell("行政处罚", w), _cell(n(), w, 3)],
        [_cell("行政强制", w), _cell(n(), w, 3)],
        [_cell("第二十条第（八）项", w, 4)],
        [_cell("信息内容", w), _cell("本年收费金额（单位：万元）", w, 3)],
        [_cell("行政事业性收费", w), _cell(f"{rng.randint(0, 500) / 10:g}", w, 3)],
    ]
    return _table(rows, [w] * 4)


#: Rows of table 三 under 三、本年度办理结果: (group label or "", item label or "").
TABLE3_RESULT_ROWS: tuple[tuple[str, str], ...] = (
    ("（一）予以公开", ""),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""),
    ("（三）不予公开", "1.属于国家秘密"),
    ("", "2.其他法律行政法规禁止公开"),
    ("", "3.危及“三安全一稳定”"),
    ("", "4.保护第三方合法权益"),
    ("", "5.属于三类内部事务信息"),
    ("", "6.属于四类过程性信息"),
    ("", "7.属于行政执法案卷"),
    ("", "8.属于行政查询事项"),
    ("（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("", "2.没有现成信息需要另行制作"),
    ("", "3.补正后申请内容仍不明确"),
    ("（五）不予处理", "1.信访举报投诉类申请"),
    ("", "2.重复申请"),
    ("", "3.要求提供公开出版物"),
    ("", "4.无正当理由大量反复申请"),
    ("", "5.要求行政机关确认或重新出具已获取信息"),
    ("（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("", "3.其他"),
)


_FEE_NOTICE_ROW = next(i for i, (_, item) in enumerate(TABLE3_RESULT_ROWS) if "收费通知" in item)


@dataclass
class Table3Numbers:
    """Consistent counts for table 三: six applicant columns, 总计 derived."""

    new: list[int]  #: 一、本年新收
    carried_in: list[int]  #: 二、上年结转
    results: list[list[int]]  #: one list per TABLE3_RESULT_ROWS row
    carried_out: list[int]  #: 四、结转下年度继续办理

    @classmethod
    def generate(cls, rng: random.Random, scale: int = 6) -> Table3Numbers:
        cols = 6
        results = [[rng.choice((0, 0, 0, rng.randint(0, scale))) for _ in range(cols)] for _ in TABLE3_RESULT_ROWS]
        results[0] = [rng.randint(0, scale * 3) for _ in range(cols)]
        # （六）2: dropped after an unpaid fee notice. Section 六 says no fee was charged, so none.
        results[_FEE_NOTICE_ROW] = [0] * cols
        done = [sum(row[c] for row in results) for c in range(cols)]
        carried_out = [rng.randint(0, 2) for _ in range(cols)]
        carried_in = [min(rng.randint(0, 2), done[c] + carried_out[c]) for c in range(cols)]
        new = [done[c] + carried_out[c] - carried_in[c] for c in range(cols)]
        return cls(new, carried_in, results, carried_out)

    def done(self) -> list[int]:
        return [sum(row[c] for row in self.results) for c in range(6)]

    @staticmethod
    def with_total(values: list[int]) -> list[str]:
        return [str(v) for v in values] + [str(sum(values))]


def table_3(numbers: Table3Numbers, defects: tuple[str, ...] = ()) -> str:
    """Table 三 in the 2021 layout: 3 label columns + 7 count columns, merged headers."""
    widths = [700, 900, 2200] + [760] * 7
    lw = 700

    def counts(values: list[str]) -> list[str]:
        return [_cell(v, 760) for v in values]

    header = [
        [
            _cell("（本列数据的勾稽关系为：第一项加第二项之和，\n等于第三项加第四项之和）", lw, 3, "restart"),
            _cell("申请人情况", 760, 7),
        ],
        [
            _cell("", lw, 3, "continue"),
            _cell("自然人", 760, 1, "restart"),
            _cell("法人或其他组织", 760, 5),
            _cell("总计", 760, 1, "restart"),
        ],
        [_cell("", lw, 3, "continue"), _cell("", 760, 1, "continue")]
        + [_cell(t, 760) for t in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")]
        + [_cell("", 760, 1, "continue")],
    ]
    rows = list(header)
    rows.append([_cell("一、本年新收政府信息公开申请数量", lw, 3)] + counts(numbers.with_total(numbers.new)))
    rows.append([_cell("二、上年结转政府信息公开申请数量", lw, 3)] + counts(numbers.with_total(numbers.carried_in)))
    for i, (group, item) in enumerate(TABLE3_RESULT_ROWS):
        first = _cell("三、本年度办理结果", lw, 1, "restart") if i == 0 else _cell("", lw, 1, "continue")
        values = numbers.with_total(numbers.results[i])
        if not item:
            rows.append([first, _cell(group, 900, 2)] + counts(values))
        else:
            second = _cell(group, 900, 1, "restart") if group else _cell("", 900, 1, "continue")
            rows.append([first, second, _cell(item, 2200)] + counts(values))
    total = numbers.with_total(numbers.done())
    if "table3_sum" in defects:
        total[6] = str(int(total[6]) + 3)
    if "blank_total" in defects:
        total[0] = ""
    rows.append([_cell("", lw, 1, "continue"), _cell("（七）总计", 900, 2)] + counts(total))
    rows.append([_cell("四、结转下年度继续办理", lw, 3)] + counts(numbers.with_total(numbers.carried_out)))
    return _table(rows, widths)


def table_4(rng: random.Random, defects: tuple[str, ...] = ()) -> str:
    """Table 四: 行政复议 (5) | 行政诉讼 → 未经复议直接起诉 (5), 复议后起诉 (5)."""
    w = 600
    labels = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    groups = []
    for _ in range(3):
        parts = [rng.choice((0, 0, 1, 2)) for _ in range(4)]
        groups.extend([*parts, sum(parts)])
    values = [str(v) for v in groups]
    if "slash_cells" in defects:
        values[5:10] = ["/"] * 5
    rows = [
        [_cell("行政复议", w, 5), _cell("行政诉讼", w, 10)],
        [_cell(t, w, 1, "restart") for t in labels] + [_cell("未经复议直接起诉", w, 5), _cell("复议后起诉", w, 5)],
        [_cell("", w, 1, "continue") for _ in labels] + [_cell(t, w) for t in labels * 2],
        [_cell(v, w) for v in values],
    ]
    return _table(rows, [w] * 15)


# -- numbering --------------------------------------------------------------------------------------
NUMBERING_XML = (
    '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>'
    '<w:lvlText w:val="（%1）"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:firstLine="640"/></w:pPr>'
    f"<w:rPr>{_H2_RPR}</w:rPr></w:lvl></w:abstractNum>"
    '<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:suff w:val="nothing"/>'
    '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:firstLine="640"/></w:pPr></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="0"/>'
    '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
)


# -- the report -------------------------------------------------------------------------------------
def report_body(spec: ReportSpec) -> str:
    """The ``w:body`` content of the report described by ``spec``."""
    rng = random.Random(spec.seed)
    out = _Writer(spec, rng)
    numbers = Table3Numbers.generate(rng)
    _front(out)
    _section_1(out, numbers)
    out.heading1(2, HEADINGS[1])
    out.block(table_2(rng))
    out.heading1(3, HEADINGS[2])
    out.block(table_3(numbers, spec.defects))
    _departments(out)
    out.heading1(4, HEADINGS[3])
    out.block(table_4(rng, spec.defects))
    _section_5(out)
    if "missing_section_6" not in spec.defects:
        _section_6(out)
    _signature(out)
    return "".join(out.parts)


def _front(out: _Writer) -> None:
    spec = out.spec
    out.title(spec.agency)
    out.title(f"{spec.year}年政府信息公开工作年度报告")
    if not spec.converted_layout:
        out.parts.append("<w:p/>")
    out.para(
        f"根据《中华人民共和国政府信息公开条例》（国务院令第711号）相关规定，编制本报告。本报告由总体情况、"
        f"主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
        f"存在的主要问题及改进情况、其他需要报告的事项六个部分组成。本报告所列数据的统计期限自{spec.year}年1月1日起"
        f"至{spec.year}年12月31日止。本报告电子版可在政府门户网站（http://www.example.gov.cn）查阅。如对本报告有疑问，请与{spec.agency}联系"
        f"（地址：某市某区兴中路{out.rng.randint(1, 300)}号；邮编：277400；电话：0632-66{out.rng.randint(10000, 99999)}；"
        "电子邮箱：zwgk@example.gov.cn）。"
    )


def _section_1(out: _Writer, numbers: Table3Numbers) -> None:
    out.heading1(1, HEADINGS[0])
    year = out.spec.year
    opening = f"{year - 1}年，" if "last_year_opening" in out.spec.defects else f"{year}年，" * (out.spec.seed % 2)
    out.para(opening + out.long_text(3))
    new = sum(numbers.new)
    if "text_table_mismatch" in out.spec.defects:
        # off by 2 (3 where 2 would equal 上年结转: "收到" may count 新收 + 结转, and that would agree)
        new += 2 if sum(numbers.carried_in) != 2 else 3
    done, carried = sum(numbers.done()), sum(numbers.carried_out)
    bodies = {
        "依申请公开方面": f"本年度共收到政府信息公开申请{new}件，上年结转{sum(numbers.carried_in)}件，"
        f"办结{done}件，结转下年度继续办理{carried}件。" + out.long_text(1),
    }
    for i, head in enumerate(SUBSECTIONS_1, start=1):
        out.run_in(i, head, bodies.get(head) or out.long_text(2))
        for _ in range(out.spec.extra_paragraphs):
            out.para(out.long_text(out.rng.randint(4, 8)))


def _departments(out: _Writer) -> None:
    """Per-department tables of a compiled (government-level) report."""
    for k in range(out.spec.departments):
        dept = DEPARTMENTS[k % len(DEPARTMENTS)]
        out.para(f"表{k + 1}：{dept}收到和处理政府信息公开申请情况", '<w:jc w:val="center"/>')
        out.block(table_3(Table3Numbers.generate(out.rng), ()))
        out.para(out.long_text(out.rng.randint(3, 6)))


def _section_5(out: _Writer) -> None:
    year = out.spec.year
    out.heading1(5, HEADINGS[4])
    heads = (f"{year - 1}年问题整改情况", f"{year}年存在的主要问题", "下一步改进措施")
    texts = ("".join(_MEASURES[:2]), "".join(_PROBLEMS), "".join(_MEASURES))
    for i, (head, text) in enumerate(zip(heads, texts, strict=True), start=1):
        out.run_in(i, head, text, num_id=3)


def _section_6(out: _Writer) -> None:
    year = out.spec.year + (-1 if "period_year" in out.spec.defects else 0)
    out.heading1(6, HEADINGS[5])
    items = (
        "依据《政府信息公开信息处理费管理办法》，本机关全年没有收取信息公开处理费。",
        f"本机关全年共收到市级政协提案{out.rng.randint(1, 9)}件、区级政协提案{out.rng.randint(1, 9)}件。",
        f"本报告中所列数据的统计期限为{year}年1月1日至{year}年12月31日。",
        "本机关本年度没有其他需要报告的事项。",
    )
    for i, text in enumerate(items, start=1):
        out.item(i, text)


def _signature(out: _Writer) -> None:
    spec = out.spec
    month, day = (2, 15) if "late_date" in spec.defects else (1, spec.sign_day)
    right = '<w:spacing w:line="560" w:lineRule="exact"/><w:jc w:val="right"/>'
    out.block("<w:p/>")
    copied = "other_agency_signature" in spec.defects
    out.para(_other_agency(spec.agency) if copied else spec.agency, right)
    out.para(f"{spec.year + 1}年{month}月{day}日", right)


def _other_agency(agency: str) -> str:
    """Another agency of the list (the one after ``agency``): a signature left from a copied report."""
    index = AGENCIES.index(agency) if agency in AGENCIES else -1
    return AGENCIES[(index + 1) % len(AGENCIES)]


def write_report(path: str | Path, spec: ReportSpec = ReportSpec()) -> Path:
    """Write the report described by ``spec`` to ``path``."""
    numbering = NUMBERING_XML if spec.auto_numbering else None
    title = f"{spec.year}年政府信息公开工作年度报告"
    make_docx(path, report_body(spec), numbering_xml=numbering, title=title)
    return Path(path)


def large_spec(seed: int = 0, scale: float = 1.0) -> ReportSpec:
    """At scale 1, about 100 A4 pages at 仿宋三号 (99 as LibreOffice lays it out): 50 tables
    (二, 三, 四 and 47 per-department tables like 三) and long split-run paragraphs."""
    return ReportSpec(
        seed=seed,
        agency="某市人民政府办公室",
        departments=round(47 * scale),
        extra_paragraphs=max(1, round(5 * scale)),
        heading_style=True,
    )


def table_count(spec: ReportSpec) -> int:
    return 3 + spec.departments


def write_large_report(path: str | Path, seed: int = 0, scale: float = 1.0) -> Path:
    return write_report(path, large_spec(seed, scale))


def batch_specs(count: int, seed: int = 0, converted: bool = False) -> list[ReportSpec]:
    """``count`` variations of the sample: agencies, years, numbering, one defect or none.

    ``converted``: laid out as a PDF-to-Word converter does (numbering then always typed).
    """
    rng = random.Random(seed)
    specs = []
    for i in range(count):
        defects = () if i % 3 == 0 else (DEFECTS[(i // 3) % len(DEFECTS)],)
        specs.append(
            ReportSpec(
                seed=seed * 1000 + i,
                agency=AGENCIES[i % len(AGENCIES)],
                year=rng.choice((2021, 2022, 2023, 2024)),
                heading_style=bool(i % 2),
                auto_numbering=i % 4 == 1 and not converted,
                defects=defects,
                sign_day=rng.randint(5, 31),
                converted_layout=converted,
            )
        )
    return specs


def write_batch(folder: str | Path, count: int = 50, seed: int = 0, converted: bool = False) -> list[Path]:
    """Write ``count`` report variations into ``folder`` as report-000.docx, report-001.docx…"""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    specs = batch_specs(count, seed, converted)
    return [write_report(folder / f"report-{i:03d}.docx", spec) for i, spec in enumerate(specs)]


def with_defects(spec: ReportSpec, *defects: str) -> ReportSpec:
    return replace(spec, defects=tuple(defects))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="output folder")
    parser.add_argument("--count", type=int, default=50, help="number of sample variations")
    parser.add_argument("--large", action="store_true", help="also write large-100-pages.docx")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--converted", action="store_true", help="lay the variations out as a PDF converter does")
    args = parser.parse_args(argv)
    paths = write_batch(args.out, args.count, args.seed, converted=args.converted)
    if args.large:
        paths.append(write_large_report(args.out / "large-100-pages.docx", args.seed))
    print(f"wrote {len(paths)} file(s) to {args.out}")


if __name__ == "__main__":
    main()
