"""The index specs that features register at startup; search never imports a feature.

Each feature's ``search.py`` declares its ``IndexSpec`` values and registers them from its
``init_app`` (``create_app`` runs it). Everything search derives from the declarations
reads them here: the search field names and their boosts (the embedded backend's field
repeats, the Elasticsearch boosts) and the filter fields' kinds. A field declared by
several specs must have one boost (or one kind) in all of them.
"""

from collections.abc import Iterable
from functools import cache
from typing import Any

from matchhub.search.core.fields import FilterKind, IndexSpec

_SPECS: dict[str, IndexSpec] = {}


class SpecConflict(ValueError):
    """Two declarations disagree (same item type, or one field with two boosts or kinds)."""


def register(*specs: IndexSpec) -> None:
    """Add the specs (registering the same spec again is a no-op); nothing is added when
    they conflict with each other or with those registered before."""
    candidate = dict(_SPECS)
    for spec in specs:
        known = candidate.get(spec.item_type)
        if known is not None and known is not spec:
            raise SpecConflict(f"index spec {spec.item_type!r} is registered twice")
        candidate[spec.item_type] = spec
    _boosts(candidate.values())
    _kinds(candidate.values())
    _SPECS.update(candidate)
    field_boosts.cache_clear()
    filter_kinds.cache_clear()


def specs() -> dict[str, IndexSpec]:
    """Every registered searchable kind's declaration, by item type, in registration order."""
    if not _SPECS:
        raise LookupError("no search index spec is registered: run create_app() or the "
                          "features' search.register() first")
    return dict(_SPECS)


def spec_for(item: Any) -> IndexSpec | None:
    for spec in _SPECS.values():
        if isinstance(item, spec.model):
            return spec
    return None


@cache
def field_boosts() -> dict[str, float]:
    """Each search field's boost, in the order fields are first declared."""
    return _boosts(specs().values())


def _boosts(declarations: Iterable[IndexSpec]) -> dict[str, float]:
    return _agreed(declarations, "search_fields", "boost")


def search_field_names() -> tuple[str, ...]:
    return tuple(field_boosts())


def field_repeats() -> dict[str, int]:
    """The embedded backend's field weights: each field's tokens are indexed boost times."""
    repeats = {}
    for name, boost in field_boosts().items():
        if boost != int(boost) or boost < 1:
            raise SpecConflict(f"search field {name!r}: boost {boost:g} is not a whole "
                               "number of at least 1 (the embedded backend repeats tokens)")
        repeats[name] = int(boost)
    return repeats


@cache
def filter_kinds() -> dict[str, FilterKind]:
    """Each filter field's kind, by name in alphabetical order (index schemas list them so,
    whatever order features register in)."""
    return _kinds(specs().values())


def _kinds(declarations: Iterable[IndexSpec]) -> dict[str, FilterKind]:
    return dict(sorted(_agreed(declarations, "filter_fields", "kind").items()))


def _agreed(declarations: Iterable[IndexSpec], fields: str, attribute: str) -> dict:
    """Each declared field's ``attribute``, which every spec declaring the field must agree
    on, in the order fields are first declared."""
    values: dict = {}
    for spec in declarations:
        for declared in getattr(spec, fields):
            value = getattr(declared, attribute)
            if values.setdefault(declared.name, value) != value:
                raise SpecConflict(f"{fields[:-1].replace('_', ' ')} {declared.name!r} has "
                                   f"{attribute}s {_shown(values[declared.name])} and "
                                   f"{_shown(value)}")
    return values


def _shown(value) -> str:
    return format(value, "g") if isinstance(value, float) else repr(value)
