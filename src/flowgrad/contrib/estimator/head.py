"""`tf.contrib.estimator`'s heads (TF 1.14's contrib/estimator/python/estimator/head.py):
binary_classification_head, multi_class_head and regression_head (the canned estimators'
heads with TF's contrib defaults: loss_reduction SUM_OVER_BATCH_SIZE, a loss_fn, a name),
poisson_regression_head and logistic_regression_head (regression heads with their loss
and inverse link), and multi_label_head (sigmoid cross entropy over n_classes)."""
from __future__ import annotations

from ... import metrics as metrics_lib
from ...engine.framework import dtypes
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import control_dependencies, name_scope
from ...engine.ops import comparison, construction, elementwise, joining, reductions
from ...engine.ops import shape as shape_ops
from ...engine.ops.cast import cast
from ...estimator.canned import head as head_lib
from ...estimator.canned.keys import MetricKeys, PredictionKeys
from ...estimator.export import export_output
from ...losses import losses_impl as losses
from ...ops import nn_ops

__all__ = ["binary_classification_head", "logistic_regression_head", "multi_class_head",
           "multi_label_head", "poisson_regression_head", "regression_head"]

_SUM_OVER_BATCH_SIZE = losses.Reduction.SUM_OVER_BATCH_SIZE


def binary_classification_head(weight_column=None, thresholds=None, label_vocabulary=None,
                               loss_reduction=_SUM_OVER_BATCH_SIZE, loss_fn=None, name=None):
    """A head for binary classification: one logit, sigmoid cross entropy (or loss_fn)."""
    return head_lib.binary_logistic_head(
        weight_column=weight_column, thresholds=thresholds,
        label_vocabulary=label_vocabulary, loss_reduction=loss_reduction, loss_fn=loss_fn,
        name=name)


def multi_class_head(n_classes, weight_column=None, label_vocabulary=None,
                     loss_reduction=_SUM_OVER_BATCH_SIZE, loss_fn=None, name=None):
    """A head for multi-class classification: n_classes logits, softmax cross entropy."""
    return head_lib.multi_class_head(
        n_classes, weight_column=weight_column, label_vocabulary=label_vocabulary,
        loss_reduction=loss_reduction, loss_fn=loss_fn, name=name)


def regression_head(weight_column=None, label_dimension=1,
                    loss_reduction=_SUM_OVER_BATCH_SIZE, loss_fn=None, inverse_link_fn=None,
                    name=None):
    """A head for regression: mean squared error unless loss_fn is given; predictions are
    inverse_link_fn(logits) when it is given."""
    return head_lib.regression_head(
        weight_column=weight_column, label_dimension=label_dimension,
        loss_reduction=loss_reduction, loss_fn=loss_fn, inverse_link_fn=inverse_link_fn,
        name=name)


def poisson_regression_head(weight_column=None, label_dimension=1,
                            loss_reduction=_SUM_OVER_BATCH_SIZE, compute_full_loss=True,
                            name=None):
    """A regression head with the log-Poisson loss of the logits; predictions exp(logits)."""
    def _poisson_loss(labels, logits):
        return nn_ops.log_poisson_loss(targets=labels, log_input=logits,
                                       compute_full_loss=compute_full_loss)
    return head_lib.regression_head(
        weight_column=weight_column, label_dimension=label_dimension,
        loss_reduction=loss_reduction, loss_fn=_poisson_loss,
        inverse_link_fn=elementwise.exp, name=name)


def logistic_regression_head(weight_column=None, loss_reduction=_SUM_OVER_BATCH_SIZE,
                             name=None):
    """A regression head for labels in [0, 1]: sigmoid cross entropy; predictions
    sigmoid(logits)."""
    def _logistic_loss(labels, logits):
        labels = head_lib._assert_range(labels, 2, message="Labels must be in range [0, 1]")
        return nn_ops.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits)
    return head_lib.regression_head(
        weight_column=weight_column, label_dimension=1, loss_reduction=loss_reduction,
        loss_fn=_logistic_loss, inverse_link_fn=elementwise.sigmoid, name=name)


