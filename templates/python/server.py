"""my-mcp-server: an MCP server with weather tools backed by the Open-Meteo API.

Tools:     get_weather, get_forecast
Resource:  weather://codes (WMO weather-code table, JSON)
Prompt:    forecast_briefing

Run `python server.py --help` for the command-line options. Configuration comes
from environment variables only (see .env.example).
"""

import argparse
import hmac
import json
import logging
import os
import sys
from typing import Annotated, Any
from urllib.parse import urlencode

import httpx
import uvicorn
from mcp.server import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from pydantic import BaseModel, Field
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

DEFAULT_TRANSPORT = "stdio"
SERVER_NAME = "my-mcp-server"

DEFAULT_API_BASE_URL = "https://api.open-meteo.com/v1"
DEFAULT_TIMEOUT_SECONDS = 10.0
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
MCP_PATH = "/mcp"

CURRENT_FIELDS = (
    "temperature_2m",
    "relative_humidity_2m",
    "apparent_temperature",
    "precipitation",
    "weather_code",
    "wind_speed_10m",
)
DAILY_FIELDS = (
    "weather_code",
    "temperature_2m_max",
    "temperature_2m_min",
    "precipitation_sum",
    "precipitation_probability_max",
    "wind_speed_10m_max",
)

# WMO weather interpretation codes, as used by Open-Meteo.
WMO_WEATHER_CODES: dict[int, str] = {
    0: "Clear sky",
    1: "Mainly clear",
    2: "Partly cloudy",
    3: "Overcast",
    45: "Fog",
    48: "Depositing rime fog",
    51: "Light drizzle",
    53: "Moderate drizzle",
    55: "Dense drizzle",
    56: "Light freezing drizzle",
    57: "Dense freezing drizzle",
    61: "Slight rain",
    63: "Moderate rain",
    65: "Heavy rain",
    66: "Light freezing rain",
    67: "Heavy freezing rain",
    71: "Slight snowfall",
    73: "Moderate snowfall",
    75: "Heavy snowfall",
    77: "Snow grains",
    80: "Slight rain showers",
    81: "Moderate rain showers",
    82: "Violent rain showers",
    85: "Slight snow showers",
    86: "Heavy snow showers",
    95: "Thunderstorm",
    96: "Thunderstorm with slight hail",
    99: "Thunderstorm with heavy hail",
}

logger = logging.getLogger(__name__)

mcp = MCPServer(
    SERVER_NAME,
    instructions=(
        "Weather tools backed by Open-Meteo. Use get_weather for current conditions "
        "and get_forecast for a daily forecast (1-16 days). Both take decimal "
        "latitude/longitude; convert place names to coordinates first."
    ),
)


# ---------------------------------------------------------------------------
# Result types (typed results give clients structuredContent + outputSchema)
# ---------------------------------------------------------------------------


class CurrentWeather(BaseModel):
    """Current weather conditions at a location."""

    latitude: float = Field(description="Latitude of the requested location")
    longitude: float = Field(description="Longitude of the requested location")
    time: str = Field(description="Observation time (ISO 8601, local time at the location)")
    temperature_c: float = Field(description="Air temperature at 2 m, in °C")
    apparent_temperature_c: float = Field(description="Feels-like temperature, in °C")
    humidity_percent: float = Field(description="Relative humidity at 2 m, in %")
    precipitation_mm: float = Field(description="Precipitation (rain + showers + snow), in mm")
    wind_speed_kmh: float = Field(description="Wind speed at 10 m, in km/h")
    conditions: str = Field(description="Human-readable conditions from the WMO weather code")


class DailyForecast(BaseModel):
    """Forecast for a single day."""

    date: str = Field(description="Date (YYYY-MM-DD, local time at the location)")
    conditions: str = Field(description="Human-readable conditions from the WMO weather code")
    temperature_max_c: float | None = Field(description="Daily maximum temperature, in °C")
    temperature_min_c: float | None = Field(description="Daily minimum temperature, in °C")
    precipitation_mm: float | None = Field(description="Total precipitation, in mm")
    precipitation_probability_percent: float | None = Field(description="Maximum precipitation probability, in %")
    wind_speed_max_kmh: float | None = Field(description="Maximum wind speed at 10 m, in km/h")


class Forecast(BaseModel):
    """Daily forecast for a location."""

    latitude: float = Field(description="Latitude of the requested location")
    longitude: float = Field(description="Longitude of the requested location")
    days: list[DailyForecast] = Field(description="One entry per forecast day, in date order")


# ---------------------------------------------------------------------------
# Open-Meteo client
# ---------------------------------------------------------------------------


class UpstreamResponseError(ValueError):
    """The weather API answered with something we cannot interpret."""


def api_base_url() -> str:
    return os.environ.get("WEATHER_API_BASE_URL", "").strip().rstrip("/") or DEFAULT_API_BASE_URL


