"""`flowgrad run SCRIPT` for the script tests, without paying flowgrad's import per script.

The script tests (tests/*_scripts/) run each script under `flowgrad run` in its own process
and compare what it prints with TF 1.14's. A fresh interpreter spends about 1.5 s of CPU
importing NumPy and flowgrad before the script starts, over 200 times in the suite. Here
one server process (tests/_fork_server.py) imports flowgrad.cli once; each script then runs
in a process forked from it, through the same `flowgrad.cli.main(["run", ...])` the console
script calls, with its own stdout, stderr and exit status: the script sees a process no
other script ran in, as under `python -m flowgrad.cli run SCRIPT`.

What a fresh interpreter checks beyond that (the console script's start-up, imports
without optional packages) stays in tests/test_cli.py, which keeps `flowgrad_cmd`.
The child gets the caller's environment; when it changed since the server started (a
test's monkeypatch; pytest's own PYTEST_CURRENT_TEST aside) a new server starts, as
flowgrad reads some variables at import. Where fork is missing, `run` runs a fresh
interpreter.
"""
from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
import tempfile

_SERVER_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_fork_server.py")
_server = None          # (Popen, the environment it started with)
_PER_TEST = "PYTEST_CURRENT_TEST"     # pytest sets it for each test


def _environ():
    env = dict(os.environ)
    env.pop(_PER_TEST, None)
    return env


def _fresh(args, cwd):
    return subprocess.run([sys.executable, "-m", "flowgrad.cli", *args], cwd=cwd,
                          check=False, capture_output=True, text=True)


def _stop():
    global _server
    if _server is not None:
        proc = _server[0]
        _server = None
        proc.stdin.close()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


atexit.register(_stop)


def _get_server():
    global _server
    if _server is not None and (_server[0].poll() is not None or _server[1] != _environ()):
        _stop()
    if _server is None:
        proc = subprocess.Popen([sys.executable, _SERVER_PATH], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True)
        if proc.stdout.readline().strip() != "ready":
            proc.wait()
            return None
        _server = (proc, _environ())
    return _server[0]


def run(*args, cwd=None):
    """`flowgrad ARGS` (a `run` command) as subprocess.run(..., capture_output=True,
    text=True) returns it: returncode, stdout, stderr."""
    cwd = os.path.abspath(cwd or os.getcwd())
    if not hasattr(os, "fork") or args[:1] != ("run",):
        return _fresh(args, cwd)
    proc = _get_server()
    if proc is None:
        return _fresh(args, cwd)
    with tempfile.TemporaryDirectory() as d:
        out, err = os.path.join(d, "stdout"), os.path.join(d, "stderr")
        proc.stdin.write(json.dumps({"args": list(args), "cwd": cwd, "stdout": out,
                                     "stderr": err, "env": dict(os.environ)}) + "\n")
        proc.stdin.flush()
        reply = proc.stdout.readline()
        if not reply:
            raise RuntimeError("the script server (tests/_fork_server.py) stopped")
        rc = json.loads(reply)["rc"]
        with open(out, encoding="utf-8", errors="replace") as f:
            stdout = f.read()
        with open(err, encoding="utf-8", errors="replace") as f:
            stderr = f.read()
    return subprocess.CompletedProcess([sys.executable, "-m", "flowgrad.cli", *args], rc,
                                       stdout, stderr)
