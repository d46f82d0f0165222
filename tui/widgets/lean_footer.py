"""Textual's Footer, without the memory its recompositions leave behind."""

from __future__ import annotations

from textual.widgets import Footer

__all__ = ["LeanFooter"]


class LeanFooter(Footer):
    """The stock ``Footer``, releasing the keys each recomposition replaces.

    The Footer recomposes whenever the keys that apply change (a run starts,
    ends, is reset: several times a run), and each new key is bound to the
    footer's ``compact`` with ``data_bind``. The old keys' bindings stay in
    ``compact``'s watcher list, and Textual prunes that list only when
    ``compact`` changes, which here it never does: ``bench/soak.py`` measured
    +65 MB over 100 run/reset cycles. Mutating ``compact`` after each
    recomposition runs its watchers, which drops the removed keys (the live
    ones are set to the value they have, which changes nothing).
    """

    async def recompose(self) -> None:
        await super().recompose()
        self.mutate_reactive(Footer.compact)
