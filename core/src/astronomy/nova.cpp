#include "astronomy/nova.hpp"

#include <erfa.h>
#include <erfam.h>
#include <libnova/libnova.h>
#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <optional>
#include <utility>

namespace tenki::astronomy {
namespace {

constexpr double k_km_per_au = 149597870.7;
constexpr double k_moon_mean_km = 385000.6;
constexpr double k_rad = std::numbers::pi / 180;

std::mutex g_nova_mutex;

// One position of a body from libnova: ecliptic (libnova's apparent longitude and latitude, for
// the phase), equatorial of the date (for rise and set) and, for the moon, its distance (km).
struct Position {
    ln_lnlat_posn ecl{};
    ln_equ_posn equ{};
    double km = 0;
};

// A position from a geocentric vector in the GCRS (ERFA's frame, au): turned to the true equator
// and equinox of the date by the IAU 2000B precession-nutation matrix (eraPnm00b), what libnova's
// horizontal coordinates and sidereal time are of; the ecliptic of the date from that, by
// libnova's true obliquity (ln_get_ecl_from_equ), for the phase.
// ERFA's dates are TT; tenki passes UT, as libnova's series took them: ΔT (about 70 s in 2026)
// moves the moon by 0.01°, a rise or set by a few seconds.
Position from_gcrs(std::array<double, 3> gcrs, double jd, double km) {
    double npb[3][3];
    eraPnm00b(ERFA_DJM0, jd - ERFA_DJM0, npb);
    double of_date[3];
    eraRxp(npb, gcrs.data(), of_date);
    double ra = 0, dec = 0;
    eraC2s(of_date, &ra, &dec);
    Position pos{{}, {eraAnp(ra) / k_rad, dec / k_rad}, km};
    ln_get_ecl_from_equ(&pos.equ, jd, &pos.ecl);
    return pos;
}

// The sun: ERFA's Earth-Moon barycentre (eraPlan94, Simon et al. 1994), its direction reversed and
// moved by the aberration of the Earth's velocity (eraAb); the barycentre is at most 6" from the
// Earth's centre, a tenth of a second of a sunrise. About 30 K instructions with the matrix, where
// libnova's VSOP87 took 0.30 M (bench/moon.sh).
Position sun_at(double jd) {
    double emb[2][3];
    eraPlan94(ERFA_DJM0, jd - ERFA_DJM0, 3, emb);  // 0 within 1000 to 3000 AD: tenki asks 1900 to 2100
    double sun[3];
    eraSxp(-1.0, emb[0], sun);
    double au = 0, natural[3];
    eraPn(sun, &au, natural);
    constexpr double k_c_au_per_day = ERFA_CMPS * ERFA_DAYSEC / ERFA_DAU;
    double v[3];
    eraSxp(1.0 / k_c_au_per_day, emb[1], v);
    double seen[3];
    eraAb(natural, v, au, std::sqrt(1.0 - eraPdp(v, v)), seen);
    return from_gcrs({seen[0], seen[1], seen[2]}, jd, 0);
}

// The moon: ERFA's eraMoon98 (Meeus's truncated lunar series, geocentric, GCRS), about 50 K
// instructions with the matrix, where libnova's full ELP 2000-82B read 37,000 terms (0.35 M at
// any precision asked).
Position moon_at(double jd) {
    double pv[2][3];
    eraMoon98(ERFA_DJM0, jd - ERFA_DJM0, pv);
    return from_gcrs({pv[0][0], pv[0][1], pv[0][2]}, jd, eraPm(pv[0]) * k_km_per_au);
}

// A body's positions at three consecutive 0h UT, fixed once a sky (Meeus ch. 15, as libnova's
// own ln_get_object_rst reads them); every position the searches and the phase read is
// interpolated between them: the sun's within 0.0001° (its third differences are a few
// ten-thousandths of a degree), the moon's within 0.06° in right ascension and 0.035° in
// declination over its local day (libnova's own positions each hour, two years of days), a
// moonrise by well under a minute where the tolerance is two (tests/unit/astronomy/sky_test.cpp).
// They are geocentric: any place's sky on the same days reads the same ones.
struct Nodes {
    double middle = 0;              // the middle node's instant (0h UT, as a Julian day); 0: none fixed
    int half = 0;                   // 1: three nodes fixed, 0: none
    std::array<Position, 3> at{};   // longitudes and right ascensions on one side of the middle's
    std::array<Position, 3> raw{};  // as libnova gave them
};
std::array<Nodes, 2> g_nodes;

Nodes& nodes_of(Body body) { return g_nodes[static_cast<std::size_t>(body)]; }

double near(double angle, double around) {
    if (angle - around > 180) return angle - 360;
    if (around - angle > 180) return angle + 360;
    return angle;
}

// A quantity at jd, interpolated (beyond the nodes, extrapolated) by libnova's ln_interpolate3
// (Meeus 3.3).
template <typename Get>
double interpolated(const Nodes& nodes, double jd, Get get) {
    const auto& p = nodes.at;
    return ln_interpolate3(jd - nodes.middle, get(p[0]), get(p[1]), get(p[2]));
}

// The search under way: the body, the place and, for the moon's parallax, its distance and the
// equation of the equinoxes (apparent minus mean sidereal time, hours), once a search: the
// distance changes by 1% a day, the equation by milliseconds (libnova's ln_get_parallax works the
// nutation out afresh at each instant, most of a search's cost).
struct Search {
    Body body = Body::sun;
    Observer where;
    double moon_au = 0;
    double equinoxes_h = 0;
};
Search g_search;

ln_equ_posn geocentric(double jd) {
    const Nodes& nodes = nodes_of(g_search.body);
    return ln_equ_posn{interpolated(nodes, jd, [](const Position& p) { return p.equ.ra; }),
                       interpolated(nodes, jd, [](const Position& p) { return p.equ.dec; })};
}

double moon_km(double jd) {
    const Nodes& nodes = nodes_of(Body::moon);
    if (nodes.half == 0 || std::abs(jd - nodes.middle) > nodes.half) return moon_at(jd).km;
    return interpolated(nodes, jd, [](const Position& p) { return p.km; });
}

// As seen from the observer: the moon's parallax (up to a degree) moves it; the sun's is 9".
ln_equ_posn seen_from_observer(ln_equ_posn pos, double jd) {
    if (g_search.body == Body::sun) return pos;
    ln_lnlat_posn observer{g_search.where.lon, g_search.where.lat};
    ln_equ_posn shift{};
    // ln_get_parallax's hour angle (hours), its sidereal time from the search's equation.
    const double hour_angle =
        ln_get_mean_sidereal_time(jd) + g_search.equinoxes_h + (observer.lng - pos.ra) / 15.0;
    ln_get_parallax_ha(&pos, g_search.moon_au, &observer, 0, hour_angle, &shift);
    pos.ra += shift.ra;
    pos.dec += shift.dec;
    return pos;
}

ln_equ_posn body_position(double jd) { return seen_from_observer(geocentric(jd), jd); }

// What libnova's rise/set search reads: the body's position at a day's 0h UT and either side.
void search_position(double jd, ln_equ_posn* out) { *out = body_position(jd); }

double altitude(double jd) {
    ln_equ_posn pos = body_position(jd);
    ln_lnlat_posn observer{g_search.where.lon, g_search.where.lat};
    ln_hrz_posn hrz{};
    ln_get_hrz_from_equ(&pos, &observer, jd, &hrz);
    return hrz.alt;
}

// libnova's search makes one correction from positions interpolated between 0h UT; almanacs'
// times come from the positions at the instant itself. Secant steps on the body's altitude from
// libnova's time to where it equals the horizon, to under a second; nullopt when they do not
// get there near libnova's time (a body grazing the horizon, which libnova's wrap misplaced), or
// when the crossing found goes the other way than `direction` (1 rising, -1 setting, 0 either).
std::optional<double> refine(double jd, double horizon, int direction) {
    constexpr double k_step = 2.0 / 1440;  // two minutes, in days
    double t0 = jd, t1 = jd + k_step;
    double f0 = altitude(t0) - horizon, f1 = altitude(t1) - horizon;
    for (int i = 0; i < 8; ++i) {
        if (std::abs(f1) < 1e-4) break;
        if (std::abs(f1 - f0) < 1e-12) break;
        const double t2 = std::clamp(t1 - f1 * (t1 - t0) / (f1 - f0), t1 - 0.1, t1 + 0.1);
        t0 = t1, f0 = f1, t1 = t2;
        f1 = altitude(t1) - horizon;
        if (std::abs(t1 - jd) > 0.3) break;
    }
    // Converged far from libnova's time, or the other way: another crossing than the one it meant.
    const bool rising = (f1 - f0) * (t1 - t0) > 0;
    if (direction != 0 && rising != (direction > 0)) return std::nullopt;
    if (std::abs(f1) < 1e-3 && std::abs(t1 - jd) < 0.125) return t1;
    return std::nullopt;
}

// Two crossings of one kind less than two hours apart are one (a body crosses the same way at
// most once in about 23 hours, save the moon near the poles, where an hour is still far apart).
void add_crossing(std::vector<Crossing>& events, Crossing c) {
    for (const auto& e : events) {
        if (e.kind == c.kind && std::abs(e.jd - c.jd) < 2.0 / 24) return;
    }
    events.push_back(c);
}

// libnova calls a day circumpolar from the body's declination at 0h UT alone; the moon's
// changes by up to 6° a day, so near the poles it may still cross. Such days are scanned hour by
// hour on the body's positions, each change of side refined.
void scan_day(std::vector<Crossing>& events, double day, double horizon) {
    constexpr int k_steps = 24;
    double t0 = day, f0 = altitude(t0) - horizon;
    for (int i = 1; i <= k_steps; ++i) {
        const double t1 = day + static_cast<double>(i) / k_steps;
        const double f1 = altitude(t1) - horizon;
        if ((f0 < 0) != (f1 < 0)) {
            const auto at = refine(t0 + (t1 - t0) * f0 / (f0 - f1), horizon, 0);
            if (at) add_crossing(events, {f1 > f0 ? Crossing::Kind::rise : Crossing::Kind::set, *at});
        }
        t0 = t1, f0 = f1;
    }
}

void start_search(Body body, Observer where, double from_jd, double to_jd) {
    if (nodes_of(body).half == 0) fix_positions(body, from_jd, to_jd);
    g_search = Search{body, where, 0};
    if (body != Body::moon) return;
    const double middle = (from_jd + to_jd) / 2;
    g_search.moon_au = moon_km(middle) / k_km_per_au;
    g_search.equinoxes_h = ln_get_apparent_sidereal_time(middle) - ln_get_mean_sidereal_time(middle);
}

// libnova puts each time in the day with one wrap, so an event can come out a day early or late
// (libnova extrapolates its interpolation there): each is refined on the body's own positions,
// then the same event found from two days is kept once. A rise or set near 0h UT can be wrapped
// onto the day's other end, where it refines to the neighbouring day's event, and the day's own
// would be lost (New York's sunset of 2026-08-11 at 23:58 UT, Fairbanks' of 2026-12-01): the
// same time a day either side is refined too. False when libnova's own time would not refine.
bool add_day(std::vector<Crossing>& events, const ln_rst_time& rst, double from_jd, double to_jd,
             double horizon) {
    const std::pair<Crossing::Kind, double> found[] = {{Crossing::Kind::rise, rst.rise},
                                                       {Crossing::Kind::transit, rst.transit},
                                                       {Crossing::Kind::set, rst.set}};
    // A refined time is within 0.125 days of libnova's: those farther out are not the window's.
    const auto in_window = [&](double jd) { return jd >= from_jd - 0.13 && jd <= to_jd + 0.13; };
    bool all = true;
    for (const auto& [kind, jd] : found) {
        if (kind == Crossing::Kind::transit) {
            if (in_window(jd)) add_crossing(events, {kind, jd});
            continue;
        }
        const int direction = kind == Crossing::Kind::rise ? 1 : -1;
        for (const double wrap : {0.0, -1.0, 1.0}) {
            if (!in_window(jd + wrap)) continue;
            const auto at = refine(jd + wrap, horizon, direction);
            if (at) add_crossing(events, {kind, *at});
            if (wrap == 0.0) all = all && at.has_value();
        }
    }
    return all;
}

// libnova's own test of a circumpolar day (check_coords in its rise_set.c) from the position at
// its 0h UT: 1 above the horizon all day, -1 below, 0 crossing.
int day_state(double day, double horizon) {
    ln_equ_posn pos{};
    search_position(day, &pos);
    const double lat = g_search.where.lat * k_rad, dec = pos.dec * k_rad;
    const double h1 =
        (std::sin(horizon * k_rad) - std::sin(lat) * std::sin(dec)) / (std::cos(lat) * std::cos(dec));
    if (std::abs(h1) <= 1.0) return 0;
    double highest = 90.0 + pos.dec - g_search.where.lat;
    if (highest > 90.0) highest = 180.0 - highest;
    if (highest < -90.0) highest = -180.0 - highest;
    return highest < horizon ? -1 : 1;
}

// The body's position at node jd (a 0h UT): the one `before` has there if any (the next day of a
// forecast shares all but one of them), else libnova's.
Position node_position(Body body, const Nodes& before, double jd) {
    const double i = jd - (before.middle - before.half);  // whole days: exact in a double
    if (before.half != 0 && i >= 0 && i <= 2 * before.half) return before.raw[static_cast<std::size_t>(i)];
    return body == Body::sun ? sun_at(jd) : moon_at(jd);
}

}  // namespace

std::unique_lock<std::mutex> nova_lock() { return std::unique_lock<std::mutex>(g_nova_mutex); }

void fix_positions(Body body, double from_jd, double to_jd) {
    Nodes& nodes = nodes_of(body);
    const double middle = std::round((from_jd + to_jd) / 2 - 0.5) + 0.5;  // the nearest 0h UT
    if (nodes.half != 0 && nodes.middle == middle) return;
    const Nodes before = nodes;
    nodes.middle = middle;
    nodes.half = 1;
    for (int i = 0; i <= 2 * nodes.half; ++i) {
        const auto at = static_cast<std::size_t>(i);
        nodes.raw[at] = node_position(body, before, middle + (i - nodes.half));
        nodes.at[at] = nodes.raw[at];
    }
    const auto& centre = nodes.at[static_cast<std::size_t>(nodes.half)];
    for (auto& p : nodes.at) {
        p.ecl.lng = near(p.ecl.lng, centre.ecl.lng);
        p.equ.ra = near(p.equ.ra, centre.equ.ra);
    }
}

void forget_positions(Body body) { nodes_of(body) = Nodes{}; }

Crossings crossings(Body body, Observer where, double from_jd, double to_jd, double horizon) {
    start_search(body, where, from_jd, to_jd);
    Crossings out;
    ln_lnlat_posn observer{where.lon, where.lat};
    // The days either side: their states only, for the border check below (libnova's test on the
    // positions the window's searches read; their own searches would read one more each).
    const double first = std::floor(from_jd - 0.5) - 0.5;
    std::vector<int> states{day_state(first, horizon)};
    for (double day = first + 1; day < to_jd; day += 1) {
        ln_rst_time rst{};
        // libnova 0.16 searches the day from the instant given (its sidereal time and the positions
        // at it and a day either side): 0h UT, the positions the refinement reads as well.
        const int state = ln_get_body_rst_horizon(day, &observer, search_position, horizon, &rst);
        states.push_back(state);
        if (state > 0) ++out.days_always_up;
        if (state < 0) ++out.days_always_down;
        if (state == 0 && !add_day(out.events, rst, from_jd, to_jd, horizon)) states.back() = 2;
    }
    states.push_back(day_state(first + static_cast<double>(states.size()), horizon));
    // libnova calls a day circumpolar from the declination at 0h UT alone: the moon's changes by
    // up to 6° a day. The days of the window that libnova calls circumpolar (the moon's), that
    // border one (both bodies), or whose search would not refine are scanned hour by hour.
    for (std::size_t i = 0; i < states.size(); ++i) {
        const double day = first + static_cast<double>(i);
        if (day + 1 <= from_jd || day >= to_jd) continue;
        const bool border =
            (i > 0 && states[i - 1] != states[i]) || (i + 1 < states.size() && states[i + 1] != states[i]);
        if ((states[i] != 0 && body == Body::moon) || border || states[i] == 2)
            scan_day(out.events, day, horizon);
    }
    return out;
}

double sun_altitude(Observer where, double jd) {
    start_search(Body::sun, where, jd, jd);
    return altitude(jd);
}

double moon_altitude(Observer where, double jd) {
    start_search(Body::moon, where, jd, jd);
    return altitude(jd);
}

double sun_mid_altitude(Observer where, double jd) {
    const Nodes& nodes = nodes_of(Body::sun);
    const double dec = nodes.half == 0 ? sun_at(jd).equ.dec
                                       : interpolated(nodes, jd, [](const Position& p) { return p.equ.dec; });
    const double highest = 90 - std::abs(where.lat - dec);
    const double lowest = std::abs(where.lat + dec) - 90;
    return (highest + lowest) / 2;
}

MoonAspect moon_aspect(double jd) {
    const Nodes& moon_nodes = nodes_of(Body::moon);
    ln_lnlat_posn moon{};
    if (moon_nodes.half != 0 && std::abs(jd - moon_nodes.middle) <= moon_nodes.half) {
        moon = {interpolated(moon_nodes, jd, [](const Position& p) { return p.ecl.lng; }),
                interpolated(moon_nodes, jd, [](const Position& p) { return p.ecl.lat; })};
    } else {
        moon = moon_at(jd).ecl;
    }
    // The sun's longitude from its nodes, near them and a month away alike (the moon's age): its
    // third derivative (from the equation of the centre, 1.9° over a year) keeps a quadratic
    // within 0.05° 30 days out, 0.004 days of the moon's age.
    const Nodes& sun_nodes = nodes_of(Body::sun);
    const double sun_lng = sun_nodes.half == 0
                               ? sun_at(jd).ecl.lng
                               : interpolated(sun_nodes, jd, [](const Position& p) { return p.ecl.lng; });
    const double e = std::fmod(moon.lng - sun_lng, 360.0);
    // The phase angle from the elongation psi, the distances at their means (their changes move
    // the lit fraction by under 0.01 point).
    const double cos_psi = std::cos(moon.lat * k_rad) * std::cos((moon.lng - sun_lng) * k_rad);
    const double psi = std::acos(std::clamp(cos_psi, -1.0, 1.0));
    const double i = std::atan2(k_km_per_au * std::sin(psi), k_moon_mean_km - k_km_per_au * cos_psi);
    return MoonAspect{e < 0 ? e + 360.0 : e, (1 + std::cos(i)) / 2};
}

double moon_semidiameter(double jd) {
    // Meeus 55: 358473400 / distance in km, arcseconds (libnova's ln_get_lunar_sdiam).
    return 358473400.0 / moon_km(jd) / 3600.0;
}

}  // namespace tenki::astronomy
