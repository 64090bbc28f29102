"""Set up a local virtual environment and run the project's jobs: `python3 dev.py demo|test`.

Needs only Python 3.11+: the first run creates `.venv` and installs pvs with its test extras;
later runs reinstall only when `pyproject.toml` changed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if sys.platform == "win32" else "bin")
STAMP = VENV / ".pvs-installed"
FILLERS = ROOT / "tests" / "fillers"
# LibreOffice needs a font with Greek and Cyrillic to print the Word passports.
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

# What the tests use to open, fill, flatten and print pvs's documents: a program on the PATH
# (or a file), and the Debian package that brings it.
TEST_PROGRAMS = {
    "pdftotext": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "mutool": "mupdf-tools",
    "qpdf": "qpdf",
    "pdftk": "pdftk-java",
    "gs": "ghostscript",
    "node": "nodejs",
    "npm": "npm",
    "soffice": "libreoffice-writer-nogui",
    "chromium": "chromium",
    DEJAVU: "fonts-dejavu-core",
}


def present(program: str) -> bool:
    """Whether `program` is on the PATH or, when it is a path, the file exists."""
    return Path(program).exists() if program.startswith("/") else shutil.which(program) is not None


def run(*args: str | Path) -> int:
    return subprocess.call([str(a) for a in args], cwd=ROOT)


def ensure_venv() -> None:
    """Create the venv and install the project when missing or out of date."""
    pyproject = ROOT / "pyproject.toml"
    if STAMP.exists() and STAMP.stat().st_mtime >= pyproject.stat().st_mtime:
        return
    if not (BIN / "python").exists():
        print("Virtuele omgeving maken in .venv ...", flush=True)
        try:
            venv.create(VENV, with_pip=True)
        except Exception as exc:  # ensurepip missing on a bare Debian python3
            sys.exit(
                f"Kan geen virtuele omgeving maken ({exc}). "
                "Installeer eerst het pakket python3-venv, bijvoorbeeld: "
                "apt-get install python3-venv"
            )
    print("pvs installeren in .venv ...", flush=True)
    python = BIN / "python"
    if run(python, "-m", "pip", "install", "-q", "--upgrade", "pip") != 0:
        sys.exit("pip bijwerken is mislukt; zie de melding hierboven.")
    if run(python, "-m", "pip", "install", "-q", "-e", ".[test,bench]") != 0:
        sys.exit("pvs installeren is mislukt; zie de melding hierboven.")
    STAMP.touch()


DEMO_OUT = ROOT / "demo-uitvoer"


def demo() -> int:
    """The whole chain on the bundled samples: check, batch, intake overview, support plan."""
    pvs = BIN / "pvs"
    samples = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "samples").glob("*.json"))
    out = DEMO_OUT.relative_to(ROOT)
    steps = [
        (
            "1. Elk voorbeeldpaspoort controleren voor de intake",
            [pvs, "check", "--stage", "intake", *samples],
        ),
        (
            "2. Vooraf ingevulde paspoorten maken uit een Magister-export",
            [
                pvs,
                "batch",
                "samples/export/leerlingen-magister.csv",
                "-o",
                out / "paspoorten",
                "--format",
                "pdf,docx",
                "--zip",
            ],
        ),
        (
            "3. Teruggestuurde paspoorten inlezen in een intake-overzicht",
            [pvs, "intake", "samples/terug", "-o", out / "intake-overzicht.xlsx"],
        ),
        (
            "4. Een concept-ondersteuningsplan voor Daan",
            [
                pvs,
                "plan",
                "samples/10-daan-van-den-berg.json",
                "-o",
                out / "ondersteuningsplan-daan.docx",
            ],
        ),
    ]
    for title, command in steps:
        print(f"\n=== {title} ===\n$ {' '.join(str(c) for c in command[1:])}\n", flush=True)
        # Exit 1 means "incomplete" or "rows skipped": the samples are meant to show that.
        if run(*command) > 1:
            return 1
    print(f"\n=== Klaar. Alles staat in {out}/ ===")
    for path in sorted(DEMO_OUT.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            print(f"  {path.relative_to(ROOT)}")
    return 0


def ensure_test_programs() -> None:
    """Install the Debian packages and npm modules the tests drive, when missing."""
    missing = sorted({pkg for tool, pkg in TEST_PROGRAMS.items() if not present(tool)})
    if missing:
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        print("Programma's voor de tests installeren: " + ", ".join(missing), flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for command in (
            ["apt-get", "update", "-qq"],
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
        ):
            if subprocess.call([*sudo, *command], env=env) != 0:
                sys.exit(
                    "Installeren mislukt. Installeer zelf: apt-get install " + " ".join(missing)
                )
    if not (FILLERS / "node_modules").is_dir():
        npm = ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"]
        if subprocess.call(npm, cwd=FILLERS) != 0:
            sys.exit("npm ci in tests/fillers is mislukt; zie de melding hierboven.")


def test() -> int:
    """Check formatting, run the linter, the type checker and the whole test suite."""
    ensure_test_programs()
    sources = ("pvs", "tests", "dev.py", "bench", "tools")
    for step in (
        (BIN / "ruff", "format", "--check", *sources),
        (BIN / "ruff", "check", *sources),
        (BIN / "mypy",),
        (BIN / "python", "-m", "pytest"),
    ):
        code = run(*step)
        if code != 0:
            return code
    return 0


def bench() -> int:
    """Run every benchmark under bench/; each prints its figures against its baseline."""
    for script in sorted(p for p in (ROOT / "bench").glob("*.py") if not p.name.startswith("_")):
        print(f"\n=== {script.name} ===", flush=True)
        code = run(BIN / "python", script)
        if code != 0:
            return code
    return 0


def main() -> int:
    jobs = {"demo": demo, "test": test, "bench": bench}
    if len(sys.argv) != 2 or sys.argv[1] not in jobs:
        print("Gebruik: python3 dev.py demo | test | bench", file=sys.stderr)
        return 2
    ensure_venv()
    return jobs[sys.argv[1]]()


if __name__ == "__main__":
    sys.exit(main())
