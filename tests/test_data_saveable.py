"""Iterator save/restore against TF 1.14 (tests/golden/data/gen_saveable.py):
make_saveable_from_iterator in a Saver continues with TF's elements after a restore in a
new session, writes TF's checkpoint key (`<iterator>:0-state`, a variant), raises TF's
errors; variant tensors in checkpoints; saveable objects in tf.train.Saver."""
import os
import re

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.framework import dtypes as _dt
from flowgrad.engine.framework import errors
from flowgrad.engine.framework.variant import VariantTensorData
from flowgrad.train import tensor_bundle
from flowgrad.train.saveable_object import BaseSaverBuilder

import goldens

GEN = goldens.generator("data", "saveable")
GOLD = goldens.load("data", "saveable")
_FN = re.compile(r"in function \S+ is stateful")


def _same(a, b, path="."):
    if isinstance(b, dict):
        assert isinstance(a, dict) and sorted(a) == sorted(b), (path, a, b)
        for k in b:
            _same(a[k], b[k], f"{path}/{k}")
    elif isinstance(b, (list, tuple)):
        assert isinstance(a, (list, tuple)) and len(a) == len(b), (path, a, b)
        for i, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{path}[{i}]")
    elif isinstance(b, str):
        # TF numbers its function names (__inference_Dataset_map_<lambda>_17)
        assert _FN.sub("in function F is stateful", a) == \
            _FN.sub("in function F is stateful", b), (path, a, b)
    else:
        a, b = np.asarray(a), np.asarray(b)
        assert a.dtype == b.dtype and a.shape == b.shape, (path, a, b)
        np.testing.assert_array_equal(a, b, err_msg=path)


@pytest.mark.parametrize("name", sorted(GEN.PROGRAMS))
def test_matches_tf(name):
    _same(GEN.PROGRAMS[name](tf), GOLD[name])


def _continues(make, before, after, tmp_path, initializable=False):
    """Elements after a restore in a new session == the ones the saved session pulled."""
    with tf.Graph().as_default():
        it = make().make_initializable_iterator() if initializable else \
            make().make_one_shot_iterator()
        nxt = it.get_next()
        saver = tf.train.Saver([tf.data.experimental.make_saveable_from_iterator(it)])
        prefix = str(tmp_path / "ckpt")
        with tf.Session() as sess:
            if initializable:
                sess.run(it.initializer)
            for _ in range(before):
                sess.run(nxt)
            saver.save(sess, prefix)
            a = [sess.run(nxt) for _ in range(after)]
        with tf.Session() as sess:
            saver.restore(sess, prefix)
            b = [sess.run(nxt) for _ in range(after)]
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)
    return a


def test_unseeded_shuffles_continue_with_the_same_order(tmp_path):
    # no seed: the seeds drawn when the iterator was made travel in the state
    _continues(lambda: tf.data.Dataset.range(50).shuffle(20).repeat(2).batch(4), 5, 6, tmp_path)
    _continues(lambda: tf.data.Dataset.range(30).shuffle(7).map(lambda x: x * 2).repeat(3),
               17, 20, tmp_path)
    _continues(lambda: tf.data.experimental.sample_from_datasets(
        [tf.data.Dataset.range(10), tf.data.Dataset.range(50, 60)]), 4, 8, tmp_path)


def test_window_pipeline_continues(tmp_path):
    # TF 1.14 crashes saving a window() pipeline; flowgrad saves it
    out = _continues(lambda: tf.data.Dataset.range(9).window(3, 2).flat_map(
        lambda w: w.batch(3)), 2, 2, tmp_path)
    assert [o.tolist() for o in out] == [[4, 5, 6], [6, 7, 8]]


def test_save_uninitialized_iterator_fails(tmp_path):
    # (TF 1.14 crashes here)
    with tf.Graph().as_default():
        it = tf.data.Dataset.range(3).make_initializable_iterator()
        saver = tf.train.Saver([tf.data.experimental.make_saveable_from_iterator(it)])
        with tf.Session() as sess:
            with pytest.raises(tf.errors.FailedPreconditionError, match="not been initialized"):
                saver.save(sess, str(tmp_path / "ckpt"))


def _write_tf_checkpoint(tmp_path):
    files = GOLD["tf_checkpoint"]
    prefix = str(tmp_path / "tfckpt")
    for suffix, data in files.items():
        with open(prefix + suffix, "wb") as f:
            f.write(data)
    return prefix, files


def test_tf_iterator_checkpoint_reads_and_rewrites_byte_for_byte(tmp_path):
    prefix, files = _write_tf_checkpoint(tmp_path)
    assert tf.train.list_variables(prefix) == [("OneShotIterator:0-state", [])]
    state = tf.train.load_variable(prefix, "OneShotIterator:0-state")
    assert isinstance(state, VariantTensorData) and state.type_name == "tensorflow::Iterator"
    assert state.metadata.startswith(b"@@_DATASET_GRAPH@@")
    out = str(tmp_path / "again")
    tensor_bundle.write_bundle(out, {"OneShotIterator:0-state": (
        _dt.variant, np.array(state, dtype=object))})
    for suffix, data in files.items():
        with open(out + suffix, "rb") as f:
            assert f.read() == data


