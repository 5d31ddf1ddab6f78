"""tools/check_layers.py on small fake source trees."""
import importlib.util
import sys
import textwrap
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parent.parent / "tools" / "check_layers.py"
_spec = importlib.util.spec_from_file_location("check_layers", _PATH)
check_layers = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("check_layers", check_layers)  # dataclasses look their module up
_spec.loader.exec_module(check_layers)


def make_tree(root, files):
    """Write {relative path: source} under root/src and return the src path."""
    src = root / "src"
    for rel, text in files.items():
        path = src / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return src


def run(tmp_path, files, allow="", capsys=None):
    src = make_tree(tmp_path, files)
    allow_path = tmp_path / "allow.txt"
    allow_path.write_text(allow)
    code = check_layers.main(["--src", str(src), "--engine", "pkg.engine",
                              "--allow", str(allow_path), "--list-lazy"])
    out = capsys.readouterr().out if capsys else ""
    return code, out


BASE = {
    "pkg/__init__.py": "from . import surface\n",
    "pkg/engine/__init__.py": "",
    "pkg/engine/core.py": "import os\n",
    "pkg/engine/ops.py": "from . import core\nfrom .core import os\n",
    "pkg/surface.py": "from pkg.engine import ops\nfrom .engine.core import os\n",
}


def test_clean_tree_passes(tmp_path, capsys):
    code, out = run(tmp_path, BASE, capsys=capsys)
    assert code == 0, out
    assert "0 cycles, 0 upward imports, 0 function-level imports" in out
    assert "0 new" in out


def test_module_names_and_edges(tmp_path):
    src = make_tree(tmp_path, BASE)
    modules, imports = check_layers.collect(src)
    assert set(modules) == {"pkg", "pkg.engine", "pkg.engine.core", "pkg.engine.ops",
                            "pkg.surface"}
    edges = {(i.source, i.target) for i in imports}
    # `from . import core` names the submodule; `from .core import os` the module itself
    assert edges == {("pkg", "pkg.surface"), ("pkg.engine.ops", "pkg.engine.core"),
                     ("pkg.surface", "pkg.engine.ops"), ("pkg.surface", "pkg.engine.core")}


def test_cycle_through_a_function_level_import_is_a_cycle(tmp_path, capsys):
    files = dict(BASE)
    files["pkg/engine/core.py"] = """\
        def f():
            from . import ops  # lazy: ops imports core
            return ops
        """
    code, out = run(tmp_path, files, capsys=capsys)
    assert code == 1
    assert "cycle: pkg.engine.core pkg.engine.ops" in out
    assert "1 cycles" in out
    # the reason is there, so only the cycle is reported
    assert "lazy-without-reason" not in out
    assert "lazy import: pkg/engine/core.py:2 -> pkg.engine.ops" in out


def test_upward_import_from_the_engine(tmp_path, capsys):
    files = dict(BASE)
    files["pkg/engine/ops.py"] = "from pkg import surface as _s\n"
    code, out = run(tmp_path, files, capsys=capsys)
    assert code == 1
    assert "upward: pkg.engine.ops -> pkg.surface" in out
    # surface -> engine.ops -> surface is a cycle too
    assert "cycle: pkg.engine.ops pkg.surface" in out


def test_upward_import_of_the_top_package(tmp_path, capsys):
    files = dict(BASE)
    files["pkg/engine/core.py"] = "import pkg\n"
    code, out = run(tmp_path, files, capsys=capsys)
    assert code == 1
    assert "upward: pkg.engine.core -> pkg" in out


def test_function_level_import_needs_a_reason(tmp_path, capsys):
    files = dict(BASE)
    files["pkg/surface.py"] = """\
        def f():
            import json
            from pkg.engine import (
                core,
            )  # lazy: multi-line import, reason on its last line
            return json, core

        def g():
            from pkg.engine import ops  # lazy:
            import numpy  # lazy: optional dependency
            return ops, numpy
        """
    code, out = run(tmp_path, files, capsys=capsys)
    assert code == 1
    # stdlib and third-party imports inside functions count too; an empty reason is none
    assert "lazy-without-reason: pkg.surface -> json" in out
    assert "lazy-without-reason: pkg.surface -> pkg.engine.ops" in out
    assert "pkg.engine.core" not in out.split("lazy-without-reason")[-1]
    assert "4 function-level imports in 1 modules (2 without a reason)" in out


