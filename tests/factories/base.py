"""The factories' common base: rows go into ``db.session`` and are flushed, not committed."""

import factory
from stdnum.cn import uscc

from matchhub.core.extensions import db


def credit_code(n: int, region: str = "620100") -> str:
    """A unified social credit code (统一社会信用代码) with a valid check digit."""
    body = f"91{region}{n:09d}"
    return body + uscc.calc_check_digit(body)


class BaseFactory(factory.alchemy.SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "flush"