def multi_label_head(n_classes, weight_column=None, thresholds=None, label_vocabulary=None,
                     loss_reduction=_SUM_OVER_BATCH_SIZE, loss_fn=None,
                     classes_for_class_based_metrics=None, name=None):
    """A head for multi-label classification: each of n_classes labels is 0 or 1 (a
    multi-hot Tensor, or a SparseTensor of class ids or of vocabulary strings); the loss
    is the sigmoid cross entropy averaged over the classes."""
    thresholds = tuple(thresholds) if thresholds else ()
    if n_classes is None or n_classes < 2:
        raise ValueError("n_classes must be > 1 for multi-class classification. Given: {}"
                         .format(n_classes))
    for threshold in thresholds:
        if threshold <= 0.0 or threshold >= 1.0:
            raise ValueError("thresholds must be in (0, 1) range. Given: {}"
                             .format(threshold))
    if label_vocabulary is not None:
        if not isinstance(label_vocabulary, (list, tuple)):
            raise ValueError("label_vocabulary must be a list or tuple. Given type: {}"
                             .format(type(label_vocabulary)))
        if len(label_vocabulary) != n_classes:
            raise ValueError("Length of label_vocabulary must be n_classes ({}). Given: {}"
                             .format(n_classes, len(label_vocabulary)))
    if loss_fn:
        head_lib.validate_loss_fn_args(loss_fn)
    head_lib._check_reduction(loss_reduction)
    classes = tuple(classes_for_class_based_metrics or ())
    if classes:
        if isinstance(classes[0], str):
            if not label_vocabulary:
                raise ValueError("label_vocabulary must be provided when "
                                 "classes_for_class_based_metrics are sting.")
            classes = tuple(list(label_vocabulary).index(c) for c in classes)
        else:
            for class_id in classes:
                if class_id < 0 or class_id >= n_classes:
                    raise ValueError("All classes_for_class_based_metrics must be in range "
                                     "[0, {}]. Given: {}".format(n_classes - 1, class_id))
    return _MultiLabelHead(n_classes, weight_column, thresholds, label_vocabulary,
                           loss_reduction, loss_fn, classes, name)


