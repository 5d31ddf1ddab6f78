"""`tf.contrib.estimator.multi_head` (TF 1.14's contrib multi_head.py): several named heads
on one logits Tensor (split by their logits dimensions) or a dict of logits; labels a dict
by head name; the training loss the (weighted) sum of the heads' losses; predictions keyed
(head name, key); metrics and export outputs by head name."""
from __future__ import annotations

from ... import metrics as metrics_lib
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import name_scope
from ...engine.ops import construction, elementwise, joining, reductions
from ...engine.ops import shape as shape_ops
from ...engine.ops.ordering import no_op
from ...estimator import model_fn
from ...estimator.canned import head as head_lib
from ...estimator.canned.keys import MetricKeys
from ...estimator.export import export_output
from ...summary import summary_ops
from ...train import training_util

__all__ = ["multi_head"]


def multi_head(heads, head_weights=None):
    """A head combining `heads` (each with a name), weighted by `head_weights`."""
    if head_weights:
        if len(head_weights) != len(heads):
            raise ValueError("heads and head_weights must have the same size. Given "
                             "len(heads): {}. Given len(head_weights): {}."
                             .format(len(heads), len(head_weights)))
    if not heads:
        raise ValueError("Must specify heads. Given: {}".format(heads))
    for head in heads:
        if not head.name:
            raise ValueError("All given heads must have name specified. Given: {}"
                             .format(head))
    return _MultiHead(tuple(heads), tuple(head_weights) if head_weights else ())


def _no_op_train_fn(loss):
    del loss
    return no_op()


def _merge_losses(losses, head_weights=None):
    losses = tuple(losses)
    with name_scope("merge_losses", values=losses + (head_weights or ())):
        if head_weights:
            losses = [elementwise.multiply(loss, weight)
                      for loss, weight in zip(losses, head_weights)]
        return reductions.add_n(list(losses))


def _default_export_output(export_outputs, head_name):
    if len(export_outputs) == 1:
        return next(iter(export_outputs.values()))
    if head_lib._DEFAULT_SERVING_KEY in export_outputs:
        return export_outputs[head_lib._DEFAULT_SERVING_KEY]
    raise ValueError(
        "{} did not specify default export_outputs. Given: {} Suggested fix: Use one of the "
        "heads in tf.contrib.estimator, or include key {} in export_outputs.".format(
            head_name, export_outputs, head_lib._DEFAULT_SERVING_KEY))


