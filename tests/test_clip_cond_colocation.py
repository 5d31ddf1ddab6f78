"""tf.global_norm / tf.clip_by_global_norm colocate each tensor's L2Loss and its clipped
product and identity with the tensor, and a tf.cond branch's `control_dependency` Identity
(of a branch returning an Operation) is colocated with its pivot, as TF 1.14 (`_class`
attrs in the GraphDef, colocation_groups(): tests/golden/math/gen_clip_cond_colocation.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("math", "clip_cond_colocation")
GOT = {}


def _got():
    if not GOT:
        GOT.update(generator("math", "clip_cond_colocation").cases(tf))
    return GOT


@pytest.mark.parametrize("key", sorted(GOLD))
def test_clip_cond_colocation(key):
    assert _got()[key] == GOLD[key]
