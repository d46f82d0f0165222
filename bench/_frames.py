"""How ``chart_frame.py`` records runs, puts them on the dashboard and times frames (not a benchmark itself).

Kept apart so that ``chart_frame.py`` reads as its cases and its table; see
its docstring for what is measured and why it is fair.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from _benchlib import gc_paused, median

from tui.app import GradientDescentApp
from tui.session.runner import Runner
from tui.session.settings import RunConfig
from tui.views.plot_view import PlotView

__all__ = ["Series", "alternate", "install", "install_kept", "paint", "publish_new_frame", "record", "show", "timed_block"]


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


def record(runner: Runner, config: RunConfig) -> int:
    """Run ``config`` (a sweep's other lrs too) on ``runner`` to its end, as the app steps it (no time limit).

    Every run ends in ``runner.book``. Returns how many times the steered run
    paused itself and was resumed: the runner pauses itself when the loss
    rises 5 steps in a row (at convergence, rounding can do that); this goes
    on, as the learner would with space.
    """
    runner.start(config)
    resumed = 0
    while runner.live or runner.sweeping:
        if runner.live and runner.state != "running":
            resumed += 1
            runner.resume()
        runner.advance(None, 1.0)
    wrong = [(run.lr, run.done) for run in runner.book if run.done != config.iterations]
    if wrong:
        raise RuntimeError(f"runs ended short of {config.iterations} iterations (lr, done): {wrong}")
    return resumed


def install(app: GradientDescentApp, source: Runner) -> None:
    """Make the dashboard show ``source``'s first kept run, as picking it in the runs table does."""
    app.dashboard.runner.show(next(iter(source.book)))
    app.dashboard.publish()


def install_kept(app: GradientDescentApp, source: Runner) -> None:
    """Make the dashboard's book hold ``source``'s kept runs, and show the first, as picking it in the runs table does.

    The loss chart then overlays the newest kept runs beside it (up to
    ``OVERLAY_LIMIT``), as the dashboard does for a session that kept them.
    """
    runner = app.dashboard.runner
    runner.book.clear()
    for run in source.book:
        runner.book.add(run)
    runner.show(next(iter(runner.book)))
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


async def alternate(
    pilot,
    installs: dict[str, Callable[[], None]],
    metrics: dict[str, Callable[[], None]],
    control: Callable[[], None],
    *,
    reps: int,
    frames: int,
    size: Callable[[], int],
) -> tuple[dict[str, Series], dict[str, int]]:
    """Time every metric on the short and the long history (``installs``' two entries, in that order), then the control.

    Blocks alternate short, long, long, short, ...; each metric's pair runs
    back to back. Each round also times ``replot`` (the first metric) on the
    ``control`` history and again on the long one, stored as ``"control"`` and
    ``"long again"``. Returns the series per metric and the bytes one paint
    of each history takes (``size``, called once each after installing it).
    """
    labels = list(installs)
    replot = next(iter(metrics))
    series = {metric: Series() for metric in metrics}
    sizes: dict[str, int] = {}
    for rep in range(reps):
        order = labels if rep % 2 == 0 else labels[::-1]
        for metric, frame in metrics.items():
            # Both histories back to back for each metric, so the pair shares the machine's state.
            for label in order:
                installs[label]()
                await pilot.pause()  # let the app settle, and process what the last block queued (untimed)
                if label not in sizes:
                    sizes[label] = size()
                series[metric].add(label, timed_block(frames, frame))
        control()
        await pilot.pause()
        series[replot].add("control", timed_block(frames, metrics[replot]))
        installs[labels[1]]()
        await pilot.pause()
        series[replot].add("long again", timed_block(frames, metrics[replot]))
    return series, sizes
