"""Contract inputs and import files for the contract and zone tests."""

import datetime as dt

CSV_HEADERS = ["合同登记编号", "合同名称", "合同类型", "合同子类型", "签订日期", "登记日期",
               "成交额(元)", "技术交易额(元)", "卖方名称", "卖方性质", "卖方地区代码", "买方名称",
               "买方性质", "买方地区代码", "技术领域", "知识产权类型"]

TODAY = dt.date(2026, 11, 28)
# The smallest file puremagic names PDF: the signed contract a submitter uploads.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def contract_input(n: int = 1, **changes) -> dict:
    data = {
        "registration_number": f"2016620100{n:06d}",
        "name": f"马铃薯脱毒种薯繁育技术开发合同{n}",
        "contract_type": "development",
        "contract_subtype": "entrusted",
        "signed_on": dt.date(2016, 3, 1),
        "registered_on": dt.date(2016, 3, 15),
        "volume": "1250000.50",
        "tech_income": "1000000.00",
        "seller_name": "兰州大学",
        "seller_party_type": "university",
        "seller_region_code": "620100",
        "buyer_name": "定西马铃薯产业公司",
        "buyer_party_type": "enterprise_llc",
        "buyer_region_code": "621100",
        "tech_field": "agriculture",
        "ip_type": "patent",
    }
    data.update(changes)
    return data


def csv_row(n: int = 1, **changes) -> list:
    row = {
        "合同登记编号": f"2016620100{n:06d}", "合同名称": f"马铃薯脱毒种薯繁育技术开发合同{n}",
        "合同类型": "技术开发", "合同子类型": "委托开发", "签订日期": "2016-03-01",
        "登记日期": "2016/3/15", "成交额(元)": "1,250,000.50", "技术交易额(元)": "1000000",
        "卖方名称": "兰州大学", "卖方性质": "高等院校", "卖方地区代码": "620100",
        "买方名称": "定西马铃薯产业公司", "买方性质": "有限责任公司", "买方地区代码": "621100",
        "技术领域": "农业", "知识产权类型": "专利",
    }
    row.update(changes)
    return [row[h] for h in CSV_HEADERS]
