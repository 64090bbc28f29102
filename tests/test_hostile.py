"""Every file of the hostile corpus gets a Dutch message and its exit code: no traceback, no
hang (10 s), no swelling (500 MB), and no file under its final name when pvs refuses. A batch
that reads its export always writes its manifest, and what the manifest says counts as said."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pvs.jobs.batch.run import MANIFEST
from tests.hostile.corpus import CASES, Case

PVS = str(Path(sys.executable).with_name("pvs"))
# Runs a command and reports its exit code, output and the peak memory of the process.
PROBE = (
    "import json, resource, subprocess, sys; "
    "r = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=10); "
    "print(json.dumps({'code': r.returncode, 'out': r.stdout[-4000:], 'err': r.stderr, "
    "'mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))"
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for case in CASES:
        (folder / case.name).write_bytes(case.make())
    return folder


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_file(case: Case, corpus: Path, tmp_path: Path) -> None:
    source = corpus / case.name
    out = tmp_path / ("uit" if case.command[0] == "batch" else "uit.json")
    args = [a.replace("{}", str(source)).replace("{out}", str(out)) for a in case.command]
    result = json.loads(
        subprocess.run(
            [sys.executable, "-c", PROBE, PVS, *args], capture_output=True, text=True, check=True
        ).stdout
    )
    said = result["out"] + result["err"]
    if case.command[0] == "batch" and case.exit_code in (0, 1):  # the export was read
        assert (out / MANIFEST).exists(), said
        said += (out / MANIFEST).read_text(encoding="utf-8-sig")
    assert result["code"] == case.exit_code, said
    assert case.message in said
    assert "Traceback" not in said
    assert result["mb"] < 500
    if case.exit_code == 3 and case.command[0] != "check":
        written = list(out.iterdir()) if out.is_dir() else [out] if out.exists() else []
        assert written == []
