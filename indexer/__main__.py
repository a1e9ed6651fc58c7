"""``python -m indexer run|rebuild|verify|status|requeue`` (same as ``matchhub indexer``)."""

from flask.cli import ScriptInfo

from indexer.commands import indexer_group
from matchhub import create_app


def main() -> None:
    indexer_group.main(prog_name="python -m indexer", obj=ScriptInfo(create_app=create_app))


if __name__ == "__main__":
    main()
