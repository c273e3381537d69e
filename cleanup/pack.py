"""Rule packs: YAML data validated against a declarative schema.

A pack is one YAML file, or a folder whose `pack.yaml` holds the pack's fields and whose other
`*.yaml` files hold more `rules:`. Kind-specific keys are declared by each kind (see
`cleanup.kinds`); everything else is common to all rules.
"""
from __future__ import annotations

import fnmatch
import pickle
import re
import string
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, NamedTuple


from cleanup.errors import PackError
from cleanup.finding import Severity
from cleanup.kinds import KINDS

PACK_KEYS = {"id", "description", "language", "version", "url", "rules", "enabled"}
RULE_KEYS = {
    "id", "kind", "category", "severity", "message", "explanation", "url", "safe",
    "examples", "case", "scope",
}
CATEGORIES = (
    "literal_translation", "transliterated_name", "inconsistent_spelling", "fragment",
    "untranslated_script", "wrong_term", "redundancy", "duplicated_word",
    "punctuation_spacing", "encoding", "grammar", "style", "other",
)
# Packs are untrusted data: refuse absurd sizes before parsing (the YAML parser reads about a
# megabyte in three seconds), and absurd sizes after YAML aliases are expanded.
MAX_PACK_BYTES = 10_000_000
MAX_PACK_VALUES = 1_000_000
_SURROGATE = re.compile("[\ud800-\udfff]")
ID_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-_.")


class Example(NamedTuple):
    """`text` must be flagged by the rule (`flagged`), and fixing it must give `fixed`.
    With `source`, `text` is read as the translation of that source segment (bilingual rules)."""

    text: str
    flagged: bool
    fixed: str | None = None
    source: str | None = None


@dataclass(slots=True)
class Rule:
    id: str  # "pack/rule": unique across packs
    pack: str
    kind: str
    category: str
    severity: Severity
    message: str
    spec: dict[str, Any]  # the kind's own keys, validated by the kind
    explanation: str = ""
    url: str = ""
    safe: bool | None = None  # None: the kind decides (e.g. one replacement is safe)
    case_sensitive: bool | None = None  # None: literal phrases ignore case, regexes do not
    # "line": its findings in a line depend on that line alone; "text": they may not; "": the
    # engine decides from the rule's regular expressions (cleanup.incremental).
    scope: str = ""
    examples: tuple[Example, ...] = ()
    source: str = ""
    line: int = 0
    # `spec`, pickled: a rule read back from the cache unpickles it when it is first read.
    _pickled_spec: bytes = field(default=b"", init=False, repr=False, compare=False)

    def error(self, problem: str) -> PackError:
        return PackError(self.source, problem, rule=self.id, line=self.line)

    def __getstate__(self) -> dict[str, Any]:
        # Only the constructor of the rule's check reads `spec`, and a cached linter keeps its
        # checks: the spec of a 100,000-entry list took 25 ms to unpickle, for nothing
        # (issue 5).
        state = {f.name: getattr(self, f.name) for f in fields(self)}
        state["_pickled_spec"] = pickle.dumps(state.pop("spec"), pickle.HIGHEST_PROTOCOL)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            setattr(self, name, value)

    def __getattr__(self, name: str) -> dict[str, Any]:
        # Called only for a slot never set: `spec` of a rule read back from the cache.
        if name != "spec":
            raise AttributeError(name)
        self.spec = pickle.loads(self._pickled_spec)
        return self.spec


@dataclass(slots=True)
class Pack:
    id: str
    description: str
    language: str
    version: str
    rules: list[Rule]
    source: str
    url: str = ""
    warnings: list[str] = field(default_factory=list)
    # False: the pack runs only when --select (or `select`) names it or its rules, e.g. a
    # backend that needs a server.
    enabled: bool = True


def builtin_pack_paths() -> list[Path]:
    return sorted(p for p in _builtin_dir().iterdir() if _is_pack_path(p))


def _builtin_dir() -> Path:
    # Installed, `rules/` ships inside the package as `cleanup/rules`; in a source checkout
    # (plain or editable install) it is the folder beside the package.
    here = Path(__file__).resolve().parent
    installed = here / "rules"
    return installed if installed.is_dir() else here.parent / "rules"


def _is_pack_path(path: Path) -> bool:
    if path.name.startswith((".", "_")):
        return False
    if path.is_dir():
        return (path / "pack.yaml").is_file()
    return path.suffix in (".yaml", ".yml")


def load_builtin_packs() -> list[Pack]:
    return [load_pack(p) for p in builtin_pack_paths()]


def load_packs(paths: Iterable[str | Path]) -> list[Pack]:
    """Load packs from files or folders; a folder without pack.yaml holds several packs."""
    packs: list[Pack] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise PackError(str(path), "no such file or folder")
        if path.is_dir() and not (path / "pack.yaml").is_file():
            packs.extend(load_pack(p) for p in sorted(path.iterdir()) if _is_pack_path(p))
        else:
            packs.append(load_pack(path))
    return packs


