"""`tf.contrib.learn.InputFnOps` and `build_parsing_serving_input_fn` (TF 1.14's
contrib/learn/.../utils/input_fn_utils.py), with build_default_serving_input_fn: serving
input functions returning (features, labels=None, default_inputs)."""
from __future__ import annotations

import collections

from ...engine.framework import dtypes
from ...engine.framework.tensor_shape import TensorShape
from ...ops import array_ops, parsing_ops
from ..framework.deprecation import deprecated

__all__ = ["InputFnOps", "build_default_serving_input_fn", "build_parsing_serving_input_fn"]


class InputFnOps(collections.namedtuple("InputFnOps",
                                        ["features", "labels", "default_inputs"])):
    """A return type for an input_fn: features (dict of Tensor / SparseTensor), labels (a
    Tensor, a dict of them, or None) and default_inputs (the feeds, a dict of Tensor)."""


@deprecated(None, "Please use tf.estimator.export.build_parsing_serving_input_receiver_fn.")
def build_parsing_serving_input_fn(feature_spec, default_batch_size=None):
    """An input_fn parsing the serialized tf.Examples fed to 'input_example_tensor'."""
    def input_fn():
        serialized_tf_example = array_ops.placeholder(dtype=dtypes.string,
                                                      shape=[default_batch_size],
                                                      name="input_example_tensor")
        inputs = {"examples": serialized_tf_example}
        features = parsing_ops.parse_example(serialized_tf_example, feature_spec)
        labels = None  # these are not known in serving!
        return InputFnOps(features, labels, inputs)
    return input_fn


@deprecated(None, "Please use tf.estimator.export.build_raw_serving_input_receiver_fn.")
def build_default_serving_input_fn(features, default_batch_size=None):
    """An input_fn of placeholders shaped as `features` (batch size default_batch_size)."""
    def input_fn():
        features_placeholders = {}
        for name, t in features.items():
            shape_list = t.get_shape().as_list()
            shape_list[0] = default_batch_size
            shape = TensorShape(shape_list)
            features_placeholders[name] = array_ops.placeholder(dtype=t.dtype, shape=shape,
                                                                name=t.op.name)
        labels = None  # these are not known in serving!
        return InputFnOps(features_placeholders, labels, features_placeholders)
    return input_fn
