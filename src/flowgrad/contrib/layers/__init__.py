"""tf.contrib.layers: TF 1.14's contrib layers (also slim's), initializers and helpers.

The regularizers (l1_regularizer, l2_regularizer, ...) come from flowgrad.ops.regularizers.
"""
# ruff: noqa: F401
from .initializers import (variance_scaling_initializer, xavier_initializer,
                           xavier_initializer_conv2d)
from .layers import (avg_pool2d, batch_norm, bias_add, conv2d, conv2d_transpose, convolution,
                     convolution2d, convolution2d_transpose, dropout, flatten,
                     fully_connected, max_pool2d, one_hot_encoding, repeat, stack)
