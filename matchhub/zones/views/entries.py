"""Zone entry pages (/zones/<code>/entries/<year>): a zone's administrators (and platform
admins) enter reported values with sources and evidence, policy texts and featured
indicators; platform admins also score policy texts and set targets. Each form posts to
its own URL and calls one zones service."""

from pathlib import Path

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    send_file,
    url_for,
)
from flask_login import login_required

from matchhub.core.args import int_arg
from matchhub.core.clock import today
from matchhub.core.current_user import me
from matchhub.core.errors import ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.forms import apply_errors
from matchhub.core.regions import home_province, zones
from matchhub.core.route_table import RouteTable
from matchhub.zones import services
from matchhub.zones.access import can_enter_for, is_province_reviewer
from matchhub.zones.entries.sheet import target_names
from matchhub.zones.forms import ENTRY_FORMS
from matchhub.zones.report_keys import TARGET_KEYS
from matchhub.zones.statistics.entered_values import REVIEW_LABELS
from matchhub.zones.statistics.values import quantity_text

routes = RouteTable()
ENTRY_RULE = "/<code>/entries/<int:year>"
PROVINCE_ONLY = frozenset({"scores", "targets"})
SAVED = {"values": "填报已保存", "policies": "落实情况已保存", "scores": "评分已保存",
         "featured": "特色指标已保存", "targets": "目标已保存"}


def _data_dir() -> Path:
    return Path(current_app.config["DATA_DIR"])


def _entrant(code: str, year: int):
    """The user, if they may enter this scope's figures: 404 unknown scope or year, 403
    for everyone but its zone administrators and platform admins."""
    if services.scope_name(code) is None or not services.MIN_YEAR <= year <= services.MAX_YEAR:
        abort(404)
    if not can_enter_for(me(), code):
        abort(403)
    return me()


def _render(code: str, year: int, status: int = 200, problems=None, **forms):
    blank = {kind: form_class(formdata=None) for kind, form_class in ENTRY_FORMS.items()}
    body = render_template(
        "zones/entries.html", sheet=services.entry_sheet(db.session, code, year),
        name=services.scope_name(code), forms={**blank, **forms}, problems=problems or {},
        reviewer=is_province_reviewer(me()), review_labels=REVIEW_LABELS,
        target_names=target_names(), target_units=TARGET_KEYS, quantity=quantity_text)
    return body, status


@routes.get("/entries")
@login_required
def index():
    """Zone administrators go to their zone's page; platform admins choose a scope."""
    user, year = me(), today().year
    if user.role == "zone_admin" and user.zone_code in zones():
        return redirect(url_for(".page", code=user.zone_code, year=year))
    if not is_province_reviewer(user):
        abort(403)
    scopes = [(z.code, z.name) for z in zones().values()]
    scopes.append((home_province().code, f"{home_province().name}（全省）"))
    return render_template("zones/entries_index.html", scopes=scopes,
                           year=int_arg("year", year, low=services.MIN_YEAR,
                                        high=services.MAX_YEAR))


@routes.get(ENTRY_RULE)
@login_required
def page(code: str, year: int):
    _entrant(code, year)
    return _render(code, year)


def _evidence(form) -> services.Evidence | None:
    upload = form.evidence.data
    if upload is None or not getattr(upload, "filename", ""):
        return None
    return services.Evidence(upload.filename, upload.read())


def _write(kind: str, form, user, code: str, year: int) -> None:
    session = db.session
    if kind == "values":
        services.report_value(session, user, code, year, form.code.data, form.value.data,
                              form.source_note.data, evidence=_evidence(form),
                              data_dir=_data_dir())
    elif kind == "policies":
        services.write_policy(session, user, code, year, form.code.data, form.text.data)
    elif kind == "scores":
        services.score_policy(session, user, code, year, form.code.data, form.score.data)
    elif kind == "featured":
        services.set_featured(session, user, code, year, form.name.data, form.unit.data,
                              form.target.data, form.value.data, form.source_note.data)
    else:
        services.set_target(session, user, code, year, form.key.data, form.value.data,
                            form.note.data)


@routes.post(ENTRY_RULE + "/<any(values, policies, scores, featured, targets):kind>")
@login_required
def save(code: str, year: int, kind: str):
    user = _entrant(code, year)
    if kind in PROVINCE_ONLY and not is_province_reviewer(user):
        abort(403)
    form = ENTRY_FORMS[kind]()
    if not form.validate_on_submit():
        return _render(code, year, 422, **{kind: form})
    try:
        _write(kind, form, user, code, year)
    except ValidationFailed as exc:
        db.session.rollback()
        leftovers = apply_errors(form, exc.fields)
        return _render(code, year, 422, {kind: leftovers}, **{kind: form})
    db.session.commit()
    flash(SAVED[kind], "success")
    return redirect(url_for(".page", code=code, year=year, _anchor=kind))


@routes.get(ENTRY_RULE + "/evidence/<int:value_id>")
@login_required
def evidence(code: str, year: int, value_id: int):
    path, name = services.evidence_file(db.session, me(), code, year, value_id, _data_dir())
    return send_file(path, as_attachment=True, download_name=name)
