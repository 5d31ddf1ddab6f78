"""Example parsing, TFRecord files and readers against TF 1.14
(tests/golden/queues/gen_pqueue_records.py runs the same cases under the oracle):
the parse_example family, TFRecordOptions, read_up_to."""
import pytest

import flowgrad as tf
from goldens import generator, load
from test_queues import _same

gen = generator("queues", "pqueue_records")
GOLD = load("queues", "pqueue_records")


@pytest.mark.parametrize("fn", gen.CASES, ids=[f.__name__ for f in gen.CASES])
def test_as_tf(fn):
    tf.reset_default_graph()
    try:
        got = fn(tf)
    finally:
        tf.reset_default_graph()
    _same(got, GOLD[fn.__name__], fn.__name__)
