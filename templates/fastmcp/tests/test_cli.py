"""The `my-mcp-server` command, run as a real process."""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent

INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "pytest", "version": "0"}},
}


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_stops_the_stdio_server_at_once() -> None:
    env = {**os.environ, "PYTHONPATH": str(PROJECT / "src")}
    process = subprocess.Popen(
        [sys.executable, "-m", "my_mcp_server", "--transport", "stdio"],
        stdin=subprocess.PIPE,  # kept open: the server is waiting for the next message
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C would see it
    )
    try:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(json.dumps(INITIALIZE).encode() + b"\n")
        process.stdin.flush()
        answer = json.loads(process.stdout.readline())  # the server is up and reading stdin
        assert answer["id"] == 1 and "serverInfo" in answer["result"]

        os.killpg(process.pid, signal.SIGINT)
        # Generous bound for a slow machine; before the fix it waited for input forever.
        returncode = process.wait(timeout=20)
        stderr = process.stderr.read().decode() if process.stderr else ""
        assert returncode in (0, 130), stderr
        assert "Traceback" not in stderr
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
