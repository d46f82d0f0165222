"""``gd-tui --serve``'s flags and server, without a browser: bad input is one line and exit 2, ctrl+c is 130.

Also what the server hands each browser tab: the command (this gd-tui, the
same flags minus the server's), and the dashboard's start under Textual's
web driver, the one case where it runs without a terminal.
"""

from __future__ import annotations

import asyncio
import json
import os
import select
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.cli import CLI_TIMEOUT, RunCli, cli_env, one_line
from support.net import free_port
from support.serve import Server
from tui.serve import WEB_DRIVER, served_command


def usage_error(result: subprocess.CompletedProcess[bytes]) -> str:
    """Exit 2, nothing on stdout, one ``gd-tui: ...`` line on stderr; that line."""
    line = one_line(result.stderr)
    assert result.returncode == 2, (result.returncode, line)
    assert result.stdout == b"", result.stdout
    assert line.startswith("gd-tui: "), line
    return line


@pytest.mark.parametrize("port", ["0", "65536", "-1", "abc", "80.5", ""])
def test_a_port_out_of_range_or_not_a_number(run_gd_tui: RunCli, port: str) -> None:
    line = usage_error(run_gd_tui("--serve", "--port", port))
    assert "--port takes a port number from 1 to 65535" in line and repr(port) in line, line


def test_a_port_in_use(run_gd_tui: RunCli) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        line = usage_error(run_gd_tui("--serve", "--port", str(port)))
    assert f"port {port} on 127.0.0.1 is in use" in line and "--port" in line, line


@pytest.mark.parametrize(
    ("host", "says"),
    [
        ("no-such-host.invalid", "cannot serve on --host 'no-such-host.invalid'"),
        ("192.0.2.1", "not an address of this machine"),  # TEST-NET-1: never a local address
        ("300.1.1.1", "cannot serve on --host '300.1.1.1'"),
    ],
)
def test_a_host_it_cannot_listen_on(run_gd_tui: RunCli, host: str, says: str) -> None:
    line = usage_error(run_gd_tui("--serve", "--host", host, "--port", str(free_port())))
    assert says in line, line


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--port", "8000"], "--host and --port go with --serve"),
        (["--host", "127.0.0.1"], "--host and --port go with --serve"),
        (["--serve", "--headless"], "does not go with --headless"),
    ],
)
def test_flags_that_do_not_go_together(run_gd_tui: RunCli, args: list[str], says: str) -> None:
    assert says in usage_error(run_gd_tui(*args))


@pytest.fixture
def server(gd_tui: Path, tmp_path: Path) -> Iterator[Server]:
    """``gd-tui --serve`` on a free port of 127.0.0.1; stopped (with its group) at the end."""
    running = Server(gd_tui, "--port", str(free_port()), "--lr", "0.002", cwd=tmp_path)
    try:
        yield running
    finally:
        running.stop()


def test_ctrl_c_stops_the_server_with_130_after_one_line(server: Server) -> None:
    url = server.wait_for_url()
    assert url.startswith("http://127.0.0.1:"), url
    os.killpg(server.process.pid, signal.SIGINT)  # as ctrl+c in its terminal does
    assert server.process.wait(timeout=CLI_TIMEOUT) == 130, server.output()
    assert server.out_path.read_text() == f"gd-tui: serving the dashboard at {url} (ctrl+c stops)\n"
    assert server.err_path.read_text() == "", server.output()


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


async def test_a_signal_with_a_tab_open_stops_at_once_and_ends_the_tab(server: Server) -> None:
    import aiohttp

    url = server.wait_for_url()
    async with (
        aiohttp.ClientSession() as client,
        client.ws_connect(f"ws{url.removeprefix('http')}/ws?width=100&height=30") as tab,
    ):
        seen = b""
        while b"iterations" not in seen:  # the tab's gd-tui has drawn its form
            message = await asyncio.wait_for(tab.receive(), CLI_TIMEOUT)
            assert message.type == aiohttp.WSMsgType.BINARY, (message, server.output())
            seen += message.data
        started = time.monotonic()
        server.process.send_signal(signal.SIGTERM)  # the server alone, as a service manager would
        async for _ in tab:  # until the server closes the websocket (answered at once, as a browser does)
            pass
    status = await asyncio.to_thread(server.process.wait, CLI_TIMEOUT)
    # Not aiohttp's minute of waiting for open websockets: each tab is told to quit.
    assert status == 143 and time.monotonic() - started < 10, (status, server.output())
    end = time.monotonic() + 10
    while _group_alive(server.process.pid) and time.monotonic() < end:
        await asyncio.sleep(0.1)
    assert not _group_alive(server.process.pid), "the tab's gd-tui outlived the server"
    assert server.output().count("\n") == 1, server.output()


