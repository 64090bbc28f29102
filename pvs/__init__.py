"""pvs: the Paspoort voor Succes as schema, forms, completeness checks and support plans."""

from pvs.checking.check import Problem, Report, SectionScore, check
from pvs.documents.jsonfile import load_passport
from pvs.errors import PvsError, UnreadableFile, UsageError
from pvs.model.formmodel import Field, FormModel, Group, Option, load_form_model
from pvs.model.schema import SCHEMA_VERSION, STAGES

__all__ = [
    "SCHEMA_VERSION",
    "STAGES",
    "Field",
    "FormModel",
    "Group",
    "Option",
    "Problem",
    "PvsError",
    "Report",
    "SectionScore",
    "UnreadableFile",
    "UsageError",
    "check",
    "load_form_model",
    "load_passport",
]
