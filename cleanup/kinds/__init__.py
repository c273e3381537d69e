"""The check kinds: a rule's `kind` picks one; adding a rule never needs code."""
from __future__ import annotations

from cleanup.kinds.base import Check
from cleanup.kinds.acronym import AcronymCheck
from cleanup.kinds.balance import BalanceCheck
from cleanup.kinds.bilingual import BilingualCheck
from cleanup.kinds.consistency import ConsistencyCheck
from cleanup.kinds.entities import EntitiesCheck
from cleanup.kinds.existence import ExistenceCheck
from cleanup.kinds.fragment import FragmentCheck
from cleanup.kinds.languagetool import LanguageToolCheck
from cleanup.kinds.mojibake import MojibakeCheck
from cleanup.kinds.pattern import PatternCheck
from cleanup.kinds.repetition import RepetitionCheck
from cleanup.kinds.script import ScriptCheck
from cleanup.kinds.soundalike import SoundalikeCheck
from cleanup.kinds.substitution import SubstitutionCheck

KINDS: dict[str, type[Check]] = {
    "substitution": SubstitutionCheck,
    "existence": ExistenceCheck,
    "pattern": PatternCheck,
    "consistency": ConsistencyCheck,
    "entities": EntitiesCheck,
    "script": ScriptCheck,
    "mojibake": MojibakeCheck,
    "soundalike": SoundalikeCheck,
    "fragment": FragmentCheck,
    "balance": BalanceCheck,
    "repetition": RepetitionCheck,
    "acronym": AcronymCheck,
    "bilingual": BilingualCheck,
    "languagetool": LanguageToolCheck,
}
