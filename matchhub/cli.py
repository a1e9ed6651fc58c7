"""The ``matchhub`` command: Flask's CLI bound to create_app (db, serve, demo, ...)."""

from flask.cli import FlaskGroup

from matchhub import create_app


def main() -> None:
    FlaskGroup(create_app=lambda: create_app(), help="MatchHub 科技成果转移转化对接平台").main(
        prog_name="matchhub")


if __name__ == "__main__":
    main()
