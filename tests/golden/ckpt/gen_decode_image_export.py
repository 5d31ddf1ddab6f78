"""TF 1.14 imports flowgrad's decode_image GraphDefs (flowgrad_decode_image/<variant>.pb,
written as TF's cond over the magic bytes) and decodes each image with them, and with its
own tf.image.decode_image (tests/test_export_decode_image.py)."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import decode_image_model  # noqa: E402

DIR = os.path.join(HERE, "flowgrad_decode_image")


def _run(tf, graph_fn, data):
    with tf.Graph().as_default():
        graph_fn()
        with tf.Session() as s:
            try:
                return s.run("out:0", {"c:0": data})
            except tf.errors.OpError as e:
                return "error: %s" % type(e).__name__


def cases(tf):
    out = {}
    images = {}
    for name in decode_image_model.IMAGES:
        with open(os.path.join(DIR, name), "rb") as f:
            images[name] = f.read()
    images["junk"] = b"not an image at all"
    for v in decode_image_model.VARIANTS:
        gd = tf.GraphDef()
        with open(os.path.join(DIR, v + ".pb"), "rb") as f:
            gd.ParseFromString(f.read())
        out[v + "/op_types"] = sorted({n.op for n in gd.node})
        for name, data in sorted(images.items()):
            out["%s/%s/flowgrad_graph" % (v, name)] = _run(
                tf, lambda: tf.import_graph_def(gd, name=""), data)
            out["%s/%s/tf" % (v, name)] = _run(
                tf, lambda: decode_image_model.build(tf, v), data)
    return out
