"""The gd-tui app: the theme, the layout's breakpoints, the command palette, and the dashboard screen."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterable
from functools import partial

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from tui.screens.dashboard import DashboardScreen
from tui.screens.keys import PALETTE_COMMANDS
from tui.session.settings import Settings

__all__ = ["GradientDescentApp"]


class GradientDescentApp(App[int]):
    """Watch gradient descent on a data set, steered from the keyboard."""

    CSS_PATH = "app.tcss"
    TITLE = "gd-tui"
    # Below 100 columns (an 80-column terminal) the side panel slims down.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def __init__(self, settings: Settings, *, clock: bool = True, speed: int | None = 1) -> None:
        """``clock=False`` leaves stepping to the caller (``dashboard.tick()``), for deterministic tests."""
        super().__init__()
        if settings.ascii:
            # ASCII mode (--ascii, or a locale without UTF-8): styles under .-ascii in app.tcss.
            self.add_class("-ascii")
        self.dashboard = DashboardScreen(settings, clock=clock, speed=speed)

    def get_default_screen(self) -> DashboardScreen:
        return self.dashboard

    def on_mount(self) -> None:
        # Back from ctrl+z (fg): the shell has drawn over the screen, so draw it all again.
        self.app_resume_signal.subscribe(self, lambda _: self.screen.refresh(layout=True))
        # SIGTERM, SIGHUP and a SIGINT from outside (ctrl+c in the app is a
        # key) end the app as q does, so the terminal is restored (alternate
        # screen off, cursor and mouse back), with status 128 + the signal.
        loop = asyncio.get_running_loop()
        for name in ("SIGINT", "SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)
            if number is None:
                continue  # no SIGHUP on Windows
            try:
                loop.add_signal_handler(number, partial(self.exit, None, 128 + number))
            except (NotImplementedError, RuntimeError):  # an event loop without signal support
                return

    async def on_event(self, event: events.Event) -> None:
        """Refuse, and say why, a paste of several lines into a field (Input would keep the first line and drop the rest)."""
        if isinstance(event, events.Paste) and isinstance(self.focused, Input):
            lines = event.text.strip("\r\n").splitlines()
            if len(lines) > 1:
                self.notify(f"A field takes one line; the paste had {len(lines)}, so nothing was pasted.", severity="warning")
                return
        await super().on_event(event)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own commands (theme, keys, screenshot, quit), then every key of ``screen`` that has a tooltip.

        A command runs the key's action on the screen, so the palette and the
        key do exactly the same thing (nothing, when the key is dimmed).
        """
        yield from super().get_system_commands(screen)
        seen: set[str] = set()
        for binding in screen.BINDINGS:
            # app.* actions (quit) are among Textual's own commands already.
            if (
                not isinstance(binding, Binding)
                or not binding.tooltip
                or binding.action.startswith("app.")
                or binding.action in seen
            ):
                continue
            seen.add(binding.action)
            title = f"{binding.group.description}: {binding.description}" if binding.group else binding.description
            yield SystemCommand(title, binding.tooltip, partial(self._run_key_action, screen, binding.action))
        if screen is self.dashboard:
            host: Screen[object] = self.screen
            for title, description, action in PALETTE_COMMANDS:
                yield SystemCommand(title, description, partial(self._run_key_action, host, action))

    async def _run_key_action(self, screen: Screen[object], action: str) -> None:
        # The palette's own screen has just closed: ask again, as a key press
        # would, whether the action applies now.
        name = action.partition("(")[0]
        if screen.check_action(name, ()):
            await self.run_action(action, screen)
