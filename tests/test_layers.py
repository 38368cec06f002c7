"""The plan of the code holds: imports flow one way (working copy, then editions, then
the public pages and the feed), and the contract in pyproject.toml notices an import
that runs back up."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"][
    "root_packages"
]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"

pytestmark = pytest.mark.skipif(
    not LINT_IMPORTS.exists(), reason="import-linter is not installed (make test installs it)"
)


def _lint_imports(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _copy_of_the_code(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    return tmp_path


def test_the_code_keeps_its_layers():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "upward"),
    [
        ("offer/reviews.py", "import editions.selectors"),  # working copy reading editions
        ("editions/publishing.py", "import public.published"),  # publishing reading pages
        ("core/wording.py", "import offer.models"),  # the shared base knowing an app
        ("providers/models.py", "import contacts.models"),  # siblings stay independent
    ],
)
def test_an_import_that_runs_back_up_breaks_the_contract(tmp_path, module, upward):
    copy = _copy_of_the_code(tmp_path)
    source = copy / module
    source.write_text(source.read_text() + f"\n{upward}  # noqa\n")
    result = _lint_imports(copy)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
