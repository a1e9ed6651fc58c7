"""The app's public surface stays as pinned: URL rules with their endpoints and methods,
and the OpenAPI document. A restructuring that moves code must not move these; a change
that means to, re-pins with ``python -m tests.test_public_surface``."""

import json
from pathlib import Path

SNAPSHOTS = Path(__file__).parent / "snapshots"


def url_rules(app) -> list[dict]:
    rules = [{"rule": rule.rule, "endpoint": rule.endpoint,
              "methods": sorted(rule.methods - {"HEAD", "OPTIONS"})}
             for rule in app.url_map.iter_rules()]
    return sorted(rules, key=lambda row: (row["rule"], row["endpoint"]))


def openapi_document(client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def _pinned(name: str):
    return json.loads((SNAPSHOTS / name).read_text(encoding="utf-8"))


def test_url_rules_are_as_pinned(app):
    assert url_rules(app) == _pinned("url_rules.json")


def test_openapi_document_is_as_pinned(client):
    assert openapi_document(client) == _pinned("openapi.json")


def _write(name: str, value) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    (SNAPSHOTS / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":  # re-pin after an intended change of the public surface
    import tempfile

    from matchhub import create_app

    with tempfile.TemporaryDirectory() as scratch:
        app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{scratch}/pin.db",
                          "DATA_DIR": scratch, "SECRET_KEY": "pin", "ES_URL": ""})
        with app.app_context():
            _write("url_rules.json", url_rules(app))
            _write("openapi.json", openapi_document(app.test_client()))
