"""Queue and reader constructor arguments as TF 1.14's generated wrappers and
op_def_library take them (tests/golden/queues/gen_queue_args.py): make_int / make_str
of the attrs, the fixed dtypes of n / num_records / queue_handle, each error raised
before the op is made."""
import pytest

import flowgrad as tf
from goldens import generator, load

gen = generator("queues", "queue_args")
GOLD = load("queues", "queue_args")


@pytest.mark.parametrize("name,build", gen.CASES, ids=[n for n, _ in gen.CASES])
def test_as_tf(name, build):
    tf.reset_default_graph()
    try:
        got = gen.run_case(tf, build)
    finally:
        tf.reset_default_graph()
    assert got == GOLD[name]
