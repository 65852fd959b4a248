"""``emprise score`` and ``emprise simulate`` on the demo organisation, SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest


OBJECTIVES = [f"SOV-{n}" for n in range(1, 9)]


@pytest.mark.slow
def test_demo_scores_simulation_and_errors(demo):
    # Every asset: a SOV score, a SEAL level, and factors that cite a source or say unknown.
    result = demo("score", "--format", "json")
    assert result.exit_code == 0, result.output
    assessments = json.loads(result.stdout)
    assert len(assessments) > 150
    for item in assessments:
        assert set(item) >= {"asset", "sov", "score", "seal", "factors"}
        assert list(item["sov"]) == OBJECTIVES
        assert 0 <= item["score"] <= 100
        assert item["seal"] in {f"SEAL-{n}" for n in range(5)}
        assert item["factors"]
        for factor in item["factors"]:
            if factor["known"]:
                assert factor["source"] and factor["source"] != "unknown", factor
                assert factor["sources"]
            else:
                assert factor["value"] == "unknown" and factor["source"] == "unknown"
                assert factor["score"] is None
    by_name = {item["name"]: item for item in assessments}
    assert by_name["Exchange Online"]["seal"] == "SEAL-0"  # Microsoft: US law
    assert by_name["Nextcloud Trois Rivières"]["sov"]["SOV-2"] == 4  # run on OVHcloud (FR)

    why = demo("score", "WeTransfer", "--why")
    assert why.exit_code == 0, why.output
    assert "supply.hosting" in why.stdout and "Amazon" in why.stdout  # Dutch SaaS on AWS
    assert "SecNumCloud" in why.stdout

    cut = demo("simulate", "--cut", "country:US", "--format", "json")
    assert cut.exit_code == 0, cut.output
    lost = {c["name"] for c in json.loads(cut.stdout)["capabilities_lost"]}
    assert {"Messagerie et agenda", "Paie et ressources humaines"} <= lost
    text = demo("simulate", "--cut", "country:US")
    assert "Capabilities lost" in text.stdout and "Messagerie et agenda" in text.stdout

    for args in (("simulate", "--cut", "planet:mars"), ("simulate", "--cut", "vendor:nobody-at-all"),
                 ("score", "no such asset anywhere")):
        bad = demo(*args)
        assert bad.exit_code == 1, bad.output
        assert "Traceback" not in bad.output
