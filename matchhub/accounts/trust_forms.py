"""Forms of the membership and verification pages."""

from flask_wtf.file import FileField
from wtforms import DateField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from matchhub.accounts.memberships import JOINABLE_ROLES
from matchhub.core.forms import BaseForm, options
from matchhub.core.vocabularies import vocabulary

EVIDENCE_HINT = "PDF、PNG 或 JPG，不超过 8 MB"


class JoinForm(BaseForm):
    org_id = SelectField("申请加入的机构", choices=[], validate_choice=False,
                         validators=[DataRequired("请选择机构")])
    role = SelectField("申请的身份", validators=[DataRequired("请选择身份")], choices=options(
        [(r, vocabulary("roles").label(r)) for r in JOINABLE_ROLES], "请选择"))


class DecisionForm(BaseForm):
    decision = RadioField("决定", validators=[DataRequired("请选择通过或拒绝")],
                          choices=options([("approve", "通过"), ("refuse", "拒绝"),
                                           ("revoke", "撤销认证")]))
    reason = TextAreaField("理由（拒绝或撤销时必填）", validators=[
        Optional(), Length(max=500, message="不能超过 500 字")])
    valid_to = DateField("有效期至（选填）", validators=[Optional()])


class LicenceForm(BaseForm):
    evidence = FileField("营业执照或事业单位法人证书", description=EVIDENCE_HINT)


class CredentialForm(BaseForm):
    level = SelectField("经纪人等级", validators=[DataRequired("请选择等级")],
                        choices=options(vocabulary("broker_levels").choices(), "请选择"))
    certificate_no = StringField("职业化技术经纪人证书编号", validators=[
        DataRequired("请填写证书编号"), Length(max=64, message="不能超过 64 位")])
    issuer = StringField("发证机构", validators=[
        DataRequired("请填写发证机构"), Length(max=200, message="不能超过 200 字")])
    issued_on = DateField("发证日期", validators=[DataRequired("请填写发证日期")])
    expires_on = DateField("有效期至（选填）", validators=[Optional()])
    evidence = FileField("证书扫描件", description=EVIDENCE_HINT)


class DesignationForm(BaseForm):
    level = SelectField("认定类别", validators=[DataRequired("请选择认定类别")],
                        choices=options(vocabulary("institution_levels").choices(), "请选择"))
    batch = StringField("批次（选填）", description="例如：第五批",
                        validators=[Length(max=50, message="不能超过 50 字")])
    year = IntegerField("认定年份", validators=[DataRequired("请填写认定年份")])
    evidence = FileField("认定文件", description=EVIDENCE_HINT)
