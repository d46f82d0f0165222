"""The ``gd-tui`` console script: start-up housekeeping, then :func:`tui.cli.main`.

Kept apart from ``tui.cli`` because ``tui.cli`` imports numpy (through
``core``) at import time, and the pause below has to begin before that.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import NoReturn

__all__ = ["run"]


def run() -> NoReturn:
    """Pause the garbage collector for start-up, then run the command and exit with its status.

    Importing numpy and Textual and styling the dashboard allocate a few
    hundred thousand objects that live as long as the program; the collector
    would walk them again and again (about a tenth of the time to the first
    frame, measured with bench/startup.py) to find nearly nothing.
    :func:`tui.cli.resume_collection` turns it back on, once the dashboard's
    first frame is out or as soon as a headless run starts.
    """
    gc.disable()
    # One BLAS thread, unless the user asks otherwise. The training loop never
    # calls BLAS (sums and element-wise operations only); np.dot appears in
    # the closed-form optimum alone, on vectors too short to split. OpenBLAS
    # would still start a thread per core when numpy loads, and they spin for
    # a while, taking a core from the terminal at start-up: on two cores that
    # delayed the first frame. It must be set before numpy is imported.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from tui.cli import main

    sys.exit(main())
