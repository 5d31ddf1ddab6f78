"""tf.nn: the neural-network namespace (re-exports from flowgrad.ops)."""
# ruff: noqa: F401
from .ops.conv_ops import (avg_pool, avg_pool2d, conv1d, conv2d, conv2d_backprop_filter,
                           conv2d_backprop_input, conv2d_transpose, depthwise_conv2d,
                           depthwise_conv2d_native, depthwise_conv2d_native_backprop_filter,
                           depthwise_conv2d_native_backprop_input, max_pool, max_pool2d)
from .ops.math_ops import sigmoid, tanh
from .ops.nn_ops import (batch_normalization, bias_add, dropout, elu, embedding_lookup,
                         fused_batch_norm, in_top_k, l2_loss, l2_normalize, leaky_relu,
                         log_softmax, moments, relu, relu6, selu, softmax,
                         softmax_cross_entropy_with_logits,
                         softmax_cross_entropy_with_logits_v2, softplus, softsign,
                         sparse_softmax_cross_entropy_with_logits,
                         sigmoid_cross_entropy_with_logits, top_k,
                         weighted_cross_entropy_with_logits)
