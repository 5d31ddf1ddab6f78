"""The golden files themselves: one generator per file, one format, versions recorded."""
import ast
import glob
import os

import pytest

import goldens

GEN = sorted(glob.glob(os.path.join(goldens.GOLDEN, "**", "gen_*.py"), recursive=True))
JSON = sorted(glob.glob(os.path.join(goldens.GOLDEN, "**", "*.json"), recursive=True))


def _area_stem(path):
    area = os.path.relpath(os.path.dirname(path), goldens.GOLDEN).replace(os.sep, "/")
    stem = os.path.basename(path)
    return area, stem[len("gen_"):-len(".py")] if stem.startswith("gen_") else stem[:-5]


def test_every_generator_has_its_golden_and_every_golden_its_generator():
    assert {_area_stem(p) for p in GEN} == {_area_stem(p) for p in JSON}


@pytest.mark.parametrize("path", JSON, ids=lambda p: "/".join(_area_stem(p)))
def test_golden_header_records_generator_and_versions(path):
    area, stem = _area_stem(path)
    head = goldens.header(area, stem)
    assert head["generator"] == f"tests/golden/{area}/gen_{stem}.py"
    assert head["versions"]["tensorflow"] == "1.14.0"
    assert set(head["versions"]) == {"tensorflow", "numpy", "python"}
    assert goldens.load(area, stem)


@pytest.mark.parametrize("path", sorted(glob.glob(os.path.join(goldens.GOLDEN, "**", "*.py"),
                                               recursive=True)),
                         ids=lambda p: os.path.relpath(p, goldens.GOLDEN))
def test_generator_code_parses_as_python_37(path):
    """The oracle runs Python 3.7: no syntax from later versions (walrus, match, ...)."""
    with open(path) as f:
        tree = ast.parse(f.read(), path, feature_version=(3, 7))
    if os.path.basename(path).startswith("gen_"):
        assert any(isinstance(n, ast.FunctionDef) and n.name == "cases" for n in tree.body)


def test_relative_paths_strip_the_checkout_root_in_both_spellings():
    """TF 1.14's OpError messages strip the traceback files' common prefix (`/`), so a
    generator run from /work/wt/x prints "defined at work/wt/x/tests/...": the runner removes
    that spelling too, and leaves paths that merely contain the root's words."""
    import goldenio
    root = "/work/wt/x"
    msg = ('[[node mul (defined at work/wt/x/tests/golden/a/gen_b.py:3) ]]\n'
           '  File "work/wt/x/tools/oracle/run_generators.py", line 93, in main\n'
           '  File "/work/wt/x/tests/golden/a/gen_b.py", line 3, in cases\n'
           '  File "/tmp/tf114/lib/python3.7/site-packages/tensorflow/ops.py", line 1\n'
           '  File "/tmp/work/wt/x/y.py" and other/work/wt/x/z.py')
    want = ('[[node mul (defined at tests/golden/a/gen_b.py:3) ]]\n'
            '  File "tools/oracle/run_generators.py", line 93, in main\n'
            '  File "tests/golden/a/gen_b.py", line 3, in cases\n'
            '  File "/tmp/tf114/lib/python3.7/site-packages/tensorflow/ops.py", line 1\n'
            '  File "/tmp/work/wt/x/y.py" and other/work/wt/x/z.py')
    assert goldenio.relative_paths(msg, root) == want
    got = goldenio.relative_paths({"c": [msg, ("work/wt/x/a", 1)], "n": 2}, root + "/")
    assert got == {"c": [want, ("a", 1)], "n": 2}
    # recorded errors too (an OpError instance or a GoldenError keeping part of its message)
    err = goldenio.GoldenError("InvalidArgumentError", msg)
    assert goldenio.relative_paths([err, ValueError(msg)], root) == [
        goldenio.GoldenError("InvalidArgumentError", want),
        goldenio.GoldenError("ValueError", want)]
