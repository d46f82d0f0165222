"""Does a chart frame cost the same after 10^6 iterations as after 10^2?

What is measured
----------------
The dashboard runs headless (``App.run_test(size=(120, 40))``). Two runs of
the pizza data at lr 0.001 (training b too, so the surface view has a path;
``--w-only`` for w alone) are recorded by ``Runner.advance`` with no time
limit: a short one (10^2 iterations) and a long one (10^6; 10^5 with
``--quick``). For every chart the dashboard mounts (each ``PlotView``: the
loss chart ``#loss-chart``, the loss curve, the fit and the surface), shown
in turn with its number key (or the ``#views`` tabs' switcher), we time:

* ``replot``: ``view.replot()``, which rebuilds the plotext figure at the
  widget's size from the recorded history;
* ``replot+paint``: the same, then the paint that Textual's screen does on
  its next update for that widget: the compositor re-renders the widget's
  lines and encodes them as the terminal update string (as the real driver
  would write it; the headless driver skips only the write). The bytes of
  that string are printed too;
* a control: ``replot`` with a 10^4-iteration history, which is drawn from
  the summary (two points per column, one where the column is flat) like
  10^6, whereas 10^2 iterations are drawn as 100 raw points; long / control
  shows growth with history alone (below 1: more of a longer run's columns
  are its flat, converged tail);
* ``publish``: ``app.dashboard.publish()`` of a new frame, what the
  dashboard does for every redraw while running: it bumps the screen's
  ``revision``, ``frame`` and ``status`` are recomputed, and every widget
  bound to ``frame`` takes it (each view's data, e.g. the surface view's path
  sampling, the visible view's replot, the log's sync), unpainted. With a
  finished history nothing would be new, so each frame first bumps
  ``runner.generation`` (as a new run does) to make the frame differ; the
  status is then unchanged, so the status panel (whose cost does not depend
  on the history) is not redrawn.

Then the loss chart once more with 8 kept runs overlaid (issue 10): each
recording runner also runs an 8-value sweep of its length (``Settings.lrs``
as ``--lr 0.0002,...,0.0045`` gives them, all below the critical lr, so each
runs to its end); its book then holds the single run and the sweep's 8. The
dashboard's book takes them and the single run is shown, as picking run 1 in
the runs table does: the chart draws it and the 8 kept runs beside it, the
most it overlays (``OVERLAY_LIMIT``), 9 curves of 10^2 iterations against 9
of 10^6, timed as above (the control: 9 of 10^4).

Fairness: both histories live in the same process and the same app; the
dashboard's ``Runner`` and ``History`` objects are kept (widgets hold
references to them) and their contents are swapped between the two finished
runs, then ``publish()`` hands the views their data as the dashboard does. Blocks of
frames alternate short, long, long, short, ...; the collector is run before
and paused during each block (as ``timeit`` does); a block's cost is its CPU
time (``process_time``) per frame, which the scheduler's time slices for other
processes on a shared machine do not inflate; medians over blocks. The ratio
is the median of the per-round ratios (each round times both histories back to
back), so slow drift in the machine's load cancels.
Target for each: the long history costs at most 1.2x the short one.

    .venv/bin/python bench/chart_frame.py           # full run (~3 minutes)
    .venv/bin/python bench/chart_frame.py --quick   # a few seconds
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Callable
from functools import partial

from _benchlib import SCREEN_SIZE, bench_parser, print_footer, print_machine, verdict
from _frames import Series, alternate, install, install_kept, paint, publish_new_frame, record, show, timed_block
from textual.pilot import Pilot

import core
from tui.app import GradientDescentApp
from tui.session.runner import Runner
from tui.session.settings import RunConfig, Settings
from tui.views.plot_view import PlotView

TARGET = 1.2
LR = 0.001
#: The overlay case's sweep (kept_runs.py's): eight lrs below the critical lr, so each runs to its end.
SWEEP = (0.0002, 0.0005, 0.001, 0.0015, 0.002, 0.003, 0.004, 0.0045)


def print_rows(name: str, size: str, series: dict[str, Series], labels: tuple[str, str]) -> None:
    """One line per metric: both medians, their ratio, the target and the verdict."""
    for metric, s in series.items():
        short, long = s.median(labels[0]), s.median(labels[1])
        ratio = s.ratio(labels[1], labels[0])
        print(
            f"{name:<14} {size:>6}  {metric:<13} {short * 1e3:>8.2f} ms {long * 1e3:>10.2f} ms "
            f"{ratio:>5.2f}x {TARGET:>5.1f}x  {verdict(ratio, TARGET)}",
            flush=True,
        )


async def time_view(
    app: GradientDescentApp,
    pilot: Pilot,
    view: PlotView,
    put: Callable[[Runner], None],
    runs: dict[str, Runner],
    args: argparse.Namespace,
) -> tuple[dict[str, Series], dict[str, int], int]:
    """Time ``view`` with each of ``runs`` (short, long, control) ``put`` on the dashboard: series, bytes, frames per block."""

    def replot_only() -> None:
        view.replot()

    def replot_paint() -> None:
        view.replot()
        paint(app, view)

    def bytes_of_paint() -> int:
        view.replot()
        return paint(app, view)

    metrics: dict[str, Callable[[], None]] = {
        "replot": replot_only,
        "replot+paint": replot_paint,
        "publish": partial(publish_new_frame, app),
    }
    short, long, control = runs
    # Calibrate frames per block on the long history (the slower one, if any).
    put(runs[long])
    await pilot.pause()
    one = max(timed_block(2, replot_paint), timed_block(2, metrics["publish"]))
    block_seconds = 0.05 if args.quick else 0.07
    frames = max(2, min(200, round(block_seconds / max(one, 1e-6))))
    series, sizes = await alternate(
        pilot,
        {label: partial(put, runs[label]) for label in (short, long)},
        metrics,
        partial(put, runs[control]),
        reps=4 if args.quick else 14,
        frames=frames,
        size=bytes_of_paint,
    )
    return series, sizes, frames


async def measure(args: argparse.Namespace) -> int:
    dataset = core.load_dataset()
    # The control: 10^4 iterations are already summarised like 10^6 (more points than 2 per
    # column), so replot(10^4) vs replot(10^6) separates growth with history from the fixed
    # difference between drawing 100 raw points and up to 2 points per column.
    lengths = (100, 10**5 if args.quick else 10**6, 10**4)
    labels = tuple(f"{n:,} it" for n in lengths)
    short, long, control = labels
    train_bias = not args.w_only
    wall = time.perf_counter()

    app = GradientDescentApp(Settings(dataset, LR, lengths[0], train_bias, None), clock=False, speed=None)
    async with app.run_test(size=SCREEN_SIZE) as pilot:
        await pilot.pause()
        began = time.perf_counter()
        runs = {label: Runner(dataset) for label in labels}
        resumed = [record(runs[label], RunConfig(LR, n, train_bias)) for label, n in zip(labels, lengths)]
        print(
            f"recorded two runs through Runner (pizza, lr {LR}, train b {'on' if train_bias else 'off'}): "
            f"{lengths[0]:,} and {lengths[1]:,} iterations, in {time.perf_counter() - began:.1f} s"
        )
        if resumed[1]:
            print(
                f"  note: the runner paused itself as 'Diverging' (5 rising losses in a row) {resumed[1]} time(s) "
                f"in the long run, although lr {LR} is below the critical lr; resumed each time, as space would"
            )
        views = [view for view in app.query(PlotView)]
        print(f"views found: {', '.join(f'#{v.id} ({type(v).__name__})' for v in views) or 'none'}")
        print(
            f"timing: {4 if args.quick else 14} blocks per history per metric, alternating short/long; "
            f"~{50 if args.quick else 70} ms of frames per block; median of the blocks' CPU time per frame"
        )
        print("metrics: replot = view.replot(); +paint = then the compositor's update for the view, encoded;")
        print(
            "         publish = app.dashboard.publish() of a new frame, the whole redraw while running (view data, visible replot, log)"
        )
        print()
        header = f"{'view':<14} {'size':>6}  {'metric':<13} {short:>11} {long:>13} {'ratio':>6} {'target':>6}  verdict"
        print(header)
        print("-" * len(header))

        def report(name: str, view: PlotView, result: tuple[dict[str, Series], dict[str, int], int], how: str) -> None:
            series, sizes, frames = result
            print_rows(name, f"{view.content_size.width}x{view.content_size.height}", series, (short, long))
            print(
                f"{'':<14} {'':>6}  {'bytes/paint':<13} {sizes[short]:>11,} {sizes[long]:>13,}   ({frames} frames per block; {how})"
            )
            print(
                f"{'':<14} {'':>6}  control: replot at {control} {series['replot'].median('control') * 1e3:.2f} ms; "
                f"{long} / {control} = {series['replot'].ratio('long again', 'control'):.2f}x",
                flush=True,
            )

        for position, view in enumerate(views, start=1):
            how = await show(app, pilot, view, str(position))
            if not view.display or not view.content_size.area:
                size = f"{view.content_size.width}x{view.content_size.height}"
                print(f"#{view.id:<13} {size:>6}  (not visible after switching to it; skipped)")
                continue
            report(f"#{view.id}", view, await time_view(app, pilot, view, partial(install, app), runs, args), f"shown by {how}")

        # The overlay: each recording runner keeps an 8-value sweep of its length after its single run.
        began = time.perf_counter()
        for label, n in zip(labels, lengths):
            record(runs[label], Settings(dataset, SWEEP[0], n, train_bias, None, lrs=SWEEP).run_config())
        print(
            f"(recorded an {len(SWEEP)}-value sweep beside each run, lr {SWEEP[0]} to {SWEEP[-1]}: {time.perf_counter() - began:.1f} s)"
        )
        chart = app.query_one("#loss-chart", PlotView)
        how = await show(app, pilot, chart, "1")
        result = await time_view(app, pilot, chart, partial(install_kept, app), runs, args)
        overlaid = len(app.dashboard.overlay_runs())
        report("#loss-chart +8", chart, result, f"+ {overlaid} kept runs overlaid, each as long; shown by {how}")
    print("(CPU ms per frame: median over blocks; ratio: long / short history, median of the per-round ratios)")
    print(f"(control: {control} is past the 2-points-per-column threshold like {long}; a control ratio near 1 or below")
    print(f" means the frame cost stopped growing with the history, whatever {long} / {short} says)")
    print_footer(wall, args.quick, "10^5 instead of 10^6 iterations and few blocks; the numbers are only indicative")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = bench_parser(__doc__, "10^5 iterations and few blocks (a smoke run)")
    parser.add_argument(
        "--w-only", action="store_true", help="record w-only runs (default: train b too, so the surface view draws its path)"
    )
    args = parser.parse_args(argv)
    print_machine()
    return asyncio.run(measure(args))


if __name__ == "__main__":
    sys.exit(main())
