"""Writes flowgrad's training graphs tests/golden/ckpt/flowgrad_train/{mlp,conv}/ (run with
flowgrad: `python tests/golden/ckpt/make_flowgrad_train.py`): the models of
train_model.py trained one step and saved (m.meta, m.index, m.data-00000-of-00001).
TF 1.14 imports and continues them in gen_train_graphs.py; tests/test_train_graph_interop.py
checks that flowgrad still writes the same GraphDefs."""
import os
import sys

# the Adam steps' float32 Sqrt (RSQRTPS) and the products (cache sizes) of an AMD EPYC,
# as the suite's (tests/conftest.py), whatever CPU writes the files
os.environ.setdefault("FLOWGRAD_CPU", "amd")

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import train_model  # noqa: E402

FILES = ["m.meta", "m.index", "m.data-00000-of-00001"]


def write(tf, name, directory):
    """Builds model `name`, trains one step, saves to directory/m (no state file)."""
    os.makedirs(directory, exist_ok=True)
    with tf.Graph().as_default():
        train_model.BUILDERS[name](tf)
        saver = tf.train.Saver()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(tf.get_collection("train_op")[0], train_model.FEEDS[name])
            saver.save(sess, os.path.join(directory, "m"), write_state=False)


if __name__ == "__main__":
    import shutil

    import flowgrad
    for model in sorted(train_model.BUILDERS):
        d = os.path.join(HERE, "flowgrad_train", model)
        shutil.rmtree(d, ignore_errors=True)   # saving over a checkpoint changes its names
        write(flowgrad, model, d)
