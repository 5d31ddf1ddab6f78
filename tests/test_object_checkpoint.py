"""Object-based checkpoints (issue 14 part 4): tf.train.Checkpoint and CheckpointManager
read and write TF 1.14's keys and object graph (tests/golden/saved_model/
gen_object_checkpoint.py: TF's files restored here, flowgrad's restored by TF)."""
import os
import sys

import numpy as np
import pytest

import flowgrad as tf
from goldens import load

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "saved_model")
sys.path.insert(0, HERE)

import make_flowgrad_object_ckpt  # noqa: E402
import object_model  # noqa: E402

G = load("saved_model", "object_checkpoint")


def test_tf_checkpoint_restores_with_assert_consumed(tmp_path):
    for name, raw in G["tf/files"].items():
        (tmp_path / name).write_bytes(raw)
    path = str(tmp_path / "ck-2")
    assert sorted(tf.train.NewCheckpointReader(path).get_variable_to_shape_map()) == \
        G["tf/keys"]
    with tf.Graph().as_default():
        ckpt, (v, w) = object_model.build(tf)
        with tf.Session() as sess:
            status = ckpt.restore(path)
            status.assert_consumed()
            status.run_restore_ops()
            np.testing.assert_array_equal(sess.run(v), [7.0, 8.0])
            assert sess.run(w) == 9
            assert sess.run(ckpt.save_counter) == 2
            # saving continues TF's numbering
            assert os.path.basename(ckpt.save(str(tmp_path / "ck"))) == "ck-3"


def test_flowgrad_checkpoint_is_what_tf_restored(tmp_path):
    path = make_flowgrad_object_ckpt.write(tf, str(tmp_path))
    assert os.path.basename(path) == G["flowgrad/latest"]
    assert tf.train.latest_checkpoint(str(tmp_path)) == path
    assert sorted(tf.train.NewCheckpointReader(path).get_variable_to_shape_map()) == \
        G["flowgrad/keys"]
    for name in ("ck-2.index", "ck-2.data-00000-of-00002", "ck-2.data-00001-of-00002",
                 "checkpoint"):
        with open(tmp_path / name, "rb") as f, \
                open(os.path.join(HERE, "flowgrad_object_ckpt", name), "rb") as g:
            if name == "checkpoint":  # the state file names paths as given
                assert b'"ck-2"' in g.read() and b"ck-2" in f.read()
            else:
                assert f.read() == g.read(), name
    assert G["flowgrad/save_counter"] == 2
    np.testing.assert_array_equal(G["flowgrad/values"][0], [7.0, 8.0])
    assert G["flowgrad/values"][1] == 9


def test_flowgrad_checkpoint_bytes_are_tfs(tmp_path):
    # TF 1.14 saves save_counter (made on /cpu:0) in the object graph's shard, each shard's
    # tensors in SaveV2's input order (the object graph's breadth-first order), and
    # MergeV2Checkpoints keeps their offsets
    make_flowgrad_object_ckpt.write(tf, str(tmp_path))
    for name, raw in G["tf/files"].items():
        assert (tmp_path / name).read_bytes() == raw, name


def test_mismatches_fail_assert_consumed(tmp_path):
    with tf.Graph().as_default():
        ckpt, _ = object_model.build(tf)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            path = ckpt.save(str(tmp_path / "ck"))
    with tf.Graph().as_default():
        extra = tf.Variable(1.0, name="extra")
        ckpt = tf.train.Checkpoint(v=tf.Variable([0.0, 0.0], name="vv"), extra=extra)
        with tf.Session() as sess:
            status = ckpt.restore(path)
            # TF 1.14: `extra` (no value in the checkpoint) fails both checks first
            msg = ("Some Python objects were not bound to checkpointed values, likely due "
                   "to changes in the Python program: [<tf.Variable 'extra:0' shape=() "
                   "dtype=float32_ref>]")
            for check in (status.assert_consumed, status.assert_existing_objects_matched):
                with pytest.raises(AssertionError) as e:
                    check()
                assert str(e.value) == msg
            status.initialize_or_restore()
            np.testing.assert_array_equal(sess.run(ckpt.v), [1.5, -2.0])
            assert sess.run(extra) == 1.0
    with pytest.raises(ValueError, match="was expecting a trackable object"):
        tf.train.Checkpoint(x=1)
    with tf.Graph().as_default():
        with pytest.raises(AssertionError, match="No checkpoint specified"):
            tf.train.Checkpoint(v=tf.Variable(1.0)).restore(None).assert_consumed()


def test_checkpoint_manager_keeps_max_to_keep(tmp_path):
    d = str(tmp_path / "run")
    with tf.Graph().as_default():
        ckpt, (v, _) = object_model.build(tf)
        manager = tf.train.CheckpointManager(ckpt, d, max_to_keep=2)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            paths = [manager.save() for _ in range(3)]
            assert [os.path.basename(p) for p in paths] == ["ckpt-1", "ckpt-2", "ckpt-3"]
            assert manager.latest_checkpoint == paths[-1] == tf.train.latest_checkpoint(d)
            assert manager.checkpoints == paths[1:]
            # TF 1.14's files: the variables' shard and the object graph's (on CPU:0)
            assert sorted(os.listdir(d)) == [
                "checkpoint", "ckpt-2.data-00000-of-00002", "ckpt-2.data-00001-of-00002",
                "ckpt-2.index", "ckpt-3.data-00000-of-00002", "ckpt-3.data-00001-of-00002",
                "ckpt-3.index"]
            assert os.path.basename(manager.save(checkpoint_number=10)) == "ckpt-10"
    with tf.Graph().as_default():
        ckpt, (v, _) = object_model.build(tf)
        manager = tf.train.CheckpointManager(ckpt, d, max_to_keep=2)
        assert [os.path.basename(p) for p in manager.checkpoints] == ["ckpt-3", "ckpt-10"]
        with tf.Session() as sess:
            ckpt.restore(manager.latest_checkpoint).assert_consumed().run_restore_ops()
            np.testing.assert_array_equal(sess.run(v), [1.5, -2.0])
            assert sess.run(ckpt.save_counter) == 4
