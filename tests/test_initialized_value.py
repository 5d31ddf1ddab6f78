"""Variable.initialized_value() builds TF 1.14's cond (its names, op counter and run-time
values: the initial value until the variable is initialized, in the run of the initializers
too) (tests/golden/opcounts/gen_initialized_value.py)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("opcounts", "initialized_value")
WANT = goldens.load("opcounts", "initialized_value")


@pytest.mark.parametrize("name", sorted(WANT))
def test_initialized_value_is_tf_cond(name):
    resource, dependent = name.startswith("resource"), name.endswith("dependent")
    got, want = GEN._case(tf, resource, dependent), WANT[name]
    assert (got["name"], got["counter"], got["total"]) == \
        (want["name"], want["counter"], want["total"])
    # flowgrad's cond is one op (cond/Merge); the ops it keeps are TF's, in TF's order
    assert [n for n in want["ops"] if n in got["ops"]] == got["ops"]
    for k in ("uninitialized", "assigned", "random", "init_run", "ema"):
        if k in want:
            np.testing.assert_array_equal(np.asarray(got[k]), np.asarray(want[k]))
