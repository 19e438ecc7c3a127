"""Streamable HTTP serving at /mcp, guarded by a bearer token when MCP_AUTH_TOKEN is set."""

import hmac
import logging
import sys
from typing import Any

import uvicorn
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from .server import mcp

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
MCP_PATH = "/mcp"

# Where OAuth clients look for an authorization server. This server has none (it takes a
# static bearer token), so these answer 404 even without a token: a 401 here makes clients
# start dynamic client registration and fail with a confusing "Registration failed: 401".
OAUTH_DISCOVERY_PREFIXES = (
    "/.well-known/oauth-protected-resource",
    "/.well-known/oauth-authorization-server",
    "/.well-known/openid-configuration",
)
OAUTH_REGISTRATION_PATH = "/register"

logger = logging.getLogger(__name__)


def is_oauth_discovery_path(path: str) -> bool:
    """True for the OAuth metadata and registration paths (with or without a path suffix)."""
    if path == OAUTH_REGISTRATION_PATH:
        return True
    return any(path == prefix or path.startswith(prefix + "/") for prefix in OAUTH_DISCOVERY_PREFIXES)


class BearerTokenMiddleware:
    """ASGI middleware: every HTTP request must carry `Authorization: Bearer <token>`."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        if not token:
            raise ValueError("token must be non-empty")
        self.app = app
        self._token = token.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # lifespan events pass through
            await self.app(scope, receive, send)
            return
        if is_oauth_discovery_path(scope.get("path", "")):
            response = JSONResponse(
                {"error": "not_found", "error_description": "This server does not use OAuth"}, status_code=404
            )
            await response(scope, receive, send)
            return
        header = b""
        for name, value in scope.get("headers", []):
            if name.lower() == b"authorization":
                header = value
                break
        scheme, _, credentials = header.partition(b" ")
        if scheme.lower() == b"bearer" and hmac.compare_digest(credentials.strip(), self._token):
            await self.app(scope, receive, send)
            return
        challenge = 'Bearer error="invalid_token"' if header else "Bearer"
        response = JSONResponse(
            {"error": "unauthorized", "error_description": "Missing or invalid bearer token"},
            status_code=401,
            headers={"WWW-Authenticate": challenge},
        )
        await response(scope, receive, send)


def create_http_app(auth_token: str | None = None) -> ASGIApp:
    """The Streamable HTTP app (endpoint at /mcp), guarded by a bearer token if one is given."""
    app: ASGIApp = mcp.http_app(path=MCP_PATH, transport="http")
    if auth_token:
        app = BearerTokenMiddleware(app, auth_token)
    return app


class _ListeningServer(uvicorn.Server):
    """uvicorn server that announces its address on stderr once it accepts connections."""

    async def startup(self, sockets: Any = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            host = self.config.host
            port = self.config.port
            try:
                port = self.servers[0].sockets[0].getsockname()[1]
            except (AttributeError, IndexError):
                pass
            shown = f"[{host}]" if ":" in host else host
            print(f"{mcp.name} listening on http://{shown}:{port}{MCP_PATH}", file=sys.stderr, flush=True)


def run_http(host: str, port: int, auth_token: str | None) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM)."""
    if not auth_token and host not in ("127.0.0.1", "localhost", "::1"):
        logger.warning("MCP_AUTH_TOKEN is not set: the server on %s:%s accepts unauthenticated requests", host, port)
    config = uvicorn.Config(
        create_http_app(auth_token),
        host=host,
        port=port,
        log_config=None,  # use our stderr logging setup; uvicorn's default logs access lines to stdout
        timeout_graceful_shutdown=2,
    )
    _ListeningServer(config).run()
