"""tf.variable_scope and tf.get_variable against TF 1.14 goldens, plus sharing rules."""
import numpy as np
import pytest
from framework_golden import before, check, lowercase_scoped_names

import flowgrad as tf

# The default initializer's ops come from random_ops; their inner names are compared
# case-insensitively here (random_ops has its own tests). The "already exists" message
# ends with the creation traceback, which depends on the test runner.
CASES = {
    "variable_scope_names": lowercase_scoped_names,
    "get_variable_errors": before("Originally defined at:"),
    "get_variable_options": None,
    "glorot_default_graph": lowercase_scoped_names,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_tf114(name):
    check("cases_variables", name, CASES[name])


def test_already_exists_shows_where_it_was_defined():
    tf.get_variable("dup", [1])
    with pytest.raises(ValueError) as e:
        tf.get_variable("dup", [1])
    assert "Originally defined at:" in str(e.value)
    assert "test_already_exists_shows_where_it_was_defined" in str(e.value)


def test_reuse_variables_and_inheritance():
    with tf.variable_scope("net") as scope:
        w = tf.get_variable("w", [2])
        scope.reuse_variables()
        assert tf.get_variable("w", [2]) is w
        with tf.variable_scope("inner"):
            assert tf.get_variable_scope().reuse is True
    with tf.variable_scope("net", reuse=True):
        with tf.variable_scope("inner", reuse=False):   # False inherits, as in TF
            assert tf.get_variable_scope().reuse is True


def test_scope_initializer_dtype_and_regularizer_defaults():
    losses = []
    with tf.variable_scope("s", initializer=tf.ones_initializer(), dtype=tf.float64,
                           regularizer=lambda v: losses.append(v) or tf.reduce_sum(v)):
        v = tf.get_variable("v", [3])
        u = tf.get_variable("u", [3], regularizer=tf.no_regularizer)
    assert v.dtype.base_dtype == tf.float64
    assert losses == [v] and u not in losses
    reg = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    assert [t.name for t in reg] == ["s/v/Regularizer/Sum:0"]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run(v).tolist() == [1.0, 1.0, 1.0]
        assert sess.run(reg[0]) == 3.0


def test_default_initializers_by_dtype():
    f = tf.get_variable("f", [50, 50])
    i = tf.get_variable("i", [3], dtype=tf.int32)
    b = tf.get_variable("b", [2], dtype=tf.bool)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        fv, iv, bv = sess.run([f, i, b])
    limit = np.sqrt(6.0 / 100)
    assert np.all(np.abs(fv) <= limit) and fv.std() > limit / 3
    assert iv.tolist() == [0, 0, 0] and bv.tolist() == [False, False]
    with pytest.raises(ValueError, match="An initializer for variable c of tf.complex64 is "
                                         "required"):
        tf.get_variable("c", [2], dtype=tf.complex64)


def test_custom_getter_wraps_creation():
    calls = []

    def getter(getter, name, *args, **kwargs):
        calls.append(name)
        kwargs["trainable"] = False
        return getter(name, *args, **kwargs)

    with tf.variable_scope("g", custom_getter=getter):
        v = tf.get_variable("v", [1])
    assert calls == ["g/v"] and v not in tf.trainable_variables()


def test_local_variable_and_scope_collections():
    with tf.variable_scope("m") as scope:
        lv = tf.get_local_variable("lv", [1])
        gv = tf.get_variable("gv", [1])
    assert tf.local_variables() == [lv] and lv not in tf.trainable_variables()
    assert scope.global_variables() == [gv] and scope.trainable_variables() == [gv]


def test_errors_leave_no_variable_behind():
    with pytest.raises(ValueError, match="Shape of a new variable|initializer passed"):
        tf.get_variable("bad")
    assert tf.global_variables() == []
    assert tf.get_default_graph().get_operations() == []
    with pytest.raises(ValueError, match="reuse=True cannot be used without a name_or_scope"):
        with tf.variable_scope(None, default_name="d", reuse=True):
            pass
    assert tf.get_variable_scope().name == ""


def test_variable_scope_picks_the_graph_of_its_values():
    g = tf.Graph()
    with g.as_default():
        x = tf.constant(1.0)
    with tf.variable_scope("vs", values=[x]):
        v = tf.get_variable("v", [1])
    assert v.graph is g and v.name == "vs/v:0"


def test_make_template_matches_tf114():
    check("cases_variables", "make_template", before("originally defined at:"))


def test_make_template_shares_variables_and_scope():
    def layer(x):
        return x * tf.get_variable("w", [], initializer=tf.constant_initializer(3.0))

    t = tf.make_template("layer", layer, create_scope_now_=True)
    assert t.variable_scope_name == "layer/"
    with tf.name_scope("elsewhere"):
        a = t(tf.constant(1.0))
    b = t(tf.constant(2.0))
    assert [v.name for v in tf.global_variables()] == ["layer/w:0"]
    assert t.trainable_variables == tf.trainable_variables()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        assert sess.run([a, b]) == [3.0, 6.0]
