"""TF 1.14's tf.saved_model.signature_def_utils: SignatureDef protos."""
from ..engine.framework import dtypes as _dt
from ..engine.framework import proto
from ..engine.framework.graph import Tensor
from . import signature_constants as sc
from . import utils


def build_signature_def(inputs=None, outputs=None, method_name=None):
    """A SignatureDef of `inputs` and `outputs` (dicts of key to TensorInfo)."""
    sig = proto.pb().meta_graph_pb2.SignatureDef()
    for field, infos in ((sig.inputs, inputs), (sig.outputs, outputs)):
        for key, info in (infos or {}).items():
            _copy_tensor_info(field[key], info)
    if method_name is not None:
        sig.method_name = method_name
    return sig


def _copy_tensor_info(dst, info):
    """dst.CopyFrom(info) with the message of TF's protobuf (C++) when `info` is not a
    TensorInfo (a Tensor passed where build_tensor_info's result belongs)."""
    if not isinstance(info, type(dst)):
        raise TypeError("Parameter to CopyFrom() must be instance of same class: expected "
                        f"tensorflow.TensorInfo got {type(info).__name__}.")
    dst.CopyFrom(info)


def regression_signature_def(examples, predictions):
    """A regression SignatureDef: string `examples` in, float `predictions` out."""
    if examples is None:
        raise ValueError("Regression examples cannot be None.")
    if not isinstance(examples, Tensor):
        raise ValueError("Regression examples must be a string Tensor.")
    if predictions is None:
        raise ValueError("Regression predictions cannot be None.")
    info_in = utils.build_tensor_info(examples)
    if info_in.dtype != proto._enum(_dt.string):
        raise ValueError("Regression examples must be a string Tensor.")
    info_out = utils.build_tensor_info(predictions)
    if info_out.dtype != proto._enum(_dt.float32):
        raise ValueError("Regression output must be a float Tensor.")
    return build_signature_def({sc.REGRESS_INPUTS: info_in},
                               {sc.REGRESS_OUTPUTS: info_out}, sc.REGRESS_METHOD_NAME)


def classification_signature_def(examples, classes, scores):
    """A classification SignatureDef: string `examples` in; string `classes` and/or float
    `scores` out."""
    if examples is None:
        raise ValueError("Classification examples cannot be None.")
    if not isinstance(examples, Tensor):
        raise ValueError("Classification examples must be a string Tensor.")
    if classes is None and scores is None:
        raise ValueError("Classification classes and scores cannot both be None.")
    info_in = utils.build_tensor_info(examples)
    if info_in.dtype != proto._enum(_dt.string):
        raise ValueError("Classification examples must be a string Tensor.")
    outputs = {}
    if classes is not None:
        info = utils.build_tensor_info(classes)
        if info.dtype != proto._enum(_dt.string):
            raise ValueError("Classification classes must be a string Tensor.")
        outputs[sc.CLASSIFY_OUTPUT_CLASSES] = info
    if scores is not None:
        info = utils.build_tensor_info(scores)
        if info.dtype != proto._enum(_dt.float32):
            raise ValueError("Classification scores must be a float Tensor.")
        outputs[sc.CLASSIFY_OUTPUT_SCORES] = info
    return build_signature_def({sc.CLASSIFY_INPUTS: info_in}, outputs,
                               sc.CLASSIFY_METHOD_NAME)


def predict_signature_def(inputs, outputs):
    """A predict SignatureDef of `inputs` and `outputs` (dicts of key to Tensor)."""
    if inputs is None or not inputs:
        raise ValueError("Prediction inputs cannot be None or empty.")
    if outputs is None or not outputs:
        raise ValueError("Prediction outputs cannot be None or empty.")
    return build_signature_def({k: utils.build_tensor_info(t) for k, t in inputs.items()},
                               {k: utils.build_tensor_info(t) for k, t in outputs.items()},
                               sc.PREDICT_METHOD_NAME)


def _valid_classify(sig):
    if set(sig.inputs) != {sc.CLASSIFY_INPUTS}:
        return False
    if sig.inputs[sc.CLASSIFY_INPUTS].dtype != proto._enum(_dt.string):
        return False
    keys = set(sig.outputs)
    if not keys or not keys <= {sc.CLASSIFY_OUTPUT_CLASSES, sc.CLASSIFY_OUTPUT_SCORES}:
        return False
    if sc.CLASSIFY_OUTPUT_CLASSES in keys and \
            sig.outputs[sc.CLASSIFY_OUTPUT_CLASSES].dtype != proto._enum(_dt.string):
        return False
    return sc.CLASSIFY_OUTPUT_SCORES not in keys or \
        sig.outputs[sc.CLASSIFY_OUTPUT_SCORES].dtype == proto._enum(_dt.float32)


def _valid_regress(sig):
    return (set(sig.inputs) == {sc.REGRESS_INPUTS} and set(sig.outputs) == {sc.REGRESS_OUTPUTS}
            and sig.inputs[sc.REGRESS_INPUTS].dtype == proto._enum(_dt.string)
            and sig.outputs[sc.REGRESS_OUTPUTS].dtype == proto._enum(_dt.float32))


def is_valid_signature(signature_def):
    """Whether `signature_def` is a valid predict, classify or regress signature."""
    if signature_def is None or not signature_def.method_name:
        return False
    method = signature_def.method_name
    if method not in (sc.PREDICT_METHOD_NAME, sc.CLASSIFY_METHOD_NAME,
                      sc.REGRESS_METHOD_NAME):
        return False
    if method == sc.PREDICT_METHOD_NAME:
        return bool(signature_def.inputs) and bool(signature_def.outputs)
    if method == sc.CLASSIFY_METHOD_NAME:
        return _valid_classify(signature_def)
    return _valid_regress(signature_def)
