"""Tests for the weather MCP server.

The MCP client talks to the server object in-process (no subprocess), once per
protocol era: "legacy" (2025-era `initialize` handshake) and "2026-07-28"
(`server/discover` era, per-request `_meta`). Tool calls hit a local fake of the
Open-Meteo API (a real HTTP server on 127.0.0.1), so the real request building,
HTTP round-trip and response parsing are exercised.
"""

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from mcp import Client
from starlette.testclient import TestClient

from my_mcp_server import __version__, http_app, weather
from my_mcp_server.server import mcp

ERAS = ["legacy", "2026-07-28"]

CURRENT_RESPONSE = {
    "latitude": 52.52,
    "longitude": 13.419998,
    "timezone": "Europe/Berlin",
    "current": {
        "time": "2026-11-24T14:15",
        "interval": 900,
        "temperature_2m": 6.3,
        "relative_humidity_2m": 81,
        "apparent_temperature": 3.1,
        "precipitation": 0.2,
        "weather_code": 61,
        "wind_speed_10m": 14.8,
    },
}


def daily_response(days: int) -> dict[str, Any]:
    codes = [0, 3, 63, 95, 45]
    return {
        "latitude": 52.52,
        "longitude": 13.419998,
        "daily": {
            "time": [f"2026-11-{24 + i:02d}" for i in range(days)],
            "weather_code": [codes[i % len(codes)] for i in range(days)],
            "temperature_2m_max": [8.0 + i for i in range(days)],
            "temperature_2m_min": [1.5 + i for i in range(days)],
            "precipitation_sum": [0.0 + i for i in range(days)],
            "precipitation_probability_max": [10 * i if i else None for i in range(days)],
            "wind_speed_10m_max": [20.5 + i for i in range(days)],
        },
    }


class FakeOpenMeteo:
    """A local stand-in for the Open-Meteo forecast endpoint.

    Records every request; answers like Open-Meteo unless `status`, `raw_body`
    or `delay` say otherwise.
    """

    def __init__(self) -> None:
        self.requests: list[str] = []  # raw request targets (path + query)
        self.status = 200
        self.raw_body: bytes | None = None
        self.delay = 0.0

    def respond(self, target: str) -> tuple[int, bytes]:
        self.requests.append(target)
        if self.delay:
            time.sleep(self.delay)
        if self.raw_body is not None:
            return self.status, self.raw_body
        query = parse_qs(urlsplit(target).query)
        if "current" in query:
            body: Any = CURRENT_RESPONSE
        elif "daily" in query:
            body = daily_response(int(query["forecast_days"][0]))
        else:
            body = {"error": True, "reason": "No data requested"}
        return self.status, json.dumps(body).encode()

    @property
    def last_query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.requests[-1]).query)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def fake_api(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOpenMeteo]:
    fake = FakeOpenMeteo()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, body = fake.respond(self.path)
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except OSError:  # the client gave up (timeout test)
                pass

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    monkeypatch.setenv("WEATHER_API_BASE_URL", f"http://127.0.0.1:{httpd.server_address[1]}/v1")
    monkeypatch.setenv("WEATHER_TIMEOUT_SECONDS", "5")
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    try:
        yield fake
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(params=ERAS)
async def client(request: pytest.FixtureRequest) -> Any:
    async with Client(mcp, mode=request.param) as mcp_client:
        yield mcp_client


async def call(client: Client, name: str, arguments: dict[str, Any]) -> Any:
    """Call a tool; the result carries is_error / content / structured_content."""
    return await client.call_tool(name, arguments)


def error_text(result: Any) -> str:
    assert result.is_error, f"expected a tool error, got {result}"
    return " ".join(block.text for block in result.content if getattr(block, "type", None) == "text")


# --- discovery -------------------------------------------------------------


async def test_negotiates_requested_era(client: Client) -> None:
    expected = "2026-07-28" if client.mode == "2026-07-28" else "2025-11-25"
    assert client.protocol_version == expected


async def test_reports_the_project_version() -> None:
    # The version in pyproject.toml, read from the installed package's metadata.
    async with Client(mcp, mode="legacy") as legacy:  # the legacy handshake always has serverInfo
        assert legacy.server_info is not None
        assert legacy.server_info.version == __version__
    assert __version__ not in ("", "0+unknown")


async def test_lists_tools_with_schemas(client: Client) -> None:
    tools = {tool.name: tool for tool in (await client.list_tools()).tools}
    assert set(tools) >= {"get_weather", "get_forecast"}

    weather = tools["get_weather"]
    assert weather.description and "current weather" in weather.description.lower()
    props = weather.input_schema["properties"]
    assert set(weather.input_schema["required"]) == {"latitude", "longitude"}
    assert props["latitude"]["type"] == "number"
    assert (props["latitude"]["minimum"], props["latitude"]["maximum"]) == (-90, 90)
    assert (props["longitude"]["minimum"], props["longitude"]["maximum"]) == (-180, 180)
    assert props["latitude"]["description"]
    assert weather.output_schema is not None
    assert set(weather.output_schema["properties"]) == {
        "latitude",
        "longitude",
        "time",
        "temperature_c",
        "apparent_temperature_c",
        "humidity_percent",
        "precipitation_mm",
        "wind_speed_kmh",
        "conditions",
    }

    forecast = tools["get_forecast"]
    days = forecast.input_schema["properties"]["days"]
    assert days["type"] == "integer"
    assert (days["minimum"], days["maximum"], days["default"]) == (1, 16, 3)
    assert set(forecast.input_schema["required"]) == {"latitude", "longitude"}
    assert forecast.output_schema is not None
    assert set(forecast.output_schema["properties"]) == {"latitude", "longitude", "days"}


