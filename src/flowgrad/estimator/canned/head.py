"""The heads of TF 1.14's canned estimators (canned/head.py): binary logistic (sigmoid
cross entropy), multi-class (softmax cross entropy) and regression (mean squared error).

A head turns logits into predictions, the training loss, evaluation metrics and export
outputs, in the name scopes TF uses ('head/predictions', 'head/labels', 'metrics/...'),
with TF's prediction and metric keys."""
from __future__ import annotations

import collections
import inspect

from ... import metrics as metrics_lib
from ...engine.framework import dtypes
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import (GraphKeys, control_dependencies,
                                       get_default_graph, name_scope)
from ...engine.ops import (activations, comparison, construction, elementwise, joining,
                           reductions)
from ...engine.ops import shape as shape_ops
from ...engine.ops.hashing import as_string_int as as_string
from ...engine.ops.cast import cast
from ...engine.ops.ordering import group
from ...losses import losses_impl as losses
from ...ops import check_ops, nn_ops
from ...summary import summary_ops
from ...train import training_util
from .. import model_fn
from ..export import export_output
from .keys import MetricKeys, PredictionKeys

__all__ = ["binary_logistic_head", "binary_or_multi_class_head", "call_loss_fn",
           "multi_class_head", "regression_head", "validate_loss_fn_args"]

_DEFAULT_SERVING_KEY = "serving_default"
_CLASSIFY_SERVING_KEY = "classification"
_REGRESS_SERVING_KEY = "regression"
_PREDICT_SERVING_KEY = "predict"

LossSpec = collections.namedtuple(
    "LossSpec", ["training_loss", "unreduced_loss", "weights", "processed_labels"])


def _summary_key(head_name, val):
    return "%s/%s" % (val, head_name) if head_name else val


def _to_float(x, name="ToFloat"):
    return cast(x, dtypes.float32, name=name)


def _check_labels(labels, logits, expected_labels_dimension):
    """Labels as a Tensor of shape [D0, ..., DN, expected_labels_dimension] (a missing last
    dimension of size 1 added), checked statically against the logits."""
    from ...ops.sparse_tensor import SparseTensor  # lazy: sparse labels are refused only
    if labels is None:
        raise ValueError(
            "You must provide a labels Tensor. Given: None. Suggested troubleshooting steps: "
            "Check that your data contain your label feature. Check that your input_fn "
            "properly parses and returns labels.")
    with name_scope(None, "labels", (labels, logits)) as scope:
        if isinstance(labels, SparseTensor):
            raise ValueError(
                "SparseTensor labels are not supported. labels must be a Tensor of shape "
                "[D0, D1, ..., DN, %s], e.g. [batch_size, %s]. Suggested Fix (1): Check the "
                "label feature in your data. Each example must contain %s value(s). If not, "
                "your choice of label was probably incorrect. Suggested Fix (2): In your "
                "input_fn, use tf.sparse_tensor_to_dense() to turn labels into a Tensor."
                % (expected_labels_dimension, expected_labels_dimension,
                   expected_labels_dimension))
        labels = convert_to_tensor(labels)
        if (labels.shape.ndims is not None and logits.shape.ndims is not None
                and labels.shape.ndims == logits.shape.ndims - 1):
            labels = shape_ops.expand_dims(labels, -1)
        labels_shape = shape_ops.shape(labels)
        logits_shape = shape_ops.shape(logits)
        err_msg = ("labels shape must be [D0, D1, ... DN, {}]. Suggested Fix: check your "
                   "n_classes argument to the estimator and/or the shape of your label."
                   .format(expected_labels_dimension))
        assert_rank = check_ops.assert_rank_at_least(labels, 2, message=err_msg)
        with control_dependencies([assert_rank]):
            if labels.shape.ndims is not None:
                # TF compares a Dimension: an unknown one is left to the assert below
                dim1 = labels.shape.dims[-1].value
                if dim1 is not None and dim1 != expected_labels_dimension:
                    raise ValueError(
                        "Mismatched label shape. Expected labels dimension=%s.  Received %s. "
                        "Suggested Fix:If your classifier expects one-hot encoding label,"
                        "check your n_classes argument to the estimator and/or the shape of "
                        "your label. Otherwise, check the shape of your label." %
                        (expected_labels_dimension, dim1))
            expected_labels_shape = joining.concat(
                [logits_shape[:-1], [expected_labels_dimension]], axis=0)
            assert_dimension = check_ops.assert_equal(
                expected_labels_shape, labels_shape, message=err_msg,
                data=["expected_labels_shape: ", expected_labels_shape, "labels_shape: ",
                      labels_shape])
            with control_dependencies([assert_dimension]):
                return shape_ops.identity(labels, name=scope)


