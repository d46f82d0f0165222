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
  the summary (2 points per column) like 10^6, whereas 10^2 iterations are
  drawn as 100 raw points; long / control shows growth with history alone;
* ``publish``: ``app.dashboard.publish()`` of a new frame, what the
  dashboard does for every redraw while running: it bumps the screen's
  ``revision``, ``frame`` and ``status`` are recomputed, and every widget
  bound to ``frame`` takes it (each view's data, e.g. the surface view's path
  sampling, the visible view's replot, the log's sync), unpainted. With a
  finished history nothing would be new, so each frame first bumps
  ``runner.generation`` (as a new run does) to make the frame differ; the
  status is then unchanged, so the status panel (whose cost does not depend
  on the history) is not redrawn.

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

    .venv/bin/python bench/chart_frame.py           # full run (~1 minute)
    .venv/bin/python bench/chart_frame.py --quick   # a few seconds
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from _benchlib import SCREEN_SIZE, bench_parser, gc_paused, median, print_footer, print_machine, verdict

import core
from tui.app import GradientDescentApp
from tui.session.runner import Runner
from tui.session.settings import RunConfig, Settings
from tui.views.plot_view import PlotView

TARGET = 1.2
LR = 0.001


@dataclass
class Series:
    """Per-frame seconds of each block, per history label."""

    times: dict[str, list[float]] = field(default_factory=dict)

    def add(self, label: str, seconds: float) -> None:
        self.times.setdefault(label, []).append(seconds)

    def median(self, label: str) -> float:
        return median(self.times[label])

    def ratio(self, top: str, bottom: str) -> float:
        """Median of the per-round ratios: each round timed both back to back, so slow drift cancels."""
        return median([a / b for a, b in zip(self.times[top], self.times[bottom])])


RESUMED: list[int] = []  # self-pauses resumed, per recorded run


def finished_runner(dataset: core.Dataset, iterations: int, train_bias: bool) -> Runner:
    """A Runner that has recorded a whole run, stepped as the app steps it (no time limit)."""
    runner = Runner(dataset)
    runner.start(RunConfig(LR, iterations, train_bias))
    resumed = 0
    while runner.live:
        if runner.state != "running":
            resumed += 1
            # The runner pauses itself when the loss rises 5 steps in a row (at convergence,
            # rounding can do that); go on, as the learner would with space.
            runner.resume()
        runner.advance(None, 1.0)
    if runner.done != iterations:
        raise RuntimeError(f"the run ended {runner.state} after {runner.done} of {iterations} iterations")
    RESUMED.append(resumed)
    return runner


def install(app: GradientDescentApp, source: Runner) -> None:
    """Make the dashboard show ``source``'s finished run, as picking it in the runs table does."""
    app.dashboard.runner.show(next(iter(source.book)))
    app.dashboard.publish()


def publish_new_frame(app: GradientDescentApp) -> None:
    """A redraw as while running: a frame the bound widgets have not seen, published."""
    app.dashboard.runner.generation += 1
    app.dashboard.publish()


def paint(app: GradientDescentApp, view: PlotView) -> int:
    """What the screen does for a refreshed widget on its next update; returns the update's bytes.

    Uses Textual internals (the compositor, pinned by the test extra): the screen's timer does
    ``update_widgets`` then ``render_update``, and the driver writes ``render_segments``.
    """
    screen = app.screen
    # A replot repaints only rows that changed, and an unchanged history
    # changes none; mark the whole view dirty so this measures the worst
    # case, a frame where every row is new.
    view.refresh()
    screen._compositor.update_widgets({view})
    update = screen._compositor.render_update(screen_stack=app._background_screens)
    if update is None:
        return 0
    # Full and partial updates (LayoutUpdate, ChopsUpdate) both render to the driver this way.
    segments: str = update.render_segments(app.console)  # type: ignore[union-attr]
    return len(segments.encode("utf-8"))


async def show(app: GradientDescentApp, pilot, view: PlotView, key: str) -> str:
    """Show ``view`` as a user would (its number key, focus outside the form), else by the ``#views`` switcher; say how."""
    from textual.dom import DOMNode
    from textual.widgets import ContentSwitcher

    app.set_focus(None)
    await pilot.press(key)
    await pilot.pause()
    if view.display and view.content_size.area:
        return f"key {key}"
    node: DOMNode = view
    while node.parent is not None and not isinstance(node.parent, ContentSwitcher):
        node = node.parent
    if isinstance(node.parent, ContentSwitcher) and node.id is not None:
        node.parent.current = node.id
        await pilot.pause()
    return "switcher"


def timed_block(frames: int, frame: Callable[[], None]) -> float:
    """CPU seconds per frame over ``frames`` back-to-back frames, with the collector paused.

    CPU time (``process_time``), not wall time: on a shared machine the wall
    clock also counts the time the scheduler gives other processes.
    """
    with gc_paused():
        start = time.process_time()
        for _ in range(frames):
            frame()
        return (time.process_time() - start) / frames


