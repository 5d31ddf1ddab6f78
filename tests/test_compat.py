"""The TF 1.x script layer: `tensorflow` aliasing, tf.app, tf.flags, tf.gfile.

tf.flags and tf.gfile are checked against TF 1.14: tests/golden/compat/*_probe.py
are TF 1.x scripts; what they print under TF 1.14 is recorded in
tests/golden/compat/*.json (gen_flags.py, gen_gfile.py there), and here they run
through `flowgrad run` and must print the same.
"""
import json
import os
import sys
import types

import pytest

import flowgrad
from flowgrad import flags as fl
from flowgrad.cli import run_script
from flowgrad.compat.tf_alias import alias_tensorflow

import goldens

GOLDEN = os.path.join(os.path.dirname(__file__), "golden", "compat")


# -- tensorflow aliasing ------------------------------------------------------------------

def test_import_forms_resolve_to_flowgrad():
    with alias_tensorflow():
        import tensorflow as tf
        import tensorflow.compat.v1 as tf1
        from tensorflow.python.framework import dtypes, ops
        from tensorflow.python.ops import array_ops, math_ops
        from tensorflow.python.platform import gfile
        from tensorflow.python.training import saver as saver_lib  # noqa: F401
        assert tf.Session is flowgrad.Session
        assert tf1.Session is flowgrad.Session
        assert tf.compat.v1.placeholder is flowgrad.placeholder
        assert tf.compat.v1.nn.__name__ == "tensorflow.compat.v1.nn"
        assert ops.Graph is flowgrad.Graph
        assert ops.get_default_graph is flowgrad.get_default_graph
        assert dtypes.float32 is flowgrad.float32
        assert math_ops.add is flowgrad.add
        assert array_ops.reshape is flowgrad.reshape
        assert gfile.Exists is flowgrad.gfile.Exists
        assert tf.app.flags.FLAGS is flowgrad.flags.FLAGS
        assert tf.__version__ == "1.14.0"
        assert tf.__file__ == flowgrad.__file__   # os.path.dirname(tf.__file__) works
        assert tf.nn.__file__.endswith(".py")
        assert tf.compat.as_bytes("ab") == b"ab"
        assert "Session" in dir(tf)
    assert not any(k == "tensorflow" or k.startswith("tensorflow.") for k in sys.modules)


def test_aliased_script_computes():
    with alias_tensorflow():
        import tensorflow.compat.v1 as tf
        x = tf.placeholder(tf.float32, [2])
        y = tf.reduce_sum(x * x)
        (g,) = tf.gradients(y, x)
        with tf.Session() as sess:
            assert sess.run(g, {x: [1.0, 2.0]}).tolist() == [2.0, 4.0]


def _error_of(code):
    with alias_tensorflow():
        try:
            exec(compile(code, "script.py", "exec"), {})  # noqa: S102 - the test input
        except (AttributeError, ImportError) as e:
            return e
    raise AssertionError("no error raised")


@pytest.mark.parametrize("code, cls, missing", [
    ("import tensorflow as tf\n\ntf.contrib.proto.decode_proto", AttributeError,
     "tensorflow.contrib.proto"),
    ("import tensorflow as tf\n\ntf.nn.no_such_cell.LSTMCell", AttributeError,
     "tensorflow.nn.no_such_cell"),
    ("import tensorflow as tf\n\ntf.compat.v1.no_such_fn", AttributeError,
     "tensorflow.compat.v1.no_such_fn"),
    ("import os\n\nimport tensorflow.contrib.proto", ImportError,
     "tensorflow.contrib.proto"),
    ("import os\n\nfrom tensorflow.contrib.proto import decode_proto", ImportError,
     "tensorflow.contrib.proto"),
    ("import os\n\nfrom tensorflow.contrib import proto", ImportError,
     "tensorflow.contrib.proto"),
    ("import os\n\nfrom tensorflow.python.ops import gen_boosted_trees_ops", ImportError,
     "tensorflow.python.ops.gen_boosted_trees_ops"),
    ("import os\n\nfrom tensorflow.examples.tutorials.word2vec import word2vec_basic",
     ImportError, "tensorflow.examples.tutorials.word2vec"),
])
def test_missing_symbol_is_named_with_the_script_line(code, cls, missing):
    e = _error_of(code)
    assert isinstance(e, cls)
    assert str(e) == f"flowgrad does not implement {missing} (used by script.py line 3)"


