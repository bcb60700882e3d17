#!/usr/bin/env python3
"""Refreshes tenki's gettext catalogues from the sources (issue 27).

Every English string a person reads is passed to tr(language, "...") or trn(language, "...",
"...", n), or marked N_("...") where a table holds it; this script extracts those msgids (with the
file of each use) into po/tenki.pot, then merges the template into every po/<lang>.po
with msgmerge (Debian gettext), so a new string arrives in each catalogue untranslated, for a
translator to fill in (the unit test "every language translates every string" names it until
then, and `tenki check` lists it).

    scripts/update-po.py          write po/tenki.pot and merge it into po/*.po
    scripts/update-po.py --check  exit 1 when po/tenki.pot is not what the sources say
"""
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
LITERAL = r'"((?:[^"\\]|\\.)*)"'
PATTERNS = [
    re.compile(r'\bN_\(\s*' + LITERAL + r'\s*\)'),
    re.compile(r"\btr_\(\s*" + LITERAL + r"\s*\)"),
    re.compile(r'\btr\([^,()]*(?:\([^()]*\))?[^,()]*,\s*' + LITERAL + r'\s*\)'),
    re.compile(r'\btrn\([^,()]*(?:\([^()]*\))?[^,()]*,\s*' + LITERAL + r'\s*,\s*' + LITERAL),
]


def extract():
    """[(msgid, msgid_plural or None, [references])] in the order of first use."""
    found = {}
    for path in sorted((ROOT / "core" / "src").rglob("*.[ch]pp")) + sorted((ROOT / "cli").rglob("*.[ch]pp")):
        text = path.read_text(encoding="utf-8")
        for pattern in PATTERNS:
            for match in pattern.finditer(text):
                msgid = match.group(1)
                plural = match.group(2) if pattern.groups > 1 else None
                entry = found.setdefault(msgid, [plural, [], match.start(), str(path.relative_to(ROOT))])
                # The file alone, as xgettext --add-location=file writes it: a line moved by an
                # edit elsewhere in the file leaves the template as it is (--check stays quiet).
                entry[1].append(str(path.relative_to(ROOT)))
    ordered = sorted(found.items(), key=lambda kv: (kv[1][3], kv[1][2]))
    return [(msgid, plural, refs) for msgid, (plural, refs, _, _) in ordered]


def pot_text(entries):
    out = [
        "# tenki's translatable strings, extracted by scripts/update-po.py; do not edit.",
        "# Copyright (C) the tenki authors. MIT, like the rest of tenki.",
        'msgid ""',
        'msgstr ""',
        '"Project-Id-Version: tenki\\n"',
        '"MIME-Version: 1.0\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Content-Transfer-Encoding: 8bit\\n"',
        "",
    ]
    for msgid, plural, refs in entries:
        out.append("#: " + " ".join(sorted(set(refs))))
        if "{" in msgid:
            out.append("#. keep each {} placeholder: they are filled in order")
        out.append(f'msgid "{msgid}"')
        if plural is not None:
            out.append(f'msgid_plural "{plural}"')
            out += ['msgstr[0] ""', 'msgstr[1] ""']
        else:
            out.append('msgstr ""')
        out.append("")
    return "\n".join(out)


def main():
    pot = ROOT / "po" / "tenki.pot"
    text = pot_text(extract())
    if sys.argv[1:] == ["--check"]:
        if not pot.exists() or pot.read_text(encoding="utf-8") != text:
            print("update-po: po/tenki.pot is out of date; run scripts/update-po.py", file=sys.stderr)
            return 1
        return 0
    pot.write_text(text, encoding="utf-8")
    for po in sorted((ROOT / "po").glob("*.po")):
        subprocess.run(["msgmerge", "--quiet", "--update", "--backup=none", "--no-wrap", str(po), str(pot)],
                       check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