def api_timeout_seconds() -> float:
    raw = os.environ.get("WEATHER_TIMEOUT_SECONDS", "").strip()
    if not raw:
        return DEFAULT_TIMEOUT_SECONDS
    try:
        value = float(raw)
    except ValueError:
        logger.warning("Ignoring invalid WEATHER_TIMEOUT_SECONDS=%r", raw)
        return DEFAULT_TIMEOUT_SECONDS
    return value if value > 0 else DEFAULT_TIMEOUT_SECONDS


def describe_weather_code(code: int | None) -> str:
    if code is None:
        return "Unknown"
    return WMO_WEATHER_CODES.get(code, f"Unknown (WMO code {code})")


async def fetch_open_meteo(params: dict[str, Any]) -> dict[str, Any]:
    """GET {base}/forecast with the given query and return the decoded JSON object.

    Raises ToolError with a message the model can act on for every failure mode.
    """
    # Keep commas in the comma-separated field lists literal (as in Open-Meteo's docs).
    url = f"{api_base_url()}/forecast?{urlencode(params, safe=',')}"
    timeout = api_timeout_seconds()
    try:
        async with httpx.AsyncClient(timeout=timeout) as client:
            response = await client.get(url, headers={"Accept": "application/json"})
    except httpx.TimeoutException as exc:
        raise ToolError(f"The weather service did not respond within {timeout:g} seconds. Try again later.") from exc
    except httpx.HTTPError as exc:
        raise ToolError(f"Could not reach the weather service: {exc.__class__.__name__}.") from exc

    if response.status_code != 200:
        reason = ""
        try:
            body = response.json()
            if isinstance(body, dict) and isinstance(body.get("reason"), str):
                reason = f": {body['reason']}"
        except ValueError:
            pass
        raise ToolError(f"The weather service returned HTTP {response.status_code}{reason}")

    try:
        data = response.json()
    except ValueError as exc:
        raise ToolError("The weather service returned a malformed (non-JSON) response.") from exc
    if not isinstance(data, dict):
        raise ToolError("The weather service returned an unexpected response.")
    return data


def _number(section: dict[str, Any], key: str, *, optional: bool = False) -> float | None:
    value = section.get(key)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise UpstreamResponseError(f"field {key!r} is missing or not a number")
    return float(value)


