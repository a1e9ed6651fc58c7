"""Demonstration zones (示范区) and their indicators. Zones are data in config/zones.json
(see matchhub.core.regions.zones()); this package owns what is entered about them and
what is computed from it:

- ``programme/``: each zone's construction programme (plans, yearly reports, the final
  assessment, their documents and the yearly report DOCX);
- ``entries/``: the values zones report with sources and evidence, policy texts and
  scores, featured indicators and targets;
- ``statistics/``: the yearly indicator report (contract and registry figures, entered
  values, targets) as typed objects, and what dashboards and exports make of it;
- ``services``: the entry points other packages and the web layer call; ``access``: who
  may act; ``views/``, ``api`` and ``commands``: pages, the JSON API and the CLI.
"""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the zone pages, the zone API and the ``zones`` CLI group."""
    from matchhub import api
    from matchhub.zones.api import blp
    from matchhub.zones.commands import zones_group
    from matchhub.zones.views import bp, entries_bp

    app.register_blueprint(entries_bp)
    app.register_blueprint(bp)
    api.register(app, blp)
    app.cli.add_command(zones_group)
