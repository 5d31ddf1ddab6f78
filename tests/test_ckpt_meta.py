"""A model TF 1.14 wrote (.meta binary and text + checkpoint, tests/golden/ckpt/
gen_tf_meta.py) imports in flowgrad without its Python code, restores, and runs to TF's
outputs; files that are neither format are named as such."""
import os

import numpy as np
import pytest

import flowgrad as tf
from goldens import load

pytest.importorskip("tensorboard")
G = load("ckpt", "tf_meta")
X = np.array([[1, 2, 3], [-1, 0, 0.5]], np.float32)  # graph_model.X


def _files(tmp_path):
    for name in ("m.meta", "m.pbtxt", "m.index", "m.data-00000-of-00001"):
        (tmp_path / name).write_bytes(G["files/" + name])
    return str(tmp_path / "m")


@pytest.mark.parametrize("meta", ["m.meta", "m.pbtxt"])
def test_tf_meta_graph_imports_restores_and_runs(meta, tmp_path):
    prefix = _files(tmp_path)
    with tf.Graph().as_default() as g:
        saver = tf.train.import_meta_graph(str(tmp_path / meta))
        assert saver is not None
        assert sorted(g.get_all_collection_keys()) == G["collections"]
        assert tf.get_collection("numbers") == [7] and tf.get_collection("floats") == [2.5]
        assert [v.name for v in tf.global_variables()] == ["w:0", "b:0"]
        with tf.Session() as sess:
            saver.restore(sess, prefix)
            got = sess.run(tf.get_collection("outputs"), {"x:0": X})
    for a, b in zip(got, G["run"]):
        np.testing.assert_allclose(a, b, rtol=1e-6)
    for a, b in zip(got, G["reimported"]):
        np.testing.assert_allclose(a, b, rtol=1e-6)


def test_a_file_of_neither_format_says_so(tmp_path):
    path = tmp_path / "x.meta"
    path.write_bytes(b"\xa6\x01\xff\xfe not a meta graph at all \x00")
    with pytest.raises(OSError, match="neither a flowgrad meta graph .JSON. nor a TensorFlow "
                                      "MetaGraphDef"):
        tf.train.import_meta_graph(str(path))
    assert os.path.exists(path)


def test_tf_training_graph_with_adam_and_summaries_continues_in_flowgrad(tmp_path):
    """TF's MLP + Adam .meta: the train_op collection, its gradient and Adam ops, the
    summary, restored from TF's checkpoint and stepped twice to TF's values."""
    for name in ("m.meta", "m.index", "m.data-00000-of-00001"):
        (tmp_path / name).write_bytes(G["adam/" + name])
    feed = {"x:0": np.array([[1, 2, 3], [0, -1, 2], [3, 0, 1], [1, 1, 1]], np.float32),
            "y:0": np.array([[1, 0], [0, 1], [1, 1], [0, 0]], np.float32)}
    with tf.Graph().as_default():
        saver = tf.train.import_meta_graph(str(tmp_path / "m.meta"))
        train = tf.get_collection("train_op")[0]
        with tf.Session() as sess:
            saver.restore(sess, str(tmp_path / "m"))
            sess.run(train, feed)
            sess.run(train, feed)
            got = sess.run(["w:0", "b:0", "beta1_power:0"])
            summary = sess.run(tf.get_collection("summaries"), feed)
    for a, b in zip(got, G["adam/after_2_steps"]):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-7)
    assert summary == G["adam/summary"]
