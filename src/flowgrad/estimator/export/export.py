"""`tf.estimator.export`: what a serving_input_receiver_fn returns, the two builders of
such functions, and the SignatureDefs an Estimator export writes (TF 1.14's
estimator/export/export.py and export_lib)."""
from __future__ import annotations

import collections
import os
import time

from ... import logging
from ...engine.framework import dtypes
from ...engine.framework.graph import Tensor
from ...engine.framework.tensor_shape import TensorShape
from ...engine.ops.construction import placeholder
from ...ops.sparse_tensor import SparseTensor
from ...saved_model import signature_def_utils
from .export_output import EvalOutput, TrainOutput, get_export_outputs

__all__ = ["ServingInputReceiver", "TensorServingInputReceiver",
           "build_parsing_serving_input_receiver_fn", "build_raw_serving_input_receiver_fn"]

SINGLE_FEATURE_DEFAULT_NAME = "feature"
SINGLE_RECEIVER_DEFAULT_NAME = "input"
SINGLE_LABEL_DEFAULT_NAME = "label"
_SINGLE_TENSOR_DEFAULT_NAMES = {"feature": SINGLE_FEATURE_DEFAULT_NAME, "label": "label",
                                "receiver_tensor": SINGLE_RECEIVER_DEFAULT_NAME,
                                "receiver_tensors_alternative": SINGLE_RECEIVER_DEFAULT_NAME}


def _check_tensor(tensor, name, error_label="feature"):
    if not isinstance(tensor, (Tensor, SparseTensor)):
        fmt_name = " {}".format(name) if name else ""
        raise ValueError("{}{} must be a Tensor or SparseTensor.".format(error_label, fmt_name))


def _check_tensor_key(name, error_label="feature", allow_ints=False):
    if not isinstance(name, str):
        if not allow_ints:
            raise ValueError("{} keys must be strings: {}.".format(error_label, name))
        if not isinstance(name, int):
            raise ValueError("{} keys must be strings or ints: {}.".format(error_label, name))


def wrap_and_check_input_tensors(tensors, field_name, allow_int_keys=False):
    """`tensors` as a dict of str (or int) to Tensor; a lone Tensor gets the default key."""
    if tensors is None:
        raise ValueError("{}s must be defined.".format(field_name))
    if not isinstance(tensors, dict):
        tensors = {_SINGLE_TENSOR_DEFAULT_NAMES[field_name]: tensors}
    for name, tensor in tensors.items():
        _check_tensor_key(name, error_label=field_name, allow_ints=allow_int_keys)
        _check_tensor(tensor, name, error_label=field_name)
    return tensors


class ServingInputReceiver(collections.namedtuple(
        "ServingInputReceiver",
        ["features", "receiver_tensors", "receiver_tensors_alternatives"])):
    """What a serving_input_receiver_fn returns: the model's features and the tensors a
    served request feeds."""

    def __new__(cls, features, receiver_tensors, receiver_tensors_alternatives=None):
        features = wrap_and_check_input_tensors(features, "feature", allow_int_keys=True)
        receiver_tensors = wrap_and_check_input_tensors(receiver_tensors, "receiver_tensor")
        if receiver_tensors_alternatives is not None:
            if not isinstance(receiver_tensors_alternatives, dict):
                raise ValueError("receiver_tensors_alternatives must be a dict: {}.".format(
                    receiver_tensors_alternatives))
            for name, alt in list(receiver_tensors_alternatives.items()):
                receiver_tensors_alternatives[name] = wrap_and_check_input_tensors(
                    alt, "receiver_tensors_alternative")
        return super().__new__(cls, features=features, receiver_tensors=receiver_tensors,
                               receiver_tensors_alternatives=receiver_tensors_alternatives)


class SupervisedInputReceiver(collections.namedtuple(
        "SupervisedInputReceiver", ["features", "labels", "receiver_tensors"])):
    """What a supervised input receiver fn returns (for exporting TRAIN and EVAL graphs):
    features, labels and the tensors a request feeds."""

    def __new__(cls, features, labels, receiver_tensors):
        wrap_and_check_input_tensors(features, "feature", allow_int_keys=True)
        wrap_and_check_input_tensors(labels, "label", allow_int_keys=True)
        receiver_tensors = wrap_and_check_input_tensors(receiver_tensors, "receiver_tensor")
        return super().__new__(cls, features=features, labels=labels,
                               receiver_tensors=receiver_tensors)


