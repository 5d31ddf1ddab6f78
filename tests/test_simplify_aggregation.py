"""Grappler's SimplifyAggregation (engine/optimize/simplify_aggregation.py) against TF 1.14
(tests/golden/math/gen_simplify_aggregation.py): an unfetched float AddN of one tensor
repeated runs as Mul(Const(N), x), bit for bit; also a gated gradient's (Grappler's
second round reads through its gate Identities); a fetched one and everything with
arithmetic_optimization off keep the AddN's running sum."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.optimize import simplify_aggregation as sa
from flowgrad.engine.runtime.ir import lower

import goldens

GOLDEN = goldens.load("math", "simplify_aggregation")
GEN = goldens.generator("math", "simplify_aggregation")


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_case_matches_tf_bit_for_bit(name):
    fn = getattr(GEN, name.replace("_arithmetic_off", ""))
    got = fn(tf, arithmetic=not name.endswith("_arithmetic_off"))
    goldens.same_exact(got, GOLDEN[name], name)


def _running_sum(y, n):
    acc = y
    for _ in range(n - 1):
        acc = acc + y
    return acc


def test_golden_tells_product_from_sum():
    y = GOLDEN["repeated_fed"][-1]
    for k, n in enumerate((6, 7, 9)):
        inner, fetched = GOLDEN["repeated_fed"][2 * k], GOLDEN["repeated_fed"][2 * k + 1]
        assert np.array_equal(inner, np.float32(n) * y)
        assert not np.array_equal(inner, _running_sum(y, n))
        assert np.array_equal(fetched, _running_sum(y, n))
        off = GOLDEN["repeated_fed_arithmetic_off"][2 * k]
        assert np.array_equal(off, _running_sum(y, n))
    got, y = GOLDEN["ones_times_add"]
    assert np.array_equal(got, np.float32(6) * (y + np.float32(1)))
    assert not np.array_equal(got, _running_sum(y + np.float32(1), 6))
    for name in ("ones_times_add", "repeated_variable_double", "grads_ungated", "grads_gated"):
        assert not np.array_equal(GOLDEN[name], GOLDEN[name + "_arithmetic_off"]), name
    got, y = GOLDEN["written_apart"]
    assert np.array_equal(got, np.float32(7) * y)
    assert not np.array_equal(got, _running_sum(y, 7))
    r = GOLDEN["repeated_sole_mul"]
    x = GEN._x(6)
    f = np.float32
    assert np.array_equal(r[0], x * (f(6) * r[1]))                 # Placeholder first
    assert np.array_equal(r[3], r[4] * (f(7) * x))                 # Tanh before x
    assert np.array_equal(r[6], r[8] * (f(6) * r[7]))              # aa before zz
    assert np.array_equal(r[9], r[10] * (f(6) * f(0.37)))
    assert not np.array_equal(r[0], r[1] * (f(6) * x))
    # (a * b, read by the AddN alone, then takes the 6 in: a * (6 * b))
    got, ab = GOLDEN["written_commuted"]
    a, b = GEN._x(7), GEN._x(8) / f(100)
    assert np.array_equal(got, a * (f(6) * b))
    assert not np.array_equal(got, _running_sum(ab, 6))
    r = GOLDEN["readers_fed"]
    y, z = r[1], GEN._x(2)
    assert np.array_equal(r[0], y * (f(6) * f(0.37)))            # s * 0.37
    assert np.array_equal(r[2], (f(6) * y) * z)                   # s * z
    assert np.array_equal(r[4], f(6) * y + z)                     # s + z
    assert not np.array_equal(r[4], _running_sum(y, 6) + z)
    # gated: Grappler's second round reads through the gate Identities
    assert np.array_equal(GOLDEN["grads_gated"], GOLDEN["grads_ungated"])


def _program(fetch):
    return lower(tf.get_default_graph(), [fetch], [], [])


def test_rewrite_builds_tf_nodes():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [3])
        y = tf.tanh(x)
        s = tf.add_n([y, y, y], name="scope/total")
        out = sa.simplify_aggregation(_program(tf.identity(s)))
        kinds = [(n.type, n.name) for n in out.nodes if n.type in ("AddN", "Mul", "Const")]
        assert kinds == [
            ("Const", "scope/ArithmeticOptimizer/SimplifyAggregation_Const_total"),
            ("Mul", "scope/ArithmeticOptimizer/SimplifyAggregation_Mul_total")]
        const = next(n for n in out.nodes if n.type == "Const")
        assert const.attrs["value"] == np.float32(3)
        # a fetched AddN is in Grappler's preserve set; in a loop body it is not
        prog = _program(s)
        assert sa.simplify_aggregation(prog) is prog
        assert sa.simplify_aggregation(prog, loop_body=True) is not prog


@pytest.mark.parametrize("build", [
    lambda y: tf.add_n([y, tf.identity(y)]),            # inputs not all one tensor
    lambda y: tf.cast(tf.add_n([tf.cast(y, tf.int32)] * 3), tf.float32),   # int dtype
    lambda y: tf.add_n([y, y]) * 2.0,                     # read by a Mul
    lambda y: tf.identity(tf.add_n([y + 1.0] * 3)),       # an add repeated
    lambda y: tf.identity(tf.add_n([y * 3.0] * 6)),       # a Mul only it reads
], ids=["distinct", "int32", "mul_reader", "add_input", "sole_mul_input"])
def test_declines(build):
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [3])
        prog = _program(build(tf.tanh(x)))
        assert sa.simplify_aggregation(prog) is prog