def _get_weights(features, weight_column, logits, allow_per_logit_weights=False):
    """The example weights of `weight_column` (1. when None), checked at run time against
    the logits' shape and shaped to broadcast against them (TF's
    _get_weights_and_check_match_logits)."""
    if allow_per_logit_weights:
        err_msg = ("weights shape must be [D0, D1, ... DN], [D0, D1, ... DN, 1] or "
                   "[D0, D1, ... DN, logits_dimension]")
    else:
        err_msg = "weights shape must be [D0, D1, ... DN] or [D0, D1, ... DN, 1]"
    with name_scope(None, "weights", tuple(features.values()) + (logits,)) as scope:
        if weight_column is None:
            return 1.
        from ... import feature_column as fc_lib  # lazy: feature columns load on first use
        if isinstance(weight_column, str):
            weight_column = fc_lib.numeric_column(key=weight_column, shape=(1,))
        if not _is_numeric_column(weight_column):
            raise TypeError("Weight column must be either a string or _NumericColumn. "
                            "Given type: {}.".format(type(weight_column)))
        weights = _dense_of(weight_column, features)
        if not (weights.dtype.is_floating or weights.dtype.is_integer):
            raise ValueError("Weight column should be castable to float. Given dtype: {}"
                             .format(weights.dtype))
        weights = _to_float(weights, name="weights")
        weights_shape = shape_ops.shape(weights, name="weights_shape")
        logits_shape = shape_ops.shape(logits, name="logits_shape")
        data = ["logits_shape: ", logits_shape, "weights_shape: ", weights_shape]
        if (weights.shape.ndims is not None and logits.shape.ndims is not None
                and weights.shape.ndims == logits.shape.ndims - 1):
            assert_dimension = check_ops.assert_equal(logits_shape[:-1], weights_shape,
                                                      message=err_msg, data=data)
            with control_dependencies([assert_dimension]):
                return shape_ops.expand_dims(weights, -1, name=scope)
        supported_weights_shape = joining.concat([logits_shape[:-1], [1]], axis=0)
        if allow_per_logit_weights:
            from ...ops.logging_ops import Assert  # lazy: per-logit weights only
            condition = reductions.reduce_any(
                [reductions.reduce_all(comparison.equal(logits_shape, weights_shape)),
                 reductions.reduce_all(comparison.equal(supported_weights_shape,
                                                        weights_shape))])
            assert_dimension = Assert(condition=condition, data=[err_msg] + data)
        else:
            assert_dimension = check_ops.assert_equal(supported_weights_shape, weights_shape,
                                                      message=err_msg, data=data)
        with control_dependencies([assert_dimension]):
            return shape_ops.identity(weights, name=scope)


def _is_numeric_column(column):
    return type(column).__name__ in ("NumericColumn", "_NumericColumn")


def _dense_of(column, features):
    """The dense tensor of a numeric column (its normalizer_fn applied), as TF's
    `_get_dense_tensor` on a builder of `features` (which raises ValueError for a key the
    features lack)."""
    if column.key not in features:
        raise ValueError(f"Feature {column.key} is not in features dictionary.")
    value = convert_to_tensor(features[column.key])
    value = cast(value, dtypes.float32) if not value.dtype.is_floating else value
    if getattr(column, "normalizer_fn", None) is not None:
        value = column.normalizer_fn(value)
    return value


