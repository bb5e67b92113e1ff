"""sum: "N件，其中A件，B件…" adds up."""

from __future__ import annotations

import pytest

from tests.check_helpers import bundled, make_rule, report, run

RULE = make_rule("sum")


def body(text: str) -> list:
    return report(bodies={0: [text]})


@pytest.mark.parametrize(
    ("text", "excerpt", "expected"),
    [
        ("本年度主动公开政府信息31件，其中机构职能3件，政策解读4件，工作信息9件。", "31件", "16件"),
        ("全年共收到政府信息公开申请五件，其中自然人申请三件、法人申请三件。", "五件", "6件"),
        (
            "共办结57件，其中予以公开18件，部分公开5件，不予公开12件，无法提供13件，不予处理5件，其他处理3件；结转6件。",
            "57件",
            "56件",
        ),
        ("主动公开信息1,200条。其中：政策文件500条；工作动态600条；人事信息50条。", "1,200条", "1150条"),
        ("主动公开政府信息31件（其中机构职能13件、政策解读24件）。", "31件", "37件"),
        # falling short is a defect when the list says it is complete: a catch-all part or 分别为
        ("主动公开信息200条，其中政策文件20条、其他信息30条。", "200条", "50条"),
        ("共收到申请20件，分别为自然人申请5件、法人申请2件。", "20件", "7件"),
        # a second 其中 opens another breakdown; the first one is still checked
        ("收到申请10件，其中自然人9件，法人2件，全部按期答复，其中予以公开5件、不予公开5件。", "10件", "11件"),
        ("共收费1.5万元，其中复制费0.5万元，邮寄费8000元。", "1.5万元", "13000元"),
        ("共收到申请20件，分别为自然人申请15件、法人申请6件。", "20件", "21件"),
        # counts written before their labels all the way through are still parts
        ("共收到三件，其中一件予以公开，两件不予公开，一件转交。", "三件", "4件"),
        # a first stretch adding up to the total does not end a list that goes on with its own kind of items
        ("共办结23件，其中予以公开18件，部分公开5件，不予公开12件。", "23件", "35件"),
        # …nor does another count after it hide a wrong list
        ("收到申请6件，其中自然人申请4件、商业企业申请1件，上年结转申请2件。", "6件", "7件"),
        ("被申请行政复议5件，其中复议维持3件，责令重新答复1件，2件尚在审理中。", "5件", "4件"),
        ("办结10件，其中予以公开7件，因申请人逾期不补正其他处理2件。", "10件", "9件"),
        # last year's figure among the parts is not a part; last year's carry-over is
        ("全年办结42件，其中予以公开18件，上年为15件，部分公开6件，不予公开1件。", "42件", "25件"),
        ("共办理申请10件，其中本年新收7件、上年结转2件。", "10件", "9件"),
        # a subtotal is left out of the parts, not the statement
        ("现已办结147件，其中予以公开57件、部分公开17件、不予公开11件，合计85件。", "147件", "85件"),
        ("承办建议14件、提案9件，其中主办建议8件、主办提案12件。", "9件", "20件"),
        # a part larger than the total: the breakdown is of the whole statement, shown from its first count
        (
            "2023年共收到政府信息公开申请59件，上年度结转办理2件，其中结转2024年度8件，其余54件全部按时答复。",
            "59件，上年度结转办理2件",
            "62件",
        ),
        # a sentence opening with "其中" whose parts fit no count of the paragraph: the count before it
        ("全年新收政府信息公开申请72件。结转下年度继续办理6件。其中，网上申请58件、信函申请15件。", "6件", "73件"),
        # outcomes that happen to add up to the first: siblings, not its breakdown
        ("办结申请100件，其中予以公开80件，部分公开40件，不予公开40件。", "100件", "160件"),
        # parts exceeding the total, with no part broken down by the others
        ("全年共受理申请76件，其中新收72件，自然人申请50件，法人或其他组织申请20件。", "76件", "142件"),
        # the website's own parts, the other channel left out; a list of channels is one list
        (
            "县政府网站累计发布各类政务信息10300条，其中发布概况类信息32条，政务动态信息3129条，信息公开目录发布5282条，"
            "解读信息发布152条，微信公众号发布信息75条。",
            "10300条",
            "8595条",
        ),
        ("全年主动公开政府信息5000条，其中网站发布3000条、微信公众号发布1500条、微博发布600条。", "5000条", "5100条"),
        # the total names every part: the list is the whole, however short it falls
        ("本年度共办理人大代表建议和政协提案57件，其中人大代表建议26件、政协提案13件。", "57件", "39件"),
        # a comparison with last year between the total and its breakdown
        ("主动公开政府信息326条，同比下降5.2%（上年为344条），其中工作动态208条、通知公告87条、财政信息13条。", "326条", "308条"),
        # a count of an earlier statement (before "；") does not excuse a list
        (
            "被申请行政复议5件，其中复议维持3件，责令重新答复2件；被提起行政诉讼4件，其中直接起诉3件、复议后起诉2件。",
            "4件",
            "5件",
        ),
    ],
)
def test_breakdowns_that_do_not_add_up(text: str, excerpt: str, expected: str) -> None:
    (finding,) = run(RULE, body(text))
    assert (finding.excerpt, finding.expected, finding.actual) == (excerpt, expected, excerpt)


