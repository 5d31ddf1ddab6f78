"""TF 1.14's tf.feature_column.input_layer, linear_model and make_parse_example_spec
(tensorflow/python/feature_column/feature_column.py), and shared_embedding_columns.

Variables get TF's names and scopes, so checkpoints match TF's:
`input_layer/<column>_embedding/embedding_weights` (a reference variable, as TF),
`linear_model/<column>/weights` and `linear_model/bias_weights` (resource variables, as
TF's Keras-built linear model), a shared embedding `input_layer/<collection name>/
embedding_weights`. Columns are built in the order of their names, each in its own
variable scope, with TF's ops in TF's order (so a graph seed gives the embeddings TF's
numbers).
"""
from __future__ import annotations

import contextlib

import collections
import collections.abc
import math

from ..engine.framework import dtypes as _dt
from ..engine.framework.graph import (GraphKeys, control_dependencies, get_default_graph,
                                     name_scope)
from ..engine.ops.comparison import equal, greater
from ..engine.framework.tensor_shape import Dimension, TensorShape
from ..engine.ops.linalg import matmul
from ..ops import array_ops, math_ops, nn_ops, sparse_ops
from ..ops.control_flow_ops import cond
from ..ops.embedding_ops import safe_embedding_lookup_sparse
from ..ops.logging_ops import Assert
from ..ops.init_ops import truncated_normal_initializer, zeros_initializer
from ..ops.sparse_tensor import SparseTensor
from ..ops.variable_scope import get_variable, get_variable_scope, make_template, variable_scope
from .feature_column_v2 import (CategoricalColumn, DenseColumn, EmbeddingColumn, FeatureColumn,
                                WeightedCategoricalColumn, convert_to_tensor_or_sparse_tensor)

__all__ = ["input_layer", "linear_model", "make_parse_example_spec",
           "shared_embedding_columns"]


class _LazyBuilder:
    """Transforms each feature and column once (TF's _LazyBuilder)."""

    def __init__(self, features):
        self._features = features.copy()
        self._feature_tensors = {}

    def get(self, key):
        if key in self._feature_tensors:
            return self._feature_tensors[key]
        if key in self._features:
            feature_tensor = self._get_raw_feature_as_tensor(key)
            self._feature_tensors[key] = feature_tensor
            return feature_tensor
        if isinstance(key, str):
            raise ValueError(f"Feature {key} is not in features dictionary.")
        if not isinstance(key, FeatureColumn):
            raise TypeError(f'"key" must be either a "str" or "_FeatureColumn". Provided: {key}')
        transformed = key._transform_feature(self)
        if transformed is None:
            raise ValueError(f"Column {key.name} is not supported.")
        self._feature_tensors[key] = transformed
        return transformed

    def _get_raw_feature_as_tensor(self, key):
        feature_tensor = convert_to_tensor_or_sparse_tensor(self._features[key])
        rank = feature_tensor.get_shape().ndims
        if rank is None:
            if isinstance(feature_tensor, SparseTensor):
                raise NotImplementedError(f"SparseTensor feature (key: {key}) of unknown rank: "
                                          "flowgrad's feature columns need its rank")
            # TF: assert rank > 0, then expand a rank-1 tensor at run time (tf.cond)
            r = array_ops.rank(feature_tensor)
            check = Assert(greater(r, 0), [f"Feature (key: {key}) cannot have rank 0. Given: "
                                           f"{feature_tensor}"], name="assert_positive")
            with control_dependencies([check]):
                return cond(equal(1, r), lambda: array_ops.expand_dims(feature_tensor, -1),
                            lambda: array_ops.identity(feature_tensor))
        if rank == 0:
            raise ValueError(f"Feature (key: {key}) cannot have rank 0. Give: "
                             f"{feature_tensor}")
        if rank != 1:
            return feature_tensor
        if isinstance(feature_tensor, SparseTensor):
            return sparse_ops.sparse_reshape(
                feature_tensor, [_sparse_shape(feature_tensor)[0], 1])
        return array_ops.expand_dims(feature_tensor, -1)


