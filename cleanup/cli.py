"""The `cleanup` command: parses arguments and calls the library; no logic lives here.

Exit codes: 0 nothing found (or everything fixed); 1 findings remain; 2 usage, input, pack or
configuration error (the message is one line on standard error); 3 internal error (a bug);
130 interrupted.
"""
from __future__ import annotations

import contextlib
import functools
import gc
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from cleanup import report
from cleanup.config import Settings, load_settings
from cleanup.engine import Linter
from cleanup.errors import CleanupError
from cleanup.pack import load_builtin_packs, load_packs
from cleanup.run import (
    FileReport, STDIN, check_files, fix_files, input_paths, linter_for, output_bytes, packs_for,
    read_input)
from cleanup.parallel import default_jobs
from cleanup.textfile import write_output_file
from cleanup.entities import default_config, load_style, save_style, shipped_gazetteer

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 3


def _fail_cleanly(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except CleanupError as exc:
            click.echo(f"cleanup: error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("cleanup: interrupted; files already written are complete, "
                       "the rest untouched", err=True)
            sys.exit(130)
        except click.ClickException:
            raise  # usage errors: click prints them and exits 2
        except BrokenPipeError:
            # The reader went away (`cleanup check … | head`): stop quietly, as cat does.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_FINDINGS)
        except Exception as exc:  # a bug in cleanup: still one line, and a way to see more
            if os.environ.get("CLEANUP_DEBUG"):
                raise
            click.echo(f"cleanup: internal error: {type(exc).__name__}: {exc} "
                       "(set CLEANUP_DEBUG=1 for the traceback, and please report it)", err=True)
            sys.exit(EXIT_INTERNAL)
    return wrapper


def _run_linter(settings: Settings) -> Linter:
    """The linter, kept until the process ends: the garbage collector is told to leave its
    tens of thousands of objects alone, as it would otherwise walk them again and again during
    the run and once more at exit (about 12 ms of checking a 5 KB file), and to leave forked
    workers' copies untouched (-j)."""
    linter = linter_for(settings)
    gc.freeze()
    return linter


def _selection_options(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--select", multiple=True, metavar="RULE",
                     help="Only these rules: rule ids, pack ids or globs (repeatable, or comma-separated)."),
        click.option("--ignore", multiple=True, metavar="RULE",
                     help="Skip these rules: rule ids, pack ids or globs."),
        click.option("--packs", "pack_paths", multiple=True, metavar="PATH",
                     type=click.Path(), help="Add a rule pack file or folder (repeatable)."),
        click.option("--no-builtin-packs", is_flag=True, default=None,
                     help="Use only the packs given with --packs."),
        click.option("--include", multiple=True, metavar="GLOB",
                     help="In folders, read only files matching these globs."),
        click.option("--exclude", multiple=True, metavar="GLOB",
                     help="Skip files and folders matching these globs."),
        click.option("--encoding", default=None,
                     help="Read files in this encoding (default: UTF-8, or what a BOM says)."),
        click.option("--format", "output_format",
                     type=click.Choice(["text", "json", "sarif", "github", "html"]),
                     default="text", show_default=True,
                     help="text for people; json for tools; sarif for code scanning; "
                          "github for GitHub Actions annotations; html for a review report."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _jobs_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "-j", "--jobs", type=click.IntRange(min=1), default=default_jobs, show_default="CPUs",
        help="Check this many files at a time, in separate processes; the output is the "
             "same for any number.")(func)


def _settings(select: tuple[str, ...], ignore: tuple[str, ...], pack_paths: tuple[str, ...],
              no_builtin_packs: bool | None, include: tuple[str, ...], exclude: tuple[str, ...],
              encoding: str | None) -> Settings:
    settings = load_settings()
    for warning in settings.warnings:
        click.echo(f"cleanup: warning: {warning}", err=True)

    def split(values: tuple[str, ...]) -> list[str]:
        return [v.strip() for value in values for v in value.split(",") if v.strip()]

    if select:
        settings.select = split(select)
    settings.ignore += split(ignore)
    settings.packs += list(pack_paths)
    if no_builtin_packs:
        settings.builtin_packs = False
    settings.include = split(include) or settings.include
    settings.exclude += split(exclude)
    settings.encoding = encoding or settings.encoding
    return settings


def run() -> None:
    """The `cleanup` command: main(), then exit without tearing the interpreter down. Freeing
    the linter's objects one by one is about 6 ms of checking a 5 KB file (issue 5: start-up);
    everything is written and flushed by then (mypy's fast exit does the same)."""
    try:
        main()
        code = EXIT_CLEAN
    except SystemExit as exc:
        code = _exit_status(exc.code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # the reader left, or a stream was closed
        pass
    os._exit(code)


def _exit_status(code: object) -> int:
    """What the interpreter makes of sys.exit(code)."""
    if code is None:
        return EXIT_CLEAN
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cleanup", prog_name="cleanup")
def main() -> None:
    """Find and fix machine-translation artifacts in English text."""
    # A file name that is not UTF-8 reaches Python as lone surrogates: print its own bytes,
    # as ls does, instead of failing on a strict UTF-8 terminal (issue 6).
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, io.UnsupportedOperation):
            reconfigure(errors="surrogateescape")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@_selection_options
@_jobs_option
@_fail_cleanly
def check(paths: tuple[str, ...], output_format: str, jobs: int, **selection: Any) -> None:
    """Report problems in PATHS (files, folders, or - for standard input)."""
    settings = _settings(**selection)
    linter = _run_linter(settings)
    reports = check_files(linter, list(input_paths(paths, settings)), settings.encoding, jobs)
    _print_notes(reports)
    if output_format == "json":
        click.echo(report.findings_json(reports))
    elif output_format == "sarif":
        click.echo(report.sarif(reports, linter.rules, _version()))
    elif output_format == "github":
        click.echo(report.github_annotations(reports))
    elif output_format == "html":
        from cleanup.html_report import render

        click.echo(render(reports))
    else:
        for r in reports:
            for f in r.findings:
                click.echo(report.finding_line(r.path, f))
        click.echo(report.summary(reports, fixing=False))
    sys.exit(_exit_code(reports))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--diff", "show_diff", is_flag=True,
              help="Print the changes as a diff and write nothing.")
