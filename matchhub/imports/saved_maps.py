"""Save, find, list and delete named column maps (models.SavedColumnMap).

A user sees the maps of their organisation, or their own when they have none; the same
rule decides who may delete one. The command line without a user (``None``) keeps the
system's own maps. Saving under an existing name replaces that map.
"""

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchhub.core.errors import NotFound, ValidationFailed
from matchhub.core.text import clean_text, is_blank
from matchhub.imports.column_map import ColumnMap, find_field
from matchhub.imports.columns import ImportSpec
from matchhub.imports.models import SavedColumnMap

if TYPE_CHECKING:
    from matchhub.accounts.models import User

NAME_LIMIT = 60


def owner_of(user: "User | None") -> str:
    if user is None:
        return "system"
    return f"org:{user.org_id}" if user.org_id is not None else f"user:{user.id}"


def clean_map(spec: ImportSpec, columns: object) -> ColumnMap:
    """A map as given by a person or a file: field -> header strings, fields known."""
    if not isinstance(columns, dict) or not columns:
        raise ValidationFailed({"mapping": ["列映射应为“字段: 表头”的对应表"]})
    problems = [f"未知的字段：{k}" for k in columns if find_field(spec, str(k)) is None]
    problems += [f"「{k}」对应的表头应为文字" for k, v in columns.items()
                 if not isinstance(v, str | type(None))]
    if problems:
        raise ValidationFailed({"mapping": problems})
    return {str(k): (v or "").strip() for k, v in columns.items()}


def save_map(session: Session, user: "User | None", kind: str, name: str,
             columns: ColumnMap) -> SavedColumnMap:
    name = clean_text(name, "map_name", limit=NAME_LIMIT)
    if is_blank(name):
        raise ValidationFailed({"map_name": ["请填写列映射名称"]})
    author = user.id if user is not None else None
    saved = _find(session, user, kind, name) or SavedColumnMap(
        owner=owner_of(user), kind=kind, name=name, created_by_id=author)
    saved.columns = dict(columns)
    session.add(saved)
    session.flush()
    return saved


def _find(session: Session, user: "User | None", kind: str, name: str) -> SavedColumnMap | None:
    stmt = select(SavedColumnMap).where(SavedColumnMap.owner == owner_of(user),
                                        SavedColumnMap.kind == kind,
                                        SavedColumnMap.name == name.strip())
    return session.scalar(stmt)


def get_map(session: Session, user: "User | None", kind: str, name: str) -> SavedColumnMap:
    saved = _find(session, user, kind, name)
    if saved is None:
        raise ValidationFailed({"map_name": [f"没有名为「{name}」的已保存列映射"]})
    return saved


def list_maps(session: Session, user: "User | None", kind: str) -> list[SavedColumnMap]:
    stmt = select(SavedColumnMap).where(SavedColumnMap.owner == owner_of(user),
                                        SavedColumnMap.kind == kind
                                        ).order_by(SavedColumnMap.name)
    return list(session.scalars(stmt))


def delete_map(session: Session, user: "User | None", map_id: int) -> None:
    saved = session.get(SavedColumnMap, map_id)
    if saved is None or saved.owner != owner_of(user):
        raise NotFound("列映射不存在")
    session.delete(saved)
    session.flush()
