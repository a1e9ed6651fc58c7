"""Forms of the zone entry page: one per kind of entry, each with its own prefix so that
several live on one page. Domain rules (units, ranges, evidence type and size) stay in
zones.entries and come back as field errors."""

from flask_wtf.file import FileField
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from matchhub.core.forms import BaseForm, options
from matchhub.zones.entries import EVIDENCE_TYPES
from matchhub.zones.entry_sheet import target_names
from matchhub.zones.indicators import by_source, reported_input_codes


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


FORMS = {"values": ReportValueForm, "policies": PolicyTextForm, "scores": PolicyScoreForm,
         "featured": FeaturedForm, "targets": TargetForm}
