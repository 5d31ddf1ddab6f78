"""tf.train.warm_start and tf.train.VocabInfo against TF 1.14
(tests/golden/train/gen_warm_start.py): a checkpoint written by flowgrad's Saver, then
plain, renamed, partitioned and vocabulary-remapped (rows with OOV buckets and a backup
initializer, an old vocabulary size, columns) variables warm-started from it: the initial
values, every op, later seeded numbers, and the errors. Also the ops
GenerateVocabRemapping and LoadAndRemapMatrix on their own."""
import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.framework import errors
from flowgrad.train import checkpoint_ops
from goldens import generator, load

GEN = generator("train", "warm_start")
WANT = load("train", "warm_start")


def _ops_match(ops, want):
    assert [n for n, _ in ops] == [n for n, _ in want]
    assert [t for _, t in ops] == [t for _, t in want]


@pytest.mark.parametrize("case", ["remap", "plain"])
def test_as_tf(case):
    got, want = GEN.cases.__globals__["_" + case](tf), WANT[case]
    for v, w in zip(got[0], want[0]):
        np.testing.assert_allclose(v, w, rtol=1e-6)
        assert np.asarray(v).dtype == w.dtype
    _ops_match(got[1], want[1])
    assert got[2] == want[2]


@pytest.mark.parametrize("name", sorted(WANT["errors"]))
def test_errors(name):
    assert GEN._errors(tf)[name] == WANT["errors"][name]


def test_from_tf_checkpoint(tmp_path):
    """flowgrad warm-starts from TF 1.14's own checkpoint files to TF's values."""
    files, want = WANT["tf_checkpoint"]
    for name, data in files.items():
        data = data if name != "checkpoint" else data.replace(
            data.split(b'"')[1].rsplit(b"/", 1)[0], str(tmp_path).encode())
        (tmp_path / name).write_bytes(data)
    for word_file, words in (("old.txt", GEN._OLD), ("new.txt", GEN._NEW)):
        (tmp_path / word_file).write_text("\n".join(words) + "\n")
    values, _ = GEN._warm_remapped(tf, str(tmp_path))
    for v, w in zip(values, want):
        np.testing.assert_allclose(v, w, rtol=1e-6)


def test_ops_directly(tmp_path):
    new, old = tmp_path / "new.txt", tmp_path / "old.txt"
    new.write_text("c\nx\na\ne\n")
    old.write_text("a\nb\nc\n")
    with tf.Graph().as_default():
        w = tf.Variable(np.arange(6.).reshape(3, 2).astype(np.float32), name="w")
        saver = tf.train.Saver()
        with tf.Session() as sess:
            sess.run(w.initializer)
            prefix = saver.save(sess, str(tmp_path / "m"))
    with tf.Graph().as_default():
        remap, present = checkpoint_ops.generate_vocab_remapping(str(new), str(old), 1, 3)
        out = checkpoint_ops.load_and_remap_matrix(prefix, "w", remap, [], [-1., -2., -3., -4.],
                                                   3, 2)
        cols = checkpoint_ops.load_and_remap_matrix(prefix, "w", [2, 0], [1, -1], [9., 8.], 2,
                                                    2)
        with tf.Session() as sess:
            r, p, o, c = sess.run([remap, present, out, cols])
            assert r.tolist() == [-1, 0, -1] and p == 1
            np.testing.assert_array_equal(o, [[-1., -2.], [0., 1.], [-3., -4.]])
            np.testing.assert_array_equal(c, [[5., 9.], [1., 8.]])
            short = checkpoint_ops.load_and_remap_matrix(prefix, "w", remap, [], [1.], 3, 2)
            with pytest.raises(errors.InvalidArgumentError, match="Initializing values"):
                sess.run(short)
            far = checkpoint_ops.load_and_remap_matrix(prefix, "w", [5], [], [], 1, 2)
            with pytest.raises(errors.InvalidArgumentError, match="out of range"):
                sess.run(far)
