"""Column maps: which column of a file feeds each field of a spec, when the headers are not
the template's.

A column map is plain data, ``{field: file header}``, where a field is a spec column's
canonical header (``成交额(元)``) or its input key (``volume``); it round-trips through JSON
and is what users save by name. ``suggest`` proposes one for a header row (names and
aliases first, then the closest look-alike header); ``apply_map`` turns a chosen map into
the engine's Mapping. Columns the map does not use are ignored and listed; an ignored
column that looks like a field is flagged in the report's warnings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import partial

from matchhub.imports.columns import Column, ImportSpec, normalise_header
from matchhub.imports.mapping import Mapping, match_headers
from matchhub.imports.report import RowError

ColumnMap = dict[str, str]  # field (canonical header or input key) -> file header
LOOKALIKE = 0.6  # similarity from which an unmapped header is taken for a field
# Words ledgers of other systems use for the same thing, compared as one.
WORD_VARIANTS = (("时间", "日期"), ("类别", "类型"), ("金额", "额"), ("单位", ""), ("所在", ""),
                 ("编码", "代码"), ("区划", "地区"))


@dataclass
class MapPlan:
    """What a column-mapping step shows: the suggested map, the fields each file header
    could feed, and what is unknown or missing."""

    suggested: ColumnMap
    headers: list[str]
    unknown: list[str] = field(default_factory=list)  # headers no field name matches
    missing: list[str] = field(default_factory=list)  # required fields without a column
    exact: bool = False  # every header known and nothing missing: no step needed

    def as_dict(self) -> dict:
        return {"suggested": self.suggested, "headers": self.headers, "unknown": self.unknown,
                "missing": self.missing}


def _plain(text: str) -> str:
    for variant, word in WORD_VARIANTS:
        text = text.replace(variant, word)
    return text


def similarity(header: str, column: Column) -> float:
    """How much a normalised header looks like a column's header or one of its aliases."""
    header = _plain(header)
    return max(SequenceMatcher(None, header, _plain(name)).ratio() for name in column.names)


def fields_of(spec: ImportSpec) -> list[Column]:
    """The fields a user maps: the template's columns, then the other spellings."""
    return sorted(spec.columns, key=lambda c: not c.in_template)


def find_field(spec: ImportSpec, name: str) -> Column | None:
    """The column a map's field names: canonical header or alias, else input key."""
    found = spec.find(normalise_header(name))
    if found is not None:
        return found
    return next((c for c in fields_of(spec) if c.key == name), None)


def suggest(spec: ImportSpec, headers: list[str]) -> MapPlan:
    normalised = [normalise_header(h) for h in headers]
    plan = MapPlan({}, [h for h in headers if h.strip()])
    taken_keys: set[str] = set()
    taken_headers: set[int] = set()
    for index, name in enumerate(normalised):  # exact names and aliases first
        column = spec.find(name) if name else None
        if column is not None and column.key not in taken_keys:
            _take(plan, column, headers[index], taken_keys, taken_headers, index)
    for _score, index, column in _lookalikes(spec, normalised, taken_headers):
        if column.key not in taken_keys and index not in taken_headers:
            _take(plan, column, headers[index], taken_keys, taken_headers, index)
    plan.unknown = [h for n, h in zip(normalised, headers, strict=True)
                    if n and spec.find(n) is None]
    plan.missing = _missing_fields(spec, taken_keys)
    plan.exact = not plan.unknown and not plan.missing and not match_headers(
        spec, headers).errors
    return plan


def _take(plan: MapPlan, column: Column, header: str, keys: set[str], headers: set[int],
          index: int) -> None:
    plan.suggested[column.header] = header
    keys.add(column.key)
    headers.add(index)


def _lookalikes(spec: ImportSpec, normalised: list[str],
                taken: set[int]) -> list[tuple[float, int, Column]]:
    """(score, header index, column) for every unmatched header and field alike enough,
    best first."""
    pairs = [(similarity(name, column), index, column)
             for index, name in enumerate(normalised) if name and index not in taken
             for column in fields_of(spec)]
    return sorted((p for p in pairs if p[0] >= LOOKALIKE), key=lambda p: (-p[0], p[1]))


