"""The queue constructors' int attrs as TF 1.14's generated wrappers take them
(tests/golden/queues/gen_queue_int_attrs.py): make_int's TypeError for a Tensor or str
capacity / min_after_dequeue before any queue op is made, int() of a float."""
import pytest

import flowgrad as tf
from goldens import generator, load

gen = generator("queues", "queue_int_attrs")
GOLD = load("queues", "queue_int_attrs")


@pytest.mark.parametrize("name,build", gen.CASES, ids=[n for n, _ in gen.CASES])
def test_as_tf(name, build):
    tf.reset_default_graph()
    try:
        got = gen.run_case(tf, build)
    finally:
        tf.reset_default_graph()
    assert got == GOLD[name]
