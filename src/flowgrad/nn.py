"""tf.nn: the neural-network namespace (re-exports from flowgrad.ops)."""
# ruff: noqa: F401
from .ops.conv_ops import (
    atrous_conv2d,
    atrous_conv2d_transpose,
    avg_pool,
    avg_pool1d,
    avg_pool2d,
    avg_pool3d,
    avg_pool_v2,
    conv1d,
    conv1d_transpose,
    conv2d,
    conv2d_backprop_filter,
    conv2d_backprop_input,
    conv2d_transpose,
    conv3d,
    conv3d_backprop_filter,
    conv3d_backprop_filter_v2,
    conv3d_transpose,
    conv_transpose,
    convolution,
    depthwise_conv2d,
    depthwise_conv2d_backprop_filter,
    depthwise_conv2d_backprop_input,
    depthwise_conv2d_native,
    depthwise_conv2d_native_backprop_filter,
    depthwise_conv2d_native_backprop_input,
    max_pool,
    max_pool1d,
    max_pool2d,
    max_pool3d,
    max_pool_v2,
    max_pool_with_argmax,
    pool,
    separable_conv2d,
)
from .ops.math_ops import sigmoid, tanh
from .engine.ops.fractional_pool import fractional_avg_pool, fractional_max_pool  # noqa: F401
from .engine.ops.quantized_nn import (quantized_avg_pool, quantized_conv2d,  # noqa: F401
                                      quantized_max_pool, quantized_relu_x)
from .ops.nn_ops import (
    batch_norm_with_global_normalization,
    batch_normalization,
    bias_add,
    crelu,
    dropout,
    elu,
    embedding_lookup,
    fused_batch_norm,
    in_top_k,
    l2_loss,
    l2_normalize,
    leaky_relu,
    local_response_normalization,
    log_poisson_loss,
    log_softmax,
    lrn,
    moments,
    nce_loss,
    normalize_moments,
    relu,
    relu6,
    relu_layer,
    sampled_softmax_loss,
    selu,
    sigmoid_cross_entropy_with_logits,
    softmax,
    softmax_cross_entropy_with_logits,
    softmax_cross_entropy_with_logits_v2,
    softplus,
    softsign,
    sparse_softmax_cross_entropy_with_logits,
    sufficient_statistics,
    swish,
    top_k,
    weighted_cross_entropy_with_logits,
    weighted_moments,
    xw_plus_b,
    zero_fraction,
)
from .ops.sparse_ops import embedding_lookup_sparse  # noqa: F401 - tf.nn's name
from .ops.embedding_ops import safe_embedding_lookup_sparse  # noqa: F401 - tf.nn's name
from .ops.ctc_ops import (  # noqa: F401 - tf.nn's names
    collapse_repeated,
    ctc_beam_search_decoder,
    ctc_beam_search_decoder_v2,
    ctc_greedy_decoder,
    ctc_loss,
    ctc_loss_v2,
    ctc_unique_labels,
)
from .ops.candidate_sampling_ops import (  # noqa: F401 - tf.nn's names
    all_candidate_sampler,
    fixed_unigram_candidate_sampler,
    learned_unigram_candidate_sampler,
)
from .ops.random_ops import (
    compute_accidental_hits,
    log_uniform_candidate_sampler,
    uniform_candidate_sampler,
)

from .ops.space_ops import (depth_to_space, dilation2d, erosion2d, space_to_batch,  # noqa: E402, F401
                             space_to_depth, with_space_to_batch)

# -- RNNs (tensorflow.python.ops.rnn, rnn_cell_impl): loaded on first use ----------------------
_RNN_NAMES = frozenset(("dynamic_rnn", "static_rnn", "bidirectional_dynamic_rnn",
                        "static_bidirectional_rnn", "static_state_saving_rnn", "raw_rnn"))


def __getattr__(name):
    import importlib  # lazy: the RNN modules load on first use of tf.nn.rnn_cell & co
    if name == "rnn_cell":
        return importlib.import_module("flowgrad.ops.rnn_cell_impl")
    if name in _RNN_NAMES:
        return getattr(importlib.import_module("flowgrad.ops.rnn"), name)
    raise AttributeError(f"module 'flowgrad.nn' has no attribute '{name}'")


def __dir__():
    """The loaded names and the lazy ones (dir(tf.nn) lists dynamic_rnn & co in TF 1.14)."""
    return sorted(set(globals()) | _RNN_NAMES | {"rnn_cell"})
