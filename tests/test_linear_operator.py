"""tf.linalg.LinearOperator against TF 1.14 (tests/golden/linop/gen_linear_operator.py): the
operators' values, static shapes and hints, the algebra between operators, errors, and every
op each case builds (names and types, in order)."""

import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("linop", "linear_operator")
GOLD = goldens.load("linop", "linear_operator")


def _close(got, exp, path):
    if isinstance(exp, goldens.GoldenError):
        assert isinstance(got, BaseException), (path, got)
        assert type(got).__name__ == exp.cls, (path, got)
        assert str(got).split("\n")[0] == exp.message.split("\n")[0], path
        return
    if isinstance(exp, list):
        assert isinstance(got, list) and len(got) == len(exp), (path, got)
        for i, (g, e) in enumerate(zip(got, exp)):
            _close(g, e, f"{path}[{i}]")
        return
    if not isinstance(exp, np.ndarray):
        assert got == exp, (path, got, exp)
        return
    got = np.asarray(got)
    assert (got.dtype, got.shape) == (exp.dtype, exp.shape), path
    if exp.dtype.kind in "iubOS":
        np.testing.assert_array_equal(got, exp, err_msg=path)
    else:
        # decompositions (LU, Cholesky, triangular solves) may round the last bits otherwise
        np.testing.assert_allclose(got, exp, rtol=2e-6, atol=1e-6, err_msg=path)


@pytest.mark.parametrize("name", GEN.names())
def test_values_match_tf(name):
    value, _ = GEN.run_case(tf, name)
    _close(value, GOLD["value/" + name], name)


@pytest.mark.parametrize("name", GEN.names())
def test_ops_match_tf(name):
    _, ops = GEN.run_case(tf, name)
    exp = GOLD["ops/" + name]
    assert ops == exp
