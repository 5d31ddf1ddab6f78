"""Gradients through tf.cond as TF 1.14 writes and lists them (issue 10;
tests/golden/opcounts/gen_pgathcond.py): a gather of a ref or resource variable in a branch
under gate_gradients (TF's tuples around the IndexedSlices merged part by part), gathered
in both branches (the two Switches' slices concatenated: gradients/concat, concat_1), an
Adam step; an RNN or map_fn in a branch differentiated for its weights only (no gradient
array of the input array, which TF's walk does not reach). Op names and types in TF's
order, the details of the control-flow nodes, every GraphDef node's inputs, and the
numbers."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("opcounts", "pgathcond")
WANT = goldens.load("opcounts", "pgathcond")

# (a node with more than 8 control inputs: TF lists them in its edge hash set's order,
# which changes from one TF process to the next; compared as sets)
UNORDERED = {"gradients/NextIteration"}


def _norm(x):
    if isinstance(x, (list, tuple)):
        return [_norm(y) for y in x]
    if isinstance(x, dict):
        return {k: _norm(v) for k, v in x.items()}
    return x


def test_goldens_cover_the_calls():
    assert sorted(WANT) == sorted([n for n, _ in GEN.CALLS] + ["values"])


@pytest.mark.parametrize("name", [n for n, _ in GEN.CALLS])
def test_graph_equals_tf(name):
    got, want = _norm(GEN.describe(tf, dict(GEN.CALLS)[name])), _norm(WANT[name])
    assert got["ops"] == want["ops"]
    assert got["inputs"] == want["inputs"]
    # (the output dtypes and shapes of the gradient's nodes: flowgrad's own forward ops
    # keep theirs, a TensorArray's flow a variant, not TF's float)
    outs = [[(n, o) for n, o in side["outputs"] if n.startswith("gradients/")]
            for side in (got, want)]
    assert outs[0] == outs[1]
    assert sorted(got["nodes"]) == sorted(want["nodes"])
    for node, details in want["nodes"].items():
        mine = got["nodes"][node]
        if node in UNORDERED:
            mine, details = (dict(d, control_inputs=sorted(d["control_inputs"]))
                             for d in (mine, details))
        assert mine == details, node


def _close(got, want):
    if isinstance(want, dict):
        assert sorted(got) == sorted(want)
        for k in want:
            _close(got[k], want[k])
    elif isinstance(want, (list, tuple)):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            _close(g, w)
    elif isinstance(want, str):
        assert got == want
    else:
        np.testing.assert_allclose(np.asarray(got), np.asarray(want), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("res", [False, True], ids=["ref", "resource"])
@pytest.mark.parametrize("kind", ["gather", "gather_both", "adam", "adam_both"])
def test_gather_graph_def_runs_to_tf_values(kind, res):
    # the GraphDef read back and run by TF's node names (the gradient's Merges or concats,
    # the train op) gives TF's numbers
    want = WANT["values"][f"{kind}_{'resource' if res else 'ref'}"]
    got = GEN.run_gather(tf, "adam" if kind.startswith("adam") else "grad", res,
                         kind.endswith("both"), want["names"])
    _close(got, want)


def test_gru_in_branch_graph_def_runs_to_tf_values():
    want = WANT["values"]["gru"]
    _close(GEN.run_gru(tf, want["names"]), want)


def test_gru_in_branch_graph_def_has_no_input_array_gradient():
    # TF's walk for the weights' gradient does not reach the input array's read in the
    # loop body: no TensorArrayGradV3 of that array in the GraphDef (flowgrad's body
    # gradient, which stops at every capture in a branch, makes one and drops it)
    g = tf.Graph()
    with g.as_default():
        dict(GEN.CALLS)["cond/gru_in_branch"](tf)
        names = [n.name for n in g.as_graph_def().node]
    assert not [n for n in names if "TensorArrayReadV3_grad" in n]
    assert len(names) == len(WANT["cond/gru_in_branch"]["ops"])


@pytest.mark.parametrize("kind", ["grad", "adam"])
def test_gated_passed_gradient_graph_def_runs_to_tf_values(kind):
    # a gated BiasAdd and an Add of a summed gradient in a branch (TF's tuples of the
    # output's gradient passed on): the GraphDef run by TF's names gives TF's numbers
    want = WANT["values"]["passed"]
    got = GEN.run_passed(tf, {k: want[k]["names"] for k in want})
    _close(got[kind], want[kind])
