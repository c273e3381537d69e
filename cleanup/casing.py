"""Replacements take the case shape of the text they replace."""
from __future__ import annotations


def match_case(found: str, phrase: str, replacement: str) -> str:
    """`found` is what the document says, `phrase` what the rule lists, `replacement` its fix.

    The replacement is written as the rule spells it, unless the document changed the case of
    the phrase: all capitals ("RASHATOUDI" → "RT", "THE LEAP" → "THE ...") or a capital first
    letter, as at the start of a sentence ("the" → "The").
    """
    if not replacement or found == phrase:
        return replacement
    letters = [c for c in found if c.isalpha()]
    if len(letters) > 1 and found.isupper() and not phrase.isupper():
        return replacement.upper()
    if found[:1].isupper() and phrase[:1].islower() and replacement[:1].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement
