"""TF's V1 checkpoints (train/checkpoint_v1.py) both ways (tests/golden/ckpt/
gen_v1_checkpoints.py): flowgrad restores TF 1.14's V1 files (one file, sharded, with a
partitioned variable) and continues training to TF's values; flowgrad's
Saver(write_version=V1) writes the bytes TF writes (flowgrad_v1/m, which TF read, restored
and continued); NewCheckpointReader answers as TF's; damaged files are DataLossError."""
import os
import sys

import numpy as np
import pytest

import flowgrad as tf
from goldens import load

HERE = os.path.join(os.path.dirname(__file__), "golden", "ckpt")
sys.path.insert(0, HERE)

import make_flowgrad_v1  # noqa: E402
import v1_model  # noqa: E402

G = load("ckpt", "v1_checkpoints")


def _assert_values(got, want, exact=True):
    assert sorted(got) == sorted(want)
    for name in want:
        g, w = np.asarray(got[name]), np.asarray(want[name])
        assert g.shape == w.shape and g.dtype == w.dtype, (name, g.dtype, w.dtype)
        if exact or w.dtype.kind not in "fc":
            np.testing.assert_array_equal(g, w, err_msg=name)
        else:
            np.testing.assert_allclose(g, w, rtol=2e-6, atol=1e-7, err_msg=name)


def _tf_file(tmp_path, key="tf/file", name="m"):
    p = tmp_path / name
    p.write_bytes(G[key])
    return str(p)


def test_tf_v1_checkpoint_is_restored_exactly_and_continued(tmp_path):
    prefix = _tf_file(tmp_path)
    assert tf.train.checkpoint_exists(prefix)
    with tf.Graph().as_default():
        train, saver, variables = v1_model.build(tf)
        with tf.Session() as sess:
            saver.restore(sess, prefix)
            _assert_values(v1_model.values(sess, variables), G["tf/values"])
            sess.run(train)
            sess.run(train)
            _assert_values(v1_model.values(sess, variables), G["tf/values_after_2_steps"],
                           exact=False)


def test_flowgrad_writes_tfs_v1_bytes(tmp_path):
    values = make_flowgrad_v1.write(tf, str(tmp_path))
    _assert_values(values, G["tf/values"], exact=False)
    mine = (tmp_path / "m").read_bytes()
    assert mine == open(os.path.join(HERE, "flowgrad_v1", "m"), "rb").read()
    if all(np.array_equal(values[k], G["tf/values"][k]) for k in values):
        assert mine == G["tf/file"]   # same values: TF's bytes exactly


def test_tf_read_restored_and_continued_flowgrads_v1_file():
    from flowgrad.train.checkpoint_v1 import V1Reader
    mine = V1Reader(os.path.join(HERE, "flowgrad_v1", "m"))
    restored = G["flowgrad/restored"]
    _assert_values({k: mine.get_tensor(k) for k in mine.entries},
                   {k: np.asarray(v) for k, v in restored.items()})
    r = tf.train.NewCheckpointReader(os.path.join(HERE, "flowgrad_v1", "m"))
    for name, want in G["flowgrad/tensors"].items():
        if isinstance(want, np.ndarray):
            _assert_values({name: r.get_tensor(name)}, {name: want})
    _assert_values(G["flowgrad/values_after_2_steps"], G["tf/values_after_2_steps"],
                   exact=False)


def test_reader_answers_as_tf(tmp_path):
    for key, prefix in (("tf", _tf_file(tmp_path)),
                        ("flowgrad", os.path.join(HERE, "flowgrad_v1", "m")),
                        ("tf_partitioned", _tf_file(tmp_path, "tf_partitioned/file", "part"))):
        r = tf.train.NewCheckpointReader(prefix)
        assert r.get_variable_to_shape_map() == G[key + "/shape_map"]
        assert {k: v.name for k, v in r.get_variable_to_dtype_map().items()} == \
            G[key + "/dtype_map"]
        # TF lists the entries in hash order: compare the lines
        assert sorted(r.debug_string().splitlines()) == \
            sorted(G[key + "/debug_string"].splitlines())
        for name, want in G[key + "/tensors"].items():
            if isinstance(want, np.ndarray):
                _assert_values({name: np.asarray(r.get_tensor(name))}, {name: want})
            else:
                with pytest.raises(tf.errors.OpError) as e:
                    r.get_tensor(name)
                assert [type(e.value).__name__, e.value.message] == [want.cls, want.message]


def test_partitioned_v1_variable_is_restored_whole(tmp_path):
    prefix = _tf_file(tmp_path, "tf_partitioned/file", "part")
    with tf.Graph().as_default():
        p = tf.Variable(np.zeros((5, 2), np.float32), name="p")
        saver = tf.train.Saver()
        with tf.Session() as sess:
            saver.restore(sess, prefix)
            got = sess.run(p)
    assert got.shape == (5, 2) and np.all(got != 0)
    from flowgrad.train.checkpoint_v1 import V1Reader
    np.testing.assert_array_equal(V1Reader(prefix).get_tensor("p"), got)


def test_sharded_v1_pattern_is_read(tmp_path):
    for name, raw in G["tf_sharded/files"].items():
        (tmp_path / name).write_bytes(raw)
    prefix = str(tmp_path / G["tf_sharded/pattern"])
    assert tf.train.checkpoint_exists(prefix)
    r = tf.train.NewCheckpointReader(prefix)
    np.testing.assert_array_equal(r.get_tensor("v"), np.arange(4, dtype=np.float32))
    assert not tf.train.checkpoint_exists(str(tmp_path / "m-?????-of-00002"))


