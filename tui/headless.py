"""The headless run: the book's transcript on stdout, what went wrong on stderr, and the exit status."""

from __future__ import annotations

import sys

from tui.output import EXIT_DIVERGED, EXIT_OK, EXIT_OUTPUT, fail, say, silence
from tui.session.settings import Settings

__all__ = ["run_headless"]


def run_headless(settings: Settings) -> int:
    """Run ``settings`` headless: stdout gets the book's transcript; returns the exit status."""
    from core import critical_lr, descend
    from core.headless import write_transcript
    from core.verdict import RISING_LIMIT, RisingLoss

    out = sys.stdout
    if out is None:
        return fail("stdout is closed: nothing to write the transcript to", EXIT_OUTPUT)
    run = descend(
        settings.dataset,
        settings.lr,
        settings.iterations,
        train_bias=settings.train_bias,
        w=settings.w0,
        b=settings.b0,
        tolerance=settings.tolerance,
    )
    watch = RisingLoss()
    try:
        outcome = write_transcript(run, out, train_bias=settings.train_bias, watch=watch)
    except BrokenPipeError:
        raise  # main() answers the reader going away (`| head`) quietly
    except (OSError, ValueError) as error:
        # ValueError: a stream closed under us. The run stops: nobody can read it.
        silence(out)
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        return fail(f"cannot write the transcript to stdout ({reason})", EXIT_OUTPUT)
    limit = critical_lr(settings.dataset, settings.train_bias)
    if outcome.reason == "diverged":
        say(
            f"diverged: the loss stopped being finite at iteration {outcome.at}; "
            f"lr {settings.lr:g} exceeds the critical lr {limit:.6g} for this data"
        )
        return EXIT_DIVERGED
    if watch.diverging_at is not None:
        # The same verdict the dashboard pauses on; stdout stayed the book's transcript.
        say(
            f"diverging: the loss rose {RISING_LIMIT} steps in a row by iteration {watch.diverging_at}; "
            f"lr {settings.lr:g} exceeds the critical lr {limit:.6g} for this data"
        )
        return EXIT_DIVERGED
    return EXIT_OK