def _check_logits_final_dim(logits, expected_logits_dimension):
    """TF 1.14's check that logits are [D0, D1, ... DN, logits_dimension]: a rank check
    (static, or Assert ops), then the last dimension. As TF compares a Dimension, a known
    rank with an unknown last dimension passes unchecked; an unknown rank gets an
    assert_equal and the logits' Identity named like the scope."""
    message = "logits shape must be [D0, D1, ... DN, logits_dimension]"
    with name_scope(None, "logits", (logits,)) as scope:
        logits = _to_float(convert_to_tensor(logits))
        logits_shape = shape_ops.shape(logits)
        assert_rank = check_ops.assert_rank_at_least(logits, 2, data=[logits_shape],
                                                     message=message)
        with control_dependencies([assert_rank]):
            static_shape = logits.shape
            if static_shape.ndims is not None:
                last = static_shape.dims[-1].value
                if last is not None and last != expected_logits_dimension:
                    raise ValueError("%s, got %s." % (message, static_shape))
                return logits
            assert_dimension = check_ops.assert_equal(
                expected_logits_dimension, logits_shape[-1], data=[logits_shape],
                message=message)
            with control_dependencies([assert_dimension]):
                return shape_ops.identity(logits, name=scope)


def _batch_size(logits):
    return shape_ops.shape(logits)[0]


def _tile_rows(row, batch_size):
    return joining.tile(shape_ops.expand_dims(row, 0), [batch_size, 1])


def _all_class_ids(logits, n_classes):
    batch_size = _batch_size(logits)   # as TF: before the row
    return _tile_rows(construction.range(n_classes), batch_size)


def _class_names(n_classes, label_vocabulary):
    if label_vocabulary:
        return convert_to_tensor(list(label_vocabulary), dtype=dtypes.string)
    return as_string(construction.range(n_classes))


def _all_classes(logits, n_classes, label_vocabulary=None):
    batch_size = _batch_size(logits)   # as TF: before the row
    return _tile_rows(_class_names(n_classes, label_vocabulary), batch_size)


def _classification_output(scores, n_classes, label_vocabulary=None):
    return export_output.ClassificationOutput(
        scores=scores, classes=_all_classes(scores, n_classes, label_vocabulary))


def _class_strings(class_ids, label_vocabulary):
    if label_vocabulary:
        table = _lookup().index_to_string_table_from_tensor(
            vocabulary_list=list(label_vocabulary), name="class_string_lookup")
        return table.lookup(class_ids)
    return as_string(class_ids, name="str_classes")


def _lookup():
    from ...ops import lookup_ops  # lazy: lookup tables load with a label_vocabulary
    return lookup_ops


def _label_ids_from_vocabulary(labels, label_vocabulary):
    if labels.dtype != dtypes.string:
        raise ValueError("Labels dtype should be string if there is a vocabulary. Instead got "
                         "{}".format(labels.dtype))
    return _lookup().index_table_from_tensor(
        vocabulary_list=tuple(label_vocabulary), name="class_id_lookup").lookup(labels)


def _labels_mean(labels, weights, name):
    with name_scope(name, "labels_mean", (labels, weights)) as scope:
        labels = _to_float(labels, name="labels")
        return metrics_lib.mean(labels, weights=_broadcast(weights, labels), name=scope)


def _broadcast(weights, values):
    if weights is None:
        return weights
    from ...ops import weights_broadcast_ops  # lazy: only the eval metrics broadcast
    return weights_broadcast_ops.broadcast_weights(weights, values)


def _predictions_mean(predictions, weights, name):
    with name_scope(name, "predictions_mean", (predictions, weights)) as scope:
        predictions = _to_float(predictions, name="predictions")
        return metrics_lib.mean(predictions, weights=_broadcast(weights, predictions),
                                name=scope)


def _accuracy_baseline(labels_mean):
    with name_scope(None, "accuracy_baseline", labels_mean):
        value, update_op = labels_mean
        return (elementwise.maximum(value, 1. - value, name="value"),
                elementwise.maximum(update_op, 1 - update_op, name="update_op"))


def _auc(labels, predictions, weights, curve, name):
    with name_scope(name, "auc", (predictions, labels, weights)) as scope:
        predictions = _to_float(predictions, name="predictions")
        return metrics_lib.auc(labels=labels, predictions=predictions,
                               weights=_broadcast(weights, predictions), curve=curve,
                               name=scope)


def _metric_weights(weights):
    """The weights the eval metrics get: TF's, a Python 1. without a weight column."""
    return weights