# --- get_weather -----------------------------------------------------------


async def test_get_weather(client: Client, fake_api: FakeOpenMeteo) -> None:
    result = await call(client, "get_weather", {"latitude": 52.52, "longitude": 13.41})

    assert not result.is_error, result
    assert result.structured_content == {
        "latitude": 52.52,
        "longitude": 13.41,
        "time": "2026-11-24T14:15",
        "temperature_c": 6.3,
        "apparent_temperature_c": 3.1,
        "humidity_percent": 81.0,
        "precipitation_mm": 0.2,
        "wind_speed_kmh": 14.8,
        "conditions": "Slight rain",
    }
    # The exact upstream request.
    assert len(fake_api.requests) == 1
    target = fake_api.requests[0]
    assert urlsplit(target).path == "/v1/forecast"
    assert (
        urlsplit(target).query == "latitude=52.52&longitude=13.41&current=temperature_2m,relative_humidity_2m,"
        "apparent_temperature,precipitation,weather_code,wind_speed_10m&timezone=auto"
    )


async def test_get_weather_rejects_out_of_range_coordinates(client: Client, fake_api: FakeOpenMeteo) -> None:
    result = await call(client, "get_weather", {"latitude": 123, "longitude": 13.41})
    assert "latitude" in error_text(result)
    assert fake_api.requests == []


# --- get_forecast ----------------------------------------------------------


async def test_get_forecast(client: Client, fake_api: FakeOpenMeteo) -> None:
    result = await call(client, "get_forecast", {"latitude": -33.87, "longitude": 151.21, "days": 2})

    assert not result.is_error, result
    assert result.structured_content == {
        "latitude": -33.87,
        "longitude": 151.21,
        "days": [
            {
                "date": "2026-11-24",
                "conditions": "Clear sky",
                "temperature_max_c": 8.0,
                "temperature_min_c": 1.5,
                "precipitation_mm": 0.0,
                "precipitation_probability_percent": None,
                "wind_speed_max_kmh": 20.5,
            },
            {
                "date": "2026-11-25",
                "conditions": "Overcast",
                "temperature_max_c": 9.0,
                "temperature_min_c": 2.5,
                "precipitation_mm": 1.0,
                "precipitation_probability_percent": 10.0,
                "wind_speed_max_kmh": 21.5,
            },
        ],
    }
    assert urlsplit(fake_api.requests[0]).path == "/v1/forecast"
    assert fake_api.last_query == {
        "latitude": ["-33.87"],
        "longitude": ["151.21"],
        "daily": [
            "weather_code,temperature_2m_max,temperature_2m_min,precipitation_sum,"
            "precipitation_probability_max,wind_speed_10m_max"
        ],
        "forecast_days": ["2"],
        "timezone": ["auto"],
    }


async def test_get_forecast_defaults_to_three_days(client: Client, fake_api: FakeOpenMeteo) -> None:
    result = await call(client, "get_forecast", {"latitude": 48.85, "longitude": 2.35})
    assert not result.is_error, result
    assert fake_api.last_query["forecast_days"] == ["3"]
    assert [day["date"] for day in result.structured_content["days"]] == ["2026-11-24", "2026-11-25", "2026-11-26"]
    assert result.structured_content["days"][2]["conditions"] == "Moderate rain"


@pytest.mark.parametrize("days", [0, 17])
async def test_get_forecast_rejects_bad_day_count(client: Client, fake_api: FakeOpenMeteo, days: int) -> None:
    result = await call(client, "get_forecast", {"latitude": 48.85, "longitude": 2.35, "days": days})
    assert "days" in error_text(result)
    assert fake_api.requests == []


# --- upstream failures become tool errors ----------------------------------


async def test_upstream_http_error(client: Client, fake_api: FakeOpenMeteo) -> None:
    fake_api.status = 400
    fake_api.raw_body = json.dumps({"error": True, "reason": "Latitude must be in range"}).encode()
    result = await call(client, "get_forecast", {"latitude": 1, "longitude": 2})
    text = error_text(result)
    assert "HTTP 400" in text and "Latitude must be in range" in text
    assert f"{weather.api_base_url()}/forecast" in text


async def test_upstream_server_error(client: Client, fake_api: FakeOpenMeteo) -> None:
    fake_api.status = 503
    fake_api.raw_body = b"<html>Service Unavailable</html>"
    result = await call(client, "get_weather", {"latitude": 1, "longitude": 2})
    assert "HTTP 503" in error_text(result)


