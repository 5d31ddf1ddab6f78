"""contrib.learn's heads (TF 1.14's contrib/learn/.../estimators/head.py): regression_head,
poisson_regression_head and multi_class_head (binary logistic for 2 classes, softmax
above). A head turns logits into ModelFnOps: predictions, the loss (a mean over the batch,
or weighted by a feature column), the train op and contrib.learn's eval metrics.
Centered bias, label_keys, custom loss functions and the multi-label, SVM, loss-only and
multi heads are not implemented."""
from __future__ import annotations

from ... import logging
from ... import metrics as metrics_lib
from ...engine.framework import dtypes
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import control_dependencies, name_scope
from ...engine.ops import comparison
from ...engine.ops.ordering import group, no_op
from ...engine.ops.hashing import as_string_int as as_string
from ...ops import array_ops, math_ops, nn_ops
from ...ops.sparse_tensor import SparseTensor
from ...ops.variable_scope import variable_scope
from ...ops.weights_broadcast_ops import broadcast_weights
from ...summary import summary_ops
from .constants import ModeKeys, PredictionKey, ProblemType
from .model_fn import ModelFnOps

__all__ = ["Head", "binary_svm_head", "multi_class_head", "multi_head", "multi_label_head",
           "no_op_train_fn", "poisson_regression_head", "regression_head"]

_LOSS, _ACCURACY = "loss", "accuracy"


class Head:
    """The interface of contrib.learn's heads."""

    @property
    def logits_dimension(self):
        raise NotImplementedError("Calling an abstract method.")

    def create_model_fn_ops(self, features, mode, labels=None, train_op_fn=None,
                            logits=None, logits_input=None, scope=None):
        raise NotImplementedError("Calling an abstract method.")


def _unsupported(name, value):
    if value:
        raise NotImplementedError("tf.contrib.learn heads: %s is not implemented by flowgrad"
                                  % name)


def regression_head(label_name=None, weight_column_name=None, label_dimension=1,
                    enable_centered_bias=False, head_name=None, link_fn=None):
    """Mean squared error on `label_dimension` scores (link_fn applied to predictions)."""
    _unsupported("enable_centered_bias", enable_centered_bias)
    return _RegressionHead(label_dimension, _mean_squared_loss,
                           link_fn if link_fn is not None else array_ops.identity,
                           label_name=label_name, weight_column_name=weight_column_name,
                           head_name=head_name)


def poisson_regression_head(label_name=None, weight_column_name=None, label_dimension=1,
                            enable_centered_bias=False, head_name=None):
    """Poisson loss on log-rate logits; predictions exp(logits)."""
    _unsupported("enable_centered_bias", enable_centered_bias)
    return _RegressionHead(label_dimension, _poisson_loss, math_ops.exp,
                           label_name=label_name, weight_column_name=weight_column_name,
                           head_name=head_name)


def multi_class_head(n_classes, label_name=None, weight_column_name=None,
                     enable_centered_bias=False, head_name=None, thresholds=None,
                     metric_class_ids=None, loss_fn=None, label_keys=None):
    """A binary logistic head for n_classes == 2, a softmax head above."""
    if n_classes is None or n_classes < 2:
        raise ValueError("n_classes must be > 1 for classification: %s." % n_classes)
    _unsupported("enable_centered_bias", enable_centered_bias)
    _unsupported("loss_fn", loss_fn)
    if n_classes == 2:
        if metric_class_ids:
            raise ValueError("metric_class_ids invalid for n_classes==2.")
        if label_keys:
            raise ValueError("label_keys is not supported for n_classes=2.")
        return _BinaryLogisticHead(label_name, weight_column_name, head_name, thresholds)
    _unsupported("label_keys", label_keys)
    return _MultiClassHead(n_classes, label_name, weight_column_name, head_name, thresholds,
                           metric_class_ids)


