from flask import Blueprint, Flask

from matchhub.core.route_table import RouteTable


def test_routes_register_on_the_blueprint_with_flask_endpoint_names():
    routes = RouteTable()

    @routes.get("/a")
    def first():
        return "a"

    @routes.post("/b", endpoint="second")
    def other():
        return "b"

    @routes.app_template_global("shout")
    def shout(text):
        return text.upper()

    calls = []

    @routes.before_request
    def note():
        calls.append("before")

    app = Flask(__name__)
    bp = Blueprint("demo", __name__, url_prefix="/d")
    routes.register(bp)
    app.register_blueprint(bp)
    rules = {rule.endpoint: rule.rule for rule in app.url_map.iter_rules()}
    assert rules["demo.first"] == "/d/a" and rules["demo.second"] == "/d/b"
    client = app.test_client()
    assert client.get("/d/a").text == "a" and client.post("/d/b").text == "b"
    assert calls == ["before", "before"]
    assert app.jinja_env.globals["shout"]("x") == "X"
