"""Complex-dtype kernels: nodes whose op has a "complex_def" (registry.register_complex_kernel)
and whose output is complex run that OpDef's kernel (TF's std::complex / Eigen packet bits)
instead of the op's NumPy ufunc; likewise string outputs an op's "string_def"
(registry.register_string_kernel: Add's concatenation into object arrays). Applied before
and after every optimizer pass, so passes that build nodes from OPS (convert_pow's Mul) get
it too, and fusion and the in-place planner see a plain, non-ufunc kernel. Nodes whose
output is bfloat16 (kept in float32 storage) get their op's bfloat16 OpDef
(registry.register_bfloat16_kernel; an elementwise op's float32 kernel rounded to bfloat16),
as TF's bfloat16 kernels round every result."""
from __future__ import annotations

import dataclasses

from ..framework.dtypes import bfloat16 as _BF16
from ..framework.registry import dtype_def


def complex_kernels(program):
    """The program with complex nodes on their complex OpDef (the same program if none)."""
    dtypes = program.dtypes
    nodes, changed = None, False
    for i, n in enumerate(program.nodes):
        od = n.op_def
        if od is None or not n.outputs:
            continue
        dt = dtypes.get(n.outputs[0])
        if not ("complex_def" in od.props or "string_def" in od.props or dt is _BF16):
            continue
        cdef = dtype_def(od, dt)
        if cdef is None:
            continue
        if nodes is None:
            nodes = list(program.nodes)
        nodes[i] = dataclasses.replace(n, op_def=cdef)
        changed = True
    return program.copy(nodes=nodes) if changed else program
