"""Backup and restore of the embedded setup: the SQLite database, the search index and
the uploaded files of a data dir (PostgreSQL: pg_dump/pg_restore, README "Backup")."""
