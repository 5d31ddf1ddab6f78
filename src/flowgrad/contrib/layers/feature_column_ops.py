"""tf.contrib.layers' layer functions over the legacy feature columns (TF 1.14
contrib/layers/python/layers/feature_column_ops.py): input_from_feature_columns,
sequence_input_from_feature_columns, weighted_sum_from_feature_columns,
joint_weighted_sum_from_feature_columns, transform_features, the parse_* helpers,
infer_real_valued_columns and check_feature_columns.

Columns are built in the order of their keys, each in a variable scope of its name, with
TF's variables (`weights`, `weight`, `bias_weight`, model variables) and TF's ops.
"""
from __future__ import annotations

import functools

from ... import logging
from ...engine.framework import dtypes as _dt
from ...engine.framework.graph import GraphKeys
from ...engine.ops.bias_add import bias_add
from ...engine.ops.linalg import matmul
from ...ops import array_ops, math_ops, parsing_ops, sparse_ops
from ...ops.init_ops import zeros_initializer
from ...ops.sparse_tensor import SparseTensor
from ...ops.variable_scope import variable_scope
from ...ops import _nest as nest
from ..framework.variables import model_variable
from . import feature_column as fc
from .encoders import safe_embedding_lookup_sparse

__all__ = ["input_from_feature_columns", "sequence_input_from_feature_columns",
           "weighted_sum_from_feature_columns", "joint_weighted_sum_from_feature_columns",
           "transform_features", "parse_feature_columns_from_examples",
           "parse_feature_columns_from_sequence_examples", "infer_real_valued_columns",
           "check_feature_columns"]


def _maybe_reshape_input_tensor(tensor, column_name, output_rank):
    input_rank = tensor.get_shape().ndims
    if input_rank is None and isinstance(tensor, SparseTensor):
        input_rank = tensor.dense_shape.get_shape().as_list()[0]
    if input_rank is None:
        raise ValueError("Error while processing column {}. Rank of input Tensor can not be "
                         "None.".format(column_name))
    if output_rank > input_rank + 1:
        raise ValueError(
            "Error while processing column {}. Rank of input Tensor ({}) should be the same "
            "as output_rank ({}). For example, sequence data should typically be 3 "
            "dimensional (rank 3) while non-sequence data is typically 2 dimensional (rank "
            "2).".format(column_name, input_rank, output_rank))
    if output_rank == input_rank + 1:
        if isinstance(tensor, SparseTensor):
            shape = array_ops.concat([tensor.dense_shape, [1]], 0)
            return sparse_ops.sparse_reshape(tensor, shape)
        reshaped = array_ops.expand_dims(tensor, -1)
        static = tensor.get_shape()
        if static.dims is not None:
            reshaped.set_shape(static.as_list() + [1])
        return reshaped
    if output_rank < input_rank:
        return fc.inner_flatten(tensor, output_rank)
    return tensor


def _add_variable_collection(weight_collections):
    if weight_collections:
        weight_collections = list(set(list(weight_collections) +
                                      [GraphKeys.GLOBAL_VARIABLES]))
    return weight_collections


def _sorted_columns(feature_columns):
    return sorted(set(feature_columns), key=lambda x: x.key)


def _input_from_feature_columns(columns_to_tensors, feature_columns, weight_collections,
                                trainable, scope, output_rank, default_name,
                                cols_to_outs=None):
    columns_to_tensors = columns_to_tensors.copy()
    check_feature_columns(feature_columns)
    if cols_to_outs is not None and not isinstance(cols_to_outs, dict):
        raise ValueError("cols_to_outs must be a dict unless None")
    with variable_scope(scope, default_name=default_name, values=columns_to_tensors.values()):
        outputs = []
        transformer = _Transformer(columns_to_tensors)
        weight_collections = _add_variable_collection(weight_collections)
        for column in _sorted_columns(feature_columns):
            with variable_scope(None, default_name=column.name,
                                values=columns_to_tensors.values()):
                transformed = transformer.transform(column)
                if output_rank == 3:
                    transformed = nest.map_structure(
                        functools.partial(_maybe_reshape_input_tensor, column_name=column.name,
                                          output_rank=output_rank), transformed)
                try:
                    arguments = column._deep_embedding_lookup_arguments(transformed)
                    outputs.append(fc.embeddings_from_arguments(
                        column, arguments, weight_collections, trainable,
                        output_rank=output_rank))
                except NotImplementedError as ee:
                    try:
                        outputs.append(column._to_dnn_input_layer(
                            transformed, weight_collections, trainable,
                            output_rank=output_rank))
                    except ValueError as e:
                        raise ValueError("Error creating input layer for column: {}.\n{}, {}"
                                         .format(column.name, e, ee)) from None
            if cols_to_outs is not None:
                cols_to_outs[column] = outputs[-1]
        return array_ops.concat(outputs, output_rank - 1)


