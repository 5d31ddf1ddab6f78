"""tf.contrib.learn's queue readers (read_batch_examples, read_keyed_batch_examples,
read_batch_features, read_keyed_batch_features, read_batch_record_features) against TF 1.14:
the golden generator's cases run on flowgrad and must give TF's batches, keys, op names,
queue runners, summaries and argument errors."""
import pytest

import flowgrad as tf
from goldens import generator, load, same_close

GEN = generator("contrib", "learn_graph_io")
GOLD = load("contrib", "learn_graph_io")


@pytest.fixture(scope="module")
def ours():
    return GEN.cases(tf)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_graph_io_matches_tf(ours, case):
    same_close(ours[case], GOLD[case], case)


def test_shared_queue_readers_say_so():
    from flowgrad.contrib.learn import graph_io
    with pytest.raises(NotImplementedError, match="shared_queue"):
        graph_io._read_keyed_batch_examples_helper(__file__, 2, tf.TextLineReader,
                                                   setup_shared_queue=True)
