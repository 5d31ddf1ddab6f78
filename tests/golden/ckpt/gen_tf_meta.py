"""A model TF 1.14 wrote as .meta (binary and text MetaGraphDef) with its checkpoint
(tests/test_ckpt_meta.py imports and restores it in flowgrad without the Python code):
the forward graph of graph_model.py, variables set to non-initial values, and the
outputs TF computes on graph_model.X."""
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import graph_model  # noqa: E402


def cases(tf):
    root = tempfile.mkdtemp()
    out = {}
    try:
        with tf.Graph().as_default() as g:
            o, s = graph_model.build(tf)
            saver = tf.train.Saver()
            tf.add_to_collection("outputs", o)
            tf.add_to_collection("outputs", s)
            tf.add_to_collection("numbers", 7)
            tf.add_to_collection("floats", 2.5)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                sess.run(tf.assign_add(g.get_tensor_by_name("w:0"), [[1., 0.], [0., 1.],
                                                                      [.5, .5]]))
                prefix = saver.save(sess, os.path.join(root, "m"))
                tf.train.export_meta_graph(os.path.join(root, "m.pbtxt"), as_text=True)
                out["run"] = sess.run([o, s], {"x:0": graph_model.X})
        for name in ("m.meta", "m.pbtxt", "m.index", "m.data-00000-of-00001"):
            out["files/" + name] = open(os.path.join(root, name), "rb").read()
        # TF itself, from the files alone
        with tf.Graph().as_default():
            saver = tf.train.import_meta_graph(prefix + ".meta")
            with tf.Session() as sess:
                saver.restore(sess, prefix)
                out["reimported"] = sess.run(tf.get_collection("outputs"),
                                             {"x:0": graph_model.X})
                out["collections"] = sorted(tf.get_default_graph().get_all_collection_keys())
        # An MLP with Adam and a summary: TF's training graph, continued from its files.
        d = os.path.join(root, "adam")
        with tf.Graph().as_default():
            train = graph_model.build_train(tf)
            saver = tf.train.Saver()
            feed = {"x:0": graph_model.XT, "y:0": graph_model.YT}
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                sess.run(train, feed)
                saver.save(sess, os.path.join(d, "m"))
                sess.run(train, feed)
                sess.run(train, feed)
                out["adam/after_2_steps"] = sess.run(["w:0", "b:0", "beta1_power:0"])
                out["adam/summary"] = sess.run(tf.get_collection("summaries"), feed)
        for name in ("m.meta", "m.index", "m.data-00000-of-00001"):
            out["adam/" + name] = open(os.path.join(d, name), "rb").read()
    finally:
        shutil.rmtree(root)
    return out
