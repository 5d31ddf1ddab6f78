"""Grappler's remapper: a float32 MatMul read only by a BiasAdd runs as _FusedMatMul.

TF 1.14's remapper (RewriterConfig.remapping, on by default) fuses a BiasAdd with the
float32 MatMul that feeds it when, in the graph of the run (pruned to its fetches), the
MatMul is read by nothing else, is not fetched, and neither it nor the BiasAdd has
control edges in or out (so not a K.function's first output, which its updates group
waits for; an Identity between the two, which the dependency optimizer removes in the
first round, is looked through: the remapper fuses them in the second). So is a Reshape
to the MatMul's own shape, which the arithmetic optimizer (RemoveRedundantReshape) and
constant folding remove in the first round: tf.contrib.layers' weighted_sum_from_feature_columns
reshapes its sum to [-1, num_outputs] before the BiasAdd, so contrib.learn's
LinearClassifier / LinearRegressor logits are a _FusedMatMul (checked against TF 1.14's
partition graph, for a constant input and a placeholder of unknown batch). The fusion then
waits for the second round, when the BiasAdd may have gained a control edge out: a
tf.gradients gate (gate_gradients, e.g. Optimizer.minimize) whose data side constant
folding folded (sigmoid_cross_entropy_with_logits' `logits * labels` gradient of constant
labels: `mul_grad/Mul`) keeps the gate's other input `mul_grad/Mul_1 = grad * logits`,
read by nothing, as a control input, which the dependency optimizer turns into a control
edge from the BiasAdd (`^BiasAdd` on `mul_grad/tuple/control_dependency`): no fusion.
Without the Reshape, or with an Identity (which the dependency optimizer removes in the
same round as it makes that edge), the remapper fuses first (all checked against TF 1.14's
partition graphs and bits: golden math/remap_reshape). The fused kernel
is Eigen's tensor contraction with the bias added by its output kernel, whose sums
differ from the plain MatMul's when the product has one output column (fused_matmul.py).
An Elu that is the BiasAdd's only reader is fused too: the output kernel applies it to
each output row as it is produced, so its Exp takes Eigen's packets of 8 from the start
of every row and libm's expf on each row's tail (the Elu node gets `fused_rows=True`).
So does a float32 NHWC Conv2D's BiasAdd + Elu (_FusedConv2D ["BiasAdd", "Elu"]): the
output kernel's rows are the output pixels' channels (checked against TF 1.14 for 4, 12
and 20 channels; golden seeded/pprobe20_scripts vaegan_feature_match).
Like reciprocal_div.py, this rewrite changes values, so the session applies it to every
plan of a graph of at least MIN_GRAPH_NODES ops while remapping is on: the MatMul node
gets `fused_bias_add=True`, which its kernel reads."""
from __future__ import annotations

from ..framework import dtypes as _dt
from ._util import shapes_symbolically_equal, with_attr
from .addn_order import _is_gate
from .symbolic_shapes import symbolic_shapes


def _removable_identity(n, fetched, control):
    """An Identity that Grappler's dependency optimizer removes before the second round:
    one output, not fetched, no control edges in or out."""
    return (n.type == "Identity" and len(n.outputs) == 1 and n.op is not None
            and not n.op._control_inputs and id(n.op) not in control
            and n.outputs[0] not in fetched and not n.recompute)


def _removable_reshape(n, fetched, control, program, sym):
    """A Reshape to its input's own shape that Grappler removes in the first round (not
    fetched, no control edges in or out): static shapes equal, with at most one unknown dim
    at the same place, or Grappler's symbolic shapes equal. `sym`: a one-slot cache of
    symbolic_shapes(program)."""
    if (n.type != "Reshape" or len(n.outputs) != 1 or n.op is None or n.op._control_inputs
            or id(n.op) in control or n.outputs[0] in fetched or n.recompute):
        return False
    sa, sb = program.shapes.get(n.inputs[0]), program.shapes.get(n.outputs[0])
    ta = sa.as_tuple() if sa is not None else None
    if ta is not None and ta == (sb.as_tuple() if sb is not None else None) and \
            ta.count(None) <= 1:
        return True
    if not sym:
        sym.append(symbolic_shapes(program))
    return shapes_symbolically_equal(sym[0].get(n.inputs[0]), sym[0].get(n.outputs[0]))


