"""JSON API of the contract registry under /api/v1/contracts: list, read, register, edit,
cancel and import. Same visibility as the pages: invisible contracts are 404."""

from pathlib import Path

from flask import current_app, url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from matchhub.api.auth import require_scope, require_user
from matchhub.api.pagination import paginate
from matchhub.contracts import access, queries, schemas, services
from matchhub.contracts.evidence import Evidence
from matchhub.contracts.imports import MAP_KIND, SPEC
from matchhub.core.clock import today
from matchhub.core.errors import PermissionDenied
from matchhub.core.extensions import db
from matchhub.imports.jobs import create_job, job_status, visible_job
from matchhub.imports.map_options import chosen_map, remember
from matchhub.imports.schemas import ImportFailureSchema, UploadSchema
from matchhub.imports.worker import start_job

BEARER = [{"bearerAuth": []}]
READ, WRITE = "contracts:read", "contracts:write"

blp = Blueprint("api_contracts", __name__, url_prefix="/api/v1/contracts",
                description="技术合同登记（合同明细仅对有权查看的用户可见）")


@blp.before_request
def _authenticate() -> None:
    """A token first, so anonymous calls are 401 before their input is parsed."""
    require_user()


def _reader():
    user = require_scope(READ)
    if not access.can_register(user):
        raise PermissionDenied("当前角色不能使用技术合同登记")
    return user


@blp.route("/")
class Contracts(MethodView):
    @blp.arguments(schemas.ContractListArgsSchema, location="query")
    @blp.response(200, schemas.ContractPageSchema)
    @blp.doc(security=BEARER)
    def get(self, args):
        """Contracts the caller may see, newest registration first."""
        user = _reader()
        return paginate(queries.visible_query(user, queries.parse_filters(args)), args)

    @blp.arguments(schemas.ContractInSchema)
    @blp.response(201, schemas.ContractDetailSchema)
    @blp.doc(security=BEARER)
    def post(self, data):
        """Register a contract; a taken registration number is a 422 on that field."""
        user = require_scope(WRITE)
        contract = services.create_contract(db.session, user, data, today())
        db.session.commit()
        return contract


@blp.route("/<int:contract_id>")
class ContractItem(MethodView):
    @blp.response(200, schemas.ContractDetailSchema)
    @blp.doc(security=BEARER)
    def get(self, contract_id):
        """One contract with its audit trail (who changed which field, old and new)."""
        return services.find_visible(db.session, _reader(), contract_id)

    @blp.arguments(schemas.ContractPatchSchema)
    @blp.response(200, schemas.ContractDetailSchema)
    @blp.doc(security=BEARER)
    def patch(self, data, contract_id):
        """Change some fields; each change is audited. The whole result is validated. A
        confirmed contract changes only by an officer's correction with a ``reason``."""
        user = require_scope(WRITE)
        contract = services.find_visible(db.session, user, contract_id)
        reason = data.pop("reason", None)
        services.update_contract(db.session, user, contract, data, today(), reason=reason)
        db.session.commit()
        return contract


@blp.route("/<int:contract_id>/cancel")
class ContractCancel(MethodView):
    @blp.arguments(schemas.CancelSchema)
    @blp.response(200, schemas.ContractDetailSchema)
    @blp.doc(security=BEARER)
    def post(self, data, contract_id):
        """Cancel (撤销) a registration with a reason; it stays on record."""
        user = require_scope(WRITE)
        contract = services.find_visible(db.session, user, contract_id)
        services.cancel_contract(db.session, user, contract, data["reason"])
        db.session.commit()
        return contract


@blp.route("/<int:contract_id>/evidence")
class ContractEvidence(MethodView):
    @blp.arguments(schemas.EvidenceUploadSchema, location="files")
    @blp.response(200, schemas.ContractDetailSchema)
    @blp.doc(security=BEARER)
    def post(self, files, contract_id):
        """Upload the signed contract file of a submission (replaces an earlier one)."""
        user = require_scope(WRITE)
        contract = services.find_visible(db.session, user, contract_id)
        upload = Evidence(files["file"].filename or "", files["file"].read())
        services.attach_evidence(db.session, user, contract, upload,
                                 Path(current_app.config["DATA_DIR"]))
        db.session.commit()
        return contract


@blp.route("/<int:contract_id>/confirmation")
class ContractConfirmation(MethodView):
    @blp.arguments(schemas.ConfirmSchema)
    @blp.response(200, schemas.ContractDetailSchema)
    @blp.doc(security=BEARER)
    def post(self, data, contract_id):
        """认定登记: an officer of the seller's zone confirms a pending contract; it counts
        from now on."""
        user = require_scope(WRITE)
        contract = services.find_visible(db.session, user, contract_id)
        services.confirm_contract(db.session, user, contract, data.get("registration_number"))
        db.session.commit()
        return contract


@blp.route("/<int:contract_id>/return")
class ContractReturn(MethodView):
    @blp.arguments(schemas.CancelSchema)
    @blp.response(200, schemas.ContractDetailSchema)
    @blp.doc(security=BEARER)
    def post(self, data, contract_id):
        """Return (退回) a pending contract to its submitter with a reason."""
        user = require_scope(WRITE)
        contract = services.find_visible(db.session, user, contract_id)
        services.return_contract(db.session, user, contract, data["reason"])
        db.session.commit()
        return contract


@blp.route("/import")
class ContractImport(MethodView):
    @blp.arguments(schemas.ContractImportOptionsSchema, location="form")
    @blp.arguments(UploadSchema, location="files")
    @blp.response(202, schemas.ContractImportJobSchema)
    @blp.alt_response(422, schema=ImportFailureSchema,
                      description="A bad file or header: no job was queued. Headers that are "
                                  "not the template's: error.mapping suggests a map.")
    @blp.alt_response(415, description="Not a .csv or .xlsx file (by extension and content).")
    @blp.alt_response(413, description="Larger than MAX_CONTENT_LENGTH.")
    @blp.doc(security=BEARER)
    def post(self, options, files):
        """Start importing a CSV/XLSX file with Chinese headers (registry officers of the
        sellers' zones and platform administrators): answers 202 with the job to poll; all
        rows or none are written once it finishes. Other headers: send ``mapping`` (JSON
        field -> header) or a saved ``map_name``; ``correct`` makes differing rows'
        corrections."""
        user = require_scope(WRITE)
        filename, data = files["file"].filename or "", files["file"].read()
        columns = chosen_map(db.session, user, SPEC, MAP_KIND, options["mapping"],
                             options["map_name"])
        job = create_job(db.session, "contracts", user, filename, data, "api", columns,
                         {"apply_corrections": options["correct"]})
        remember(db.session, user, MAP_KIND, options["save_map"], columns)
        db.session.commit()
        start_job(job.id)
        db.session.refresh(job)
        return job_status(job, _job_url(job.id)), 202, {"Location": _job_url(job.id)}


def _job_url(job_id: int) -> str:
    return url_for("api_contracts.ContractImportJob", job_id=job_id)


@blp.route("/import/jobs/<int:job_id>")
class ContractImportJob(MethodView):
    @blp.response(200, schemas.ContractImportJobSchema)
    @blp.doc(security=BEARER)
    def get(self, job_id):
        """An import job's status, progress and report (its owner and platform admins)."""
        user = require_scope(WRITE)
        job = visible_job(db.session, user, job_id)
        db.session.commit()  # a job found stale is failed for good
        return job_status(job, _job_url(job.id))
