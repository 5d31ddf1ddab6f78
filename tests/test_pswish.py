"""tf.nn.swish as TF 1.14's Defun (issue 10, op counts and names): one call op `swish_f32`
(its type the instantiated function's name), its gradient one SymbolicGradient op, the
function and its gradient function in the GraphDef's library with the gradient map
entry, a graph-seeded random op after them drawing TF's numbers (its seed2 is the op
count), TF's LookupError on the second order (tests/golden/opcounts/gen_pswish.py); a
GraphDef calling swish imports back and runs."""
import numpy as np
import pytest

import flowgrad as tf
import goldens
from goldenio import GoldenError

GEN = goldens.generator("opcounts", "pswish")
WANT = goldens.load("opcounts", "pswish")

# flowgrad's Sigmoid kernel rounds as TF's Eigen only in float32 (float16 and float64 differ
# in the last bits: elementwise._sigmoid_kernel), so the Defun bodies differ there as much
_RTOL = {"float16": 2e-3, "float32": 0.0, "float64": 1e-15}


def _close(got, want, dtype):
    assert got.dtype == want.dtype and got.shape == want.shape
    if _RTOL[dtype]:
        np.testing.assert_allclose(got, want, rtol=_RTOL[dtype], atol=_RTOL[dtype] * 1e-3)
    else:
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("dtype", GEN.DTYPES)
def test_swish_and_its_gradient_as_tf(dtype):
    got, want = GEN.grad_case(tf, dtype), WANT["grad/" + dtype]
    assert got["ops"] == want["ops"]
    assert got["library"] == want["library"]
    _close(got["y"], want["y"], dtype)
    _close(got["dx"], want["dx"], dtype)
    np.testing.assert_array_equal(got["random"], want["random"])   # seed2: the op count


def test_names_and_shapes_as_tf():
    got, want = GEN.names_case(tf), WANT["names"]
    assert got["ops"] == want["ops"]
    assert got["library"] == want["library"]


def test_variable_arguments_as_tf():
    assert GEN.variables_case(tf)["ops"] == WANT["variables"]["ops"]


def test_two_calls_differentiated_as_tf():
    got, want = GEN.two_grads_case(tf), WANT["two_grads"]
    assert got["ops"] == want["ops"]
    for a, b in zip(got["values"], want["values"]):
        np.testing.assert_array_equal(a, b)


def test_second_order_raises_tf_lookup_error():
    assert GoldenError.of(GEN.second_order_case(tf)) == WANT["second_order"]


def test_int_argument_raises_tf_type_error():
    got, want = GEN.int_case(tf), WANT["int"]
    assert GoldenError.of(got["error"]) == want["error"]
    assert got["ops"] == want["ops"]


def test_graph_def_imports_back_and_runs():
    g = tf.Graph()
    x_np = np.linspace(-3.0, 3.0, 7).astype(np.float32)
    with g.as_default():
        x = tf.placeholder(tf.float32, [7], name="x")
        y = tf.nn.swish(x)
        dx = tf.gradients(tf.reduce_sum(y * y), x)[0]
        with tf.Session() as sess:
            want = sess.run([y, dx], {x: x_np})
    gd = g.as_graph_def()
    h = tf.Graph()
    with h.as_default():
        tf.import_graph_def(gd, name="")
        assert [(o.name, o.type) for o in h.get_operations()] == \
            [(o.name, o.type) for o in g.get_operations()]
        with tf.Session() as sess:
            got = sess.run([y.name, dx.name], {"x:0": x_np})
    for a, b in zip(got, want):
        np.testing.assert_array_equal(a, b)
    assert h.as_graph_def().library == gd.library


@pytest.mark.parametrize("case", ["tf_graph_def", "tf_graph_def_function"])
def test_tf_graph_def_imports_and_runs(case):
    """TF's GraphDef (its library's swish_f32 / swish_grad_f32f32 FunctionDefs; then also
    a tf.function whose FunctionDef calls swish_f32): the call ops and SymbolicGradients
    are flowgrad's, run by its kernels."""
    want = WANT[case]
    gd = tf.GraphDef()
    gd.ParseFromString(want["pb"])
    g = tf.Graph()
    with g.as_default():
        tf.import_graph_def(gd, name="")
        assert GEN._ops(g) == want["ops"]
        with tf.Session() as sess:
            got = sess.run(want["fetches"], want["feed"])
    for a, b in zip(got, want["values"]):
        _close(a, b, a.dtype.name)


def test_gradient_tape_does_not_record_the_call_as_tf():
    got, want = GEN.tape_case(tf), WANT["tape"]
    assert got["ops"] == want["ops"]
    np.testing.assert_array_equal(got["grad"], want["grad"])


def test_call_op_node_def_and_attrs_as_tf():
    with tf.Graph().as_default():
        y = tf.nn.swish(tf.constant([1.0]))
        dx = tf.gradients(y, y.op.inputs[0])[0]
        assert y.op.get_attr("_disable_call_shape_inference") is True
        assert dx.op.get_attr("Tout") == [tf.float32]
        assert dx.op.node_def.attr["f"].func.name == "swish_f32"


def test_tf_ran_flowgrads_graph_def_bit_for_bit():
    """TF 1.14 imported flowgrad's GraphDef of swish (also in a tf.function's body and its
    gradient's) and ran it to flowgrad's values, bit for bit (ckpt/flowgrad_lowered)."""
    import os
    import sys
    here = os.path.join(os.path.dirname(__file__), "golden", "ckpt")
    sys.path.insert(0, here)
    try:
        import lowered_model
    finally:
        sys.path.remove(here)
    want = goldens.load("ckpt", "flowgrad_lowered")["defun_swish"]
    with tf.Graph().as_default() as g:
        lowered_model.build(tf, "defun_swish")
        lib = g.as_graph_def().library
        with tf.Session() as sess:
            got = sess.run(lowered_model.FETCHES["defun_swish"], lowered_model.feed("x"))
    for a, b in zip(got, want["values"]):
        np.testing.assert_array_equal(a, b)
    assert {"swish_f32", "swish_grad_f32f32"} <= {f.signature.name for f in lib.function}
    assert [(e.function_name, e.gradient_func) for e in lib.gradient] == \
        [("swish_f32", "swish_grad_f32f32")]


def test_in_a_loop_and_its_gradient_lists_tf_nodes():
    assert GEN.loop_case(tf)["ops"] == WANT["loop"]["ops"]
