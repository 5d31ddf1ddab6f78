"""Grappler's constant push-down into a product read through a tf.gradients gate, in
its second round after the arithmetic optimizer sorted the product's inputs by name
(engine/optimize/constant_push_down.py `sorted_gates`), against TF 1.14 (golden
math/push_down_gated, made on the host it records)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("math", "push_down_gated")
GOLD = goldens.load("math", "push_down_gated")
RUNS = {"gated": ("f", True, True), "gated_late_name": ("w", True, True),
        "gated_arithmetic_off": ("f", True, False), "ungated": ("f", False, True)}


@pytest.fixture(autouse=True)
def _host(monkeypatch):
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["vendor"])


@pytest.mark.parametrize("case", sorted(RUNS))
def test_bits(case):
    f_name, gate, arithmetic = RUNS[case]
    got = GEN.run(tf, f_name, gate, arithmetic)
    want = GOLD[case]
    assert len(got) == len(want)
    for g, w in zip(got, want):
        np.testing.assert_array_equal(np.asarray(g), np.asarray(w))


def test_the_golden_tells_the_orders_apart():
    """`f * (g * r)` where "f" sorts first, `g * (f * r)` otherwise (r = 1 / n)."""
    v = GEN._inputs()
    g, f = -v["t"], v["f"]
    r = np.float32(1) / np.float32(4 * 3 * 3)
    by_name, written = f * (g * r), g * (f * r)
    assert (by_name != written).any()
    np.testing.assert_array_equal(GOLD["gated"][0], by_name)
    np.testing.assert_array_equal(GOLD["gated_arithmetic_off"][0], written)
    np.testing.assert_array_equal(GOLD["ungated"][0], written)