def binary_svm_head(label_name=None, weight_column_name=None, enable_centered_bias=False,
                    head_name=None, thresholds=None):
    """Hinge loss on one logit per example (labels 0 / 1); predictions logits and classes."""
    _unsupported("enable_centered_bias", enable_centered_bias)
    return _BinarySvmHead(label_name, weight_column_name, head_name, thresholds)


def multi_label_head(n_classes, label_name=None, weight_column_name=None,
                     enable_centered_bias=False, head_name=None, thresholds=None,
                     metric_class_ids=None, loss_fn=None):
    """Sigmoid cross entropy per class on n_classes logits (indicator labels, or a
    SparseTensor of class ids)."""
    if n_classes < 2:
        raise ValueError("n_classes must be > 1 for classification.")
    _unsupported("enable_centered_bias", enable_centered_bias)
    _unsupported("loss_fn", loss_fn)
    return _MultiLabelHead(n_classes, label_name, weight_column_name, head_name, thresholds,
                           metric_class_ids)


def multi_head(heads, loss_weights=None):
    """One head over several named heads: their losses summed (weighted by loss_weights),
    their metrics merged, predictions keyed (head_name, key)."""
    if loss_weights:
        if len(loss_weights) != len(heads):
            raise ValueError("heads and loss_weights must have same size")

    def _weighted_loss_merger(losses):
        if loss_weights:
            if len(losses) != len(loss_weights):
                raise ValueError("losses and loss_weights must have same size")
            return math_ops.add_n([math_ops.multiply(loss, weight)
                                   for loss, weight in zip(losses, loss_weights)])
        return math_ops.add_n(losses)

    return _MultiHead(heads, loss_merger=_weighted_loss_merger)


def _summary_key(head_name, val):
    return "%s/%s" % (val, head_name) if head_name else val


def _compute_weighted_loss(loss_unweighted, weight, name="loss"):
    with name_scope(name, values=(loss_unweighted, weight)) as scope:
        if weight is None:
            loss = math_ops.reduce_mean(loss_unweighted, name=scope)
            return loss, loss
        weight = broadcast_weights(weight, loss_unweighted)
        with name_scope(None, "weighted_loss", (loss_unweighted, weight)) as wname:
            weighted = math_ops.multiply(loss_unweighted, weight, name=wname)
        mean = math_ops.reduce_mean(weighted, name=scope)
        normalized = math_ops.div(math_ops.reduce_sum(weighted),
                                  math_ops.cast(math_ops.reduce_sum(weight), dtypes.float32),
                                  name="weighted_average_loss")
        return mean, normalized


def _expand_1d(labels, logits):
    logits, labels = convert_to_tensor(logits), convert_to_tensor(labels)
    if labels.shape.ndims == 1:
        labels = array_ops.expand_dims(labels, axis=1)
    if logits.shape.ndims == 1:
        logits = array_ops.expand_dims(logits, axis=1)
    logits.get_shape().assert_is_compatible_with(labels.get_shape())
    return labels, logits


def _mean_squared_loss(labels, logits, weights=None):
    with name_scope(None, "mean_squared_loss", (logits, labels)) as name:
        labels, logits = _expand_1d(labels, logits)
        loss = math_ops.squared_difference(logits, math_ops.cast(labels, dtypes.float32),
                                           name=name)
        return _compute_weighted_loss(loss, weights)


def _poisson_loss(labels, logits, weights=None):
    with name_scope(None, "_poisson_loss", (logits, labels)) as name:
        labels, logits = _expand_1d(labels, logits)
        loss = nn_ops.log_poisson_loss(labels, logits, compute_full_loss=True, name=name)
        return _compute_weighted_loss(loss, weights)


def _log_loss_with_two_classes(labels, logits, weights=None):
    with name_scope(None, "log_loss_with_two_classes", (logits, labels)) as name:
        logits = convert_to_tensor(logits)
        labels = math_ops.cast(labels, dtypes.float32)
        if labels.shape.ndims == 1:
            labels = array_ops.expand_dims(labels, axis=1)
        loss = nn_ops.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits,
                                                        name=name)
        return _compute_weighted_loss(loss, weights)


