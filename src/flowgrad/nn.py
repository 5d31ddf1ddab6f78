"""tf.nn: the neural-network namespace (re-exports from flowgrad.ops)."""
# ruff: noqa: F401
from .ops.conv_ops import (atrous_conv2d, avg_pool, avg_pool2d, conv1d, conv2d,
                           conv2d_backprop_filter, conv2d_backprop_input, conv2d_transpose,
                           convolution, depthwise_conv2d, depthwise_conv2d_native,
                           depthwise_conv2d_native_backprop_filter,
                           depthwise_conv2d_native_backprop_input, max_pool, max_pool2d,
                           max_pool_with_argmax, pool, separable_conv2d)
from .ops.math_ops import sigmoid, tanh
from .ops.nn_ops import (batch_normalization, bias_add, crelu, dropout, elu, embedding_lookup,
                         fused_batch_norm, in_top_k, l2_loss, l2_normalize, leaky_relu,
                         local_response_normalization, log_poisson_loss, log_softmax, lrn,
                         moments, normalize_moments, relu, relu6, relu_layer, selu,
                         sigmoid_cross_entropy_with_logits, softmax,
                         softmax_cross_entropy_with_logits,
                         softmax_cross_entropy_with_logits_v2, softplus, softsign,
                         sparse_softmax_cross_entropy_with_logits, sufficient_statistics, swish,
                         top_k, weighted_cross_entropy_with_logits, weighted_moments,
                         xw_plus_b, zero_fraction)
