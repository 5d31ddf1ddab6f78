"""tf.contrib.layers: TF 1.14's contrib layers (also slim's), initializers and helpers.

The regularizers (l1_regularizer, l2_regularizer, ...) come from flowgrad.ops.regularizers.
"""
# ruff: noqa: F401
from .initializers import (variance_scaling_initializer, xavier_initializer,
                           xavier_initializer_conv2d)
from .encoders import embed_sequence, embedding_lookup_unique, safe_embedding_lookup_sparse
from .layers import (avg_pool2d, batch_norm, bias_add, conv1d, conv2d, conv2d_transpose, conv3d,
                     convolution, convolution1d, convolution2d, convolution2d_transpose,
                     convolution3d, dropout, elu, flatten, fully_connected, layer_norm, linear,
                     max_pool2d, one_hot_encoding, relu, relu6, repeat, separable_conv2d,
                     separable_convolution2d, stack)
from .normalization import group_norm, instance_norm
from .layers_extra import (avg_pool3d, conv3d_transpose, convolution3d_transpose,
                           dense_to_sparse, images_to_sequence, max_pool3d, maxout,
                           sequence_to_images, softmax, unit_norm)
from ...ops.regularizers import (apply_regularization, l1_l2_regularizer, l1_regularizer,
                                 l2_regularizer, sum_regularizer)
from .optimizers import OPTIMIZER_CLS_NAMES, OPTIMIZER_SUMMARIES, optimize_loss
from .feature_column import (bucketized_column, create_feature_spec_for_parsing, crossed_column,
                             embedding_column, make_place_holder_tensors_for_base_features,
                             one_hot_column, real_valued_column, shared_embedding_columns,
                             sparse_column_with_hash_bucket,
                             sparse_column_with_integerized_feature, sparse_column_with_keys,
                             sparse_column_with_vocabulary_file, weighted_sparse_column)
from .feature_column_ops import (check_feature_columns, infer_real_valued_columns,
                                 input_from_feature_columns,
                                 joint_weighted_sum_from_feature_columns,
                                 parse_feature_columns_from_examples,
                                 parse_feature_columns_from_sequence_examples,
                                 sequence_input_from_feature_columns, transform_features,
                                 weighted_sum_from_feature_columns)
from .feature_column import scattered_embedding_column
from .gdn import GDN, gdn
from .rev_block_lib import recompute_grad
from .rev_block import RevBlock, rev_block
from .layers_legacy import (bow_encoder, conv2d_in_plane, convolution2d_in_plane,
                            legacy_fully_connected, legacy_linear, legacy_relu, spatial_softmax)
from .sparse_feature_cross import SPARSE_FEATURE_CROSS_DEFAULT_HASH_KEY
from .scale_gradient import scale_gradient
from .summaries import (summarize_activation, summarize_activations, summarize_collection,
                        summarize_tensor, summarize_tensors)


def __getattr__(name):
    raise AttributeError(f"flowgrad does not implement tensorflow.contrib.layers.{name}")
