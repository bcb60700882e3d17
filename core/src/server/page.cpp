#include "server/dispatch.hpp"

namespace tenki::server {

namespace {

// The whole page: HTML, CSS and script, no outside resource, so the binary serves it alone.
constexpr std::string_view k_page = R"HTML(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tenki (天気): the weather for a postal code</title>
<style>
  :root { --fg: #1d2330; --muted: #5b6577; --bg: #f4f6fa; --card: #fff; --accent: #2f6fde; --bad: #b3261e; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
  main { max-width: 42rem; margin: 0 auto; padding: 2rem 1rem 4rem; }
  h1 { margin: 0 0 .25rem; font-size: 1.8rem; }
  h1 small { color: var(--muted); font-weight: normal; font-size: 1rem; }
  form { display: flex; flex-wrap: wrap; gap: .5rem; margin: 1.5rem 0; }
  label { position: absolute; left: -9999px; }
  input, select, button { font: inherit; padding: .55rem .75rem; border: 1px solid #c5ccd8; border-radius: .4rem; }
  input { flex: 1 1 9rem; }
  button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
  button:disabled { opacity: .6; cursor: wait; }
  .card { background: var(--card); border-radius: .75rem; padding: 1.25rem 1.5rem; box-shadow: 0 1px 4px rgba(0,0,0,.08); }
  .card h2 { margin: 0; font-size: 1.3rem; }
  .temp { font-size: 2.6rem; font-weight: 600; margin: .25rem 0; }
  .muted { color: var(--muted); }
  .error { border-left: 4px solid var(--bad); color: var(--bad); }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .75rem 0 0; }
  dt { color: var(--muted); }
  dd { margin: 0; }
  code { background: #e8ecf3; padding: .05rem .3rem; border-radius: .25rem; font-size: .92em; }
  section.api { margin-top: 2.5rem; }
  section.api li { margin: .4rem 0; }
</style>
</head>
<body>
<main>
  <h1>tenki <small>天気 · the current weather for a postal code</small></h1>
  <form id="ask">
    <label for="postalcode">Postal code</label>
    <input id="postalcode" name="postalcode" placeholder="Postal code, e.g. 19021" autocomplete="postal-code" required maxlength="16">
    <label for="country">Country</label>
    <input id="country" name="country" value="us" maxlength="2" size="3" style="flex:0 0 4rem" title="Two-letter country code">
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
      <li><code>GET /api/v1/weather?postalcode=19021</code>: the original service's answer (temperatures in Kelvin).
        Without <code>postalcode</code> it answers for 19021.</li>
      <li><code>GET /api/v2/weather?postalcode=94107&amp;country=us&amp;units=metric</code>: the document of
        <code>tenki weather --json</code>; <code>units</code> is <code>standard</code>, <code>metric</code> or
        <code>imperial</code> (default: imperial in the US, metric elsewhere).</li>
      <li><code>GET /healthz</code>: liveness. <code>GET /metrics</code>: Prometheus metrics.</li>
    </ul>
    <p class="muted">Errors are JSON: <code>{"error": {"code": "...", "message": "..."}}</code>, with status 400 for
      bad input, 404 for an unknown place, 502/504 when the weather service fails, 503 when it cannot be asked.
      Answers are cached for five minutes: see the <code>X-Cache</code> and <code>Cache-Control</code> headers.</p>
  </section>
</main>
<script>
(function () {
  "use strict";
  var form = document.getElementById("ask");
  var out = document.getElementById("result");
  var button = document.getElementById("go");

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function plainError(status, body) {
    var code = body && body.error && body.error.code;
    var message = body && body.error && body.error.message;
    if (code === "not_found") return "We could not find that postal code. Check the code and the country.";
    if (code === "invalid_input") return "That does not look like a postal code: " + (message || "check what you typed.");
    if (code === "no_api_key") return "The server has no weather service key yet, so it cannot ask for the weather.";
    if (code === "rate_limited") return "The weather service asks us to slow down. Try again in a minute.";
    if (status === 504) return "The weather service took too long to answer. Try again shortly.";
    if (status === 502) return "The weather service gave an answer we could not read. Try again shortly.";
    return message || ("Something went wrong (HTTP " + status + "). Try again shortly.");
  }

  function row(dl, name, value) {
    if (value === undefined || value === null || value === "") return;
    dl.appendChild(el("dt", "", name));
    dl.appendChild(el("dd", "", String(value)));
  }

  function pick(doc, names) {
    for (var i = 0; i < names.length; i++) {
      var parts = names[i].split("."), v = doc;
      for (var j = 0; j < parts.length && v !== undefined && v !== null; j++) v = v[parts[j]];
      if (v !== undefined && v !== null && typeof v !== "object") return v;
    }
    return undefined;
  }

  function round(v) { return typeof v === "number" ? Math.round(v * 10) / 10 : v; }

  function showWeather(doc, cache) {
    var card = el("div", "card");
    var place = pick(doc, ["place", "name", "place_name", "location.name"]) || "Your place";
    card.appendChild(el("h2", "", place));
    var unit = pick(doc, ["units.temperature", "temp_unit", "temperature_unit"]) || "";
    var temp = pick(doc, ["temperature.temp", "temp", "main.temp"]);
    if (temp !== undefined) card.appendChild(el("div", "temp", round(temp) + (unit ? " " + unit : "")));
    var what = pick(doc, ["condition.description", "description", "weather.description"]);
    if (what) card.appendChild(el("div", "", what));
    var dl = el("dl");
    row(dl, "Feels like", round(pick(doc, ["temperature.feels_like", "feels_like"])));
    row(dl, "Humidity", pick(doc, ["humidity"]) !== undefined ? pick(doc, ["humidity"]) + " %" : undefined);
    row(dl, "Wind", round(pick(doc, ["wind.speed", "wind_speed"])));
    row(dl, "Postal code", pick(doc, ["location.postal_code", "postal_code"]));
    if (doc.stale) row(dl, "Note", "The weather service is failing: this is the last answer we had.");
    card.appendChild(dl);
    if (cache) card.appendChild(el("p", "muted", "Cache: " + cache));
    out.replaceChildren(card);
  }

  function ask() {
    var params = new URLSearchParams();
    params.set("postalcode", form.postalcode.value.trim());
    if (form.country.value.trim()) params.set("country", form.country.value.trim().toLowerCase());
    if (form.units.value) params.set("units", form.units.value);
    button.disabled = true;
    out.replaceChildren(el("p", "muted", "Asking the weather service…"));
    fetch("/api/v2/weather?" + params.toString(), { headers: { "Accept": "application/json" } })
      .then(function (r) {
        return r.json().catch(function () { return null; }).then(function (body) {
          if (!r.ok) throw { status: r.status, body: body };
          showWeather(body, r.headers.get("X-Cache"));
        });
      })
      .catch(function (e) {
        var card = el("div", "card error", e && e.status ? plainError(e.status, e.body)
                                                          : "We could not reach the server. Check your connection.");
        out.replaceChildren(card);
      })
      .finally(function () { button.disabled = false; });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    history.replaceState(null, "", "?postalcode=" + encodeURIComponent(form.postalcode.value.trim()) +
                         "&country=" + encodeURIComponent(form.country.value.trim()));
    ask();
  });
  // A shared link (/?postalcode=19021&country=us) asks at once.
  var given = new URLSearchParams(location.search);
  if (given.get("postalcode")) {
    form.postalcode.value = given.get("postalcode");
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

std::string_view index_page() { return k_page; }

}  // namespace tenki::server
