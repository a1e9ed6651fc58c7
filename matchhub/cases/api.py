"""JSON API of match cases under /api/v1/cases: list, read, open, transition, plan, route.
Invisible cases are 404; a write based on an older version is a 409 conflict."""

from flask.views import MethodView
from flask_smorest import Blueprint

from matchhub.api.auth import require_scope, require_user
from matchhub.api.pagination import paginate
from matchhub.cases import planning, routing, schemas, services
from matchhub.core.clock import today
from matchhub.core.extensions import db

BEARER = [{"bearerAuth": []}]
READ, WRITE = "cases:read", "cases:write"
CONFLICT = "Stale version (someone changed the case) or an illegal state jump."

blp = Blueprint("api_cases", __name__, url_prefix="/api/v1/cases",
                description="对接单（仅经办技术经纪人、双方机构成员和平台管理员可见）")


@blp.before_request
def _authenticate() -> None:
    require_user()


@blp.route("/")
class Cases(MethodView):
    @blp.arguments(schemas.CaseListArgsSchema, location="query")
    @blp.response(200, schemas.CasePageSchema)
    @blp.doc(security=BEARER)
    def get(self, args):
        """Cases the caller may see, by due date."""
        user = require_scope(READ)
        return paginate(services.visible_query(user, args.get("status", "")), args)

    @blp.arguments(schemas.CaseOpenSchema)
    @blp.response(201, schemas.CaseDetailSchema)
    @blp.alt_response(409, description="An open case already pairs this need and achievement.")
    @blp.doc(security=BEARER)
    def post(self, data):
        """Open a case on a published need with recommended achievements (brokers, admins)."""
        user = require_scope(WRITE)
        case = services.open_case(db.session, user, data["need_id"], data["achievement_ids"],
                                  today(), data["note"])
        db.session.commit()
        return case


@blp.route("/<int:case_id>")
class CaseItem(MethodView):
    @blp.response(200, schemas.CaseDetailSchema)
    @blp.doc(security=BEARER)
    def get(self, case_id):
        """One case with its history; ``version`` is what writes must send back."""
        return services.find_visible(db.session, require_scope(READ), case_id)


@blp.route("/<int:case_id>/transition")
class CaseTransition(MethodView):
    @blp.arguments(schemas.CaseTransitionSchema)
    @blp.response(200, schemas.CaseDetailSchema)
    @blp.alt_response(409, description=CONFLICT)
    @blp.doc(security=BEARER)
    def post(self, data, case_id):
        """Move the case one step (终止 with a reason); 已登记 only by registering a contract."""
        user = require_scope(WRITE)
        case = services.find_visible(db.session, user, case_id)
        services.request_transition(db.session, user, case, data["to"],
                                    version=data["version"], note=data["note"],
                                    reason=data["reason"])
        db.session.commit()
        return case


@blp.route("/<int:case_id>/plan")
class CasePlan(MethodView):
    @blp.arguments(schemas.CasePlanSchema)
    @blp.response(200, schemas.CaseDetailSchema)
    @blp.alt_response(409, description=CONFLICT)
    @blp.doc(security=BEARER)
    def put(self, data, case_id):
        """Set the next action, its due date and the agreed amount."""
        user = require_scope(WRITE)
        case = services.find_visible(db.session, user, case_id)
        planning.update_plan(db.session, user, case, data, version=data["version"])
        db.session.commit()
        return case


@blp.route("/route")
class CaseRoute(MethodView):
    @blp.arguments(schemas.CaseRouteSchema)
    @blp.response(201, schemas.CaseDetailSchema)
    @blp.doc(security=BEARER)
    def post(self, data):
        """Assign a need to a broker: by hand with broker_id, else automatically."""
        user = require_scope(WRITE)
        if "broker_id" in data:
            case = routing.assign_by_hand(db.session, user, data["need_id"], data["broker_id"],
                                          today())
        else:
            case = routing.auto_route(db.session, user, data["need_id"], today())
        db.session.commit()
        return case
