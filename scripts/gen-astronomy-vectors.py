#!/usr/bin/python3
"""Generate tests/data/astronomy/vectors.json: the sun and the moon by PyEphem, an implementation
independent of libnova, for tenki's astronomy tests (tests/unit/astronomy/).

PyEphem (Debian python3-ephem) as almanacs are computed: pressure 0 (no refraction model) and the
horizon at -0:34 (standard refraction) for the upper limb of the sun and of the moon (topocentric);
civil twilight is the sun's centre at -6°. Local days come from Python's zoneinfo (the system tz
database), not from the library tenki uses. For each place and local date:
  sun: dawn, sunrise, noon (transit), sunset, dusk as UTC instants or null, and polar day/night;
  moon: rise and set or null, illumination (%) and age (days) at the local day's midpoint, and the
  phase name by the issue's rule (a principal phase names the local day holding its instant).

Usage: scripts/gen-astronomy-vectors.py   (writes the file; the output is committed). Debian's
python3 runs it: that is where python3-ephem installs.
"""

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import ephem

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "astronomy" / "vectors.json"

PLACES = [
    ("Paris", 48.8566, 2.3522, "Europe/Paris"),
    ("São Paulo", -23.5505, -46.6333, "America/Sao_Paulo"),
    ("New York", 40.7128, -74.0060, "America/New_York"),
    ("Sydney", -33.8688, 151.2093, "Australia/Sydney"),
    ("Quito", -0.2299, -78.5249, "America/Guayaquil"),
    ("Tokyo", 35.6762, 139.6503, "Asia/Tokyo"),
    ("Kiritimati", 1.8721, -157.4278, "Pacific/Kiritimati"),
    ("Reykjavík", 64.1466, -21.9426, "Atlantic/Reykjavik"),
    ("Tromsø", 69.6492, 18.9553, "Europe/Oslo"),
    ("Longyearbyen", 78.2232, 15.6267, "Arctic/Longyearbyen"),
    ("Ushuaia", -54.8019, -68.3030, "America/Argentina/Ushuaia"),
    ("McMurdo", -77.8460, 166.6760, "Antarctica/McMurdo"),
]
# Equinox, solstices, the European DST changes (03-29, 10-25), the US ones (03-08, 11-01),
# Sydney's (04-05, 10-04), the example (12-12), and the weeks around the polar edges.
DATES = ["2026-03-08", "2026-03-29", "2026-04-05", "2026-06-21", "2026-10-04", "2026-10-25",
         "2026-11-01", "2026-12-12", "2026-12-21", "2026-01-20", "2026-05-20", "2026-07-25"]
PHASES = ["new", "first quarter", "full", "last quarter"]


def utc(d):
    return None if d is None else ephem.Date(d).datetime().replace(tzinfo=dt.timezone.utc)


def iso(t):
    return None if t is None else t.strftime("%Y-%m-%dT%H:%M:%SZ")


def event(observer, body, start, end, what, **kw):
    observer.date = ephem.Date(start)
    try:
        t = utc(getattr(observer, what)(body, **kw))
    except (ephem.AlwaysUpError, ephem.NeverUpError):
        return None
    return t if t < end else None


def phase_name(start, end, mid):
    for name, finder in zip(PHASES, [ephem.next_new_moon, ephem.next_first_quarter_moon,
                                     ephem.next_full_moon, ephem.next_last_quarter_moon]):
        t = utc(finder(ephem.Date(start)))
        if t < end:
            return name
    new, first = utc(ephem.previous_new_moon(ephem.Date(mid))), utc(ephem.previous_first_quarter_moon(ephem.Date(mid)))
    full, last = utc(ephem.previous_full_moon(ephem.Date(mid))), utc(ephem.previous_last_quarter_moon(ephem.Date(mid)))
    latest = max((new, "waxing crescent"), (first, "waxing gibbous"), (full, "waning gibbous"),
                 (last, "waning crescent"))
    return latest[1]


def one(place, date):
    name, lat, lon, zone = place
    tz = ZoneInfo(zone)
    day = dt.date.fromisoformat(date)
    start = dt.datetime.combine(day, dt.time(), tz).astimezone(dt.timezone.utc)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tz).astimezone(dt.timezone.utc)
    mid = start + (end - start) / 2
    obs = ephem.Observer()
    obs.lat, obs.lon, obs.elevation, obs.pressure = str(lat), str(lon), 0, 0
    sun, moon = ephem.Sun(), ephem.Moon()
    obs.horizon = "-0:34"
    sunrise, sunset = event(obs, sun, start, end, "next_rising"), event(obs, sun, start, end, "next_setting")
    noon = event(obs, sun, start, end, "next_transit")
    moonrise, moonset = event(obs, moon, start, end, "next_rising"), event(obs, moon, start, end, "next_setting")
    obs.horizon = "-6"
    dawn = event(obs, sun, start, end, "next_rising", use_center=True)
    dusk = event(obs, sun, start, end, "next_setting", use_center=True)
    obs.horizon = "-0:34"
    obs.date = ephem.Date(start)
    sun.compute(obs)
    up = sun.alt + sun.radius > ephem.degrees("-0:34")
    state = "normal" if sunrise or sunset else ("polar_day" if up else "polar_night")
    moon.compute(ephem.Date(mid))
    age = (mid - utc(ephem.previous_new_moon(ephem.Date(mid)))).total_seconds() / 86400
    return {
        "place": name, "lat": lat, "lon": lon, "zone": zone, "date": date,
        "sun": {"state": state, "dawn": iso(dawn), "sunrise": iso(sunrise), "noon": iso(noon),
                "sunset": iso(sunset), "dusk": iso(dusk)},
        "moon": {"phase": phase_name(start, end, mid), "illumination": round(moon.moon_phase * 100, 2),
                 "age_days": round(age, 3), "rise": iso(moonrise), "set": iso(moonset)},
    }


def main():
    cases = [one(p, d) for p in PLACES for d in DATES]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc = {"generator": "scripts/gen-astronomy-vectors.py", "pyephem": ephem.__version__,
           "settings": "pressure 0, horizon -0:34 (upper limb); civil: centre at -6", "cases": cases}
    OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    print(f"gen-astronomy-vectors: {len(cases)} cases -> {OUT}")


if __name__ == "__main__":
    main()
