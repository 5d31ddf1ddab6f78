"""`tf.estimator.export` outputs: what a served model returns, as a SignatureDef
(TF 1.14's saved_model/model_utils/export_output.py)."""
from __future__ import annotations

from ...engine.framework import dtypes
from ...engine.framework.constant_op import constant
from ...engine.framework.graph import Operation, Tensor, control_dependencies
from ...saved_model import signature_constants, signature_def_utils
from ...saved_model import utils as _sm_utils

__all__ = ["ExportOutput", "ClassificationOutput", "RegressionOutput", "PredictOutput",
           "get_export_outputs"]


class ExportOutput:
    """An output of a model that can be served."""

    _SEPARATOR_CHAR = "/"

    def as_signature_def(self, receiver_tensors):
        """The SignatureDef proto of this output fed by `receiver_tensors`."""
        raise NotImplementedError("Calling an abstract method.")

    def _check_output_key(self, key, error_label):
        if isinstance(key, tuple):
            key = self._SEPARATOR_CHAR.join(key)
        if not isinstance(key, str):
            raise ValueError("{} output key must be a string; got {}.".format(error_label, key))
        return key

    def _wrap_and_check_outputs(self, outputs, single_output_default_name, error_label=None):
        if not isinstance(outputs, dict):
            outputs = {single_output_default_name: outputs}
        output_dict = {}
        for key, value in outputs.items():
            error_name = error_label or single_output_default_name
            key = self._check_output_key(key, error_name)
            if not isinstance(value, Tensor):
                raise ValueError("{} output value must be a Tensor; got {}.".format(
                    error_name, value))
            output_dict[key] = value
        return output_dict


def _single_string_input(receiver_tensors, what):
    if len(receiver_tensors) != 1:
        raise ValueError("%s input must be a single string Tensor; got %s"
                         % (what, receiver_tensors))
    (_, examples), = receiver_tensors.items()
    if dtypes.as_dtype(examples.dtype) != dtypes.string:
        raise ValueError("%s input must be a single string Tensor; got %s"
                         % (what, receiver_tensors))
    return examples


class ClassificationOutput(ExportOutput):
    """The output of a classification head: scores and/or class names."""

    def __init__(self, scores=None, classes=None):
        if scores is not None and not (isinstance(scores, Tensor)
                                       and scores.dtype.is_floating):
            raise ValueError("Classification scores must be a float32 Tensor; got {}"
                             .format(scores))
        if classes is not None and not (isinstance(classes, Tensor)
                                        and dtypes.as_dtype(classes.dtype) == dtypes.string):
            raise ValueError("Classification classes must be a string Tensor; got {}"
                             .format(classes))
        if scores is None and classes is None:
            raise ValueError("At least one of scores and classes must be set.")
        self._scores = scores
        self._classes = classes

    scores = property(lambda self: self._scores)
    classes = property(lambda self: self._classes)

    def as_signature_def(self, receiver_tensors):
        """A classify SignatureDef (the input must be one string Tensor of Examples)."""
        examples = _single_string_input(receiver_tensors, "Classification")
        return signature_def_utils.classification_signature_def(
            examples, self.classes, self.scores)


class RegressionOutput(ExportOutput):
    """The output of a regression head: a float Tensor."""

    def __init__(self, value):
        if not (isinstance(value, Tensor) and value.dtype.is_floating):
            raise ValueError("Regression output value must be a float32 Tensor; got {}"
                             .format(value))
        self._value = value

    value = property(lambda self: self._value)

    def as_signature_def(self, receiver_tensors):
        """A regress SignatureDef (the input must be one string Tensor of Examples)."""
        examples = _single_string_input(receiver_tensors, "Regression")
        return signature_def_utils.regression_signature_def(examples, self.value)


class PredictOutput(ExportOutput):
    """The output of a generic prediction head: a Tensor or a dict of them."""

    _SINGLE_OUTPUT_DEFAULT_NAME = "output"

    def __init__(self, outputs):
        self._outputs = self._wrap_and_check_outputs(
            outputs, self._SINGLE_OUTPUT_DEFAULT_NAME, error_label="Prediction")

    outputs = property(lambda self: self._outputs)

    def as_signature_def(self, receiver_tensors):
        """A predict SignatureDef of all the receiver tensors and outputs."""
        return signature_def_utils.predict_signature_def(receiver_tensors, self.outputs)


SUPERVISED_TRAIN_METHOD_NAME = "tensorflow/supervised/training"
SUPERVISED_EVAL_METHOD_NAME = "tensorflow/supervised/eval"


