"""A throwaway OpenSSH server on 127.0.0.1, for the SSH end-to-end test: its own host key, one client key, keys only.

Nothing of the machine's own SSH set-up is used or changed: the keys, the
configuration, the pid file and the log all live in the test's tmp_path
(only /run/sshd, the privilege-separation directory sshd insists on when run
as root, is created if missing).
"""

from __future__ import annotations

import getpass
import os
import shutil
import subprocess
from pathlib import Path

from support.net import free_port, wait_until

__all__ = ["Sshd", "missing_openssh"]

#: Where Debian installs the server; not on a non-root user's PATH.
SSHD_CANDIDATES = ("/usr/sbin/sshd", "/usr/local/sbin/sshd")
#: Generous: sshd starts in well under a second, but the machine may be busy.
START_DEADLINE = 20.0


def _sshd_path() -> str | None:
    # sshd re-executes itself and refuses to run unless started by an absolute path.
    found = shutil.which("sshd")
    return found or next((path for path in SSHD_CANDIDATES if os.access(path, os.X_OK)), None)


def missing_openssh() -> str | None:
    """Why the SSH test cannot run here (the programs missing), or None when it can."""
    missing = [name for name, path in (("sshd", _sshd_path()), ("ssh", shutil.which("ssh"))) if path is None]
    if shutil.which("ssh-keygen") is None:
        missing.append("ssh-keygen")
    if not missing:
        return None
    return (
        f"{', '.join(missing)} not found (Debian's openssh-server and openssh-client); "
        "`make test` installs them as root via tests/e2e/system-deps.sh"
    )


def _keygen(path: Path) -> None:
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "gd-tui-test", "-f", str(path)],
        check=True,
        capture_output=True,
        timeout=30,
    )


class Sshd:
    """``sshd -D -e`` on 127.0.0.1:``port``, letting in one key (``client_key``) for the current user."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = free_port()
        self.user = getpass.getuser()
        self.host_key = root / "host_ed25519"
        self.client_key = root / "client_ed25519"
        self.log_path = root / "sshd.log"
        _keygen(self.host_key)
        _keygen(self.client_key)
        authorized = root / "authorized_keys"
        authorized.write_text(Path(f"{self.client_key}.pub").read_text())
        authorized.chmod(0o600)
        self.config = root / "sshd_config"
        self.config.write_text(
            "\n".join(
                [
                    f"Port {self.port}",
                    "ListenAddress 127.0.0.1",
                    f"HostKey {self.host_key}",
                    f"PidFile {root / 'sshd.pid'}",
                    f"AuthorizedKeysFile {authorized}",
                    # Keys only: no password, no PAM, nothing interactive.
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "UsePAM no",
                    # tmp_path's modes are not sshd's business (they are the test's).
                    "StrictModes no",
                    # CI runs the suite as root.
                    "PermitRootLogin prohibit-password",
                    f"AllowUsers {self.user}",
                    "X11Forwarding no",
                    "AllowTcpForwarding no",
                    "PrintMotd no",
                    "PrintLastLog no",
                    # VERBOSE logs the connection closing, which the test reads.
                    "LogLevel VERBOSE",
                    "",
                ]
            )
        )
        if os.geteuid() == 0:
            Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
        path = _sshd_path()
        assert path is not None, missing_openssh()
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [path, "-D", "-e", "-f", str(self.config)], stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log
        )
        listening = f"Server listening on 127.0.0.1 port {self.port}"
        if not wait_until(lambda: listening in self.log() or self.process.poll() is not None, START_DEADLINE):
            self.stop()
            raise AssertionError(f"sshd did not start within {START_DEADLINE:.0f} s:\n{self.log()}")
        if self.process.poll() is not None:
            self.stop()
            raise AssertionError(f"sshd exited with {self.process.returncode}:\n{self.log()}")

    def log(self) -> str:
        """What sshd has logged so far (-e: its log goes to stderr, here a file)."""
        return self.log_path.read_text(errors="replace")

    def ssh_args(self, *command: str) -> list[str]:
        """Arguments for ``ssh`` to run ``command`` here, in a pty (-tt), with the client key and nothing else."""
        return [
            "-tt",
            "-i",
            str(self.client_key),
            "-F",
            "/dev/null",  # none of the user's ~/.ssh/config
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "BatchMode=yes",
            "-o",
            "LogLevel=ERROR",  # no "Permanently added ... to the list of known hosts" on the screen
            "-p",
            str(self.port),
            "-l",
            self.user,
            "127.0.0.1",
            *command,
        ]

    def stop(self) -> None:
        """Stop sshd (and, with it, any session still open) and close its log."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log.close()
