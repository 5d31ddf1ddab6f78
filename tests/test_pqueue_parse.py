"""tf.decode_csv / tf.decode_raw against TF 1.14 (tests/golden/queues/gen_pqueue_parse.py
runs the same cases under the oracle): field splitting, number syntax, defaults, errors."""
import pytest

import flowgrad as tf
from goldens import generator, load
from test_queues import _same

gen = generator("queues", "pqueue_parse")
GOLD = load("queues", "pqueue_parse")


@pytest.mark.parametrize("fn", gen.CASES, ids=[f.__name__ for f in gen.CASES])
def test_as_tf(fn):
    tf.reset_default_graph()
    try:
        got = fn(tf)
    finally:
        tf.reset_default_graph()
    _same(got, GOLD[fn.__name__], fn.__name__)