class TensorServingInputReceiver(collections.namedtuple(
        "TensorServingInputReceiver",
        ["features", "receiver_tensors", "receiver_tensors_alternatives"])):
    """A ServingInputReceiver whose features are one Tensor passed to the model as is."""

    def __new__(cls, features, receiver_tensors, receiver_tensors_alternatives=None):
        if features is None:
            raise ValueError("features must be defined.")
        _check_tensor(features, None)
        receiver = ServingInputReceiver(
            features=features, receiver_tensors=receiver_tensors,
            receiver_tensors_alternatives=receiver_tensors_alternatives)
        return super().__new__(
            cls, features=receiver.features[SINGLE_FEATURE_DEFAULT_NAME],
            receiver_tensors=receiver.receiver_tensors,
            receiver_tensors_alternatives=receiver.receiver_tensors_alternatives)


def build_parsing_serving_input_receiver_fn(feature_spec, default_batch_size=None):
    """A serving_input_receiver_fn that parses serialized tf.Examples fed to the string
    placeholder 'input_example_tensor' with `feature_spec`."""
    from ...ops import parsing_ops  # lazy: Example parsing loads on first use

    def serving_input_receiver_fn():
        serialized = placeholder(dtype=dtypes.string, shape=[default_batch_size],
                                 name="input_example_tensor")
        features = parsing_ops.parse_example(serialized, feature_spec)
        return ServingInputReceiver(features, {"examples": serialized})

    return serving_input_receiver_fn


def _placeholder_from_tensor(t, default_batch_size=None):
    shape = TensorShape([default_batch_size]).concatenate(t.get_shape()[1:])
    try:
        name = t.op.name
    except AttributeError:
        name = None
    return placeholder(dtype=t.dtype, shape=shape, name=name)


def build_raw_serving_input_receiver_fn(features, default_batch_size=None):
    """A serving_input_receiver_fn feeding placeholders shaped like `features` (a dict of
    Tensors) straight to the model."""

    def serving_input_receiver_fn():
        receiver = {name: _placeholder_from_tensor(t, default_batch_size)
                    for name, t in features.items()}
        return ServingInputReceiver(receiver, receiver)

    return serving_input_receiver_fn


def build_raw_supervised_input_receiver_fn(features, labels, default_batch_size=None):
    """A supervised input receiver fn of placeholders shaped like `features` and `labels`
    (tensors or dicts of tensors; a batch dimension of `default_batch_size`)."""
    try:
        feat_keys = features.keys()
    except AttributeError:
        feat_keys = [SINGLE_RECEIVER_DEFAULT_NAME]
    try:
        label_keys = labels.keys()
    except AttributeError:
        label_keys = [SINGLE_LABEL_DEFAULT_NAME]
    overlap = set(feat_keys) & set(label_keys)
    if overlap:
        raise ValueError("Features and labels must have distinct keys. Found overlapping "
                         "keys: {}".format(overlap))

    def supervised_input_receiver_fn():
        if not isinstance(features, dict):
            features_cp = _placeholder_from_tensor(features, default_batch_size)
            receiver_features = {SINGLE_RECEIVER_DEFAULT_NAME: features_cp}
        else:
            receiver_features = {name: _placeholder_from_tensor(t, default_batch_size)
                                 for name, t in features.items()}
            features_cp = receiver_features
        if not isinstance(labels, dict):
            labels_cp = _placeholder_from_tensor(labels, default_batch_size)
            receiver_labels = {SINGLE_LABEL_DEFAULT_NAME: labels_cp}
        else:
            receiver_labels = {name: _placeholder_from_tensor(t, default_batch_size)
                               for name, t in labels.items()}
            labels_cp = receiver_labels
        receiver_tensors = dict(receiver_features)
        receiver_tensors.update(receiver_labels)
        return SupervisedInputReceiver(features_cp, labels_cp, receiver_tensors)

    return supervised_input_receiver_fn


EXPORT_TAG_MAP = {"train": ["train"], "eval": ["eval"], "infer": ["serve"]}
SIGNATURE_KEY_MAP = {"train": "train", "eval": "eval", "infer": "serving_default"}


