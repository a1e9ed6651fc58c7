"""Exact SQL sums of money columns on every database this app supports.

PostgreSQL sums NUMERIC exactly. SQLite keeps NUMERIC columns as REAL, so a plain SUM
adds binary fractions; there each amount is rounded to whole fen (an exact integer in a
double) and the integers are summed.
"""

from decimal import Decimal

from sqlalchemy import Integer, case, cast, func, literal
from sqlalchemy.orm import Session

FEN = Decimal("0.01")


class MoneySum:
    """SUM of a money column that is exact on every dialect this app supports."""

    def __init__(self, session: Session):
        self.exact_numeric = session.get_bind().dialect.name != "sqlite"

    def fen(self, column):
        return column if self.exact_numeric else cast(func.round(column * 100), Integer)

    def total(self, column, where=None):
        value = self.fen(column)
        return func.sum(value if where is None else case((where, value), else_=literal(0)))

    def to_decimal(self, raw) -> Decimal:
        if raw is None:
            return Decimal("0.00")
        return Decimal(raw).quantize(FEN) if self.exact_numeric else Decimal(int(raw)) / 100
