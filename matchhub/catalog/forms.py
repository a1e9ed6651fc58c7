"""Web forms for achievements and needs, workflow steps and detail-access requests.

The forms check presence and length; the domain rules (money, dates, codes, IP
numbers) stay in catalog.inputs and come back as ValidationFailed field errors.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from matchhub.core.forms import BaseForm, MultiCheckboxField, options
from matchhub.core.regions import region_choices
from matchhub.core.vocabularies import trl_levels, vocabulary

IP_ROWS = 3
DATE_INPUT = {"type": "date"}


def _choices(name: str, blank: str | None = None) -> list:
    return options(vocabulary(name).choices(), blank)


def _trl_choices(blank: str | None) -> list:
    return options([(str(t.level), f"{t.label} {t.description}") for t in trl_levels().values()],
                   blank)


def _limit(n: int) -> Length:
    return Length(max=n, message=f"不能超过 {n} 字")


def iso_date(form, field) -> None:
    """A YYYY-MM-DD text; leaves the parsed date on ``field.date``."""
    field.date = None
    if not field.data:
        return
    try:
        field.date = dt.date.fromisoformat(field.data.strip())
    except ValueError:
        raise ValidationError("日期格式应为 YYYY-MM-DD") from None


class IPRecordForm(Form):
    ip_type = SelectField("类型", choices=_choices("ip_types", "—"), validate_choice=False)
    number = StringField("编号", validators=[Optional(), _limit(64)])
    title = StringField("名称", validators=[Optional(), _limit(200)])


class ListingForm(BaseForm):
    title = StringField("标题", validators=[DataRequired("请填写标题"), _limit(200)])
    keywords = StringField("关键词", description="以逗号分隔，最多 20 个")
    field = SelectField("技术领域", choices=_choices("tech_fields", "请选择"),
                        validators=[DataRequired("请选择技术领域")], validate_choice=False)
    modes = MultiCheckboxField("合作方式", choices=_choices("transfer_modes"),
                               validators=[DataRequired("请至少选择一种合作方式")],
                               validate_choice=False)
    region_code = SelectField("所在地区", choices=options(region_choices()),
                              validate_choice=False)
    contact_name = StringField("联系人", validators=[_limit(100)])
    contact_phone = StringField("联系电话", validators=[_limit(32)])
    contact_email = StringField("联系邮箱", validators=[_limit(254)])
    save = SubmitField("保存草稿")
    save_submit = SubmitField("保存并提交审核")

    TEXT_FIELDS = ("title", "keywords", "field", "modes", "region_code", "contact_name",
                   "contact_phone", "contact_email")

    def listing_data(self) -> dict[str, Any]:
        """The values in the shape catalog.inputs cleans."""
        return {name: self[name].data for name in self.TEXT_FIELDS}


class AchievementForm(ListingForm):
    summary = TextAreaField("成果简介", validators=[DataRequired("请填写成果简介"), _limit(5000)])
    confidential_detail = TextAreaField(
        "详细技术资料（保密）", validators=[_limit(20000)],
        description="仅您本机构、平台管理员和经您授权的用户可以查看")
    discipline = StringField("学科", validators=[_limit(100)])
    trl = SelectField("技术成熟度", choices=_trl_choices("请选择"),
                      validators=[DataRequired("请选择技术成熟度")], validate_choice=False)
    asking_price = StringField("报价（元）", description="可写 500000 或 50万；选择面议则不填")
    price_negotiable = BooleanField("面议")
    valid_until = StringField("有效期至", render_kw=DATE_INPUT, description="留空则默认一年")
    ip_records = FieldList(FormField(IPRecordForm), min_entries=IP_ROWS, max_entries=IP_ROWS)

    TEXT_FIELDS = (*ListingForm.TEXT_FIELDS, "summary", "confidential_detail", "discipline",
                   "trl", "asking_price", "price_negotiable", "valid_until")

    def listing_data(self) -> dict[str, Any]:
        data = super().listing_data()
        rows = self.ip_rows()
        data["ip_records"] = [record for _, record in rows]
        return data

    def ip_rows(self) -> list[tuple[int, dict[str, str]]]:
        """(row index, record) of the IP rows that are not blank."""
        rows = [(i, entry.data) for i, entry in enumerate(self.ip_records.entries)]
        return [(i, r) for i, r in rows if any(str(v or "").strip() for v in r.values())]


class NeedForm(ListingForm):
    description = TextAreaField("需求描述", validators=[DataRequired("请填写需求描述"),
                                                    _limit(5000)])
    required_trl = SelectField("期望成熟度", choices=_trl_choices("不限"), validate_choice=False)
    budget_min = StringField("预算下限（元）", description="可写 100000 或 10万")
    budget_max = StringField("预算上限（元）")
    budget_negotiable = BooleanField("面议")
    deadline = StringField("截止日期", render_kw=DATE_INPUT, description="留空则默认一年")

    TEXT_FIELDS = (*ListingForm.TEXT_FIELDS, "description", "required_trl", "budget_min",
                   "budget_max", "budget_negotiable", "deadline")


FORMS = {"achievement": AchievementForm, "need": NeedForm}


def _form_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return str(value)
    return "" if value is None else value


def form_values(values: dict[str, Any]) -> dict[str, Any]:
    """services.current_values(item) turned into form data for editing."""
    data = {key: _form_value(value) for key, value in values.items()
            if key not in {"keywords", "modes", "ip_records"}}
    data["keywords"] = "，".join(values.get("keywords") or [])
    data["modes"] = list(values.get("modes") or [])
    if "ip_records" in values:
        data["ip_records"] = list(values["ip_records"])
    return data


class RejectForm(BaseForm):
    reason = TextAreaField("驳回理由", validators=[DataRequired("驳回时必须填写理由"),
                                               _limit(2000)])


class RenewForm(BaseForm):
    new_end = StringField("新的截止日期", render_kw=DATE_INPUT,
                          validators=[DataRequired("请选择新的截止日期"), iso_date])


class AccessRequestForm(BaseForm):
    message = TextAreaField("留言（选填）", validators=[_limit(1000)],
                            description="说明您的单位和用途，便于成果方审核")


class ImportForm(BaseForm):
    item_type = RadioField("导入类型")
    file = FileField("导入文件", validators=[
        FileRequired("请选择要上传的文件"),
        FileAllowed(["csv", "xlsx"], "仅支持 .csv 或 .xlsx 文件"),
    ], description="CSV（UTF-8 或 GBK 编码）或 Excel .xlsx，第 1 行为中文表头。")
    submit_for_review = BooleanField("导入后逐条提交审核")
    upload = SubmitField("上传并导入")
