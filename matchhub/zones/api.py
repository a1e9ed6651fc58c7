"""JSON API: GET /api/v1/zones/report — the indicator report of a period (aggregates
only): one zone's for its officials and the province, every zone's for the province;
/api/v1/zones/<code>/official-figures — published figures beside the computed ones."""

from flask.views import MethodView
from flask_smorest import Blueprint

from matchhub.api.auth import require_scope, require_user
from matchhub.core.clock import today
from matchhub.core.errors import NotFound, PermissionDenied
from matchhub.core.extensions import db
from matchhub.zones import services
from matchhub.zones.access import (
    can_enter_official_figure,
    can_see_province_figures,
    can_see_zone_figures,
)
from matchhub.zones.schemas import (
    ComparisonSchema,
    OfficialArgsSchema,
    OfficialFigureInSchema,
    OfficialFigureSchema,
    ReportArgsSchema,
    ReportSchema,
)
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


def _scope(code: str) -> str:
    if services.scope_name(code) is None:
        raise NotFound("未知的示范区")
    return code


@blp.route("/<string(length=6):code>/official-figures")
class OfficialFigures(MethodView):
    @blp.arguments(OfficialArgsSchema, location="query")
    @blp.response(200, ComparisonSchema(many=True))
    @blp.doc(security=[{"bearerAuth": []}])
    def get(self, args, code):
        """The latest published figure of each period and caliber of a year, beside the
        computed one, with what explains the difference (aggregates only)."""
        require_user()
        return services.official_comparisons(db.session, _scope(code), args["year"])

    @blp.arguments(OfficialFigureInSchema)
    @blp.response(201, OfficialFigureSchema)
    @blp.doc(security=[{"bearerAuth": []}])
    def post(self, data, code):
        """Record a published figure (the province, or the zone's administrators); the
        evidence file is attached on the web page."""
        user = require_scope("zones:write")
        if not can_enter_official_figure(user, _scope(code)):
            raise PermissionDenied("只有平台（省级）管理员和本示范区管理员可以录入官方发布数据")
        row = services.enter_official_figure(db.session, user, code, data, today())
        db.session.commit()
        return row
