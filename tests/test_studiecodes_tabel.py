"""schemas/studiecodes.csv: every row of the table does what it says, and the table is sound."""

from __future__ import annotations

import pytest

from pvs.jobs.batch.studycodes import COMBINED, IGNORE, code_words, read_study
from pvs.model.formmodel import load_form_model

ROWS = sorted(code_words().items())


def test_each_meaning_is_a_kind_of_school_or_a_rule() -> None:
    field = load_form_model().node("school.onderwijstype")
    kinds = {option.value for option in field.options}  # type: ignore[union-attr]
    assert {meaning for _, meaning in ROWS} <= kinds | {COMBINED, IGNORE}
    assert all(word.isalpha() and word == word.casefold() for word, _ in ROWS)


@pytest.mark.parametrize(("word", "meaning"), ROWS, ids=[w for w, _ in ROWS])
def test_each_row_of_the_table(word: str, meaning: str) -> None:
    study = read_study(f"4 {word.upper()}")
    if meaning == IGNORE:  # the word alone says nothing about the kind
        assert (study.kind, study.year) == (None, 4)
        assert read_study(f"4 {word} havo").kind == "havo"
    elif meaning == COMBINED:
        assert (study.kind, study.year, study.doubt) == (None, 4, "combined")
    else:
        assert (study.kind, study.year, study.doubt) == (meaning, 4, None)