def input_from_feature_columns(columns_to_tensors, feature_columns, weight_collections=None,
                               trainable=True, scope=None, cols_to_outs=None):
    """The DNN input layer of the columns: their dense tensors concatenated ([batch, n])."""
    return _input_from_feature_columns(columns_to_tensors, feature_columns, weight_collections,
                                       trainable, scope, output_rank=2,
                                       default_name="input_from_feature_columns",
                                       cols_to_outs=cols_to_outs)


_SEQUENCE_FORBIDDEN = (fc._BucketizedColumn, fc._CrossedColumn, fc._ScatteredEmbeddingColumn)


def _parent_columns(column):
    if isinstance(column, (fc._WeightedSparseColumn, fc._OneHotColumn, fc._EmbeddingColumn)):
        return (column.sparse_id_column,)
    if isinstance(column, fc._BucketizedColumn):
        return (column.source_column,)
    if isinstance(column, fc._CrossedColumn):
        return tuple(column.columns)
    return ()


def sequence_input_from_feature_columns(columns_to_tensors, feature_columns,
                                        weight_collections=None, trainable=True, scope=None):
    """input_from_feature_columns over sequences: a [batch, time, n] tensor."""
    supported = (fc._OneHotColumn, fc._EmbeddingColumn, fc._RealValuedColumn)
    for column in feature_columns:
        if not isinstance(column, supported):
            raise ValueError("FeatureColumn type {} is not currently supported for sequence "
                             "data.".format(type(column).__name__))
    gathered = list(feature_columns)
    i = 0
    while i < len(gathered):
        for parent in _parent_columns(gathered[i]):
            if parent not in gathered:
                gathered.append(parent)
        i += 1
    for column in gathered:
        if isinstance(column, _SEQUENCE_FORBIDDEN):
            raise ValueError("Column {} is of type {}, which is not currently supported for "
                             "sequences.".format(column.name, type(column).__name__))
    return _input_from_feature_columns(columns_to_tensors, feature_columns, weight_collections,
                                       trainable, scope, output_rank=3,
                                       default_name="sequence_input_from_feature_columns")


def _create_embedding_lookup(column, columns_to_tensors, arguments, num_outputs, trainable,
                             weight_collections):
    with variable_scope(None, default_name=column.name, values=columns_to_tensors.values()):
        variable = model_variable(name="weights", shape=[arguments.vocab_size, num_outputs],
                                  dtype=_dt.float32, initializer=arguments.initializer,
                                  trainable=trainable, collections=weight_collections)
        variable = fc._variable_list(variable)
        predictions = safe_embedding_lookup_sparse(
            variable, arguments.input_tensor, sparse_weights=arguments.weight_tensor,
            combiner=arguments.combiner, name=column.name + "_weights")
        return variable, predictions


def _log_variable(variable):
    for var in (variable if isinstance(variable, list) else [variable]):
        if hasattr(var, "device"):   # as TF: a PartitionedVariable is not logged
            logging.info("Created variable %s, with device=%s", var.name, var.device)


