"""Cond gradients in loops and under control_dependencies as TF 1.14 writes and lists
them (issue 10; tests/golden/opcounts/gen_pcondgd2.py): a cond gradient's nodes made in a
control_dependencies block take the block's control inputs where TF's do (none of their
data inputs made in the block: graph_def_lower_condgrad._block); op names and types in
TF's order, the details of the control-flow nodes, and every node's inputs. The graph's
op counter after each call (TF's seed2 of a graph-seeded random op made next) equals TF's,
for these calls and for COUNT_CALLS (arrays and conds in loop bodies, raw_rnn, seq2seq
decoders, minimize: ops/control_flow_grad_count.py)."""
import collections
import re

import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("opcounts", "pcondgd2")
WANT = goldens.load("opcounts", "pcondgd2")

# Calls whose graph still differs from TF's, with the reason. A listed call that starts
# matching fails test_known_different_still_differ.
KNOWN_DIFFERENT = {
}

# Calls where TF lists an op's control inputs (the forward counter's NextIteration's, one
# per push) in its C++ graph's edge-set order: a node's in-edges past 8 are a hash set of
# Edge pointers, so that order changes from one TF process to the next (three runs of
# while/training_helper_unknown_batch under the oracle gave three orders): compared as sets.
UNORDERED_CONTROLS = {"while/seq_len_rnn", "while/training_helper_unknown_batch",
                      "while/monotonic_attention", "while/map_rnn",
                      "while/scheduled_embedding",
                      # (TF's op.control_inputs of the innermost frame's pushes' counter
                      # NextIteration come in a different order each run)
                      "while/three_nested_loops_body"}

# Calls whose op count still differs from TF's, with the reason (none now). A listed call
# that starts matching fails test_known_count_different.
KNOWN_COUNT_DIFFERENT: dict = {}


def _norm(x):
    if isinstance(x, (list, tuple)):
        return [_norm(y) for y in x]
    if isinstance(x, dict):
        return {k: _norm(v) for k, v in x.items()}
    return x


def _got(name):
    return _norm(GEN.describe(tf, dict(GEN.CALLS)[name]))


def test_goldens_cover_the_calls():
    assert sorted(WANT) == sorted([n for n, _ in GEN.CALLS] + ["counts"])
    assert sorted(WANT["counts"]) == sorted(n for n, _ in GEN.CALLS + GEN.COUNT_CALLS)
    assert set(KNOWN_DIFFERENT) <= set(WANT)


@pytest.mark.parametrize("name", [n for n, _ in GEN.CALLS + GEN.COUNT_CALLS
                                  if n not in KNOWN_COUNT_DIFFERENT])
def test_op_count_equals_tf(name):
    # (every call, those whose graph still differs too: TF's seed2 of a later random op)
    assert GEN.count(tf, dict(GEN.CALLS + GEN.COUNT_CALLS)[name]) == WANT["counts"][name]


@pytest.mark.parametrize("name", sorted(KNOWN_COUNT_DIFFERENT))
def test_known_count_different(name):
    got = GEN.count(tf, dict(GEN.COUNT_CALLS)[name])
    assert got != WANT["counts"][name], f"{name} now matches TF: take it off the list"


@pytest.mark.parametrize("name", [n for n, _ in GEN.CALLS if n not in KNOWN_DIFFERENT])
def test_graph_def_equals_tf(name):
    got, want = _got(name), _norm(WANT[name])
    assert got["ops"] == want["ops"]
    assert got["inputs"] == want["inputs"]
    for node, details in want["nodes"].items():
        mine = got["nodes"][node]
        if name in UNORDERED_CONTROLS:
            mine, details = (dict(d, control_inputs=sorted(d["control_inputs"]))
                             for d in (mine, details))
        assert mine == details, node


@pytest.mark.parametrize("name", sorted(KNOWN_DIFFERENT))
def test_known_different_still_differ(name):
    assert _got(name) != _norm(WANT[name]), f"{name} now matches TF: take it off the list"


@pytest.mark.parametrize("name", [n for n, _ in GEN.CALLS if n.startswith("block/")])
def test_block_control_inputs(name):
    # the GraphDef's nodes (their order aside: KNOWN_DIFFERENT) take TF's control inputs
    got, want = _got(name), _norm(WANT[name])
    assert sorted(got["inputs"]) == sorted(want["inputs"])


def test_block_control_inputs_of_batch_norm_dropout():
    want = dict(_norm(WANT["block/dropout_bn"])["inputs"])
    assert want["gradients/Switch"][2:] == [
        "^batch_normalization/cond_2/Merge", "^batch_normalization/cond_3/Merge"]
    assert dict(_got("block/dropout_bn")["inputs"])["gradients/Switch"] == \
        want["gradients/Switch"]


def test_block_values_and_counter_unchanged():
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [], name="x")
        d = tf.Variable(0.0, name="d")
        y = tf.cond(x > 0, lambda: x * x, lambda: tf.sin(x))
        with tf.control_dependencies([tf.assign_add(d, 1.0)]):
            dx, = tf.gradients(y, x)
        last = g._last_id
        gd = {n.name: list(n.input) for n in g.as_graph_def().node}
        assert g._last_id == last
        # a Switch of x reads nothing made in the block: it waits for the block's op
        assert gd["gradients/Switch"] == ["x", "cond/pred_id", "^AssignAdd"]
        # the Merge's Switch reads the gradients' Fill, made in the block: no control input
        assert gd["gradients/cond/Merge_grad/cond_grad"] == ["gradients/Fill", "cond/pred_id"]
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            assert s.run(dx, {x: 3.0}) == 6.0
            np.testing.assert_allclose(s.run(dx, {x: -1.0}), np.cos(-1.0), rtol=1e-6)
            assert s.run(d) == 2.0


_LATE = re.compile(r"gradients/(Shape|Switch|zeros|Const)(_[0-9]+)?(/Enter|/Const)?")


def _form(inputs, name, depth=3):
    """Node `name`'s inputs, those named with late numbers (Shape_k, Switch_k, zeros_k)
    replaced by their own inputs: the same wiring whatever the numbers."""
    out = []
    for i in inputs[name]:
        base = i.lstrip("^").split(":")[0]
        if depth and base in inputs and _LATE.fullmatch(base):
            out.append([i[len(base) + (i[0] == "^"):], _form(inputs, base, depth - 1)])
        else:
            out.append(i)
    return out


def test_unknown_shape_decoder_ops():
    # TrainingHelper with an unknown batch: its next_inputs cond's gradient in the decoder
    # loop's gradient is TF's layout (the zeros of the [None, E] zero inputs from a stack of
    # their shape), so the listing is TF's ops (flowgrad's own ops before), the same number
    # of each type
    got, want = _got("while/training_helper_unknown_batch"), \
        _norm(WANT["while/training_helper_unknown_batch"])
    assert collections.Counter(t for _, t in got["ops"]) == \
        collections.Counter(t for _, t in want["ops"])
    # the shape's stack: pushed from the forward Switch's dead side, popped through the
    # popped predicate's Switch, the zeros of it
    gi, wi = dict(got["inputs"]), dict(want["inputs"])
    for name in ("gradients/f_acc", "gradients/StackPushV2", "gradients/StackPopV2"):
        assert _form(gi, name) == _form(wi, name), name
    zeros = [n for n, i in want["inputs"] if i and i[0] == "gradients/StackPopV2"]
    assert len(zeros) == 1
    assert [_form(gi, n) for n, i in got["inputs"] if i and i[0] == "gradients/StackPopV2"] \
        == [_form(wi, zeros[0])]
