"""pvs: the Paspoort voor Succes as schema, forms, completeness checks and support plans.

The public surface: every job as one call, and the types those calls take and give.

    render(passport, "pdf" | "docx", ...) -> bytes     a blank or pre-filled passport
    read(path_or_bytes, ...) -> ReadResult             a returned passport read back
    check(passport, stage) -> Report                   complete for a stage? what is missing?
    plan(passport, ...) -> Plan                        a draft ondersteuningsplan
    handover(passport, ...) -> Handover                a handover for work or day activities
    upgrade(passport) -> Upgraded                      an older passport at the current version
    run_batch(export, output=..., ...) -> BatchResult  a passport per pupil in an export
    run_intake(paths, output=..., ...) -> IntakeSummary  one overview of many returns

Everything else in the package is internal and may change without notice.
"""

from pvs.api import (
    Passport,
    Progress,
    check,
    check_template,
    data_dictionary,
    handover,
    plan,
    read,
    redact,
    render,
    run_batch,
    run_intake,
    shipped_templates,
    upgrade,
)
from pvs.checking.check import Report, SectionScore
from pvs.checking.problem import Problem, ProblemKind, Remark
from pvs.documents.coerce import parse_typed_date as parse_date
from pvs.documents.extraction import FORM_FIELD, PAGE_LAYOUT, Note, ReadResult
from pvs.documents.kinds import FORMATS, OutputFormat, output_format
from pvs.errors import (
    InvalidPassport,
    NoConsent,
    NoHandover,
    NoPlan,
    NotForMbo,
    NotWritten,
    OutputRefused,
    PvsError,
    UnreadableFile,
    UsageError,
)
from pvs.jobs.batch.run import BatchResult, RowOutcome
from pvs.jobs.handover.draft import Handover
from pvs.jobs.handover.receivers import RECEIVERS as HANDOVER_RECEIVERS
from pvs.jobs.intake.overview import IntakeSummary
from pvs.jobs.intake.returns import ReturnList
from pvs.jobs.plan.draft import Plan
from pvs.limits import Limits
from pvs.limits import configure as set_limits
from pvs.model.datadict import KIND_NAMES
from pvs.model.formmodel import Field, FormModel, Group, Kind, Option, load_form_model
from pvs.model.migrations import Change, Upgraded
from pvs.model.passport import display_name
from pvs.model.schema import SCHEMA_VERSION, STAGES, passport_schema, stage_schema
from pvs.output import write_atomic

__all__ = [
    "FORMATS",
    "FORM_FIELD",
    "HANDOVER_RECEIVERS",
    "KIND_NAMES",
    "PAGE_LAYOUT",
    "SCHEMA_VERSION",
    "STAGES",
    "BatchResult",
    "Change",
    "Field",
    "FormModel",
    "Group",
    "Handover",
    "IntakeSummary",
    "InvalidPassport",
    "Kind",
    "Limits",
    "NoConsent",
    "NoHandover",
    "NoPlan",
    "NotForMbo",
    "NotWritten",
    "Note",
    "Option",
    "OutputFormat",
    "OutputRefused",
    "Passport",
    "Plan",
    "Problem",
    "ProblemKind",
    "Progress",
    "PvsError",
    "ReadResult",
    "Remark",
    "Report",
    "ReturnList",
    "RowOutcome",
    "SectionScore",
    "UnreadableFile",
    "Upgraded",
    "UsageError",
    "check",
    "check_template",
    "data_dictionary",
    "display_name",
    "handover",
    "load_form_model",
    "output_format",
    "parse_date",
    "passport_schema",
    "plan",
    "read",
    "redact",
    "render",
    "run_batch",
    "run_intake",
    "set_limits",
    "shipped_templates",
    "stage_schema",
    "upgrade",
    "write_atomic",
]