def _missing_fields(spec: ImportSpec, keys: set[str]) -> list[str]:
    return ["/".join(h for key in group for h in spec.headers_for_key(key))
            for group in spec.required if not any(key in keys for key in group)]


def apply_map(spec: ImportSpec, headers: list[str], chosen: ColumnMap) -> Mapping:
    """The Mapping of a file under a chosen map; headers the map leaves out still count
    when they are template names of fields the map does not name (a field named with an
    empty header is left without a column). Errors on row 1: a field
    or header the map names that does not exist, two fields on one column, a field twice,
    a required field left without a column."""
    names = list(headers) if spec.written_headers else [normalise_header(h) for h in headers]
    mapping = Mapping(spec, names, [None] * len(headers))
    by_header = {}
    for index, header in reversed(list(enumerate(headers))):  # the first of equal headers
        by_header.update(dict.fromkeys((header.strip(), normalise_header(header)), index))
    by_header.pop("", None)
    for name, header in chosen.items():
        _assign(mapping, name, str(header or "").strip(), by_header)
    declared = {c.key for c in map(partial(find_field, spec), chosen) if c is not None}
    _fill_known(mapping, headers, declared)
    _check_required(mapping)
    mapping.warnings += lookalike_warnings(mapping, headers)
    return mapping


def _assign(mapping: Mapping, name: str, header: str, by_header: dict[str, int]) -> None:
    column = find_field(mapping.spec, name)
    if not header:
        return  # a field mapped to nothing: not imported
    index = by_header.get(header)
    problem = None
    if column is None:
        problem = (name, "列映射中的字段不存在")
    elif index is None:
        problem = (header, f"列映射中「{column.header}」对应的列不在文件中")
    elif mapping.columns[index] is not None:
        problem = (header, f"同一列不能同时对应「{mapping.columns[index].header}」和"
                           f"「{column.header}」")
    elif mapping.index_of(column.key) is not None:
        problem = (column.header, "列映射中同一字段对应了多列")
    if problem is not None:
        mapping.errors.append(RowError(1, *problem))
        return
    mapping.columns[index] = column


def _fill_known(mapping: Mapping, headers: list[str], declared: set[str]) -> None:
    """Template headers feed their own field when the map does not name that field."""
    for index, header in enumerate(headers):
        column = mapping.spec.find(normalise_header(header)) if header.strip() else None
        if (mapping.columns[index] is None and column is not None
                and column.key not in declared and mapping.index_of(column.key) is None):
            mapping.columns[index] = column


def _check_required(mapping: Mapping) -> None:
    keys = {c.key for c in mapping.columns if c is not None}
    for label in _missing_fields(mapping.spec, keys):
        mapping.errors.append(RowError(1, label, "缺少必需的列（请在列映射中指定）"))


def lookalike_warnings(mapping: Mapping, headers: list[str]) -> list[RowError]:
    """Ignored columns whose header looks like a field: said, never dropped silently."""
    warnings = []
    for index, header in enumerate(headers):
        name = normalise_header(header)
        if not name or mapping.columns[index] is not None:
            continue
        scored = [(similarity(name, c), c) for c in fields_of(mapping.spec)]
        score, column = max(scored, key=lambda p: p[0])
        if score >= LOOKALIKE:
            used = mapping.index_of(column.key)
            where = f"已由「{mapping.names[used]}」列提供" if used is not None else "未映射"
            warnings.append(RowError(1, mapping.names[index],
                                     f"此列与「{column.header}」相似，但未映射（{where}），"
                                     "其内容未导入"))
    return warnings


def map_of(mapping: Mapping) -> ColumnMap:
    """The plain column map a Mapping stands for (to save or to show)."""
    return {c.header: mapping.names[i] for i, c in enumerate(mapping.columns) if c is not None}
