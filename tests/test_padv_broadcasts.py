"""Grappler's MinimizeBroadcasts on Mul trees as TF 1.14 runs it (golden
math/padv_broadcasts): leaves multiplied smallest first where every shape is known."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GEN = generator("math", "padv_broadcasts")
GOLD = load("math", "padv_broadcasts")
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
    """TF's values with and without Grappler differ where the tree is regrouped, and not
    where it is left as written."""
    differ = {k for k in GOLD["on"] if (GOLD["on"][k] != GOLD["off"][k]).any()}
    assert {"instance_norm_alone", "four_leaves", "five_leaves", "scalar_const",
            "default_const", "grad_x"} <= differ
    # the instance norm whose `scale * sub` its gradient reads too (and the same tree
    # fetched, which Grappler's dedup makes that node): no tree to regroup
    assert not differ & {"fed", "fetched_inner", "inner", "same_shapes", "ints",
                         "instance_norm", "instance_norm_root_fetched"}
