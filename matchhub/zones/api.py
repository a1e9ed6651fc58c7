"""JSON API: GET /api/v1/zones/report — the yearly indicator report (aggregates only)."""

from flask.views import MethodView
from flask_smorest import Blueprint

from matchhub.api.auth import require_user
from matchhub.core.clock import today
from matchhub.core.extensions import db
from matchhub.zones.schemas import ReportArgsSchema, ReportSchema
from matchhub.zones.services import build_report

blp = Blueprint("api_zones", __name__, url_prefix="/api/v1/zones",
                description="示范区指标（技术合同成交额等，按年度）")


@blp.route("/report")
class ReportResource(MethodView):
    @blp.arguments(ReportArgsSchema, location="query")
    @blp.response(200, ReportSchema)
    @blp.doc(security=[{"bearerAuth": []}])
    def get(self, args):
        """Every indicator of a year per zone and for the province: value (money as exact
        decimal strings in 元), unit, caliber, provenance, target and progress."""
        require_user()
        return build_report(db.session, args["year"], args.get("zone"), today()).as_dict()
