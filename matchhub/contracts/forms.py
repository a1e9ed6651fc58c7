"""Web forms of the contract registry: register/edit, cancel, and the import upload.

The forms check presence and length; the registry rules (codes, amounts, dates, region
codes, duplicate numbers) stay in contracts.inputs and services and come back as
ValidationFailed field errors shown on the fields.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from matchhub.contracts.services import AUDITED
from matchhub.contracts.vocabulary import contract_types, ip_types, party_types, type_vocabulary
from matchhub.core.forms import BaseForm, options
from matchhub.core.vocabularies import vocabulary

DATE_INPUT = {"type": "date"}
REGION_HINT = "6 位行政区划代码（GB/T 2260，签订当年使用的省、市或县级代码），如 620100 兰州市"
MONEY_HINT = "单位元，如 1250000；也可写 125万元"
LINK_HINT = "选填，平台内的编号"
REGISTRATION_HINT = ("全国技术合同登记编号为 16 位数字，如 2025620100000123；其他登记系统的编号"
                     "可含字母和连字符（4-32 位，如 GS2025-0001），全角字符和空格会自动整理")


def _subtype_choices() -> list:
    """One option per sub-type code; a code two types share ("other") names both."""
    labels: dict[str, list[str]] = {}
    for kind in contract_types().values():
        for code, label in kind.subtypes.choices():
            labels.setdefault(code, []).append(f"{kind.label} · {label}")
    pairs = [(code, " / ".join(names)) for code, names in labels.items()]
    return options(pairs, "无（技术咨询可不选）")


def _select(label: str, pairs, message: str) -> SelectField:
    return SelectField(label, choices=options(pairs, "请选择"), validate_choice=False,
                       validators=[DataRequired(message)])


def _text(label: str, limit: int, message: str, **kwargs) -> StringField:
    return StringField(label, validators=[DataRequired(message),
                                          Length(max=limit, message=f"不能超过 {limit} 字")],
                       **kwargs)


class ContractForm(BaseForm):
    registration_number = _text("合同登记编号", 32, "请填写合同登记编号",
                                description=REGISTRATION_HINT)
    name = _text("合同名称", 200, "请填写合同名称")
    contract_type = _select("合同类型", [], "请选择合同类型")
    contract_subtype = SelectField("合同子类型", validate_choice=False)
    signed_on = _text("签订日期", 10, "请填写签订日期", render_kw=DATE_INPUT)
    registered_on = _text("登记日期", 10, "请填写登记日期", render_kw=DATE_INPUT)
    volume = _text("合同成交额（元）", 32, "请填写合同成交额", description=MONEY_HINT)
    tech_income = _text("技术交易额（元）", 32, "请填写技术交易额",
                        description="不超过合同成交额")
    seller_name = _text("卖方名称", 200, "请填写卖方名称")
    seller_party_type = _select("卖方性质", [], "请选择卖方性质")
    seller_region_code = _text("卖方地区代码", 6, "请填写卖方地区代码", description=REGION_HINT)
    buyer_name = _text("买方名称", 200, "请填写买方名称")
    buyer_party_type = _select("买方性质", [], "请选择买方性质")
    buyer_region_code = _text("买方地区代码", 6, "请填写买方地区代码", description=REGION_HINT)
    tech_field = _select("技术领域", [], "请选择技术领域")
    ip_type = _select("知识产权类型", [], "请选择知识产权类型")
    achievement_id = StringField("关联成果编号", description=LINK_HINT)
    need_id = StringField("关联需求编号", description=LINK_HINT)
    broker_id = StringField("技术经纪人（用户编号）", description=LINK_HINT)
    seller_org_id = StringField("卖方机构编号", description=LINK_HINT)
    buyer_org_id = StringField("买方机构编号", description=LINK_HINT)
    save = SubmitField("保存")

    FIELDS = tuple(key for key in AUDITED if key != "match_case_id")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.contract_type.choices = options(type_vocabulary().choices(), "请选择")
        self.contract_subtype.choices = _subtype_choices()
        for name in ("seller_party_type", "buyer_party_type"):
            self[name].choices = options(party_types().choices(), "请选择")
        self.tech_field.choices = options(vocabulary("tech_fields").choices(), "请选择")
        self.ip_type.choices = options(ip_types().choices(), "请选择")

    def contract_data(self) -> dict[str, Any]:
        """The values in the shape contracts.inputs cleans."""
        return {name: (self[name].data or "").strip() for name in self.FIELDS}


def _form_value(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal | int):
        return str(value)
    return value or ""


def form_values(values: dict[str, Any]) -> dict[str, str]:
    """services.current_values(contract) as form data for editing."""
    return {key: _form_value(value) for key, value in values.items()}


class CancelForm(BaseForm):
    reason = TextAreaField("撤销原因", validators=[
        DataRequired("请填写撤销原因"), Length(max=2000, message="不能超过 2000 字")])
    cancel = SubmitField("撤销登记")


class ContractImportForm(BaseForm):
    file = FileField("导入文件", validators=[
        FileRequired("请选择要上传的文件"),
        FileAllowed(["csv", "xlsx"], "仅支持 .csv 或 .xlsx 文件"),
    ], description="CSV（UTF-8 或 GBK 编码）或 Excel .xlsx，第 1 行为中文表头。")
    upload = SubmitField("上传并导入")
