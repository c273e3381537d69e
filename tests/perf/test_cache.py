"""The compiled-linter cache: same results as compiling, invalidated by any change to a pack,
and never an error when the cache is broken or cannot be written (issue 5)."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from cleanup import cache
from cleanup.engine import Linter
from cleanup.kinds.entities import EntitiesCheck
from cleanup.kinds.soundalike import SoundalikeCheck

TEXT = "Rashatoudi said it was was late."


def pack(path: Path, replacement: str) -> Path:
    path.write_text(
        "id: mine\nrules:\n  - id: outlet\n    kind: substitution\n    category: other\n"
        f"    message: use {replacement}\n    swap: {{Rashatoudi: {replacement}}}\n",
        encoding="utf-8")
    return path


def fixes(linter) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.rule, f.replacements) for f in linter.check_text(TEXT)]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(folder))
    monkeypatch.delenv("CLEANUP_NO_CACHE", raising=False)
    return folder


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("linter-*.pickle"))


def test_a_cached_linter_finds_what_a_compiled_one_finds(cache_dir: Path) -> None:
    first = cache.load_linter(True, [])
    assert len(entries(cache_dir)) == 1
    second = cache.load_linter(True, [])
    assert second is not first  # read back from disk
    assert fixes(second) == fixes(first)
    assert ("hygiene/doubled-word", ("was",)) in fixes(second)


def test_a_cached_linter_holds_the_data_a_compiled_one_holds(cache_dir: Path) -> None:
    """The gazetteer, name lists and examples come back equal, field by field, from the
    compact form they are pickled in."""
    def data(linter: Linter) -> tuple[object, ...]:
        gazetteer = next(c.gazetteer for c in linter.checks if isinstance(c, EntitiesCheck))
        names = [c.entries for c in linter.checks if isinstance(c, SoundalikeCheck)]
        return (list(gazetteer.entries), list(gazetteer.exact.items()),
                list(gazetteer.by_spelling.items()), list(gazetteer.index.blocks.items()),
                names, [r.examples for r in linter.rules])

    compiled = cache.load_linter(True, [])
    cached = cache.load_linter(True, [])
    assert cached is not compiled
    assert data(cached) == data(compiled)


def test_a_cached_linter_keeps_the_settings_of_its_rules(cache_dir: Path) -> None:
    compiled = cache.load_linter(True, [])
    loaded = cache.load_linter(True, [])
    assert loaded is not compiled  # read back from disk
    assert [rule.spec for rule in loaded.rules] == [rule.spec for rule in compiled.rules]
    assert loaded.rules == compiled.rules
    assert any("swap" in rule.spec for rule in loaded.rules)


def test_changing_a_pack_invalidates_its_entry(cache_dir: Path, tmp_path: Path) -> None:
    path = pack(tmp_path / "mine.yaml", "RT")
    assert fixes(cache.load_linter(False, [path])) == [("mine/outlet", ("RT",))]
    pack(path, "Russia Today")
    assert fixes(cache.load_linter(False, [path])) == [("mine/outlet", ("Russia Today",))]
    assert len(entries(cache_dir)) == 2


def test_the_selection_is_part_of_the_key(cache_dir: Path) -> None:
    everything = cache.load_linter(True, [])
    only = cache.load_linter(True, [], select=["hygiene/doubled-word"])
    assert {f.rule for f in only.check_text(TEXT)} == {"hygiene/doubled-word"}
    assert len(fixes(everything)) > len(fixes(only))


def test_a_corrupt_entry_is_rebuilt(cache_dir: Path, tmp_path: Path) -> None:
    path = pack(tmp_path / "mine.yaml", "RT")
    cache.load_linter(False, [path])
    [entry] = entries(cache_dir)
    entry.write_bytes(cache.FORMAT + b"\x80\x05 not a pickle")
    assert fixes(cache.load_linter(False, [path])) == [("mine/outlet", ("RT",))]
    entry.write_bytes(b"")  # truncated
    assert fixes(cache.load_linter(False, [path])) == [("mine/outlet", ("RT",))]
    assert entry.read_bytes().startswith(cache.FORMAT)  # written anew


def test_an_unwritable_cache_folder_only_costs_time(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(blocker / "cache"))
    path = pack(tmp_path / "mine.yaml", "RT")
    assert fixes(cache.load_linter(False, [path])) == [("mine/outlet", ("RT",))]


def test_caching_can_be_turned_off(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLEANUP_NO_CACHE", "1")
    cache.load_linter(True, [])
    assert not cache_dir.exists()


def test_a_file_a_rule_names_is_checked_on_load(cache_dir: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # Any existing file named in a rule's settings is recorded with its hash; the pattern
    # kind ignores the name, but the entry must still go stale when that file changes.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "names.txt").write_text("one")
    path = tmp_path / "mine.yaml"
    path.write_text("id: mine\nrules:\n  - id: p\n    kind: pattern\n    category: other\n"
                    "    message: m\n    pattern: 'was was'\n    replace: 'names.txt'\n",
                    encoding="utf-8")
    cache.load_linter(False, [path])
    [entry] = entries(cache_dir)
    assert cache._load(entry) is not None
    (tmp_path / "names.txt").write_text("two")
    assert cache._load(entry) is None


def test_the_key_of_unchanged_files_is_not_hashed_again(
        cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "RACY_NS", 0)  # the pack was written just now
    path = pack(tmp_path / "mine.yaml", "RT")
    cache.load_linter(False, [path])
    hashed: list[Path] = []
    monkeypatch.setattr(cache, "_file_digest", lambda p: hashed.append(p) or b"")
    assert fixes(cache.load_linter(False, [path])) == [("mine/outlet", ("RT",))]
    assert hashed == []


def test_an_edit_that_keeps_size_and_mtime_is_still_seen(
        cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `cp -p` or a restore from backup can put the old mtime back; the ctime still moves.
    monkeypatch.setattr(cache, "RACY_NS", 0)
    path = pack(tmp_path / "mine.yaml", "RT")
    before = path.stat()
    cache.load_linter(False, [path])
    time.sleep(0.05)  # past the kernel's coarse timestamp tick
    pack(path, "TV")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert fixes(cache.load_linter(False, [path])) == [("mine/outlet", ("TV",))]


def test_a_key_of_files_written_moments_ago_is_not_remembered(
        cache_dir: Path, tmp_path: Path) -> None:
    # On a file system with coarse timestamps an edit in the same tick would look unchanged.
    path = pack(tmp_path / "mine.yaml", "RT")
    cache.load_linter(False, [path])
    assert cache._read_keys(cache_dir) == {}
    cache.load_linter(True, [])  # the built-in packs have not changed for a while
    assert len(cache._read_keys(cache_dir)) == 1


@pytest.mark.parametrize("xdg", [None, "", "/somewhere/else"])
def test_the_cache_folder_is_the_one_platformdirs_names(
        xdg: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("CLEANUP_CACHE_DIR", raising=False)
    monkeypatch.delenv("CLEANUP_NO_CACHE", raising=False)
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    expected = platformdirs.user_cache_dir("cleanup", appauthor=False, ensure_exists=False)
    assert cache.cache_dir() == Path(expected)


def test_old_entries_are_pruned(cache_dir: Path, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "ENTRIES_KEPT", 2)
    path = tmp_path / "mine.yaml"
    for replacement in ("RT", "TV", "AP"):
        pack(path, replacement)
        cache.load_linter(False, [path])
        time.sleep(0.02)  # distinct mtimes
    assert len(entries(cache_dir)) == 2
    assert fixes(cache.load_linter(False, [path])) == [("mine/outlet", ("AP",))]
