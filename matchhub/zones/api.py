"""JSON API: GET /api/v1/zones/report — the indicator report of a period (aggregates
only): one zone's for its officials and the province, every zone's for the province."""

from flask.views import MethodView
from flask_smorest import Blueprint

from matchhub.api.auth import require_user
from matchhub.core.clock import today
from matchhub.core.errors import PermissionDenied
from matchhub.core.extensions import db
from matchhub.zones.access import can_see_province_figures, can_see_zone_figures
from matchhub.zones.schemas import ReportArgsSchema, ReportSchema
from matchhub.zones.services import build_report, period_from

blp = Blueprint("api_zones", __name__, url_prefix="/api/v1/zones",
                description="示范区指标（技术合同成交额等，按年度）")


@blp.route("/report")
class ReportResource(MethodView):
    @blp.arguments(ReportArgsSchema, location="query")
    @blp.response(200, ReportSchema)
    @blp.doc(security=[{"bearerAuth": []}])
    def get(self, args):
        """Every indicator of a period (year; half, quarter or year to a date) per zone and
        for the province: value (money as exact decimal strings in 元), unit, caliber,
        provenance, target and progress; growth against the same period a year before."""
        user = require_user()
        zone = args.get("zone")
        allowed = can_see_zone_figures(user, zone) if zone else can_see_province_figures(user)
        if not allowed:
            raise PermissionDenied("只有本示范区的管理员和省级管理员可以查看完整指标")
        period = period_from(args["year"], args.get("half"), args.get("quarter"),
                             args.get("to"))
        return build_report(db.session, period, zone, today()).as_dict()
