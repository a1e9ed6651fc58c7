"""The workbench (工作台): the page each role lands on after signing in, with what waits
for this user (review queue, requests to answer, cases due, listings expiring,
verifications) as counts with links, and the pending-work count in the navigation.

``pending`` computes the counts from the features' own queries; ``views/`` renders them.
"""

from flask import Flask


def init_app(app: Flask) -> None:
    from matchhub.workbench.views import bp

    app.register_blueprint(bp)
