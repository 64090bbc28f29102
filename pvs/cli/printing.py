"""Text from files, safe on a terminal: control characters and escape sequences made visible.

A name, a file name or a template's text can hold an escape sequence that clears the screen,
retitles the window or rewrites the line a mentor is reading ("\\r" plus a fake verdict).
Whatever the CLI echoes that came from a file goes through `printable` (or, as JSON, through
`json_text`); text pvs words itself needs neither.
"""

from __future__ import annotations

import json
import re
from typing import Any

REPLACEMENT = "\ufffd"  # the visible mark where a control character stood
_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, moving the cursor, clearing the screen
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window title, hyperlinks, the clipboard
    r"|\x1b[ -/]*[0-~]"  # the other sequences of ESC and one or two characters
)
# C0 but tab and newline, DEL, C1, and the marks that reverse the order text is shown in.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with each escape sequence and control character marked, not obeyed.

    Tab and newline stay; anything else becomes the replacement character, so the terminal
    shows where it stood and does nothing else.
    """
    return _CONTROL.sub(REPLACEMENT, _SEQUENCE.sub(REPLACEMENT, text))


def json_text(data: Any) -> str:
    """`data` as indented JSON (UTF-8 kept readable) that is safe on a terminal.

    json.dumps escapes C0 itself; DEL, C1 and the reversing marks get the same \\u escape, so
    the JSON still holds exactly the same values.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _CONTROL.sub(lambda found: f"\\u{ord(found.group()):04x}", text) + "\n"