def _threshold_metrics(labels, logistic, weights, threshold):
    out = {}
    with name_scope(None, MetricKeys.ACCURACY_AT_THRESHOLD % threshold) as scope:
        pred = _to_float(comparison.greater_equal(logistic, threshold))
        out[MetricKeys.ACCURACY_AT_THRESHOLD % threshold] = metrics_lib.accuracy(
            labels=labels, predictions=pred, weights=weights, name=scope)
    for key, fn in ((MetricKeys.PRECISION_AT_THRESHOLD, metrics_lib.precision_at_thresholds),
                    (MetricKeys.RECALL_AT_THRESHOLD, metrics_lib.recall_at_thresholds)):
        with name_scope(None, key % threshold) as scope:
            value, update = fn(labels=labels, predictions=logistic, thresholds=(threshold,),
                               weights=weights, name=scope)
            out[key % threshold] = (shape_ops.squeeze(value), shape_ops.squeeze(update))
    return out


def _assert_range(labels, n_classes, message=None):
    """`labels` after run-time checks that they lie in [0, n_classes - 1] (TF's
    InvalidArgumentError "Labels must <= n_classes - 1" / "Labels must >= 0", or
    `message`), with TF's check_ops."""
    with name_scope(None, "assert_range", (labels,)):
        assert_less = check_ops.assert_less_equal(
            labels, convert_to_tensor(n_classes - 1, dtype=labels.dtype),
            message=message or "Labels must <= n_classes - 1")
        assert_greater = check_ops.assert_non_negative(
            labels, message=message or "Labels must >= 0")
        with control_dependencies((assert_less, assert_greater)):
            return shape_ops.identity(labels)


def _append_update_ops(train_op):
    update_ops = get_default_graph().get_collection(GraphKeys.UPDATE_OPS)
    if update_ops:
        return group(train_op, *update_ops)
    return train_op


def _fn_args(fn):
    """The names of fn's positional-or-keyword arguments (a partial's left ones)."""
    params = inspect.signature(fn).parameters.values()
    return tuple(p.name for p in params
                 if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY))


def validate_loss_fn_args(loss_fn):
    """TF's check of a head's loss_fn: it takes labels and logits, and maybe features."""
    args = _fn_args(loss_fn)
    for required in ("labels", "logits"):
        if required not in args:
            raise ValueError("loss_fn must contain argument: {}. Given arguments: {}"
                             .format(required, args))
    invalid = list(set(args) - {"labels", "logits", "features"})
    if invalid:
        raise ValueError("loss_fn has unexpected args: {}".format(invalid))


def call_loss_fn(loss_fn, labels, logits, features, expected_loss_dim=1):
    """loss_fn's unreduced loss, checked at run time to be [D0, ... DN, expected_loss_dim]
    (TF's `_call_loss_fn`)."""
    from ...ops.logging_ops import Assert  # lazy: only with a loss_fn
    kwargs = {"features": features} if "features" in _fn_args(loss_fn) else {}
    with name_scope(None, "call_loss_fn", [labels, logits] + list(features.values())):
        unweighted_loss = loss_fn(labels=labels, logits=logits, **kwargs)
        logits_shape = shape_ops.shape(logits, name="logits_shape")
        expected = joining.concat([logits_shape[:-1], [expected_loss_dim]], axis=0,
                                  name="expected_loss_shape")
        loss_shape = shape_ops.shape(unweighted_loss, name="loss_shape")
        check = Assert(
            reductions.reduce_all(comparison.equal(loss_shape, expected)),
            data=["loss_fn must return Tensor of shape [D0, D1, ... DN, {}]. ".format(
                expected_loss_dim), "logits_shape: ", logits_shape, "loss_shape: ",
                loss_shape], name="check_loss_shape")
        with control_dependencies([check]):
            return shape_ops.identity(unweighted_loss)


def _check_reduction(loss_reduction):
    if loss_reduction not in set(losses.Reduction.all()) or \
            loss_reduction == losses.Reduction.NONE:
        raise ValueError("Invalid loss_reduction: {}".format(loss_reduction))


