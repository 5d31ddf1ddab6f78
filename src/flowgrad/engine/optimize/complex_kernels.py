"""Complex-dtype kernels: nodes whose op has a "complex_def" (registry.register_complex_kernel)
and whose output is complex run that OpDef's kernel (TF's std::complex / Eigen packet bits)
instead of the op's NumPy ufunc. Applied before and after every optimizer pass, so passes
that build nodes from OPS (convert_pow's Mul) get it too, and fusion and the in-place
planner see a plain, non-ufunc kernel."""
from __future__ import annotations

import dataclasses


def complex_kernels(program):
    """The program with complex nodes on their complex OpDef (the same program if none)."""
    dtypes = program.dtypes
    nodes, changed = None, False
    for i, n in enumerate(program.nodes):
        od = n.op_def
        cdef = od.props.get("complex_def") if od is not None else None
        if cdef is None or not n.outputs:
            continue
        dt = dtypes.get(n.outputs[0])
        if dt is None or not getattr(dt, "is_complex", False):
            continue
        if nodes is None:
            nodes = list(program.nodes)
        nodes[i] = dataclasses.replace(n, op_def=cdef)
        changed = True
    return program.copy(nodes=nodes) if changed else program
