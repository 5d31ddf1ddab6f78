"""The GraphDef of every call of tests/golden/opcounts/gen_opcounts.py lists TF 1.14's
nodes (names and op types, in TF's order): flowgrad's functional Cond/While ops are
written as TF's Switch/Merge/Enter/Exit frames (`python tools/opcounts.py --graphdef -v`
prints the differences)."""
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("opcounts", "opcounts")
WANT = goldens.load("opcounts", "opcounts")

# Calls whose GraphDef still differs from TF's, with the reason (a listed call that
# starts matching fails test_known_different_still_differ).
KNOWN_DIFFERENT = {
    "hessians": "the loop gradient of TF's tf.hessians (a while_loop over a TensorArray of "
                "gradients) has 4 Enter nodes more (while/strided_slice/Enter, the "
                "gradient Muls' Enters of loop-invariant tensors)",
}


def _nodes(name):
    tf.reset_default_graph()
    dict(GEN.CALLS)[name](tf)
    return [[n.name, n.op] for n in tf.get_default_graph().as_graph_def().node]


@pytest.mark.parametrize("name", sorted(n for n in WANT if n not in KNOWN_DIFFERENT))
def test_graph_def_nodes_are_tfs(name):
    assert _nodes(name) == [list(x) for x in WANT[name]]


@pytest.mark.parametrize("name", sorted(KNOWN_DIFFERENT))
def test_known_different_still_differ(name):
    assert _nodes(name) != [list(x) for x in WANT[name]], \
        f"{name} now matches TF: remove it from KNOWN_DIFFERENT"