def weighted_sum_from_feature_columns(columns_to_tensors, feature_columns, num_outputs,
                                      weight_collections=None, trainable=True, scope=None):
    """A linear model of the columns: (predictions, {column: [variables]}, bias)."""
    columns_to_tensors = columns_to_tensors.copy()
    check_feature_columns(feature_columns)
    with variable_scope(scope, default_name="weighted_sum_from_feature_columns",
                        values=columns_to_tensors.values()):
        outputs = []
        column_to_variable = {}
        transformer = _Transformer(columns_to_tensors)
        for column in _sorted_columns(feature_columns):
            transformed = transformer.transform(column)
            try:
                arguments = column._wide_embedding_lookup_arguments(transformed)
                variable, predictions = _create_embedding_lookup(
                    column, columns_to_tensors, arguments, num_outputs, trainable,
                    weight_collections)
            except NotImplementedError:
                with variable_scope(None, default_name=column.name,
                                    values=columns_to_tensors.values()):
                    tensor = column._to_dense_tensor(transformed)
                    tensor = _maybe_reshape_input_tensor(tensor, column.name, output_rank=2)
                    variable = [model_variable(
                        name="weight", shape=[tensor.get_shape()[1], num_outputs],
                        initializer=zeros_initializer(), trainable=trainable,
                        collections=weight_collections)]
                    predictions = matmul(tensor, variable[0], name="matmul")
            except ValueError as ee:
                raise ValueError("Error creating weighted sum for column: {}.\n{}".format(
                    column.name, ee)) from None
            outputs.append(array_ops.reshape(predictions, shape=(-1, num_outputs)))
            column_to_variable[column] = variable
            _log_variable(variable)
            fc.maybe_restore_from_checkpoint(column._checkpoint_path(), variable)
        predictions_no_bias = math_ops.add_n(outputs)
        bias = model_variable("bias_weight", shape=[num_outputs],
                              initializer=zeros_initializer(), trainable=trainable,
                              collections=_add_variable_collection(weight_collections))
        _log_variable(bias)
        return bias_add(predictions_no_bias, bias), column_to_variable, bias


def joint_weighted_sum_from_feature_columns(columns_to_tensors, feature_columns, num_outputs,
                                            weight_collections=None, trainable=True,
                                            scope=None):
    """A linear model of sparse columns with one joint weight variable:
    (predictions, [variable], bias)."""
    columns_to_tensors = columns_to_tensors.copy()
    check_feature_columns(feature_columns)
    with variable_scope(scope, default_name="joint_weighted_sum_from_feature_columns",
                        values=columns_to_tensors.values()):
        transformer = _Transformer(columns_to_tensors)
        arguments = []
        for column in _sorted_columns(feature_columns):
            transformed = transformer.transform(column)
            try:
                arguments.append(column._wide_embedding_lookup_arguments(transformed))
            except NotImplementedError:
                raise NotImplementedError(
                    "Real-valued columns are not supported. Use "
                    "weighted_sum_from_feature_columns instead, or bucketize these "
                    "columns.") from None
        for arg in arguments:
            if arg.weight_tensor is not None:
                raise AssertionError("Joint sums for weighted sparse columns are not "
                                     "supported. Please use weighted_sum_from_feature_columns "
                                     "instead.")
            if arg.combiner != "sum":
                raise AssertionError("Combiners other than sum are not supported for joint "
                                     "sums. Please use weighted_sum_from_feature_columns "
                                     "instead.")
        if not arguments:
            raise AssertionError("At least one column must be in the model.")
        prev_size = 0
        sparse_tensors = []
        for arg in arguments:
            t = arg.input_tensor
            values = t.values + prev_size
            prev_size += arg.vocab_size
            sparse_tensors.append(SparseTensor(t.indices, values, t.dense_shape))
        sparse_tensor = sparse_ops.sparse_concat(1, sparse_tensors)
        with variable_scope(None, default_name="linear_weights",
                            values=columns_to_tensors.values()):
            variable = model_variable(name="weights", shape=[prev_size, num_outputs],
                                      dtype=_dt.float32, initializer=zeros_initializer(),
                                      trainable=trainable, collections=weight_collections)
            variable = fc._variable_list(variable)
            predictions_no_bias = safe_embedding_lookup_sparse(
                variable, sparse_tensor, sparse_weights=None, combiner="sum",
                name="_weights")
        bias = model_variable("bias_weight", shape=[num_outputs],
                              initializer=zeros_initializer(), trainable=trainable,
                              collections=_add_variable_collection(weight_collections))
        _log_variable(bias)
        return bias_add(predictions_no_bias, bias), variable, bias


