"""Grappler's constant folding of an AddN's constant inputs, as TF 1.14 does it (values
change).

An AddN of 3+ inputs of which more than one, but not all, are constants
(once folded: `_util.constant_only`) is split: a new AddN of the constant inputs, in their
order, named `ConstantFolding/<name>_partial_split_<k>`, is folded to one constant, and
the AddN reads it where it read its first constant input, its other constant inputs
dropped. So `AddN(g, c1, h, c2)` sums `AddN(g, c1 + c2, h)`, and the new name sorts
before the gradients' in the arithmetic optimizer's canonical order (a gradient sum with
constant terms, such as `reduce_mean(depthwise_conv2d(img, k))`'s).

Before/after (v1, v3 constants):

    v4 = AddN(v0, v1, v2, v3)   ->   v5 = AddN(v1, v3)
                                     v4 = AddN(v0, v5, v2)
"""
from __future__ import annotations

import dataclasses

from ..framework.registry import OPS
from ..runtime.ir import Node
from ._util import constant_only
from .addn_order import PARTIAL_SPLIT_ATTR



def partial_split(program):
    """`program` with its AddNs' constant inputs summed by a constant AddN of their own
    (a fetched AddN too: TF 1.14 splits `sess.run(tf.add_n([x, c1, y, c2]))`, its
    partition graph reads `ConstantFolding/AddN_partial_split_2`; a fetched gradient of a
    peephole weight whose first step reads a zero state sums so)."""
    if not any(n.type == "AddN" and len(n.inputs) > 2 for n in program.nodes):
        return program
    folded = None
    new, changed = [], False
    out = program.copy()
    for n in program.nodes:
        if n.type != "AddN" or len(n.inputs) < 3 or n.recompute or len(n.outputs) != 1:
            new.append(n)
            continue
        if folded is None:
            folded = constant_only(program.nodes)
        consts = [k for k, v in enumerate(n.inputs) if v in folded]
        if not 1 < len(consts) < len(n.inputs):
            new.append(n)
            continue
        name = "ConstantFolding/" + n.name + "_partial_split_%d" % len(consts)
        v = out.new_value(program.dtypes.get(n.outputs[0]), program.shapes.get(n.outputs[0]))
        attrs = dict(n.attrs)
        if "N" in attrs:
            attrs["N"] = len(consts)
        split = Node("AddN", OPS["AddN"], attrs, [n.inputs[k] for k in consts], [v], name,
                     None)
        keep = [k for k in range(len(n.inputs)) if k == consts[0] or k not in consts]
        ins = [v if k == consts[0] else n.inputs[k] for k in keep]
        kept = n.with_inputs(ins)
        if n.op is not None and len(n.op.inputs) == len(n.inputs):
            # (the arithmetic optimizer's canonical order sorts the split by its name)
            kept = dataclasses.replace(kept, attrs={**kept.attrs, PARTIAL_SPLIT_ATTR: tuple(
                name if k == consts[0] else n.op.inputs[k] for k in keep)})
        new.extend((split, kept))
        changed = True
    if not changed:
        return program
    out.nodes = new
    return out
