"""The nodes HoistCommonFactor adds (engine/optimize/hoist_common_factor.py) carry TF 1.14's
names: `.../HoistCommonFactor_Add_<sum>` for the inner sum (a copy of the sum's op),
`.../HoistCommonFactor_Mul_<sum>` / `_Div_<sum>` for the outer node, as the oracle's
partition graph shows them (golden math/hoist_names); the values bit for bit."""
import re

import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("math", "hoist_names")
GOLD = goldens.load("math", "hoist_names")


def _run(form):
    """([op, name] of the plan's HoistCommonFactor nodes, sorted; the fetched value)."""
    with tf.Graph().as_default():
        out, feed = GEN.build(tf, form)
        md = tf.RunMetadata()
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            for _ in range(2):      # (the second run's plan has every pass)
                value = s.run(out, feed, options=tf.RunOptions(), run_metadata=md)
    rows = re.findall(r"= (\w+)\(.*#\s*(\S*HoistCommonFactor\S*)", md.optimized_ir)
    return sorted([op, name] for op, name in rows), value


@pytest.mark.parametrize("form", GEN.FORMS)
def test_hoisted_nodes_named_as_tf114(form):
    hoisted, value = _run(form)
    assert hoisted == GOLD["hoisted"][form]
    np.testing.assert_array_equal(value, GOLD["values"][form])