@pytest.mark.parametrize(
    "text",
    [
        "本年度主动公开政府信息31件，其中机构职能3件，政策解读4件，规划计划1件，工作信息9件，行政权力运行公开8件，主动公开基本目录1件，政务公开保障机制5件。",
        "共办结57件，其中予以公开18件，部分公开5件，不予公开12件，无法提供13件，不予处理5件，其他处理4件；结转下年度继续办理6件。",
        "实时动态更新政策信息、部门工作动态150余篇，其中包含20余篇重要讲话等权威信息。",
        "共收到申请20件，其中自然人15件（其中网上申请10件、信函申请5件），法人5件。",
        "全年共收到市级政协提案2件、区级政协提案3件。",
        "收到申请20件，其中涉及规划的8件。",
        "主动公开信息500条，同比增长10%，其中政策文件200条。",
        "主动公开信息500条，其中政策文件约200条，工作动态300余条。",
        "受理申请10件，其中自然人8件，法人2件，同比增加3件。",
        "共收到三件，其中一件予以公开，两件不予公开。",
        "第十一件其中第三件和第五件。",
        "收到申请10件，其中网上申请6人次、信函申请4件。",
        "主动公开信息31件，其中：机构职能3件；政策解读4件；工作信息24件。",
        "本年度新收政府信息公开申请21件，上年结转2件，其中予以公开15件，部分公开3件，不予公开5件。",
        # a breakdown of an earlier count of the sentence, not of the nearest one
        "全县共新收政府信息公开申请330件，上年结转6件，其中自然人申请290件、法人或其他组织申请40件。",
        # a count before its label after a list of "label N件" is a clause of its own
        "共办结152件，其中予以公开54件，部分公开16件，不予公开7件，无法提供53件，不予处理15件，其他处理7件，7件结转下年度办理。",
        # "among them": a few examples of a large total are not a breakdown of the whole
        "主动公开政府信息15826条，其中政策文件312条、政策解读286条、人事信息164条、财政预决算信息1208条。",
        "主动公开政府信息31件（其中机构职能3件、政策解读4件）。",
        # the second 其中 breaks down the answered applications, not the received ones
        "共收到政府信息公开申请10件，其中自然人9件，法人或其他组织1件，全部按期答复，其中予以公开5件、不予公开1件、"
        "无法提供3件、不予处理1件。",
        # the list is complete before "，上年结转…": another count, not a part
        "本年度收到政府信息公开申请6件，其中自然人申请5件、商业企业申请1件，上年结转申请2件。",
        # a count written before its label as the last part; "…的4件中" opens another breakdown
        "被申请行政复议5件，其中复议维持3件，被复议机关责令重新答复1件，1件尚在审理中；被提起行政诉讼4件，"
        "其中未经复议直接起诉3件、复议后起诉1件，已审结的4件中法院判决驳回原告诉讼请求3件，原告撤回起诉1件。",
        # one part of each count listed before the total
        "全年承办市人大代表建议14件、市政协委员提案9件，其中主办建议8件、主办提案5件，均已办结。",
        # a subtotal inside the list is not one more part
        "现已办结147件，其中予以公开57件，部分公开17件，予以公开和部分公开合计74件，占办结总数的50.3%，不予公开11件，无法提供45件，不予处理12件，其他处理5件。",
        "全年办结146件，其中予以公开54件、部分公开21件，共75件，占51.4%；不予公开6件、无法提供47件、不予处理11件、其他处理7件。",
        # a comparison with a count of its own: the breakdown is of the increase
        "全年共收到政府信息公开申请100件，较上年增加90件，其中网上申请增加60件、信函申请增加30件。",
        # the same count broken down twice, by channel and by outcome
        "共收到政府信息依申请公开件15件，其中通过网络申请9件，信函申请6件，按规定同意公开10件，部分同意公开3件，"
        "因不属于本机关信息无法提供1件，信息不存在1件。",
        # the list goes on past a "；" and adds up there
        "现已办结147件，其中予以公开57件，部分公开17件；不予公开11件；无法提供45件；不予处理12件；其他处理5件。",
        # 逾期 ("late") is not 逾 ("more than"): the statement is read
        "办结10件，其中予以公开8件，因申请人逾期不补正其他处理2件。",
        # the part the list left out, added after it
        "被提起行政诉讼5件，其中直接起诉的维持2件、纠正1件、尚未审结1件，另有复议后起诉1件，结果为维持。",
        # a total rounded to 万
        "累计主动公开政府信息1.28万条，其中门户网站发布5421条、政务新媒体发布6183条、政报刊发1232条。",
        # two fields named among others
        "全年审批项目资金申请报告96个，其中农业农村领域42个、社会事业领域31个。",
        # a part broken down in turn: 52 + 20 is the 72, not two more parts of the 76
        "全年共受理申请76件，其中新收72件，自然人申请52件，法人或其他组织申请20件。",
        # a second "其中" opening the next sentence does not cut the list before its last part
        "全年主动公开政府信息428条，其中医疗卫生服务信息156条、公共卫生信息132条、行政执法信息97条、其他工作信息43条。"
        "其中，在县政府门户网站卫生健康专栏主动公开信息312条。",
        # "其中" opening a sentence: a breakdown of the paragraph's 72, not of the last count before it
        "全年新收政府信息公开申请72件。上年结转4件。结转下年度继续办理6件。其中，网上申请58件、信函申请14件。",
        # parts joined by "、" add up before a "，": what follows is another statement or another breakdown
        "全年共办理各类在线留言1647条，其中，局长信箱268条（含投诉建议14条，回复率100%）、咨询交流1379条，公开答复数量1061条。",
        "被提起行政诉讼5件，其中未经复议直接起诉4件、复议后起诉1件，结果维持3件、结果纠正1件、尚未审结1件。",
    ],
)
def test_breakdowns_that_add_up_or_are_not_breakdowns(text: str) -> None:
    assert run(RULE, body(text)) == []


