"""tests/slow_cases.txt (the cases CI's slow leg runs instead of the default suite) names
only tests that exist: a renamed test or case would silently come back into the default
suite's time, or a stale line hide nothing."""
import ast
import os

import pytest
from conftest import slow_cases

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _functions(path):
    with open(os.path.join(ROOT, path)) as f:
        tree = ast.parse(f.read())
    return {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}


def test_every_line_names_a_test_module_and_function():
    missing = []
    for case in sorted(slow_cases()):
        path, _, rest = case.partition("::")
        if not os.path.isfile(os.path.join(ROOT, path)):
            missing.append(case)
        elif rest and rest.split("[")[0] not in _functions(path):
            missing.append(case)
    assert not missing


@pytest.mark.slow   # (collects the files it names: ~3 s)
def test_parametrized_ids_exist():
    """Each test id with parameters is one of its function's collected cases."""
    import subprocess
    import sys
    ids = sorted(c for c in slow_cases() if "[" in c)
    files = sorted({c.split("::")[0] for c in ids})
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "--collect-only", "-m", "",
                          "-p", "no:cacheprovider", *files],
                         cwd=ROOT, capture_output=True, text=True).stdout
    collected = set(out.split())
    assert [c for c in ids if c not in collected] == []
