"""tf.Module against TF 1.14 (tests/golden/core/gen_module.py)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

module_cases = goldens.generator("core", "module")
GOLDEN = goldens.load("core", "module")["module"]


@pytest.fixture(scope="module")
def got():
    with tf.Graph().as_default():
        return module_cases.build(tf)


@pytest.mark.parametrize("case", sorted(GOLDEN))
def test_matches_tf114(got, case):
    if isinstance(GOLDEN[case], np.ndarray):
        np.testing.assert_array_equal(got[case], GOLDEN[case])
    else:
        assert got[case] == GOLDEN[case]


def test_checkpoint_of_a_module_tree_matches_tf114():
    with tf.Graph().as_default():
        got = module_cases.checkpoint(tf)
    want = goldens.load("core", "module")["checkpoint"]
    assert got["keys"] == want["keys"]
    assert [n for n, _ in got["restored"]] == [n for n, _ in want["restored"]]
    for (_, a), (_, b) in zip(got["restored"], want["restored"]):
        np.testing.assert_array_equal(a, b)


def test_layers_and_cells_are_modules_as_in_tf114():
    with tf.Graph().as_default():
        got = module_cases.layers(tf)
    assert got == goldens.load("core", "module")["layers"]


def test_checkpoint_of_a_module_holding_layers_as_tf114(tmp_path):
    # TF 1.14 (the oracle): a layer's weights by name below the module's attribute; an
    # unbuilt layer adds no key
    with tf.Graph().as_default():
        m = tf.Module()
        m.d = tf.keras.layers.Dense(2)
        m.e = tf.keras.layers.Dense(2)
        m.d(tf.ones([1, 3]))
        ck = tf.train.Checkpoint(model=m)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            path = ck.save(str(tmp_path / "ck"), session=sess)
    assert [k for k, _ in tf.train.list_variables(path)] == [
        "_CHECKPOINTABLE_OBJECT_GRAPH", "model/d/bias/.ATTRIBUTES/VARIABLE_VALUE",
        "model/d/kernel/.ATTRIBUTES/VARIABLE_VALUE", "save_counter/.ATTRIBUTES/VARIABLE_VALUE"]


def test_name_scope_is_the_graph_at_construction():
    g = tf.Graph()
    with g.as_default():
        m = tf.Module(name="m")
    with g.as_default(), m.name_scope:
        v = tf.Variable(1.0, name="v")
    m.v = v
    assert [x.name for x in m.variables] == ["m/v:0"]


def test_with_name_scope_keeps_the_method():
    class M(tf.Module):
        @tf.Module.with_name_scope
        def f(self, x):
            """Doubles x."""
            return x * 2
    assert M.f.__name__ == "f" and M.f.__doc__ == "Doubles x."