def test_a_list_of_one_kind_goes_on_past_a_comma() -> None:
    """Parts joined by "、" that add up before a "，" end the list, unless what follows is one more of
    their kind (the pack's closed set of outcomes)."""
    text = "被申请行政复议案件12件，其中结果维持9件、结果纠正1件、其他结果2件，尚未审结1件。"
    (finding,) = run(bundled().rule("text-sum"), body(text))
    assert (finding.excerpt, finding.expected) == ("12件", "13件")
    text = "被提起行政诉讼5件，其中未经复议直接起诉4件、复议后起诉1件，结果维持3件、结果纠正1件、尚未审结1件。"
    assert run(bundled().rule("text-sum"), body(text)) == []


def test_a_websites_breakdown_does_not_go_on_to_another_channel() -> None:
    """With the pack's coverage (0.75), the website's four kinds (74%) are examples, not a breakdown;
    the WeChat posts and messages after them (75%) would have made one."""
    text = (
        "县政府网站累计发布各类政务信息10300条，其中发布概况类信息32条，政务动态信息3129条，信息公开目录发布4282条，"
        "解读信息发布152条，微信公众号“甘谷政务”发布信息75条，收到留言56条，已全部办理。"
    )
    assert run(bundled().rule("text-sum"), body(text)) == []


def test_message_names_the_parts() -> None:
    rule = make_rule("sum")
    rule.messages = {"zh": "{parts}={expected}≠{actual}", "en": "{parts}"}
    (finding,) = run(rule, body("共收到申请10件，其中自然人8件，法人3件。"))
    assert finding.messages["zh"] == "8+3=11件≠10件"


def test_min_parts_and_scope_options() -> None:
    text = "共收到申请10件，其中自然人8件。共办结5件，其中予以公开2件，不予公开2件。"
    assert [f.excerpt for f in run(RULE, body(text))] == ["5件"]
    assert [f.excerpt for f in run(make_rule("sum", {"min_parts": 3}), body(text))] == []
    assert run(make_rule("sum", {"scope": ["problems"]}), body(text)) == []


