"""tf.contrib.slim: slim's layers, arg_scope and variable helpers (TF 1.14 contrib/slim)."""
# ruff: noqa: F401
from __future__ import absolute_import, division, print_function  # TF's slim has these names
import importlib as _importlib

from .. import framework as _framework
from .. import losses
from .. import metrics
from . import evaluation, learning, model_analyzer, queues, summaries
from .data import (data_decoder, data_provider, dataset, dataset_data_provider,
                   parallel_reader, prefetch_queue, tfexample_decoder)
from ..framework import (assign_from_checkpoint, assign_from_values, assign_from_values_fn)
from ..framework import (add_model_variable, arg_scope_func_key, current_arg_scope,
                         filter_variables, get_variable_full_name, global_variable)
from ..layers import (avg_pool3d, conv3d_transpose, convolution3d_transpose,
                           dense_to_sparse, images_to_sequence, max_pool3d, maxout,
                           sequence_to_images, softmax, unit_norm)
from ..framework import (assert_global_step, add_arg_scope, arg_scope, arg_scoped_arguments,
                         assign_from_checkpoint_fn, create_global_step, get_global_step,
                         get_local_variables, get_model_variables, get_or_create_global_step,
                         get_trainable_variables, get_unique_variable, get_variables,
                         get_variables_by_name, get_variables_by_suffix,
                         get_variables_to_restore, has_arg_scope, local_variable,
                         model_variable, variable)
from ..layers import (OPTIMIZER_CLS_NAMES, OPTIMIZER_SUMMARIES, apply_regularization,
                      l1_l2_regularizer, l1_regularizer, l2_regularizer, sum_regularizer,
                      avg_pool2d, batch_norm, conv1d, conv3d, convolution1d, convolution3d,
                      elu, linear, relu, relu6,
                      bias_add, conv2d, conv2d_transpose, convolution, convolution2d,
                      convolution2d_transpose, dropout, embed_sequence, flatten,
                      fully_connected, layer_norm, max_pool2d, one_hot_encoding,
                      optimize_loss, repeat, separable_conv2d, separable_convolution2d,
                      stack, group_norm, instance_norm, summarize_activation,
                      summarize_activations, summarize_collection, summarize_tensor,
                      summarize_tensors, variance_scaling_initializer, xavier_initializer,
                      xavier_initializer_conv2d)
from ..layers import (SPARSE_FEATURE_CROSS_DEFAULT_HASH_KEY, bucketized_column,
                      check_feature_columns, create_feature_spec_for_parsing, crossed_column,
                      embedding_column, embedding_lookup_unique, infer_real_valued_columns,
                      input_from_feature_columns, joint_weighted_sum_from_feature_columns,
                      make_place_holder_tensors_for_base_features, one_hot_column,
                      parse_feature_columns_from_examples,
                      parse_feature_columns_from_sequence_examples, real_valued_column,
                      safe_embedding_lookup_sparse, scattered_embedding_column,
                      sequence_input_from_feature_columns, shared_embedding_columns,
                      sparse_column_with_hash_bucket, sparse_column_with_integerized_feature,
                      sparse_column_with_keys, sparse_column_with_vocabulary_file,
                      transform_features, weighted_sparse_column,
                      weighted_sum_from_feature_columns)
from ..layers import (bow_encoder, conv2d_in_plane, convolution2d_in_plane,
                      legacy_fully_connected, legacy_linear, legacy_relu, spatial_softmax)
from ..layers.distributed_embedding import embedding_lookup_sparse_with_distributed_aggregation
from ..layers.gdn import GDN, gdn
from ..layers.rev_block_lib import recompute_grad
from ..layers.rev_block import RevBlock, rev_block
from ..layers.pool_extra import ProblemType, bucketize, pool
from ..layers.scale_gradient import scale_gradient
from ..layers.scattered import scattered_embedding_lookup, scattered_embedding_lookup_sparse
from ..layers.sparse_feature_cross import sparse_feature_cross
from ...feature_column.feature_column import InputLayer
from .deprecation import deprecated, deprecated_arg_values, experimental, make_all
from ..layers.optimizers import adaptive_clipping_fn
from ..layers.summaries import summarize_biases, summarize_variables, summarize_weights


# slim re-exports these contrib.framework variables helpers (TF 1.14 slim/__init__.py star-
# imports contrib/framework/python/ops/variables.py): they are slim's when flowgrad's
# contrib.framework has them.
_FRAMEWORK_NAMES = ("VariableDeviceChooser", "assert_or_get_global_step", "zero_initializer")


def __getattr__(name):
    if name == "nets":  # the model definitions load on first use
        return _importlib.import_module(__name__ + ".nets")
    if name in _FRAMEWORK_NAMES:
        if hasattr(_framework, name):
            return getattr(_framework, name)
    raise AttributeError(f"flowgrad does not implement tensorflow.contrib.slim.{name}")