class _SupervisedOutput(ExportOutput):
    """The loss, predictions and metrics of a TRAIN or EVAL graph (TF 1.14's
    _SupervisedOutput): keys 'loss', 'predictions[/k]', 'metrics/<k>/value|update_op'."""

    LOSS_NAME = "loss"
    PREDICTIONS_NAME = "predictions"
    METRICS_NAME = "metrics"
    METRIC_VALUE_SUFFIX = "value"
    METRIC_UPDATE_SUFFIX = "update_op"
    _METHOD = None

    def __init__(self, loss=None, predictions=None, metrics=None):
        self._loss = self._predictions = self._metrics = None
        if loss is not None:
            self._loss = self._prefix_output_keys(
                self._wrap_and_check_outputs(loss, self.LOSS_NAME), self.LOSS_NAME)
        if predictions is not None:
            self._predictions = self._prefix_output_keys(
                self._wrap_and_check_outputs(predictions, self.PREDICTIONS_NAME),
                self.PREDICTIONS_NAME)
        if metrics is not None:
            self._metrics = self._wrap_and_check_metrics(metrics)

    def _prefix_output_keys(self, output_dict, output_name):
        return {self._prefix_key(k, output_name): v for k, v in output_dict.items()}

    def _prefix_key(self, key, output_name):
        if key.find(output_name) != 0:
            key = output_name + self._SEPARATOR_CHAR + key
        return key

    def _wrap_and_check_metrics(self, metrics):
        if not isinstance(metrics, dict):
            metrics = {self.METRICS_NAME: metrics}
        outputs = {}
        for key, value in metrics.items():
            if not isinstance(value, tuple):
                raise NotImplementedError("export of a Keras Metrics object as a metric is "
                                          "not implemented by flowgrad")
            metric_val, metric_op = value
            key = self._prefix_key(self._check_output_key(key, self.METRICS_NAME),
                                   self.METRICS_NAME)
            val_name = key + self._SEPARATOR_CHAR + self.METRIC_VALUE_SUFFIX
            op_name = key + self._SEPARATOR_CHAR + self.METRIC_UPDATE_SUFFIX
            if not isinstance(metric_val, Tensor):
                raise ValueError("{} output value must be a Tensor; got {}.".format(
                    key, metric_val))
            if not isinstance(metric_op, (Tensor, Operation)):
                raise ValueError("{} update_op must be a Tensor or Operation; got {}.".format(
                    key, metric_op))
            if isinstance(metric_op, Operation):
                with control_dependencies([metric_op]):
                    metric_op = constant([], name="metric_op_wrapper")
            outputs[val_name] = metric_val
            outputs[op_name] = metric_op
        return outputs

    loss = property(lambda self: self._loss)
    predictions = property(lambda self: self._predictions)
    metrics = property(lambda self: self._metrics)

    def as_signature_def(self, receiver_tensors):
        """A supervised SignatureDef: the receiver tensors in, loss/predictions/metrics out."""
        if not receiver_tensors:
            raise ValueError("{} inputs cannot be None or empty.".format(self._METHOD))
        outputs = {}
        for part in (self.loss, self.predictions, self.metrics):
            if part is not None:
                outputs.update(part)
        return signature_def_utils.build_signature_def(
            {k: _sm_utils.build_tensor_info(t)
             for k, t in receiver_tensors.items()},
            {k: _sm_utils.build_tensor_info(t) for k, t in outputs.items()},
            self._METHOD)


class TrainOutput(_SupervisedOutput):
    """The outputs of a TRAIN graph (signature method 'tensorflow/supervised/training')."""

    _METHOD = SUPERVISED_TRAIN_METHOD_NAME


class EvalOutput(_SupervisedOutput):
    """The outputs of an EVAL graph (signature method 'tensorflow/supervised/eval')."""

    _METHOD = SUPERVISED_EVAL_METHOD_NAME


def get_export_outputs(export_outputs, predictions):
    """`export_outputs` checked, or {'serving_default': PredictOutput(predictions)}; a lone
    output also becomes the default."""
    default_key = signature_constants.DEFAULT_SERVING_SIGNATURE_DEF_KEY
    if export_outputs is None:
        export_outputs = {default_key: PredictOutput(predictions)}
    if not isinstance(export_outputs, dict):
        raise TypeError("export_outputs must be dict, given: {}".format(export_outputs))
    for v in export_outputs.values():
        if not isinstance(v, ExportOutput):
            raise TypeError("Values in export_outputs must be ExportOutput objects. Given: {}"
                            .format(export_outputs))
    if len(export_outputs) == 1:
        (key, value), = export_outputs.items()
        if key != default_key:
            export_outputs[default_key] = value
    if len(export_outputs) > 1 and default_key not in export_outputs:
        raise ValueError("Multiple export_outputs were provided, but none of them is "
                         "specified as the default.  Do this by naming one of them with "
                         "signature_constants.DEFAULT_SERVING_SIGNATURE_DEF_KEY.")
    return export_outputs