@click.option("--diff-style", type=click.Choice(["unified", "word"]), default=None,
              help="unified: line diff; word: changed words inside each line.")
@click.option("--unsafe-fixes", is_flag=True, default=None,
              help="Also apply suggestions (fixes not known to be safe).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the corrected text of the single input to this file.")
@click.option("--corpus", is_flag=True,
              help="Respell names across PATHS as one corpus: only names anchored to the "
                   "style list or gazetteer are fixed, the rest are reported.")
@click.option("--style", "style_path", type=click.Path(dir_okay=False), default=None,
              help="With --corpus: a style list (from `cleanup entities --save-style`).")
@_selection_options
@_jobs_option
@_fail_cleanly
def fix(paths: tuple[str, ...], show_diff: bool, diff_style: str | None,
        unsafe_fixes: bool | None, output: str | None, corpus: bool, style_path: str | None,
        output_format: str, jobs: int, **selection: Any) -> None:
    """Fix problems in PATHS in place and report what changed and what remains.

    With - the text is read from standard input and the corrected text written to standard
    output (the report goes to standard error).
    """
    if output_format not in ("text", "json"):  # the others describe findings, not changes
        raise click.UsageError(f"fix reports as text or json; `cleanup check --format "
                               f"{output_format}` gives {output_format}")
    settings = _settings(**selection)
    unsafe = settings.unsafe_fixes if unsafe_fixes is None else unsafe_fixes
    style = diff_style or settings.diff_style
    files = list(input_paths(paths, settings))
    if corpus:
        sys.exit(_fix_corpus(files, settings.encoding, style_path, write=not show_diff))
    if output and len(files) != 1:
        raise click.UsageError("-o/--output takes exactly one input")
    to_stdout = output is not None or files == [STDIN]
    linter = _run_linter(settings)
    write = not show_diff and not to_stdout
    reports = fix_files(linter, files, unsafe=unsafe, write=write, encoding=settings.encoding,
                        jobs=jobs)
    data = output_bytes(reports[0]) if to_stdout and not show_diff and reports else None
    if data is not None:
        if output:
            write_output_file(Path(output), data)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
    # The report goes to stderr when stdout carries the corrected text.
    err = to_stdout and output is None and not show_diff
    _print_notes(reports)
    if output_format == "json":
        click.echo(report.findings_json(reports), err=err)
        sys.exit(_exit_code(reports))
    color = sys.stdout.isatty() and not err
    for r in reports:
        if r.fixed is None or not r.fixed.changed:
            continue
        if show_diff:
            shown = (report.word_diff(r.path, r.fixed, color) if style == "word"
                     else report.unified_diff(r.path, r.fixed))
            click.echo(shown, nl=False)
        for line in report.change_lines(r.path, r.fixed.applied):
            click.echo(f"{'would fix' if show_diff else 'fixed'} {line}", err=err)
    for r in reports:
        for f in r.findings:
            click.echo(report.finding_line(r.path, f), err=err)
    click.echo(report.summary(reports, fixing=True, dry_run=show_diff), err=err)
    sys.exit(_exit_code(reports, diffing=show_diff))


def _fix_corpus(files: list[str], encoding: str | None, style_path: str | None,
                write: bool) -> int:
    from cleanup.entities.corpus import fix_corpus  # here: `check` never needs it (start-up)
    from cleanup.entities.report import clusters_text

    result = fix_corpus(files, default_config(), shipped_gazetteer(),
                        load_style(style_path) if style_path else None, write, encoding)
    for path, edits in result.edits.items():
        for line in report.change_lines(path, edits):
            click.echo(f"{'fixed' if write else 'would fix'} {line}")
    for path, error in result.errors.items():
        click.echo(f"cleanup: error: {path}: {error}", err=True)
    if result.suggestions:
        click.echo("not fixed (no style list or gazetteer spelling to anchor them):")
        click.echo(clusters_text(result.suggestions))
    if result.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if result.suggestions or (result.edits and not write) else EXIT_CLEAN


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--style", "style_path", type=click.Path(dir_okay=False), default=None,
              help="A style list (JSON or YAML): its spellings win and are enforced.")
