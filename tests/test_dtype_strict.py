"""How the op functions convert their inputs, against TF 1.14 (golden math/dtype_strict):
the first input fixes the dtype (`tf.multiply(2, float_tensor)` raises TF's TypeError),
the Python operators and list inputs convert Python values to the tensors' dtype."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import GoldenError, generator, load

GEN = generator("math", "dtype_strict")
GOLD = load("math", "dtype_strict")


@pytest.mark.parametrize("name", sorted(GOLD))
def test_case(name):
    want = GOLD[name]
    got = GEN.run_case(tf, GEN._make()[name])
    if isinstance(want, GoldenError):
        assert isinstance(got, Exception), got
        assert (type(got).__name__, str(got)) == (want.cls, want.message)
        return
    assert isinstance(got, dict), got
    assert (got["dtype"], got["name"]) == (want["dtype"], want["name"])
    assert got["ops"] == want["ops"]
    np.testing.assert_array_equal(got["value"], want["value"])
    assert got["value"].dtype == want["value"].dtype

def test_the_cases_cover_both_rules():
    """Some cases are rejected only because a leading Python value fixes the dtype."""
    errs = {k for k, v in GOLD.items() if isinstance(v, GoldenError)}
    assert {"multiply_int_first", "maximum_int_first", "where_int_x"} <= errs
    assert not {"multiply_tensor_first", "op_rmul", "op_rsub", "concat_python_first"} & errs
