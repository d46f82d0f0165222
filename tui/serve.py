"""``gd-tui --serve``: the dashboard in a browser, through textual-serve; each browser tab runs its own gd-tui.

textual-serve is a small web server: its page draws a terminal (xterm.js)
and, for each tab that connects, starts the served command with Textual's web
driver, which speaks to the page over a websocket instead of a terminal. The
served command is this same gd-tui with the same flags, minus --serve, --host
and --port. It binds 127.0.0.1 unless told otherwise: to show a class, forward
the port over SSH rather than opening it to the network.

Light at import time (the CLI imports it for its flags, on every run):
sockets, asyncio and textual-serve (with aiohttp) are imported only to serve.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from tui.output import EXIT_OK, EXIT_USAGE, fail, say, write

if TYPE_CHECKING:
    import argparse

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "WEB_DRIVER", "parse_port", "serve", "served_command", "served_in_browser"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
#: What textual-serve sets TEXTUAL_DRIVER to for the app it starts (textual_serve/app_service.py).
WEB_DRIVER = "textual.drivers.web_driver:WebDriver"
#: The flags that are the server's, not the served dashboard's: whether each takes a value.
_SERVER_FLAGS = {"--serve": False, "--host": True, "--port": True}
#: Host names a browser uses for this machine itself (the Host header, without the port).
_LOOPBACK_NAMES = ("localhost", "localhost.localdomain")


def served_in_browser(environ: Mapping[str, str]) -> bool:
    """Whether this gd-tui was started by textual-serve for a browser tab (stdin and stdout are then pipes, on purpose)."""
    return environ.get("TEXTUAL_DRIVER") == WEB_DRIVER


def parse_port(text: str) -> int:
    """A TCP port, 1 to 65535; ValueError saying so otherwise."""
    try:
        port = int(text.strip())
    except ValueError:
        port = -1
    if not 1 <= port <= 65535:
        raise ValueError(f"--port takes a port number from 1 to 65535, not {text!r}")
    return port


def _server_flag(token: str) -> str | None:
    # argparse takes any unambiguous prefix (--ser, --po). argv has already
    # parsed, so a prefix of one of the server's flags is that flag.
    name = token.partition("=")[0]
    if len(name) < 3 or not name.startswith("--"):
        return None
    matches = [flag for flag in _SERVER_FLAGS if flag.startswith(name)]
    return matches[0] if len(matches) == 1 else None


def served_command(argv: Sequence[str]) -> str:
    """The shell command textual-serve runs for each tab: this gd-tui, ``argv`` without the server's own flags."""
    rest: list[str] = []
    tokens = iter(argv)
    for token in tokens:
        if token == "--":
            rest += [token, *tokens]
            break
        flag = _server_flag(token)
        if flag is None:
            rest.append(token)
        elif _SERVER_FLAGS[flag] and "=" not in token:
            next(tokens, None)  # its value
    import shlex

    # This interpreter, so the tab runs the same install (a venv need not be on PATH).
    return shlex.join([sys.executable, "-m", "tui", *rest])


def _is_loopback(address: str) -> bool:
    import ipaddress

    try:
        return ipaddress.ip_address(address.split("%")[0]).is_loopback
    except ValueError:
        return address.lower() in _LOOPBACK_NAMES


def _host_name(host_header: str) -> str:
    """The name in a Host header, without its port: ``127.0.0.1:8000``, ``[::1]:8000``, ``localhost``."""
    if host_header.startswith("["):
        return host_header[1:].partition("]")[0]
    return host_header.partition(":")[0]


def _check_listen(host: str, port: int) -> list[str]:
    """Bind and release ``host``:``port`` as the server will; the addresses it resolves to. OSError if it cannot."""
    import socket

    addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    for family, kind, proto, _, address in addresses:
        with socket.socket(family, kind, proto) as probe:
            # As asyncio's server does: a port in TIME_WAIT is free, and an IPv6 socket is IPv6 only.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                probe.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            probe.bind(address)
    return [str(address[0]) for *_, address in addresses]


def _why(error: OSError, host: str, port: int) -> str:
    """The one line for a server that cannot listen."""
    import errno
    import socket

    if isinstance(error, socket.gaierror):
        return f"cannot serve on --host {host!r}: {error.strerror or error} (try 127.0.0.1)"
    if error.errno == errno.EADDRINUSE:
        return f"port {port} on {host} is in use; choose another with --port"
    if error.errno == errno.EACCES:
        return f"no permission to listen on port {port} (ports below 1024 need privileges); choose another with --port"
    if error.errno == errno.EADDRNOTAVAIL:
        return f"cannot serve on --host {host}: it is not an address of this machine (try 127.0.0.1)"
    return f"cannot serve on {host}:{port}: {error.strerror or error}"