async def test_upstream_timeout(
    client: Client, fake_api: FakeOpenMeteo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEATHER_TIMEOUT_SECONDS", "0.2")
    fake_api.delay = 1.0
    result = await call(client, "get_weather", {"latitude": 1, "longitude": 2})
    assert "did not respond within 0.2 seconds" in error_text(result)


@pytest.mark.parametrize(
    "body",
    [
        b"this is not json",
        b"[]",
        json.dumps({"current": {"time": "2026-11-24T14:15"}}).encode(),
        json.dumps({"daily": {"time": ["2026-11-24"], "weather_code": []}}).encode(),
    ],
    ids=["not-json", "not-object", "missing-current-fields", "ragged-daily-arrays"],
)
async def test_malformed_upstream_response(client: Client, fake_api: FakeOpenMeteo, body: bytes) -> None:
    fake_api.raw_body = body
    weather = await call(client, "get_weather", {"latitude": 1, "longitude": 2})
    forecast = await call(client, "get_forecast", {"latitude": 1, "longitude": 2})
    assert "weather service" in error_text(weather)
    assert "weather service" in error_text(forecast)


def closed_port() -> int:
    """A local port that nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_upstream_unreachable(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    base = f"http://127.0.0.1:{closed_port()}/v1"
    monkeypatch.setenv("WEATHER_API_BASE_URL", base)
    result = await call(client, "get_weather", {"latitude": 1, "longitude": 2})
    assert f"Could not reach {base}/forecast: connection refused." in error_text(result)


# --- resource and prompt ----------------------------------------------------


async def test_weather_codes_resource(client: Client) -> None:
    listed = {str(r.uri): r for r in (await client.list_resources()).resources}
    assert listed["weather://codes"].mime_type == "application/json"

    result = await client.read_resource("weather://codes")
    [content] = result.contents
    assert content.mime_type == "application/json"
    table = json.loads(content.text)
    assert table["0"] == "Clear sky"
    assert table["95"] == "Thunderstorm"
    assert len(table) == len(weather.WMO_WEATHER_CODES)


async def test_forecast_briefing_prompt(client: Client) -> None:
    [prompt] = [p for p in (await client.list_prompts()).prompts if p.name == "forecast_briefing"]
    args = {a.name: a.required for a in prompt.arguments or []}
    assert args == {"location": True, "activity": False}

    result = await client.get_prompt("forecast_briefing", {"location": "Lisbon", "activity": "surfing"})
    [message] = result.messages
    assert message.role == "user"
    assert "Lisbon" in message.content.text
    assert "surfing" in message.content.text
    assert "get_forecast" in message.content.text

    plain = await client.get_prompt("forecast_briefing", {"location": "Oslo"})
    assert "Oslo" in plain.messages[0].content.text
    assert "planning" not in plain.messages[0].content.text


# --- HTTP transport: bearer token --------------------------------------------

TOKEN = "s3cret-token"
MCP_HEADERS = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}
INITIALIZE = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {
        "protocolVersion": "2025-11-25",
        "capabilities": {},
        "clientInfo": {"name": "pytest", "version": "0"},
    },
}


@pytest.fixture
def http_client() -> Iterator[TestClient]:
    app = http_app.create_http_app(auth_token=TOKEN)
    with TestClient(app, base_url="http://127.0.0.1:8000") as test_client:
        yield test_client


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer wrong-token", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer"],
    ids=["missing", "wrong", "wrong-scheme", "prefix-match", "empty"],
)
def test_http_rejects_missing_or_bad_token(http_client: TestClient, authorization: str | None) -> None:
    headers = dict(MCP_HEADERS)
    if authorization is not None:
        headers["Authorization"] = authorization
    response = http_client.post("/mcp", json=INITIALIZE, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_http_accepts_valid_token(http_client: TestClient) -> None:
    response = http_client.post(
        "/mcp", json=INITIALIZE, headers={**MCP_HEADERS, "Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 200, response.text
    assert mcp.name in response.text  # serverInfo.name in the initialize result


@pytest.mark.parametrize(
    "path",
    [
        "/.well-known/oauth-protected-resource",
        "/.well-known/oauth-protected-resource/mcp",
        "/.well-known/oauth-authorization-server",
        "/.well-known/oauth-authorization-server/mcp",
        "/.well-known/openid-configuration",
        "/.well-known/openid-configuration/mcp",
        "/register",
    ],
)
def test_http_oauth_discovery_is_not_found(http_client: TestClient, path: str) -> None:
    # 404, not 401: a 401 here sends OAuth clients into dynamic client registration.
    method = http_client.post if path == "/register" else http_client.get
    response = method(path)
    assert response.status_code == 404
    assert "www-authenticate" not in response.headers


def test_http_other_paths_still_need_the_token(http_client: TestClient) -> None:
    assert http_client.get("/.well-known/other").status_code == 401
    assert http_client.get("/registered").status_code == 401


def test_http_without_token_configured_is_open() -> None:
    app = http_app.create_http_app(auth_token=None)
    with TestClient(app, base_url="http://127.0.0.1:8000") as test_client:
        response = test_client.post("/mcp", json=INITIALIZE, headers=MCP_HEADERS)
    assert response.status_code == 200, response.text
