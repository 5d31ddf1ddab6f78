"""tf.PriorityQueue and readers' state against TF 1.14 (tests/golden/queues/gen_priority.py):
ops built, dequeue order with ties (TF's heap order), closing, errors; serialize_state,
restore_state, counters and reset of each reader."""
import os
import sys

import pytest

import flowgrad as tf

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "queues"))
import gen_priority  # noqa: E402
from goldens import load  # noqa: E402

GOLD = load("queues", "priority")


def _norm(x):
    if isinstance(x, tuple):
        return [_norm(v) for v in x]
    if isinstance(x, list):
        return [_norm(v) for v in x]
    if isinstance(x, dict):
        return {k: _norm(v) for k, v in x.items()}
    return x


@pytest.mark.parametrize("name", [c[5:] for c in gen_priority.CASES])
def test_matches_tf(name):
    with tf.Graph().as_default():
        got = getattr(gen_priority, "case_" + name)(tf)
    assert _norm(got) == _norm(GOLD[name])
