"""The NumPy backend: emits a Program as one straight-line Python function.

The generated function takes the feed list and returns the fetch tuple; each
node is one line `vOUT = K<i>(vIN, ...)`, followed by `del` of the values
whose last reader it was. Running a plan therefore costs one Python call per
kernel and nothing else: no dictionaries, no dispatch.
"""
from __future__ import annotations

import functools
import itertools
import linecache
import sys

import numpy as np

from ...framework import errors

_counter = itertools.count()


def bind_kernel(node, ctx):
    od = node.op_def
    if od.bind is not None:
        return od.bind(node, ctx)
    if node.attrs:
        return functools.partial(od.kernel, **node.attrs)
    return od.kernel


class CompiledProgram:
    """A callable plan: `fn(feeds) -> tuple(fetched values)`."""

    def __init__(self, program, ctx):
        self.program = program
        nodes = program.nodes
        fetch_set = set(program.fetches)
        last_use = {}
        for i, n in enumerate(nodes):
            for v in n.inputs:
                last_use[v] = i
        lines = ["def _plan(F):"]
        line_node = {}
        env = {}
        for j, v in enumerate(program.feeds):
            lines.append(f"    v{v} = F[{j}]")
        for v in program.feeds:
            if v not in last_use and v not in fetch_set:
                lines.append(f"    del v{v}")
        for i, n in enumerate(nodes):
            k = f"K{i}"
            env[k] = bind_kernel(n, ctx)
            args = ", ".join(f"v{v}" for v in n.inputs)
            if not n.outputs:
                lhs = ""
            elif len(n.outputs) == 1:
                lhs = f"v{n.outputs[0]} = "
            else:
                lhs = ", ".join(f"v{v}" for v in n.outputs) + " = "
            line_node[len(lines) + 1] = i
            lines.append(f"    {lhs}{k}({args})")
            dead = [v for v in n.inputs if last_use.get(v) == i and v not in fetch_set]
            dead += [v for v in n.outputs if v not in last_use and v not in fetch_set]
            if dead:
                lines.append("    del " + ", ".join(f"v{v}" for v in dict.fromkeys(dead)))
        rets = ", ".join(f"v{v}" for v in program.fetches)
        lines.append(f"    return ({rets}{',' if len(program.fetches) == 1 else ''})")
        src = "\n".join(lines) + "\n"
        filename = f"<flowgrad-plan-{next(_counter)}>"
        code = compile(src, filename, "exec")
        exec(code, env)
        self.source = src
        self.filename = filename
        self.fn = env["_plan"]
        self.line_node = line_node
        if ctx is not None and getattr(ctx, "keep_source", False):
            linecache.cache[filename] = (len(src), None, src.splitlines(True), filename)

    def failing_node(self, tb):
        """The node whose kernel raised, found from the traceback's line number."""
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == self.filename:
                idx = self.line_node.get(tb.tb_lineno)
                return None if idx is None else self.program.nodes[idx]
            tb = tb.tb_next
        return None

    def translate_error(self, exc):
        """Turns a kernel exception into the OpError TF would raise, naming the op."""
        node = self.failing_node(sys.exc_info()[2])
        op = node.op if node is not None else None
        name = node.name if node is not None else "?"
        if isinstance(exc, errors.OpError):
            if exc.op is None and op is not None:
                exc._op = op
                if f"node {name}" not in exc.message:
                    exc._message = f"{exc.message}\n\t [[node {name}]]"
                    exc.args = (exc._message,)
            return exc
        ty = node.type if node is not None else "?"
        return errors.InvalidArgumentError(
            None, op, f"{type(exc).__name__} in op '{name}' ({ty}): {exc}\n\t [[node {name}]]")


errstate = np.errstate
