"""tf.contrib.distributions against TF 1.14
(tests/golden/contrib_distributions/gen_contrib_distributions.py): seeded samples over two
runs (TF's numbers), densities, statistics, errors, op names and the seed2 of a graph-seeded
random op created after each call."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("contrib_distributions", "contrib_distributions")
GOLD = goldens.load("contrib_distributions", "contrib_distributions")


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
    if exp.dtype.kind in "iub":
        np.testing.assert_array_equal(got, exp, err_msg=path)
    else:
        # Erfinv (float64, rounded once) may differ from TF's float32
        # algorithms in the last bits
        np.testing.assert_allclose(got, exp, rtol=5e-6, atol=1e-6, err_msg=path)


# cases through Erfinv (HalfNormal's quantiles); the
# others are TF's bits
_CLOSE = {"half_normal"}


@pytest.mark.parametrize("name", GEN.names())
def test_values_match_tf(name):
    value, _, _ = GEN.run_case(tf, name)
    if name in _CLOSE:
        _close(value, GOLD["value/" + name], name)
    else:
        goldens.same_bits(value, GOLD["value/" + name], name)


@pytest.mark.parametrize("name", GEN.names())
def test_ops_and_seed2_match_tf(name):
    _, ops, seed2 = GEN.run_case(tf, name)
    assert seed2 == GOLD["seed2/" + name]
    assert ops == GOLD["ops/" + name]