class _Head:
    """The shared training / evaluation logic; subclasses give predictions and losses."""

    def __init__(self, weight_column, label_vocabulary, loss_reduction, name, loss_fn=None):
        self._weight_column = weight_column
        self._label_vocabulary = label_vocabulary
        self._loss_reduction = loss_reduction
        self._name = name
        self._loss_fn = loss_fn

    name = property(lambda self: self._name)
    # TF's binary head checks its logits in its 'predictions' scope, the others before
    _checks_in_predictions = False

    def create_estimator_spec(self, features, mode, logits, labels=None, optimizer=None,
                              train_op_fn=None, regularization_losses=None):
        """The EstimatorSpec of `mode` for these logits (all arguments by name)."""
        with name_scope(self._name, "head"):
            if not self._checks_in_predictions:
                logits = _check_logits_final_dim(logits, self.logits_dimension)
            predictions, export_outputs, extra = self._predictions(logits)
            if self._checks_in_predictions:   # the logits it checked
                logits = predictions[PredictionKeys.LOGITS]
            if mode == model_fn.ModeKeys.PREDICT:   # TF builds the export outputs only here
                return model_fn.EstimatorSpec(mode=mode, predictions=predictions,
                                              export_outputs=export_outputs())
            training_loss, unreduced_loss, weights, processed = self.create_loss(
                features=features, mode=mode, logits=logits, labels=labels)
            if regularization_losses:
                regularization_loss = reductions.add_n(list(regularization_losses))
                regularized = reductions.add_n([training_loss, regularization_loss])
            else:
                regularization_loss = None
                regularized = training_loss
            if mode == model_fn.ModeKeys.TRAIN:
                if optimizer is not None:
                    if train_op_fn is not None:
                        raise ValueError("train_op_fn and optimizer cannot both be set.")
                    train_op = optimizer.minimize(
                        regularized, global_step=training_util.get_global_step())
                elif train_op_fn is not None:
                    train_op = train_op_fn(regularized)
                else:
                    raise ValueError("train_op_fn and optimizer cannot both be None.")
                train_op = _append_update_ops(train_op)
                if self._loss_reduction == losses.Reduction.SUM:
                    weight_sum = reductions.reduce_sum(
                        weights * construction.ones_like(unreduced_loss))
                    mean_loss = training_loss / weight_sum
                else:
                    mean_loss = None
        if mode == model_fn.ModeKeys.EVAL:
            eval_ops = self._eval_metric_ops(
                processed, logits, extra, _metric_weights(weights), unreduced_loss,
                regularization_loss)
            return model_fn.EstimatorSpec(mode=mode, predictions=predictions,
                                          loss=regularized, eval_metric_ops=eval_ops)
        with name_scope(""):
            summary_ops.scalar(_summary_key(self._name, MetricKeys.LOSS), regularized)
            if mean_loss is not None:
                summary_ops.scalar(_summary_key(self._name, MetricKeys.LOSS_MEAN), mean_loss)
            if regularization_loss is not None:
                summary_ops.scalar(_summary_key(self._name, MetricKeys.LOSS_REGULARIZATION),
                                   regularization_loss)
        return model_fn.EstimatorSpec(mode=mode, predictions=predictions, loss=regularized,
                                      train_op=train_op)

    def _reduce(self, unweighted_loss, weights):
        return losses.compute_weighted_loss(unweighted_loss, weights=weights,
                                            reduction=self._loss_reduction)

    def _regularization_metric(self, ops, regularization_loss):
        if regularization_loss is not None:
            ops[_summary_key(self._name, MetricKeys.LOSS_REGULARIZATION)] = metrics_lib.mean(
                values=regularization_loss, name=MetricKeys.LOSS_REGULARIZATION)


