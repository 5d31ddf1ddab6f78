"""tf.summary ops under TF 1.14: tensor names, op types, merge_all tags, serialized Summary
protos (base64), image pixels, and the first line of runtime errors (tests/test_summary.py
builds the same graph from "inputs")."""
import base64

import numpy as np


def _inputs():
    rng = np.random.RandomState(0)
    normal = rng.randn(100).astype(np.float32)
    img_f = rng.rand(2, 4, 5, 3).astype(np.float32)
    img_neg = rng.randn(1, 3, 4, 1).astype(np.float32)
    img_u8 = rng.randint(0, 256, (3, 2, 3, 4)).astype(np.uint8)
    img_bad = img_f.copy()
    img_bad[0, 1, 2, 0] = np.nan
    hist = {"normal": normal, "ints": np.array([1, 2, 2, 3, 3, 3, -1, 0, 0]),
            "tiny": np.array([1e-13, -1e-13, 0.0, 5e-12]),
            "wide": np.array([1e-10, 1e5, -3e7, 2.5, 123.0]),
            "empty": np.zeros(0), "const": np.array([7.0, 7.0, 7.0])}
    return {"hist": hist, "img_f": img_f, "img_neg": img_neg, "img_u8": img_u8,
            "img_bad": img_bad}


def _build(tf, inp):
    s = {}
    s["s1"] = tf.summary.scalar("loss", tf.constant(3.5))
    with tf.name_scope("train"):
        s["s2"] = tf.summary.scalar("acc", tf.constant(0.25, tf.float64))
        s["s2b"] = tf.summary.scalar("acc", tf.constant(2, tf.int32))
    s["s3"] = tf.summary.scalar("lr", tf.constant(1e-3), family="opt")
    for k, v in sorted(inp["hist"].items()):  # the order the test reads them (JSON, sorted)
        s["h_" + k] = tf.summary.histogram("h_" + k, tf.constant(np.array(v, np.float64)))
    s["hint"] = tf.summary.histogram("h_int32", tf.constant(np.arange(-3, 7, dtype=np.int32)))
    s["si1"] = tf.summary.image("img", tf.constant(inp["img_f"]), max_outputs=3)
    s["si2"] = tf.summary.image("neg", tf.constant(inp["img_neg"]))
    s["si3"] = tf.summary.image("u8", tf.constant(inp["img_u8"]), max_outputs=2)
    s["si4"] = tf.summary.image("bad", tf.constant(inp["img_bad"]), max_outputs=1)
    s["st"] = tf.summary.text("notes", tf.constant(["hello", "world"]))
    s["st0"] = tf.summary.text("note0", tf.constant("single"))
    s["ts"] = tf.summary.tensor_summary("tsum", tf.constant([[1., 2.], [3., 4.]]))
    wave = np.sin(np.linspace(0, 20, 2 * 50)).reshape(2, 50).astype(np.float32)
    s["aud"] = tf.summary.audio("snd", tf.constant(wave), 8000, max_outputs=2)
    s["merge"] = tf.summary.merge([s["s1"], s["s2"], s["h_ints"]])
    return s


def _error(tf, sess, fetch):
    try:
        sess.run(fetch)
    except tf.errors.OpError as e:
        return [type(e).__name__, e.message.split("\n")[0]]
    return None


def cases(tf):
    from tensorflow.core.framework import summary_pb2
    inp = _inputs()
    s = _build(tf, inp)
    merged_all = tf.summary.merge_all()
    out = {"inputs": inp, "tensor_names": {k: v.name for k, v in s.items()},
           "ops": {o.name: o.type for o in tf.get_default_graph().get_operations()
                   if "Summary" in o.type}}
    with tf.Session() as sess:
        res = sess.run(s)
        out["merge_all_tags"] = [v.tag for v in
                                 summary_pb2.Summary.FromString(sess.run(merged_all)).value]
        out["serialized"] = {k: base64.b64encode(v).decode() for k, v in res.items()}
        out["images"] = {}
        for k in ["si1", "si2", "si3", "si4"]:
            out["images"][k] = []
            for v in summary_pb2.Summary.FromString(res[k]).value:
                px = sess.run(tf.image.decode_png(v.image.encoded_image_string))
                out["images"][k].append({"tag": v.tag, "h": v.image.height, "w": v.image.width,
                                         "c": v.image.colorspace, "pixels": px})
        out["nan_hist_error"] = _error(
            tf, sess, tf.summary.histogram("nanh", tf.constant([1.0, np.nan])))
        out["inf_then_nan_hist_error"] = _error(
            tf, sess, tf.summary.histogram("infnan", tf.constant([1.0, np.inf, np.nan])))
        out["dup_merge_error"] = _error(tf, sess, tf.summary.merge([s["s1"], s["s1"]]))
        out["errors"] = [_error(tf, sess, bad()) for bad in [
            lambda: tf.summary.scalar("bad", tf.constant([1., 2.])),
            lambda: tf.summary.image("bad", tf.constant([[1., 2.], [3., 4.]]))]]
    out["seeded_after_image"] = seeded_after_image(tf)
    out["build_errors"] = build_errors(tf)
    return out


def build_errors(tf):
    """Errors raised while building, in a graph of their own: text of a non-string tensor
    (the dtype as str() prints it), merge of an empty list (MergeSummary's minimum N)."""
    out = []
    for make in (lambda: tf.summary.text("t", tf.constant(1)), lambda: tf.summary.merge([])):
        with tf.Graph().as_default():
            try:
                make()
                out.append(None)
            except ValueError as e:
                out.append(str(e))
    return out


def seeded_after_image(tf):
    """tf.summary.image and contrib's image_summary build TF's ops one for one (bad_color is
    an attr, not a Const input), so a graph-seeded op made after them gets TF's seed."""
    with tf.Graph().as_default() as g:
        tf.set_random_seed(141)
        x = tf.placeholder(tf.float32, [None, 28, 28, 1])
        tf.summary.image("input", x, 10)
        tf.contrib.deprecated.image_summary("old", x)
        w = tf.truncated_normal([3], stddev=0.1)
        ops = [[o.name, o.type] for o in g.get_operations()]
        with tf.Session() as sess:
            return {"ops": ops, "w": sess.run(w)}
