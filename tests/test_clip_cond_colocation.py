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


XFAIL = {
    "cond_branch_inputs": "Operation.inputs of an op in a tf.cond branch is the tensor taken "
    "from outside the branch (x:0), where TF 1.14's CondContext rewrote the input to its "
    "Switch (cond/mul/Switch:1); the GraphDef has TF's inputs. Its fix is in "
    "engine/framework (Operation.inputs' TF view of branch ops)",
}


@pytest.mark.parametrize("key", [
    pytest.param(k, marks=pytest.mark.xfail(strict=True, reason=XFAIL[k])) if k in XFAIL
    else k for k in sorted(GOLD)])
def test_clip_cond_colocation(key):
    assert _got()[key] == GOLD[key]
