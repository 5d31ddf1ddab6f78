"""Static shapes where TF 1.14's shape refiner evaluates small constant int subgraphs
(unstack of a folded shape, reductions over some axes of a constant, a computed reduction
axis), and the ops reduce_variance / reduce_std / expm build (golden
array/refine_lead39)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

gen = goldens.generator("array", "refine_lead39")
GOLD = goldens.load("array", "refine_lead39")


@pytest.fixture(scope="module")
def got_shapes():
    return gen.shapes(tf)


@pytest.mark.parametrize("name", [name for name, _ in gen.SHAPES])
def test_static_shape(got_shapes, name):
    assert got_shapes[name] == GOLD["shapes"][name]


@pytest.fixture(scope="module")
def got_ops():
    return gen.ops(tf)


@pytest.mark.parametrize("name", sorted(gen.OPS))
def test_ops_and_value(got_ops, name):
    ops, value = got_ops[name]
    want_ops, want_value = GOLD["ops"][name]
    assert ops == want_ops
    np.testing.assert_allclose(value, want_value, rtol=1e-6)
