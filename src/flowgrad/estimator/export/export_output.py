"""`tf.estimator.export` outputs: what a served model returns, as a SignatureDef
(TF 1.14's saved_model/model_utils/export_output.py)."""
from __future__ import annotations

from ...engine.framework import dtypes
from ...engine.framework.graph import Tensor
from ...saved_model import signature_constants, signature_def_utils

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