def load_pack(path: Path) -> Pack:
    if path.is_dir():
        head, *more = [path / "pack.yaml", *sorted(
            p for p in path.glob("*.y*ml") if p.name != "pack.yaml")]
    else:
        head, more = path, []
    data, rule_lines = _read_yaml(head)
    source = str(head)
    for key in ("id", "rules") if not more else ("id",):
        if key not in data:
            raise PackError(source, f"missing required key {key!r}")
    pack_id = _check_id(data["id"], source)
    warnings = [f"{source}: unknown pack key {k!r} (ignored)" for k in data if k not in PACK_KEYS]
    raw_rules = [(r, source, line) for r, line in _with_lines(_rule_list(data, source), rule_lines)]
    for extra in more:
        extra_data, extra_lines = _read_yaml(extra)
        raw_rules += [(r, str(extra), line)
                      for r, line in _with_lines(_rule_list(extra_data, str(extra)), extra_lines)]
    pack = Pack(
        id=pack_id,
        description=" ".join(str(data.get("description", "")).split()),
        language=str(data.get("language", "en")),
        version=str(data.get("version", "0")),
        url=str(data.get("url", "")),
        enabled=data.get("enabled", True) is not False,
        rules=[],
        source=source,
        warnings=warnings,
    )
    seen: set[str] = set()
    for raw, src, line in raw_rules:
        rule = _parse_rule(raw, pack_id, src, line, pack.warnings)
        if rule.id in seen:
            raise rule.error("duplicate rule id")
        seen.add(rule.id)
        kind = KINDS.get(rule.kind)
        if kind is None:
            raise rule.error(f"unknown kind {rule.kind!r} (known: {', '.join(sorted(KINDS))})")
        kind.validate(rule)  # raises PackError naming the rule
        pack.rules.append(rule)
    return pack


def _read_yaml(path: Path) -> tuple[dict[str, Any], list[int]]:
    """The mapping in `path` and the 1-based line of each entry of its `rules` list."""
    import yaml  # here: a run whose compiled packs come from the cache never parses YAML

    source = str(path)
    try:
        text = _read_pack_text(path)
        # One parse (safe: plain data only, a `!!python/...` tag is an error): the nodes give
        # each rule's line, and the data is built from the same nodes. The pure-Python loader
        # on purpose: libyaml's composer recurses in C and crashes on deeply nested input.
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except PackError:
        raise
    except OSError as exc:
        raise PackError(source, f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise PackError(source, f"not UTF-8 (byte {exc.start})") from None
    except RecursionError:
        raise PackError(source, "invalid YAML: nested too deeply") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise PackError(source, f"invalid YAML: {problem}", line=line) from None
    if not isinstance(data, dict):
        raise PackError(source, "a pack file must be a mapping with 'id' and 'rules'")
    _check_values(data, source)
    lines: list[int] = []
    for key_node, value_node in node.value:
        if key_node.value == "rules" and isinstance(value_node, yaml.SequenceNode):
            lines = [item.start_mark.line + 1 for item in value_node.value]
    return data, lines


def _read_pack_text(path: Path) -> str:
    # Read at most one byte past the limit: a FIFO, /dev/zero or a huge file cannot stall us.
    if not path.is_file():
        raise PackError(str(path), "not a regular file")
    with open(path, "rb") as f:
        raw = f.read(MAX_PACK_BYTES + 1)
    if len(raw) > MAX_PACK_BYTES:
        raise PackError(str(path), f"larger than {MAX_PACK_BYTES} bytes")
    return raw.decode("utf-8")


def _check_values(data: Any, source: str) -> None:
    """Refuse alias bombs and text no file can hold, before any code looks at the values."""
    count = 0
    seen_strings: set[int] = set()
    stack = [data]
    while stack:
        item = stack.pop()
        count += 1
        if count > MAX_PACK_VALUES:
            raise PackError(source, f"more than {MAX_PACK_VALUES} values once YAML aliases "
                                    "are expanded")
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set)):
            stack.extend(item)
        elif isinstance(item, str) and id(item) not in seen_strings:
            seen_strings.add(id(item))  # an alias repeats one string: check it once
            found = _SURROGATE.search(item)
            if found:
                raise PackError(source, f"holds a lone surrogate {found.group()!r}, which no "
                                        "file can store")


def _with_lines(rules: list[Any], lines: list[int]) -> Iterator[tuple[Any, int]]:
    # Rules that came in through a YAML merge key (<<) have no line of their own; they must
    # still be loaded, not silently dropped by a short zip.
    return zip(rules, [*lines, *[0] * (len(rules) - len(lines))])


def _rule_list(data: Mapping[str, Any], source: str) -> list[Any]:
    rules = data.get("rules", [])
    if not isinstance(rules, list):
        raise PackError(source, "'rules' must be a list")
    return rules


def _check_id(value: Any, source: str, rule: str = "", line: int = 0) -> str:
    if not isinstance(value, str) or not value or not set(value) <= ID_CHARS:
        raise PackError(
            source, f"id {value!r} must be lowercase letters, digits, '-', '_' or '.'",
            rule=rule, line=line)
    return value


