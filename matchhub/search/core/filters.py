"""Search filters from request arguments (web and API alike), validated field by field."""

from collections.abc import Mapping

from matchhub.core.errors import FieldErrors
from matchhub.core.money import parse_amount
from matchhub.core.regions import is_known_region
from matchhub.core.vocabularies import stage_range, vocabulary
from matchhub.search.core.query import Filter, Range, Term

ITEM_TYPES = ("achievement", "need", "organisation", "broker")
MODES = ("lexical", "semantic", "hybrid")
VOCAB_FILTERS = {"field": "tech_fields", "mode": "transfer_modes", "org_kind": "org_kinds"}
INDEX_NAMES = {"mode": "modes"}  # argument name -> index filter field


def parse_search_filters(args: Mapping[str, str]) -> list[Filter]:
    errors = FieldErrors()
    found: list[Filter] = []
    for arg, vocab in VOCAB_FILTERS.items():
        value = (args.get(arg) or "").strip()
        if value and value not in vocabulary(vocab):
            errors.add(arg, "取值无效")
        elif value:
            found.append(Term(INDEX_NAMES.get(arg, arg), value))
    found += _region(args, errors) + _stage(args, errors) + _price(args, errors)
    errors.raise_if_any()
    return found


def _region(args, errors: FieldErrors) -> list[Filter]:
    region = (args.get("region") or "").strip()
    if not region:
        return []
    if not is_known_region(region):
        errors.add("region", "地区代码无效")
        return []
    if region.endswith("0000"):
        return [Term("province", region)]
    return [Term("region", region)]


def _stage(args, errors: FieldErrors) -> list[Filter]:
    stage = (args.get("stage") or "").strip()
    if not stage:
        return []
    if stage not in vocabulary("maturity_stages"):
        errors.add("stage", "取值无效")
        return []
    low, high = stage_range(stage)
    return [Range("trl", low, high)]


def _price(args, errors: FieldErrors) -> list[Filter]:
    bounds = {}
    for arg in ("price_min", "price_max"):
        if args.get(arg):
            try:
                bounds[arg] = parse_amount(args.get(arg))
            except ValueError as exc:
                errors.add(arg, str(exc))
    if not bounds:
        return []
    return [Range("price", bounds.get("price_min"), bounds.get("price_max"))]
