"""``python -m tui`` runs the ``gd-tui`` command."""

from tui.cli import run

run()
