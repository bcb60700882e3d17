#include "server/api/documents.hpp"
#include "server/api/reply.hpp"

namespace tenki::server {

namespace {

#include "server/api/heading_glyphs.inc"  // k_heading_glyphs: 天気 as SVG outlines

// The whole page: HTML, CSS and script, no outside resource, so the binary serves it alone.
constexpr std::string_view k_page = R"HTML(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="The current weather and the next days for any place (a postal code, a city or coordinates): type one in and see the place, the sky, the temperature and the wind, or ask the JSON API.">
<title>tenki (天気): the weather for any place</title>
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Ccircle cx='8' cy='8' r='6' fill='%23f2a900'/%3E%3C/svg%3E">
<style>
  :root { --fg: #1d2330; --muted: #5b6577; --bg: #f4f6fa; --card: #fff; --accent: #2f6fde; --bad: #b3261e; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
  main { max-width: 42rem; margin: 0 auto; padding: 2rem 1rem 4rem; overflow-wrap: break-word; }
  .kanji { vertical-align: -.14em; }
  h1 { margin: 0 0 .25rem; font-size: 1.8rem; }
  h1 small { color: var(--muted); font-weight: normal; font-size: 1rem; }
  form { display: flex; flex-wrap: wrap; gap: .5rem; margin: 1.5rem 0; }
  label { position: absolute; left: -9999px; }
  input, select, button { font: inherit; padding: .55rem .75rem; border: 1px solid #c5ccd8; border-radius: .4rem; }
  input { flex: 1 1 9rem; min-width: 0; }
  button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
  button:disabled { opacity: .6; cursor: wait; }
  /* Room for the tallest card and its forecast before any answer, so nothing below moves when one appears. */
  #result { min-height: 41rem; }
  .card { background: var(--card); border-radius: .75rem; padding: 1.25rem 1.5rem; box-shadow: 0 1px 4px rgba(0,0,0,.08); }
  .card h2 { margin: 0; font-size: 1.3rem; }
  .where { margin: 0; font-size: .9rem; }
  .now { display: flex; align-items: baseline; flex-wrap: wrap; gap: .5rem 1rem; margin: .25rem 0; }
  .icon { font-size: 2.2rem; line-height: 1; }
  .temp { font-size: 2.6rem; font-weight: 600; }
  .condition { font-size: 1.15rem; }
  .muted { color: var(--muted); }
  .small { font-size: .85rem; margin: .75rem 0 0; }
  .note { border-left: 4px solid #c78a00; padding-left: .6rem; margin: .75rem 0 0; }
  .error { border-left: 4px solid var(--bad); }
  .error h2 { color: var(--bad); }
  .error p { margin: .4rem 0 0; }
  dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .2rem 1rem; margin: .75rem 0 0; }
  dt { color: var(--muted); }
  dd { margin: 0; }
  code { background: #e8ecf3; padding: .05rem .3rem; border-radius: .25rem; font-size: .92em; overflow-wrap: anywhere; }
  /* The next days: room for seven rows is kept from the start, so none moves the page when they come. */
  .forecast { margin: 1rem 0 0; padding-top: .75rem; border-top: 1px solid #e3e7ee; min-height: 15rem; }
  .forecast h3 { margin: 0 0 .35rem; font-size: 1rem; }
  .forecast p { margin: .25rem 0 0; }
  .days { list-style: none; margin: 0; padding: 0; }
  .day { display: grid; grid-template-columns: 6.6rem 1.3rem 6rem minmax(0, 1fr) 2.7rem; gap: .45rem;
         align-items: baseline; padding: .12rem 0; white-space: nowrap; }
  .day-condition { overflow: hidden; text-overflow: ellipsis; }
  /* On a phone the symbol says the condition; the words stay for screen readers. */
  @media (max-width: 30rem) {
    .day { grid-template-columns: 6.6rem 1.3rem minmax(0, 1fr) 2.7rem; }
    .day-condition { position: absolute; left: -9999px; }
  }
  .pop { text-align: right; color: var(--accent); }
  .choices { list-style: none; padding: 0; margin: .5rem 0 0; }
  .choices li { margin: .35rem 0; }
  button.choice { background: #fff; color: var(--accent); text-align: left; max-width: 100%; }
  section.api { margin-top: 2.5rem; }
  section.api li { margin: .4rem 0; }
</style>
</head>
<body>
<main>
  <h1>tenki <small><span lang="ja">@HEADING_GLYPHS@</span> · the weather for any place</small></h1>
  <form id="ask">
    <label for="place">Place</label>
    <input id="place" name="q" placeholder="Postal code, city or lat,lon: 19021, Paris,FR" required maxlength="100">
    <label for="country">Country</label>
    <input id="country" name="country" placeholder="us" maxlength="2" size="3" style="flex:0 0 4rem" title="Two-letter country code of a postal code or city (optional)">
    <label for="units">Units</label>
    <select id="units" name="units">
      <option value="">Usual units</option>
      <option value="metric">°C, m/s</option>
      <option value="imperial">°F, mph</option>
      <option value="standard">K, m/s</option>
    </select>
    <button id="go" type="submit">Show the weather</button>
  </form>
  <div id="result" aria-live="polite"></div>

  <section class="api">
    <h2>The API</h2>
    <ul>
@API_LIST@    </ul>
    <p class="muted">Errors are JSON: <code>{"error": {"code": "...", "message": "..."}}</code>, with status 400 for
      bad input, 404 for an unknown place, 502/504 when the weather service fails, 503 when it cannot be asked.
      Answers are cached, by default the weather for five minutes and forecasts for thirty: see the
      <code>X-Cache</code> and <code>Cache-Control</code> headers.</p>
  </section>
</main>
<script>
(function () {
  "use strict";
  var form = document.getElementById("ask");
  var out = document.getElementById("result");
  var button = document.getElementById("go");
  var asked = 0;  // answers to an older question than the last one are dropped

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function has(v) { return v !== undefined && v !== null && v !== ""; }
  // Rounded first, then without the sign of a zero (-0.04 shows 0), as the CLI's text does.
  function round(v) { var r = Math.round(v * 10) / 10; return r === 0 ? 0 : r; }
  function withUnit(v, unit) { return has(v) ? round(v) + (unit ? " " + unit : "") : undefined; }
  function capital(s) { return has(s) ? s.charAt(0).toUpperCase() + s.slice(1) : s; }

  // OpenWeatherMap's icon codes ("02d") as symbols every system font has.
  function symbol(icon) {
    var kind = has(icon) ? String(icon).slice(0, 2) : "";
    var night = has(icon) && String(icon).slice(-1) === "n";
    var symbols = { "01": night ? "\u263e" : "\u2600", "02": "\u2601", "03": "\u2601", "04": "\u2601",
                    "09": "\u2614", "10": "\u2614", "11": "\u26a1", "13": "\u2744", "50": "\u2248" };
    return symbols[kind] || "";
  }

  function row(dl, name, value) {
    if (!has(value)) return;
    dl.appendChild(el("dt", "", name));
    dl.appendChild(el("dd", "", String(value)));
  }

  function windText(wind) {
    if (!wind || !has(wind.speed)) return undefined;
    var text = withUnit(wind.speed, wind.unit);
    // The 16-point name is the server's (wind.direction), as the CLI words it.
    if (has(wind.deg)) text += " from " + (has(wind.direction) ? wind.direction + " " : "") + "(" + wind.deg + "\u00b0)";
    if (has(wind.gust)) text += ", gusts " + withUnit(wind.gust, wind.unit);
    return text;
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  // A UTC time ("2024-06-03T12:04:00Z") on the place's wall clock (offset: seconds east of UTC),
  // as the CLI shows it: "12:04", or with the date "2024-06-03 12:04"; undefined when unreadable.
  function wallClock(iso, offset, withDate) {
    var ms = Date.parse(iso);
    if (!has(iso) || isNaN(ms)) return undefined;
    var d = new Date(ms + (offset || 0) * 1000);
    var time = pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes());
    return withDate ? d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) + " " + time : time;
  }
  function zoneLabel(offset) {
    if (!offset) return "UTC";
    var m = Math.abs(offset);
    return "UTC" + (offset < 0 ? "-" : "+") + pad(Math.floor(m / 3600)) + ":" + pad(Math.floor((m % 3600) / 60));
  }
  function degrees(v) { return String(Math.round(v * 10000) / 10000); }

  // The document of GET /api/v2/weather, as core/src/format/json.cpp writes it.
  function showWeather(doc) {
    var location = doc.location || {}, condition = doc.condition || {}, t = doc.temperature || {};
    var card = el("article", "card weather");
    // Which place this is, always: its postal code or region, country and coordinates.
    var coordinates = has(location.lat) && has(location.lon) ? degrees(location.lat) + ", " + degrees(location.lon) : "";
    var where = [location.postal_code, location.region, has(location.country) ? location.country.toUpperCase() : "",
                 has(location.postal_code) ? "" : coordinates];
    card.appendChild(el("p", "where muted", where.filter(has).join(", ")));
    card.appendChild(el("h2", "place", has(location.name) ? location.name
                                       : has(location.postal_code) ? "Postal code " + location.postal_code : coordinates));
    var now = el("div", "now");
    var icon = symbol(condition.icon);
    if (icon) now.appendChild(el("span", "icon", icon)).setAttribute("aria-hidden", "true");
    if (has(t.current)) now.appendChild(el("span", "temp", withUnit(t.current, t.unit)));
    now.appendChild(el("span", "condition", capital(condition.description) || condition.main || ""));
    card.appendChild(now);
    var dl = el("dl");
    row(dl, "Feels like", withUnit(t.feels_like, t.unit));
    if (has(t.min) && has(t.max)) row(dl, "Low / high", round(t.min) + " / " + withUnit(t.max, t.unit));
    row(dl, "Humidity", withUnit(doc.humidity, "%"));
    row(dl, "Pressure", withUnit(doc.pressure, "hPa"));
    row(dl, "Wind", windText(doc.wind));
    row(dl, "Clouds", withUnit(doc.clouds, "%"));
    // The document gives metres; people in imperial units read miles, as the CLI shows them.
    row(dl, "Visibility", !has(doc.visibility) ? undefined
        : doc.units === "imperial" ? withUnit(doc.visibility / 1609.344, "mi")
        : withUnit(doc.visibility / 1000, "km"));
    // The place's own wall clock when the document gives its offset, UTC otherwise, as the CLI.
    var offset = location.timezone_offset, known = has(offset), suffix = known ? "" : " UTC";
    var sunrise = wallClock(doc.sunrise, offset), sunset = wallClock(doc.sunset, offset);
    row(dl, "Sunrise", has(sunrise) ? sunrise + suffix : undefined);
    row(dl, "Sunset", has(sunset) ? sunset + suffix : undefined);
    var observed = wallClock(doc.observed_at, offset, true);
    row(dl, "Observed", !has(observed) ? undefined : known ? observed + " local time (" + zoneLabel(offset) + ")" : observed + " UTC");
    card.appendChild(dl);
    if (doc.stale) card.appendChild(el("p", "note", "The weather service is failing right now: this is the last answer we had."));
    out.replaceChildren(card);
    return card;
  }

  var weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  var months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  // A place's local date ("2024-06-03") as "Mon 3 Jun", whatever the browser's own time zone.
  function dayName(date) {
    var parts = String(date).split("-").map(Number);
    var d = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
    if (isNaN(d.getTime())) return String(date);
    return weekdays[d.getUTCDay()] + " " + d.getUTCDate() + " " + months[d.getUTCMonth()];
  }
  function whole(v) { var r = Math.round(v); return r === 0 ? 0 : r; }

  // The next days' block of the card, waiting for GET /api/v2/forecast.
  function forecastBlock(card) {
    var block = el("section", "forecast");
    block.setAttribute("aria-label", "Forecast");
    block.appendChild(el("h3", "", "The next days"));
    block.appendChild(el("p", "muted pending", "Asking for the forecast\u2026"));
    card.appendChild(block);
    return block;
  }

  function forecastUnavailable(block) {
    block.replaceChildren(block.firstChild, el("p", "muted unavailable",
      "The forecast is unavailable right now; the weather above is current."));
  }

  // The document of GET /api/v2/forecast (tenki forecast --json): one row per day.
  function showForecast(block, doc) {
    var list = el("ol", "days");
    doc.daily.forEach(function (day) {
      var t = day.temperature || {}, c = day.condition || {};
      var row = el("li", "day");
      row.appendChild(el("span", "date", dayName(day.date)));
      row.appendChild(el("span", "day-icon", symbol(c.icon))).setAttribute("aria-hidden", "true");
      row.appendChild(el("span", "range", has(t.min) && has(t.max)
        ? whole(t.min) + "\u2013" + whole(t.max) + " " + doc.temperature_unit : "\u2013"));
      var words = capital(c.description) || c.main || "";
      row.appendChild(el("span", "day-condition", words)).title = words;
      var pop = el("span", "pop", has(day.precipitation_probability_max) ? day.precipitation_probability_max + "%" : "");
      pop.title = "Chance of precipitation";
      row.appendChild(pop);
      list.appendChild(row);
    });
    var shown = [block.firstChild, list];
    if (doc.stale) shown.push(el("p", "note", "The weather service is failing right now: this is the last forecast we had."));
    block.replaceChildren.apply(block, shown);
  }

  // Asked once the weather has shown: a failing forecast leaves the weather as it is.
  function askForecast(card, params, mine) {
    var block = forecastBlock(card);
    var query = new URLSearchParams(params);
    query.set("days", "7");
    query.set("hours", "0");
    fetch("/api/v2/forecast?" + query.toString(), { headers: { "Accept": "application/json" } })
      .then(function (r) {
        return r.json().catch(function () { return null; }).then(function (body) {
          if (mine !== asked) return;
          if (r.ok && body && Array.isArray(body.daily) && body.daily.length) showForecast(block, body);
          else forecastUnavailable(block);
        });
      }, function () {
        if (mine === asked) forecastUnavailable(block);
      });
  }

  function plainError(status, body, retryAfter) {
    var error = (body && body.error) || {};
    if (error.code === "ambiguous_place") return "Several places have that name. Which one?";
    if (status === 400) return "tenki cannot read that as a place. " + (error.message || "Check what you typed.");
    if (status === 404 && error.did_you_mean) return "We know no place of that name. Did you mean one of these?";
    if (status === 404) return "We could not find that place. " + (error.message || "Check what you typed and the country.");
    if (error.code === "no_api_key") return "The server has no weather service key yet, so it cannot ask for the weather.";
    if (error.code === "rate_limited") {
      var seconds = parseInt(retryAfter, 10);
      return "The weather service asks us to slow down. Try again in " +
        (seconds > 0 ? seconds + (seconds === 1 ? " second." : " seconds.") : "a minute.");
    }
    if (status === 504) return "The weather service took too long to answer. Try again in a moment.";
    if (status >= 500) return "The weather service is not answering properly right now. Try again in a moment.";
    return "Something went wrong (HTTP " + status + "). Try again in a moment.";
  }

  // An error, and the places it offers (an ambiguous name's candidates, a did-you-mean) as
  // buttons that ask for that place.
  function showError(message, places) {
    var card = el("div", "card error");
    card.setAttribute("role", "alert");
    card.appendChild(el("h2", "", "No weather this time"));
    card.appendChild(el("p", "message", message));
    if (places && places.length) {
      var list = el("ul", "choices");
      places.forEach(function (p) {
        var b = el("button", "choice", p.label + (p.population ? " (pop. " + p.population.toLocaleString("en-US") + ")" : ""));
        b.type = "button";
        b.addEventListener("click", function () {
          form.q.value = p.pick;
          form.country.value = "";
          remember();
          ask();
        });
        list.appendChild(el("li")).appendChild(b);
      });
      card.appendChild(list);
    }
    out.replaceChildren(card);
  }

  // The official alerts in force, at the card's top, the most severe first (GET /api/v2/alerts).
  function askAlerts(card, params, mine) {
    fetch("/api/v2/alerts?" + params.toString(), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (doc) {
        if (mine !== asked || !doc || !Array.isArray(doc.alerts)) return;
        doc.alerts.slice().reverse().forEach(function (a) {
          var line = "\u26a0 " + a.event + (has(a.sender) ? " (" + a.sender + ")" : "");
          card.insertBefore(el("p", "note alert", line), card.firstChild).title = a.headline || "";
        });
      }, function () {});
  }

  function ask() {
    var mine = ++asked;
    var params = new URLSearchParams();
    params.set("q", form.q.value.trim());
    if (form.country.value.trim()) params.set("country", form.country.value.trim().toLowerCase());
    if (form.units.value) params.set("units", form.units.value);
    button.disabled = true;
    out.replaceChildren(el("p", "muted", "Asking the weather service\u2026"));
    fetch("/api/v2/weather?" + params.toString(), { headers: { "Accept": "application/json" } })
      .then(function (r) {
        return r.json().catch(function () { return null; }).then(function (body) {
          if (mine !== asked) return;
          var error = (body && body.error) || {};
          if (!r.ok) showError(plainError(r.status, body, r.headers.get("Retry-After")), error.candidates || error.did_you_mean);
          else if (!body || !body.location) showError("The server's answer could not be read. Try again in a moment.");
          else { var card = showWeather(body); askAlerts(card, params, mine); askForecast(card, params, mine); }
        });
      }, function () {
        if (mine === asked) showError("We could not reach the tenki server. Check that it is running, then try again.");
      })
      .finally(function () { if (mine === asked) button.disabled = false; });
  }

  // The question in the address bar, so that the link can be shared.
  function remember() {
    var link = "?q=" + encodeURIComponent(form.q.value.trim());
    if (form.country.value.trim()) link += "&country=" + encodeURIComponent(form.country.value.trim());
    history.replaceState(null, "", link);
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    remember();
    ask();
  });
  // A shared link (/?q=Paris,FR, or the older /?postalcode=19021&country=us) asks at once.
  var given = new URLSearchParams(location.search);
  if (given.get("q") || given.get("postalcode")) {
    form.q.value = given.get("q") || given.get("postalcode");
    if (given.get("country")) form.country.value = given.get("country");
    if (given.get("units")) form.units.value = given.get("units");
    ask();
  }
})();
</script>
</body>
</html>
)HTML";

}  // namespace

// The page with its API list read from the route table, built once.
std::string_view index_page() {
    static const std::string page = [] {
        constexpr std::string_view k_slot = "@API_LIST@";
        constexpr std::string_view k_glyphs_slot = "@HEADING_GLYPHS@";
        std::string out(k_page);
        out.replace(out.find(k_slot), k_slot.size(), api_list_html());
        out.replace(out.find(k_glyphs_slot), k_glyphs_slot.size(), k_heading_glyphs);
        return out;
    }();
    return page;
}

const Document& index_document() {
    static const Document document(std::string(index_page()), strong_etag(index_page()), true);
    return document;
}

}  // namespace tenki::server
