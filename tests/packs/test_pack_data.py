"""Pack data is tested like a dictionary: no duplicates, no entry whose replacement another
entry would flag again (a fix cycle), no variant set where one spelling contains another."""
from __future__ import annotations

import pytest

from cleanup.engine import Linter
from cleanup.pack import Rule, load_builtin_packs
from cleanup.phrases import fold

# Packs maintained elsewhere (the entities engineer, LanguageTool) have their own tests.
MINE = {"hygiene", "names", "calques", "terms", "fragments", "consistency"}
RULES = [r for p in load_builtin_packs() if p.id in MINE for r in p.rules]
LINTER = Linter(RULES)


def _key(phrase: str) -> str:
    return " ".join(fold(phrase).split())


def test_all_my_packs_are_there() -> None:
    assert {r.pack for r in RULES} == MINE


@pytest.mark.parametrize("rule", [r for r in RULES if r.kind == "substitution"
                                  and not r.spec.get("regex")], ids=lambda r: r.id)
def test_substitution_keys_are_unique(rule: Rule) -> None:
    keys = [_key(k) if rule.case_sensitive is not True else k for k in rule.spec["swap"]]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("rule", [r for r in RULES if r.kind == "consistency"],
                         ids=lambda r: r.id)
def test_variant_sets_are_clean(rule: Rule) -> None:
    seen: set[str] = set()
    for variants in rule.spec["variants"]:
        keys = [v if rule.case_sensitive else v.lower() for v in variants]
        assert len(keys) == len(set(keys)), f"duplicate in {variants}"
        assert not seen & set(keys), f"{variants} repeats a spelling of another set"
        seen |= set(keys)
        folded = [f" {_key(v)} " for v in variants]
        for a in folded:
            for b in folded:
                # "Sisi" inside "El Sisi" would count every "El Sisi" twice.
                assert a == b or a not in b, f"{a.strip()!r} is part of {b.strip()!r}"


@pytest.mark.parametrize("rule", [r for r in RULES if r.kind == "soundalike"],
                         ids=lambda r: r.id)
def test_names_are_listed_once(rule: Rule) -> None:
    firsts = [(n if isinstance(n, str) else n[0]).lower() for n in rule.spec["names"]]
    duplicates = {n for n in firsts if firsts.count(n) > 1}
    assert not duplicates


def _replacements(rule: Rule) -> list[str]:
    out = []
    for value in rule.spec["swap"].values():
        out.extend([value] if isinstance(value, str) else value)
    return out


@pytest.mark.parametrize("rule", [r for r in RULES if r.kind == "substitution"
                                  and not r.spec.get("regex")], ids=lambda r: r.id)
def test_no_fix_cycles(rule: Rule) -> None:
    """A replacement, in a neutral sentence, is not flagged again by any of my rules."""
    for replacement in _replacements(rule):
        text = f"He said that {replacement} was there."
        again = [f for f in LINTER.check_text(text)
                 if f.start >= len("He said that ") and f.end <= len(text) - len(" was there.")
                 and f.replacements and f.category != "inconsistent_spelling"]
        assert not again, f"{replacement!r} is flagged again by {again[0].rule}"
