"""Independent check: a ledger with parties anywhere in China (county codes of other
provinces), group-level party types, official sub-type names and form codes, a party
abroad and contracts registered in other provinces (外省登记) is imported half through
the command line and half through the API; ``matchhub zones report --json`` must give
the figures computed here from the rows alone, without the application's own helpers."""

import csv
import io
import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from tests.api.helpers import bearer
from tests.contracts.people import platform_admin

YEAR = 2024
CONFIG = Path(__file__).resolve().parents[2] / "config" / "zones.json"
HEADERS = ["合同登记编号", "合同名称", "合同类型", "合同子类型", "签订日期", "登记日期",
           "成交额(元)", "技术交易额(元)", "卖方名称", "卖方性质", "卖方地区代码", "买方名称",
           "买方性质", "买方地区代码", "买方国别", "技术领域", "知识产权类型"]
# seller region, buyer region ("" = abroad, see the buyer country), party types as
# ledgers write them (group level, form codes, labels)
PARTIES = [
    ("620102", "110108", "内资企业", "事业单位"),      # 城关区 -> 海淀区
    ("620171", "610113", "企业", "高等院校"),          # 兰州新区 (zone) -> 雁塔区
    ("620402", "620102", "0211", "有限责任公司"),      # 白银区 -> 城关区
    ("621102", "320102", "事业单位", "400"),           # 安定区 -> 玄武区, an individual
    ("110108", "620102", "高等院校", "私营企业"),      # 外省登记: 海淀区 -> 城关区
    ("610113", "620502", "科研机构", "企业"),          # 外省登记: 雁塔区 -> 秦州区
    ("320102", "440305", "内资企业", "内资企业"),      # 外省登记, buyer outside too
    ("620100", "", "高等院校", "外商投资企业"),        # buyer abroad (840)
    ("622901", "620000", "其他组织", "机关"),          # 临夏市 -> the province itself
    ("620000", "620802", "社会团体", "个人"),          # province, no zone -> 崆峒区
]
KINDS = [("技术开发", "委托开发"), ("技术许可", "技术秘密使用许可"), ("技术转让", "专利权"),
         ("技术服务", "技术培训"), ("技术咨询", ""), ("技术许可", "专利实施许可")]


def ledger(count: int = 40) -> list[dict]:
    rows = []
    for i in range(count):
        seller, buyer, seller_type, buyer_type = PARTIES[i % len(PARTIES)]
        kind, sub = KINDS[i % len(KINDS)]
        year = YEAR - 1 if i % 9 == 8 else YEAR  # some of the year before: not counted
        day = f"{year}-{1 + i % 12:02d}-{1 + i % 27:02d}"
        volume = Decimal(10_000 + (i * 7919) % 900_000) + Decimal(i % 100) / 100
        rows.append({
            "合同登记编号": f"gs{YEAR}-{i:04d}", "合同名称": f"合同{i}", "合同类型": kind,
            "合同子类型": sub, "签订日期": day, "登记日期": day, "成交额(元)": str(volume),
            "技术交易额(元)": str(volume), "卖方名称": f"卖方{i}", "卖方性质": seller_type,
            "卖方地区代码": seller, "买方名称": f"买方{i}", "买方性质": buyer_type,
            "买方地区代码": buyer, "买方国别": "" if buyer else "840", "技术领域": "电子信息",
            "知识产权类型": "专利"})
    return rows


def csv_file(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, HEADERS)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def expected(rows: list[dict]) -> dict:
    """Volumes and counts by zone and caliber, from the rows and config/zones.json."""
    config = json.loads(CONFIG.read_text(encoding="utf-8"))
    zone_codes = {z["code"] for z in config["zones"]}
    province = config["province"]["code"][:2]

    def zone_of(code: str) -> str:
        if code in zone_codes:
            return code
        return code[:4] + "00" if code[:4] + "00" in zone_codes else ""

    figures: dict = defaultdict(lambda: [0, Decimal(0)])
    for row in rows:
        if not row["登记日期"].startswith(str(YEAR)):
            continue
        volume = Decimal(row["成交额(元)"])
        for caliber, code in (("output", row["卖方地区代码"]), ("absorbed", row["买方地区代码"])):
            if not code.startswith(province):
                continue  # another province or abroad: in none of this province's figures
            for scope in {zone_of(code), "province"} - {""}:
                figures[scope, caliber][0] += 1
                figures[scope, caliber][1] += volume
    return figures


def reported(output: str) -> dict:
    report = json.loads(output)
    figures = {}
    for scope in [*report["zones"], {**report["province"], "code": "province"}]:
        values = scope["indicators"]
        for caliber in ("output", "absorbed"):
            figures[scope["code"], caliber] = [
                values[f"contract_count_{caliber}"]["value"],
                Decimal(values[f"contract_volume_{caliber}"]["value"])]
    return figures


def test_cli_and_api_imports_report_the_independent_figures(client, runner, tmp_path):
    rows = ledger()
    first = tmp_path / "ledger-a.csv"
    first.write_bytes(csv_file(rows[:20]))
    imported = runner.invoke(args=["contracts", "import", str(first)])
    assert imported.exit_code == 0, imported.output
    assert "新登记 20 份" in imported.output
    headers = bearer(platform_admin(), ["contracts:read", "contracts:write"])
    response = client.post("/api/v1/contracts/import", headers=headers,
                           content_type="multipart/form-data",
                           data={"file": (io.BytesIO(csv_file(rows[20:])), "ledger-b.csv")})
    # A background job (run at once in tests): its report says what it registered.
    assert response.status_code == 202, response.get_json()
    job = response.get_json()
    assert job["status"] == "succeeded" and job["report"]["created"] == 20
    result = runner.invoke(args=["zones", "report", "--year", str(YEAR), "--json"])
    assert result.exit_code == 0, result.output
    got = reported(result.output)
    want = expected(rows)
    for key, figure in got.items():
        assert figure == list(want.get(key, [0, Decimal(0)])), key
    assert want.keys() <= got.keys()
    assert got["620100", "output"][0] > 0 and got["620100", "absorbed"][0] > 0
    elsewhere = sum(1 for r in rows if r["登记日期"].startswith(str(YEAR))
                    and r["卖方地区代码"][:2] in ("11", "61", "32")
                    and r["买方地区代码"].startswith("62"))
    province = json.loads(result.output)["province"]["indicators"]
    provenance = province["contract_volume_absorbed"]["provenance"]
    assert provenance["registered_elsewhere_contracts"] == elsewhere > 0
