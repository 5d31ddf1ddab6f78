"""Unordered write/read pairs run in the order TF 1.14's executor gives them (races.tf_order):
a metric's value fetched with its update op is the value before the update, as TF prints
it (tests/golden/races, kept only where TF gave the same value in five runs)."""
import os
import sys
import warnings

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.runtime import races

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden"))
import goldens  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "races"))
import gen_races  # noqa: E402

WANT = goldens.load("races", "races")


@pytest.mark.parametrize("name", sorted(WANT))
def test_tf_executor_order(name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", races.RaceWarning)
        got = gen_races.run_case(tf, gen_races.CASES[name])
    for g, w in zip(got, WANT[name]):
        np.testing.assert_allclose(g, w, rtol=1e-6)


def test_metric_value_is_read_before_its_update():
    assert "metric_accuracy" in WANT   # TF's answer is deterministic there
    assert float(WANT["metric_accuracy"][1]) == 0.0


def test_equal_depths_keep_creation_order():
    with tf.Graph().as_default():
        v = tf.get_variable("v", initializer=1.0)
        up = tf.assign_add(v, 1.0)
        read = v * 2.0
        with tf.Session() as s, warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", races.RaceWarning)
            s.run(v.initializer)
            got = s.run([up, read])
        assert got == [2.0, 4.0]   # both depth 2: the creation order, write first
        assert any(issubclass(w.category, races.RaceWarning) for w in caught)


def test_off_policy_still_orders_as_tf():
    old = races.set_policy("off")
    try:
        got = gen_races.run_case(tf, gen_races.CASES["metric_accuracy"])
    finally:
        races.set_policy(old)
    assert float(got[1]) == 0.0