def _sparse_shape(sp):
    """array_ops.shape of a SparseTensor: its dense_shape as int32 ("Shape/Cast")."""
    with name_scope(None, "Shape", [sp.dense_shape]):
        return math_ops.cast(sp.dense_shape, _dt.int32)


def _normalize_feature_columns(feature_columns):
    if isinstance(feature_columns, FeatureColumn):
        feature_columns = [feature_columns]
    if isinstance(feature_columns, collections.abc.Iterator):
        feature_columns = list(feature_columns)
    if isinstance(feature_columns, dict):
        raise ValueError("Expected feature_columns to be iterable, found dict.")
    for column in feature_columns:
        if not isinstance(column, FeatureColumn):
            raise ValueError(f"Items of feature_columns must be a _FeatureColumn. Given (type "
                             f"{type(column)}): {column}.")
    if not feature_columns:
        raise ValueError("feature_columns must not be empty.")
    name_to_column = {}
    for column in feature_columns:
        if column.name in name_to_column:
            raise ValueError(
                f"Duplicate feature column name found for columns: {column} and "
                f"{name_to_column[column.name]}. This usually means that these columns refer "
                "to same base feature. Either one must be discarded or a duplicated but "
                "renamed item must be inserted in features dict.")
        name_to_column[column.name] = column
    return feature_columns


def _verify_static_batch_size_equality(tensors, columns):
    expected = None
    index = None
    for i, t in enumerate(tensors):
        dim = t.shape.dims[0] if t.shape.dims else Dimension(None)
        if Dimension(dim).value is not None:
            if expected is None:
                index, expected = i, Dimension(dim)
            elif not expected.is_compatible_with(Dimension(dim)):
                raise ValueError(
                    f"Batch size (first dimension) of each feature must be same. Batch size of "
                    f"columns ({columns[index].name}, {columns[i].name}): ({expected}, {dim})")


def _with_collections(weight_collections):
    weight_collections = list(weight_collections or [])
    for key in (GraphKeys.GLOBAL_VARIABLES, GraphKeys.MODEL_VARIABLES):
        if key not in weight_collections:
            weight_collections.append(key)
    return weight_collections


def _internal_input_layer(features, feature_columns, weight_collections=None, trainable=True,
                          cols_to_vars=None, scope=None, cols_to_output_tensors=None,
                          from_template=False, variables_first=False):
    """input_layer with a scope (what canned estimators call). `variables_first`: as the
    input layer of TF 1.14's canned DNN (a Keras layer) every embedding column's variable
    is made (in column order) before any column's ops, which the graph seed's op counter
    sees."""
    feature_columns = _normalize_feature_columns(feature_columns)
    for column in feature_columns:
        if not isinstance(column, DenseColumn):
            raise ValueError(f"Items of feature_columns must be a _DenseColumn. You can wrap a "
                             f"categorical column with an embedding_column or indicator_column. "
                             f"Given: {column}")
    weight_collections = _with_collections(weight_collections)

    def _get_logits():
        builder = _LazyBuilder(features)
        output_tensors = []
        ordered_columns = []
        made = {}
        if variables_first:
            for column in sorted(feature_columns, key=lambda x: x.name):
                if hasattr(column, "_create_variables"):
                    with variable_scope(None, default_name=column._var_scope_name) as vs:
                        column._create_variables(weight_collections, trainable)
                    made[column] = vs
        for column in sorted(feature_columns, key=lambda x: x.name):
            ordered_columns.append(column)
            with (_reenter(made[column]) if column in made else
                  variable_scope(None, default_name=column._var_scope_name)):
                tensor = column._get_dense_tensor(builder, weight_collections=weight_collections,
                                                  trainable=trainable)
                num_elements = column._variable_shape.num_elements()
                batch_size = array_ops.shape(tensor)[0]
                output_tensor = array_ops.reshape(tensor, shape=(batch_size, num_elements))
                output_tensors.append(output_tensor)
                if cols_to_vars is not None:
                    cols_to_vars[column] = get_default_graph().get_collection(
                        GraphKeys.GLOBAL_VARIABLES, scope=get_variable_scope().name)
                if cols_to_output_tensors is not None:
                    cols_to_output_tensors[column] = output_tensor
        _verify_static_batch_size_equality(output_tensors, ordered_columns)
        return array_ops.concat(output_tensors, 1)

    if from_template:
        return _get_logits()
    with variable_scope(scope, default_name="input_layer", values=list(features.values())):
        return _get_logits()


