"""`tf.estimator.LinearClassifier` and `LinearRegressor` (TF 1.14's canned/linear.py):
`tf.feature_column.linear_model` under 'linear' (variables
'linear/linear_model/<column>/weights' and 'linear/linear_model/bias_weights'), Ftrl at
0.2 by default (min(0.2, 1/sqrt(number of columns)) when optimizer=None), as TF."""
from __future__ import annotations

import math

from ...engine.framework import dtypes
from ...engine.framework.constant_op import constant
from ...engine.framework.graph import name_scope
from ...engine.ops import comparison, control_flow, reductions
from ...engine.ops import shape as shape_ops
from ...engine.ops.cast import cast
from ...losses import losses_impl as losses
from ...ops import nn_ops, partitioned_variables
from ...ops.partitioned_variables import PartitionedVariable
from ...ops.variable_scope import variable_scope
from ...summary import summary_ops
from ...train import optimizers as opt_lib
from ..estimator import Estimator
from . import head as head_lib
from . import optimizers
from ._common import feature_column_lib, validate_features

__all__ = ["LinearClassifier", "LinearEstimator", "LinearRegressor", "linear_logit_fn_builder"]

_LEARNING_RATE = 0.2


def _default_optimizer(feature_columns):
    return opt_lib.FtrlOptimizer(
        learning_rate=min(_LEARNING_RATE, 1.0 / math.sqrt(len(feature_columns))))


def _expand(variables):
    out = []
    for v in variables:
        out.extend(list(v) if isinstance(v, (list, tuple, PartitionedVariable)) else [v])
    return out


def _fraction_of_zero(variables):
    with name_scope("zero_fraction"):
        with name_scope("total_size"):
            sizes = [shape_ops.size(x, out_type=dtypes.int64) for x in variables]
            total_size = reductions.add_n(sizes)
        with name_scope("total_zero"):
            parts = []
            for x, size in zip(variables, sizes):
                if x.shape.is_fully_defined():
                    # TF's cond on size == 0, decided from the static shape (no Cond op:
                    # a summary-only read of the weights stays one)
                    with name_scope("zero_count"):
                        parts.append(constant(0, dtype=dtypes.float32)
                                     if x.shape.num_elements() == 0 else
                                     nn_ops.zero_fraction(x) *
                                     cast(size, dtypes.float32, name="ToFloat"))
                    continue
                parts.append(control_flow.cond(
                    comparison.equal(size, constant(0, dtype=dtypes.int64)),
                    true_fn=lambda: constant(0, dtype=dtypes.float32),
                    false_fn=lambda x=x, size=size: nn_ops.zero_fraction(x) * cast(
                        size, dtypes.float32, name="ToFloat"),
                    name="zero_count"))
            total_zero = reductions.add_n(parts)
        with name_scope("compute"):
            fraction = total_zero / cast(total_size, dtypes.float32, name="float32_size")
        return shape_ops.identity(fraction, name="zero_fraction_or_nan")


def linear_logit_fn_builder(units, feature_columns, sparse_combiner="sum"):
    """A logit_fn(features) of a linear model with `units` logits."""

    def linear_logit_fn(features):
        fc_lib = feature_column_lib()
        if fc_lib.feature_column_v2.is_feature_column_v2(feature_columns):
            # TF's v2 LinearModel
            logits, bias, variables = fc_lib.feature_column.linear_model_layer(
                features, list(feature_columns), units=units, sparse_combiner=sparse_combiner)
            bias = _expand([bias])
            variables = _expand(variables)
        else:   # v1 columns (shared embeddings, contrib.layers'): TF's _LinearModel
            cols_to_vars = {}
            logits = fc_lib.linear_model(
                features, list(feature_columns), units=units,
                sparse_combiner=sparse_combiner, cols_to_vars=cols_to_vars)
            bias = _expand([cols_to_vars.pop("bias")])
            variables = _expand(list(cols_to_vars.values()))
        if units > 1:
            summary_ops.histogram("bias", bias)
        else:
            summary_ops.scalar("bias", bias[0][0])
        summary_ops.scalar("fraction_of_zero_weights", _fraction_of_zero(variables))
        return logits
    return linear_logit_fn


def _linear_model_fn(features, labels, mode, head, feature_columns, optimizer,
                     sparse_combiner="sum", partitioner=None, config=None):
    validate_features(features)
    num_ps_replicas = config.num_ps_replicas if config else 0
    partitioner = partitioner or partitioned_variables.min_max_variable_partitioner(
        max_partitions=num_ps_replicas, min_slice_size=64 << 20)
    # as TF 1.14 (its _LinearModel is a Keras layer): ResourceVariables, partitioned
    with variable_scope("linear", values=tuple(features.values()), partitioner=partitioner,
                        use_resource=True):
        logits = linear_logit_fn_builder(head.logits_dimension, feature_columns,
                                         sparse_combiner)(features)
        optimizer = optimizers.get_optimizer_instance(
            optimizer or _default_optimizer(feature_columns), learning_rate=_LEARNING_RATE)
        return head.create_estimator_spec(features=features, mode=mode, labels=labels,
                                          optimizer=optimizer, logits=logits)


class _LinearBase(Estimator):
    def _init_linear(self, head, feature_columns, model_dir, optimizer, config, partitioner,
                     warm_start_from, sparse_combiner):
        if sparse_combiner not in ("mean", "sqrtn", "sum"):
            raise ValueError("sparse_combiner must be one of 'mean', 'sqrtn', 'sum'. Got: {}"
                             .format(sparse_combiner))
        feature_columns = tuple(feature_columns or [])

        def _model_fn(features, labels, mode, config):
            return _linear_model_fn(features=features, labels=labels, mode=mode, head=head,
                                    feature_columns=feature_columns, optimizer=optimizer,
                                    sparse_combiner=sparse_combiner,
                                    partitioner=partitioner, config=config)
        Estimator.__init__(self, model_fn=_model_fn, model_dir=model_dir, config=config,
                           warm_start_from=warm_start_from)


class LinearClassifier(_LinearBase):
    """A linear classifier: binary (sigmoid) for n_classes=2, else softmax."""

    def __init__(self, feature_columns, model_dir=None, n_classes=2, weight_column=None,
                 label_vocabulary=None, optimizer="Ftrl", config=None, partitioner=None,
                 warm_start_from=None, loss_reduction=losses.Reduction.SUM,
                 sparse_combiner="sum"):
        head = head_lib.binary_or_multi_class_head(n_classes, weight_column,
                                                   label_vocabulary, loss_reduction)
        self._init_linear(head, feature_columns, model_dir, optimizer, config, partitioner,
                          warm_start_from, sparse_combiner)


class LinearRegressor(_LinearBase):
    """A linear regressor (mean squared error)."""

    def __init__(self, feature_columns, model_dir=None, label_dimension=1, weight_column=None,
                 optimizer="Ftrl", config=None, partitioner=None, warm_start_from=None,
                 loss_reduction=losses.Reduction.SUM, sparse_combiner="sum"):
        head = head_lib.regression_head(weight_column=weight_column,
                                        label_dimension=label_dimension,
                                        loss_reduction=loss_reduction)
        self._init_linear(head, feature_columns, model_dir, optimizer, config, partitioner,
                          warm_start_from, sparse_combiner)


class LinearEstimator(_LinearBase):
    """A linear model whose loss, predictions and metrics are those of `head`."""

    def __init__(self, head, feature_columns, model_dir=None, optimizer="Ftrl", config=None,
                 partitioner=None, sparse_combiner="sum"):
        self._init_linear(head, feature_columns, model_dir, optimizer, config, partitioner,
                          None, sparse_combiner)
