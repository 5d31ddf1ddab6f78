"""tf.contrib.summary (TF 1.14's summary_ops_v2 in graph mode) against TF 1.14
(tests/golden/contrib/gen_summary_v2.py): ops built, collections, event files read back,
errors; plus what the golden cannot hold (tf.cond structure, create_db_writer)."""
import os

import pytest

import flowgrad as tf
import goldens
from flowgrad.compat.tf_alias import alias_tensorflow

GEN = goldens.generator("contrib", "summary_v2")
GOLD = goldens.load("contrib", "summary_v2")


@pytest.mark.parametrize("case", GEN.CASES)
def test_summary_v2_case(case):
    got = getattr(GEN, "_" + case)(tf)
    goldens.same_exact(got, GOLD[case], case)


def test_every_n_builds_a_cond(tmp_path):
    g = tf.Graph()
    with g.as_default():
        gs = tf.train.get_or_create_global_step()
        w = tf.contrib.summary.create_file_writer(str(tmp_path))
        with w.as_default(), tf.contrib.summary.record_summaries_every_n_global_steps(3, gs):
            out = tf.contrib.summary.scalar("x", 1.0)
        # flowgrad's tf.cond is one Cond op (TF 1.14: Switch/Merge); the write is inside it
        assert out.op.type == "Cond"
        assert "x" in [o.name for o in g.get_operations()]
        assert tf.contrib.summary.all_summary_ops() == [out]


def test_create_db_writer_not_implemented():
    with pytest.raises(NotImplementedError, match="create_db_writer"):
        tf.contrib.summary.create_db_writer("file:/tmp/x.sqlite")


def test_initialize_is_tf_summary_initialize():
    assert tf.summary.initialize is tf.contrib.summary.initialize


def test_session_close_flushes(tmp_path):
    g = tf.Graph()
    with g.as_default():
        w = tf.contrib.summary.create_file_writer(str(tmp_path), max_queue=100,
                                                  flush_millis=10 ** 7)
        with w.as_default(), tf.contrib.summary.always_record_summaries():
            s = tf.contrib.summary.scalar("v", tf.constant(2.5), step=4)
        with tf.Session() as sess:
            sess.run(w.init())
            sess.run(s)
    (f,) = os.listdir(tmp_path)
    assert f.endswith(".v2")
    events = list(tf.train.summary_iterator(os.path.join(tmp_path, f)))
    assert [(e.step, e.summary.value[0].simple_value) for e in events[1:]] == [(4, 2.5)]


def test_import_paths():
    with alias_tensorflow():
        from tensorflow.contrib import summary
        from tensorflow.contrib.summary import summary as inner  # noqa: F401
        assert summary.scalar is tf.contrib.summary.scalar
