"""A small client for the Open-Meteo forecast API (https://open-meteo.com, no API key).

Every failure (network error, timeout, HTTP error status, malformed body) becomes a
`WeatherApiError` whose message names the URL and the reason, so a model can act on it.
Configuration comes from the environment, read at call time (see .env.example).
"""

import errno
import logging
import os
import socket
from typing import Any
from urllib.parse import urlencode

import httpx
from pydantic import BaseModel, Field

DEFAULT_API_BASE_URL = "https://api.open-meteo.com/v1"
DEFAULT_TIMEOUT_SECONDS = 10.0

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


class WeatherApiError(Exception):
    """The weather API could not be reached or gave an answer we cannot use."""


# ---------------------------------------------------------------------------
# Result types (typed tool results give clients structuredContent + outputSchema)
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
# The two requests the tools make
# ---------------------------------------------------------------------------


async def current_weather(latitude: float, longitude: float) -> CurrentWeather:
    """Current conditions at a location."""
    data = await _get_forecast_json(
        {"latitude": latitude, "longitude": longitude, "current": ",".join(CURRENT_FIELDS), "timezone": "auto"}
    )
    try:
        return _parse_current(data, latitude, longitude)
    except _Malformed as exc:
        raise WeatherApiError(f"The weather service returned an unexpected response ({exc}).") from exc


async def daily_forecast(latitude: float, longitude: float, days: int) -> Forecast:
    """Daily forecast for `days` days (1-16), starting today."""
    data = await _get_forecast_json(
        {
            "latitude": latitude,
            "longitude": longitude,
            "daily": ",".join(DAILY_FIELDS),
            "forecast_days": days,
            "timezone": "auto",
        }
    )
    try:
        return _parse_forecast(data, latitude, longitude)
    except _Malformed as exc:
        raise WeatherApiError(f"The weather service returned an unexpected response ({exc}).") from exc


def describe_weather_code(code: int | None) -> str:
    """Human-readable text for a WMO weather code."""
    if code is None:
        return "Unknown"
    return WMO_WEATHER_CODES.get(code, f"Unknown (WMO code {code})")


# ---------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------


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


async def _get_forecast_json(params: dict[str, Any]) -> dict[str, Any]:
    """GET {base}/forecast with the given query and return the decoded JSON object."""
    endpoint = f"{api_base_url()}/forecast"
    # Keep commas in the comma-separated field lists literal (as in Open-Meteo's docs).
    url = f"{endpoint}?{urlencode(params, safe=',')}"
    timeout = api_timeout_seconds()
    try:
        async with httpx.AsyncClient(timeout=timeout) as client:
            response = await client.get(url, headers={"Accept": "application/json"})
    except httpx.TimeoutException as exc:
        raise WeatherApiError(
            f"The weather service at {endpoint} did not respond within {timeout:g} seconds. Try again later."
        ) from exc
    except httpx.HTTPError as exc:
        raise WeatherApiError(f"Could not reach {endpoint}: {_network_reason(exc)}.") from exc

    if response.status_code != 200:
        reason = ""
        try:
            body = response.json()
            if isinstance(body, dict) and isinstance(body.get("reason"), str):
                reason = f": {body['reason']}"
        except ValueError:
            pass
        raise WeatherApiError(f"The weather service at {endpoint} returned HTTP {response.status_code}{reason}")

    try:
        data = response.json()
    except ValueError as exc:
        raise WeatherApiError(f"The weather service at {endpoint} returned a malformed (non-JSON) response.") from exc
    if not isinstance(data, dict):
        raise WeatherApiError(f"The weather service at {endpoint} returned an unexpected response.")
    return data


_ERRNO_REASONS = {
    errno.ECONNREFUSED: "connection refused",
    errno.ECONNRESET: "connection reset",
    errno.EHOSTUNREACH: "host unreachable",
    errno.ENETUNREACH: "network unreachable",
    errno.ETIMEDOUT: "connection timed out",
}


def _network_reason(exc: BaseException) -> str:
    """The operating system's reason behind an httpx error, in a few words."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, socket.gaierror):
            return "host name not found"
        if isinstance(cause, OSError) and cause.errno in _ERRNO_REASONS:
            return _ERRNO_REASONS[cause.errno]
        cause = cause.__cause__ or cause.__context__
    text = str(exc).strip()
    return text or exc.__class__.__name__


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------


class _Malformed(ValueError):
    """The weather API answered with something we cannot interpret."""


def _number(section: dict[str, Any], key: str, *, optional: bool = False) -> float | None:
    value = section.get(key)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Malformed(f"field {key!r} is missing or not a number")
    return float(value)


def _code(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Malformed("weather_code is not a number")
    return int(value)


def _parse_current(data: dict[str, Any], latitude: float, longitude: float) -> CurrentWeather:
    current = data.get("current")
    if not isinstance(current, dict):
        raise _Malformed("missing 'current' object")
    time = current.get("time")
    if not isinstance(time, str):
        raise _Malformed("field 'time' is missing or not a string")
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


def _parse_forecast(data: dict[str, Any], latitude: float, longitude: float) -> Forecast:
    daily = data.get("daily")
    if not isinstance(daily, dict):
        raise _Malformed("missing 'daily' object")
    dates = daily.get("time")
    if not isinstance(dates, list) or not all(isinstance(d, str) for d in dates):
        raise _Malformed("'daily.time' is missing or not a list of dates")
    columns: dict[str, list[Any]] = {}
    for key in DAILY_FIELDS:
        column = daily.get(key)
        if not isinstance(column, list) or len(column) != len(dates):
            raise _Malformed(f"'daily.{key}' is missing or has the wrong length")
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
