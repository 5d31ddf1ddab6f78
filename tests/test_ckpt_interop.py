"""A run directory shared with TF 1.14, both ways (tests/golden/ckpt/gen_run_dir.py).

TF's run directory (absolute paths under a root that no longer exists, as a moved
directory) is found, restored exactly and continued by flowgrad to TF's values;
flowgrad's run directory (tests/golden/ckpt/flowgrad_run/, which flowgrad must still
write byte for byte) was read and continued by TF 1.14, with the values recorded.
"""
import os
import shutil
import sys

import numpy as np
import pytest

import flowgrad as tf
from goldens import load

HERE = os.path.join(os.path.dirname(__file__), "golden", "ckpt")
sys.path.insert(0, HERE)

import make_flowgrad_run  # noqa: E402
import run_model  # noqa: E402

G = load("ckpt", "run_dir")


def _assert_values(got, want, exact=True):
    assert sorted(got) == sorted(want)
    for name in want:
        g, w = np.asarray(got[name]), np.asarray(want[name])
        assert g.shape == w.shape and g.dtype == w.dtype, (name, g.dtype, w.dtype)
        if exact or w.dtype.kind not in "fc":
            np.testing.assert_array_equal(g, w, err_msg=name)
        else:
            np.testing.assert_allclose(g, w, rtol=2e-6, atol=1e-7, err_msg=name)


def _tf_dir(tmp_path):
    d = tmp_path / "moved"
    d.mkdir()
    for name, raw in G["tf_run/files"].items():
        (d / name).write_bytes(raw)
    return d


def test_tf_run_directory_is_found_restored_and_continued(tmp_path):
    d = _tf_dir(tmp_path)
    assert sorted(os.listdir(d)) == ["checkpoint", "m-2.data-00000-of-00001", "m-2.index",
                                     "m-3.data-00000-of-00001", "m-3.index"]
    assert G["tf_run/root"] in (d / "checkpoint").read_text()  # TF wrote absolute paths
    latest = tf.train.latest_checkpoint(str(d))
    assert latest == str(d / "m-3")
    state = tf.train.get_checkpoint_state(str(d))
    assert state.all_model_checkpoint_paths == [str(d / "m-2"), str(d / "m-3")]
    with tf.Graph().as_default():
        train, saver, variables = run_model.build(tf)
        with tf.Session() as sess:
            saver.restore(sess, latest)
            _assert_values(run_model.values(sess, variables), G["tf_run/values_step3"])
            sess.run(train)
            sess.run(train)
            _assert_values(run_model.values(sess, variables), G["tf_run/values_step5"],
                           exact=False)
            # flowgrad continues the directory, TF's retention included.
            saver.recover_last_checkpoints(state.all_model_checkpoint_paths)
            saver.save(sess, str(d / "m"), global_step=tf.train.get_global_step(),
                       write_meta_graph=False)
    assert sorted(os.listdir(d)) == ["checkpoint", "m-3.data-00000-of-00001", "m-3.index",
                                     "m-5.data-00000-of-00001", "m-5.index"]
    assert tf.train.latest_checkpoint(str(d)) == str(d / "m-5")


def test_tf_checkpoint_readers(tmp_path):
    d = _tf_dir(tmp_path)
    want = G["tf_run/values_step3"]
    reader = tf.train.load_checkpoint(str(d))
    assert reader.format == "tf"
    assert sorted(reader.get_variable_to_shape_map()) == sorted(want)
    for name, value in want.items():
        got = reader.get_tensor(name)
        np.testing.assert_array_equal(got, value)
        assert reader.get_variable_to_dtype_map()[name].as_numpy_dtype == value.dtype or \
            value.dtype == object
    assert [n for n, _ in tf.train.list_variables(str(d))] == sorted(want)


def test_flowgrad_still_writes_the_committed_run_directory(tmp_path):
    values = make_flowgrad_run.write_run(tf, str(tmp_path / "run"))
    for name in make_flowgrad_run.FILES:
        assert (tmp_path / "run" / name).read_bytes() == \
            open(os.path.join(HERE, "flowgrad_run", name), "rb").read(), name
    assert sorted(os.listdir(tmp_path / "run")) == sorted(make_flowgrad_run.FILES)
    _assert_values(values, G["flowgrad_run/restored"])


