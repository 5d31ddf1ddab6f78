"""tf.data's function graphs: map/filter/... functions traced into a `FuncGraph` nested in
the user's graph, and `_FnRunner`, which runs one in a session (engine/ops/dataset.py)."""
from __future__ import annotations

import threading

from ..framework import dtypes as _dt
from ..framework.graph import UIDS, Graph, Tensor, body_graph_for
from ..optimize import optimize_program
from ..optimize.reciprocal_div import reciprocal_division
from ..runtime.backends.numpy import CompiledProgram
from ..runtime.ir import lower
from .resource import handle_info

__all__ = ["FuncGraph", "FunctionInfo", "next_uid"]

# TF's ops.uid(), as the suffix of a traced tf.data function's name: a process-wide count
# in TF (every uid TF takes advances it), so the numbers differ from TF's
def next_uid():
    """The next number of a traced function's name (TF's ops.uid())."""
    return next(UIDS)


class FuncGraph(Graph):
    """A graph nested in `outer`: tensors of an enclosing graph become placeholders here.

    `captures` maps each outer tensor to its placeholder, in capture order; the
    op that runs the function takes the outer tensors as inputs.
    """

    def __init__(self, outer, name="fn"):
        super().__init__()
        self._outer_graph = outer
        self.name = name
        self.captures = {}
        self.seed = outer.seed if hasattr(outer, "seed") else None
        self._seed_used = False   # a random op took its seed from `seed` (TF's warning)
        # TF's FuncGraph inherits the outer graph's variable creators
        self._variable_creators = list(getattr(outer, "_variable_creators", ()))

    @property
    def building_function(self) -> bool:
        """True, as TF's FuncGraph: tf.cond builds TF's cond_v2 here (its op counter)."""
        return True

    def capture(self, t):
        if t._op._graph is self:
            return t
        ph = self.captures.get(t)
        if ph is None:
            base = t.dtype.base_dtype
            attrs = {"dtype": base, "shape": t.shape}
            if base is _dt.resource:
                info = handle_info(t)
                if info is not None:      # the variable's dtype and shape, for its reads
                    attrs["_handle_data"] = info
            # made as TF's _create_substitute_placeholder, under control_dependencies(None):
            # outside the control_dependencies blocks and the tf.cond branch / while body
            # being built (the cond's op takes the placeholder as a capture)
            with self.control_dependencies(None):
                ph = Graph._create_op(self, "Placeholder", [], attrs, None)._outputs[0]
            self.captures[t] = ph
        return ph

    def _create_op(self, op_type, inputs, attrs, name=None, ctrl=None):
        d = body_graph_for(self)
        if d is not None:   # a body nested in this one is being traced: made there (as Graph)
            return d._create_op(op_type, inputs, attrs, name, ctrl)
        if any(isinstance(t, Tensor) and t._op._graph is not self for t in inputs):
            inputs = [self.capture(t) if isinstance(t, Tensor) else t for t in inputs]
        return super()._create_op(op_type, inputs, attrs, name, ctrl)


class FunctionInfo:
    """A traced function: its graph, argument placeholders, outputs and captures."""

    def __init__(self, graph, args, outputs):
        self.graph = graph
        self.args = list(args)
        self.outputs = list(outputs)
        caps = getattr(graph, "captures", {})
        self.outer_captures = list(caps)
        self.inner_captures = [caps[t] for t in self.outer_captures]
        self.satisfied = frozenset()   # ops whose control edges need not run (lower's)


class _FnRunner:
    """Runs a FunctionInfo in a session: `fn(args, captures) -> list of output values`.

    One compiled sub-plan per thread (a plan's buffers are not shared between
    concurrent calls); interpreted on its first call, compiled from the second.
    """

    def __init__(self, info, ctx):
        self.info = info
        self.ctx = ctx
        self._local = threading.local()
        options = ctx.session._config_options if ctx.session is not None else {}
        self._options = options

    def _plan(self):
        st = self._local.__dict__
        comp = st.get("comp")
        if comp is None:
            info = self.info
            prog = lower(info.graph, info.outputs, [], info.args + info.inner_captures,
                         satisfied=info.satisfied)
            # TF optimizes a tf.data function with Grappler's constant folding, which
            # runs x / c as x * (1 / c) (the function as written keeps its RealDiv)
            prog = optimize_program(reciprocal_division(prog), self._options)
            comp = st["comp"] = CompiledProgram(prog, self.ctx, inplace=False)
            st["calls"] = 0
        return comp, st

    def __call__(self, args, captures):
        comp, st = self._plan()
        feeds = list(args) + list(captures)
        try:
            if comp.fn is not None:
                out = comp.fn(feeds)
            else:
                st["calls"] += 1
                out = comp.interpret(feeds) if st["calls"] == 1 else comp.compile()(feeds)
        except Exception as e:  # noqa: BLE001 - mapped to the failing function op
            raise comp.translate_error(e) from None
        return list(out)

