"""Settings from `.cleanup.toml` or `[tool.cleanup]` in `pyproject.toml`, found from the
working folder upward (the nearest file that has cleanup settings wins); flags override them.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from cleanup.errors import ConfigError


@dataclass(slots=True)
class Settings:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    packs: list[str] = field(default_factory=list)  # extra pack paths
    builtin_packs: bool = True
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    unsafe_fixes: bool = False
    diff_style: str = "unified"
    encoding: str | None = None
    source: str = ""  # the file these came from, for messages
    warnings: list[str] = field(default_factory=list)


_LISTS = {"select", "ignore", "packs", "include", "exclude"}
_KEYS = {f.name.replace("_", "-") for f in fields(Settings)} - {"source", "warnings"}


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    for folder in (start, *start.parents):
        for name, table in ((".cleanup.toml", ()), ("pyproject.toml", ("tool", "cleanup"))):
            path = folder / name
            if not path.is_file():
                continue
            data = _read_toml(path)
            for key in table:
                data = data.get(key, {}) if isinstance(data, dict) else {}
            if data or name == ".cleanup.toml":
                return path, data
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    # Imported here: most runs find no settings file and never parse TOML (issue 5: start-up).
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 (byte {exc.start})") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror or exc}") from None


def load_settings(start: Path | None = None) -> Settings:
    found = find_config((start or Path.cwd()).resolve())
    if found is None:
        return Settings()
    path, data = found
    settings = Settings(source=str(path))
    for key, value in data.items():
        if key not in _KEYS:
            settings.warnings.append(f"{path}: unknown setting {key!r} (ignored)")
            continue
        name = key.replace("-", "_")
        expected = type(getattr(settings, name))
        if name in _LISTS:
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{path}: {key!r} must be a list of strings")
            if name == "packs":  # relative to the config file, not to where cleanup runs
                value = [str((path.parent / v)) for v in value]
        elif name == "encoding":
            if not isinstance(value, str):
                raise ConfigError(f"{path}: 'encoding' must be a string")
        elif not isinstance(value, expected):
            raise ConfigError(f"{path}: {key!r} must be {expected.__name__}")
        setattr(settings, name, value)
    if settings.diff_style not in ("unified", "word"):
        raise ConfigError(f"{path}: 'diff-style' must be 'unified' or 'word'")
    return settings
