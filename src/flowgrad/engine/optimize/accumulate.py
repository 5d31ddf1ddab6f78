"""Running accumulation of AddN: sum gradient contributions as they are produced.

`tf.gradients` sums the contributions to a tensor with one AddN at the end
(a shared weight in an n-step chain gets n contributions), which keeps all n
contribution buffers alive until the last one exists: O(n) memory. This pass
replaces AddN(a0, ..., an) of equal static shapes by a chain of Adds, each
placed right after the contribution it adds is produced, so each contribution
dies at once (the memory planner then adds in place: one accumulator buffer).
The AddN kernel sums left to right with np.add (more than 9 inputs: in blocks of 8,
each added to the sum so far, as TF's kernel), and so does the chain: the result is
bit-for-bit the same (the XLA program's chain, `addn_order` off, sums left to right
and so rolls into one loop). Skipped when an input is (a view of) mutable
state, whose value could change between the two positions.

Before/after:

    v3 = Mul(v0, v1)              v3 = Mul(v0, v1)
    v4 = Mul(v0, v2)              v4 = Mul(v0, v2)
    v5 = Mul(v1, v2)       ->     v7 = AddV2(v3, v4)
    v6 = AddN(v3, v4, v5)         v5 = Mul(v1, v2)
                                  v6 = AddV2(v7, v5)
"""
from __future__ import annotations

from ..framework.registry import OPS
from ..runtime.ir import Node
from ._util import mutable_values, static_shape


def accumulate_n(program, options=None):
    nodes = program.nodes
    if not any(n.type == "AddN" and len(n.inputs) > 2 for n in nodes):
        return program
    add = OPS.get("AddV2") or OPS["Add"]
    pos = {}
    for i, n in enumerate(nodes):
        for v in n.outputs:
            pos[v] = i
    mut = mutable_values(program)
    out = program.copy()
    after = {}             # node index -> nodes to insert right after it (-1: at the start)
    drop = set()
    for i, n in enumerate(nodes):
        if n.type != "AddN" or len(n.inputs) < 3 or n.recompute or len(n.outputs) != 1:
            continue
        shape = static_shape(program, n.outputs[0])
        if shape is None or any(static_shape(program, v) != shape for v in n.inputs) or \
                any(v in mut for v in n.inputs):
            continue
        dt = program.dtypes.get(n.outputs[0])
        k = len(n.inputs)
        # TF's kernel groups the inputs (the first k % 8, then each 8 summed and added);
        # the XLA program's AddN (addn_order off) sums left to right, so its chain rolls
        r = k % 8 if (options or {}).get("addn_order", True) else k
        r = 8 if r == 0 else 9 if r == 1 else r
        count = [0]

        def add_node(a, b, at):
            """a + b placed at `at`; the AddN's own output when it is the last add."""
            count[0] += 1
            res = n.outputs[0] if count[0] == k - 1 else \
                out.new_value(dt, program.shapes[n.outputs[0]])
            after.setdefault(at, []).append(Node(add.name, add, {}, [a, b], [res],
                                                 f"{n.name}/accumulate_{count[0]}", n.op))
            return res

        def chain(vs):
            acc, at = vs[0], pos.get(vs[0], -1)
            for v in vs[1:]:
                at = max(at, pos.get(v, -1))
                acc = add_node(acc, v, at)
            return acc, at

        acc, at = chain(n.inputs[:r])
        for j in range(r, k, 8):
            block, at_b = chain(n.inputs[j:j + 8])
            at = max(at, at_b)
            acc = add_node(acc, block, at)
        drop.add(i)
    if not drop:
        return program
    new_nodes = list(after.get(-1, ()))
    for i, n in enumerate(nodes):
        if i not in drop:
            new_nodes.append(n)
        new_nodes.extend(after.get(i, ()))
    out.nodes = new_nodes
    return out
