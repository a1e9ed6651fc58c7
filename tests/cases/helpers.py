"""Cases for the match-case tests: a Lanzhou need and achievement, and a case opened and
moved to any state through the services (people come from tests.factories)."""


from matchhub.cases import services
from matchhub.catalog.models import IPRecord
from matchhub.core import clock
from matchhub.core.extensions import db
from tests.matching.helpers import achievement, need

PATH = ("contacted", "negotiating", "signed")


def pair():
    """A published need (enterprise, 兰州) and a patented achievement (university, 兰州)."""
    wanted = need(region_code="620100")
    offer = achievement(ip_records=[IPRecord(ip_type="invention_patent", number="ZL1")])
    return wanted, offer


def open_case(user, wanted=None, offer=None):
    if wanted is None:
        wanted, offer = pair()
    case = services.open_case(db.session, user, wanted.id, [offer.id] if offer else [],
                              clock.today(), "开单说明")
    db.session.commit()
    return case


def advance(user, case, until: str):
    """Move ``case`` along 推荐 → … until the state ``until`` (committed)."""
    for target in PATH[:PATH.index(until) + 1]:
        services.transition_case(db.session, user, case, target, version=case.version,
                                 note=f"到{target}")
    db.session.commit()
    return case
