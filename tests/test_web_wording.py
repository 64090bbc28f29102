"""pvs's messages on a page name what the page offers, not command-line options or temp paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from pvs.budget import too_heavy
from pvs.errors import PvsError
from pvs.jobs.handover.receivers import _OTHERS
from pvs.jobs.plan.content import NO_CONSENT, NOT_FOR_MBO
from pvs.limits import check_file_size, too_much_unpacked
from pvs.web.uploads import Upload
from pvs.web.wording import for_the_page


def message_of(call: object, *args: object) -> str:
    with pytest.raises(PvsError) as raised:
        call(*args)  # type: ignore[operator]
    return raised.value.message


@pytest.mark.parametrize("message", [NO_CONSENT, *NOT_FOR_MBO.values()])
def test_no_command_line_option_reaches_the_page(message: str) -> None:
    shown = for_the_page(message)
    assert "--" not in shown and shown != message


@pytest.mark.parametrize("error", [too_heavy("a.pdf"), too_much_unpacked("a.docx")])
def test_more_room_is_asked_for_when_pvs_web_starts(error: PvsError) -> None:
    shown = for_the_page(error.message)
    assert "..." not in shown and " N web' (stop pvs web" in shown


def test_the_file_size_advice_says_how_to_start_pvs_web() -> None:
    shown = for_the_page(message_of(check_file_size, 10**9, "scan.pdf"))
    assert "'pvs --max-mb N web'" in shown and "scan.pdf" in shown


def test_an_upload_is_named_as_the_user_named_it(tmp_path: Path) -> None:
    upload = Upload("Export 4B (Magister).csv", tmp_path / "0001.csv")
    message = f"pvs vond in de eerste 30 rijen van {upload.path} geen kopregel."
    shown = for_the_page(message, [upload], tmp_path)
    assert shown == "pvs vond in de eerste 30 rijen van 'Export 4B (Magister).csv' geen kopregel."
    shown = for_the_page(f"Kan {tmp_path}/uit niet maken.", [], tmp_path)
    assert shown == "Kan de tijdelijke map van pvs niet maken."


def test_a_handover_hint_names_the_receivers_and_no_option() -> None:
    message = _OTHERS.format(names="de werkgever en het UWV", keys="werkgever of --voor uwv")
    assert for_the_page(message) == " Wel toestemming is er voor de werkgever en het UWV."


def test_a_row_limit_of_either_command_says_how_to_start_pvs_web() -> None:
    for command in ("batch", "intake"):
        shown = for_the_page(f"Geef meer ruimte met 'pvs --max-rijen N {command} ...'.")
        assert shown.startswith("Geef meer ruimte met 'pvs --max-rijen N web' (stop pvs web")
