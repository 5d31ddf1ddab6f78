"""tf.gradients through TF 1.14's own control flow imported from a .meta (Switch, Merge,
Enter, Exit, NextIteration run by flowgrad's frame executor): TF wrote a model with a
tf.while_loop and tf.conds over variables, forward only; flowgrad builds the gradients and
trains it, to TF's gradients and losses (tests/golden/ckpt/gen_tf_frames_grad.py)."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

pytest.importorskip("tensorboard")
G = load("ckpt", "tf_frames_grad")
X = generator("ckpt", "tf_frames_grad").X


def _import(tmp_path):
    path = tmp_path / "m.meta"
    path.write_bytes(G["meta"])
    tf.train.import_meta_graph(str(path))
    return tf.get_default_graph()


def test_gradients_through_tfs_frames_are_tfs(tmp_path):
    with tf.Graph().as_default():
        g = _import(tmp_path)
        loss = g.get_tensor_by_name("loss:0")
        grads = tf.gradients(loss, [g.get_tensor_by_name("w:0"), g.get_tensor_by_name("v:0"),
                                    g.get_tensor_by_name("x:0")])
        with tf.Session() as s:
            s.run("init")
            got = s.run(grads, {"x:0": X})
    for a, b in zip(got, G["grads"]):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_training_through_tfs_frames_gives_tfs_losses(tmp_path):
    with tf.Graph().as_default():
        g = _import(tmp_path)
        loss = g.get_tensor_by_name("loss:0")
        step = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
        with tf.Session() as s:
            s.run("init")
            losses = [s.run([loss, step], {"x:0": X})[0] for _ in range(3)]
            weights = s.run(tf.global_variables())
    np.testing.assert_allclose(losses, G["losses"], rtol=1e-5)
    for a, b in zip(weights, G["weights"]):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
