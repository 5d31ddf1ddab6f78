"""Grappler's MinimizeBroadcasts below a feed, on its symbolic shapes (golden
math/pfedshape_broadcasts): a conv or dense layer of a fed tensor gives the rank back."""
import numpy as np
import pytest

import flowgrad as tf
try:
    from flowgrad.engine.optimize._util import (shapes_broadcastable, shapes_symbolically_equal,
                                            symbolic_size_less)
except ImportError:
    pass
from goldens import generator, load

GEN = generator("math", "pfedshape_broadcasts")
GOLD = load("math", "pfedshape_broadcasts")
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
    """Where TF regroups below a feed its values differ from the written order; an
    elementwise op of the fed tensor itself (unknown rank) is left as written."""
    differ = {k for k in GOLD["on"] if (GOLD["on"][k] != GOLD["off"][k]).any()}
    assert {"conv_norm", "conv_norm_none_batch", "reshape_conv_norm", "dense_batch_norm",
            "dense_relu", "conv_scalars", "reshape_const_norm", "flatten_dense",
            "const_pushed_down", "const_pushed_down_2"} <= differ
    assert "raw_norm" not in differ


def test_symbolic_predicates():
    """grappler/utils/symbolic_shapes.cc's predicates on flowgrad's symbolic shapes
    (ints <= -2 are symbols)."""
    a = -2
    assert shapes_symbolically_equal((a, 16), (a, 16))
    assert not shapes_symbolically_equal((a, 16), (-3, 16))
    assert not shapes_symbolically_equal(None, None)
    assert shapes_broadcastable((a, -3, -4, 16), (a, 1, 1, 16))
    assert not shapes_broadcastable((-5, 16), (a, 16))
    assert symbolic_size_less((16,), (a, 16))        # a symbol left only on the right
    assert not symbolic_size_less((a, 1), (16,))
    assert symbolic_size_less((a, 1), (a, 16))       # the symbols cancel
    assert not symbolic_size_less((a, 16), (-3, 16))
