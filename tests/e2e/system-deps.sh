#!/bin/sh
# The end-to-end tests' programs from Debian's packages: an OpenSSH server and
# client (tests/e2e/test_ssh.py) and Chromium with its driver (the browser
# test). `make test` runs this first. Installing needs root and apt-get (as on
# CI); anywhere else it says what is missing and the tests that need it skip,
# saying why.
set -u
missing=""
command -v sshd >/dev/null 2>&1 || [ -x /usr/sbin/sshd ] || missing="$missing openssh-server"
command -v ssh >/dev/null 2>&1 && command -v ssh-keygen >/dev/null 2>&1 || missing="$missing openssh-client"
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v chromedriver >/dev/null 2>&1 || missing="$missing chromium-driver"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "system-deps: not installing$missing (needs root and apt-get); the SSH and browser tests will skip" >&2
    exit 0
fi
echo "system-deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq $missing; } >/tmp/gd-tui-system-deps.log 2>&1; then
    echo "system-deps: apt-get could not install$missing (see /tmp/gd-tui-system-deps.log); the tests that need them will skip" >&2
fi
exit 0
