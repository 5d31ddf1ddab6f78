"""tf.data pipelines build TF 1.14's ops and yield its elements (golden
data/pipelines_lead39)."""
import pytest

import flowgrad as tf
import goldens

gen = goldens.generator("data", "pipelines_lead39")
GOLD = goldens.load("data", "pipelines_lead39")


@pytest.mark.parametrize("name", sorted(gen.PIPELINES))
def test_pipeline_matches_tf(name):
    got = gen.run(tf, name)
    assert got["ops"] == GOLD[name]["ops"]
    assert got["values"] == GOLD[name]["values"]


def test_prefetch_thread_keeps_numpy_quiet():
    """A dataset function dividing 0 by 0 on the prefetch thread gives NaN silently, as a
    session's run does (NumPy's error state is per thread)."""
    import warnings
    g = tf.Graph()
    with g.as_default():
        ds = tf.data.Dataset.from_tensor_slices([0.0, 1.0]).map(lambda x: x / x).prefetch(1)
        nxt = ds.make_one_shot_iterator().get_next()
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            with tf.Session() as s:
                first = s.run(nxt)
                s.run(nxt)
    assert first != first   # NaN
    assert not [w for w in seen if issubclass(w.category, RuntimeWarning)]