def test_custom_patterns() -> None:
    rule = make_rule(
        "sum", {"total_pattern": r"合计(?P<total>\d+)(?P<unit>项)：", "item_pattern": r"(?P<n>\d+)(?P<unit>项)"}
    )
    (finding,) = run(rule, body("合计9项：甲2项、乙3项、丙1项。"))
    assert (finding.excerpt, finding.expected) == ("9项", "6项")


def test_cells_are_searched_too() -> None:
    blocks = report(bodies={0: [{"table": [["说明"], ["共收到申请10件，其中自然人8件，法人3件。"]]}]})
    (finding,) = run(RULE, blocks)
    assert finding.location.table == 0 and finding.excerpt == "10件"


def test_a_short_pair_is_wrong_only_near_its_total_and_a_rounded_total_still_counts() -> None:
    assert [f.excerpt for f in run(RULE, body("收到申请60件，其中自然人申请46件、法人或其他组织申请12件。"))] == [
        "60件"
    ]
    assert [
        f.excerpt for f in run(RULE, body("累计主动公开政府信息1.5万条，其中网站5421条、新媒体6183条、政报1232条。"))
    ] == ["1.5万条"]
    assert run(RULE, body("全年审批项目96个，其中农业农村领域42个、社会事业领域31个。")) == []
    added = "被提起行政诉讼6件，其中维持2件、纠正1件、尚未审结1件，另有复议后起诉1件。"
    assert [f.excerpt for f in run(RULE, body(added))] == ["6件"]


def test_a_pair_from_a_closed_set_is_a_breakdown_at_the_packs_coverage() -> None:
    rule = bundled().rule("text-sum")
    assert [f.excerpt for f in run(rule, body("被提起行政诉讼4件，其中结果维持2件、尚未审结1件。"))] == ["4件"]
    assert run(rule, body("全年审批项目96个，其中农业农村领域42个、社会事业领域31个。")) == []
    carried = "办结30件，其中予以公开20件、不予公开8件，另有2件结转下年度办理。"
    assert [f.excerpt for f in run(rule, body(carried))] == ["30件"]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("承办市人大代表建议24件、市政协提案31件，共计55件。", []),
        ("承办市人大代表建议24件、市政协提案31件，共计65件。", ["65件"]),
        ("全年新收申请140件，上年结转5件，共计145件。", []),
        ("全年新收申请140件，上年结转5件，共145件。", []),
        ("全年新收申请140件，上年结转5件，共175件。", ["175件"]),
        # the last parts of the sentence make the total
        ("全年办结20件，承办建议6件、提案9件，合计15件。", []),
        # a breakdown of the count before it is checked as such, once
        ("办结24件，其中予以公开12件，部分公开3件，无法提供8件，合计24件。", ["24件"]),
        # a named subtotal, counts before their labels
        ("现已办结147件，其中予以公开57件，部分公开17件，予以公开和部分公开合计74件。", []),
        ("其中17件予以公开、6件部分公开，共计24件。", []),
        # a total that says how many kinds it adds: that many parts, not the count before them
        ("全年办结358件，按办理结果分：予以公开115件、部分公开45件、不予公开39件、无法提供114件、不予处理34件、"
         "其他处理11件，以上六类合计358件。", []),  # fmt: skip
        ("全年办结358件，按办理结果分：予以公开115件、部分公开45件、不予公开39件、无法提供114件、不予处理34件、"
         "其他处理11件，以上六类合计368件。", ["368件"]),  # fmt: skip
        # one of the kinds in another unit: the total cannot be checked
        ("发布政策文件5件、政策解读3件、图片解读2条，以上三类合计10件。", []),
    ],
)
def test_totals_written_after_their_parts(text: str, flagged: list[str]) -> None:
    assert [f.excerpt for f in run(bundled().rule("text-sum"), body(text))] == flagged


def test_a_total_of_n_kinds_expects_the_sum_of_the_last_n_parts() -> None:
    text = "全年办结358件，按办理结果分：予以公开115件、部分公开45件、无法提供114件、其他处理84件，以上四类合计368件。"
    (finding,) = run(bundled().rule("text-sum"), body(text))
    assert (finding.excerpt, finding.expected) == ("368件", "358件")