class _BinaryLogisticHead(_Head):
    """Binary classification: one logit, sigmoid cross entropy."""

    def __init__(self, weight_column=None, thresholds=None, label_vocabulary=None,
                 loss_reduction=losses.Reduction.SUM, loss_fn=None, name=None):
        super().__init__(weight_column, label_vocabulary, loss_reduction, name, loss_fn)
        self._thresholds = tuple(thresholds) if thresholds else ()

    logits_dimension = property(lambda self: 1)
    _checks_in_predictions = True

    def _predictions(self, logits):
        with name_scope(None, "predictions", (logits,)):
            logits = _check_logits_final_dim(logits, self.logits_dimension)
            logistic = elementwise.sigmoid(logits, name=PredictionKeys.LOGISTIC)
            two_class_logits = joining.concat((construction.zeros_like(logits), logits),
                                              axis=-1, name="two_class_logits")
            probabilities = activations.softmax(two_class_logits,
                                                name=PredictionKeys.PROBABILITIES)
            class_ids = reductions.argmax(two_class_logits, axis=-1,
                                          name=PredictionKeys.CLASS_IDS)
            class_ids = shape_ops.expand_dims(class_ids, axis=-1)
            all_class_ids = _all_class_ids(logits, 2)
            all_classes = _all_classes(logits, 2, self._label_vocabulary)
            classes = _class_strings(class_ids, self._label_vocabulary)
            predictions = {
                PredictionKeys.LOGITS: logits, PredictionKeys.LOGISTIC: logistic,
                PredictionKeys.PROBABILITIES: probabilities,
                PredictionKeys.CLASS_IDS: class_ids, PredictionKeys.CLASSES: classes,
                PredictionKeys.ALL_CLASS_IDS: all_class_ids,
                PredictionKeys.ALL_CLASSES: all_classes}
        def outputs():
            classifier = _classification_output(probabilities, 2, self._label_vocabulary)
            return {_DEFAULT_SERVING_KEY: classifier, _CLASSIFY_SERVING_KEY: classifier,
                    _REGRESS_SERVING_KEY: export_output.RegressionOutput(value=logistic),
                    _PREDICT_SERVING_KEY: export_output.PredictOutput(predictions)}
        return predictions, outputs, (logistic, class_ids)

    def create_loss(self, features, mode, logits, labels):
        """(training loss, unreduced loss, weights, processed labels)."""
        logits = convert_to_tensor(logits)
        labels = _check_labels(labels, logits, 1)
        if self._label_vocabulary is not None:
            labels = _label_ids_from_vocabulary(labels, self._label_vocabulary)
        labels = _assert_range(_to_float(labels), 2)
        if self._loss_fn:
            unweighted = call_loss_fn(self._loss_fn, labels, logits, features)
        else:
            unweighted = nn_ops.sigmoid_cross_entropy_with_logits(labels=labels,
                                                                  logits=logits)
        weights = _get_weights(features, self._weight_column, logits)
        return LossSpec(self._reduce(unweighted, weights), unweighted, weights, labels)

    def _eval_metric_ops(self, labels, logits, extra, weights, unreduced_loss,
                         regularization_loss):
        logistic, class_ids = extra
        k = MetricKeys
        key = self._name
        with name_scope(None, "metrics", (labels, logits, logistic, class_ids)):
            labels_mean = _labels_mean(labels, weights, k.LABEL_MEAN)
            ops = {
                _summary_key(key, k.LOSS_MEAN): metrics_lib.mean(
                    values=unreduced_loss, weights=weights, name=k.LOSS_MEAN),
                _summary_key(key, k.ACCURACY): metrics_lib.accuracy(
                    labels=labels, predictions=class_ids, weights=weights, name=k.ACCURACY),
                _summary_key(key, k.PRECISION): metrics_lib.precision(
                    labels=labels, predictions=class_ids, weights=weights, name=k.PRECISION),
                _summary_key(key, k.RECALL): metrics_lib.recall(
                    labels=labels, predictions=class_ids, weights=weights, name=k.RECALL),
                _summary_key(key, k.PREDICTION_MEAN): _predictions_mean(
                    logistic, weights, k.PREDICTION_MEAN),
                _summary_key(key, k.LABEL_MEAN): labels_mean,
                _summary_key(key, k.ACCURACY_BASELINE): _accuracy_baseline(labels_mean),
                _summary_key(key, k.AUC): _auc(labels, logistic, weights, "ROC", k.AUC),
                _summary_key(key, k.AUC_PR): _auc(labels, logistic, weights, "PR", k.AUC_PR),
            }
            self._regularization_metric(ops, regularization_loss)
            for threshold in self._thresholds:
                for name, value in _threshold_metrics(labels, logistic, weights,
                                                      threshold).items():
                    ops[_summary_key(key, name)] = value
        return ops


