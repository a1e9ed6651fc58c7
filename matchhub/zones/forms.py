"""Web forms of the zone programme: the construction plan, its review, yearly reports and
the final assessment."""

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
from matchhub.zones.workflow import CONCLUSIONS


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
