"""Shared declarative base and reusable column types."""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from sqlalchemy import JSON, DateTime, MetaData, Numeric, String
from sqlalchemy.orm import DeclarativeBase, mapped_column, registry

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Configuration for ``db.Model``; models subclass ``db.Model``, not this."""

    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={
            Decimal: Numeric(16, 2),
            dict: JSON,
            list: JSON,
            dt.datetime: DateTime(timezone=True),
        },
    )


IntPK = Annotated[int, mapped_column(primary_key=True)]
# Money in 元, two decimals, never floats.
Money = Annotated[Decimal, mapped_column(Numeric(16, 2))]
Created = Annotated[dt.datetime, mapped_column(default=lambda: utcnow())]
Code = Annotated[str, mapped_column(String(32))]
ShortText = Annotated[str, mapped_column(String(200))]
RegionCode = Annotated[str, mapped_column(String(6))]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
