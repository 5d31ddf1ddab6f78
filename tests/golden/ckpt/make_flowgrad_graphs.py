"""Writes flowgrad's GraphDefs tests/golden/ckpt/flowgrad_graphs/forward.pbtxt and .pb (run
with flowgrad: `python tests/golden/ckpt/make_flowgrad_graphs.py`); TF 1.14 imports and runs
them in gen_graph_def.py; tests/test_graph_def_canonical.py checks flowgrad still writes them."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import graph_model  # noqa: E402


FILES = ["forward.pbtxt", "forward.pb", "model.meta", "model.pbtxt", "model.index",
         "model.data-00000-of-00001"]


def write(tf, directory):
    """The GraphDefs, and a .meta (binary, text) with a checkpoint of changed values."""
    with tf.Graph().as_default() as g:
        out, s = graph_model.build(tf)
        tf.train.write_graph(g, directory, "forward.pbtxt")
        tf.train.write_graph(g, directory, "forward.pb", as_text=False)
        tf.add_to_collection("outputs", out)
        tf.add_to_collection("outputs", s)
        saver = tf.get_collection("savers")[0] if tf.get_collection("savers") else \
            tf.train.Saver()
        cwd = os.getcwd()
        os.chdir(directory)
        try:
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                sess.run(tf.assign_add(g.get_tensor_by_name("w:0"),
                                       [[1., 0.], [0., 1.], [.5, .5]]))
                saver.save(sess, "model", write_state=False)
                tf.train.export_meta_graph("model.pbtxt", as_text=True)
                return sess.run([out, s], {"x:0": graph_model.X})
        finally:
            os.chdir(cwd)


if __name__ == "__main__":
    import flowgrad
    write(flowgrad, os.path.join(HERE, "flowgrad_graphs"))
