"""The triage classifier: its corpus, its figures on the independent evaluation set (written by
another writer, never trained on), the calibrated 不确定, model versions on every suggestion, and
learning from the squadron leader's word on the item, retrained in the background."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from zhifa.catalog.demo import demo_rows
from zhifa.intake import classify
from zhifa.intake.classify.models import ClassifierVersion, TriageLabel
from zhifa.intake.classify.training import corpus, training_set
from zhifa.intake.models import LeadEvent
from zhifa.intake.services import lead_receive
from zhifa.intake.triage import lead_item_confirm, lead_triage

EVAL = Path(__file__).parent / "data" / "eval_independent.tsv"
UNCLEAR = "哐哐队又在黑石岭开工了"


def _eval_rows() -> list[dict[str, str]]:
    with EVAL.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def _lead(town, text):
    lead, _ = lead_receive(town=town, source="grid", text=text, address="同路村", triage=False)
    return lead_triage(lead=lead)


def test_the_corpus_has_six_hundred_everyday_texts_over_every_domain_and_item():
    rows = corpus()
    catalog = {r["事项编码"]: r["领域"] for _, r in demo_rows()}
    assert len(rows) >= 600
    per_domain = Counter(r.domain for r in rows)
    assert len(per_domain) == 11 and min(per_domain.values()) >= 30
    assert {r.item_code for r in rows} == set(catalog)
    assert all(catalog[r.item_code] == r.domain for r in rows)
    assert len({r.text for r in rows}) == len(rows)


def test_no_text_of_the_independent_set_is_in_the_training_data(catalog, town):
    def plain(text: str) -> str:
        return "".join(ch for ch in text if ch.isalnum())

    evaluation = {plain(r["text"]) for r in _eval_rows()}
    assert len(evaluation) >= 400
    trained = {plain(t) for t in training_set(town.pk).texts}
    assert not evaluation & trained


def test_on_the_independent_set_the_domain_is_first_and_the_item_in_the_top_three(catalog, town):
    rows = _eval_rows()
    top1 = top3 = with_item = 0
    for row in rows:
        got = classify.suggest(town_id=town.pk, text=row["text"]).suggestions
        top1 += got[0].domain == row["domain"]
        if row["item_code"]:
            with_item += 1
            top3 += row["item_code"] in [s.code for s in got]
    assert top1 / len(rows) >= 0.85
    assert top3 / with_item >= 0.90


def test_the_confidence_threshold_comes_from_held_out_folds_and_keeps_its_precision(catalog, town):
    version = classify.model_train(town_id=town.pk)
    metrics = version.metrics
    assert metrics["held_out"] == len(corpus())
    assert 0 < version.threshold < 1
    assert metrics["confident_precision"] >= metrics["precision_target"] == 0.9
    # On the independent set the confident suggestions are right about as often.
    right = total = 0
    for row in _eval_rows():
        got = classify.suggest(town_id=town.pk, text=row["text"])
        if got.confident and row["item_code"]:
            total += 1
            right += got.top.code == row["item_code"]
    assert total >= 100 and right / total >= 0.85


def test_a_clear_complaint_is_confident_and_a_vague_one_reads_uncertain(catalog, town, cells):
    clear = _lead(town, "工地没有围挡也不洒水，一刮风尘土满天飞")
    assert clear.triage_confident is True and clear.suggestions[0]["code"] == "SH-ZJ-001"
    vague = _lead(town, UNCLEAR)
    assert vague.triage_confident is False and len(vague.suggestions) == 3
    event = LeadEvent.objects.get(lead=vague, event_type="triaged")
    assert "事项不确定" in event.summary and event.new["confident"] is False


def test_every_suggestion_records_the_model_version(catalog, town, cells):
    lead = _lead(town, "半夜有车拉矿，轰隆隆过一宿")
    version = ClassifierVersion.objects.get(town=town).version
    assert lead.triage_model == version
    assert {s["model"] for s in lead.suggestions} == {version}
    assert LeadEvent.objects.get(lead=lead, event_type="triaged").new["model"] == version


def test_a_lexicon_word_moves_the_suggestion(catalog, town):
    from zhifa.catalog.services import item_lexicon_update

    before = classify.suggest(town_id=town.pk, text=UNCLEAR)
    assert "SH-RS-003" not in [s.code for s in before.suggestions]
    item = catalog["SH-RS-003"]
    item_lexicon_update(item=item, actor=None, text=item.lexicon + "、哐哐队")
    after = classify.suggest(town_id=town.pk, text=UNCLEAR)
    assert after.model == before.model + 1
    assert "SH-RS-003" in [s.code for s in after.suggestions]


def test_a_correction_joins_the_towns_data_and_the_next_version_learns_it(
    catalog, town, cells, personas, django_capture_on_commit_callbacks
):
    lead = _lead(town, UNCLEAR)
    assert lead.suggestions[0]["code"] != "SH-ZR-002"
    versions = ClassifierVersion.objects.filter(town=town).count()
    with django_capture_on_commit_callbacks() as callbacks:
        lead_item_confirm(lead=lead, actor=personas.squadron_leader, item=catalog["SH-ZR-002"])
    # The retraining waits for the commit and runs as a job: nothing was trained yet.
    assert ClassifierVersion.objects.filter(town=town).count() == versions
    label = TriageLabel.objects.get(lead=lead)
    assert label.verdict == "corrected" and label.model_version == lead.triage_model
    assert label.suggested == lead.suggestions[0]["code"]
    event = LeadEvent.objects.get(lead=lead, event_type="item_confirmed")
    assert event.summary.startswith("更正事项") and event.actor == personas.squadron_leader
    for callback in callbacks:
        callback()
    newest = ClassifierVersion.objects.filter(town=town).order_by("-version").first()
    assert newest.labels == 1 and newest.version > lead.triage_model
    again = _lead(town, UNCLEAR)
    assert again.suggestions[0]["code"] == "SH-ZR-002"
    assert again.triage_model == newest.version


def test_routing_a_lead_confirms_its_item_as_training_data(catalog, town, cells, personas):
    from zhifa.intake.services import lead_transfer

    lead = _lead(town, "后山有人私挖乱采，天天往外拉矿石")
    assert lead.suggestions[0]["code"] == "SH-ZR-002"
    lead_transfer(
        lead=lead,
        actor=personas.squadron_leader,
        item=catalog["SH-ZR-002"],
        reason="无证采矿属县自然资源局职责",
    )
    label = TriageLabel.objects.get(lead=lead)
    assert label.verdict == "confirmed" and label.item == catalog["SH-ZR-002"]


def test_only_squadron_leaders_and_leaders_confirm_an_item(catalog, town, cells, personas):
    from zhifa.core.errors import Forbidden

    lead = _lead(town, "工地灰太大")
    with pytest.raises(Forbidden):
        lead_item_confirm(lead=lead, actor=personas.officer, item=catalog["SH-ZJ-001"])
    assert not TriageLabel.objects.filter(lead=lead).exists()
    assert not LeadEvent.objects.filter(lead=lead, event_type="item_confirmed").exists()


def test_receiving_a_lead_never_trains_a_model(catalog, town, cells):
    lead_receive(town=town, source="grid", text="工地灰太大了", address="同路村", triage=False)
    assert not ClassifierVersion.objects.filter(town=town).exists()


def test_only_the_latest_versions_keep_their_model(catalog, town):
    from zhifa.intake.classify.store import KEEP_BLOBS

    for _ in range(KEEP_BLOBS + 2):
        classify.model_train(town_id=town.pk, force=True)
    kept = [v.version for v in ClassifierVersion.objects.filter(town=town) if bytes(v.blob)]
    assert len(kept) == KEEP_BLOBS and max(kept) == KEEP_BLOBS + 2
