"""GraphDefs TF 1.14 wrote with the reference-typed (v1) queue and reader ops, UniqueV2,
UniqueWithCountsV2, RefSelect, DebugGradient(Ref)Identity, AdjustContrast, CholeskyGrad,
BatchCholeskyGrad and MatrixExponential (tests/golden/ckpt/gen_prawops3_graphdefs.py):
imported and run step by step by flowgrad to TF's values; the same graphs built by flowgrad
give TF's names and values; the removed ops refuse tf.raw_ops at version 38."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GOLDEN = goldens.load("ckpt", "prawops3_graphdefs")
gen = goldens.generator("ckpt", "prawops3_graphdefs")


def _run_imported(case):
    gd = tf.GraphDef()
    gd.ParseFromString(case["graph"])
    with tf.Graph().as_default() as g:
        tf.import_graph_def(gd, name="")
        names = {op.name for op in g.get_operations()}
        feed = {"path:0": gen._SELF} if "path" in names else None
        sess = tf.Session()
        sess.run("init")
        values = []
        for step in case["steps"]:
            fetch = [g.get_tensor_by_name(n) if ":" in n else g.get_operation_by_name(n)
                     for n in step]
            try:
                got = sess.run(fetch, feed)
            except tf.errors.OpError as e:
                values.append([type(e).__name__, str(e).split("\n")[0]])
                continue
            values.append([v for v, n in zip(got, step) if ":" in n])
        sess.close()
        return values


def _assert_values(got, want, rtol32=2e-6, rtol64=1e-12):
    assert len(got) == len(want)
    for s, (gs, ws) in enumerate(zip(got, want)):
        assert len(gs) == len(ws), s
        for k, (a, b) in enumerate(zip(gs, ws)):
            where = f"step {s} value {k}"
            if isinstance(b, str):
                assert a == b, where
                continue
            a, b = np.asarray(a), np.asarray(b)
            assert a.dtype == b.dtype and a.shape == b.shape, where
            if a.dtype.kind in "fc":
                tol = rtol32 if a.dtype in (np.float32, np.complex64) else rtol64
                np.testing.assert_allclose(a, b, rtol=tol, atol=tol, err_msg=where)
            else:
                np.testing.assert_array_equal(a, b, err_msg=where)


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_tf_graph_def_runs_to_tf_values(key):
    _assert_values(_run_imported(GOLDEN[key]), GOLDEN[key]["values"])


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_flowgrad_builds_the_same_graph(key):
    got = gen.cases(tf)[key]
    assert got["steps"] == GOLDEN[key]["steps"]
    _assert_values(got["values"], GOLDEN[key]["values"])


def test_adjust_contrast_and_cholesky_grad_bits():
    """AdjustContrast's channel means are Eigen's width-outer, height-inner float sums, and
    CholeskyGrad's products in one block (up to 32 rows) are sums in order: the outputs are
    TF's bits, not only close."""
    got = _run_imported(GOLDEN["old_math"])[0][:4]
    for a, b in zip(got, GOLDEN["old_math"]["values"][0][:4]):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("op_type, version, use, args", [
    ("AdjustContrast", 2, "Use AdjustContrastv2 instead.",
     dict(images=np.ones((1, 2, 2, 1)), contrast_factor=1.0, min_value=0.0, max_value=1.0)),
    ("BatchCholeskyGrad", 13, "Use CholeskyGrad instead..", dict(l=np.eye(2), grad=np.eye(2))),
    ("MatrixExponential", 27, "Use Python implementation tf.linalg.matrix_exponential "
     "instead..", dict(input=np.eye(2))),
    ("TextLineReader", 26, "Use TextLineReaderV2.", {}),
])
def test_removed_op_refuses_at_version_38(op_type, version, use, args):
    with tf.Graph().as_default():
        with pytest.raises(NotImplementedError) as info:
            getattr(tf.raw_ops, op_type)(**args)
    assert str(info.value) == (f"Op {op_type} is not available in GraphDef version 38. It has "
                               f"been removed in version {version}. {use}")


def test_adjust_contrast_float32_is_refused():
    """TF 1.14's float32 AdjustContrast kernel returns zeros (rank 4) or crashes (rank 5)."""
    gd = tf.GraphDef()
    gd.versions.producer = 1
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [1, 2, 2, 1])
        with pytest.raises(NotImplementedError, match="AdjustContrast on float32"):
            gen._old_node(tf, "AdjustContrast", [x, tf.constant(1.0), tf.constant(0.0),
                                                 tf.constant(1.0)], {}, 1)


def test_unique_v2_errors_and_nan():
    """TF 1.14's UniqueV2 kernel: axis checks and messages; NaN never equals NaN (a slice
    holding one is new each time), -0 equals 0."""
    R = tf.raw_ops
    x = np.array([[1., 2.], [3., 4.]], np.float32)
    with tf.Graph().as_default(), tf.Session() as sess:
        for axis, msg in (([2], "axis has to be between [0, 2)"),
                          ([0, 1], "axis does not support input tensors larger than 1 elements"),
                          ([], "unique expects a 1D vector.")):
            a = tf.placeholder(tf.int64)
            y = R.UniqueV2(x=x, axis=a)
            assert y.y.shape.as_list() == [None] and y.idx.shape.as_list() == [2, 2]
            with pytest.raises(tf.errors.InvalidArgumentError) as info:
                sess.run(y, {a: axis})
            assert str(info.value).split("\n")[0] == msg
        a = tf.placeholder(tf.int64)
        with pytest.raises(tf.errors.InvalidArgumentError, match="^axis expects a 1D vector."):
            sess.run(R.UniqueV2(x=x, axis=a), {a: 0})
        v = np.array([np.nan, 1, np.nan, -0.0, 0.0], np.float32)
        y, idx = sess.run(R.UniqueV2(x=v, axis=np.array([0], np.int64)))
        np.testing.assert_array_equal(y, [np.nan, 1, np.nan, -0.0])
        assert np.signbit(y[3]) and idx.tolist() == [0, 1, 2, 3, 3]
        y, idx = sess.run(tf.unique(v))
        np.testing.assert_array_equal(y, [np.nan, 1, np.nan, -0.0])
        assert idx.tolist() == [0, 1, 2, 3, 3]
        y, idx, c = sess.run(tf.unique_with_counts(v))
        assert idx.tolist() == [0, 1, 2, 3, 3] and c.tolist() == [1, 1, 1, 2]