def _parse_rule(raw: Any, pack_id: str, source: str, line: int, warnings: list[str]) -> Rule:
    if not isinstance(raw, dict):
        raise PackError(source, "each rule must be a mapping", line=line)
    short = _check_id(raw.get("id"), source, line=line)
    rule_id = f"{pack_id}/{short}"

    def fail(problem: str) -> PackError:
        return PackError(source, problem, rule=rule_id, line=line)

    for key in ("kind", "category", "message"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise fail(f"missing or empty {key!r}")
    _check_message(raw["message"], fail)
    if raw["category"] not in CATEGORIES:
        raise fail(f"unknown category {raw['category']!r} (known: {', '.join(CATEGORIES)})")
    try:
        severity = Severity.parse(str(raw.get("severity", "warning")))
    except KeyError:
        raise fail("severity must be error, warning or info") from None
    safe = raw.get("safe")
    if safe is not None and not isinstance(safe, bool):
        raise fail("'safe' must be true or false")
    case = raw.get("case")
    if case not in (None, "sensitive", "insensitive"):
        raise fail("'case' must be 'sensitive' or 'insensitive'")
    spec = {k: v for k, v in raw.items() if k not in RULE_KEYS}
    kind = KINDS.get(raw["kind"])
    scope = raw.get("scope", "")
    if scope not in ("", "line", "text"):
        raise fail("'scope' must be 'line' or 'text'")
    if scope == "line" and kind is not None and not kind.LOCAL:
        raise fail(f"kind {raw['kind']!r} reads the whole text: 'scope: line' is not possible")
    if kind is not None:
        for key in spec:
            if key not in kind.KEYS:
                warnings.append(f"{source}:{line}: rule {rule_id!r}: unknown key {key!r} (ignored)")
        spec = {k: v for k, v in spec.items() if k in kind.KEYS}
    return Rule(
        id=rule_id,
        pack=pack_id,
        kind=raw["kind"],
        category=raw["category"],
        severity=severity,
        message=raw["message"].strip(),
        spec=spec,
        explanation=str(raw.get("explanation", "")).strip(),
        url=str(raw.get("url", "")),
        safe=safe,
        case_sensitive=None if case is None else case == "sensitive",
        scope=scope,
        examples=_parse_examples(raw.get("examples", []), fail),
        source=source,
        line=line,
    )


def _check_message(message: str, fail: Any) -> None:
    """A message is a template of plain names ({match}, {replacement}, a group's name): no
    attribute access, indexing or format spec, which could read internals or allocate
    gigabytes ({match:>999999999})."""
    try:
        fields = list(string.Formatter().parse(message))
    except ValueError as exc:
        raise fail(f"'message' is not a valid template: {exc} (write {{{{ or }}}} for a brace)") \
            from None
    for _, name, spec, conversion in fields:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion not in (None, "r", "s", "a"):
            field = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            raise fail(f"'message' field {{{_short(field)}}} must be a plain name such as "
                       "{match} or {match!r}")


def _short(value: Any, limit: int = 80) -> str:
    shown = value if isinstance(value, str) else repr(value)
    return shown if len(shown) <= limit else shown[:limit] + "…"


def _parse_examples(raw: Any, fail: Any) -> tuple[Example, ...]:
    if not isinstance(raw, list):
        raise fail("'examples' must be a list")
    examples = []
    for item in raw:
        if not isinstance(item, dict) or len({"bad", "good"} & item.keys()) != 1:
            raise fail("each example needs exactly one of 'bad' (flagged) or 'good' (not flagged)")
        source = None if item.get("source") is None else _text(item["source"], fail)
        if "good" in item:
            examples.append(Example(text=_text(item["good"], fail), flagged=False, source=source))
        else:
            fixed = item.get("fixed")
            examples.append(Example(
                text=_text(item["bad"], fail), flagged=True,
                fixed=None if fixed is None else _text(fixed, fail), source=source))
    if raw and not any(e.flagged for e in examples):
        raise fail("examples need at least one 'bad' text the rule flags")
    return tuple(examples)


def _text(value: Any, fail: Any) -> str:
    if not isinstance(value, str):
        raise fail(f"example {value!r} must be a string")
    return value


def matches_selector(rule_id: str, pack_id: str, selector: str) -> bool:
    """A selector is a rule id, a pack id, or a glob over either (`hygiene/*`, `*/doubled-*`)."""
    return (
        selector in (rule_id, pack_id)
        or fnmatch.fnmatchcase(rule_id, selector)
        or fnmatch.fnmatchcase(pack_id, selector)
    )


def _is_glob(selector: str) -> bool:
    return any(c in selector for c in "*?[")


def select_rules(packs: Iterable[Pack], select: Iterable[str] = (),
                 ignore: Iterable[str] = ()) -> Iterator[Rule]:
    select, ignore = list(select), list(ignore)
    for pack in packs:
        # An opt-in pack is named outright: a glob such as "*" does not switch it on.
        chosen = select if pack.enabled else [s for s in select if not _is_glob(s)]
        for rule in pack.rules:
            if (select or not pack.enabled) and not any(
                    matches_selector(rule.id, rule.pack, s) for s in chosen):
                continue
            if any(matches_selector(rule.id, rule.pack, s) for s in ignore):
                continue
            yield rule
