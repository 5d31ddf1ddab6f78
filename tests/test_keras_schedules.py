"""tf.keras.experimental's schedules against TF 1.14 (tests/golden/keras/gen_schedules.py):
values, op types, configs and serialization, and an optimizer driven by one."""
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("keras", "schedules")
GEN = generator("keras", "schedules")


@pytest.mark.parametrize("case", sorted(GOLD["schedules"]))
def test_schedule_as_tf(case):
    got = GEN.schedules(tf)[case]
    want = dict(GOLD["schedules"][case])
    if case.startswith("restarts"):
        # TF builds a cond on t_mul == 1 (Switch/Merge, both branches); flowgrad's
        # cosine_decay_restarts selects between the two computations (other ops)
        got.pop("ops")
        want.pop("ops")
    _compare(got, want, case)


def test_optimizer_with_a_cosine_schedule_as_tf():
    _compare(GEN.optimizer(tf), GOLD["optimizer"], "optimizer")


def test_terminate_pools_as_tf():
    assert tf.keras.experimental.terminate_keras_multiprocessing_pools() == GOLD["terminate"]