def export_outputs_for_mode(mode, serving_export_outputs=None, predictions=None, loss=None,
                            metrics=None):
    """{signature key: ExportOutput} of a graph built in `mode`."""
    if mode not in SIGNATURE_KEY_MAP:
        raise ValueError("Export output type not found for mode: {}. Expected one of: {}.\n"
                         "One likely error is that V1 Estimator Modekeys were somehow passed "
                         "to this function. Please ensure that you are using the new "
                         "ModeKeys.".format(mode, SIGNATURE_KEY_MAP.keys()))
    key = SIGNATURE_KEY_MAP[mode]
    if mode == "infer":
        return get_export_outputs(serving_export_outputs, predictions)
    cls = TrainOutput if mode == "train" else EvalOutput
    return {key: cls(loss=loss, predictions=predictions, metrics=metrics)}


_FRIENDLY_METHOD_NAMES = {
    "tensorflow/serving/classify": "Classify",
    "tensorflow/serving/regress": "Regress",
    "tensorflow/serving/predict": "Predict",
    "tensorflow/supervised/training": "Train",
    "tensorflow/supervised/eval": "Eval",
}


def _log_signature_report(signature_def_map, excluded_signatures):
    """TF 1.14's export_utils._log_signature_report: the signatures per method (a line
    for each of the five standard ones), the excluded ones and why."""
    by_method = {m: [] for m in _FRIENDLY_METHOD_NAMES}
    for name, sig in signature_def_map.items():
        by_method.setdefault(sig.method_name, []).append(name)
    for method, names in by_method.items():
        logging.info("Signatures INCLUDED in export for {}: {}".format(
            _FRIENDLY_METHOD_NAMES.get(method, method), names if names else "None"))
    if excluded_signatures:
        logging.info("Signatures EXCLUDED from export because they cannot be be served "
                     "via TensorFlow Serving APIs:")
        for name, message in excluded_signatures.items():
            logging.info("'{}' : {}".format(name, message))
    if not signature_def_map:
        logging.warning("Export includes no signatures!")
    elif "serving_default" not in signature_def_map:
        logging.warning("Export includes no default signature!")


def build_all_signature_defs(receiver_tensors, export_outputs,
                             receiver_tensors_alternatives=None, serving_only=True):
    """{signature name: SignatureDef} of every export output each receiver can feed; the
    outputs a receiver cannot feed are logged and left out."""
    if not isinstance(receiver_tensors, dict):
        receiver_tensors = {SINGLE_RECEIVER_DEFAULT_NAME: receiver_tensors}
    if export_outputs is None or not isinstance(export_outputs, dict):
        raise ValueError("export_outputs must be a dict and not {}".format(
            type(export_outputs)))
    signature_def_map = {}
    excluded = {}
    for output_key, output in export_outputs.items():
        name = "{}".format(output_key or "None")
        try:
            signature_def_map[name] = output.as_signature_def(receiver_tensors)
        except ValueError as e:
            excluded[name] = str(e)
    for receiver_name, alt in (receiver_tensors_alternatives or {}).items():
        if not isinstance(alt, dict):
            alt = {SINGLE_RECEIVER_DEFAULT_NAME: alt}
        for output_key, output in export_outputs.items():
            name = "{}:{}".format(receiver_name or "None", output_key or "None")
            try:
                signature_def_map[name] = output.as_signature_def(alt)
            except ValueError as e:
                excluded[name] = str(e)
    _log_signature_report(signature_def_map, excluded)
    if not serving_only:   # as TF: training and eval signatures are not for serving
        return signature_def_map
    return {k: v for k, v in signature_def_map.items()
            if signature_def_utils.is_valid_signature(v)}


def get_timestamped_export_dir(export_dir_base):
    """export_dir_base/<seconds since the epoch>, one that does not exist yet."""
    for _ in range(10):
        export_dir = os.path.join(os.fspath(export_dir_base), str(int(time.time())))
        if not os.path.exists(export_dir):
            return export_dir
        time.sleep(1)
    raise RuntimeError("Failed to obtain a unique export directory name after 10 attempts.")


def get_temp_export_dir(timestamped_export_dir):
    """The temporary sibling an export is written to before it is renamed."""
    dirname, basename = os.path.split(timestamped_export_dir)
    # TF formats the timestamp's bytes: "temp-b'1556...'" (seen in its "SavedModel
    # written to" log line and, after a failed export, on disk)
    return os.path.join(dirname, "temp-{}".format(os.fsencode(basename)))