class _MultiHead:
    """See multi_head."""

    def __init__(self, heads, head_weights):
        self._heads = heads
        self._head_weights = head_weights
        self._logits_dimension = sum(head.logits_dimension for head in heads)

    name = property(lambda self: "_".join(h.name for h in self._heads))
    logits_dimension = property(lambda self: self._logits_dimension)

    def create_loss(self, features, mode, logits, labels):
        """LossSpec: the merged training loss; unreduced losses, weights and processed
        labels as dicts by head name."""
        logits_dict = logits if isinstance(logits, dict) else self._split_logits(logits)
        training_losses, labels_by_head, unreduced_by_head, weights_by_head = [], {}, {}, {}
        for i, head in enumerate(self._heads):
            training_loss, unreduced_loss, weights, processed = head.create_loss(
                features, mode, logits_dict[head.name], labels[head.name])
            training_losses.append(training_loss)
            labels_by_head[head.name] = processed
            if self._head_weights:
                unreduced_by_head[head.name] = elementwise.multiply(unreduced_loss,
                                                                    self._head_weights[i])
                weights_by_head[head.name] = elementwise.multiply(weights,
                                                                  self._head_weights[i])
            else:
                unreduced_by_head[head.name] = unreduced_loss
                weights_by_head[head.name] = weights
        merged = _merge_losses(training_losses, self._head_weights)
        return head_lib.LossSpec(merged, unreduced_by_head, weights_by_head, labels_by_head)

    def create_estimator_spec(self, features, mode, logits, labels=None, optimizer=None,
                              train_op_fn=None):
        """The EstimatorSpec of `mode`, merged from the heads' specs."""
        logits_dict = logits if isinstance(logits, dict) else self._split_logits(logits)
        if labels and not isinstance(labels, dict):
            raise ValueError("labels must be a dict. Given: {}".format(labels))
        specs = [head.create_estimator_spec(
            features=features, mode=mode, logits=logits_dict[head.name],
            labels=labels[head.name] if labels else None, train_op_fn=_no_op_train_fn)
            for head in self._heads]
        if mode == model_fn.ModeKeys.TRAIN:
            spec = self._merge_train(specs, optimizer, train_op_fn)
            with name_scope(""):
                summary_ops.scalar(MetricKeys.LOSS, spec.loss)
            return spec
        if mode == model_fn.ModeKeys.PREDICT:
            return self._merge_predict(specs)
        if mode == model_fn.ModeKeys.EVAL:
            return self._merge_eval(specs)
        raise ValueError("mode={} unrecognized".format(mode))

    def _split_logits(self, logits):
        logits_dict = {}
        with name_scope(None, "split_logits", values=[logits]):
            logits = convert_to_tensor(logits)
            dims = [head.logits_dimension for head in self._heads]
            total = sum(dims)
            shape = logits.shape.as_list()
            last = shape[-1]
            if last is not None and last != total:
                raise ValueError(
                    "Could not split logits of shape %r among the heads with individual "
                    "logits dimensions: %r. The last dimension of the logits tensor should "
                    "equal %d but is %d." % (shape, dims, last, total))
            batch_shape = shape_ops.shape(logits)[:-1]
            zeros = construction.zeros_like(batch_shape)
            minus_ones = -1 * construction.ones_like(batch_shape)
            begin = 0
            for head in self._heads:
                begin_t = joining.concat([zeros, [begin]], axis=0)
                size_t = joining.concat([minus_ones, [head.logits_dimension]], axis=0)
                logits_dict[head.name] = joining.slice(logits, begin=begin_t, size=size_t)
                begin += head.logits_dimension
        return logits_dict

    def _predictions(self, specs):
        predictions = {}
        for head, spec in zip(self._heads, specs):
            for k, v in spec.predictions.items():
                predictions[(head.name, k)] = v
        return predictions

    def _merge_train(self, specs, optimizer, train_op_fn):
        metrics = {}
        for spec in specs:
            metrics.update(spec.eval_metric_ops or {})
        loss = _merge_losses([spec.loss for spec in specs], self._head_weights)
        if optimizer is not None:
            if train_op_fn is not None:
                raise ValueError("train_op_fn and optimizer cannot both be set.")
            train_op = optimizer.minimize(loss, global_step=training_util.get_global_step())
        elif train_op_fn is not None:
            train_op = train_op_fn(loss)
        else:
            raise ValueError("train_op_fn and optimizer cannot both be None.")
        return model_fn.EstimatorSpec(mode=model_fn.ModeKeys.TRAIN, loss=loss,
                                      train_op=train_op, predictions=self._predictions(specs),
                                      eval_metric_ops=metrics)

    def _merge_predict(self, specs):
        export_outputs = {head_lib._DEFAULT_SERVING_KEY: _default_export_output(
            specs[0].export_outputs, self._heads[0].name)}
        merged_predict = {}
        for head, spec in zip(self._heads, specs):
            for k, v in spec.export_outputs.items():
                key = head.name if k == head_lib._DEFAULT_SERVING_KEY else \
                    "%s/%s" % (head.name, k)
                export_outputs[key] = v
                if k == head_lib._PREDICT_SERVING_KEY and isinstance(
                        v, export_output.PredictOutput):
                    for kp, vp in v.outputs.items():
                        merged_predict["%s/%s" % (head.name, kp)] = vp
        export_outputs[head_lib._PREDICT_SERVING_KEY] = export_output.PredictOutput(
            merged_predict)
        return model_fn.EstimatorSpec(mode=model_fn.ModeKeys.PREDICT,
                                      predictions=self._predictions(specs),
                                      export_outputs=export_outputs)

    def _merge_eval(self, specs):
        metrics = {}
        with name_scope("merge_eval"):
            for head, spec in zip(self._heads, specs):
                loss_name = head_lib._summary_key(head.name, MetricKeys.LOSS)
                metrics[loss_name] = metrics_lib.mean(spec.loss, name=loss_name)
                metrics.update(spec.eval_metric_ops or {})
            loss = _merge_losses([spec.loss for spec in specs], self._head_weights)
        return model_fn.EstimatorSpec(mode=model_fn.ModeKeys.EVAL,
                                      predictions=self._predictions(specs), loss=loss,
                                      eval_metric_ops=metrics)