def test_the_page_is_served_and_other_sites_are_refused(server: Server) -> None:
    url = server.wait_for_url()
    with urllib.request.urlopen(url, timeout=CLI_TIMEOUT) as page:
        html = page.read().decode()
    # The page's links point back where the browser came from.
    assert f"{url}/static/js/textual.js" in html and f"ws{url.removeprefix('http')}/ws" in html, html

    def status(path: str, headers: dict[str, str]) -> int:
        try:
            with urllib.request.urlopen(urllib.request.Request(url + path, headers=headers), timeout=CLI_TIMEOUT) as answer:
                return int(answer.status)
        except urllib.error.HTTPError as error:
            return error.code

    # Another site's page opening the websocket, and a DNS-rebound name.
    assert status("/ws", {"Origin": "http://evil.example"}) == 403
    assert status("/", {"Host": f"evil.example:{url.rsplit(':', 1)[1]}"}) == 403
    assert status("/", {"Host": f"localhost:{url.rsplit(':', 1)[1]}"}) == 200
    assert server.process.poll() is None, server.output()


def test_every_interface_warns_in_one_line(gd_tui: Path, tmp_path: Path) -> None:
    running = Server(gd_tui, "--host", "0.0.0.0", "--port", str(free_port()), cwd=tmp_path)
    try:
        running.wait_for_url()
        warning = one_line(running.err_path.read_bytes())
        assert warning.startswith("gd-tui: warning: --host 0.0.0.0 lets anyone"), warning
        assert "forward the port over SSH" in warning, warning
        os.killpg(running.process.pid, signal.SIGTERM)
        assert running.process.wait(timeout=CLI_TIMEOUT) == 143
    finally:
        running.stop()


@pytest.mark.parametrize(
    ("argv", "rest"),
    [
        (["--serve"], []),
        (["--serve", "--port", "9000", "--host", "0.0.0.0", "--lr", "0.002"], ["--lr", "0.002"]),
        (["--port=9000", "--bias", "--host=::1", "--serve"], ["--bias"]),
        # argparse takes unambiguous prefixes: they are the server's flags too.
        (["--ser", "--po", "9000", "--ho", "127.0.0.1", "--iter", "5"], ["--iter", "5"]),
        (["--data", "my data.txt", "--serve", "--low-bandwidth"], ["--data", "my data.txt", "--low-bandwidth"]),
    ],
)
def test_each_tab_runs_this_gd_tui_without_the_server_flags(argv: list[str], rest: list[str]) -> None:
    assert shlex.split(served_command(argv)) == [sys.executable, "-m", "tui", *rest]


def _tab(driver: str) -> subprocess.Popen[bytes]:
    """gd-tui as textual-serve starts it for a tab: pipes, not a terminal, and TEXTUAL_DRIVER set."""
    env = {**cli_env(), "TEXTUAL_DRIVER": driver, "COLUMNS": "100", "ROWS": "30"}
    return subprocess.Popen(
        [sys.executable, "-m", "tui"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )


def test_under_the_web_driver_the_dashboard_starts_without_a_terminal() -> None:
    tab = _tab(WEB_DRIVER)
    try:
        assert tab.stdout is not None and tab.stdin is not None
        seen = b""
        end = time.monotonic() + CLI_TIMEOUT
        # Until the form is drawn (in the web driver's packets), then quit as textual-serve does.
        while b"iterations" not in seen and time.monotonic() < end:
            if select.select([tab.stdout], [], [], 0.5)[0]:
                chunk = os.read(tab.stdout.fileno(), 65536)
                if not chunk:
                    break
                seen += chunk
        # Textual's web driver announces itself to textual-serve first, then draws.
        assert seen.startswith(b"__GANGLION__\n"), seen[:200]
        assert b"iterations" in seen, seen[-500:]
        quit_packet = json.dumps({"type": "quit"}).encode()
        tab.stdin.write(b"M" + len(quit_packet).to_bytes(4, "big") + quit_packet)
        tab.stdin.flush()
        _, stderr = tab.communicate(timeout=CLI_TIMEOUT)
        assert tab.returncode == 0, stderr.decode()
        assert stderr == b"", stderr.decode()
    finally:
        if tab.poll() is None:
            tab.kill()
            tab.wait()


def test_any_other_driver_still_needs_a_terminal() -> None:
    tab = _tab("textual.drivers.linux_driver:LinuxDriver")
    stdout, stderr = tab.communicate(timeout=CLI_TIMEOUT)
    line = usage_error(subprocess.CompletedProcess(tab.args, tab.returncode, stdout, stderr))
    assert "the dashboard needs a terminal" in line, line