@click.option("--save-style", "save_path", type=click.Path(dir_okay=False), default=None,
              help="Save the clusters as a style list that later runs enforce.")
@_fail_cleanly
def entities(paths: tuple[str, ...], output_format: str, style_path: str | None,
             save_path: str | None) -> None:
    """List names spelled more than one way: within one file, or across several."""
    from cleanup.entities.report import clusters_json, clusters_text, entity_clusters

    settings = _settings((), (), (), None, (), (), None)
    texts = {p: read_input(p, settings.encoding).text for p in input_paths(paths, settings)}
    clusters = entity_clusters(texts, default_config(), shipped_gazetteer(),
                               load_style(style_path) if style_path else None)
    if save_path:
        save_style([c.to_json() for c in clusters], save_path)
    click.echo(clusters_json(clusters) if output_format == "json" else clusters_text(clusters))


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("cleanup")
    except PackageNotFoundError:
        return "0+unknown"


def _print_notes(reports: list[FileReport]) -> None:
    for r in reports:
        if r.skipped:
            click.echo(f"cleanup: note: {r.skipped}", err=True)
        if r.error:
            click.echo(f"cleanup: error: {r.error}", err=True)


def _exit_code(reports: list[FileReport], diffing: bool = False) -> int:
    if any(r.error for r in reports):
        return EXIT_ERROR
    if any(r.findings for r in reports):
        return EXIT_FINDINGS
    if diffing and any(r.fixed and r.fixed.changed for r in reports):
        return EXIT_FINDINGS
    return EXIT_CLEAN


@main.command()
@click.argument("rule_id")
@click.option("--packs", "pack_paths", multiple=True, type=click.Path())
@_fail_cleanly
def explain(rule_id: str, pack_paths: tuple[str, ...]) -> None:
    """Explain a rule: what it flags, why, and its examples."""
    settings = load_settings()
    settings.packs += list(pack_paths)
    rules = {r.id: r for p in packs_for(settings) for r in p.rules}
    rule = rules.get(rule_id)
    if rule is None:
        close = [r for r in rules if rule_id in r]
        hint = f" (did you mean {', '.join(close[:5])}?)" if close else ""
        raise CleanupError(f"no rule {rule_id!r}{hint}")
    click.echo(report.explain_rule(rule))


@main.command()
@_fail_cleanly
def lsp() -> None:
    """Run the language server on standard input/output (for editors)."""
    try:
        from cleanup.lsp import build_server
    except ImportError:
        raise CleanupError("the language server needs pygls: pip install 'cleanup[lsp]'") from None
    build_server(_version()).start_io()


@main.group()
def packs() -> None:
    """List, show, validate and test rule packs."""


@packs.command("list")
@click.option("--packs", "pack_paths", multiple=True, type=click.Path())
@_fail_cleanly
def packs_list(pack_paths: tuple[str, ...]) -> None:
    """List the built-in packs (and those given with --packs)."""
    for pack in load_builtin_packs() + load_packs(pack_paths):
        click.echo(f"{pack.id:<24} v{pack.version:<6} {len(pack.rules):>4} rules  {pack.description}")


@packs.command("show")
@click.argument("pack_id")
@click.option("--packs", "pack_paths", multiple=True, type=click.Path())
@_fail_cleanly
def packs_show(pack_id: str, pack_paths: tuple[str, ...]) -> None:
    """Show a pack's rules."""
    for pack in load_builtin_packs() + load_packs(pack_paths):
        if pack.id == pack_id:
            click.echo(report.describe_pack(pack))
            return
    raise CleanupError(f"no pack {pack_id!r} (see `cleanup packs list`)")


@packs.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@_fail_cleanly
def packs_validate(paths: tuple[str, ...]) -> None:
    """Check that pack files are well formed; errors name the file, line and rule."""
    loaded = load_packs(paths)
    for pack in loaded:
        for warning in pack.warnings:
            click.echo(f"cleanup: warning: {warning}", err=True)
        click.echo(f"{pack.source}: pack {pack.id!r} is valid ({len(pack.rules)} rules)")


@packs.command("test")
@click.argument("paths", nargs=-1, type=click.Path())
@_fail_cleanly
def packs_test(paths: tuple[str, ...]) -> None:
    """Run every rule's examples (no PATH: the built-in packs)."""
    from cleanup.examples import check_pack_examples

    loaded = load_packs(paths) if paths else load_builtin_packs()
    results = check_pack_examples(loaded)
    failures = [r for r in results if not r.skipped]
    for result in results:
        click.echo(str(result))
    examples = sum(len(r.examples) for p in loaded for r in p.rules)
    rules = sum(len(p.rules) for p in loaded)
    skipped = len(results) - len(failures)
    click.echo(f"{examples} examples of {rules} rules in {len(loaded)} packs: "
               f"{len(failures)} failed" + (f", {skipped} rules skipped" if skipped else ""))
    sys.exit(EXIT_FINDINGS if failures else EXIT_CLEAN)
