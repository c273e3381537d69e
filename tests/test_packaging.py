"""The wheel carries the built-in packs, so an installed cleanup finds them from anywhere."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_ships_the_builtin_packs_and_the_command(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True)
    (wheel,) = tmp_path.glob("cleanup-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        entry_points = next(zf.read(n).decode() for n in names if n.endswith("entry_points.txt"))
        zf.extractall(tmp_path / "site")
    shipped = {Path(n).name for n in names if n.startswith("cleanup/rules/")}
    in_repo = {p.name for p in (ROOT / "rules").glob("*.yaml")}
    entity_data = {p.name for p in (ROOT / "rules" / "entities").iterdir() if p.is_file()}
    assert in_repo and in_repo <= shipped
    assert {"english.txt", "places.tsv", "curated.yaml"} <= entity_data <= shipped
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "cleanup").rglob("*.py")}
    assert modules <= set(names), f"not in the wheel: {sorted(modules - set(names))}"
    assert "cleanup = cleanup.command:run" in entry_points

    # Run the unpacked wheel from an unrelated folder: no source checkout on the path.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    listing = subprocess.run(
        [sys.executable, "-P", "-m", "cleanup", "packs", "list"], cwd=elsewhere, env=env,
        check=True, capture_output=True, text=True).stdout
    assert "hygiene" in listing and "names" in listing
    import_path = subprocess.run(
        [sys.executable, "-P", "-c", "import cleanup; print(cleanup.__file__)"], cwd=elsewhere,
        env=env, check=True, capture_output=True, text=True).stdout
    assert import_path.startswith(str(tmp_path / "site"))
