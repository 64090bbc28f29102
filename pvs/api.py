"""The front door: every job pvs does as one Python call, for the CLI, a web page or a script.

Each call checks its input and raises an error from `pvs.errors` with a Dutch message. Heavy
libraries (PDF, Word, spreadsheets) load inside the calls that need them, so `import pvs` and
`pvs --help` stay fast.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pvs.budget import bounded
from pvs.checking.check import Report
from pvs.checking.check import check as _check
from pvs.documents.coerce import iso_dates
from pvs.documents.extraction import ReadResult, stated_version
from pvs.documents.filling import RETENTION_YEARS, RenderOptions
from pvs.documents.filling import redact as screen
from pvs.documents.kinds import OutputFormat, check_format, render_document
from pvs.documents.reader import read_passport
from pvs.errors import OutputRefused, UnreadableFile, UsageError
from pvs.jobs.handover.draft import Handover
from pvs.jobs.plan.draft import Plan
from pvs.model.datadict import to_markdown
from pvs.model.formmodel import load_form_model
from pvs.model.migrations import Upgraded
from pvs.model.migrations import upgrade as upgrade_data
from pvs.model.schema import SCHEMA_VERSION
from pvs.output import os_error
from pvs.resources import data_dir

if TYPE_CHECKING:
    from pvs.jobs.batch.columns import ColumnPlan
    from pvs.jobs.batch.run import BatchResult
    from pvs.jobs.intake.overview import IntakeSummary
    from pvs.jobs.templatecheck import TemplateProblem  # jinja2 loads only for a check

Passport = dict[str, Any]
Progress = Callable[[int, int | None], None]  # (done, total); total is None when unknown


def render(
    passport: Passport | None = None,
    format: OutputFormat = "pdf",
    *,
    password: str | None = None,
    redact: bool = False,
    retention: int = RETENTION_YEARS,
    date: datetime.date | None = None,
) -> bytes:
    """A fillable passport as PDF or Word (`format`): blank for None, else pre-filled.

    `date` is the creation date (default today): the same passport and date give the same
    bytes. `retention` is how many years after the school year the school keeps it; `redact`
    replaces sensitive text by '[afgeschermd]'; `password` encrypts a PDF (AES-256). A passport
    of an older version is upgraded first; one of a version pvs does not know raises
    UnreadableFile, because the form would claim a version that pvs then cannot read.
    """
    fmt = check_format(format)
    options = RenderOptions(
        today=date, retention_years=retention, password=password or None, redact=redact
    )
    current = None if passport is None else upgrade(passport).data
    return render_document(fmt, current, options)


def read(
    source: Path | str | bytes, *, name: str | None = None, password: str | None = None
) -> ReadResult:
    """The passport in a returned file (PDF, Word or JSON), given as a path or as bytes.

    The result has `.passport` (the data), `.sources` (per field: read from a form field or
    from the page layout) and `.notes` (what reading turned up, such as a repaired file).
    """
    if isinstance(source, str):
        source = Path(source)
    return read_passport(source, name=name, password=password)


def check(passport: Any, stage: str | None = None) -> Report:
    """Check a passport for a stage ('aanmelding', 'intake', 'plaatsing'), or only what is filled.

    The report has `.complete`, `.verdict`, `.problems` (each with its path and a Dutch
    message) and `.sections` (a score per section), and `.to_text()` / `.to_dict()`.
    """
    return _check(_current(passport), stage)


def plan(
    passport: Passport,
    *,
    catalogue: Path | None = None,
    plan_date: datetime.date | None = None,
    start_date: datetime.date | None = None,
    programme: str | None = None,
    without_consent: bool = False,
    length: str | None = None,
) -> Plan:
    """A draft ondersteuningsplan, with `.to_dict()` and `.to_docx()`.

    Raises NotForMbo when the pupil's route is work or day activities (a plan is for the mbo),
    and NoConsent unless the pupil consented to sharing with the begeleider; with
    `without_consent` the plan leaves out every sensitive field instead, but a withdrawn
    consent stops the plan all the same (both errors are a NoPlan). `programme` picks the
    programme wish (name or crebo) when it is not the first; `catalogue` a school's own;
    `length` ('eenjarig' or 'meerjarig') the programme's length when pvs should not derive it.
    """
    from pvs.jobs.plan.catalogue import load_catalogue
    from pvs.jobs.plan.content import build_plan

    content = build_plan(
        _current(passport),
        load_catalogue(catalogue),
        plan_date=plan_date or datetime.date.today(),
        start_date=start_date,
        programme=programme,
        without_consent=without_consent,
        length=length,
    )
    return Plan(content)


def handover(
    passport: Passport, *, receiver: str | None = None, date: datetime.date | None = None
) -> Handover:
    """An overdrachtsdocument for a pupil going to work or day activities, with `.to_dict()`
    and `.to_docx()`.

    `receiver` is the receiving party: 'doorwerkcoach', 'werkgever', 'gemeente', 'uwv' or
    'dagbesteding' (default: on the work route the doorwerkcoach if the pupil consented, else
    the employer; on the day-activities route the provider). Only what the pupil consented to
    share with that party goes in, and of the sensitive parts only what the party needs.
    Raises NoHandover for a pupil on the route to the mbo (make a plan instead) and when the
    consent for the receiver is missing or withdrawn; UsageError for an unknown receiver.
    `date` is the document date (default today).
    """
    from pvs.jobs.handover.content import build_handover

    content = build_handover(
        _current(passport), receiver=receiver, handover_date=date or datetime.date.today()
    )
    return Handover(content)


def upgrade(passport: Passport) -> Upgraded:
    """The passport at the current schema version, with what upgrading it changed.

    `.data` is the upgraded passport (nothing is lost: a moved field keeps its value at its new
    path), `.source` the version it had and `.notes` what changed, in Dutch. A passport of the
    current version, or without one, comes back as it is. `pvs.read` upgrades what it reads
    already. Raises UnreadableFile for a version this pvs does not read (a newer one).
    """
    upgraded = upgrade_data(passport, stated_version(passport, "Het paspoort"))
    return replace(upgraded, data=iso_dates(upgraded.data))


def _current(passport: Any) -> Any:
    """A passport of an older schema version pvs knows, upgraded, with its dates as ISO dates
    (pvs.read does the same for a file); anything else as it is.

    A version pvs does not know stays, so that the check can report it as it reports any
    value that does not fit the schema.
    """
    try:
        version = stated_version(passport, "Het paspoort")
    except UnreadableFile:
        return iso_dates(passport)
    return iso_dates(upgrade_data(passport, version).data)


def run_batch(
    export: Path,
    *,
    output: Path,
    formats: Iterable[str] = ("pdf",),
    zip: bool = False,
    mapping: Path | None = None,
    processes: int | None = None,
    progress: Progress | None = None,
    password: str | None = None,
    date: datetime.date | None = None,
    retention: int = RETENTION_YEARS,
    sheet: str | None = None,
    shared: bool = False,
    on_columns: Callable[[ColumnPlan], None] | None = None,
) -> BatchResult:
    """A pre-filled passport per pupil in a school export (CSV or XLSX), written into `output`.

    Returns a BatchResult: per row written, done before or skipped with the reason, the
    warnings per row, which column fed which field, and where the manifest (and with `zip`,
    the zip) is. A rerun finishes what an interrupted run left. `sheet` names the XLSX sheet;
    `shared` lets others who may read the folder read the files too (otherwise only the owner
    can); `on_columns` hears which column feeds which field before the first passport.
    """
    from pvs.jobs.batch.run import run_batch as batch

    options = RenderOptions(
        today=date or datetime.date.today(), retention_years=retention, password=password or None
    )
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise OutputRefused(f"{folder} is een bestand, geen map. Kies een map voor de paspoorten.")
    try:
        return batch(
            Path(export),
            output=folder,
            formats=tuple(formats),
            make_zip=zip,
            mapping=mapping,
            processes=processes,
            progress=progress,
            options=options,
            sheet=sheet,
            shared=shared,
            on_columns=on_columns,
        )
    except OSError as error:  # making the folder or the status file: the user's to fix
        named = Path(error.filename) if isinstance(error.filename, str) else folder
        raise os_error(error, named) from None


def run_intake(
    paths: Iterable[Path],
    *,
    output: Path,
    sensitive: bool = False,
    reference_date: datetime.date | None = None,
    processes: int | None = None,
    progress: Progress | None = None,
    pupils: Path | None = None,
    mapping: Path | None = None,
    names_from: Path | None = None,
) -> IntakeSummary:
    """One overview (.xlsx or .csv) of every returned passport in `paths` (files and folders).

    Support-need text is included only with `sensitive`. The notes in an earlier overview at
    `output` are carried over (one pvs cannot read is refused, not overwritten). With `pupils`
    (a school export, read with `mapping` as run_batch reads it, or the batch's manifest) it
    also lists who returned a passport, per pupil and per class. With `names_from` (a folder)
    the overview names the files under it by their path inside it. Returns an IntakeSummary,
    whose `rows` are the overview's rows by column key.
    """
    from pvs.jobs.intake.overview import run_intake as intake

    return intake(
        [Path(p) for p in paths],
        output=Path(output),
        sensitive=sensitive,
        reference_date=reference_date,
        processes=processes,
        progress=progress,
        pupils=Path(pupils) if pupils else None,
        mapping=Path(mapping) if mapping else None,
        names_from=Path(names_from) if names_from else None,
    )


def check_template(path: Path, kind: str | None = None) -> list[TemplateProblem]:
    """What is wrong in a Word template a school edited; `kind` follows from the name if None."""
    from pvs.jobs.templatecheck import check_template as check_one
    from pvs.jobs.templatecheck import sample_contexts, template_kind

    chosen = kind or template_kind(Path(path))
    if chosen not in ("paspoort", "ondersteuningsplan", "overdracht"):
        raise UsageError(
            "Kies als soort template 'paspoort', 'ondersteuningsplan' of 'overdracht'."
        )
    context = sample_contexts()[chosen]
    return bounded(check_one, Path(path), context, name=str(path))


def shipped_templates() -> list[Path]:
    """The Word templates pvs ships (templates/*.docx), to check them or start from them."""
    return sorted(data_dir("templates").glob("*.docx"))


def redact(passport: Passport) -> Passport:
    """The passport with sensitive text replaced by '[afgeschermd]' and other sensitive values
    left out, for someone who may see the passport but not the health or support details."""
    return screen(passport, load_form_model())


def data_dictionary() -> str:
    """Every field with its path, kind, choices and sensitivity, as Markdown for school staff."""
    return to_markdown(load_form_model(), SCHEMA_VERSION)
