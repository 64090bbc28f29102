"""Staff-facing words for the schema's pupil-facing choices, shared by the plan and the handover.

The schema speaks to the pupil ("Praktisch werken (met je handen)"); a document for a coach,
an employer or a gemeente names the same things in the third person.
"""

from __future__ import annotations

SKILLS = {
    "samenwerken": "Samenwerken",
    "plannen": "Plannen",
    "zelfstandig_werken": "Zelfstandig werken",
    "communiceren": "Communiceren",
    "praktisch_werken": "Praktisch werken",
    "doorzetten": "Doorzetten",
    "creatief": "Creatief zijn",
}