def _url(host: str, port: int) -> str:
    """The address to open: this machine's name when serving on every interface."""
    if host in ("", "0.0.0.0", "::"):
        import socket

        host = socket.gethostname()
    elif ":" in host:
        host = f"[{host}]"  # an IPv6 literal, as URLs write it
    return f"http://{host}:{port}"


def _make_server(command: str, host: str, port: int, url: str, loopback_only: bool) -> Any:
    """A textual-serve Server that prints one line, ends with 128 + the signal, and answers only its own pages."""
    import asyncio
    import logging
    import signal
    from functools import partial

    from aiohttp import web
    from textual_serve.server import Server

    class DashboardServer(Server):
        def __init__(self) -> None:
            super().__init__(command, host=host, port=port, title="gd-tui")
            #: The signal that stopped the server, for the exit status.
            self.stopped_by: int | None = None
            #: Each open tab's websocket handler.
            self.sessions: set[asyncio.Task[Any]] = set()

        def initialize_logging(self) -> None:
            # textual-serve logs every request; the terminal keeps the one line
            # that says where to go, and warnings (a tab that failed to start).
            logging.basicConfig(level=logging.WARNING, format="gd-tui: %(message)s")

        async def on_startup(self, app: web.Application) -> None:
            # Instead of textual-serve's banner: one line; and our own signal
            # handlers (textual-serve's stop the same way but forget which signal).
            loop = asyncio.get_running_loop()
            for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                loop.add_signal_handler(number, partial(self.stop_on, number))
            write(sys.stdout, f"gd-tui: serving the dashboard at {url} (ctrl+c stops)\n")

        async def on_shutdown(self, app: web.Application) -> None:
            # aiohttp waits up to a minute for open websockets before it stops:
            # end each tab's session now (textual-serve then tells its gd-tui to
            # quit, and waits for it).
            for task in self.sessions:
                task.cancel()
            await asyncio.gather(*self.sessions, return_exceptions=True)

        def stop_on(self, number: int) -> None:
            self.stopped_by = number
            self.request_exit()

        def refusal(self, request: web.Request) -> str | None:
            # Another web site's page must not drive the dashboard: browsers let
            # any page open a websocket to 127.0.0.1, and a DNS-rebound name
            # reaches it too. So: only pages from this server (Origin), and,
            # bound to loopback, only loopback names (Host).
            origin = request.headers.get("Origin")
            if origin is not None and origin != f"{request.scheme}://{request.host}":
                return f"a page from {origin} may not open this dashboard"
            if loopback_only and not _is_loopback(_host_name(request.host)):
                return f"this dashboard answers to 127.0.0.1 or localhost, not {request.host}"
            return None

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            if (reason := self.refusal(request)) is not None:
                raise web.HTTPForbidden(text=reason)
            # The page's links (scripts, websocket) go back where the browser
            # came from: a forwarded port, or this machine's name on a network.
            self.public_url = f"{request.scheme}://{request.host}"
            response: web.StreamResponse = await super().handle_index(request)
            return response

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            if (reason := self.refusal(request)) is not None:
                raise web.HTTPForbidden(text=reason)
            session = asyncio.current_task()
            assert session is not None  # aiohttp runs each request in a task
            self.sessions.add(session)
            try:
                return await super().handle_websocket(request)
            finally:
                self.sessions.discard(session)

    return DashboardServer()


def serve(args: argparse.Namespace, argv: Sequence[str]) -> int:
    """Serve the dashboard until ctrl+c (exit 130) or a signal (128 + it); 2 with one line if it cannot listen."""
    if not args.serve:
        return fail("--host and --port go with --serve (see gd-tui --help)", EXIT_USAGE)
    if args.headless:
        return fail("--serve shows the dashboard in a browser; it does not go with --headless", EXIT_USAGE)
    host = DEFAULT_HOST if args.host is None else args.host
    port = DEFAULT_PORT if args.port is None else args.port
    try:
        addresses = _check_listen(host, port)
    except (OSError, UnicodeError) as error:  # UnicodeError: a host name IDNA cannot encode
        return fail(_why(error, host, port) if isinstance(error, OSError) else f"cannot serve on --host {host!r}: {error}")
    loopback_only = all(_is_loopback(address) for address in addresses)
    if not loopback_only:
        say(
            f"warning: --host {host} lets anyone who can reach this machine open the dashboard; "
            "to show a class, serve on 127.0.0.1 and forward the port over SSH"
        )
    server = _make_server(served_command(argv), host, port, _url(host, port), loopback_only)
    try:
        server.serve()
    except OSError as error:  # taken between the check and the bind
        return fail(_why(error, host, port))
    return EXIT_OK if server.stopped_by is None else 128 + server.stopped_by