def test_tf_read_and_continued_flowgrads_run_directory(tmp_path):
    """What TF 1.14 found in flowgrad's files is what flowgrad saved; TF's two further
    steps from flowgrad's checkpoint are flowgrad's."""
    d = tmp_path / "run"
    shutil.copytree(os.path.join(HERE, "flowgrad_run"), d)
    assert G["flowgrad_run/latest"] == "m-3"
    latest = tf.train.latest_checkpoint(str(d))
    assert [[n, list(s)] for n, s in tf.train.list_variables(str(d))] == \
        G["flowgrad_run/list_variables"]
    reader = tf.train.load_checkpoint(latest)
    assert {n: dt.name for n, dt in reader.get_variable_to_dtype_map().items()} == \
        G["flowgrad_run/dtypes"]
    with tf.Graph().as_default():
        train, saver, variables = run_model.build(tf)
        with tf.Session() as sess:
            saver.restore(sess, latest)
            mine = run_model.values(sess, variables)
            _assert_values(mine, G["flowgrad_run/read"])
            _assert_values(mine, G["flowgrad_run/restored"])
            sess.run(train)
            sess.run(train)
            _assert_values(run_model.values(sess, variables), G["flowgrad_run/values_step5"],
                           exact=False)
    assert G["flowgrad_run/after_tf_save"] == ["checkpoint", "m-3.data-00000-of-00001",
                                               "m-3.index", "m-5.data-00000-of-00001",
                                               "m-5.index"]


@pytest.mark.parametrize("fmt", ["tf", "safetensors"])
def test_every_dtype_round_trips_through_the_saver(fmt, tmp_path):
    if fmt == "safetensors":
        pytest.importorskip("safetensors")
    from flowgrad.train import checkpoint_io
    want = G["flowgrad_run/read"]
    prefix = os.path.join(HERE, "flowgrad_run", "m-3")
    if fmt == "safetensors":
        prefix = checkpoint_io.convert_checkpoint(prefix, str(tmp_path / "sf"), fmt)
    with tf.Graph().as_default():
        _, saver, variables = run_model.build(tf)
        with tf.Session() as sess:
            saver.restore(sess, prefix)
            _assert_values(run_model.values(sess, variables), want)


def test_checkpoint_files_get_the_mode_ordinary_files_get(tmp_path):
    """As TF's (0666 less the umask), not a temporary file's 0600."""
    umask = os.umask(0o022)
    os.umask(umask)
    make_flowgrad_run.write_run(tf, str(tmp_path / "run"))
    for name in make_flowgrad_run.FILES:
        assert os.stat(tmp_path / "run" / name).st_mode & 0o777 == 0o666 & ~umask, name


def test_tf_checkpoint_in_two_data_shards_is_read_and_restored(tmp_path):
    """TF 1.14's sharded Saver over two devices writes m.data-00000-of-00002 and
    m.data-00001-of-00002 (golden ckpt/sharded_v2): flowgrad's reader and Saver.restore
    read each variable from its shard, exactly."""
    gold = load("ckpt", "sharded_v2")
    for name, blob in gold["files"].items():
        (tmp_path / name).write_bytes(blob)
    prefix = str(tmp_path / "m")
    reader = tf.train.NewCheckpointReader(prefix)
    assert reader.get_variable_to_shape_map() == {"a": [2, 3], "b": [2]}
    np.testing.assert_array_equal(reader.get_tensor("a"), gold["a"])
    assert reader.get_tensor("b").dtype == np.float64
    with tf.Graph().as_default():
        a = tf.Variable(tf.zeros([2, 3]), name="a")
        b = tf.Variable(tf.zeros([2], tf.float64), name="b")
        with tf.Session() as s:
            tf.train.Saver().restore(s, prefix)
            got = s.run([a, b])
    np.testing.assert_array_equal(got[0], gold["a"])
    np.testing.assert_array_equal(got[1], gold["b"])
