"""TF 1.14's public Defun (tensorflow.python.framework.function) and
tf.contrib.layers.scale_gradient against TF 1.14's answers (tests/golden/framework/
gen_pdefun.py): ops, values, gradients, function libraries, errors."""
import inspect
import os

import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load
import script_runner

GOLD = load("framework", "pdefun")
GEN = generator("framework", "pdefun")


def _same(got, want, path=""):
    if isinstance(want, dict):
        assert sorted(got) == sorted(want), path
        for k in want:
            _same(got[k], want[k], f"{path}/{k}")
    elif isinstance(want, (list, tuple)):
        assert len(got) == len(want), (path, got, want)
        for i, (g, w) in enumerate(zip(got, want)):
            _same(g, w, f"{path}[{i}]")
    elif isinstance(want, np.ndarray) or isinstance(got, np.ndarray):
        np.testing.assert_array_equal(np.asarray(got), want, err_msg=path)
    else:
        assert got == want, (path, got, want)


@pytest.mark.parametrize("case", sorted(c for c in GOLD if c != "imported"))
def test_case(case):
    _same(getattr(GEN, "case_" + case)(tf), GOLD[case])


def test_import_tf_graph_def():
    """TF's GraphDef (its library's Defuns, their gradient map) imported and run."""
    want = GOLD["imported"]
    _same(GEN.import_and_run(tf, want["graph_def"]), want["run"])


SCRIPTS = os.path.join(os.path.dirname(__file__), "pdefun_scripts")
SCRIPT_GOLD = load("seeded", "pdefun_scripts")


def test_every_script_has_a_golden():
    assert sorted(SCRIPT_GOLD) == sorted(f for f in os.listdir(SCRIPTS) if f.endswith(".py"))


@pytest.mark.parametrize("script", sorted(SCRIPT_GOLD))
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(SCRIPTS, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == SCRIPT_GOLD[script]


def test_scale_gradient_argspec():
    """scale_gradient is an _OverloadedFunction: TF's argspec is its __call__'s."""
    spec = load("api", "tf114_api")["modules"]["tf.contrib.layers"]["scale_gradient"]
    got = inspect.getfullargspec(type(tf.contrib.layers.scale_gradient).__call__)
    assert (got.args, got.varargs, got.varkw) == (
        spec["argspec"]["args"], spec["argspec"]["varargs"], spec["argspec"]["varkw"])


def test_defun_signature():
    """Defun(*input_types, **kwargs), as TF 1.14."""
    from flowgrad.defun import Defun
    got = inspect.getfullargspec(Defun.__init__)
    assert (got.args, got.varargs, got.varkw) == (["self"], "input_types", "kwargs")


def test_definition_is_the_library_function():
    from flowgrad.defun import Defun

    @Defun(tf.float32, tf.float32)
    def MyAdd(x, y):
        """adds"""
        return x + y * 2.0

    with tf.Graph().as_default() as g:
        MyAdd(tf.constant(1.0), tf.constant(2.0))
        (lib,) = g.as_graph_def().library.function
    assert MyAdd.definition == lib
    assert lib.signature.name == MyAdd.name
    assert lib.signature.description == "adds"


@pytest.mark.parametrize("kwargs,named", [
    ({"compiled": True}, "Defun(compiled=...)"),
    ({"separate_compiled_gradients": True}, "Defun(separate_compiled_gradients=...)"),
    ({"capture_by_value": True}, "Defun(capture_by_value=True)"),
])
def test_unsupported_options_raise_naming_them(kwargs, named):
    from flowgrad.defun import Defun

    def double(x):
        return x * 2.0
    with tf.Graph().as_default():
        with pytest.raises(NotImplementedError, match=named.replace("(", r"\(").replace(
                ")", r"\)").replace(".", r"\.")):
            Defun(tf.float32, **kwargs)(double)(tf.constant(1.0))
