"""Party names for the demo registry: the demo organisations where one sits in the region,
otherwise fictional firms named after the region, marked 演示."""

import random

from matchhub.core.regions import region_name

FIRM_WORDS = ("华信", "瑞丰", "恒源", "启明", "同创", "金川", "祁连", "陇海", "丝路", "昌盛",
              "博远", "泰和", "宏达", "新锐", "天成", "弘毅")
FIRM_TRADES = ("科技", "新材料", "生物", "能源", "智能装备", "农业发展", "环保", "电子")
# Party types by the demo organisations' kind.
KIND_PARTY_TYPES = {"university": "university", "institute": "research_institute",
                    "transfer_institution": "other_public",
                    "service_institution": "enterprise_llc", "enterprise": "enterprise_llc"}
FIRM_PARTY_TYPES = ("enterprise_llc", "enterprise_private", "enterprise_plc", "enterprise_state")


def place_word(region_code: str) -> str:
    """The region's name without its administrative suffix: 兰州市 → 兰州."""
    name = region_name(region_code)
    for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "藏族自治州",
                   "回族自治州", "省", "市"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name.removesuffix(suffix)
    return name


def firm(rng: random.Random, region_code: str) -> tuple[str, str]:
    """(name, party type) of a fictional firm in the region."""
    words = f"{rng.choice(FIRM_WORDS)}{rng.choice(FIRM_TRADES)}"
    return f"{place_word(region_code)}{words}有限公司（演示）", rng.choice(FIRM_PARTY_TYPES)


def party(rng: random.Random, region_code: str, orgs: dict[str, list[tuple[str, str]]],
          ) -> tuple[str, str]:
    """A demo organisation of the region half of the time when there is one, else a firm."""
    local = orgs.get(region_code, [])
    if local and rng.random() < 0.5:
        name, kind = rng.choice(local)
        return name, KIND_PARTY_TYPES.get(kind, "enterprise_llc")
    return firm(rng, region_code)
