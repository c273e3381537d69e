"""`convert_case`: a pattern rule's replacements in lower or upper case."""
from __future__ import annotations

import pickle

from packs_helpers import rule_findings, rule_linter

SPEC = {"kind": "pattern", "pattern": r"(?<=\p{Ll}, )(?:He|It)\b", "replace": [r"\g<0>"],
        "convert_case": "lower"}


def test_replacements_are_written_in_the_case_asked() -> None:
    [finding] = rule_findings(SPEC, "As the report says, It was late.")
    assert (finding.text, finding.replacements) == ("It", ("it",))
    [finding] = rule_findings({**SPEC, "convert_case": "upper"}, "as they say, He left.")
    assert finding.replacements == ("HE",)


def test_a_linter_read_back_from_the_cache_converts_too() -> None:
    linter = pickle.loads(pickle.dumps(rule_linter(SPEC)))
    [finding] = linter.check_text("As the report says, It was late.")
    assert finding.replacements == ("it",)