def test_v1_run_directory_keeps_max_to_keep_files_as_tf(tmp_path):
    with tf.Graph().as_default():
        _, saver, _ = v1_model.build(tf)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for step in range(1, 4):
                saver.save(sess, str(tmp_path / "m"), global_step=step)
    assert sorted(os.listdir(tmp_path)) == G["tf/run_files"]
    assert tf.train.latest_checkpoint(str(tmp_path)) == str(tmp_path / "m-3")


def test_v1_save_into_a_missing_directory_is_tfs_error(tmp_path):
    with tf.Graph().as_default():
        _, saver, _ = v1_model.build(tf)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            with pytest.raises(ValueError, match="Parent directory of .* doesn't exist, "
                                                 "can't save."):
                saver.save(sess, str(tmp_path / "nope" / "m"))


def _restore(prefix):
    with tf.Graph().as_default():
        _, saver, _ = v1_model.build(tf)
        with tf.Session() as sess:
            saver.restore(sess, prefix)


def test_every_truncation_and_bit_flip_is_data_loss(tmp_path):
    raw = G["tf/file"]
    p = tmp_path / "m"
    for i in list(range(0, len(raw), 7)) + [len(raw) - 1]:
        p.write_bytes(raw[:i] + bytes([raw[i] ^ 0x10]) + raw[i + 1:])
        with pytest.raises(tf.errors.DataLossError):
            _restore(str(p))
    for n in (len(raw) - 1, len(raw) // 2, 60):
        p.write_bytes(raw[:n])
        with pytest.raises((tf.errors.DataLossError, tf.errors.NotFoundError)):
            _restore(str(p))


def test_links_and_fifos_are_refused(tmp_path):
    real = _tf_file(tmp_path, name="real")
    d = tmp_path / "d"
    d.mkdir()
    os.symlink(real, d / "m")
    with pytest.raises(tf.errors.DataLossError, match="symbolic link"):
        tf.train.NewCheckpointReader(str(d / "m"))
    os.mkfifo(d / "f-00000-of-00001")
    with pytest.raises(tf.errors.DataLossError, match="FIFO"):
        tf.train.NewCheckpointReader(str(d / "f-?????-of-00001"))


def test_oversized_block_handles_are_refused_before_reading(tmp_path):
    from flowgrad.train import tensor_bundle as tb
    # a table whose index points past the end of the file
    entries = [(b"", b"\x0a\x00")]
    raw = bytearray(tb._build_table(entries))
    footer = bytearray(raw[-48:])
    bad = tb._encode_handle((0, 1 << 40)) + tb._encode_handle((0, 1 << 40))
    footer[:40] = bad + b"\x00" * (40 - len(bad))
    (tmp_path / "m").write_bytes(bytes(raw[:-48] + footer))
    with pytest.raises(tf.errors.DataLossError, match="outside the file"):
        tf.train.NewCheckpointReader(str(tmp_path / "m"))


def test_save_slices_writes_tfs_bytes_for_a_partitioned_variable(tmp_path):
    from flowgrad.train.checkpoint_v1 import V1Reader
    from flowgrad.train.saver import save_slices
    full = V1Reader(_tf_file(tmp_path, "tf_partitioned/file", "part")).get_tensor("p")
    with tf.Graph().as_default():
        name = tf.constant(str(tmp_path / "mine"))
        op = save_slices(name, ["p", "p"], ["5 2 0,3:0,2", "5 2 3,2:0,2"],
                         [tf.constant(full[:3]), tf.constant(full[3:])])
        with tf.Session() as sess:
            sess.run(op)
    assert (tmp_path / "mine").read_bytes() == G["tf_partitioned/file"]


def test_sharded_v1_save_writes_tfs_files_and_pattern(tmp_path):
    with tf.Graph().as_default():
        tf.Variable(np.arange(4, dtype=np.float32), name="v")
        saver = tf.train.Saver(write_version=1, sharded=True)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            path = saver.save(sess, str(tmp_path / "m"), write_state=False,
                              write_meta_graph=False)
            assert os.path.basename(path) == G["tf_sharded/pattern"]
            assert sorted(os.listdir(tmp_path)) == sorted(G["tf_sharded/files"])
            for name, raw in G["tf_sharded/files"].items():
                assert (tmp_path / name).read_bytes() == raw
            sess.run("v/Assign")
            saver.restore(sess, path)   # from the pattern
            np.testing.assert_array_equal(sess.run("v:0"), np.arange(4, dtype=np.float32))
        types = {op.name: op.type for op in tf.get_default_graph().get_operations()}
    assert types["save/ShardedFilename"] == "ShardedFilename"
    assert types["save/ShardedFilespec"] == "ShardedFilespec"
    assert types["save/restore_shard"] == "NoOp" and types["save/restore_all"] == "NoOp"


def test_sharded_v1_run_directory_records_the_pattern_and_keeps_max_to_keep(tmp_path):
    with tf.Graph().as_default():
        v = tf.Variable(np.arange(3, dtype=np.float32), name="v")
        saver = tf.train.Saver(write_version=1, sharded=True, max_to_keep=2)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for step in range(1, 4):
                sess.run(v.assign_add(np.ones(3, np.float32)))
                saver.save(sess, str(tmp_path / "m"), global_step=step)
            latest = tf.train.latest_checkpoint(str(tmp_path))
            assert latest == str(tmp_path / "m-3-?????-of-00001")
            sess.run(v.initializer)
            saver.restore(sess, latest)
            np.testing.assert_array_equal(sess.run(v), [3.0, 4.0, 5.0])
    assert sorted(os.listdir(tmp_path)) == [
        "checkpoint", "m-2-00000-of-00001", "m-2.meta", "m-3-00000-of-00001", "m-3.meta"]
