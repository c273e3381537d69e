from cleanup.cli import run

run()
