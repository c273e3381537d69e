"""Errors that reach the user as one line and a documented exit code, never a traceback."""
from __future__ import annotations


class CleanupError(Exception):
    """Base: the message is the whole one-line story."""

    exit_code = 2


class InputError(CleanupError):
    """A file could not be read, decoded or written."""


class PackError(CleanupError):
    """A rule pack is malformed: names the file, the rule and what is wrong."""

    MAX_PROBLEM_CHARS = 300  # a problem may quote a pack value, and a pack is untrusted data

    def __init__(self, source: str, problem: str, rule: str = "", line: int = 0) -> None:
        problem = " ".join(problem.split("\n"))
        if len(problem) > self.MAX_PROBLEM_CHARS:
            problem = problem[:self.MAX_PROBLEM_CHARS] + "…"
        where = source + (f":{line}" if line else "")
        who = f" rule {rule!r}:" if rule else ""
        super().__init__(f"{where}:{who} {problem}")
        self.source = source
        self.rule = rule
        self.line = line
        self.problem = problem


class ConfigError(CleanupError):
    """The configuration file or a command-line selection is malformed."""
