"""Web forms of the zones: the programme's (construction plan, its review, yearly reports,
the final assessment) and the entry page's, one per kind of entry, each with its own
prefix so that several live on one page. Domain rules (units, ranges, evidence type and
size) stay in the services and come back as field errors."""

from flask_wtf.file import FileAllowed, FileField
from wtforms import (
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from matchhub.core.forms import BaseForm, options
from matchhub.zones.entries.recording import EVIDENCE_TYPES
from matchhub.zones.entries.sheet import target_names
from matchhub.zones.indicators import by_source, reported_input_codes
from matchhub.zones.official.periods import CALIBERS, PERIODS
from matchhub.zones.programme.status import CONCLUSIONS


class PlanForm(BaseForm):
    title = StringField("方案名称", validators=[DataRequired("请填写方案名称"), Length(max=200)])
    start_year = IntegerField("建设期起始年", validators=[DataRequired("请填写年份")])
    end_year = IntegerField("建设期结束年", validators=[DataRequired("请填写年份")],
                            description="建设期原则上为 2 至 3 年")
    target_volume = StringField("建设期末技术合同成交额目标（万元）", validators=[Optional()],
                                description="批准后记为结束年的目标")
    document = FileField("建设方案文件", validators=[
        FileAllowed(["pdf", "docx"], "仅支持 PDF 或 Word（.docx）文件")],
        description="按附件1编写提纲编制的建设方案（PDF 或 .docx）")
    save = SubmitField("保存草稿")
    save_submit = SubmitField("保存并提交省科技厅审核")


class ReviewForm(BaseForm):
    decision = RadioField("审核结论", choices=options([("approve", "批准建设"),
                                                  ("return", "退回修改")]),
                          validators=[DataRequired("请选择审核结论")])
    note = TextAreaField("审核意见", validators=[Length(max=5000)])
    submit = SubmitField("提交审核结论")


class YearReportForm(BaseForm):
    year = SelectField("报告年度", coerce=int)
    document = FileField("报告文件（可选）", validators=[
        FileAllowed(["pdf", "docx", "doc"], "仅支持 PDF 或 Word 文件")],
        description="不上传时报送平台生成的年度建设情况报告（DOCX）")
    note = TextAreaField("说明", validators=[Length(max=5000)])
    submit = SubmitField("报送年度建设情况")


class StartAssessmentForm(BaseForm):
    submit = SubmitField("开始总结评估")


class AssessmentForm(BaseForm):
    conclusion = SelectField("评估结论", choices=options(CONCLUSIONS.items(), blank="请选择"))
    score = StringField("评估得分（0-100）", validators=[Optional()])
    note = TextAreaField("评估意见", validators=[Length(max=5000)])
    submit = SubmitField("记录评估结果")


def _limit(n: int) -> Length:
    return Length(max=n, message=f"不能超过 {n} 字")


def _policy_choices() -> list:
    return options([(i.code, i.name) for i in by_source("qualitative")], "请选择")


class ReportValueForm(BaseForm):
    code = SelectField("指标", validate_choice=False,
                       validators=[DataRequired("请选择要填报的指标")])
    value = StringField("数值", validators=[DataRequired("请填写数值"), _limit(32)],
                        description="金额按元填写（也可写 125万元）；百分比填 0-100")
    source_note = TextAreaField("数据来源", validators=[DataRequired("请注明数据来源"),
                                                    _limit(2000)],
                                description="如统计公报、部门文件及其文号")
    evidence = FileField("证明材料（选填）", description="支持 " + "、".join(
        sorted(t.lstrip(".").upper() for t in EVIDENCE_TYPES)))
    submit = SubmitField("保存填报")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="value", **kwargs)
        self.code.choices = options([(code, f"{name}（{unit}）") for code, (_i, name, unit)
                                     in reported_input_codes().items()], "请选择")


class PolicyTextForm(BaseForm):
    code = SelectField("政策环境指标", validate_choice=False,
                       validators=[DataRequired("请选择指标")])
    text = TextAreaField("落实情况", validators=[DataRequired("请填写落实情况"), _limit(20000)])
    submit = SubmitField("保存说明")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="policy", **kwargs)
        self.code.choices = _policy_choices()


class PolicyScoreForm(BaseForm):
    code = SelectField("政策环境指标", validate_choice=False,
                       validators=[DataRequired("请选择指标")])
    score = StringField("评分", validators=[DataRequired("请填写评分"), _limit(8)])
    submit = SubmitField("保存评分")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="score", **kwargs)
        self.code.choices = _policy_choices()


class FeaturedForm(BaseForm):
    name = StringField("特色指标名称", validators=[DataRequired("请填写指标名称"), _limit(200)])
    unit = StringField("单位", validators=[_limit(20)], description="金额请用“元”")
    target = StringField("目标值（选填）", validators=[_limit(32)])
    value = StringField("完成值（选填）", validators=[_limit(32)])
    source_note = TextAreaField("数据来源（选填）", validators=[_limit(2000)])
    submit = SubmitField("保存特色指标")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="featured", **kwargs)


class TargetForm(BaseForm):
    key = SelectField("目标指标", validate_choice=False, validators=[DataRequired("请选择指标")])
    value = StringField("目标值", validators=[DataRequired("请填写目标值"), _limit(32)])
    note = TextAreaField("说明（选填）", validators=[_limit(2000)])
    submit = SubmitField("保存目标")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="target", **kwargs)
        self.key.choices = options(list(target_names().items()), "请选择")


ENTRY_FORMS = {"values": ReportValueForm, "policies": PolicyTextForm, "scores": PolicyScoreForm,
               "featured": FeaturedForm, "targets": TargetForm}


class OfficialFigureForm(BaseForm):
    """A published 技术合同成交额/合同数 of a zone or the province (official figures)."""

    year = StringField("年度", validators=[DataRequired("请填写年度")])
    period = SelectField("期间", choices=options(PERIODS.items()), default="Y")
    caliber = SelectField("口径", choices=options(CALIBERS.items()), default="output")
    volume = StringField("技术合同成交额（元）", validators=[Optional(), Length(max=32)],
                         description="单位元，如 1508100000；也可写 150.81亿元 或 125万元")
    contract_count = StringField("技术合同数（项）", validators=[Optional(), Length(max=12)])
    published_on = StringField("发布日期", validators=[Optional(), Length(max=10)],
                               render_kw={"type": "date"},
                               description="用于区分发布后的补登、更正和撤销")
    source_note = TextAreaField("数据来源", validators=[Length(max=2000)],
                                description="发布单位、文件名称或报道，"
                                            "如 科技部《全国技术市场统计年度报告》")
    source_url = StringField("来源网址", validators=[Optional(), Length(max=500)])
    evidence = FileField("证明材料", validators=[
        FileAllowed([ext.lstrip(".") for ext in EVIDENCE_TYPES],
                    "证明材料仅支持 PDF、图片、Word、Excel 文件")])
    submit = SubmitField("保存官方发布数据")

    FIELDS = ("year", "period", "caliber", "volume", "contract_count", "published_on",
              "source_note", "source_url")

    def figure_data(self) -> dict:
        return {name: self[name].data for name in self.FIELDS}
