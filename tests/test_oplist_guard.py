"""A variable whose initial value reads other variables builds TF 1.14's guard: each
variable read becomes its initialized_value() cond and the ops on the way are copied
(`<op>_<variable>`; an ExponentialMovingAverage's slot, initialized from
w.initialized_value(), copies that cond), its GraphDef node for node as TF's, its values
and the op counter (a later graph-seeded random op) TF's
(tests/golden/opcounts/gen_oplist_guard.py)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("opcounts", "oplist_guard")
WANT = goldens.load("opcounts", "oplist_guard")
BUILDS = {"ema": (GEN._ema, False), "ema_num_updates": (GEN._ema, True),
          "from_read": (GEN._from_read, None), "plain": (GEN._plain, None),
          "unguarded": (GEN._unguarded, None)}


def _run(name):
    kind, _, var = name.rpartition("_")
    build, extra = BUILDS[kind]
    return GEN._case(tf, build, var == "resource", extra)


@pytest.mark.parametrize("name", sorted(WANT))
def test_guard_is_tf(name):
    got, want = _run(name), WANT[name]
    assert [[n, op, ins, [c.decode() for c in cls]] for n, op, ins, cls in got["nodes"]] == \
        [[n, op, ins, [c.decode() if isinstance(c, bytes) else c for c in cls]]
         for n, op, ins, cls in want["nodes"]]
    # get_operations() holds TF's ops but the Switch/Merge nodes of its conds, in TF's order
    assert [n for n in want["kept"] if n in got["kept"]] == got["kept"]
    for k in ("init", "reinit", "updated", "random"):
        if k in want:
            np.testing.assert_array_equal(np.asarray(got[k]), np.asarray(want[k]), k)


def test_guard_copies_are_graph_elements():
    g = tf.Graph()
    with g.as_default():
        GEN._ema(tf, False, False)
        merge = g.get_tensor_by_name("cond/Merge_w/ExponentialMovingAverage:0")
        assert g.get_operation_by_name("w/ExponentialMovingAverage/Assign").inputs[1] is merge
        assert g.get_operation_by_name(
            "w/ExponentialMovingAverage/IsVariableInitialized").type == "IsVariableInitialized"
        # (inside the cond, as TF's cond/read_w/ExponentialMovingAverage)
        read = g.get_operation_by_name("cond/read_w/ExponentialMovingAverage")
        assert not g.is_fetchable(read)