class _MultiLabelHead(head_lib._Head):
    """Sigmoid cross entropy over n_classes independent labels."""

    def __init__(self, n_classes, weight_column, thresholds, label_vocabulary,
                 loss_reduction, loss_fn, classes_for_class_based_metrics, name):
        super().__init__(weight_column, label_vocabulary, loss_reduction, name, loss_fn)
        self._n_classes = n_classes
        self._thresholds = thresholds
        self._classes_for_class_based_metrics = classes_for_class_based_metrics

    logits_dimension = property(lambda self: self._n_classes)

    def _predictions(self, logits):
        with name_scope(None, "predictions", (logits,)):
            probabilities = elementwise.sigmoid(logits, name=PredictionKeys.PROBABILITIES)
            predictions = {PredictionKeys.LOGITS: logits,
                           PredictionKeys.PROBABILITIES: probabilities}
        def outputs():   # built in PREDICT mode only, as TF
            classifier = head_lib._classification_output(probabilities, self._n_classes,
                                                         self._label_vocabulary)
            return {head_lib._DEFAULT_SERVING_KEY: classifier,
                    head_lib._CLASSIFY_SERVING_KEY: classifier,
                    head_lib._PREDICT_SERVING_KEY: export_output.PredictOutput(predictions)}
        return predictions, outputs, probabilities

    def _process_labels(self, labels):
        from ...ops import sparse_ops  # lazy: only sparse labels need it
        from ...ops.logging_ops import Assert  # lazy: as above
        from ...ops.sparse_tensor import SparseTensor  # lazy: as above
        if labels is None:
            raise ValueError(
                "You must provide a labels Tensor. Given: None. Suggested troubleshooting "
                "steps: Check that your data contain your label feature. Check that your "
                "input_fn properly parses and returns labels.")
        if isinstance(labels, SparseTensor):
            if labels.dtype == dtypes.string:
                ids = head_lib._lookup().index_table_from_tensor(
                    vocabulary_list=tuple(self._label_vocabulary),
                    name="class_id_lookup").lookup(labels.values)
                label_ids = SparseTensor(indices=labels.indices, values=ids,
                                         dense_shape=labels.dense_shape)
                return cast(sparse_ops.sparse_to_indicator(label_ids, self._n_classes),
                            dtypes.int64)
            err_msg = ("labels must be an integer SparseTensor with values in [0, {})"
                       .format(self._n_classes))
            if not labels.dtype.is_integer:
                raise TypeError("%s  Expected integer but got dtype %s" % (err_msg,
                                                                          labels.dtype))
            values = labels.values
            less = Assert(reductions.reduce_all(comparison.less(
                values, convert_to_tensor(self._n_classes, dtype=values.dtype))),
                [err_msg, values], name="assert_less")
            non_negative = Assert(reductions.reduce_all(comparison.greater_equal(
                values, convert_to_tensor(0, dtype=values.dtype))),
                [err_msg, values], name="assert_non_negative")
            with control_dependencies([less, non_negative]):
                return cast(sparse_ops.sparse_to_indicator(labels, self._n_classes),
                            dtypes.int64)
        return head_lib._assert_range(
            convert_to_tensor(labels), 2,
            message="labels must be an integer indicator Tensor with values in [0, 1]")

    def create_loss(self, features, mode, logits, labels):
        """(training loss, unreduced loss, weights, processed labels)."""
        logits = convert_to_tensor(logits)
        processed = self._process_labels(labels)
        processed = head_lib._check_labels(processed, logits, self.logits_dimension)
        if self._loss_fn:
            unweighted = head_lib.call_loss_fn(self._loss_fn, processed, logits, features)
        else:
            unweighted = losses.sigmoid_cross_entropy(
                multi_class_labels=processed, logits=logits, reduction=losses.Reduction.NONE)
            unweighted = reductions.reduce_mean(unweighted, axis=-1, keepdims=True)
        weights = head_lib._get_weights(features, self._weight_column, logits)
        return head_lib.LossSpec(self._reduce(unweighted, weights), unweighted, weights,
                                 processed)

    def _eval_metric_ops(self, labels, logits, probabilities, weights, unreduced_loss,
                         regularization_loss):
        k = MetricKeys
        key = self._name
        summary_key = head_lib._summary_key
        with name_scope(None, "metrics", (labels, probabilities)):
            ops = {
                summary_key(key, k.LOSS_MEAN): metrics_lib.mean(
                    values=unreduced_loss, weights=weights, name=k.LOSS_MEAN),
                summary_key(key, k.AUC): metrics_lib.auc(
                    labels=labels, predictions=probabilities, weights=weights, name=k.AUC),
                summary_key(key, k.AUC_PR): metrics_lib.auc(
                    labels=labels, predictions=probabilities, weights=weights, curve="PR",
                    name=k.AUC_PR),
            }
            self._regularization_metric(ops, regularization_loss)
            for threshold in self._thresholds:
                for name, value in head_lib._threshold_metrics(labels, probabilities, weights,
                                                               threshold).items():
                    ops[summary_key(key, name)] = value
            for class_id in self._classes_for_class_based_metrics:
                self._class_metrics(ops, labels, probabilities, weights, class_id)
        return ops

    def _class_metrics(self, ops, labels, probabilities, weights, class_id):
        k = MetricKeys
        batch_rank = shape_ops.rank(probabilities) - 1
        begin = joining.concat([construction.zeros([batch_rank], dtype=dtypes.int32),
                                [class_id]], axis=0)
        size = joining.concat([-1 * construction.ones([batch_rank], dtype=dtypes.int32),
                               [1]], axis=0)
        class_probabilities = joining.slice(probabilities, begin=begin, size=size)
        class_labels = joining.slice(labels, begin=begin, size=size)
        if self._label_vocabulary is None:
            names = (k.PROBABILITY_MEAN_AT_CLASS % class_id, k.AUC_AT_CLASS % class_id,
                     k.AUC_PR_AT_CLASS % class_id)
        else:
            label = self._label_vocabulary[class_id]
            names = (k.PROBABILITY_MEAN_AT_NAME % label, k.AUC_AT_NAME % label,
                     k.AUC_PR_AT_NAME % label)
        summary_key = head_lib._summary_key
        ops[summary_key(self._name, names[0])] = head_lib._predictions_mean(
            class_probabilities, weights, names[0])
        ops[summary_key(self._name, names[1])] = head_lib._auc(
            class_labels, class_probabilities, weights, "ROC", names[1])
        ops[summary_key(self._name, names[2])] = head_lib._auc(
            class_labels, class_probabilities, weights, "PR", names[2])
