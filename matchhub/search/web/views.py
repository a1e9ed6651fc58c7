"""The search page: one box, type tabs, filters with counts, snippets and reason chips."""

from flask import Blueprint, current_app, render_template, request, url_for

from matchhub.core.args import page_arg
from matchhub.core.clock import today
from matchhub.core.errors import DomainError, ValidationFailed
from matchhub.core.extensions import db
from matchhub.core.vocabularies import trl_levels, vocabulary
from matchhub.search.backends import get_search_backend
from matchhub.search.core.filters import ITEM_TYPES, MODES, parse_search_filters
from matchhub.search.core.query import SORTS
from matchhub.search.core.suggest import did_you_mean
from matchhub.search.web.links import result_url, row_title
from matchhub.search.web.service import run_search, type_counts

bp = Blueprint("search", __name__)
bp.add_app_template_global(result_url, "result_url")
bp.add_app_template_global(row_title, "row_title")
TAB_LABELS = {"achievement": "成果", "need": "需求", "organisation": "机构", "broker": "经纪人"}
SORT_LABELS = {"relevance": "相关度", "newest": "最新发布", "price_asc": "价格从低到高",
               "price_desc": "价格从高到低", "end_date": "即将截止"}


def _choice(name: str, allowed, default: str) -> str:
    value = request.args.get(name) or default
    if value not in allowed:
        raise DomainError(f"参数 {name} 取值无效", {name: ["取值无效"]})
    return value


@bp.get("/search")
def search_page():
    item_type = _choice("type", ITEM_TYPES, "achievement")
    sort = _choice("sort", SORTS, "relevance")
    retrieval = _choice("retrieval", MODES, "hybrid")
    try:
        filters = parse_search_filters(request.args)
    except ValidationFailed as exc:
        raise DomainError(f"筛选参数无效：{'、'.join(exc.fields)}", exc.fields) from exc
    text = (request.args.get("q") or "").strip()
    page = page_arg()
    outcome = run_search(db.session, get_search_backend(), text, item_type, filters, today(),
                         sort=sort, page=page, per_page=current_app.config["PAGE_SIZE"],
                         mode=retrieval)
    # The page's own count is the tab's when nothing narrows it and it counts the
    # lexical matched set (semantic retrieval counts its neighbours instead).
    known = {item_type: outcome.total} if not filters and retrieval != "semantic" else {}
    counts = type_counts(get_search_backend(), text, tuple(TAB_LABELS), today(), known)
    hint = did_you_mean(get_search_backend(), text, item_type) if not outcome.total else None
    return render_template("search/results.html", outcome=outcome, tabs=TAB_LABELS,
                           tab_counts=counts, sorts=SORT_LABELS, sort=sort, hint=hint)


@bp.app_template_global("stage_facet")
def stage_facet(trl_counts: dict[str, int]) -> list[tuple[str, str, int]]:
    """The TRL facet counts summed per maturity stage: (stage code, label, count), in the
    vocabulary's order, so that each links to the ``stage`` filter."""
    counts: dict[str, int] = {}
    for value, n in trl_counts.items():
        level = trl_levels().get(int(value))
        if level is not None:
            counts[level.stage] = counts.get(level.stage, 0) + n
    stages = vocabulary("maturity_stages")
    return [(code, stages.label(code), counts[code]) for code in stages.codes if code in counts]


@bp.app_template_global("search_url")
def search_url(**overrides) -> str:
    """This search with some arguments replaced (None drops one)."""
    args = {k: v for k, v in request.args.items() if not k.startswith("_")}
    args.update(overrides)
    return url_for("search.search_page", **{k: v for k, v in args.items() if v is not None})