def _softmax_cross_entropy_loss(labels, logits, weights=None):
    with name_scope(None, "softmax_cross_entropy_loss", (logits, labels)) as name:
        labels = convert_to_tensor(labels)
        if not labels.dtype.is_integer:
            raise ValueError("Labels dtype should be integer Instead got %s." % labels.dtype)
        squeezed = labels.shape.ndims == 2
        if squeezed:
            labels = array_ops.squeeze(labels, axis=(1,))
        loss = nn_ops.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits,
                                                               name=name)
        if squeezed:
            loss = array_ops.expand_dims(loss, axis=(1,))
        return _compute_weighted_loss(loss, weights)


def _weight_tensor(features, weight_column_name):
    if not weight_column_name:
        return None
    if weight_column_name not in features:
        raise ValueError("Weights {} missing from features.".format(weight_column_name))
    with name_scope(None, "weight_tensor", tuple(features.values())):
        weight = math_ops.cast(features[weight_column_name], dtypes.float32)
        if weight.shape.ndims == 1:
            logging.warning("Weights {} has shape {}, expanding to make it 2d.".format(
                weight_column_name, weight.shape))
            return array_ops.reshape(weight, (-1, 1))
        return weight


def _to_labels_tensor(labels, label_name):
    labels = labels[label_name] if isinstance(labels, dict) else labels
    if isinstance(labels, SparseTensor):
        raise ValueError("SparseTensor is not supported.")
    return convert_to_tensor(labels)


def _logits(logits_input, logits, logits_dimension):
    if logits is None:
        if logits_input is None:
            raise ValueError("Neither logits nor logits_input supplied.")
        from ..layers.layers import linear  # lazy: contrib.layers loads on first use
        return linear(logits_input, logits_dimension, scope="logits")
    if logits_input is not None:
        raise ValueError("Both logits and logits_input supplied.")
    logits = convert_to_tensor(logits, name="logits")
    if logits.shape.dims is not None:
        logits.shape.dims[-1].assert_is_compatible_with(logits_dimension)
    return logits


def _float_weights_or_none(weights):
    if weights is None:
        return None
    with name_scope(None, "float_weights", (weights,)) as name:
        return math_ops.cast(weights, dtypes.float32, name=name)


def _streaming_mean(values, weights=None, class_id=None):
    values = math_ops.cast(values, dtypes.float32)
    weights = _float_weights_or_none(weights)
    if weights is not None:
        weights = broadcast_weights(weights, values)
    if class_id is not None:
        if weights is not None:
            weights = weights[:, class_id]
        values = values[:, class_id]
    return metrics_lib.mean(values, weights)


def _class_streaming_mean(values, weights, class_id):
    return metrics_lib.mean(array_ops.where(
        comparison.equal(math_ops.cast(class_id, dtypes.int32),
                         math_ops.cast(values, dtypes.int32)),
        array_ops.ones_like(values), array_ops.zeros_like(values)), weights=weights)


def _streaming_auc(predictions, labels, weights=None, curve="ROC", class_id=None):
    predictions = math_ops.cast(predictions, dtypes.float32)
    if labels.dtype.base_dtype != dtypes.bool_:
        logging.warning("Casting %s labels to bool.", labels.dtype)
        labels = math_ops.cast(labels, dtypes.bool_)
    weights = _float_weights_or_none(weights)
    if weights is not None:
        weights = broadcast_weights(weights, predictions)
    if class_id is not None:
        if weights is not None:
            weights = weights[:, class_id]
        predictions = predictions[:, class_id]
        labels = labels[:, class_id]
    return metrics_lib.auc(labels, predictions, weights, curve=curve)


