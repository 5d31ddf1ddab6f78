"""tf.contrib.slim.prefetch_queue and slim.queues against TF 1.14
(tests/golden/contrib/gen_slim_queues.py)."""
import goldens
from test_data import _same

import flowgrad as tf

GEN = goldens.generator("contrib", "slim_queues")
GOLD = goldens.load("contrib", "slim_queues")


def test_prefetch_queue_and_queue_runners_as_tf():
    got = GEN.run(tf)
    want = GOLD["run"]
    assert sorted(got) == sorted(want)
    for key in ("queues", "ops", "runners", "summaries", "nested", "again_error", "left_locked"):
        assert got[key] == want[key], key
    _same(got["values"], want["values"])
    _same(got["again"], want["again"])
