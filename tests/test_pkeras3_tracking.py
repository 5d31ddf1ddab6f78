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
import pytest

from goldens import flowgrad_cases_on, load
from test_data import _same

GOLD = load("keras", "pkeras3_tracking")


@pytest.fixture(scope="module")
def got():
    return flowgrad_cases_on("keras", "pkeras3_tracking", GOLD["host"], timeout=600)


def test_host():
    assert GOLD["host"] == "intel"


@pytest.mark.parametrize("key", sorted(GOLD["containers"]))
def test_containers_as_tf(got, key):
    _same(got["containers"][key], GOLD["containers"][key])


@pytest.mark.parametrize("case", sorted(GOLD["mutations"]))
def test_mutations_as_tf(got, case):
    _same(got["mutations"][case], GOLD["mutations"][case])


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
