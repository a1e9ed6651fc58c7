"""The vendored demo files: CSL records with licence and notice, the discipline map, needs."""

import json
from pathlib import Path

import pytest

from matchhub.core.identifiers import normalise_credit_code
from matchhub.core.money import parse_amount
from matchhub.core.regions import regions
from matchhub.core.vocabularies import vocabulary
from matchhub.demo.files import RECORDS_PATH, discipline_fields, load_demo_json
from matchhub.demo.organisations import demo_credit_code

# The project's shared/ folder sits beside the repository (not in every checkout).
SHARED_RECORDS = Path(__file__).resolve().parents[3] / "shared/data/csl/records_dev.jsonl"


def records() -> list[dict]:
    return [json.loads(line) for line in RECORDS_PATH.read_text("utf-8").splitlines()]


def test_records_are_vendored_with_licence_and_notice():
    assert len(records()) == 1000
    licence = (RECORDS_PATH.parent / "LICENSE").read_text("utf-8")
    assert "Apache License" in licence and "Version 2.0, January 2004" in licence
    assert "END OF TERMS AND CONDITIONS" in licence
    notice = (RECORDS_PATH.parent / "NOTICE.md").read_text("utf-8")
    for words in ("COLING 2022", "ydli-ai/CSL", "Apache", "not MatchHub's content"):
        assert words in notice


@pytest.mark.skipif(not SHARED_RECORDS.exists(), reason="shared data not present")
def test_records_file_is_unchanged():
    assert RECORDS_PATH.read_bytes() == SHARED_RECORDS.read_bytes()


def test_every_discipline_is_mapped_to_a_field():
    disciplines = {record["discipline"] for record in records()}
    mapping = discipline_fields()
    assert len(disciplines) == 67
    assert disciplines == set(mapping)
    assert set(mapping.values()) <= set(vocabulary("tech_fields").codes)


def test_needs_are_labelled_fictional_and_valid():
    orgs = {o["key"]: o for o in load_demo_json("organisations.json")["organisations"]}
    data = load_demo_json("needs.json")
    prefectures = {code for code in regions() if not code.endswith("0000")}
    assert data["source_note"] == "演示数据：为演示编写的虚构需求"
    assert 20 <= len(data["needs"]) <= 30
    assert {n["field"] for n in data["needs"]} == set(vocabulary("tech_fields").codes)
    for need in data["needs"]:
        org = orgs[need["enterprise"]]
        assert org["kind"] == "enterprise" and "（演示）" in org["name"]
        assert need["region_code"] in prefectures
        assert need["budget_negotiable"] or parse_amount(need["budget_min"]) <= parse_amount(
            need["budget_max"])
        assert isinstance(need.get("budget_min", ""), str)


def test_demo_organisations_are_marked_and_codes_valid():
    for serial, org in enumerate(load_demo_json("organisations.json")["organisations"], 1):
        assert org["name"].endswith("（演示）")
        code = demo_credit_code(org["kind"], org["region_code"], serial)
        assert normalise_credit_code(code) == code

