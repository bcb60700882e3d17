#!/usr/bin/env python3
"""Generate core/src/lang/cldr_data.inc, the CLDR names and numbers of tenki's fifteen languages, and
core/src/lang/cldr_territories.inc, the English names of the ISO 3166-1 alpha-2 territories.

From the Unicode CLDR's JSON packages on npm (Unicode licence v3, see core/src/lang/SOURCE.md):
cldr-dates-full (weekday and month names of the Gregorian calendar, format context, wide and
abbreviated), cldr-numbers-full (the decimal separator of the latn number system), cldr-units-full
(the short unit patterns of the units tenki shows: "{0} Std.", "{0} м/с"; the pattern for the
plural category "other", the one of a number with a fraction), cldr-localenames-full (the English
territory names: "FR" France, what wttr.in's format=j1 gives as nearest_area's country) and cldr-core
(defaultContent.json, checked: pt is pt-BR's content, zh zh-Hans'). Each package is fetched with
`npm pack` at a pinned version and checked against its pinned sha512 first; the generated file is
committed, so the build never downloads anything.

Usage: scripts/gen-cldr.py [--dir DIR]   (DIR: where the five tarballs already are)
"""

import argparse
import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGES = {
    "cldr-core": ("48.2.0", "sha512-zfmLothncSwfv2jlevoSrgI2VGgH8SDGHXst6jUEotHA8nq9Igeg9jzdJDFtBso9pgJuG89DK16TzrmZDdo2Bg=="),
    "cldr-dates-full": ("48.2.0", "sha512-zMrKvjMO414HDftLr6vKH1fNQHakFNe+F1h4S0eg+zmL4WRi9pI41fxB3UrTJDY42MEM87jCuAw/qlqCgYKcAQ=="),
    "cldr-numbers-full": ("48.2.0", "sha512-0EQ+UkVDsyXOlxnWnL1RIENVZFqCnb04D1Yrku0obnOyttbuZz8tHmUd5c5AEvhGS/Gg2zI4fTaCm51LSGITog=="),
    "cldr-units-full": ("48.2.0", "sha512-BjDC7V46eeXzgalnIumrJ1XQDk8wJaOxNLME4hmkBT9Q0hnzxn3XgtavigPUwnljk7FxlNQW9Wx+hbFrARPrQg=="),
    "cldr-localenames-full": ("48.2.0", "sha512-4o0paYDz0UXhfhChAVFkmVl2CP0YTSEqE6WrC0fNafaSC5u5DAXphxH3SZ1Ujczarikr8DToKZfiok6EqWLdNQ=="),
}
# CLDR's two-letter territory codes that are not ISO 3166-1 countries: groupings (the European
# Union, the Eurozone, the United Nations, Outlying Oceania), pseudo-locales and "Unknown Region".
# XK (Kosovo, user-assigned in ISO 3166 but GeoNames' and CLDR's code) stays.
NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}
# CldrUnit's order (core/include/tenki/lang/cldr.hpp): CLDR's unit names.
UNITS = ["duration-hour", "duration-minute", "duration-second", "speed-meter-per-second",
         "speed-mile-per-hour", "length-millimeter", "length-kilometer", "length-mile",
         "pressure-hectopascal"]
# k_languages' cldr column (core/include/tenki/lang/language.hpp), in its order.
LOCALES = ["en", "de", "fr", "ru", "zh", "zh-Hant", "pt", "pt-PT", "tr", "ja", "es", "pl", "it", "uk", "da"]
DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
ROOT = Path(__file__).resolve().parent.parent


def tarball(directory, name):
    version, integrity = PACKAGES[name]
    path = Path(directory) / f"{name}-{version}.tgz"
    if not path.exists():
        subprocess.run(["npm", "pack", f"{name}@{version}", "--pack-destination", str(directory)],
                       check=True, stdout=subprocess.DEVNULL)
    digest = "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()
    if digest != integrity:
        sys.exit(f"gen-cldr: {path.name} is {digest}, not the pinned {integrity}")
    return tarfile.open(path)


def member(tar, path):
    return json.load(tar.extractfile(f"package/{path}"))


def quoted(words):
    return "{" + ", ".join(json.dumps(w, ensure_ascii=False) for w in words) + "}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", default=None)
    args = parser.parse_args()
    directory = args.dir or tempfile.mkdtemp()
    core, dates, numbers, units, localenames = (tarball(directory, n) for n in PACKAGES)
    content = member(core, "defaultContent.json")["defaultContent"]
    assert "pt-BR" in content and "zh-Hans-CN" in content, "CLDR no longer makes pt Brazilian, zh simplified"
    rows = []
    for locale in LOCALES:
        greg = member(dates, f"main/{locale}/ca-gregorian.json")["main"][locale]["dates"]["calendars"]["gregorian"]
        days, months = greg["days"]["format"], greg["months"]["format"]
        symbols = member(numbers, f"main/{locale}/numbers.json")["main"][locale]["numbers"]["symbols-numberSystem-latn"]
        short = member(units, f"main/{locale}/units.json")["main"][locale]["units"]["short"]
        patterns = [short[u]["unitPattern-count-other"] for u in UNITS]
        assert all(p.count("{0}") == 1 and "{" not in p.replace("{0}", "") for p in patterns), patterns
        rows.append("    CldrNames{" + ",\n              ".join([
            quoted(days["abbreviated"][d] for d in DAYS),
            quoted(days["wide"][d] for d in DAYS),
            quoted(months["abbreviated"][str(m)] for m in range(1, 13)),
            quoted(months["wide"][str(m)] for m in range(1, 13)),
            json.dumps(symbols["decimal"], ensure_ascii=False),
            quoted(p.replace("{0}", "{}") for p in patterns)]) + "},")
    versions = ", ".join(f"{n} {v[0]}" for n, v in PACKAGES.items() if n != "cldr-localenames-full")
    out = ROOT / "core" / "src" / "lang" / "cldr_data.inc"
    out.write_text(f"// Generated by scripts/gen-cldr.py from {versions} (Unicode licence v3); do not edit.\n"
                   "// One row per language, in k_languages' order: weekdays abbreviated and wide (Sunday first),\n"
                   "// months abbreviated and wide (January first), the decimal separator, the short unit\n"
                   "// patterns in CldrUnit's order (the plural category \"other\"'s, \"{}\" for the number).\n"
                   "constexpr std::array k_cldr_names = {\n" + "\n".join(rows) + "\n};\n", encoding="utf-8")
    write_territories(localenames)
    return 0


def write_territories(localenames):
    names = member(localenames, "main/en/territories.json")["main"]["en"]["localeDisplayNames"]["territories"]
    rows = [f"    Territory{{\"{code}\", {json.dumps(name, ensure_ascii=False)}}},"
            for code, name in sorted(names.items())
            if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES]
    assert len(rows) > 240 and '"FR", "France"' in "".join(rows), "CLDR's English territories moved"
    out = ROOT / "core" / "src" / "lang" / "cldr_territories.inc"
    version = PACKAGES["cldr-localenames-full"][0]
    out.write_text(f"// Generated by scripts/gen-cldr.py from cldr-localenames-full {version} (Unicode licence v3);\n"
                   "// do not edit. The English names of the ISO 3166-1 alpha-2 territories (cldr-localenames-full's\n"
                   "// main/en/territories.json, its groupings and pseudo-regions left out), sorted by code.\n"
                   "constexpr std::array k_territories = {\n" + "\n".join(rows) + "\n};\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