@contextlib.contextmanager
def _reenter(vs):
    """Variable scope `vs` again (reusing), in its own name scope."""
    with variable_scope(vs, reuse=True, auxiliary_name_scope=False), \
            name_scope(vs.original_name_scope):
        yield


def input_layer(features, feature_columns, weight_collections=None, trainable=True,
                cols_to_vars=None, cols_to_output_tensors=None):
    """A dense [batch, sum of column widths] tensor of `feature_columns` (sorted by name)."""
    return _internal_input_layer(features, feature_columns,
                                 weight_collections=weight_collections, trainable=trainable,
                                 cols_to_vars=cols_to_vars,
                                 cols_to_output_tensors=cols_to_output_tensors)


def _add_to_collections(var, weight_collections):
    g = get_default_graph()
    for collection in weight_collections:
        if collection == GraphKeys.GLOBAL_VARIABLES:
            continue
        for v in (list(var) if _is_partitioned(var) else [var]):   # as TF: the parts
            if v not in g.get_collection(collection):
                g.add_to_collection(collection, v)


def _is_partitioned(var):
    return type(var).__name__ == "PartitionedVariable"


def _parts(var):
    """A variable's list for cols_to_vars: a partitioned variable's parts (as TF)."""
    return list(var) if _is_partitioned(var) else [var]


def _categorical_weighted_sum(column, builder, weight, sparse_combiner, weight_collections,
                              trainable):
    sparse_tensors = column._get_sparse_tensors(builder, weight_collections=weight_collections,
                                                trainable=trainable)
    id_tensor = sparse_ops.sparse_reshape(sparse_tensors.id_tensor, [
        _sparse_shape(sparse_tensors.id_tensor)[0], -1])
    weight_tensor = sparse_tensors.weight_tensor
    if weight_tensor is not None:
        weight_tensor = sparse_ops.sparse_reshape(weight_tensor,
                                                  [_sparse_shape(weight_tensor)[0], -1])
    return safe_embedding_lookup_sparse(weight, id_tensor, sparse_weights=weight_tensor,
                                        combiner=sparse_combiner, name="weighted_sum")


def _dense_weighted_sum(column, builder, weight, weight_collections, trainable,
                        embedding_weights=None):
    if embedding_weights is not None:   # an embedding column's variable, made beforehand
        tensor = column._get_dense_tensor(builder, weight_collections=weight_collections,
                                          trainable=trainable,
                                          embedding_weights=embedding_weights)
    else:
        tensor = column._get_dense_tensor(builder, weight_collections=weight_collections,
                                          trainable=trainable)
    num_elements = column._variable_shape.num_elements()
    batch_size = array_ops.shape(tensor)[0]
    tensor = array_ops.reshape(tensor, shape=(batch_size, num_elements))
    return matmul(tensor, weight, name="weighted_sum")