def _at_threshold(fn, predictions, labels, weights, threshold):
    value, update = fn(labels, predictions, (threshold,), _float_weights_or_none(weights))
    return array_ops.squeeze(value), array_ops.squeeze(update)


class _SingleHead(Head):
    def __init__(self, problem_type, logits_dimension, label_name, weight_column_name,
                 head_name):
        if logits_dimension is None or logits_dimension < 1:
            raise ValueError("Invalid logits_dimension %s." % logits_dimension)
        self._problem_type = problem_type
        self._logits_dimension = logits_dimension
        self._label_name = label_name
        self._weight_column_name = weight_column_name
        self._head_name = head_name

    logits_dimension = property(lambda self: self._logits_dimension)
    label_name = property(lambda self: self._label_name)
    weight_column_name = property(lambda self: self._weight_column_name)
    head_name = property(lambda self: self._head_name)
    _default_name = "head"

    def _output_alternatives(self, predictions):
        return {self._head_name: (self._problem_type, predictions)}

    def _transform_labels(self, mode, labels):
        if mode == ModeKeys.INFER or labels is None:
            return None
        return _to_labels_tensor(labels, self._label_name)

    def _loss(self, labels, logits, weights):
        return self._loss_fn(labels, logits, weights)

    def create_model_fn_ops(self, features, mode, labels=None, train_op_fn=None,
                            logits=None, logits_input=None, scope=None):
        """ModelFnOps of `mode` from the logits (or a linear layer over logits_input)."""
        with variable_scope(scope, default_name=self._head_name or self._default_name,
                            values=(tuple(features.values())
                                    + (labels, logits, logits_input))):
            labels = self._transform_labels(mode, labels)
            logits = _logits(logits_input, logits, self._logits_dimension)
            if mode not in (ModeKeys.TRAIN, ModeKeys.INFER, ModeKeys.EVAL):
                raise ValueError("mode=%s unrecognized." % str(mode))
            predictions = self._logits_to_predictions(logits)
            loss = train_op = eval_metric_ops = None
            if mode != ModeKeys.INFER and labels is not None:
                weights = _weight_tensor(features, self._weight_column_name)
                loss, weighted_average_loss = self._loss(labels, logits, weights)
                with name_scope(""):
                    summary_loss = array_ops.identity(weighted_average_loss)
                    summary_ops.scalar(_summary_key(self._head_name, _LOSS), summary_loss)
                if mode == ModeKeys.TRAIN:
                    if train_op_fn is None:
                        raise ValueError("train_op_fn can not be None in TRAIN mode")
                    _ = array_ops.shape(logits)[0]   # TF's batch size (for centered bias)
                    with name_scope(None, "train_op", (loss, labels)):
                        train_op = train_op_fn(loss)
                eval_metric_ops = self._metrics(weighted_average_loss, predictions, labels,
                                                weights)
            return ModelFnOps(mode=mode, predictions=predictions, loss=loss,
                              train_op=train_op, eval_metric_ops=eval_metric_ops,
                              output_alternatives=self._output_alternatives(predictions))


class _RegressionHead(_SingleHead):
    _default_name = "regression_head"

    def __init__(self, label_dimension, loss_fn, link_fn, label_name=None,
                 weight_column_name=None, head_name=None):
        super().__init__(ProblemType.LINEAR_REGRESSION, label_dimension, label_name,
                         weight_column_name, head_name)
        self._loss_fn = loss_fn
        self._link_fn = link_fn

    def _logits_to_predictions(self, logits):
        key = PredictionKey.SCORES
        with name_scope(None, "predictions", (logits,)):
            if self._logits_dimension == 1:
                logits = array_ops.squeeze(logits, axis=(1,), name=key)
            return {key: self._link_fn(logits)}

    def _metrics(self, eval_loss, predictions, labels, weights):
        with name_scope("metrics", values=[eval_loss]):
            return {_summary_key(self._head_name, _LOSS): metrics_lib.mean(eval_loss)}


