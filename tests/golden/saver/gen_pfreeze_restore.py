"""A Saver's restore ops as TF 1.14 builds and writes them (tests/test_pfreeze_restore.py):
RestoreV2 has only its OpDef's `dtypes` attr (no private attrs in node_def, the GraphDef
or write_graph's text), its outputs' static shapes come from shape_and_slices (a
partition's slice, else unknown), and restoring a checkpoint of another shape fails
with the Assign's message."""
import os
import shutil
import tempfile


def _model(tf):
    tf.get_variable("pv", [10, 3], partitioner=tf.fixed_size_partitioner(2),
                    initializer=tf.zeros_initializer())
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    w = tf.Variable([[1.0], [2.0], [3.0]], name="w")
    return tf.identity(tf.matmul(x, w), name="y")


def _restore_op(tf, name):
    r = tf.get_default_graph().get_operation_by_name(name)
    return {"attrs": sorted(r.node_def.attr.keys()),
            "shapes": [str(t.shape) for t in r.outputs]}


def _error(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - recorded as TF's error
        return [type(e).__name__] + str(e).splitlines()[:3]
    return None


def cases(tf):
    out = {}
    root = tempfile.mkdtemp()
    try:
        with tf.Graph().as_default() as g:
            _model(tf)
            saver = tf.train.Saver()
            tf.train.Saver(reshape=True, name="s2")
            out["restore"] = _restore_op(tf, "save/RestoreV2")
            out["restore_reshape"] = _restore_op(tf, "s2/RestoreV2")
            gd = g.as_graph_def()
            out["graph_def_restore_attrs"] = sorted(
                [n.name, sorted(n.attr.keys())] for n in gd.node if n.op == "RestoreV2")
            path = tf.train.write_graph(g, root, "model.pbtxt")
            with open(path) as f:
                out["pbtxt"] = f.read()
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                prefix = saver.save(sess, os.path.join(root, "model.ckpt"))
        with tf.Graph().as_default():
            tf.Variable(tf.zeros([2, 3]), name="w")
            saver = tf.train.Saver()
            with tf.Session() as sess:
                out["mismatch"] = _error(lambda: saver.restore(sess, prefix))
        with tf.Graph().as_default():
            saver = tf.train.import_meta_graph(prefix + ".meta")
            out["imported"] = _restore_op(tf, "save/RestoreV2")
            with tf.Session() as sess:
                saver.restore(sess, prefix)
                out["restored"] = sess.run("y:0", {"x:0": [[1.0, 1.0, 1.0]]})
    finally:
        shutil.rmtree(root)
    return out
