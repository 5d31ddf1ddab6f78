"""tf.contrib.framework's zero_initializer (contrib's ZeroInitializer / ZeroVarInitializer
ops), TensorSpec and BoundedTensorSpec, as TF 1.14's (ops, names, values and messages
read from the TF 1.14 oracle)."""
import pickle

import numpy as np
import pytest

import flowgrad as tf

F = tf.contrib.framework


@pytest.fixture(scope="module")
def zeroed():
    g = tf.Graph()
    with g.as_default():
        v = tf.Variable(tf.ones([2, 3]), name="v")
        z = F.zero_initializer(v)
        r = tf.get_variable("r", [2], use_resource=True)
        zr = F.zero_initializer(r)
        again = tf.contrib.slim.zero_initializer(v, name="again")
    return g, v, z, r, zr, again


def test_zero_initializer_makes_tfs_ops(zeroed):
    g, v, z, r, zr, again = zeroed
    assert (z.name, repr(z.dtype), z.shape.as_list()) == ("zero_initializer:0", "tf.float32_ref",
                                                       [2, 3])
    assert (zr.name, zr.dtype, zr.shape.as_list()) == ("zero_initializer_1:0", tf.resource, [])
    assert [(o.name, o.type, [i.name for i in o.inputs]) for o in g.get_operations()
            if "Zero" in o.type] == [
        ("zero_initializer", "ZeroInitializer", ["v:0"]),
        ("zero_initializer_1", "ZeroVarInitializer", ["r:0"]),
        ("again", "ZeroInitializer", ["v:0"])]
    nd = z.op.node_def
    assert sorted(nd.attr) == ["T", "_class"] and nd.attr["_class"].list.s == [b"loc:@v"]
    nd = zr.op.node_def
    assert sorted(nd.attr) == ["dtype", "shape"]
    assert [d.size for d in nd.attr["shape"].shape.dim] == [2]
    assert tf.contrib.slim.zero_initializer is F.zero_initializer


def test_zero_initializer_runs_as_tfs(zeroed):
    g, v, z, r, zr, again = zeroed
    with tf.Session(graph=g) as s:
        assert s.run(z).tolist() == [[0.0] * 3] * 2 and s.run(v).tolist() == [[0.0] * 3] * 2
        with pytest.raises(tf.errors.InvalidArgumentError, match="input is already initialized"):
            s.run(again)
        s.run(zr)
        assert s.run(r.read_value()).tolist() == [0.0, 0.0]
        with pytest.raises(tf.errors.InvalidArgumentError, match="input is already initialized"):
            s.run(zr)


def test_zero_initializer_edge_cases():
    with tf.Graph().as_default():
        p = tf.placeholder(tf.float32, [None])
        v = tf.Variable(p, validate_shape=False, name="v")
        z = F.zero_initializer(v)
        assert z.shape.ndims is None
        r = tf.get_variable("r", initializer=p, validate_shape=False, use_resource=True)
        zr = F.zero_initializer(r)
        zi = F.zero_initializer(tf.Variable(tf.zeros([2], tf.int32)))
        assert repr(zi.dtype) == "tf.int32_ref"
        with tf.Session() as s:
            assert s.run(z) == 0.0   # TF's uninitialized tensor of an unknown shape: a scalar
            with pytest.raises(tf.errors.InvalidArgumentError,
                               match=r"Shape \[\?\] is not fully defined"):
                s.run(zr)
        with pytest.raises(TypeError, match="Value passed to parameter 'ref' has DataType bool "
                                            "not in list of allowed values: float32, float64"):
            F.zero_initializer(tf.Variable([True]))
        with pytest.raises(TypeError, match="'ZeroInitializer' Op requires that input 'ref' be "
                                            r"a mutable tensor \(e.g.: a tf.Variable\)"):
            F.zero_initializer(tf.constant(1.0))


def test_tensor_specs_are_tfs():
    B = F.BoundedTensorSpec
    assert F.TensorSpec is tf.TensorSpec and issubclass(B, tf.TensorSpec)
    s = B((1, 2, 3), tf.float32, 0, (5, 5, 5))
    assert repr(s) == ("BoundedTensorSpec(shape=(1, 2, 3), dtype=tf.float32, name=None, "
                       "minimum=array(0., dtype=float32), maximum=array([5., 5., 5.], "
                       "dtype=float32))")
    assert not s.minimum.flags.writeable and s.maximum.dtype == np.float32
    assert repr(B.from_spec(tf.TensorSpec([2], tf.int8, "x"))) == (
        "BoundedTensorSpec(shape=(2,), dtype=tf.int8, name='x', minimum=array(-128, "
        "dtype=int8), maximum=array(127, dtype=int8))")
    assert B.from_spec(s) == s and s == B((1, 2, 3), tf.float32, 0, 5)
    assert not s == B((1, 2, 3), tf.float32, 1, 5)
    assert pickle.loads(pickle.dumps(s)) == s
    with pytest.raises(TypeError, match="unhashable type: 'BoundedTensorSpec'"):
        hash(s)
    with pytest.raises(ValueError, match=r"^minimum is not compatible with shape. Message: "
                       r"ValueError\('Incompatible shapes for broadcasting: \(2,\) and "
                       r"\(1, 2, 3\)'\)\.$"):
        B((1, 2, 3), tf.float32, (1, 2), 3)
    with pytest.raises(ValueError, match=r"^maximum is not compatible with shape"):
        B((1, 2, 3), tf.float32, 0, (1, 2, 3, 4))
    with pytest.raises(ValueError, match="minimum and maximum must be provided; but saw "
                                         "'None' and '1'"):
        B((1, 2, 3), tf.float32, None, 1)
