from matchhub.accounts.tokens import issue_token
from matchhub.core.extensions import db

ALL_SCOPES = ["catalog:read", "catalog:write", "review"]


def bearer(user, scopes=ALL_SCOPES) -> dict[str, str]:
    _, secret = issue_token(db.session, user, "test", list(scopes))
    db.session.commit()
    return {"Authorization": f"Bearer {secret}"}


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.get_json()
    body = response.get_json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["code"] == code
    return body["error"]