def _gated_control_out(bias, program, ops, consts):
    """Does Grappler's first round give BiasAdd node `bias` a control edge out: one of its
    readers is no node of the plan, but a control input of a tf.gradients gate of the plan
    whose other control input constant folding made a Const (see the module docstring)?
    `ops`: the ids of the plan's ops; `consts`: the names of its Const nodes."""
    for reader in bias.op.outputs[0].consumers():
        if id(reader) in ops:
            continue
        for gate in program.nodes:
            if gate.op is None or gate.type != "NoOp" or not _is_gate(gate.op):
                continue
            ins = gate.op._control_inputs
            if reader in ins and any(c is not reader and c.name in consts for c in ins):
                return True
    return False


def _fused_elu(conv, readers, fetched, control):
    """The Elu fused after `conv`'s BiasAdd (its only reader, read only by the Elu, no
    control edges, neither fetched), as a set of 0 or 1 op ids."""
    users = readers.get(conv.outputs[0], [])
    bias = users[0]
    if (bias.type != "BiasAdd" or bias.inputs[0] != conv.outputs[0] or bias.op is None
            or bias.op._control_inputs or id(bias.op) in control
            or bias.attrs.get("data_format", "NHWC") != "NHWC"
            or bias.outputs[0] in fetched):
        return set()
    act = readers.get(bias.outputs[0], [])
    if len(act) == 1 and act[0].type == "Elu" and act[0].op is not None:
        return {id(act[0])}
    return set()


def remap_matmul_bias_add(program, reshapes=True):
    """`program` with each MatMul that Grappler fuses with its BiasAdd marked; `reshapes`:
    a Reshape to the same shape between them is removed first (the arithmetic optimizer or
    constant folding is on)."""
    if not any(n.type in ("MatMul", "Conv2D") for n in program.nodes):
        return program
    readers = {}
    for n in program.nodes:
        for v in n.inputs:
            readers.setdefault(v, []).append(n)
    control = set()     # ops some node of the plan waits for
    for n in program.nodes:
        if n.op is not None:
            control.update(id(c) for c in n.op._control_inputs)
    fetched = set(program.fetches)
    marked = set()
    rows = set()    # Elus fused after the BiasAdd
    sym = []        # symbolic_shapes(program), when a Reshape needs it
    ops = {id(n.op) for n in program.nodes if n.op is not None}
    consts = {n.name for n in program.nodes if n.type == "Const"}
    for n in program.nodes:
        if n.type not in ("MatMul", "Conv2D") or len(n.outputs) != 1 or n.recompute \
                or n.op is None:
            continue
        out = n.outputs[0]
        users = readers.get(out, [])
        if (program.dtypes.get(out) != _dt.float32 or out in fetched or len(users) != 1
                or n.op._control_inputs or id(n.op) in control):
            continue
        if n.type == "Conv2D":
            # _FusedConv2D ["BiasAdd", "Elu"] (NHWC): only the Elu's values change, each
            # output pixel's channels a row of the output kernel
            if n.attrs.get("data_format", "NHWC") == "NHWC":
                rows.update(_fused_elu(n, readers, fetched, control))
            continue
        # an Identity between them (linear_model's weighted_sum_no_bias): the dependency
        # optimizer removes it in the first round, the remapper fuses in the second
        v, user = out, users[0]
        reshaped = False
        if _removable_identity(user, fetched, control) or (
                reshapes and _removable_reshape(user, fetched, control, program, sym)):
            reshaped = user.type == "Reshape"
            v, users = user.outputs[0], readers.get(user.outputs[0], [])
            if len(users) != 1:
                continue
            user = users[0]
        # nor a BiasAdd with control edges in or out (TF 1.14's FindContractionWithBias:
        # K.function's updates group waits for its first output)
        if (user.type != "BiasAdd" or user.inputs[0] != v or user.op is None
                or user.op._control_inputs or id(user.op) in control):
            continue
        if reshaped and _gated_control_out(user, program, ops, consts):
            continue    # (fused in the second round: too late, see the docstring)
        marked.add(id(n))
        # BiasAdd + Elu: the activation joins the fusion (_FusedMatMul's fused_ops
        # ["BiasAdd", "Elu"]) when the BiasAdd is read only by it
        act = readers.get(user.outputs[0], [])
        if (len(act) == 1 and act[0].type == "Elu" and user.outputs[0] not in fetched
                and user.op is not None and not user.op._control_inputs
                and id(user.op) not in control):
            rows.add(id(act[0]))
    return with_attr(with_attr(program, marked, "fused_bias_add"), rows, "fused_rows")