class _MultiClassHead(_Head):
    """Multi-class classification: n_classes logits, softmax cross entropy."""

    def __init__(self, n_classes, weight_column=None, label_vocabulary=None,
                 loss_reduction=losses.Reduction.SUM, loss_fn=None, name=None):
        if n_classes is None or n_classes <= 2:
            raise ValueError("n_classes must be > 2: %s." % n_classes)
        super().__init__(weight_column, label_vocabulary, loss_reduction, name, loss_fn)
        self._n_classes = n_classes

    logits_dimension = property(lambda self: self._n_classes)

    def _predictions(self, logits):
        with name_scope(None, "predictions", (logits,)):
            all_class_ids = _all_class_ids(logits, self._n_classes)
            all_classes = _all_classes(logits, self._n_classes, self._label_vocabulary)
            class_ids = reductions.argmax(logits, axis=-1, name=PredictionKeys.CLASS_IDS)
            class_ids = shape_ops.expand_dims(class_ids, axis=-1)
            classes = _class_strings(class_ids, self._label_vocabulary)
            probabilities = activations.softmax(logits, name=PredictionKeys.PROBABILITIES)
            predictions = {
                PredictionKeys.LOGITS: logits, PredictionKeys.PROBABILITIES: probabilities,
                PredictionKeys.CLASS_IDS: class_ids, PredictionKeys.CLASSES: classes,
                PredictionKeys.ALL_CLASS_IDS: all_class_ids,
                PredictionKeys.ALL_CLASSES: all_classes}
        def outputs():
            classifier = _classification_output(probabilities, self._n_classes,
                                                self._label_vocabulary)
            return {_DEFAULT_SERVING_KEY: classifier, _CLASSIFY_SERVING_KEY: classifier,
                    _PREDICT_SERVING_KEY: export_output.PredictOutput(predictions)}
        return predictions, outputs, class_ids

    def create_loss(self, features, mode, logits, labels):
        """(training loss, unreduced loss, weights, processed labels)."""
        logits = convert_to_tensor(logits)
        labels = _check_labels(labels, logits, 1)
        if self._label_vocabulary is None:
            if not labels.dtype.is_integer:
                raise ValueError("Labels dtype should be integer. Instead got {}."
                                 .format(labels.dtype))
            label_ids = labels
        else:
            label_ids = _label_ids_from_vocabulary(labels, self._label_vocabulary)
        label_ids = _assert_range(label_ids, self._n_classes)
        if self._loss_fn:
            unweighted = call_loss_fn(self._loss_fn, label_ids, logits, features)
        else:
            unweighted = losses.sparse_softmax_cross_entropy(
                labels=label_ids, logits=logits, reduction=losses.Reduction.NONE)
            unweighted = shape_ops.expand_dims(unweighted, axis=-1)
        weights = _get_weights(features, self._weight_column, logits)
        return LossSpec(self._reduce(unweighted, weights), unweighted, weights, label_ids)

    def _eval_metric_ops(self, labels, logits, class_ids, weights, unreduced_loss,
                         regularization_loss):
        k = MetricKeys
        with name_scope(None, "metrics", (labels, class_ids)):
            ops = {
                _summary_key(self._name, k.LOSS_MEAN): metrics_lib.mean(
                    values=unreduced_loss, weights=weights, name=k.LOSS_MEAN),
                _summary_key(self._name, k.ACCURACY): metrics_lib.accuracy(
                    labels=labels, predictions=class_ids, weights=weights, name=k.ACCURACY),
            }
            self._regularization_metric(ops, regularization_loss)
        return ops


