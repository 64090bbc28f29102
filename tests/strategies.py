"""Hypothesis strategies for passports, derived from the form model."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from pvs.model.formmodel import Field, Kind
from pvs.model.schema import SCHEMA_VERSION
from pvs.model.versions import form_model

SCRIPT_TEXT = st.text(
    alphabet=st.sampled_from(
        list("abcdeéëïöüxyz ABCZ.,;:!?'\"&<>()-/%€0123456789")
        + list("ŞşĞğİıÇçÖöÜüŁłŻżŚśĆćŃńĄąĘęČčŘřŠšŽžĚěŮůȘșȚțĂăÂâÎîĐđƯưƠơỆệẠạỳỹẫ")
        + list("АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЬЮЯабвгдежзийклмнопрстуфхцчшщьюяЄєІіЇїҐґ")
        + list("ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρστυφχψωάέήίόύώ")
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "")


def value_for(field: Field) -> st.SearchStrategy[Any]:
    if field.kind == Kind.CHECKBOX:
        return st.just(True)
    if field.kind == Kind.YES_NO:
        return st.booleans()
    if field.kind == Kind.CHOICE:
        return st.sampled_from([o.value for o in field.options])
    if field.kind == Kind.DATE:
        return st.dates().filter(lambda d: d.year >= 1000).map(lambda d: d.isoformat())
    if field.kind == Kind.NUMBER:
        return st.integers(min_value=1, max_value=6)
    if field.pattern:
        return st.from_regex(field.pattern.replace("\\s", " "), fullmatch=True).filter(
            lambda s: s.strip() == s and "\n" not in s and s.isprintable()
        )
    if field.kind == Kind.LONG_TEXT:
        lines = st.lists(SCRIPT_TEXT, min_size=1, max_size=3)
        return lines.map(lambda parts: "\n".join(p.strip() or "x" for p in parts))
    return SCRIPT_TEXT


@st.composite
def passports(draw: st.DrawFn, version: str = SCHEMA_VERSION) -> dict[str, Any]:
    """Passport data of schema `version` (by default the current one), up to 25 fields."""
    from pvs.model.paths import assemble

    fields = [f for f in form_model(version).fields if f.path != "meta.schema_versie"]
    chosen = draw(st.lists(st.sampled_from(fields), max_size=25, unique_by=lambda f: f.path))
    values = {f.path: draw(value_for(f)) for f in chosen}
    data: dict[str, Any] = {"meta": {"schema_versie": version}}
    data.update({k: v for k, v in assemble(values).items() if k != "meta"})
    data["meta"].update(assemble(values).get("meta", {}))
    return data