def linear_model(features, feature_columns, units=1, sparse_combiner="sum",
                 weight_collections=None, trainable=True, cols_to_vars=None):
    """A linear prediction [batch, units] of `feature_columns` (zero-initialized weights
    `linear_model/<column>/weights` and bias `linear_model/bias_weights`)."""
    if sparse_combiner not in ("sum", "mean", "sqrtn"):
        raise ValueError("combiner must be one of 'mean', 'sqrtn' or 'sum'")
    with variable_scope(None, "linear_model") as vs:
        model_name = vs.name.rsplit("/", 1)[-1]
    feature_columns = _normalize_feature_columns(feature_columns)
    weight_collections = _with_collections(weight_collections)
    # TF's _LinearModel names each column's layer in a top-level variable scope
    column_names = {}
    for column in sorted(feature_columns, key=lambda x: x.name):
        with variable_scope(None, default_name=column._var_scope_name) as cvs:
            column_names[column] = cvs.name.rsplit("/", 1)[-1]
    found = {}
    # TF's Keras model opens its own name scope ("linear_model_1") around the variable scope
    with name_scope(None, model_name), variable_scope(model_name):
        for column in feature_columns:
            if not isinstance(column, (DenseColumn, CategoricalColumn)):
                raise ValueError(f"Items of feature_columns must be either a _DenseColumn or "
                                 f"_CategoricalColumn. Given: {column}")
        weighted_sums = []
        ordered_columns = []
        builder = _LazyBuilder(features)
        for column in sorted(feature_columns, key=lambda c: column_names[c]):
            ordered_columns.append(column)
            with variable_scope(column_names[column]):
                if isinstance(column, CategoricalColumn):
                    shape = (column._num_buckets, units)
                else:
                    shape = [column._variable_shape.num_elements(), units]
                weight = get_variable("weights", shape=shape, dtype=_dt.float32,
                                      initializer=zeros_initializer(), trainable=trainable,
                                      use_resource=True)
                _add_to_collections(weight, weight_collections)
                if isinstance(column, CategoricalColumn):
                    weighted_sum = _categorical_weighted_sum(
                        column, builder, weight, sparse_combiner, weight_collections,
                        trainable)
                else:
                    weighted_sum = _dense_weighted_sum(column, builder, weight,
                                                       weight_collections, trainable)
                weighted_sums.append(weighted_sum)
                found[column] = _parts(weight)
        _verify_static_batch_size_equality(weighted_sums, ordered_columns)
        predictions_no_bias = math_ops.add_n(weighted_sums, name="weighted_sum_no_bias")
        bias = get_variable("bias_weights", shape=[units], dtype=_dt.float32,
                            initializer=zeros_initializer(), trainable=trainable,
                            use_resource=True)
        _add_to_collections(bias, weight_collections)
        predictions = nn_ops.bias_add(predictions_no_bias, bias, name="weighted_sum")
        found["bias"] = _parts(bias)
    if cols_to_vars is not None:
        cols_to_vars.update(found)
    return predictions


def linear_model_layer(features, feature_columns, units=1, sparse_combiner="sum",
                       name="linear_model"):
    """TF 1.14's feature_column_v2.LinearModel called once, as the canned linear
    estimators call it with v2 columns: (logits, bias, [column weights]). The Keras layer
    and its inner layer open name scopes '<name>/<name>/'; its build makes every column's
    `<name>/<column>/weights` and then `<name>/bias_weights` (variables of the enclosing
    variable scope, in no name scope of their own); its call computes the weighted sums
    under a third '<name>/' scope."""
    if sparse_combiner not in ("sum", "mean", "sqrtn"):
        raise ValueError("sparse_combiner must be one of 'mean', 'sqrtn' or 'sum'")
    # v2's _normalize_feature_columns: sorted by name
    feature_columns = sorted(_normalize_feature_columns(feature_columns), key=lambda c: c.name)
    for column in feature_columns:
        if not isinstance(column, (DenseColumn, CategoricalColumn)):
            raise ValueError(f"Items of feature_columns must be either a DenseColumn or "
                             f"CategoricalColumn. Given: {column}")
    weights, states = {}, {}
    with name_scope(None, name), name_scope(None, name):
        with variable_scope(name, auxiliary_name_scope=False):   # build
            for column in feature_columns:
                with variable_scope(column._var_scope_name, auxiliary_name_scope=False):
                    if isinstance(column, EmbeddingColumn):   # its create_state
                        states[column] = get_variable(
                            "embedding_weights", shape=(column.categorical_column._num_buckets,
                                                        column.dimension),
                            dtype=_dt.float32, initializer=column.initializer,
                            trainable=column.trainable, use_resource=True)
                    first = column._num_buckets if isinstance(column, CategoricalColumn) \
                        else column._variable_shape.num_elements()
                    weights[column] = get_variable(
                        "weights", shape=(first, units), dtype=_dt.float32,
                        initializer=zeros_initializer(), use_resource=True)
            bias = get_variable("bias_weights", shape=[units], dtype=_dt.float32,
                                initializer=zeros_initializer(), use_resource=True)
        with name_scope(name):   # call
            builder = _LazyBuilder(features)
            weighted_sums = []
            for column in feature_columns:
                with name_scope(column.name):
                    if isinstance(column, CategoricalColumn):
                        weighted_sums.append(_categorical_weighted_sum(
                            column, builder, weights[column], sparse_combiner, None, True))
                    else:
                        weighted_sums.append(_dense_weighted_sum(
                            column, builder, weights[column], None, True,
                            embedding_weights=states.get(column)))
            _verify_static_batch_size_equality(weighted_sums, feature_columns)
            predictions_no_bias = math_ops.add_n(weighted_sums, name="weighted_sum_no_bias")
            predictions = nn_ops.bias_add(predictions_no_bias, bias, name="weighted_sum")
    return predictions, bias, [weights[c] for c in feature_columns]


