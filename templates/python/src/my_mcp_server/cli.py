"""The `my-mcp-server` command: parse options, set up logging, serve over stdio or HTTP."""

import argparse
import logging
import os
import signal
import sys
from types import FrameType

from .http_app import DEFAULT_HOST, DEFAULT_PORT, MCP_PATH, run_http
from .server import mcp

# The transport used when neither --transport nor MCP_TRANSPORT says otherwise.
DEFAULT_TRANSPORT = "stdio"


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `my-mcp-server` script and of `python -m`."""
    parser = argparse.ArgumentParser(prog=mcp.name, description="Weather MCP server (Open-Meteo).")
    parser.add_argument(
        "--transport",
        choices=("stdio", "http"),
        default=os.environ.get("MCP_TRANSPORT", "").strip() or DEFAULT_TRANSPORT,
        help=f"stdio or http (Streamable HTTP at {MCP_PATH}); default {DEFAULT_TRANSPORT}. Env: MCP_TRANSPORT",
    )
    parser.add_argument(
        "--host",
        default=os.environ.get("MCP_HOST", "").strip() or DEFAULT_HOST,
        help=f"HTTP bind address (default {DEFAULT_HOST}). Env: MCP_HOST",
    )
    parser.add_argument(
        "--port", type=int, default=None, help=f"HTTP port (default {DEFAULT_PORT}). Env: MCP_PORT"
    )
    args = parser.parse_args(argv)
    if args.transport not in ("stdio", "http"):
        parser.error(f"invalid transport {args.transport!r} (from MCP_TRANSPORT); choose stdio or http")
    port = args.port if args.port is not None else _env_port()

    # Logs go to stderr only: in stdio mode stdout carries the protocol.
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
        force=True,
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)  # don't log every upstream request

    if args.transport == "http":
        run_http(args.host, port, os.environ.get("MCP_AUTH_TOKEN", "").strip() or None)
    else:
        run_stdio()


def run_stdio() -> None:
    """Serve over stdin/stdout until the client closes stdin or the user presses Ctrl-C."""
    # The SDK reads stdin in a worker thread that returns only when a line arrives, and
    # Python waits for that thread on the way out: Ctrl-C would hang until Enter and a
    # second Ctrl-C would print a traceback. There is nothing to clean up, so leave at once.
    signal.signal(signal.SIGINT, _exit_on_interrupt)
    mcp.run("stdio")


def _exit_on_interrupt(signum: int, frame: FrameType | None) -> None:
    os._exit(128 + signal.SIGINT)


def _env_port() -> int:
    raw = os.environ.get("MCP_PORT", "").strip()
    if not raw:
        return DEFAULT_PORT
    try:
        return int(raw)
    except ValueError:
        sys.exit(f"error: MCP_PORT must be an integer, got {raw!r}")
