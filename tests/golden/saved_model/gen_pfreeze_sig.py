"""TensorInfo and SignatureDef building as TF 1.14's (tests/test_pfreeze_sig.py):
build_tensor_info takes anything with a dtype, get_shape() and name (a RefVariable gives
DT_FLOAT_REF and "w:0", a resource variable its handle's "r:0" and value dtype), other
objects fail with AttributeError; build_signature_def given a Tensor instead of a
TensorInfo fails with the C++ protobuf's CopyFrom message."""
import numpy as np


def _err(fn):
    try:
        r = fn()
    except Exception as e:  # noqa: BLE001 - recorded as TF's error
        return [type(e).__name__, str(e)]
    return str(r)


def cases(tf):
    out = {}
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 2], name="x")
        w = tf.Variable([[1.0], [2.0]], name="w")
        r = tf.get_variable("r", [3], use_resource=True)
        y = tf.matmul(x, w, name="y")
        utils = tf.saved_model.utils
        sdu = tf.saved_model.signature_def_utils
        out["info/ref_variable"] = _err(lambda: utils.build_tensor_info(w))
        out["info/resource_variable"] = _err(lambda: utils.build_tensor_info(r))
        out["info/ndarray"] = _err(lambda: utils.build_tensor_info(np.ones(2)))
        out["info/none"] = _err(lambda: utils.build_tensor_info(None))
        out["info/list"] = _err(lambda: utils.build_tensor_info([1.0]))
        out["sig/tensor_input"] = _err(lambda: sdu.build_signature_def({"x": x}, {}, "m"))
        out["sig/tensor_output"] = _err(lambda: sdu.build_signature_def(
            {"x": utils.build_tensor_info(x)}, {"y": y}, "m"))
        out["sig/predict_variable"] = _err(lambda: sdu.predict_signature_def(
            {"x": x}, {"y": y, "w": w}))
    return out
