"""Keras after a model is made, against TF 1.14 (tests/golden/keras/gen_pkeras3_tracking.py):
lists and dicts a subclassed model's attributes hold, appended to after assignment (and
a tuple, not tracked): weights, layers, save_weights keys, a fit; save_weights /
tf.train.Checkpoint restored into a subclassed model not yet built or compiled (the
load status's assertions, a dropped Checkpoint's empty AssertionError, the values after
the first call, a predict, a fit); fit of a Sequential built with build(input_shape) or
by fit (its output 'output_1', the graph's ops, losses and weights).

The golden comes from an Intel Xeon: the generator runs under flowgrad in one process
with FLOWGRAD_CPU=intel (the suite pins amd, conftest.py; the kernels read it when they
load)."""
import os
import pickle
import subprocess
import sys

import pytest

from goldens import load
from test_data import _same

GOLD = load("keras", "pkeras3_tracking")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

_RUN = """
import pickle, sys
sys.path[:0] = [{tests!r}, {golden!r}]
import flowgrad as tf
import goldens
out = goldens.generator("keras", "pkeras3_tracking").cases(tf)
with open({path!r}, "wb") as f:
    pickle.dump(out, f)
"""


@pytest.fixture(scope="module")
def got(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("pkeras3") / "out.pkl")
    code = _RUN.format(tests=os.path.join(ROOT, "tests"),
                       golden=os.path.join(ROOT, "tests", "golden"), path=path)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "FLOWGRAD_CPU": "intel"}, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    with open(path, "rb") as f:
        return pickle.load(f)


def test_host():
    assert GOLD["host"] == "intel"


@pytest.mark.parametrize("key", sorted(GOLD["containers"]))
def test_containers_as_tf(got, key):
    _same(got["containers"][key], GOLD["containers"][key])


@pytest.mark.parametrize("case", sorted(GOLD["deferred"]))
def test_deferred_restore_as_tf(got, case):
    want = GOLD["deferred"][case]
    assert len(got["deferred"][case]) == len(want)
    for g, w in zip(got["deferred"][case], want):
        _same(g, w)


@pytest.mark.parametrize("how", ["build", "fit"])
def test_sequential_fit_as_tf(got, how):
    want = GOLD["sequential_build"][how]
    assert sorted(got["sequential_build"][how]) == sorted(want)
    for key in want:
        _same(got["sequential_build"][how][key], want[key])
