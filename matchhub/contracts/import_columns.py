"""The Chinese column headers of contract import files (技术合同登记表) and their input keys."""

from matchhub.catalog.import_columns import Column, normalise_header

COLUMNS = (
    Column("合同登记编号", "registration_number", "code", aliases=("登记编号",)),
    Column("合同名称", "name"),
    Column("合同类型", "contract_type"),
    Column("合同子类型", "contract_subtype"),
    Column("签订日期", "signed_on", "date"),
    Column("登记日期", "registered_on", "date"),
    Column("成交额(元)", "volume", "money", aliases=("合同成交额(元)",)),
    Column("成交额(万元)", "volume", "money_wan", aliases=("合同成交额(万元)",), in_template=False),
    Column("技术交易额(元)", "tech_income", "money"),
    Column("技术交易额(万元)", "tech_income", "money_wan", in_template=False),
    Column("卖方名称", "seller_name"),
    Column("卖方性质", "seller_party_type", aliases=("卖方类型",)),
    Column("卖方地区代码", "seller_region_code", "code"),
    Column("买方名称", "buyer_name"),
    Column("买方性质", "buyer_party_type", aliases=("买方类型",)),
    Column("买方地区代码", "buyer_region_code", "code"),
    Column("技术领域", "tech_field"),
    Column("知识产权类型", "ip_type"),
)

# Each group needs one of its keys among the file's columns.
REQUIRED = tuple((c.key,) for c in COLUMNS if c.in_template and c.key != "contract_subtype")


def find_column(header: str) -> Column | None:
    name = normalise_header(header)
    return next((c for c in COLUMNS if name in c.names), None)


def template_headers() -> list[str]:
    return [c.header for c in COLUMNS if c.in_template]


def headers_for_key(key: str) -> list[str]:
    return [c.header for c in COLUMNS if c.key == key]