def test_hasattr_on_a_missing_name_is_false():
    with alias_tensorflow():
        import tensorflow as tf
        assert not hasattr(tf.contrib, "proto")
        assert hasattr(tf, "Session")


def test_alias_restores_what_was_there():
    fake = types.ModuleType("tensorflow")
    sys.modules["tensorflow"] = fake
    try:
        with alias_tensorflow():
            import tensorflow
            assert tensorflow is not fake
            assert tensorflow.constant is flowgrad.constant
        assert sys.modules["tensorflow"] is fake
        assert sys.meta_path[0].__class__.__name__ != "_Finder"
    finally:
        del sys.modules["tensorflow"]


# -- tf.flags and tf.app.run -------------------------------------------------------------

def _golden_lines(stem):
    return [json.loads(line) for line in goldens.load("compat", stem)["stdout"].splitlines()]


def _run_probe(capsys, name, *args):
    assert run_script(os.path.join(GOLDEN, name), list(args)) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_flags_parse_as_tf114(capsys):
    assert _run_probe(capsys, "flags_probe.py") == _golden_lines("flags")


def test_flags_read_before_parse_parses_sys_argv(monkeypatch):
    """tf.app.flags.FLAGS (TF's wrapper of absl's FLAGS) parses sys.argv, known flags only,
    when a flag is read first; absl's own FLAGS would raise."""
    import absl.flags

    names = fl._begin_script()
    try:
        fl.DEFINE_integer("fg_steps", 1, "Steps.")
        monkeypatch.setattr(sys, "argv", ["prog", "--fg_steps=4", "--not_a_flag"])
        assert not fl.FLAGS.is_parsed()
        assert fl.FLAGS.fg_steps == 4
        assert fl.FLAGS.is_parsed() and absl.flags.FLAGS.fg_steps == 4
        assert "fg_steps" in fl.FLAGS
    finally:
        fl._end_script(names)
    assert "fg_steps" not in fl.FLAGS and not fl.FLAGS.is_parsed()


def test_tf_flags_is_absl_flags():
    import absl.flags

    assert fl.FlagValues is absl.flags.FlagValues and fl.Error is absl.flags.Error
    assert fl.FLAGS.__dict__["__wrapped"] is absl.flags.FLAGS
    assert fl.DEFINE_enum is absl.flags.DEFINE_enum


def test_flags_old_keyword_names_defaults_and_setters():
    fv = fl.FlagValues()
    fl.DEFINE_string(flag_name="data", default_value="/tmp", docstring="Data dir.",
                     flag_values=fv)
    fv(["prog"])
    assert fv.data == "/tmp"
    fv.data = "/x"
    assert fv["data"].value == "/x" and fv.flag_values_dict() == {"data": "/x"}
    fv.unparse_flags()
    assert not fv.is_parsed() and fv["data"].value == "/tmp"
    with pytest.raises(fl.DuplicateFlagError, match="'data' is defined twice"):
        fl.DEFINE_string("data", "", "again", flag_values=fv)
    with pytest.raises(AttributeError):
        fv.nope  # noqa: B018


def test_required_flag():
    fv = fl.FlagValues()
    fl.DEFINE_string("out", None, "Output.", flag_values=fv)
    fl.mark_flag_as_required("out", flag_values=fv)
    with pytest.raises(fl.IllegalFlagValueError, match="--out must have a value"):
        fv(["prog"])
    assert fv(["prog", "--out=a"]) == ["prog"]


