"""Patches whose window does not fit a VALID input, against TF 1.14
(tests/golden/array_extra/gen_patches_window.py): an empty output while
(in - eff + stride) / stride is not negative, TF's "Computed output size would be negative"
otherwise (ValueError when building, InvalidArgumentError when running); TF's static
[batch, ?, ?, depth] (rank 4 for volumes too) when a spatial size is unknown."""
import pytest

import flowgrad as tf
from golden_case_checks import check_case, check_error
from goldens import generator, load

GEN = generator("array_extra", "patches_window")
WANT = load("array_extra", "patches_window")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # made on an Intel Xeon (WANT["host"]); the values are exact, the host pinned as for
    # every golden made there
    monkeypatch.setenv("FLOWGRAD_CPU", WANT["host"])


def test_golden_host_is_recorded():
    assert WANT["host"] == "intel"


@pytest.mark.parametrize("case", sorted(GEN.CASES))
def test_as_tf(case):
    check_case(GEN.CASES[case], WANT[case])


@pytest.mark.parametrize("case", sorted(GEN.ERRORS))
def test_errors_as_tf(case):
    check_error(GEN.ERRORS[case], WANT["error:" + case])


def test_static_shapes_as_tf():
    with tf.Graph().as_default():
        assert [GEN._static(tf, *a) for a in GEN.STATIC] == WANT["static_shapes"]
