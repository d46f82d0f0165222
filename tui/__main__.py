"""``python -m tui`` runs the ``gd-tui`` command."""

from tui.entry import run

run()