class _RegressionHead(_Head):
    """Regression: label_dimension logits, mean squared error."""

    def __init__(self, label_dimension, weight_column=None,
                 loss_reduction=losses.Reduction.SUM, loss_fn=None, inverse_link_fn=None,
                 name=None):
        if label_dimension < 1:
            raise ValueError("Invalid label_dimension %s." % label_dimension)
        super().__init__(weight_column, None, loss_reduction, name, loss_fn)
        self._logits_dimension = label_dimension
        self._inverse_link_fn = inverse_link_fn

    logits_dimension = property(lambda self: self._logits_dimension)

    def _predictions(self, logits):
        if self._inverse_link_fn:
            value = self._inverse_link_fn(logits)
            predictions = {PredictionKeys.PREDICTIONS: value, PredictionKeys.LOGITS: logits}
        else:
            value = logits
            predictions = {PredictionKeys.PREDICTIONS: logits}
        def outputs():
            regression = export_output.RegressionOutput(value=value)
            return {_DEFAULT_SERVING_KEY: regression, _REGRESS_SERVING_KEY: regression,
                    _PREDICT_SERVING_KEY: export_output.PredictOutput(predictions)}
        return predictions, outputs, value

    def create_loss(self, features, mode, logits, labels):
        """(training loss, unreduced loss, weights, processed labels)."""
        logits = convert_to_tensor(logits)
        labels = _check_labels(labels, logits, self._logits_dimension)
        labels = _to_float(labels)
        if self._loss_fn:
            unweighted = call_loss_fn(self._loss_fn, labels, logits, features,
                                      expected_loss_dim=self._logits_dimension)
        else:
            unweighted = losses.mean_squared_error(labels=labels, predictions=logits,
                                                   reduction=losses.Reduction.NONE)
        weights = _get_weights(features, self._weight_column, logits,
                               allow_per_logit_weights=True)
        return LossSpec(self._reduce(unweighted, weights), unweighted, weights, labels)

    def _eval_metric_ops(self, labels, logits, predicted_value, weights, unreduced_loss,
                         regularization_loss):
        k = MetricKeys
        ops = {
            _summary_key(self._name, k.LOSS_MEAN): metrics_lib.mean(
                values=unreduced_loss, weights=weights),
            _summary_key(self._name, k.PREDICTION_MEAN): _predictions_mean(
                predicted_value, weights, k.PREDICTION_MEAN),
            _summary_key(self._name, k.LABEL_MEAN): metrics_lib.mean(
                values=labels, weights=weights),
        }
        self._regularization_metric(ops, regularization_loss)
        return ops


def _check_vocabulary(label_vocabulary, error=TypeError):
    if label_vocabulary is not None and not isinstance(label_vocabulary, (list, tuple)):
        raise error("label_vocabulary should be a list or {}tuple. Given type: {}".format(
            "a " if error is ValueError else "", type(label_vocabulary)))


def binary_logistic_head(weight_column=None, thresholds=None, label_vocabulary=None,
                         loss_reduction=losses.Reduction.SUM, loss_fn=None, name=None):
    """TF's `_binary_logistic_head_with_sigmoid_cross_entropy_loss`."""
    thresholds = tuple(thresholds) if thresholds else ()
    _check_vocabulary(label_vocabulary)
    for threshold in thresholds:
        if threshold <= 0.0 or threshold >= 1.0:
            raise ValueError("thresholds not in (0, 1): {}.".format((thresholds,)))
    _check_reduction(loss_reduction)
    if loss_fn:
        validate_loss_fn_args(loss_fn)
    return _BinaryLogisticHead(weight_column=weight_column, thresholds=thresholds,
                               label_vocabulary=label_vocabulary,
                               loss_reduction=loss_reduction, loss_fn=loss_fn, name=name)


def multi_class_head(n_classes, weight_column=None, label_vocabulary=None,
                     loss_reduction=losses.Reduction.SUM, loss_fn=None, name=None):
    """TF's `_multi_class_head_with_softmax_cross_entropy_loss`."""
    _check_vocabulary(label_vocabulary, ValueError)
    _check_reduction(loss_reduction)
    if loss_fn:
        validate_loss_fn_args(loss_fn)
    return _MultiClassHead(n_classes, weight_column=weight_column,
                           label_vocabulary=label_vocabulary, loss_reduction=loss_reduction,
                           loss_fn=loss_fn, name=name)


def binary_or_multi_class_head(n_classes, weight_column, label_vocabulary, loss_reduction):
    """TF's `_binary_logistic_or_multi_class_head`: binary for n_classes == 2."""
    if n_classes == 2:
        return binary_logistic_head(weight_column=weight_column,
                                    label_vocabulary=label_vocabulary,
                                    loss_reduction=loss_reduction)
    return multi_class_head(n_classes, weight_column=weight_column,
                            label_vocabulary=label_vocabulary, loss_reduction=loss_reduction)


def regression_head(weight_column=None, label_dimension=1,
                    loss_reduction=losses.Reduction.SUM, loss_fn=None, inverse_link_fn=None,
                    name=None):
    """TF's `_regression_head`: mean squared error unless `loss_fn` is given."""
    _check_reduction(loss_reduction)
    if loss_fn:
        validate_loss_fn_args(loss_fn)
    return _RegressionHead(label_dimension, weight_column=weight_column,
                           loss_reduction=loss_reduction, loss_fn=loss_fn,
                           inverse_link_fn=inverse_link_fn, name=name)
