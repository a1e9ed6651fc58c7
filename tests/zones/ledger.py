"""Build contract ledgers for the indicator tests: blocks of equal contracts whose amounts
add up exactly (in fen) to a given total, spread over the zones round-robin."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from matchhub.contracts.services import build_contract
from matchhub.core.extensions import db
from matchhub.core.regions import zones

YI_FEN = 10_000_000_000  # fen in one 亿元


@dataclass(frozen=True)
class Block:
    count: int
    yi: str  # total 成交额 of the block in 亿元, as published
    contract_type: str
    subtype: str
    ip_type: str
    party: str  # seller party type


def split_fen(total_fen: int, count: int) -> list[int]:
    share, rest = divmod(total_fen, count)
    return [share + (1 if i < rest else 0) for i in range(count)]


def contract_rows(blocks: list[Block], year: int, prefix: str = "L",
                  buyer_region: str | None = None) -> list[dict]:
    codes = list(zones())
    rows, n = [], 0
    for block in blocks:
        total = int(Decimal(block.yi) * YI_FEN)
        for fen in split_fen(total, block.count):
            zone = codes[n % len(codes)]
            day = dt.date(year, 1 + n % 12, 1 + n % 28)
            volume = Decimal(fen) / 100
            rows.append({
                "registration_number": f"{prefix}{year}{n:07d}", "name": f"合同{n}",
                "contract_type": block.contract_type, "contract_subtype": block.subtype,
                "signed_on": day, "registered_on": day, "volume": volume,
                "tech_income": volume, "seller_name": f"卖方{n}",
                "seller_party_type": block.party, "seller_region_code": zone,
                "buyer_name": f"买方{n}", "buyer_party_type": "enterprise_llc",
                "buyer_region_code": buyer_region or codes[(n + 3) % len(codes)],
                "tech_field": "agriculture", "ip_type": block.ip_type,
            })
            n += 1
    return rows


def insert_contracts(rows: list[dict], today: dt.date, **extra) -> None:
    contracts = [build_contract(row, today) for row in rows]
    for contract in contracts:
        for key, value in extra.items():
            setattr(contract, key, value)
    db.session.add_all(contracts)
    db.session.flush()