def test_reason_in_a_string_does_not_count(tmp_path, capsys):
    files = dict(BASE)
    files["pkg/surface.py"] = """\
        def f():
            import json; x = "# lazy: not a comment"
            return json, x
        """
    code, out = run(tmp_path, files, capsys=capsys)
    assert code == 1
    assert "lazy-without-reason: pkg.surface -> json" in out


def test_class_body_imports_are_module_level(tmp_path, capsys):
    files = dict(BASE)
    files["pkg/surface.py"] = """\
        class A:
            import json
            def m(self):
                import os  # lazy: test
                return os
        """
    code, out = run(tmp_path, files, capsys=capsys)
    assert code == 0, out
    assert "1 function-level imports" in out


def test_type_checking_imports_are_no_cycle_edges_but_still_upward(tmp_path, capsys):
    files = dict(BASE)
    files["pkg/engine/core.py"] = """\
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            from pkg import surface
        """
    code, out = run(tmp_path, files, capsys=capsys)
    assert code == 1
    assert "upward: pkg.engine.core -> pkg.surface" in out
    assert "0 cycles" in out


def test_allowlist_silences_known_violations_and_reports_stale_ones(tmp_path, capsys):
    files = dict(BASE)
    files["pkg/engine/ops.py"] = """\
        def f():
            from pkg import surface
            return surface
        """
    allow = """\
        # known violations
        cycle: pkg.engine.ops pkg.surface
        upward:   pkg.engine.ops -> pkg.surface
        lazy-without-reason: pkg.engine.ops -> pkg.surface  # until the split lands
        upward: pkg.engine.core -> pkg.surface
        """
    code, out = run(tmp_path, files, textwrap.dedent(allow), capsys=capsys)
    assert code == 0, out
    assert "3 allowlisted, 0 new" in out
    assert "stale allowlist entry (no longer occurs, remove it): " \
           "upward: pkg.engine.core -> pkg.surface" in out
    # a new violation still fails
    files["pkg/engine/core.py"] = "from ..surface import os\n"
    code, out = run(tmp_path, files, textwrap.dedent(allow), capsys=capsys)
    assert code == 1
    assert "cycle: pkg.engine.core pkg.engine.ops pkg.surface" in out


def test_relative_imports_from_deep_packages(tmp_path):
    files = {
        "pkg/__init__.py": "",
        "pkg/a/__init__.py": "",
        "pkg/a/b/__init__.py": "from .. import c\nfrom ...d import x\n",
        "pkg/a/c.py": "",
        "pkg/d.py": "x = 1\n",
    }
    src = make_tree(tmp_path, files)
    _, imports = check_layers.collect(src)
    assert {(i.source, i.target) for i in imports} == {("pkg.a.b", "pkg.a.c"),
                                                      ("pkg.a.b", "pkg.d")}


@pytest.mark.parametrize("n", [3, 200])
def test_long_cycles_are_one_component(tmp_path, n):
    files = {"pkg/__init__.py": ""}
    for i in range(n):
        files[f"pkg/m{i}.py"] = f"from . import m{(i + 1) % n}\n"
    files["pkg/tail.py"] = "from . import m0\n"
    src = make_tree(tmp_path, files)
    modules, imports = check_layers.collect(src)
    found = check_layers.violations(modules, imports, "pkg.engine")
    assert len(found) == 1
    assert sorted(found[0].split()[1:]) == sorted(f"pkg.m{i}" for i in range(n))


def test_update_allowlist_keeps_the_header_and_lists_every_violation(tmp_path, capsys):
    files = dict(BASE)
    files["pkg/engine/ops.py"] = "from pkg import surface as _s\n"
    src = make_tree(tmp_path, files)
    allow = tmp_path / "allow.txt"
    allow.write_text("# header line\n# second\nupward: pkg.engine.core -> pkg.surface\n")
    code = check_layers.main(["--src", str(src), "--engine", "pkg.engine",
                              "--allow", str(allow), "--update-allowlist"])
    assert code == 0, capsys.readouterr().out
    assert allow.read_text() == ("# header line\n# second\n"
                                 "cycle: pkg.engine.ops pkg.surface\n"
                                 "upward: pkg.engine.ops -> pkg.surface\n")
