"""The contract ledger of tests.contracts.helpers as other systems export it: other
headers, an extra column, and a column that looks like a field."""

from tests.contracts.helpers import CSV_HEADERS, csv_row

# template header -> the other system's header
OTHER = {"合同登记编号": "登记编号", "合同类型": "合同类别", "合同子类型": "合同子类别",
         "签订日期": "签订时间", "登记日期": "登记时间", "成交额(元)": "成交金额(元)",
         "技术交易额(元)": "技术交易金额(元)", "卖方性质": "卖方单位性质",
         "卖方地区代码": "卖方所在地区代码", "买方性质": "买方单位性质",
         "买方地区代码": "买方所在地区代码", "知识产权类型": "知识产权"}
EXTRA = ["经办人", "卖方名称(简称)"]  # unknown; look-alike of 卖方名称
HEADERS = [OTHER.get(h, h) for h in CSV_HEADERS] + EXTRA
# What a user confirms: the suggestion, i.e. each field on its other header.
MAP = {h: OTHER.get(h, h) for h in CSV_HEADERS}


def other_row(n: int = 1, **changes) -> list:
    return [*csv_row(n, **changes), "张三", "兰大"]
