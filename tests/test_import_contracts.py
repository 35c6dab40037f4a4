"""The import contracts of pyproject.toml (``make lint`` runs them) hold, and each one catches what it forbids.

A copy of the project's packages gets one bad import at a time (a machinery module importing a register, a
register importing a register above it, a register importing the site); lint-imports must then fail and name
the broken contract. No database needed.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(root):
    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=root, capture_output=True, text=True, timeout=300, check=False
    )
    return result.returncode, result.stdout + result.stderr


@pytest.fixture(scope="module")
def copy_of_the_project(tmp_path_factory):
    root = tmp_path_factory.mktemp("contracts")
    for package in PROJECT_ROOT.iterdir():
        if (package / "__init__.py").exists() and package.name != "tests":
            shutil.copytree(package, root / package.name, ignore=shutil.ignore_patterns("__pycache__", "migrations"))
    shutil.copy(PROJECT_ROOT / "pyproject.toml", root)
    return root


def test_the_project_keeps_every_contract():
    status, output = lint_imports(PROJECT_ROOT)
    assert status == 0, output
    assert "0 broken" in output


@pytest.mark.parametrize(
    ("module", "bad_import", "contract"),
    [
        ("search/engine.py", "from initiatives.models import Initiative", "Machinery imports no register"),
        ("exports/columns.py", "import portal.views", "Layers: project package"),
        ("people/models.py", "from initiatives.models import Initiative", "Layers: project package"),
        ("partnerships/models.py", "from people.models import Researcher", "Register order"),
        ("directory/admin.py", "from accounts.roles import EDITORS", "Registers import neither"),
        ("search/text.py", "from exports.columns import join", "Machinery parts import"),
        ("exports/cells.py", "from exports.widgets import TextWidget", "No import cycles"),
    ],
)
def test_a_forbidden_import_breaks_its_contract(copy_of_the_project, module, bad_import, contract):
    path = copy_of_the_project / module
    original = path.read_text()
    path.write_text(f"{bad_import}  # noqa\n{original}")
    try:
        status, output = lint_imports(copy_of_the_project)
    finally:
        path.write_text(original)
    assert status != 0, output
    broken = [line for line in output.splitlines() if line.endswith("BROKEN")]
    assert any(line.startswith(contract) for line in broken), output
