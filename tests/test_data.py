"""tf.data against TF 1.14 goldens (tests/golden/data/gen_pipelines.py): element values
and order (seeded shuffles included), end of sequence, iterator kinds and errors."""
import numpy as np
import pytest

import flowgrad as tf
import os  # noqa: E402
import sys  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "data"))
from gen_pipelines import PROGRAMS  # noqa: E402
from goldens import load

GOLD = load("data", "pipelines")


def _same(a, b):
    if isinstance(b, dict):
        assert isinstance(a, dict) and sorted(a) == sorted(b)
        for k in b:
            _same(a[k], b[k])
    elif isinstance(b, (list, tuple)):
        assert isinstance(a, (list, tuple)) and len(a) == len(b), (a, b)
        for x, y in zip(a, b):
            _same(x, y)
    elif isinstance(b, str):
        assert a == b
    else:
        a, b = np.asarray(a), np.asarray(b)
        assert a.dtype == b.dtype, (a.dtype, b.dtype)
        assert a.shape == b.shape, (a, b)
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_pipeline_matches_tf(name):
    _same(PROGRAMS[name](tf), GOLD[name])


def test_tutorial_script_runs_unchanged(capsys):
    from flowgrad.cli import run_script
    script = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                          "examples", "tf1_scripts", "data_pipeline.py")
    assert run_script(script, []) == 0
    assert capsys.readouterr().out == load("data", "tutorial")["data_pipeline"]


def test_prefetch_threads_end_when_the_session_closes():
    import gc
    import threading
    import time

    def prefetchers():
        return [t for t in threading.enumerate() if t.name == "flowgrad-prefetch"]

    before = len(prefetchers())
    with tf.Graph().as_default():
        nxt = tf.data.Dataset.range(10 ** 9).prefetch(4).make_one_shot_iterator().get_next()
        with tf.Session() as sess:
            assert sess.run(nxt) == 0
            assert len(prefetchers()) == before + 1
    gc.collect()
    deadline = time.time() + 5
    while len(prefetchers()) > before and time.time() < deadline:
        time.sleep(0.05)
    assert len(prefetchers()) == before


def test_dataset_ops_and_names_are_tfs():
    with tf.Graph().as_default() as g:
        ds = tf.data.Dataset.from_tensor_slices(np.arange(10)).shuffle(4, seed=3).repeat(2) \
            .batch(3)
        ds.make_one_shot_iterator().get_next()
        assert [(o.name, o.type) for o in g.get_operations()][-8:] == [
            ("count", "Const"), ("RepeatDataset", "RepeatDataset"),
            ("batch_size", "Const"), ("drop_remainder", "Const"),
            ("BatchDatasetV2", "BatchDatasetV2"), ("OneShotIterator", "OneShotIterator"),
            ("IteratorToStringHandle", "IteratorToStringHandle"),
            ("IteratorGetNext", "IteratorGetNext")]
