"""Grappler's constant push-down as TF 1.14 runs it (golden math/pcnn_push_down)."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GEN = generator("math", "pcnn_push_down")
GOLD = load("math", "pcnn_push_down")
OFF = tf.ConfigProto(graph_options=tf.GraphOptions(
    rewrite_options=tf.RewriterConfig(disable_meta_optimizer=True)))


@pytest.fixture(scope="module")
def results():
    tf.reset_default_graph()
    on = GEN.run(tf)
    tf.reset_default_graph()
    off = GEN.run(tf, OFF)
    return {"on": on, "off": off}


@pytest.mark.parametrize("mode", ["on", "off"])
@pytest.mark.parametrize("name", sorted(GOLD["on"]))
def test_bits(results, mode, name):
    np.testing.assert_array_equal(results[mode][name], GOLD[mode][name])


def test_the_rewrite_changes_values():
    """The cases are ones where TF's values with and without Grappler differ."""
    differ = [k for k in GOLD["on"] if (GOLD["on"][k] != GOLD["off"][k]).any()]
    assert {"mul_mul", "add_add", "two_nonconst", "chain3", "sum_plus_const", "read_twice",
            "with_default"} <= set(differ)
    # a fetched inner node keeps its value (and so does the chain above it)
    assert "fetched_inner" not in differ and "inner" not in differ