def test_ref_select_shape_and_errors():
    """TF's shape function (the inputs' shape when all are equal and fully defined, else
    unknown; a scalar index) and kernel's range check; no gradient."""
    R = tf.raw_ops
    with tf.Graph().as_default():
        a = tf.Variable(np.ones((2, 3), np.float32), name="a")
        b = tf.Variable(np.ones((3,), np.float32), name="b")
        i = tf.placeholder(tf.int32)
        same = R.RefSelect(index=i, inputs=[a._ref(), a._ref()])
        assert same.shape.as_list() == [2, 3] and same.dtype == tf.float32._as_ref
        mixed = R.RefSelect(index=i, inputs=[a._ref(), b._ref()])
        assert mixed.shape.ndims is None
        with pytest.raises(ValueError, match="Shape must be rank 0 but is rank 1"):
            R.RefSelect(index=[0], inputs=[a._ref()])
        with pytest.raises(TypeError, match="'RefSelect' Op requires that input 'inputs' be a "
                                            "mutable tensor"):
            R.RefSelect(index=0, inputs=[tf.constant(1.0)])
        with pytest.raises(LookupError, match="No gradient defined for operation"):
            tf.gradients(same * 2.0, a)
        c = tf.Variable(np.ones((2, 3), np.float32), name="c")
        pick_c = R.RefSelect(index=1, inputs=[a._ref(), c._ref()])
        with tf.Session() as sess:
            # TF's executor checks every reference input first: 'a', not the chosen 'c'
            with pytest.raises(tf.errors.FailedPreconditionError,
                               match="^Attempting to use uninitialized value a"):
                sess.run(pick_c)
            sess.run(tf.global_variables_initializer())
            with pytest.raises(tf.errors.InvalidArgumentError,
                               match=r"^Index must be in the range \[0, 2\) but got 2"):
                sess.run(same, {i: 2})


@pytest.mark.parametrize("v2", [False, True])
def test_queue_signature_and_negative_n(v2):
    """TF 1.14's queue kernels: the components' types are matched against the queue's
    (MatchSignature's message, the handle's type first), and a negative n is the kernel's
    own error (before the signature)."""
    R = tf.raw_ops
    sfx, handle = ("V2", "resource") if v2 else ("", "string_ref")
    with tf.Graph().as_default(), tf.Session() as sess:
        q = getattr(R, "FIFOQueue" + sfx)(component_types=[tf.float32])
        cases = [
            (getattr(R, "QueueEnqueue" + sfx)(handle=q, components=[tf.constant([1, 2])]),
             f"Signature mismatch, have: {handle}, int32-> expected: {handle}, float->"),
            (getattr(R, "QueueDequeue" + sfx)(handle=q, component_types=[tf.int32]),
             f"Signature mismatch, have: {handle}->int32 expected: {handle}->float"),
            (getattr(R, "QueueDequeueMany" + sfx)(handle=q, n=tf.placeholder_with_default(
                2, []), component_types=[tf.int32]),
             f"Signature mismatch, have: {handle}, int32->int32 expected: {handle}, "
             f"int32->float"),
            (getattr(R, "QueueDequeueUpTo" + sfx)(handle=q, n=tf.placeholder_with_default(
                -2, []), component_types=[tf.int32]), "DequeueUpToOp requested -2 < 0 elements"),
            (getattr(R, "QueueDequeueMany" + sfx)(handle=q, n=tf.placeholder_with_default(
                -1, []), component_types=[tf.float32]),
             "DequeueManyOp requested -1 < 0 elements"),
        ]
        for op, msg in cases:
            with pytest.raises(tf.errors.InvalidArgumentError) as info:
                sess.run(op)
            assert str(info.value).split("\n")[0] == msg


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_flowgrad_writes_tf_graph_def(key):
    """The GraphDef flowgrad writes for the generator's graph is TF's node for node: names,
    ops, inputs and attrs (an empty list(shape) attr is `list {}`, RefSelect is colocated
    with its first reference); Const values are compared as arrays (the generator computes
    some with NumPy, whose versions round differently)."""
    want, got = tf.GraphDef(), tf.GraphDef()
    want.ParseFromString(GOLDEN[key]["graph"])
    got.ParseFromString(gen.cases(tf)[key]["graph"])
    assert [n.name for n in got.node] == [n.name for n in want.node]
    for a, b in zip(got.node, want.node):
        assert (a.op, list(a.input)) == (b.op, list(b.input)), a.name
        assert sorted(a.attr) == sorted(b.attr), a.name
        for k in a.attr:
            if a.op == "Const" and k == "value" and a.attr[k] != b.attr[k]:
                np.testing.assert_allclose(tf.make_ndarray(a.attr[k].tensor),
                                           tf.make_ndarray(b.attr[k].tensor), rtol=1e-12)
            else:
                assert a.attr[k] == b.attr[k], (a.name, k)
