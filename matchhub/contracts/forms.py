"""Web forms of the contract registry: register/edit, cancel, and the import upload.

The forms check presence and length; the registry rules (codes, amounts, dates, region
codes, duplicate numbers) stay in contracts.inputs and services and come back as
ValidationFailed field errors shown on the fields.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from matchhub.contracts.services import AUDITED
from matchhub.contracts.vocabulary import contract_types, ip_types, party_types, type_vocabulary
from matchhub.core.countries import country_choices
from matchhub.core.forms import BaseForm, options
from matchhub.core.regions import zones
from matchhub.core.vocabularies import vocabulary

DATE_INPUT = {"type": "date"}
REGION_HINT = ("依次选择省、市、县（签订当年的行政区划）；境外一方选“境外”再选国别。"
               "未启用脚本时填 6 位行政区划代码（GB/T 2260），如 620100 兰州市")
COUNTRY_HINT = "仅境外一方填写（登记表的 3 位国别代码，如 840 美国）；境内一方不选"
MONEY_HINT = "单位元，如 1250000；也可写 125万元"
LINK_HINT = "选填，平台内的编号"
REGISTRATION_HINT = ("全国技术合同登记编号为 16 位数字，如 2025620100000123；其他登记系统的编号"
                     "可含字母和连字符（4-32 位，如 GS2025-0001），全角字符和空格会自动整理")
EVIDENCE_HINT = ("PDF 或扫描图片，不超过 8 MB。提交后由卖方所在示范区的技术合同登记员认定登记，"
                 "认定前不计入任何统计")


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


def _region(label: str, side: str) -> StringField:
    """A region code; the cascading picker (static/js/region_picker.js) shows names. Blank
    for a party abroad (the country then)."""
    return StringField(label, validators=[Length(max=6, message="应为 6 位行政区划代码")],
                       description=REGION_HINT, render_kw={
                           "data-region-picker": "", "data-year-field": "signed_on",
                           "data-country-field": f"{side}_country", "autocomplete": "off"})


def _country(label: str) -> SelectField:
    return SelectField(label, choices=options(country_choices(), "境内（不选）"),
                       validate_choice=False, description=COUNTRY_HINT)


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
    seller_region_code = _region("卖方所在地区", "seller")
    seller_country = _country("卖方国别（境外）")
    buyer_name = _text("买方名称", 200, "请填写买方名称")
    buyer_party_type = _select("买方性质", [], "请选择买方性质")
    buyer_region_code = _region("买方所在地区", "buyer")
    buyer_country = _country("买方国别（境外）")
    tech_field = _select("技术领域", [], "请选择技术领域")
    ip_type = _select("知识产权类型", [], "请选择知识产权类型")
    achievement_id = StringField("关联成果编号", description=LINK_HINT)
    need_id = StringField("关联需求编号", description=LINK_HINT)
    broker_id = StringField("技术经纪人（用户编号）", description=LINK_HINT)
    seller_org_id = StringField("卖方机构编号", description=LINK_HINT)
    buyer_org_id = StringField("买方机构编号", description=LINK_HINT)
    evidence = FileField("已签订的合同文本", validators=[
        FileAllowed(["pdf", "png", "jpg", "jpeg"], "合同文本仅支持 PDF、PNG、JPG 文件")],
        description=EVIDENCE_HINT)
    reason = TextAreaField("更正原因", validators=[Length(max=2000, message="不能超过 2000 字")],
                           description="更正已认定登记的合同时必填，记入修改记录")
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


class ConfirmForm(BaseForm):
    registration_number = StringField("合同登记编号", validators=[
        DataRequired("请填写合同登记编号"), Length(max=32, message="不能超过 32 字")],
        description="认定登记时确认或改为登记机构给出的编号")
    confirm = SubmitField("认定登记（计入统计）")


class ReturnForm(BaseForm):
    PREFIX = "return"  # its reason field shares the page with the cancel form's

    reason = TextAreaField("退回原因", validators=[
        DataRequired("请填写退回原因"), Length(max=2000, message="不能超过 2000 字")])
    send_back = SubmitField("退回修改")


class ContractImportForm(BaseForm):
    file = FileField("导入文件", validators=[
        FileRequired("请选择要上传的文件"),
        FileAllowed(["csv", "xlsx"], "仅支持 .csv 或 .xlsx 文件"),
    ], description="CSV（UTF-8 或 GBK 编码）或 Excel .xlsx，第 1 行为中文表头。")
    # A saved column map for a file with other headers; the view fills the choices.
    map_name = SelectField("列映射", choices=[], validate_choice=False,
                           description="表头与模板不同时：选择已保存的列映射；不选则在上传后逐列对应。")
    apply_corrections = BooleanField(
        "按文件更正已登记的合同", description="登记编号已存在而内容不同的行，按文件内容更正该合同"
                                            "（须有权修改该合同，记入合同历史）；不选则报错。")
    upload = SubmitField("上传并导入")


class OfficerForm(BaseForm):
    email = StringField("登记员账号邮箱", validators=[
        DataRequired("请填写账号邮箱"), Length(max=254, message="不能超过 254 字")],
        description="须为示范区管理员账号")
    zone_code = SelectField("示范区", validate_choice=False,
                            validators=[DataRequired("请选择示范区")])
    office_name = StringField("登记机构", validators=[
        DataRequired("请填写登记机构名称"), Length(max=200, message="不能超过 200 字")],
        description="如 兰州市技术市场管理办公室")
    appoint = SubmitField("任命")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone_code.choices = options([(z.code, z.name) for z in zones().values()], "请选择")
