"""The ``matchhub`` command finds the packages' commands without building the app."""

import threading

from click.testing import CliRunner

import matchhub
from matchhub.cli import LAZY_COMMANDS, MatchHubGroup, load_command


def test_the_lazy_table_names_exactly_the_commands_the_packages_register(app):
    # Flask-Migrate's db and flask-smorest's openapi come with the app, as Flask finds them.
    registered = {name: command for name, command in app.cli.commands.items()
                  if name not in {"db", "openapi"}}
    assert set(LAZY_COMMANDS) == set(registered)
    for name, target in LAZY_COMMANDS.items():
        assert load_command(target) is registered[name], name


def test_a_command_help_is_answered_without_building_the_app(monkeypatch):
    def refuse():
        raise AssertionError("the app was built for --help")

    group = MatchHubGroup(create_app=refuse)
    result = CliRunner().invoke(group, ["zones", "--help"])
    assert result.exit_code == 0, result.output
    assert "report" in result.output


def test_a_lazy_command_runs_inside_the_app_it_builds(tmp_path):
    built = []

    def create():
        app = matchhub.create_app({"DATA_DIR": str(tmp_path), "TESTING": True})
        built.append(app)
        return app

    def invoke():  # in a thread of its own: no test app context to borrow
        results.append(CliRunner().invoke(MatchHubGroup(create_app=create),
                                          ["zones", "report", "--year", "2024"]))

    results = []
    worker = threading.Thread(target=invoke)
    worker.start()
    worker.join()
    assert len(built) == 1
    # A fresh data dir has no tables: the command reached the database of the app it built.
    assert "no such table" in str(results[0].exception)
