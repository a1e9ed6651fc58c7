"""Choosing the column map of one import: a map given in full, or a saved map's name; and
saving the map used under a name. Service functions the web, API, command line and a
background job call alike."""

from sqlalchemy.orm import Session

from matchhub.core.errors import ValidationFailed
from matchhub.imports.column_map import ColumnMap
from matchhub.imports.columns import ImportSpec
from matchhub.imports.saved_maps import clean_map, get_map, save_map


def chosen_map(session: Session, user, spec: ImportSpec, kind: str, given: object = None,
               saved_name: str | None = None) -> ColumnMap | None:
    """The map to import with (None: the template's headers); ValidationFailed naming
    ``mapping`` or ``map_name`` when it is not a map or no such map is saved."""
    if given not in (None, "", {}) and saved_name:
        raise ValidationFailed({"mapping": ["列映射与已保存列映射名称只能给出一个"]})
    if given not in (None, "", {}):
        return clean_map(spec, given)
    if saved_name:
        return clean_map(spec, get_map(session, user, kind, saved_name).columns)
    return None


def remember(session: Session, user, kind: str, name: str | None,
             columns: ColumnMap | None) -> None:
    """Save ``columns`` as ``name`` after a successful import (nothing when no name)."""
    if name and columns:
        save_map(session, user, kind, name, columns)
