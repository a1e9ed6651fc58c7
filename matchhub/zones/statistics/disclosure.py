"""Which aggregates a public summary may print without giving away a small cell.

Every figure of a public summary is a sum of unknown base cells (a zone's contracts of one
quarter, or of one quarter and one category). A reader who knows some of these sums can
add and subtract them: what they can learn is exactly the linear span of the published
sums. ``Disclosure`` keeps that span in reduced row echelon form (exact fractions) and
publishes a candidate sum only if, afterwards, no protected sum lies in the span, i.e.
no protected value follows from totals, other cells or other periods by any chain of
additions and subtractions. Candidates are offered coarse to fine, so the suppression
pattern that results is both primary (the small cells themselves) and complementary
(whatever else would let them be recomputed).

``guard_space`` adds a stronger promise: the published sums reveal no combination of the
guarded vectors beyond those already known (used so that breakdown cells never tell more
about a zone's period totals than the totals that were published).
"""

from collections.abc import Hashable, Iterable
from fractions import Fraction

Vector = dict[int, Fraction]


class Echelon:
    """A span of sparse vectors in reduced row echelon form (pivot -> row)."""

    def __init__(self) -> None:
        self.rows: dict[int, Vector] = {}

    def reduce(self, vector: Vector) -> Vector:
        found = dict(vector)
        for pivot, row in self.rows.items():
            factor = found.get(pivot)
            if factor:
                _subtract(found, row, factor)
        return found

    def add(self, residual: Vector) -> int:
        """Add a reduced, non-zero vector; returns its pivot."""
        pivot = min(residual)
        scale = residual[pivot]
        row = {i: v / scale for i, v in residual.items()}
        for other in self.rows.values():
            factor = other.get(pivot)
            if factor:
                _subtract(other, row, factor)
        self.rows[pivot] = row
        return pivot


def _subtract(target: Vector, row: Vector, factor: Fraction) -> None:
    for index, value in row.items():
        result = target.get(index, 0) - factor * value
        if result:
            target[index] = result
        else:
            target.pop(index, None)


class Disclosure:
    """Greedy publication of sums of base cells, none of which reveals a protected sum."""

    def __init__(self, cells: Iterable[Hashable]):
        self.index = {cell: i for i, cell in enumerate(cells)}
        self.known = Echelon()
        self.with_space: Echelon | None = None
        self.protected: list[Vector] = []  # residuals of protected sums against ``known``

    def vector(self, cells: Iterable[Hashable]) -> Vector:
        return {self.index[c]: Fraction(1) for c in cells}

    def protect(self, cells: Iterable[Hashable]) -> None:
        self.protected.append(self.known.reduce(self.vector(cells)))

    def guard_space(self, sums: Iterable[Iterable[Hashable]]) -> None:
        """Call before any ``offer``: the published sums must add nothing to what is known
        of these sums' span (see the module docstring)."""
        self.with_space = Echelon()
        for cells in sums:
            residual = self.with_space.reduce(self.vector(cells))
            if residual:
                self.with_space.add(residual)

    def seed(self, cells: Iterable[Hashable]) -> None:
        """A sum the reader knows anyway (published elsewhere, or zero by its count)."""
        self.publish(cells)

    def offer(self, cells: Iterable[Hashable]) -> bool:
        """Publish the sum if that gives away no protected sum; True when published."""
        if not self.allows(cells):
            return False
        self.publish(cells)
        return True

    def allows(self, cells: Iterable[Hashable]) -> bool:
        """Could the sum be published without giving a protected sum away?"""
        vector = self.vector(cells)
        residual = self.known.reduce(vector)
        if not residual:
            return True
        if self.with_space is not None and not self.with_space.reduce(vector):
            return False
        return not self._reveals(residual)

    def publish(self, cells: Iterable[Hashable]) -> None:
        vector = self.vector(cells)
        residual = self.known.reduce(vector)
        if not residual:
            return
        spaced = self.with_space.reduce(vector) if self.with_space is not None else None
        pivot = self.known.add(residual)
        row = self.known.rows[pivot]
        for protected in self.protected:
            factor = protected.get(pivot)
            if factor:
                _subtract(protected, row, factor)
        if spaced:
            self.with_space.add(spaced)

    def _reveals(self, residual: Vector) -> bool:
        """Would adding ``residual`` put a protected sum in the span? A reduced protected
        residual is then a multiple of the new row."""
        pivot = min(residual)
        for protected in self.protected:
            factor = protected.get(pivot)
            if factor and len(protected) == len(residual) and all(
                    protected.get(i) == factor * v / residual[pivot]
                    for i, v in residual.items()):
                return True
        return False
