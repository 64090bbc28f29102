"""Study codes as school exports write them (issue 13, domain.md §3): onderwijstype and leerjaar.

A clear code gives its type; a combined class (KGT, GT, BB/KB, bk, havo/vwo, mavo/havo, TL/GL)
is never guessed: the type stays open (None) for the pupil, the year is still taken. A code pvs
does not know gives no type either. Letters: T = TL, K = KB, B = BB, G/GT = GL or TL, mavo = TL.
"""

from __future__ import annotations

import pytest

from pvs.jobs.batch.rows import programme

BB, KB, GL, TL = "vmbo-bb", "vmbo-kb", "vmbo-gl", "vmbo-tl"
CLEAR = [
    # leerweg letters, year before or after, with or without vmbo, hyphen, space or none
    ("4 BB", BB, 4),
    ("4BB", BB, 4),
    ("BB 4", BB, 4),
    ("VMBO-BB 4", BB, 4),
    ("vmbo bb 3", BB, 3),
    ("4 vmbo-b", BB, 4),
    ("vmbo-b 4", BB, 4),
    ("VMBO-KB 4", KB, 4),
    ("3 KB", KB, 3),
    ("vmbo-k 4", KB, 4),
    ("4 vmbo-k", KB, 4),
    ("4 KBL", KB, 4),
    ("4 GL", GL, 4),
    ("vmbo-gl 3", GL, 3),
    ("4 TL", TL, 4),
    ("4TL", TL, 4),
    ("vmbo-tl 4", TL, 4),
    ("4 vmbo-t", TL, 4),
    ("vmbo-t 3", TL, 3),
    # mavo is the theoretische leerweg, also written beside TL
    ("mavo 4", TL, 4),
    ("4 mavo", TL, 4),
    ("Mavo 3", TL, 3),
    ("TL/mavo 4", TL, 4),
    # lwoo (learning support) added to the code
    ("4 BB lwoo", BB, 4),
    ("4 BB-lwoo", BB, 4),
    ("vmbo-kb 3 lwoo", KB, 3),
    ("3 KB LWOO", KB, 3),
    # the leerweg in words, as Somtoday names its opleidingen
    ("4 basis", BB, 4),
    ("4 kader", KB, 4),
    ("basisberoepsgerichte leerweg 4", BB, 4),
    ("vmbo kaderberoepsgerichte leerweg 3", KB, 3),
    ("vmbo gemengde leerweg 4", GL, 4),
    ("theoretische leerweg 4", TL, 4),
    ("vmbo theoretische leerweg 3", TL, 3),
    # havo and vwo, the vwo streams, and the short forms
    ("HAVO 5", "havo", 5),
    ("havo 4", "havo", 4),
    ("5 havo", "havo", 5),
    ("VWO 6", "vwo", 6),
    ("6 vwo", "vwo", 6),
    ("Atheneum 6", "vwo", 6),
    ("Gymnasium 5", "vwo", 5),
    ("H5", "havo", 5),
    ("V6", "vwo", 6),
    ("A5", "vwo", 5),
    ("M4", TL, 4),
    # the other types
    ("Praktijkonderwijs", "pro", None),
    ("Praktijkonderwijs 3", "pro", 3),
    ("PrO 2", "pro", 2),
    ("VSO", "vso", None),
    ("Entree", "entree", None),
]
COMBINED = [
    ("KGT4", 4),
    ("4 kgt", 4),
    ("KGT 3", 3),
    ("vmbo-kgt 4", 4),
    ("vmbo-gt 4", 4),
    ("4GT", 4),
    ("4 GT", 4),
    ("vmbo-g 4", 4),  # G alone: gemengd or theoretisch
    ("4 BB/KB", 4),
    ("4 vmbo-bk", 4),
    ("BK 3", 3),
    ("TL/GL 4", 4),
    ("4 GL/TL", 4),
    ("Havo/vwo 3", 3),
    ("havo/vwo 1", 1),
    ("H/V 2", 2),
    ("mavo/havo 2", 2),
    ("vmbo 4", 4),  # vmbo without its leerweg: the type is not known
]
UNKNOWN = [
    ("4 XT", 4),
    ("X9", None),
    ("", None),
    ("???", None),
]


@pytest.mark.parametrize(("code", "kind", "year"), CLEAR, ids=[c for c, _, _ in CLEAR])
def test_a_clear_code_gives_its_type_and_year(code: str, kind: str, year: int | None) -> None:
    assert programme(code) == (kind, year)


@pytest.mark.parametrize(("code", "year"), COMBINED, ids=[c for c, _ in COMBINED])
def test_a_combined_class_is_never_guessed(code: str, year: int) -> None:
    assert programme(code) == (None, year)


@pytest.mark.parametrize(("code", "year"), UNKNOWN, ids=[repr(c) for c, _ in UNKNOWN])
def test_an_unknown_code_gives_no_type(code: str, year: int | None) -> None:
    assert programme(code) == (None, year)


def test_at_least_forty_codes() -> None:
    assert len(CLEAR) + len(COMBINED) + len(UNKNOWN) >= 40