def _code(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise UpstreamResponseError("weather_code is not a number")
    return int(value)


def parse_current(data: dict[str, Any], latitude: float, longitude: float) -> CurrentWeather:
    current = data.get("current")
    if not isinstance(current, dict):
        raise UpstreamResponseError("missing 'current' object")
    time = current.get("time")
    if not isinstance(time, str):
        raise UpstreamResponseError("field 'time' is missing or not a string")
    return CurrentWeather(
        latitude=latitude,
        longitude=longitude,
        time=time,
        temperature_c=_number(current, "temperature_2m"),
        apparent_temperature_c=_number(current, "apparent_temperature"),
        humidity_percent=_number(current, "relative_humidity_2m"),
        precipitation_mm=_number(current, "precipitation"),
        wind_speed_kmh=_number(current, "wind_speed_10m"),
        conditions=describe_weather_code(_code(current.get("weather_code"))),
    )


def parse_forecast(data: dict[str, Any], latitude: float, longitude: float) -> Forecast:
    daily = data.get("daily")
    if not isinstance(daily, dict):
        raise UpstreamResponseError("missing 'daily' object")
    dates = daily.get("time")
    if not isinstance(dates, list) or not all(isinstance(d, str) for d in dates):
        raise UpstreamResponseError("'daily.time' is missing or not a list of dates")
    columns: dict[str, list[Any]] = {}
    for key in DAILY_FIELDS:
        column = daily.get(key)
        if not isinstance(column, list) or len(column) != len(dates):
            raise UpstreamResponseError(f"'daily.{key}' is missing or has the wrong length")
        columns[key] = column

    days = []
    for i, date in enumerate(dates):
        row = {key: columns[key][i] for key in DAILY_FIELDS}
        days.append(
            DailyForecast(
                date=date,
                conditions=describe_weather_code(_code(row["weather_code"])),
                temperature_max_c=_number(row, "temperature_2m_max", optional=True),
                temperature_min_c=_number(row, "temperature_2m_min", optional=True),
                precipitation_mm=_number(row, "precipitation_sum", optional=True),
                precipitation_probability_percent=_number(row, "precipitation_probability_max", optional=True),
                wind_speed_max_kmh=_number(row, "wind_speed_10m_max", optional=True),
            )
        )
    return Forecast(latitude=latitude, longitude=longitude, days=days)


# ---------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------

Latitude = Annotated[float, Field(ge=-90, le=90, description="Latitude in decimal degrees (-90 to 90), e.g. 52.52")]
Longitude = Annotated[
    float, Field(ge=-180, le=180, description="Longitude in decimal degrees (-180 to 180), e.g. 13.41")
]
ForecastDays = Annotated[int, Field(ge=1, le=16, description="Number of days to forecast, starting today (1-16)")]


@mcp.tool(title="Current weather")
async def get_weather(latitude: Latitude, longitude: Longitude) -> CurrentWeather:
    """Get the current weather conditions at a location.

    Use this when the user asks what the weather is like right now (temperature,
    feels-like temperature, humidity, precipitation, wind, conditions). Pass the
    location as decimal latitude/longitude; if the user gave a place name, use the
    coordinates you know for it. For future days use get_forecast instead.
    Units: °C, %, mm, km/h. Times are local to the location.
    """
    data = await fetch_open_meteo(
        {
            "latitude": latitude,
            "longitude": longitude,
            "current": ",".join(CURRENT_FIELDS),
            "timezone": "auto",
        }
    )
    try:
        return parse_current(data, latitude, longitude)
    except UpstreamResponseError as exc:
        raise ToolError(f"The weather service returned an unexpected response ({exc}).") from exc


@mcp.tool(title="Daily forecast")
async def get_forecast(latitude: Latitude, longitude: Longitude, days: ForecastDays = 3) -> Forecast:
    """Get a daily weather forecast (1-16 days, starting today) for a location.

    Use this for questions about upcoming weather: planning trips or outdoor
    activities, "will it rain tomorrow", weekend outlooks. Each day has conditions,
    min/max temperature, precipitation total and probability, and maximum wind.
    Pass decimal latitude/longitude and only as many days as needed (default 3).
    Units: °C, mm, %, km/h. Dates are local to the location.
    """
    data = await fetch_open_meteo(
        {
            "latitude": latitude,
            "longitude": longitude,
            "daily": ",".join(DAILY_FIELDS),
            "forecast_days": days,
            "timezone": "auto",
        }
    )
    try:
        return parse_forecast(data, latitude, longitude)
    except UpstreamResponseError as exc:
        raise ToolError(f"The weather service returned an unexpected response ({exc}).") from exc


# ---------------------------------------------------------------------------
# Resources and prompts
# ---------------------------------------------------------------------------


@mcp.resource(
    "weather://codes",
    name="weather_codes",
    title="WMO weather codes",
    description="Table mapping WMO weather interpretation codes to descriptions.",
    mime_type="application/json",
)
def weather_codes() -> str:
    return json.dumps({str(code): text for code, text in WMO_WEATHER_CODES.items()}, indent=2)


@mcp.prompt(title="Forecast briefing")
def forecast_briefing(
    location: Annotated[str, Field(description="Place to brief on, e.g. 'Berlin, Germany'")],
    activity: Annotated[str, Field(description="Optional planned activity, e.g. 'cycling'")] = "",
) -> str:
    """Ask for a short weather briefing for a place, optionally tailored to an activity."""
    focus = (
        f" I am planning to go {activity.strip()}, so tell me how suitable each day is for that "
        "and the best time window."
        if activity.strip()
        else " Highlight anything notable: rain, strong wind, temperature swings."
    )
    return (
        f"Give me a weather briefing for {location.strip()}. Work out its latitude and longitude, "
        "then call the get_forecast tool for the next 3 days (use get_weather too if current "
        f"conditions matter).{focus} Keep it concise and mention units."
    )


# ---------------------------------------------------------------------------
# HTTP transport: bearer-token guard and server
# ---------------------------------------------------------------------------


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


def create_http_app(auth_token: str | None = None, host: str = DEFAULT_HOST) -> ASGIApp:
    """The Streamable HTTP app (endpoint at /mcp), guarded by a bearer token if one is given."""
    app: ASGIApp = mcp.streamable_http_app(streamable_http_path=MCP_PATH, host=host)
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
            print(f"{SERVER_NAME} listening on http://{shown}:{port}{MCP_PATH}", file=sys.stderr, flush=True)


def run_http(host: str, port: int, auth_token: str | None) -> None:
    if not auth_token and host not in ("127.0.0.1", "localhost", "::1"):
        logger.warning("MCP_AUTH_TOKEN is not set: the server on %s:%s accepts unauthenticated requests", host, port)
    config = uvicorn.Config(
        create_http_app(auth_token, host),
        host=host,
        port=port,
        log_config=None,  # use our stderr logging setup; uvicorn's default logs access lines to stdout
        timeout_graceful_shutdown=2,
    )
    _ListeningServer(config).run()


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------


def _env_port() -> int:
    raw = os.environ.get("MCP_PORT", "").strip()
    if not raw:
        return DEFAULT_PORT
    try:
        return int(raw)
    except ValueError:
        sys.exit(f"error: MCP_PORT must be an integer, got {raw!r}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog=SERVER_NAME, description="Weather MCP server (Open-Meteo).")
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
        mcp.run("stdio")


if __name__ == "__main__":
    main()