class _ClassificationHead(_SingleHead):
    def _class_metrics(self, n_classes, thresholds, metric_class_ids):
        """The thresholds and per-class ids of the evaluation metrics (TF's checks)."""
        self._thresholds = thresholds if thresholds else (.5,)
        self._metric_class_ids = tuple(metric_class_ids or ())
        for class_id in self._metric_class_ids:
            if class_id < 0 or class_id >= n_classes:
                raise ValueError("Class ID %s not in [0, %s)." % (class_id, n_classes))

    def _output_alternatives(self, predictions):
        probabilities = predictions.get(PredictionKey.PROBABILITIES)
        with name_scope(None, "_classification_output_alternatives", (probabilities,)):
            batch_size = array_ops.shape(probabilities)[0]
            n = array_ops.shape(probabilities)[1]
            classes = array_ops.tile(input=array_ops.expand_dims(
                input=array_ops.range(n), axis=0), multiples=[batch_size, 1])
            classes = as_string(classes, name="classes_tensor")
        return {self._head_name: (self._problem_type, {
            PredictionKey.PROBABILITIES: probabilities, PredictionKey.CLASSES: classes})}


class _BinaryLogisticHead(_ClassificationHead):
    _default_name = "binary_logistic_head"

    def __init__(self, label_name, weight_column_name, head_name, thresholds):
        super().__init__(ProblemType.LOGISTIC_REGRESSION, 1, label_name, weight_column_name,
                         head_name)
        self._thresholds = thresholds if thresholds else (.5,)
        self._loss_fn = _log_loss_with_two_classes

    def _logits_to_predictions(self, logits):
        with name_scope(None, "predictions", (logits,)):
            two_class_logits = array_ops.concat((array_ops.zeros_like(logits), logits), 1)
            return {
                PredictionKey.LOGITS: logits,
                PredictionKey.LOGISTIC: math_ops.sigmoid(logits, name=PredictionKey.LOGISTIC),
                PredictionKey.PROBABILITIES: nn_ops.softmax(
                    two_class_logits, name=PredictionKey.PROBABILITIES),
                PredictionKey.CLASSES: math_ops.argmax(two_class_logits, 1,
                                                       name=PredictionKey.CLASSES)}

    def _metrics(self, eval_loss, predictions, labels, weights):
        key = self._head_name
        with name_scope("metrics", values=([eval_loss, labels, weights]
                                           + list(predictions.values()))):
            classes = predictions[PredictionKey.CLASSES]
            logistic = predictions[PredictionKey.LOGISTIC]
            out = {_summary_key(key, _LOSS): metrics_lib.mean(eval_loss)}
            out[_summary_key(key, _ACCURACY)] = metrics_lib.accuracy(labels, classes, weights)
            out[_summary_key(key, "labels/prediction_mean")] = _streaming_mean(logistic, weights)
            out[_summary_key(key, "labels/actual_label_mean")] = _streaming_mean(labels, weights)
            out[_summary_key(key, "accuracy/baseline_label_mean")] = _streaming_mean(
                labels, weights)
            out[_summary_key(key, "auc")] = _streaming_auc(logistic, labels, weights)
            out[_summary_key(key, "auc_precision_recall")] = _streaming_auc(
                logistic, labels, weights, curve="PR")
            for t in self._thresholds:
                out[_summary_key(key, "accuracy/threshold_%f_mean" % t)] = (
                    metrics_lib.accuracy(labels, math_ops.cast(
                        comparison.greater_equal(logistic, t), dtypes.float32), weights))
                out[_summary_key(key, "precision/positive_threshold_%f_mean" % t)] = (
                    _at_threshold(metrics_lib.precision_at_thresholds, logistic, labels,
                                  weights, t))
                out[_summary_key(key, "recall/positive_threshold_%f_mean" % t)] = (
                    _at_threshold(metrics_lib.recall_at_thresholds, logistic, labels,
                                  weights, t))
        return out


