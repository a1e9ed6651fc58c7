"""Template helpers other pages use: the 「从对接推荐开单」 button and the stats section."""

from flask_login import current_user

from matchhub.cases import access, workflow
from matchhub.core.route_table import RouteTable

routes = RouteTable()
routes.app_template_filter("case_state")(workflow.label)


@routes.app_template_global("can_open_cases")
def current_user_can_open_cases() -> bool:
    return access.can_open(current_user)
