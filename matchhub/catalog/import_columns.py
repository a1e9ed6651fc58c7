"""The Chinese column headers of import files and the input keys they feed.

Each import column names the cleaner input key it fills (see catalog/inputs.py) and
the kind of cell it holds, which decides how a cell becomes an input value.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    header: str  # canonical Chinese header, as in the downloadable templates
    key: str  # cleaner input key; "ip_records.<name>" fills the one IP record of a row
    kind: str = "text"  # text | list | money | money_wan | flag | date | trl | code
    aliases: tuple[str, ...] = ()
    in_template: bool = True

    @property
    def names(self) -> tuple[str, ...]:
        return (self.header, *self.aliases)


_CONTACTS = (
    Column("地区代码", "region_code", "code"),
    Column("联系人", "contact_name"),
    Column("联系电话", "contact_phone", "code"),
    Column("联系邮箱", "contact_email"),
)

ACHIEVEMENT_COLUMNS = (
    Column("成果名称", "title"),
    Column("成果简介", "summary"),
    Column("保密详情", "confidential_detail"),
    Column("关键词", "keywords", "list"),
    Column("技术领域", "field"),
    Column("学科", "discipline"),
    Column("成熟度(TRL)", "trl", "trl", aliases=("成熟度",)),
    Column("合作方式", "modes", "list"),
    Column("报价(元)", "asking_price", "money", in_template=False),
    Column("报价(万元)", "asking_price", "money_wan"),
    Column("面议", "price_negotiable", "flag"),
    Column("有效期至", "valid_until", "date"),
    *_CONTACTS,
    Column("知识产权类型", "ip_records.ip_type"),
    Column("知识产权编号", "ip_records.number", "code"),
    Column("知识产权名称", "ip_records.title"),
)

NEED_COLUMNS = (
    Column("需求名称", "title"),
    Column("需求描述", "description"),
    Column("关键词", "keywords", "list"),
    Column("技术领域", "field"),
    Column("成熟度要求", "required_trl", "trl", aliases=("成熟度要求(TRL)",)),
    Column("合作方式", "modes", "list"),
    Column("预算下限(元)", "budget_min", "money", in_template=False),
    Column("预算下限(万元)", "budget_min", "money_wan"),
    Column("预算上限(元)", "budget_max", "money", in_template=False),
    Column("预算上限(万元)", "budget_max", "money_wan"),
    Column("面议", "budget_negotiable", "flag"),
    Column("截止日期", "deadline", "date"),
    *_CONTACTS,
)

COLUMNS: dict[str, tuple[Column, ...]] = {"achievement": ACHIEVEMENT_COLUMNS, "need": NEED_COLUMNS}

# Each group needs at least one of its keys among the file's columns.
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    "achievement": (("title",), ("summary",), ("field",), ("trl",), ("modes",),
                    ("asking_price", "price_negotiable")),
    "need": (("title",), ("description",), ("field",), ("modes",),
             ("budget_min", "budget_max", "budget_negotiable")),
}


def normalise_header(text: object) -> str:
    """Full-width brackets to ASCII, no spaces, no trailing required-marker asterisk."""
    value = str(text or "").replace("（", "(").replace("）", ")")
    value = "".join(value.split())
    return value.rstrip("*＊")


def find_column(item_type: str, header: str) -> Column | None:
    for column in COLUMNS[item_type]:
        if header in column.names:
            return column
    return None


def template_headers(item_type: str) -> list[str]:
    return [c.header for c in COLUMNS[item_type] if c.in_template]


def headers_for_key(item_type: str, key: str) -> list[str]:
    return [c.header for c in COLUMNS[item_type] if c.key == key]
