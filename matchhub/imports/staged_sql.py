"""SQL over a job's staged rows, so that its final transaction moves them inside the
database (one ``INSERT ... SELECT``) instead of through Python, and SQLite's write lock is
held only briefly.

Staged values are JSON: text for strings, ISO dates and exact Decimals. SQLite's columns
take that text as it is (its CAST would turn a date into a number); PostgreSQL needs the
cast to the column's type. ``typed`` is the one place that tells the two apart.
"""

from typing import Any

from sqlalchemy import ColumnElement, Select, cast, literal, select
from sqlalchemy.types import TypeEngine

from matchhub.imports.models import StagedRow


def typed(value: ColumnElement[Any], type_: TypeEngine, dialect: str) -> ColumnElement[Any]:
    return value if dialect == "sqlite" else cast(value, type_)


def staged_value(key: str, type_: TypeEngine, dialect: str) -> ColumnElement[Any]:
    """One staged JSON value as the column of ``type_`` takes it."""
    return typed(StagedRow.values[key].as_string(), type_, dialect)


def fixed_value(value: Any, type_: TypeEngine, dialect: str) -> ColumnElement[Any]:
    """The same value for every row (typed, so PostgreSQL knows a NULL's type)."""
    return typed(literal(value, type_), type_, dialect)


def job_rows(job_id: int, *columns: ColumnElement[Any], marker: str,
             marked: bool) -> Select:
    """``columns`` of the job's staged rows in file order: those whose values carry the
    key ``marker`` (``marked``) or those without it."""
    flag = StagedRow.values[marker].as_string()
    return select(*columns).where(
        StagedRow.job_id == job_id,
        flag.is_not(None) if marked else flag.is_(None)).order_by(StagedRow.id)
