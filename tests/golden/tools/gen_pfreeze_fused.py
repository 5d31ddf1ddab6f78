"""optimize_for_inference's FusedResizeAndPadConv2D / FusedPadConv2D nodes imported and
run (tests/test_pfreeze_fused.py): the optimized graph's nodes, the fused ops' static
shapes, their values next to the unfused graph's, and the LookupError of a gradient
through them (TF 1.14 registers none)."""
import importlib

import numpy as np


def _model(tf, resize, mode, strides, padding):
    x = tf.placeholder(tf.float32, [None, 5, 4, 2], name="in")
    h = tf.image.resize_bilinear(x, [7, 6], align_corners=True) if resize else x
    h = tf.pad(h, [[0, 0], [1, 2], [2, 1], [0, 0]], mode=mode)
    f = tf.constant(np.arange(54, dtype=np.float32).reshape(3, 3, 2, 3) / 54.0 - 0.5)
    tf.identity(tf.nn.conv2d(h, f, strides, padding), name="out")


def _case(tf, oil, **kw):
    with tf.Graph().as_default() as g:
        _model(tf, **kw)
        gd = g.as_graph_def()
    opt = oil.optimize_for_inference(gd, ["in"], ["out"], tf.float32.as_datatype_enum)
    x = np.random.RandomState(0).rand(2, 5, 4, 2).astype(np.float32)
    out = {"nodes": [[n.name, n.op, list(n.input)] for n in opt.node]}
    for key, graph_def in (("unfused", gd), ("fused", opt)):
        with tf.Graph().as_default() as g:
            o, = tf.import_graph_def(graph_def, return_elements=["out:0"], name="")
            out[key + "/shape"] = str(o.shape)
            with tf.Session() as sess:
                out[key + "/value"] = sess.run(o, {"in:0": x})
            if key == "fused":
                try:
                    tf.gradients(o, g.get_tensor_by_name("in:0"))
                    out["grad"] = None
                except LookupError as e:
                    out["grad"] = str(e)
    return out


def cases(tf):
    oil = importlib.import_module(
        "tensorflow.python.tools.optimize_for_inference_lib" if tf.__name__ == "tensorflow"
        else tf.__name__ + ".tools.optimize_for_inference_lib")
    return {
        "resize_reflect": _case(tf, oil, resize=True, mode="REFLECT", strides=[1, 1, 1, 1],
                                padding="VALID"),
        "resize_symmetric_same_s2": _case(tf, oil, resize=True, mode="SYMMETRIC",
                                          strides=[1, 2, 2, 1], padding="SAME"),
        "pad_reflect": _case(tf, oil, resize=False, mode="REFLECT", strides=[1, 1, 1, 1],
                             padding="VALID"),
    }
