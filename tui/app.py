"""The gd-tui app: the theme, the layout's breakpoints, the command palette, and the dashboard screen."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterable
from functools import partial

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.driver import Driver
from textual.screen import Screen
from textual.widgets import Input

from tui.output import EXIT_USAGE
from tui.screens.dashboard import DashboardScreen
from tui.screens.keys import PALETTE_COMMANDS
from tui.screens.loading import LoadingScreen
from tui.session.glyphs import ascii_text
from tui.session.loading import Loading
from tui.session.settings import Settings

__all__ = ["GradientDescentApp"]


class GradientDescentApp(App[int]):
    """Watch gradient descent on a data set, steered from the keyboard."""

    CSS_PATH = "app.tcss"
    TITLE = "gd-tui"
    # Below 100 columns (an 80-column terminal) the side panel slims down.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    #: The dashboard; with a :class:`Loading`, set once the data is read.
    dashboard: DashboardScreen

    def __init__(self, settings: Settings | Loading, *, clock: bool = True, speed: int | None = 1) -> None:
        """``clock=False`` leaves stepping to the caller (``dashboard.tick()``), for deterministic tests.

        With a :class:`Loading` the app opens on the loading screen and the
        dashboard follows once the file is read.
        """
        #: ASCII mode (--ascii, or a locale without UTF-8): styles under .-ascii in app.tcss, and a driver that writes ASCII only.
        self.ascii_mode = settings.ascii  # before App.__init__, which asks get_driver_class
        super().__init__()
        self.clock, self.speed = clock, speed
        self.loading = settings if isinstance(settings, Loading) else None
        #: The reader's one line when the file turned out bad while loading (the command prints it after the app).
        self.data_error: str | None = None
        self.set_class(self.ascii_mode, "-ascii")
        if isinstance(settings, Settings):
            self.dashboard = DashboardScreen(settings, clock=clock, speed=speed)

    def get_default_screen(self) -> Screen[None]:
        if self.loading is not None:
            return LoadingScreen(self.loading.path, self.loading.size)
        return self.dashboard

    def on_loading_screen_loaded(self, message: LoadingScreen.Loaded) -> None:
        """The data is read: the dashboard opens over the loading screen."""
        assert self.loading is not None
        settings = self.loading.settings(message.dataset)
        self.dashboard = DashboardScreen(settings, clock=self.clock, speed=self.speed)
        # Pushed, not switched: Textual 8.2.8's switch_screen fails on the
        # default screen (it was never pushed, so it has no result callback to pop).
        self.push_screen(self.dashboard)

    def on_loading_screen_failed(self, message: LoadingScreen.Failed) -> None:
        """The data is bad: quit with 2; the command then prints the line, as it does for a small file."""
        self.data_error = message.text
        self.exit(return_code=EXIT_USAGE)

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this platform; on Linux and macOS, one that keeps terminal replies from becoming keys."""
        driver = super().get_driver_class()
        if driver.__module__ == "textual.drivers.linux_driver":  # not another (TEXTUAL_DRIVER, Windows)
            from tui.terminal import AsciiOutputDriver, FilteredInputDriver

            return AsciiOutputDriver if self.ascii_mode else FilteredInputDriver
        return driver

    def get_key_display(self, binding: Binding) -> str:
        """Textual's name for the key; in ASCII mode, glyphs as words (``⏎`` as ``enter``)."""
        display = super().get_key_display(binding)
        return ascii_text(display) if self.ascii_mode else display

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
