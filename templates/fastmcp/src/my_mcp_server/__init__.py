"""my-mcp-server: an MCP server with weather tools backed by the Open-Meteo API (FastMCP)."""

from importlib.metadata import PackageNotFoundError, version

try:
    # The version in pyproject.toml, as installed (`uv sync`, `pip install -e .`).
    __version__ = version("my-mcp-server")
except PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "0+unknown"
