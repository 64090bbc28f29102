"""The `pvs` command line: parse, call the library, print, map errors to exit codes.

The only package that imports click. Exit codes: 0 complete / done; 1 incomplete or invalid;
2 usage error; 3 unreadable input; 70 an internal error in pvs itself.

    group.py      the `pvs` group, its limits options, error mapping, main()
    passports.py  check, render, extract, fields, schema: one passport at a time
    school.py     plan, batch, intake, templates: the jobs of mentors, decanen, intakers
    handover.py   overdracht: the handover for work and day activities
    web.py        web: the local web page (pvs/web), loaded only when it runs
    options.py    options several commands share
    printing.py   text from files made safe for the terminal: printable(), json_text()
    dutch.py      Dutch help pages and usage messages for click
"""

from pvs.cli import handover, passports, school, web  # noqa: F401  (importing registers the commands)
from pvs.cli.group import cli, main

__all__ = ["cli", "main"]
