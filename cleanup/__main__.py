from cleanup.command import run

run()