async def measure(args: argparse.Namespace) -> int:
    dataset = core.load_dataset()
    short_n, long_n = 100, (10**5 if args.quick else 10**6)
    reps = 4 if args.quick else 14
    block_seconds = 0.05 if args.quick else 0.07
    wall = time.perf_counter()
    labels = (f"{short_n:,} it", f"{long_n:,} it")
    # A control: 10^4 iterations are already summarised like 10^6 (more points than 2 per
    # column), so replot(10^4) vs replot(10^6) separates growth with history from the fixed
    # difference between drawing 100 raw points and 2 points per column.
    control_n = 10**4
    control = f"{control_n:,} it"
    train_bias = not args.w_only

    app = GradientDescentApp(Settings(dataset, LR, short_n, train_bias, None), clock=False, speed=None)
    async with app.run_test(size=SCREEN_SIZE) as pilot:
        await pilot.pause()
        began = time.perf_counter()
        runs = {
            labels[0]: finished_runner(dataset, short_n, train_bias),
            labels[1]: finished_runner(dataset, long_n, train_bias),
            control: finished_runner(dataset, control_n, train_bias),
        }
        print(
            f"recorded two runs through Runner (pizza, lr {LR}, train b {'on' if train_bias else 'off'}): "
            f"{short_n:,} and {long_n:,} iterations, in {time.perf_counter() - began:.1f} s"
        )
        if any(RESUMED):
            print(
                f"  note: the runner paused itself as 'Diverging' (5 rising losses in a row) {RESUMED[1]} time(s) "
                f"in the long run, although lr {LR} is below the critical lr; resumed each time, as space would"
            )
        views = [view for view in app.query(PlotView)]
        print(f"views found: {', '.join(f'#{v.id} ({type(v).__name__})' for v in views) or 'none'}")
        print(
            f"timing: {reps} blocks per history per metric, alternating short/long; "
            f"~{block_seconds * 1000:.0f} ms of frames per block; median of the blocks' CPU time per frame"
        )
        print("metrics: replot = view.replot(); +paint = then the compositor's update for the view, encoded;")
        print(
            "         publish = app.dashboard.publish() of a new frame, the whole redraw while running (view data, visible replot, log)"
        )
        print()
        header = f"{'view':<14} {'size':>6}  {'metric':<13} {labels[0]:>11} {labels[1]:>13} {'ratio':>6} {'target':>6}  verdict"
        print(header)
        print("-" * len(header))
        for position, view in enumerate(views, start=1):
            how = await show(app, pilot, view, str(position))
            size = f"{view.content_size.width}x{view.content_size.height}"
            if not view.display or not view.content_size.area:
                print(f"#{view.id:<13} {size:>6}  (not visible after switching to it; skipped)")
                continue

            # view=view: each metric times this loop's view, not the last one's.
            def replot_only(view: PlotView = view) -> None:
                view.replot()

            def replot_paint(view: PlotView = view) -> None:
                view.replot()
                paint(app, view)

            def publish() -> None:
                publish_new_frame(app)

            metrics = {"replot": replot_only, "replot+paint": replot_paint, "publish": publish}
            # Calibrate frames per block on the long history (the slower one, if any).
            install(app, runs[labels[1]])
            await pilot.pause()
            one = max(timed_block(2, replot_paint), timed_block(2, publish))
            frames = max(2, min(200, round(block_seconds / max(one, 1e-6))))
            series = {metric: Series() for metric in metrics}
            sizes: dict[str, int] = {}
            for rep in range(reps):
                order = labels if rep % 2 == 0 else labels[::-1]
                for metric, frame in metrics.items():
                    # Both histories back to back for each metric, so the pair shares the machine's state.
                    for label in order:
                        install(app, runs[label])
                        await pilot.pause()  # let the app settle, and process what the last block queued (untimed)
                        if label not in sizes:
                            view.replot()
                            sizes[label] = paint(app, view)
                        series[metric].add(label, timed_block(frames, frame))
                install(app, runs[control])
                await pilot.pause()
                series["replot"].add(control, timed_block(frames, replot_only))
                install(app, runs[labels[1]])
                await pilot.pause()
                series["replot"].add("long again", timed_block(frames, replot_only))
            for metric, s in series.items():
                short, long = s.median(labels[0]), s.median(labels[1])
                ratio = s.ratio(labels[1], labels[0])
                print(
                    f"#{view.id:<13} {size:>6}  {metric:<13} {short * 1e3:>8.2f} ms {long * 1e3:>10.2f} ms "
                    f"{ratio:>5.2f}x {TARGET:>5.1f}x  {verdict(ratio, TARGET)}",
                    flush=True,
                )
            mid = series["replot"].median(control)
            print(
                f"{'':<14} {'':>6}  {'bytes/paint':<13} {sizes[labels[0]]:>11,} {sizes[labels[1]]:>13,}"
                f"   ({frames} frames per block; shown by {how})"
            )
            print(
                f"{'':<14} {'':>6}  control: replot at {control} {mid * 1e3:.2f} ms; "
                f"{labels[1]} / {control} = {series['replot'].ratio('long again', control):.2f}x",
                flush=True,
            )
    print("(CPU ms per frame: median over blocks; ratio: long / short history, median of the per-round ratios)")
    print(f"(control: {control} is past the 2-points-per-column threshold like {labels[1]}; a control ratio near 1")
    print(f" means the frame cost stopped growing with the history, whatever {labels[1]} / {labels[0]} says)")
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
