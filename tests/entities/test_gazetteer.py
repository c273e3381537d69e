"""The shipped data, and style lists (issue 4)."""
from __future__ import annotations

from pathlib import Path

import yaml

from cleanup.entities import default_config, load_style, save_style
from cleanup.entities.gazetteer import Entry, Gazetteer, data_dir, shipped_gazetteer
from cleanup.entities.spelling import analyse, respellings


def test_data_is_modest_and_attributed() -> None:
    folder = data_dir()
    assert sum(p.stat().st_size for p in folder.iterdir()) < 1_000_000
    assert "GeoNames" in (folder / "places.tsv").read_text(encoding="utf-8")[:600]
    assert "CC BY" in (folder / "README.md").read_text(encoding="utf-8")


def test_curated_entries_are_unique_and_plain() -> None:
    data = yaml.safe_load((data_dir() / "curated.yaml").read_text(encoding="utf-8"))
    canonicals = [e["canonical"] for e in data["entries"]]
    assert len(canonicals) == len(set(canonicals))
    assert all(c.isascii() for c in canonicals)  # the common English form, no diacritics


def test_places_are_anchored_to_their_common_form() -> None:
    gazetteer = shipped_gazetteer()
    entry = gazetteer.anchor("Al-Mawsil", default_config())
    assert entry is not None and gazetteer.entries[entry].canonical == "Mosul"


def test_a_name_close_only_to_an_exonym_is_not_the_place() -> None:
    # Ramah is close to Ramma, one of Rome's names in another language, but not to Rome.
    rome = Gazetteer([Entry("Rome", "place", ("Rome", "Ramma"))])
    text = "Samuel went home to Ramah. Paul sailed for Rome. Rome was far."
    assert respellings(analyse(text, default_config(), rome)) == []


def test_a_name_close_to_a_listed_spelling_the_document_uses_joins_it() -> None:
    pmf = Gazetteer([Entry("Popular Mobilization Forces", "organization",
                           ("Popular Mobilization Forces", "Hashd al-Shaabi"))])
    text = ("The Hashd al-Shaabi moved north. Units of the Hashd al-Shaabi held the road. "
            "The Hashed al-Shabi denied it.")
    found = respellings(analyse(text, default_config(), pmf))
    assert [(r.text, r.replacement) for r in found] == [("Hashed al-Shabi", "Hashd al-Shaabi")]


def test_a_saved_style_list_is_enforced_later(tmp_path: Path) -> None:
    style_file = tmp_path / "names.yaml"
    save_style([{"canonical": "Hudaydah", "variants": [{"text": "Hodeidah", "count": 1}]}],
               style_file)
    text = "The port of Hodeidah reopened."
    entities = analyse(text, default_config(), shipped_gazetteer(), load_style(style_file))
    assert [(r.text, r.replacement) for r in respellings(entities)] == [("Hodeidah", "Hudaydah")]