def make_parse_example_spec(feature_columns):
    """The tf.parse_example spec (key -> FixedLenFeature/VarLenFeature) of the columns."""
    result = {}
    for column in feature_columns:
        if not isinstance(column, FeatureColumn):
            raise ValueError(f"All feature_columns must be _FeatureColumn instances. Given: "
                             f"{column}")
        config = column._parse_example_spec
        for key, value in config.items():
            if key in result and value != result[key]:
                raise ValueError(f"feature_columns contain different parse_spec for key {key}. "
                                 f"Given {value} and {result[key]}")
        result.update(config)
    return result


# -- shared embeddings ---------------------------------------------------------------------
class _SharedEmbeddingColumn(DenseColumn, collections.namedtuple(
        "_SharedEmbeddingColumn", ("categorical_column", "dimension", "combiner", "initializer",
                                   "shared_embedding_collection_name", "ckpt_to_load_from",
                                   "tensor_name_in_ckpt", "max_norm", "trainable"))):
    """An embedding whose variable several columns share (one collection holds it)."""

    @property
    def name(self):
        return f"{self.categorical_column.name}_shared_embedding"

    @property
    def _var_scope_name(self):
        return self.shared_embedding_collection_name

    @property
    def _parse_example_spec(self):
        return self.categorical_column._parse_example_spec

    def _transform_feature(self, inputs):
        return inputs.get(self.categorical_column)

    @property
    def _variable_shape(self):
        return TensorShape([self.dimension])

    def _get_dense_tensor(self, inputs, weight_collections=None, trainable=None):
        with name_scope(None, default_name=self.name):
            sparse_tensors = self.categorical_column._get_sparse_tensors(
                inputs, weight_collections=weight_collections, trainable=trainable)
            embedding_shape = (self.categorical_column._num_buckets, self.dimension)
            g = get_default_graph()
            shared = g.get_collection(self.shared_embedding_collection_name)
            if shared:
                if len(shared) > 1:
                    raise ValueError(
                        f"Collection {shared} can only contain one variable. Suggested fix A: "
                        "Choose a unique name for this collection. Suggested fix B: Do not add "
                        "any variables to this collection. The feature_column library already "
                        "adds a variable under the hood.")
                embedding_weights = shared[0]
                if tuple(embedding_weights.get_shape().as_list()) != embedding_shape:
                    raise ValueError(
                        f"Shared embedding collection {self.shared_embedding_collection_name} "
                        f"contains variable {embedding_weights.name} of unexpected shape "
                        f"{embedding_weights.get_shape()}. Expected shape is "
                        f"{embedding_shape}. Suggested fix A: Choose a unique name for this "
                        "collection. Suggested fix B: Do not add any variables to this "
                        "collection. The feature_column library already adds a variable "
                        "under the hood.")
            else:
                embedding_weights = get_variable(
                    name="embedding_weights", shape=embedding_shape, dtype=_dt.float32,
                    initializer=self.initializer, trainable=self.trainable and trainable,
                    collections=weight_collections)
                g.add_to_collection(self.shared_embedding_collection_name, embedding_weights)
            return safe_embedding_lookup_sparse(
                embedding_weights=embedding_weights, sparse_ids=sparse_tensors.id_tensor,
                sparse_weights=sparse_tensors.weight_tensor, combiner=self.combiner,
                name=f"{self.name}_weights", max_norm=self.max_norm)