class _MultiClassHead(_ClassificationHead):
    _default_name = "multi_class_head"

    def __init__(self, n_classes, label_name, weight_column_name, head_name, thresholds,
                 metric_class_ids):
        super().__init__(ProblemType.CLASSIFICATION, n_classes, label_name,
                         weight_column_name, head_name)
        self._loss_fn = _softmax_cross_entropy_loss
        self._class_metrics(n_classes, thresholds, metric_class_ids)

    def _transform_labels(self, mode, labels):
        labels = super()._transform_labels(mode, labels)
        return None if labels is None else {"labels": labels, "label_ids": labels}

    def _loss(self, labels, logits, weights):
        return self._loss_fn(labels["label_ids"], logits, weights)

    def _logits_to_predictions(self, logits):
        with name_scope(None, "predictions", (logits,)):
            classes = math_ops.argmax(logits, 1, name=PredictionKey.CLASSES)
            return {PredictionKey.LOGITS: logits,
                    PredictionKey.PROBABILITIES: nn_ops.softmax(
                        logits, name=PredictionKey.PROBABILITIES),
                    PredictionKey.CLASSES: classes}

    def _metrics(self, eval_loss, predictions, labels, weights):
        key = self._head_name
        with name_scope("metrics", values=((eval_loss, labels["labels"], labels["label_ids"],
                                            weights) + tuple(predictions.values()))):
            logits = predictions[PredictionKey.LOGITS]
            probabilities = predictions[PredictionKey.PROBABILITIES]
            classes = predictions[PredictionKey.CLASSES]
            out = {_summary_key(key, _LOSS): metrics_lib.mean(eval_loss)}
            out[_summary_key(key, _ACCURACY)] = metrics_lib.accuracy(labels["labels"],
                                                                     classes, weights)
            for c in self._metric_class_ids:
                out[_summary_key(key, "labels/prediction_mean/class%d" % c)] = (
                    _class_streaming_mean(classes, weights, c))
                out[_summary_key(key, "labels/actual_label_mean/class%d" % c)] = (
                    _class_streaming_mean(labels["label_ids"], weights, c))
                out[_summary_key(key, "labels/probability_mean/class%d" % c)] = (
                    _streaming_mean(probabilities, weights, c))
                out[_summary_key(key, "labels/logits_mean/class%d" % c)] = (
                    _streaming_mean(logits, weights, c))
        return out


def _assert_labels_rank(labels):
    from ...ops.logging_ops import Assert   # lazy: tf.Assert's module on first use
    return Assert(comparison.less_equal(array_ops.rank(labels), 2),
                  ("labels shape should be either [batch_size, 1] or [batch_size]",))


def _hinge_loss(labels, logits, weights=None):
    from ...losses import losses_impl   # lazy: tf.losses on first use
    with name_scope(None, "hinge_loss", (logits, labels)) as name:
        with control_dependencies((_assert_labels_rank(labels),)):
            labels = array_ops.reshape(labels, shape=(-1, 1))
        loss = losses_impl.hinge_loss(labels=labels, logits=logits, scope=name,
                                      reduction=losses_impl.Reduction.NONE)
        return _compute_weighted_loss(loss, weights)


class _BinarySvmHead(_SingleHead):
    _default_name = "binary_svm_head"

    def __init__(self, label_name, weight_column_name, head_name, thresholds):
        super().__init__(ProblemType.LOGISTIC_REGRESSION, 1, label_name, weight_column_name,
                         head_name)
        self._thresholds = thresholds if thresholds else (.5,)
        self._loss_fn = _hinge_loss

    def _logits_to_predictions(self, logits):
        with name_scope(None, "predictions", (logits,)):
            two_class_logits = array_ops.concat((array_ops.zeros_like(logits), logits), 1)
            return {PredictionKey.LOGITS: logits,
                    PredictionKey.CLASSES: math_ops.argmax(two_class_logits, 1,
                                                           name=PredictionKey.CLASSES)}

    def _metrics(self, eval_loss, predictions, labels, weights):
        key = self._head_name
        with name_scope("metrics", values=([eval_loss, labels, weights]
                                           + list(predictions.values()))):
            out = {_summary_key(key, _LOSS): metrics_lib.mean(eval_loss)}
            out[_summary_key(key, _ACCURACY)] = metrics_lib.accuracy(
                labels, predictions[PredictionKey.CLASSES], weights)
        return out