def parse_feature_columns_from_examples(serialized, feature_columns, name=None,
                                        example_names=None):
    """parse_example with the columns' spec, then each column transformed: a dict keyed
    by feature name and by column."""
    check_feature_columns(feature_columns)
    columns_to_tensors = parsing_ops.parse_example(
        serialized=serialized, features=fc.create_feature_spec_for_parsing(feature_columns),
        name=name, example_names=example_names)
    transformer = _Transformer(columns_to_tensors)
    for column in _sorted_columns(feature_columns):
        transformer.transform(column)
    return columns_to_tensors


def transform_features(features, feature_columns):
    """{column: its transformed tensor} for each of `feature_columns`."""
    columns_to_tensor = features.copy()
    check_feature_columns(feature_columns)
    transformer = _Transformer(columns_to_tensor)
    for column in _sorted_columns(feature_columns):
        transformer.transform(column)
    for k in list(columns_to_tensor.keys()):
        if k not in feature_columns:
            columns_to_tensor.pop(k)
    return columns_to_tensor


def parse_feature_columns_from_sequence_examples(serialized, context_feature_columns,
                                                 sequence_feature_columns, name=None,
                                                 example_name=None):
    """parse_single_sequence_example with the context and sequence columns' specs."""
    try:
        serialized = array_ops.reshape(serialized, [])
    except ValueError as e:
        raise ValueError("serialized must contain as single sequence example. Batching must "
                         "be done after parsing for sequence examples. Error: {}".format(e)
                         ) from None
    context_feature_columns = context_feature_columns or []
    sequence_feature_columns = sequence_feature_columns or []
    check_feature_columns(context_feature_columns)
    context_spec = fc.create_feature_spec_for_parsing(context_feature_columns)
    check_feature_columns(sequence_feature_columns)
    sequence_spec = fc.create_sequence_feature_spec_for_parsing(
        sequence_feature_columns, allow_missing_by_default=False)
    return parsing_ops.parse_single_sequence_example(serialized, context_spec, sequence_spec,
                                                     example_name, name)


def _infer_real_valued_column_for_tensor(name, tensor):
    if isinstance(tensor, SparseTensor):
        raise ValueError("SparseTensor is not supported for auto detection. Please define "
                         "corresponding FeatureColumn for tensor {} {}.", name, tensor)
    if not (tensor.dtype.is_integer or tensor.dtype.is_floating):
        raise ValueError("Non integer or non floating types are not supported for auto "
                         "detection. Please define corresponding FeatureColumn for tensor "
                         "{} {}.", name, tensor)
    shape = tensor.get_shape().as_list()
    dimension = 1
    for d in shape[1:]:
        dimension *= d
    return fc.real_valued_column(name, dimension=dimension, dtype=tensor.dtype)


def infer_real_valued_columns(features):
    """A real_valued_column per feature tensor (dimension: the product of its inner
    dimensions)."""
    if not isinstance(features, dict):
        return [_infer_real_valued_column_for_tensor("", features)]
    return [_infer_real_valued_column_for_tensor(k, v) for k, v in features.items()]


def check_feature_columns(feature_columns):
    """Raises ValueError on a dict or on two columns of one key."""
    if isinstance(feature_columns, dict):
        raise ValueError("Expected feature_columns to be iterable, found dict.")
    seen = set()
    for f in feature_columns:
        if f.key in seen:
            raise ValueError("Duplicate feature column key found for column: {}. This usually "
                             "means that the column is almost identical to another column, "
                             "and one must be discarded.".format(f.name))
        seen.add(f.key)


class _Transformer:
    """Transforms each column once into the columns_to_tensors dict."""

    def __init__(self, columns_to_tensors):
        self._columns_to_tensors = columns_to_tensors

    def transform(self, feature_column):
        if feature_column in self._columns_to_tensors:
            return self._columns_to_tensors[feature_column]
        feature_column.insert_transformed_feature(self._columns_to_tensors)
        if feature_column not in self._columns_to_tensors:
            raise ValueError("Column {} is not supported.".format(feature_column.name))
        return self._columns_to_tensors[feature_column]