def shared_embedding_columns(categorical_columns, dimension, combiner="mean", initializer=None,
                             shared_embedding_collection_name=None, ckpt_to_load_from=None,
                             tensor_name_in_ckpt=None, max_norm=None, trainable=True):
    """Embedding columns of `categorical_columns` that share one embedding variable."""
    if dimension is None or dimension < 1:
        raise ValueError(f"Invalid dimension {dimension}.")
    if (ckpt_to_load_from is None) != (tensor_name_in_ckpt is None):
        raise ValueError("Must specify both `ckpt_to_load_from` and `tensor_name_in_ckpt` or "
                         "none of them.")
    if ckpt_to_load_from is not None:
        raise NotImplementedError("shared_embedding_columns(ckpt_to_load_from=...) is not in "
                                  "flowgrad")
    if initializer is not None and not callable(initializer):
        raise ValueError("initializer must be callable if specified.")
    if initializer is None:
        initializer = truncated_normal_initializer(mean=0.0, stddev=1. / math.sqrt(dimension))
    sorted_columns = sorted(categorical_columns, key=lambda x: x.name)
    c0 = sorted_columns[0]
    num_buckets = c0._num_buckets
    if not isinstance(c0, CategoricalColumn):
        raise ValueError(f"All categorical_columns must be subclasses of _CategoricalColumn. "
                         f"Given: {c0}, of type: {type(c0)}")
    if isinstance(c0, WeightedCategoricalColumn):
        c0 = c0.categorical_column
    for c in sorted_columns[1:]:
        if isinstance(c, WeightedCategoricalColumn):
            c = c.categorical_column
        if not isinstance(c, type(c0)):
            raise ValueError(
                f"To use shared_embedding_column, all categorical_columns must have the same "
                f"type, or be weighted_categorical_column of the same type. Given column: {c0} "
                f"of type: {type(c0)} does not match given column: {c} of type: {type(c)}")
        if num_buckets != c._num_buckets:
            raise ValueError(
                f"To use shared_embedding_column, all categorical_columns must have the same "
                f"number of buckets. Given column: {c0} with buckets: {num_buckets} does  not "
                f"match column: {c} with buckets: {c._num_buckets}")
    if not shared_embedding_collection_name:
        shared_embedding_collection_name = "_".join(c.name for c in sorted_columns)
        shared_embedding_collection_name += "_shared_embedding"
    return [_SharedEmbeddingColumn(
        categorical_column=column, initializer=initializer, dimension=dimension,
        combiner=combiner, shared_embedding_collection_name=shared_embedding_collection_name,
        ckpt_to_load_from=ckpt_to_load_from, tensor_name_in_ckpt=tensor_name_in_ckpt,
        max_norm=max_norm, trainable=trainable) for column in categorical_columns]


class InputLayer:
    """input_layer as a reusable layer (TF 1.14's feature_column.InputLayer): every call
    builds the input layer in one template scope, sharing its variables."""

    def __init__(self, feature_columns, weight_collections=None, trainable=True,
                 cols_to_vars=None, name="feature_column_input_layer", create_scope_now=True):
        self._feature_columns = feature_columns
        self._weight_collections = weight_collections
        self._trainable = trainable
        self._cols_to_vars = cols_to_vars
        self._name = name
        self._input_layer_template = make_template(self._name, _internal_input_layer,
                                                   create_scope_now_=create_scope_now)
        self._scope = self._input_layer_template.variable_scope

    def __call__(self, features):
        return self._input_layer_template(
            features=features, feature_columns=self._feature_columns,
            weight_collections=self._weight_collections, trainable=self._trainable,
            cols_to_vars=None, from_template=True)

    @property
    def name(self):
        return self._name

    @property
    def trainable_variables(self):
        return self._input_layer_template.trainable_variables

    trainable_weights = trainable_variables

    @property
    def variables(self):
        return self._input_layer_template.global_variables

    weights = variables

    @property
    def non_trainable_variables(self):
        trainable = set(self.trainable_variables)
        return [v for v in self.variables if v not in trainable]

    non_trainable_weights = non_trainable_variables
