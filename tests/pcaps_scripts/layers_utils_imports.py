"""TF1 code importing the layers package itself: NMT's `from tensorflow.python.layers
import core as layers_core`, `tensorflow.python.layers.utils` and
`tensorflow.python.framework.smart_cond`: their names, results and errors."""
import tensorflow as tf
from tensorflow.python.layers import core as layers_core
from tensorflow.python.layers import base
from tensorflow.python.layers import utils
from tensorflow.python.framework import smart_cond as smart_module

print(issubclass(layers_core.Dense, base.Layer), layers_core.dense is tf.layers.dense,
      layers_core.Dropout is tf.layers.Dropout)
d = layers_core.Dense(4, use_bias=False, name="output_projection")
x = tf.ones([2, 3])
print(d(x))
print(utils.smart_cond(True, lambda: 1, lambda: 2), utils.constant_value(tf.constant(True)),
      utils.constant_value(1))
print(utils.normalize_tuple(3, 2, "k"), utils.conv_output_length(10, 3, "valid", 2),
      utils.deconv_output_length(5, 3, "valid", 2), utils.conv_input_length(4, 3, "same", 2))
print(utils.normalize_data_format("Channels_Last"), utils.convert_data_format("channels_first", 4),
      utils.static_shape(x), utils.static_shape(None))
print(smart_module.smart_cond(tf.constant(False), lambda: 1, lambda: 2),
      smart_module.smart_constant_value(tf.constant(True)))
p = tf.placeholder(tf.bool)
print(utils.constant_value(p), utils.smart_cond(p, lambda: tf.constant(1), lambda: tf.constant(2)))
bad_calls = [
    lambda: utils.normalize_padding("causal"),
    lambda: utils.normalize_data_format(None),
    lambda: utils.constant_value("x"),
    lambda: utils.constant_value(2),
    lambda: utils.normalize_tuple((1, 2, 3), 2, "strides"),
    lambda: utils.conv_output_length(5, 3, "causal", 1),
    lambda: smart_module.smart_cond(True, 1, lambda: 2),
    lambda: tf.contrib.framework.smart_cond(False, lambda: 1, 2),
]
for bad in bad_calls:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
print(sorted(utils.get_reachable_from_inputs([x], [d(x)]), key=lambda t: t.name)[:3])
print(utils.object_list_uid([]) == "")
