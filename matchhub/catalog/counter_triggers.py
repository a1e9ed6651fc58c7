"""Database triggers that keep ``listing_counters`` in step with the catalogue tables.

Each row of ``listing_counters`` holds, for one item type, how many items have status
``published`` and a version number that grows with every change to anything a public
list shows (the items, their modes and IP records, their organisations). Triggers
rather than ORM events, so bulk inserts, imports and SQL run by hand keep them right.
SQLite and PostgreSQL spell triggers differently; both sets are written here and the
migration installs the set of the dialect in use.
"""

ITEM_TABLES = {"achievement": "achievements", "need": "needs"}
# Child tables whose rows a list shows, with the item type they belong to.
CHILD_TABLES = {"achievement_modes": "achievement", "need_modes": "need",
                "ip_records": "achievement"}
PUBLISHED = "(CASE WHEN {row}.status = 'published' THEN 1 ELSE 0 END)"


def _delta(event: str) -> str:
    new, old = PUBLISHED.format(row="NEW"), PUBLISHED.format(row="OLD")
    return {"INSERT": new, "UPDATE": f"{new} - {old}", "DELETE": f"- {old}"}[event]


def _bump(item_type: str, delta: str = "0") -> str:
    where = "TRUE" if item_type == "*" else f"item_type = '{item_type}'"
    return (f"UPDATE listing_counters SET version = version + 1, "
            f"published = published + {delta} WHERE {where};")


def _statements() -> list[tuple[str, str, str, str]]:
    """(trigger name, table, event, body) for every trigger."""
    rows = [(f"trg_{table}_{event.lower()}_count", table, event, _bump(kind, _delta(event)))
            for kind, table in ITEM_TABLES.items() for event in ("INSERT", "UPDATE", "DELETE")]
    rows += [(f"trg_{table}_{event.lower()}_version", table, event, _bump(kind))
             for table, kind in CHILD_TABLES.items() for event in ("INSERT", "UPDATE", "DELETE")]
    rows.append(("trg_organisations_update_version", "organisations", "UPDATE", _bump("*")))
    return rows


def create_sql(dialect: str) -> list[str]:
    if dialect == "sqlite":
        return [f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW "
                f"BEGIN {body} END" for name, table, event, body in _statements()]
    sql = []
    for name, table, event, body in _statements():
        sql.append(f"CREATE FUNCTION {name}_fn() RETURNS trigger LANGUAGE plpgsql AS $$ "
                   f"BEGIN {body} RETURN NULL; END $$")
        sql.append(f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW "
                   f"EXECUTE FUNCTION {name}_fn()")
    return sql


def drop_sql(dialect: str) -> list[str]:
    if dialect == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name}" for name, *_ in _statements()]
    return [f"DROP FUNCTION IF EXISTS {name}_fn() CASCADE" for name, *_ in _statements()]
