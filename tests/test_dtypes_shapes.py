"""dtypes, TensorShape and Dimension against TF 1.14 goldens (tests/golden/framework)."""
import numpy as np
import pytest
from framework_golden import case_names, check

import flowgrad as tf


@pytest.mark.parametrize("name", case_names("cases_types"))
def test_matches_tf114(name):
    check("cases_types", name)


def test_dtype_numpy_round_trip():
    for name in ["float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8",
                 "uint16", "bool", "complex64", "complex128"]:
        d = tf.as_dtype(name)
        assert tf.as_dtype(d.as_numpy_dtype) is d
        assert tf.as_dtype(np.dtype(d.as_numpy_dtype)) is d
        assert tf.as_dtype(d.as_datatype_enum) is d
        assert d._as_ref.base_dtype is d


def test_dtype_limits_are_numpy_values():
    assert tf.float32.max == np.finfo(np.float32).max
    assert tf.int8.min == -128 and tf.uint16.max == 65535
    with pytest.raises(TypeError):
        tf.string.max


def test_ref_dtype_compatibility_is_one_way():
    assert tf.float32.is_compatible_with(tf.float32._as_ref)
    assert not tf.float32._as_ref.is_compatible_with(tf.float32)
    assert not tf.float32.is_compatible_with(tf.float64)


def test_shape_equality_with_unknown_dims():
    s = tf.TensorShape([None, 3])
    assert s == s
    assert not (tf.TensorShape([None, 3]) == tf.TensorShape([None, 3]))
    assert tf.TensorShape([2, 3]) == [2, 3]
    with pytest.raises(ValueError, match="inequality of unknown"):
        tf.TensorShape(None) != tf.TensorShape([1])  # noqa: B015


def test_merge_with_is_symmetric_and_raises():
    a, b = tf.TensorShape([None, 3]), tf.TensorShape([2, None])
    assert a.merge_with(b).as_list() == [2, 3] == b.merge_with(a).as_list()
    with pytest.raises(ValueError, match="are not compatible"):
        tf.TensorShape([2]).merge_with([3])
