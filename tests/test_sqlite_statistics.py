"""Pooled SQLite connections refresh the planner's statistics (PRAGMA optimize) on their
way back to the pool, once due, and not before."""

import sqlalchemy as sa

from matchhub.core import database


def used_engine(path):
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE items (id INTEGER PRIMARY KEY, status TEXT, ends TEXT)")
        conn.exec_driver_sql("CREATE INDEX ix_items_ends_status ON items (ends, status)")
        conn.exec_driver_sql("INSERT INTO items (status, ends) VALUES " + ", ".join(
            f"('published', '2027-01-{1 + n % 28:02d}')" for n in range(500)))
    with engine.connect() as conn:  # a query the planner would answer better with statistics
        conn.exec_driver_sql("SELECT count(*) FROM items WHERE status = 'published' "
                             "AND ends >= '2027-01-10'").scalar()
    return engine


def analysed_tables(engine) -> set[str]:
    with engine.connect() as conn:
        if not conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
                                    ).first():
            return set()
        return {row[0] for row in conn.exec_driver_sql("SELECT tbl FROM sqlite_stat1")}


def test_statistics_are_gathered_once_due(tmp_path, monkeypatch):
    monkeypatch.setattr(database, "OPTIMIZE_AFTER", 0.0)
    monkeypatch.setattr(database, "OPTIMIZE_EVERY", 0.0)
    engine = used_engine(tmp_path / "due.db")
    assert "items" in analysed_tables(engine)


def test_not_before_they_are_due(tmp_path, monkeypatch):
    monkeypatch.setattr(database, "OPTIMIZE_AFTER", 3600.0)
    engine = used_engine(tmp_path / "early.db")
    assert analysed_tables(engine) == set()