def _sigmoid_cross_entropy_loss(labels, logits, weights=None):
    with name_scope(None, "sigmoid_cross_entropy_loss", (logits, labels)) as name:
        loss = nn_ops.sigmoid_cross_entropy_with_logits(
            labels=math_ops.cast(labels, dtypes.float32), logits=logits, name=name)
        return _compute_weighted_loss(loss, weights)


class _MultiLabelHead(_ClassificationHead):
    _default_name = "multi_label_head"

    def __init__(self, n_classes, label_name, weight_column_name, head_name, thresholds,
                 metric_class_ids):
        super().__init__(ProblemType.CLASSIFICATION, n_classes, label_name,
                         weight_column_name, head_name)
        self._loss_fn = _sigmoid_cross_entropy_loss
        self._class_metrics(n_classes, thresholds, metric_class_ids)

    def _transform_labels(self, mode, labels):
        if mode == ModeKeys.INFER or labels is None:
            return None
        labels = labels[self._label_name] if isinstance(labels, dict) else labels
        if isinstance(labels, SparseTensor):
            from ...ops.sparse_ops import sparse_to_indicator   # lazy: sparse ops
            return math_ops.cast(sparse_to_indicator(labels, self._logits_dimension),
                                 dtypes.int64)
        return convert_to_tensor(labels)

    def _logits_to_predictions(self, logits):
        with name_scope(None, "predictions", (logits,)):
            return {PredictionKey.LOGITS: logits,
                    PredictionKey.PROBABILITIES: math_ops.sigmoid(
                        logits, name=PredictionKey.PROBABILITIES),
                    PredictionKey.CLASSES: math_ops.cast(
                        comparison.greater(logits, 0), dtypes.int64,
                        name=PredictionKey.CLASSES)}

    def _metrics(self, eval_loss, predictions, labels, weights):
        key = self._head_name
        with name_scope("metrics", values=([eval_loss, labels, weights]
                                           + list(predictions.values()))):
            classes = predictions[PredictionKey.CLASSES]
            probabilities = predictions[PredictionKey.PROBABILITIES]
            logits = predictions[PredictionKey.LOGITS]
            out = {_summary_key(key, _LOSS): metrics_lib.mean(eval_loss)}
            out[_summary_key(key, _ACCURACY)] = metrics_lib.accuracy(labels, classes, weights)
            out[_summary_key(key, "auc")] = _streaming_auc(probabilities, labels, weights)
            out[_summary_key(key, "auc_precision_recall")] = _streaming_auc(
                probabilities, labels, weights, curve="PR")
            for c in self._metric_class_ids:
                out[_summary_key(key, "labels/prediction_mean/class%d" % c)] = (
                    _streaming_mean(classes, weights, c))
                out[_summary_key(key, "labels/actual_label_mean/class%d" % c)] = (
                    _streaming_mean(labels, weights, c))
                out[_summary_key(key, "labels/probability_mean/class%d" % c)] = (
                    _streaming_mean(probabilities, weights, c))
                out[_summary_key(key, "labels/logits_mean/class%d" % c)] = (
                    _streaming_mean(logits, weights, c))
                out[_summary_key(key, "auc/class%d" % c)] = _streaming_auc(
                    probabilities, labels, weights, class_id=c)
                out[_summary_key(key, "auc_precision_recall/class%d" % c)] = _streaming_auc(
                    probabilities, labels, weights, curve="PR", class_id=c)
        return out


