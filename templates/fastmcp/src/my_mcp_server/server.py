"""The MCP server: its tools, resource and prompt. This is the file to edit.

- A tool is an `async def` decorated with `@mcp.tool`: its type hints become the input
  schema, its docstring the description the model reads, and a pydantic return type the
  output schema (clients get `structuredContent`).
- Raise `ToolError` with a message the model can act on; it reaches the client as a tool
  error, not a crash.

The rest of the package is plumbing you rarely need to touch: `weather.py` (Open-Meteo
client and result types), `http_app.py` (Streamable HTTP and the bearer token) and
`cli.py` (the `my-mcp-server` command).
"""

import json
from typing import Annotated

from fastmcp import FastMCP
from fastmcp.exceptions import ToolError
from pydantic import Field

from . import __version__, weather
from .weather import CurrentWeather, Forecast, WeatherApiError

mcp = FastMCP(
    "my-mcp-server",
    version=__version__,
    instructions=(
        "Weather tools backed by Open-Meteo. Use get_weather for current conditions "
        "and get_forecast for a daily forecast (1-16 days). Both take decimal "
        "latitude/longitude; convert place names to coordinates first."
    ),
)

Latitude = Annotated[float, Field(ge=-90, le=90, description="Latitude in decimal degrees (-90 to 90), e.g. 52.52")]
Longitude = Annotated[
    float, Field(ge=-180, le=180, description="Longitude in decimal degrees (-180 to 180), e.g. 13.41")
]
ForecastDays = Annotated[int, Field(ge=1, le=16, description="Number of days to forecast, starting today (1-16)")]


# ---------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------


@mcp.tool(title="Current weather")
async def get_weather(latitude: Latitude, longitude: Longitude) -> CurrentWeather:
    """Get the current weather conditions at a location.

    Use this when the user asks what the weather is like right now (temperature,
    feels-like temperature, humidity, precipitation, wind, conditions). Pass the
    location as decimal latitude/longitude; if the user gave a place name, use the
    coordinates you know for it. For future days use get_forecast instead.
    Units: °C, %, mm, km/h. Times are local to the location.
    """
    try:
        return await weather.current_weather(latitude, longitude)
    except WeatherApiError as exc:
        raise ToolError(str(exc)) from exc


@mcp.tool(title="Daily forecast")
async def get_forecast(latitude: Latitude, longitude: Longitude, days: ForecastDays = 3) -> Forecast:
    """Get a daily weather forecast (1-16 days, starting today) for a location.

    Use this for questions about upcoming weather: planning trips or outdoor
    activities, "will it rain tomorrow", weekend outlooks. Each day has conditions,
    min/max temperature, precipitation total and probability, and maximum wind.
    Pass decimal latitude/longitude and only as many days as needed (default 3).
    Units: °C, mm, %, km/h. Dates are local to the location.
    """
    try:
        return await weather.daily_forecast(latitude, longitude, days)
    except WeatherApiError as exc:
        raise ToolError(str(exc)) from exc


# ---------------------------------------------------------------------------
# Resources
# ---------------------------------------------------------------------------


@mcp.resource(
    "weather://codes",
    name="weather_codes",
    title="WMO weather codes",
    description="Table mapping WMO weather interpretation codes to descriptions.",
    mime_type="application/json",
)
def weather_codes() -> str:
    """The WMO weather-code table the tools use for `conditions`, as JSON."""
    return json.dumps({str(code): text for code, text in weather.WMO_WEATHER_CODES.items()}, indent=2)


# ---------------------------------------------------------------------------
# Prompts
# ---------------------------------------------------------------------------


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
