"""The plan of the code holds: imports flow one way (working copy, then editions, then
the public pages and the feed), the contract in pyproject.toml notices an import that
runs back up, and no model points up the layers either (a relation names its model as
a string, which no import checker sees)."""

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
        ("editions/publishing.py", "import public.viewing"),  # publishing reading pages
        ("core/wording.py", "import offer.models"),  # the shared base knowing an app
        ("contacts/models.py", "import editions.models"),  # the working copy reading editions
        ("imports/views.py", "import editions.publishing"),  # siblings stay independent
    ],
)
def test_an_import_that_runs_back_up_breaks_the_contract(tmp_path, module, upward):
    copy = _copy_of_the_code(tmp_path)
    source = copy / module
    source.write_text(source.read_text() + f"\n{upward}  # noqa\n")
    result = _lint_imports(copy)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout


def _layers() -> list[set[str]]:
    """The contract's layers, top first, each as the set of its packages."""
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    layered = next(c for c in contracts["contracts"] if c["type"] == "layers")
    return [
        {name.strip() for part in layer.split("|") for name in part.split(":")}
        for layer in layered["layers"]
    ]


@pytest.mark.django_db
def test_no_model_relation_runs_up_the_layers():
    from django.apps import apps

    layers = _layers()
    depth = {package: number for number, layer in enumerate(layers) for package in layer}
    upward = []
    for model in apps.get_models():
        source = model._meta.app_label
        if source not in depth:
            continue  # Django's own apps and libraries'
        for field in model._meta.get_fields(include_hidden=True):
            if not field.is_relation or field.auto_created or field.related_model is None:
                continue
            target = field.related_model._meta.app_label
            # A lower layer has a higher number; the same layer may refer within itself.
            if target in depth and depth[target] < depth[source]:
                upward.append(
                    f"{model._meta.label}.{field.name} -> {field.related_model._meta.label}"
                )
    assert upward == []
    # And the layers say what the plan says: editions above the working copy.
    assert depth["editions"] < depth["offer"] == depth["providers"] == depth["contacts"]
