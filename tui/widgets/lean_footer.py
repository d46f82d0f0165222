"""Textual's Footer, without the memory its recompositions leave behind, and without repeating itself."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

__all__ = ["LeanFooter"]


class LeanFooter(Footer):
    """The stock ``Footer``, releasing the keys each recomposition replaces, and recomposing once per burst of changes.

    The Footer recomposes whenever the keys that apply change (a run starts,
    ends, is reset: several times a run), and each new key is bound to the
    footer's ``compact`` with ``data_bind``. The old keys' bindings stay in
    ``compact``'s watcher list, and Textual prunes that list only when
    ``compact`` changes, which here it never does: ``bench/soak.py`` measured
    +65 MB over 100 run/reset cycles. Mutating ``compact`` after each
    recomposition runs its watchers, which drops the removed keys (the live
    ones are set to the value they have, which changes nothing).

    A key press often changes the keys twice (enter starts a run, changing
    the state, and moves focus out of the form): the stock footer then
    recomposes, and sends its whole line to the terminal, twice. Here a
    recomposition already waiting takes the later change too, since it reads
    the keys when it runs.
    """

    def __init__(self) -> None:
        super().__init__()
        self._recompose_pending = False
        self._composed = False

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Schedule one recomposition, unless one is waiting already."""
        if self._recompose_pending:
            return
        self._recompose_pending = True
        super().bindings_changed(screen)
        if not (screen.app.app_focus and self.is_attached and screen is self.screen):
            self._recompose_pending = False  # the stock footer scheduled nothing

    async def recompose(self) -> None:
        self._recompose_pending = False
        with self.app.batch_update():
            await super().recompose()
            self.mutate_reactive(Footer.compact)

    def compose(self) -> ComposeResult:
        """The keys at once, in the screen's first frame.

        The stock footer composes empty and waits for the screen's first
        bindings signal (a focus change), then recomposes after the next
        refresh: its keys arrived about 150 ms after the rest of the dashboard.
        The screen's bindings are all there when the footer first composes, so
        it takes that signal itself, once (each call schedules a recomposition:
        on every compose it would never stop). The recompositions after it are
        the stock footer's own (at start-up two, for the focus changes), and
        pick up the focused widget's keys.
        """
        if not self._composed and self.is_attached:
            self._composed = True
            self.bindings_changed(self.screen)
        yield from super().compose()
