"""TF 1.14's errors where its wrappers or devices refuse what flowgrad computed:
tf.nn.convolution given Tensor dilation rates or strides, ApproximateEqual's shape error in
Grappler's input order, Reciprocal/Inv of ints and ClipByValue of complex (XLA_CPU-only
kernels), a resource variable read in a cond inside a loop (its loop gradient's
TypeError), and transpose's gradient (tests/golden/errors9/gen_wrapper_errors.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("errors9", "wrapper_errors")
GEN = generator("errors9", "wrapper_errors")


@pytest.fixture(scope="module")
def results():
    return GEN.cases(tf)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_as_tf(results, case):
    assert results[case] == GOLD[case]


def test_golden_holds_the_rules():
    assert GOLD["conv/dilation_const"][1:3] == ["ValueError",
                                               "setting an array element with a sequence."]
    # Grappler sorts ApproximateEqual's inputs by name: x is the one named first
    assert GOLD["approx/named_unsorted"][2].endswith("x shape: [2]. y shape: [3]")
    assert GOLD["recip/int32"][:2] == ["run", "InvalidArgumentError"]
    assert GOLD["clip/c64"][:3] == ["run", "UnimplementedError", "Clamp unimplemented for C64"]
    assert GOLD["loopgrad/resource_read"][1] == "TypeError"
    assert GOLD["loopgrad/ref_variable"][0] == "ok"


def test_the_graph_builds_on_after_a_refused_loop_gradient():
    with tf.Graph().as_default():
        p = tf.get_variable("p", [3], use_resource=True)

        def body(j, a):
            return j + 1, a + tf.cond(a[0] > 0.5, lambda: p * 2., lambda: a * .5)
        a0 = tf.ones([3])
        y = tf.while_loop(lambda j, a: j < 3, body, [tf.constant(0), a0])[1]
        with pytest.raises(TypeError, match="Incompatible types: <dtype: 'resource'>"):
            tf.gradients(tf.reduce_sum(y), [p])
        g = tf.gradients(tf.reduce_sum(y), [a0])[0]
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            assert s.run(g).shape == (3,)