def _app_script(tmp_path, body):
    path = tmp_path / "app_script.py"
    path.write_text('"""Trains a thing."""\nimport tensorflow as tf\n'
                    'tf.app.flags.DEFINE_integer("steps", 3, "Number of steps.")\n'
                    'FLAGS = tf.app.flags.FLAGS\n' + body)
    return str(path)


def test_app_run_calls_main_with_unparsed_args_and_exits_with_its_result(tmp_path, capsys):
    script = _app_script(tmp_path, "def main(argv):\n    print(FLAGS.steps, argv[1:])\n"
                                   "    return 7\n\ntf.app.run()\n")
    assert run_script(script, ["--steps", "5", "pos", "--other=1"]) == 7
    assert capsys.readouterr().out == "5 ['pos', '--other=1']\n"


def test_app_run_help_and_bad_value(tmp_path, capsys):
    """As TF 1.14 (absl.app.run with TF's known-only parser): --help prints the docstring
    and the script's flags and exits 1; a bad value raises absl's IllegalFlagValueError."""
    script = _app_script(tmp_path, "def main(argv):\n    print('ran')\n\ntf.app.run()\n")
    assert run_script(script, ["--help"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Trains a thing.") and "--steps: Number of steps." in out
    assert "ran" not in out
    assert run_script(script, ["--steps=many"]) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1] == (
        "absl.flags._exceptions.IllegalFlagValueError: flag --steps=many: invalid literal for "
        "int() with base 10: 'many'")


def test_app_run_with_explicit_main_and_argv():
    names = flowgrad.flags._begin_script()
    seen = []
    try:
        with pytest.raises(SystemExit) as e:
            flowgrad.app.run(lambda argv: seen.append(argv), ["prog", "a"])
    finally:
        flowgrad.flags._end_script(names)
    assert e.value.code is None and seen == [["prog", "a"]]


# -- tf.gfile -----------------------------------------------------------------------------

def test_gfile_behaves_as_tf114(capsys, tmp_path):
    base = str(tmp_path / "base")
    got = _run_probe(capsys, "gfile_probe.py", base)
    assert got == _golden_lines("gfile")


def test_every_internal_tf_module_maps_to_existing_flowgrad_modules():
    import importlib

    from flowgrad.compat import tf_alias
    for tf_path, sources in tf_alias._INTERNAL.items():
        for name in sources:
            importlib.import_module(name)  # raises if the table names a missing module
        with alias_tensorflow():
            assert importlib.import_module(tf_path).__name__ == tf_path


def _lazy_names(mod):
    """The names a flowgrad module's `__getattr__` gives beyond its dir()."""
    if mod is flowgrad:
        return list(flowgrad._LAZY_PROTOS)
    if mod is flowgrad.summary:
        return list(flowgrad.summary._PROTOS)
    return []


def test_every_flowgrad_name_is_reachable_through_the_alias():
    """Every public name of `import flowgrad as tf` (dir() and the lazy `__getattr__`
    names), and of each flowgrad submodule reached from it, is the same object through
    `import tensorflow as tf` under the alias."""
    import types

    assert "Summary" in flowgrad._LAZY_PROTOS and "Event" in flowgrad.summary._PROTOS
    checked, seen = 0, set()
    with alias_tensorflow():
        import tensorflow as alias
        stack = [(flowgrad, alias, "tf")]
        while stack:
            mod, amod, path = stack.pop()
            if id(mod) in seen:
                continue
            seen.add(id(mod))
            names = [n for n in dir(mod) if not n.startswith("_")] + _lazy_names(mod)
            for n in names:
                ours = getattr(mod, n)
                got = getattr(amod, n)
                checked += 1
                if isinstance(ours, types.ModuleType):
                    assert isinstance(got, types.ModuleType), f"{path}.{n}"
                    assert got is ours or ours in got._fg_sources, f"{path}.{n}"
                    if ours.__name__.startswith("flowgrad"):
                        stack.append((ours, got, f"{path}.{n}"))
                else:
                    assert got is ours, f"{path}.{n}"
    assert checked > 1000 and len(seen) > 10
