"""Hostile passports for what pvs prints and renders: a megabyte in one field, escape sequences
in a name, sensitive text used as a JSON key. tests/hostile/corpus.py adds ENV_CASES to CASES."""

from __future__ import annotations

import json
from typing import Any

from tests.hostile.corpus import SAMPLE, Case

MEGABYTE = "ab cd " * (1024 * 1024 // 6)
ESCAPES = "\x1b[2J\x1b]0;gehackt\x07Jan\x1b[31m"


def _passport(**sections: Any) -> bytes:
    return json.dumps({**SAMPLE, **sections}, ensure_ascii=False).encode("utf-8")


def _with_long_value() -> bytes:
    return _passport(wie_ben_ik={**SAMPLE["wie_ben_ik"], "over_mij": MEGABYTE})


def _with_escapes() -> bytes:
    return _passport(jongere={**SAMPLE["jongere"], "roepnaam": ESCAPES, "tussenvoegsel": ""})


ENV_CASES = [
    Case(
        "megabyte-in-een-veld.json",
        _with_long_value,
        ("render", "{}", "-o", "{out}.pdf"),
        1,
        "(wie_ben_ik.over_mij): 'Over mij' is te lang: hoogstens 2000 tekens.",
    ),
    Case(
        "megabyte-in-een-veld-check.json",
        _with_long_value,
        ("check", "{}"),
        1,
        "'Over mij' is te lang: hoogstens 2000 tekens.",
    ),
    Case(
        "escapes-in-de-naam.json",
        _with_escapes,
        ("check", "{}"),
        0,
        f"Jongere: \ufffd\ufffdJan\ufffd {SAMPLE['jongere']['achternaam']}\n",
    ),
    Case(
        "gevoelige-tekst-als-sleutel.json",
        lambda: _passport(wat_heb_ik_nodig={"ik heb ADHD": 1}),
        ("render", "{}", "-o", "{out}.pdf"),
        1,
        "  - Wat heb ik nodig? › een onbekend veld (wat_heb_ik_nodig.?): Dit veld staat niet",
    ),
]
