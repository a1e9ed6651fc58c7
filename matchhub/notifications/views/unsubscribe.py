"""GET /unsubscribe/<token> asks for confirmation; POST to the same URL unsubscribes.

No sign-in is needed: the signed token is the authority, so the POST is exempt from the
session CSRF check (a forged request would need the token itself). GET never changes
anything, because mail scanners and link previews fetch links in emails; the POST also
serves RFC 8058 one-click unsubscribe (List-Unsubscribe-Post) from mail clients.
"""

from flask import abort, current_app, render_template

from matchhub.core.extensions import csrf, db
from matchhub.core.route_table import RouteTable
from matchhub.notifications import services
from matchhub.notifications.tokens import subscription_for_token

routes = RouteTable()


def _subscription(token: str):
    sub = subscription_for_token(db.session, current_app.config["SECRET_KEY"], token)
    if sub is None:
        abort(404)
    return sub


@routes.get("/unsubscribe/<token>")
def unsubscribe(token: str):
    sub = _subscription(token)
    return render_template("notifications/unsubscribe.html", sub=sub, token=token, done=False)


@routes.post("/unsubscribe/<token>")
@csrf.exempt
def unsubscribe_confirm(token: str):
    sub = _subscription(token)
    services.unsubscribe(db.session, sub)
    db.session.commit()
    return render_template("notifications/unsubscribe.html", sub=sub, token=token, done=True)