def test_restoring_tfs_iterator_state_is_refused(tmp_path):
    prefix, _ = _write_tf_checkpoint(tmp_path)
    with tf.Graph().as_default():
        it = tf.data.Dataset.range(6).map(lambda x: x + 1).make_one_shot_iterator()
        saver = tf.train.Saver([tf.data.experimental.make_saveable_from_iterator(it)])
        with tf.Session() as sess:
            with pytest.raises(tf.errors.UnimplementedError, match="TensorFlow wrote"):
                saver.restore(sess, prefix)


def test_damaged_variant_entry_is_data_loss(tmp_path):
    prefix, files = _write_tf_checkpoint(tmp_path)
    data = bytearray(files[".data-00000-of-00001"])
    data[40] ^= 0xFF
    with open(prefix + ".data-00000-of-00001", "wb") as f:
        f.write(bytes(data))
    with pytest.raises(tf.errors.DataLossError):
        tf.train.load_variable(prefix, "OneShotIterator:0-state")


def _state_of(sess, it):
    return sess.run(tf.data.experimental.make_saveable_from_iterator(it).specs[0].tensor)


def test_state_naming_a_missing_op_or_malformed_is_an_error():
    with tf.Graph().as_default():
        it = tf.data.Dataset.range(5).make_one_shot_iterator()
        restore_to = tf.placeholder(tf.variant, [])
        s = tf.data.experimental.make_saveable_from_iterator(it)
        op = s.restore([restore_to], None)
        with tf.Session() as sess:
            state = sess.run(s.specs[0].tensor)
            meta = state.metadata.replace(b'"RangeDataset"', b'"NoSuchDataset"')
            bad = VariantTensorData(state.type_name, meta, state.tensors)
            with pytest.raises(tf.errors.NotFoundError, match="no dataset op 'NoSuchDataset'"):
                sess.run(op, {restore_to: np.array(bad, dtype=object)})
            for meta in (b"{", b'{"version": 1}', state.metadata.replace(b'"t", 0', b'"t", 9')):
                bad = VariantTensorData(state.type_name, meta, state.tensors)
                with pytest.raises(tf.errors.InvalidArgumentError, match="Invalid iterator"):
                    sess.run(op, {restore_to: np.array(bad, dtype=object)})


def test_meta_graph_round_trip_keeps_the_saveable(tmp_path):
    prefix = str(tmp_path / "m")
    with tf.Graph().as_default():
        it = tf.data.Dataset.range(12).shuffle(4, seed=2).batch(2).make_initializable_iterator()
        nxt = it.get_next()
        tf.add_to_collection(tf.GraphKeys.SAVEABLE_OBJECTS,
                             tf.data.experimental.make_saveable_from_iterator(it))
        saver = tf.train.Saver()
        with tf.Session() as sess:
            sess.run(it.initializer)
            sess.run(nxt)
            saver.save(sess, prefix)
            want = [sess.run(nxt).tolist() for _ in range(3)]
    with tf.Graph().as_default():
        saver = tf.train.import_meta_graph(prefix + ".meta")
        assert [t.name for t in tf.get_collection(tf.GraphKeys.SAVEABLE_OBJECTS)] == \
            ["IteratorV2:0"]
        with tf.Session() as sess:
            saver.restore(sess, prefix)
            assert [sess.run("IteratorGetNext:0").tolist() for _ in range(3)] == want


class _Doubled(BaseSaverBuilder.SaveableObject):
    """A custom saveable: saves 2*v under '<name>/twice', restores v = value / 2."""

    def __init__(self, var):
        spec = BaseSaverBuilder.SaveSpec(var * 2.0, "", var.op.name + "/twice")
        super().__init__(var, [spec], var.op.name)

    def restore(self, restored_tensors, restored_shapes):
        return tf.assign(self.op, restored_tensors[0] / 2.0)


def test_custom_saveable_object_in_saver(tmp_path):
    prefix = str(tmp_path / "c")
    with tf.Graph().as_default():
        v = tf.Variable([1.0, 3.0], name="v")
        saver = tf.train.Saver([_Doubled(v)])
        with tf.Session() as sess:
            sess.run(v.initializer)
            saver.save(sess, prefix)
            sess.run(tf.assign(v, [0.0, 0.0]))
            saver.restore(sess, prefix)
            assert sess.run(v).tolist() == [1.0, 3.0]
    assert tf.train.list_variables(prefix) == [("v/twice", [2])]
    np.testing.assert_array_equal(tf.train.load_variable(prefix, "v/twice"), [2.0, 6.0])


def test_save_spec_and_saveable_object_contracts():
    with pytest.raises(AssertionError, match="explicit dtype and device"):
        BaseSaverBuilder.SaveSpec(lambda: None, "", "x")
    spec = BaseSaverBuilder.SaveSpec(lambda: "t", "", "x", dtype=tf.float32, device="")
    assert spec.tensor == "t" and spec.dtype == tf.float32
    with pytest.raises(ValueError, match="abstract"):
        BaseSaverBuilder.SaveableObject(None, [spec], "x").restore([], None)
    assert BaseSaverBuilder.SaveableObject(None, [spec], "x").optional_restore is False


def test_contrib_data_alias():
    assert tf.contrib.data.make_saveable_from_iterator is \
        tf.data.experimental.make_saveable_from_iterator


def test_variant_tensor_data_decode_rejects_garbage():
    with pytest.raises(errors.DataLossError):
        VariantTensorData.decode(b"\xff\xff\xff")
    assert os.path.basename(GEN.__file__) == "gen_saveable.py"
