"""The one colour map of the zone charts: every category of a vocabulary keeps its colour
on every page, whatever its rank (技术咨询 is the same orange on every zone's pie), and
every series (成交额, 合同数, 目标) keeps its own. Charts take colours only from here."""

from types import MappingProxyType

_MAPS = {
    "contract_types": {
        "development": "#0b5cad", "transfer": "#c2410c", "license": "#7c3aed",
        "consulting": "#d97706", "service": "#15803d",
    },
    "party_groups": {
        "public": "#0e7490", "government": "#64748b", "association": "#be185d",
        "enterprise": "#1d4ed8", "hmt": "#a16207", "foreign": "#7c2d12",
        "individual": "#4d7c0f", "other": "#94a3b8", "enterprise_any": "#6d28d9",
    },
    "tech_fields": {
        "electronic_information": "#1d4ed8", "aerospace": "#0e7490",
        "advanced_manufacturing": "#475569", "biomedicine": "#be185d",
        "new_materials": "#7c3aed", "new_energy": "#ca8a04", "environment": "#15803d",
        "nuclear": "#b91c1c", "agriculture": "#65a30d", "transportation": "#c2410c",
        "urban_social": "#0891b2",
    },
    "series": {
        "volume": "#0b5cad", "count": "#c2410c", "target": "#94a3b8", "progress": "#15803d",
        "absorbed": "#0e7490",
    },
}

PALETTE = MappingProxyType({name: MappingProxyType(codes) for name, codes in _MAPS.items()})


def colour(vocabulary: str, code: str) -> str:
    """The fixed colour of one category (KeyError for a code the map does not know, so
    a new vocabulary entry cannot silently borrow another's colour)."""
    return PALETTE[vocabulary][code]
