"""Web forms for signing in, registering and API tokens."""

from email_validator import EmailNotValidError
from wtforms import BooleanField, PasswordField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, ValidationError

from matchhub.accounts.services import SELF_SERVICE_ROLES, normalise_email
from matchhub.accounts.strength import MIN_LENGTH
from matchhub.accounts.tokens import SCOPES
from matchhub.core.forms import BaseForm, MultiCheckboxField, options
from matchhub.core.regions import home_province, region_choices
from matchhub.core.vocabularies import vocabulary


def valid_email(form, field) -> None:
    try:
        normalise_email(field.data or "")
    except EmailNotValidError:
        raise ValidationError("邮箱格式无效") from None


class LoginForm(BaseForm):
    email = StringField("邮箱", validators=[DataRequired("请填写邮箱")])
    password = PasswordField("密码", validators=[DataRequired("请填写密码")])
    remember = BooleanField("在此设备上保持登录")


def _role_choices() -> list:
    return options([(role, vocabulary("roles").label(role)) for role in SELF_SERVICE_ROLES])


class RegisterForm(BaseForm):
    display_name = StringField("姓名", validators=[
        DataRequired("请填写姓名"), Length(max=100, message="不能超过 100 字")])
    email = StringField("邮箱", validators=[DataRequired("请填写邮箱"), valid_email])
    phone = StringField("手机（选填）", validators=[
        Optional(), Length(max=32, message="不能超过 32 位")])
    password = PasswordField("密码", validators=[
        DataRequired("请填写密码"), Length(min=MIN_LENGTH, message=f"密码至少 {MIN_LENGTH} 位")])
    password_confirm = PasswordField("确认密码", validators=[
        DataRequired("请再次输入密码"), EqualTo("password", message="两次输入的密码不一致")])
    role = RadioField("注册身份", choices=_role_choices(), validators=[DataRequired("请选择身份")])
    org_mode = RadioField("所属机构", default="existing", validators=[DataRequired("请选择")],
                          choices=options([("existing", "选择已登记的机构"),
                                           ("new", "登记新机构")]))
    org_id = SelectField("已登记的机构", choices=[], validate_choice=False)
    org_name = StringField("机构名称", validators=[Length(max=200, message="不能超过 200 字")])
    org_credit_code = StringField("统一社会信用代码", description="18 位，例如 91620100MA000000X0")
    org_kind = SelectField("机构类型", validate_choice=False,
                           choices=options(vocabulary("org_kinds").choices(), "请选择"))
    org_region = SelectField("所在地区", choices=options(region_choices()),
                             default=home_province().code, validate_choice=False)

    def set_organisations(self, organisations) -> None:
        choices = [(str(o.id), f"{o.name}（{vocabulary('org_kinds').label(o.kind)}）")
                   for o in organisations]
        self.org_id.choices = options(choices, "请选择机构")

    def validate_org_id(self, field) -> None:
        if self.org_mode.data == "existing" and not (field.data or "").isdigit():
            raise ValidationError("请选择所属机构")

    def validate_org_name(self, field) -> None:
        if self.org_mode.data == "new" and not (field.data or "").strip():
            raise ValidationError("请填写机构名称")

    def validate_org_credit_code(self, field) -> None:
        if self.org_mode.data == "new" and not (field.data or "").strip():
            raise ValidationError("请填写统一社会信用代码")

    def validate_org_kind(self, field) -> None:
        if self.org_mode.data == "new" and not field.data:
            raise ValidationError("请选择机构类型")


class TokenForm(BaseForm):
    name = StringField("令牌名称", validators=[
        DataRequired("请填写令牌名称"), Length(max=100, message="不能超过 100 字")],
        description="例如：数据同步脚本")
    scopes = MultiCheckboxField("权限范围", validators=[DataRequired("请至少选择一个权限范围")])

    def set_scopes(self, reviewer: bool) -> None:
        self.scopes.choices = options([(code, f"{code}：{label}") for code, label in SCOPES.items()
                                       if reviewer or code != "review"])


def _new_password_fields():
    """A new password and its repetition (strength is checked by the service)."""
    hint = f"至少 {MIN_LENGTH} 位；不要使用常见密码或自己的邮箱、姓名、手机号、机构名称。"
    return (PasswordField("新密码", validators=[DataRequired("请填写新密码")], description=hint),
            PasswordField("确认新密码", validators=[
                DataRequired("请再次输入新密码"),
                EqualTo("new_password", message="两次输入的密码不一致")]))


class ChangePasswordForm(BaseForm):
    current_password = PasswordField("当前密码", validators=[DataRequired("请填写当前密码")])
    new_password, new_password_confirm = _new_password_fields()


class ResetPasswordForm(BaseForm):
    new_password, new_password_confirm = _new_password_fields()


class ForgotPasswordForm(BaseForm):
    email = StringField("注册邮箱", validators=[DataRequired("请填写邮箱"), valid_email])
