"""Prepare a fresh data directory for the browser story: migrate, then create the demo
cast (organisations and one account per role, password ``matchhub-demo``) without the demo
catalogue, so the story starts from an empty catalogue and an empty contract registry.

Run as ``python -m tests.e2e.seed`` with ``MATCHHUB_DATA_DIR`` set.
"""

from flask_migrate import upgrade

from matchhub import create_app
from matchhub.core.extensions import db
from matchhub.demo.organisations import create_cast


def main() -> None:
    app = create_app()
    with app.app_context():
        upgrade()
        create_cast(db.session)
        db.session.commit()


if __name__ == "__main__":
    main()