def no_op_train_fn(loss):
    """A train_op_fn for heads that train nothing (a no_op)."""
    del loss
    return no_op()


class _MultiHead(Head):
    """Merges the ModelFnOps of several named heads that share the logits (split by their
    logits_dimension, or a dict by head name) or logits_input."""

    def __init__(self, heads, loss_merger):
        self._logits_dimension = 0
        for head in heads:
            if not head.head_name:
                raise ValueError("Members of MultiHead must have names.")
            self._logits_dimension += head.logits_dimension
        self._heads = heads
        self._loss_merger = loss_merger

    logits_dimension = property(lambda self: self._logits_dimension)

    def create_model_fn_ops(self, features, mode, labels=None, train_op_fn=None,
                            logits=None, logits_input=None, scope=None):
        """The merged ModelFnOps of `mode`."""
        if mode not in (ModeKeys.TRAIN, ModeKeys.INFER, ModeKeys.EVAL):
            raise ValueError("mode=%s unrecognized." % str(mode))
        all_model_fn_ops = []
        if logits is None:
            for head in self._heads:
                all_model_fn_ops.append(head.create_model_fn_ops(
                    features=features, mode=mode, labels=labels, train_op_fn=no_op_train_fn,
                    logits_input=logits_input, scope=scope))
        else:
            if isinstance(logits, dict):
                pairs = [(head, logits[head.head_name]) for head in self._heads]
            else:
                pairs = zip(self._heads, self._split_logits(logits))
            for head, head_logits in pairs:
                all_model_fn_ops.append(head.create_model_fn_ops(
                    features=features, mode=mode, labels=labels, train_op_fn=no_op_train_fn,
                    logits=head_logits, scope=scope))
        if mode == ModeKeys.TRAIN:
            if train_op_fn is None:
                raise ValueError("train_op_fn can not be None in TRAIN mode.")
            return self._merge_train(all_model_fn_ops, train_op_fn)
        if mode == ModeKeys.INFER:
            return self._merge_infer(all_model_fn_ops)
        return self._merge_eval(all_model_fn_ops)

    def _split_logits(self, logits):
        all_logits = []
        begin = 0
        for head in self._heads:
            size = head.logits_dimension
            all_logits.append(array_ops.slice(logits, [0, begin], [-1, size]))
            begin += size
        return all_logits

    def _merge_train(self, all_model_fn_ops, train_op_fn):
        losses, metrics, additional_train_ops = [], {}, []
        for m in all_model_fn_ops:
            losses.append(m.loss)
            if m.eval_metric_ops is not None:
                metrics.update(m.eval_metric_ops)
            additional_train_ops.append(m.train_op)
        loss = self._loss_merger(losses)
        train_op = group(train_op_fn(loss), *additional_train_ops)
        return ModelFnOps(mode=ModeKeys.TRAIN, loss=loss, train_op=train_op,
                          eval_metric_ops=metrics)

    def _merge_infer(self, all_model_fn_ops):
        predictions, output_alternatives = {}, {}
        for head, m in zip(self._heads, all_model_fn_ops):
            head_name = head.head_name
            output_alternatives[head_name] = m.output_alternatives[head_name]
            for k, v in m.predictions.items():
                predictions[(head_name, k)] = v
        return ModelFnOps(mode=ModeKeys.INFER, predictions=predictions,
                          output_alternatives=output_alternatives)

    def _merge_eval(self, all_model_fn_ops):
        predictions, metrics, losses = {}, {}, []
        for head, m in zip(self._heads, all_model_fn_ops):
            losses.append(m.loss)
            for k, v in m.predictions.items():
                predictions[(head.head_name, k)] = v
            metrics.update(m.eval_metric_ops)
        loss = self._loss_merger(losses)
        return ModelFnOps(mode=ModeKeys.EVAL, predictions=predictions, loss=loss,
                          eval_metric_ops=metrics)
