"""JSON API: organisations, the caller's identity and the controlled vocabularies."""

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, fields, validate
from sqlalchemy import select

from matchhub.accounts.models import Organisation
from matchhub.api.auth import require_user
from matchhub.api.pagination import paginate
from matchhub.core.config_files import load_json
from matchhub.core.extensions import db
from matchhub.core.regions import region_name
from matchhub.core.schemas import PageArgsSchema, page_of
from matchhub.core.vocabularies import vocabulary

blp = Blueprint("api_accounts", __name__, url_prefix="/api/v1", description="机构、用户与代码表")


class OrganisationSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    kind = fields.String()
    region_code = fields.String()
    region_name = fields.Function(lambda o: region_name(o.region_code))
    verified = fields.Boolean()
    description = fields.String()
    is_demo = fields.Boolean()


class OrgQuerySchema(PageArgsSchema):
    kind = fields.String(validate=validate.OneOf(vocabulary("org_kinds").codes))


OrgPageSchema = page_of(OrganisationSchema, "OrgPageSchema")


class MeSchema(Schema):
    id = fields.Integer()
    email = fields.String()
    display_name = fields.String()
    role = fields.String()
    org_id = fields.Integer(allow_none=True)
    zone_code = fields.String(allow_none=True)


@blp.route("/organisations")
class Organisations(MethodView):
    @blp.arguments(OrgQuerySchema, location="query")
    @blp.response(200, OrgPageSchema)
    def get(self, args):
        """Registered organisations (name, kind, region; credit codes are not published)."""
        stmt = select(Organisation).order_by(Organisation.id)
        if args.get("kind"):
            stmt = stmt.where(Organisation.kind == args["kind"])
        return paginate(stmt, args)


@blp.route("/organisations/<int:org_id>")
class OrganisationItem(MethodView):
    @blp.response(200, OrganisationSchema)
    def get(self, org_id):
        org = db.session.get(Organisation, org_id)
        if org is None:
            abort(404, message="未找到")
        return org


@blp.route("/me")
class Me(MethodView):
    @blp.response(200, MeSchema)
    @blp.doc(security=[{"bearerAuth": []}])
    def get(self):
        """The user the token belongs to."""
        return require_user()


@blp.route("/vocabularies")
class Vocabularies(MethodView):
    @blp.response(200)
    def get(self):
        """Codes and Chinese labels of every controlled vocabulary."""
        return {k: v for k, v in load_json("vocabularies.json").items() if not k.startswith("_")}
