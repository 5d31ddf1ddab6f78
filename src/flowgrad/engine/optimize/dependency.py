"""Identity removal and dead-node elimination (TF's dependency optimizer).

Identity-like nodes (Identity, StopGradient, PreventGradient,
PlaceholderWithDefault) are replaced by their input. When the input is
mutable state (a variable's `read`), the Identity is kept if a
state-mutating node (Assign, ...) could run between it and its last reader:
reference-variable semantics (docs/design.md) must not change.

Then every pure node none of whose outputs is read or fetched is removed.
Stateful nodes always stay: lowering only keeps those that are fetched,
targets, or control dependencies of what runs.

Before/after (fetching v3):

    v0 = VariableV2()            v0 = VariableV2()
    v1 = Identity(v0)      ->    v3 = Mul(v0, v0)
    v2 = Neg(v1)
    v3 = Mul(v1, v1)
"""
from __future__ import annotations

from ._util import apply_replacements, last_uses, mutable_values, mutating_prefix, resolve

IDENTITY_OPS = frozenset({"Identity", "StopGradient", "PreventGradient",
                          "PlaceholderWithDefault"})


def remove_identities(program, options=None):
    nodes = program.nodes
    if not any(n.type in IDENTITY_OPS for n in nodes):
        return program
    mut = mutable_values(program)
    lazy = {}
    end = len(nodes)
    repl = {}
    keep = []
    for i, n in enumerate(nodes):
        if n.type in IDENTITY_OPS and len(n.inputs) == 1 and len(n.outputs) == 1 \
                and not n.stateful and not n.recompute:
            src = resolve(repl, n.inputs[0])
            out = n.outputs[0]
            if src in mut and not lazy:
                lazy["last"] = last_uses(program)
                lazy["pref"] = mutating_prefix(nodes)
            if src not in mut or lazy["pref"][min(lazy["last"].get(out, i), end - 1) + 1] \
                    - lazy["pref"][i + 1] == 0:
                repl[out] = src
                continue
        keep.append(n)
    if not repl:
        return program
    return apply_replacements(program, keep, repl)


def remove_dead_nodes(program, options=None):
    live = set(program.fetches)
    keep = []
    for n in reversed(program.nodes):
        if n.stateful or any(v in live for v in n.outputs):
            keep.append(n)
            live.update(n.inputs)
    if len(keep) == len(program.nodes):
        return program
    keep.reverse()
    return program.copy(nodes=keep)


def dependency_optimization(program, options=None):
    return remove_dead_nodes(remove_identities(program, options), options)
