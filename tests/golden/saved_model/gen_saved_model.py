"""SavedModels between TF 1.14 and flowgrad, both ways (tests/test_saved_model.py; the
model is linear_model.py).

- "tf_simple/...": TF's simple_save of the model (w doubled before saving): the bytes of
  every file and the output for linear_model.X.
- "tf_text/...": TF's SavedModelBuilder with tags [serve, train], a predict and a
  regression-free custom signature, save(as_text=True).
- ".../show_all": what saved_model_cli show --all prints for it.
- "tf_errors/...": TF's messages (existing export dir, unknown tags, no SavedModel).
- "flowgrad/...": TF loads flowgrad's SavedModel (flowgrad_saved_model/, written by
  make_flowgrad_saved_model.py) and serves its signature.
"""
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import linear_model  # noqa: E402


def _files(d):
    out = {}
    for dp, _, fns in os.walk(d):
        for fn in fns:
            p = os.path.join(dp, fn)
            out[os.path.relpath(p, d)] = open(p, "rb").read()
    return out


def _show_all(d):
    """What `saved_model_cli show --all --dir d` prints."""
    import io
    from contextlib import redirect_stdout
    from tensorflow.python.tools import saved_model_cli
    buf = io.StringIO()
    with redirect_stdout(buf):
        saved_model_cli._show_all(d)
    return buf.getvalue()


def cases(tf):
    out = {}
    root = tempfile.mkdtemp()
    try:
        d = os.path.join(root, "simple")
        with tf.Graph().as_default():
            x, y = linear_model.build(tf)
            w = tf.get_default_graph().get_tensor_by_name("w:0")
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                sess.run(tf.assign(w, 2 * w))
                tf.saved_model.simple_save(sess, d, {"x": x}, {"y": y})
                out["tf_simple/y"] = sess.run(y, {x: linear_model.X})
                try:
                    tf.saved_model.simple_save(sess, d, {"x": x}, {"y": y})
                except AssertionError as e:
                    out["tf_errors/exists"] = str(e).replace(d, "EXPORT_DIR")
        out["tf_simple/files"] = _files(d)
        out["tf_simple/show_all"] = _show_all(d)
        with tf.Graph().as_default():
            with tf.Session() as sess:
                try:
                    tf.saved_model.loader.load(sess, ["nope"], d)
                except RuntimeError as e:
                    out["tf_errors/tags"] = str(e)
                try:
                    tf.saved_model.loader.load(sess, ["serve"], os.path.join(root, "none"))
                except IOError as e:
                    out["tf_errors/missing"] = str(e).replace(root, "ROOT")
        d = os.path.join(root, "text")
        with tf.Graph().as_default():
            x, y = linear_model.build(tf)
            scale = tf.multiply(y, 3.0, name="scaled")
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                b = tf.saved_model.builder.SavedModelBuilder(d)
                sig = tf.saved_model.signature_def_utils.build_signature_def(
                    {"in": tf.saved_model.utils.build_tensor_info(x)},
                    {"scaled": tf.saved_model.utils.build_tensor_info(scale)}, "custom/m")
                b.add_meta_graph_and_variables(sess, ["serve", "train"], {
                    "serving_default": tf.saved_model.predict_signature_def({"x": x},
                                                                            {"y": y}),
                    "scaled": sig})
                out["tf_text/path"] = os.path.basename(b.save(as_text=True))
                out["tf_text/scaled"] = sess.run(scale, {x: linear_model.X})
        out["tf_text/files"] = _files(d)
        out["tf_text/show_all"] = _show_all(d)
        d = os.path.join(root, "flowgrad")
        shutil.copytree(os.path.join(HERE, "flowgrad_saved_model"), d)
        with tf.Graph().as_default():
            with tf.Session() as sess:
                mg = tf.saved_model.loader.load(sess, ["serve"], d)
                sig = mg.signature_def["serving_default"]
                out["flowgrad/method"] = sig.method_name
                out["flowgrad/inputs"] = {k: [v.name, v.dtype, [dd.size for dd in
                                                               v.tensor_shape.dim]]
                                          for k, v in sig.inputs.items()}
                out["flowgrad/outputs"] = {k: [v.name, v.dtype, [dd.size for dd in
                                                                v.tensor_shape.dim]]
                                           for k, v in sig.outputs.items()}
                out["flowgrad/y"] = sess.run(sig.outputs["y"].name,
                                             {sig.inputs["x"].name: linear_model.X})
    finally:
        shutil.rmtree(root)
    return out
