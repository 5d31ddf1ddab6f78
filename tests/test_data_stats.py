"""tf.data.experimental's statistics against TF 1.14 (tests/golden/data/gen_stats.py):
StatsAggregator summaries of bytes_produced_stats and latency_stats, prefixes, the ops
added; and what flowgrad refuses."""
import pytest

import flowgrad as tf

import goldens

GEN = goldens.generator("data", "stats")
GOLD = goldens.load("data", "stats")


@pytest.mark.parametrize("name", sorted(GEN.PROGRAMS))
def test_matches_tf(name):
    goldens.same_values(GEN.PROGRAMS[name](tf), GOLD[name])


def test_what_is_not_built_raises():
    # (an aggregator on a one-shot iterator is TF's ValueError: the golden one_shot/*)
    with tf.Graph().as_default():
        o2 = tf.data.Options()
        o2.experimental_stats.latency_all_edges = True
        with pytest.raises(NotImplementedError, match="latency_all_edges"):
            tf.data.Dataset.range(3).with_options(o2).make_initializable_iterator()

