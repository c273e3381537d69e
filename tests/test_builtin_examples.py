"""Every example of every built-in rule holds: bad ones are flagged (and fixed as written),
good ones are left alone."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from cleanup.examples import check_rule_examples
from cleanup.pack import Rule, load_builtin_packs

RULES = [rule for pack in load_builtin_packs() for rule in pack.rules]


@pytest.fixture(autouse=True)
def languagetool_stand_in(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The grammar pack's examples run against the local LanguageTool stand-in."""
    from fake_languagetool import running

    with running() as url:
        monkeypatch.setenv("CLEANUP_LANGUAGETOOL_SERVER", url)
        yield


def test_there_are_builtin_packs_with_examples() -> None:
    assert len({r.pack for r in RULES}) >= 5
    assert all(r.examples for r in RULES)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule: Rule) -> None:
    failures = [str(f) for f in check_rule_examples(rule)]
    assert not failures, "\n".join(failures)


def test_rule_ids_are_unique_across_packs() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
