"""How `cleanup fix` replaces a file (issue 6): atomically, keeping mode, owner and links, and
never over a file that cannot be written or that changed since it was read."""
from __future__ import annotations

import os
import signal
import stat
import time
from pathlib import Path

import pytest

import cleanup.run
from robust import DIRTY, FIXED, cleanup_process, one_line_error


def _temp_files(folder: Path) -> list[Path]:
    return list(folder.rglob("*.cleanup-tmp"))


def test_write_goes_to_a_temp_file_in_the_same_folder_then_renames(
        cli, write, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write("docs/a.txt", DIRTY)
    inode = path.stat().st_ino
    renames: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(src: str, dst: str) -> None:
        renames.append((str(src), str(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    assert cli("fix", str(path)).exit_code == 0
    # Only renames onto the document: a cold linter cache is stored by a rename too.
    ((src, dst),) = [(s, d) for s, d in renames if Path(d) == path]
    assert Path(src).parent == path.parent and Path(dst) == path
    assert path.read_text() == FIXED and path.stat().st_ino != inode
    assert _temp_files(path.parent) == []


def test_failed_rename_leaves_the_original_whole_and_no_temp_file(
        cli, write, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write("a.txt", DIRTY)

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    result = cli("fix", str(path))
    assert result.exit_code == 2
    assert one_line_error(result) == f"cleanup: error: {path}: No space left on device"
    assert path.read_text() == DIRTY
    assert _temp_files(path.parent) == []


def test_permissions_are_kept(cli, write) -> None:
    path = write("a.txt", DIRTY)
    path.chmod(0o640)
    assert cli("fix", str(path)).exit_code == 0
    assert path.read_text() == FIXED
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="only root can give a file to another owner")
def test_ownership_is_kept(cli, write) -> None:
    path = write("a.txt", DIRTY)
    os.chown(path, 1234, 5678)
    assert cli("fix", str(path)).exit_code == 0
    assert (path.stat().st_uid, path.stat().st_gid) == (1234, 5678)


def test_symlink_is_written_through_to_its_target(cli, write, tmp_path: Path) -> None:
    # Choice: the target gets the fix and the link stays a link (as editors save through).
    target = write("real/a.txt", DIRTY)
    link = tmp_path / "docs" / "link.txt"
    link.parent.mkdir()
    link.symlink_to(target)
    assert cli("fix", str(tmp_path / "docs")).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == FIXED


def test_dangling_symlink_is_one_line_error(cli, tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "nowhere.txt")
    result = cli("fix", str(link))
    assert result.exit_code == 2
    assert one_line_error(result) == f"cleanup: error: {link}: No such file or directory"


def test_read_only_file_is_refused_even_for_root(cli, write) -> None:
    path = write("a.txt", DIRTY)
    path.chmod(0o444)
    result = cli("fix", str(path))
    assert result.exit_code == 2
    assert one_line_error(result) == f"cleanup: error: {path}: file is read-only; not written"
    assert path.read_text() == DIRTY


def test_read_only_folder_is_refused(cli, write) -> None:
    path = write("locked/a.txt", DIRTY)
    path.parent.chmod(0o555)
    try:
        result = cli("fix", str(path))
    finally:
        path.parent.chmod(0o755)
    assert result.exit_code == 2
    assert one_line_error(result) == (
        f"cleanup: error: {path}: its folder {path.parent} is read-only; not written")
    assert path.read_text() == DIRTY and _temp_files(path.parent) == []


def test_hard_linked_file_is_refused(cli, write, tmp_path: Path) -> None:
    # Renaming over one name would leave the other name with the old text: split silently.
    path = write("a.txt", DIRTY)
    os.link(path, tmp_path / "b.txt")
    result = cli("fix", str(path))
    assert result.exit_code == 2
    assert "has 2 hard links" in one_line_error(result)
    assert path.read_text() == DIRTY == (tmp_path / "b.txt").read_text()


def _change_file_while_fixing(monkeypatch: pytest.MonkeyPatch, path: Path, new: bytes,
                              keep_mtime: bool = False) -> None:
    real_fix = cleanup.run.fix

    def fix_then_someone_saves(*args, **kwargs):
        result = real_fix(*args, **kwargs)
        before = path.stat()
        path.write_bytes(new)
        if keep_mtime:
            os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        return result

    monkeypatch.setattr(cleanup.run, "fix", fix_then_someone_saves)


def test_file_changed_between_read_and_write_is_not_overwritten(
        cli, write, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write("a.txt", DIRTY)
    _change_file_while_fixing(monkeypatch, path, b"It was was late. Edited meanwhile.\n")
    result = cli("fix", str(path))
    assert result.exit_code == 2
    assert one_line_error(result) == (
        f"cleanup: error: {path}: changed on disk since it was read; not overwritten")
    assert path.read_bytes() == b"It was was late. Edited meanwhile.\n"


def test_change_with_same_size_and_mtime_is_still_detected(
        cli, write, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write("a.txt", DIRTY)
    same_size = DIRTY.upper().encode()
    assert len(same_size) == len(DIRTY)
    _change_file_while_fixing(monkeypatch, path, same_size, keep_mtime=True)
    result = cli("fix", str(path))
    assert result.exit_code == 2
    assert "changed on disk since it was read" in one_line_error(result)
    assert path.read_bytes() == same_size


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_interrupted_batch_leaves_every_file_old_or_new(pack: Path, tmp_path: Path,
                                                        sig: signal.Signals) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    old = ("It was was late. " * 4000 + "\n").encode()  # ~70 KB each: writes take a while
    new = old.replace(b"was was", b"was")
    files = [folder / f"{i:03}.txt" for i in range(300)]
    for path in files:
        path.write_bytes(old)
    proc = cleanup_process("fix", "--no-builtin-packs", "--packs", str(pack), str(folder),
                           cwd=tmp_path)
    # Interrupt as soon as the first file is written: mid-batch. Poll the size (the fixed file
    # is shorter) and sleep between polls, so that a loaded machine runs cleanup, not the loop.
    while files[0].stat().st_size == len(old) and proc.poll() is None:
        time.sleep(0.002)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    # Compared as names, not as 70 KB byte strings, so a failure is reported at once.
    states = ["new" if c == new else "old" if c == old else "mixed"
              for c in (path.read_bytes() for path in files)]
    assert "mixed" not in states
    assert (states[0], states[-1]) == ("new", "old")  # stopped mid-batch
    assert _temp_files(folder) == []
    if sig == signal.SIGINT:
        assert proc.returncode == 130
        assert err.decode().strip() == ("cleanup: interrupted; files already written are "
                                        "complete, the rest untouched")
    else:
        assert proc.returncode == -signal.SIGTERM
