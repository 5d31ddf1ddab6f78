"""tf.contrib.graph_editor's SubGraphView: ops of a graph with their boundary tensors
(inputs, outputs, passthroughs), remappable (TF 1.14's contrib/graph_editor/subgraph.py)."""
from __future__ import annotations

import copy
import io

from ...engine.framework.graph import Graph
from . import select, util

__all__ = ["SubGraphView", "make_view", "make_view_from_scope"]


def _finalize_indices(indices, ts):
    return [i if isinstance(i, int) else ts.index(i) for i in indices]


def _check_within_range(mapping, n, repetition):
    for i in mapping:
        if not 0 <= i < n:
            raise ValueError(f"Out of [0, {n}[ range: {i}")
    if not repetition and len(set(mapping)) != len(mapping):
        raise ValueError(f"Found repetition in mapping: {mapping}")


class SubGraphView:
    """A view of `inside_ops` of a graph: its inputs are the tensors they read from
    outside, its outputs those read outside them (or by nothing), each list followed by
    the `passthrough_ts` (tensors going from input to output untouched). Views are
    values: the remap_* methods return new views."""

    def __init__(self, inside_ops=(), passthrough_ts=()):
        inside_ops = util.make_list_of_op(inside_ops)
        passthrough_ts = util.make_list_of_t(passthrough_ts)
        if not inside_ops and not passthrough_ts:
            self._graph, self._ops = None, []
            self._passthrough_ts, self._input_ts, self._output_ts = [], [], []
            return
        self._graph = util.get_unique_graph(inside_ops + passthrough_ts)
        self._ops = inside_ops
        inputs, outputs, insides = select.compute_boundary_ts(inside_ops)
        known = frozenset(inputs + outputs + insides)
        self._passthrough_ts = [t for t in passthrough_ts if t not in known]
        self._input_ts = inputs + self._passthrough_ts
        self._output_ts = outputs + self._passthrough_ts

    def __copy__(self):
        res = self.__class__.__new__(self.__class__)
        res._assign_from(self)
        return res

    def _assign_from(self, other):
        if not isinstance(other, SubGraphView):
            raise TypeError(f"Expected SubGraphView, got: {type(other)}")
        self._graph = other._graph
        self._ops = list(other._ops)
        self._passthrough_ts = list(other._passthrough_ts)
        self._input_ts = list(other._input_ts)
        self._output_ts = list(other._output_ts)

    def copy(self):
        return copy.copy(self)

    def _remap_default(self, remove_input_map=True, remove_output_map=True):
        if not remove_input_map and not remove_output_map:
            return
        inputs, outputs, _ = select.compute_boundary_ts(self._ops)
        if remove_input_map:
            self._input_ts = list(inputs) + self._passthrough_ts
        if remove_output_map:
            self._output_ts = list(outputs) + self._passthrough_ts

    def _remap_inputs(self, new_input_indices):
        idx = _finalize_indices(new_input_indices, self._input_ts)
        _check_within_range(idx, len(self._input_ts), repetition=False)
        self._input_ts = [self._input_ts[i] for i in idx]

    def _remap_outputs(self, new_output_indices):
        idx = _finalize_indices(new_output_indices, self._output_ts)
        _check_within_range(idx, len(self._output_ts), repetition=True)
        self._output_ts = [self._output_ts[i] for i in idx]

    def _remap_outputs_make_unique(self):
        self._output_ts = util.concatenate_unique([], self._output_ts)

    def _remap_outputs_to_consumers(self):
        self._remap_outputs_make_unique()
        self._output_ts = [t for t in self._output_ts for _ in t.consumers()]

    def _remove_unused_ops(self, control_inputs=True):
        keep = set(select.get_walks_union_ops(self.connected_inputs, self.connected_outputs,
                                              within_ops=self._ops,
                                              control_inputs=control_inputs))
        self._ops = [op for op in self._ops if op in keep]

    def _changed(self, method, *args):
        res = self.copy()
        getattr(res, method)(*args)
        return res

    def remap_default(self, remove_input_map=True, remove_output_map=True):
        """A view with the default (boundary) inputs and/or outputs."""
        return self._changed("_remap_default", remove_input_map, remove_output_map)

    def remap_outputs_make_unique(self):
        """A view listing each output once."""
        return self._changed("_remap_outputs_make_unique")

    def remap_outputs_to_consumers(self):
        """A view listing each output once per consumer."""
        return self._changed("_remap_outputs_to_consumers")

    def remove_unused_ops(self, control_inputs=True):
        """A view without the ops no walk from its inputs or outputs reaches."""
        return self._changed("_remove_unused_ops", control_inputs)

    def remap_inputs(self, new_input_indices):
        """A view whose inputs are these (indices or tensors), no repetition."""
        return self._changed("_remap_inputs", new_input_indices)

    def remap_outputs(self, new_output_indices):
        """A view whose outputs are these (indices or tensors)."""
        return self._changed("_remap_outputs", new_output_indices)

    def remap(self, new_input_indices=None, new_output_indices=None):
        """remap_inputs and remap_outputs together (None: unchanged)."""
        res = self.copy()
        if new_input_indices is not None:
            res._remap_inputs(new_input_indices)
        if new_output_indices is not None:
            res._remap_outputs(new_output_indices)
        return res

    def find_op_by_name(self, op_name):
        res = [op for op in self._ops if op.name == op_name]
        if not res:
            raise ValueError(f"{op_name} not in subgraph.")
        if len(res) > 1:
            raise AssertionError(f"More than 1 op named: {op_name}!")
        return res[0]

    def __str__(self):
        if not self:
            return "SubGraphView: empty"
        res = io.StringIO()

        def section(name, items, get_name):
            if items:
                print(f"** {name}[{len(items)}]:", file=res)
                print("\n".join(f"  {get_name(x)}" for x in items), file=res)
            else:
                print(f"** {name}: empty", file=res)
        print(f"SubGraphView (graphid={id(self.graph)}):", file=res)
        section("ops", self._ops, lambda op: op.name)
        for name, ts in (("inputs", self._input_ts), ("outputs", self._output_ts)):
            section(name, ts, lambda t: f"{t.name} *" if t in self._passthrough_ts else t.name)
        return res.getvalue()

    @property
    def graph(self):
        return self._graph

    @property
    def ops(self):
        return self._ops

    @property
    def inputs(self):
        return util.ListView(self._input_ts)

    @property
    def connected_inputs(self):
        return [t for t in self._input_ts if t not in self._passthrough_ts]

    @property
    def outputs(self):
        return util.ListView(self._output_ts)

    @property
    def connected_outputs(self):
        return [t for t in self._output_ts if t not in self._passthrough_ts]

    @property
    def passthroughs(self):
        return util.ListView(self._passthrough_ts)

    def __bool__(self):
        return self._graph is not None

    def op(self, op_id):
        return self._ops[op_id]

    def is_passthrough(self, t):
        return t in self._passthrough_ts

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        pass

    def input_index(self, t):
        """The index of input `t` (ValueError if it is none)."""
        if t not in self._input_ts:
            raise ValueError(f"Can't find {t.name} in inputs of subgraph.")
        return self._input_ts.index(t)

    def output_index(self, t):
        """The index of output `t` (ValueError if it is none)."""
        if t not in self._output_ts:
            raise ValueError(f"Can't find {t.name} in outputs of subgraph.")
        return self._output_ts.index(t)

    def consumers(self):
        """The ops outside the view reading one of its outputs."""
        inside = frozenset(self._ops)
        res = []
        for t in self._output_ts:
            util.concatenate_unique(res, [op for op in t.consumers() if op not in inside])
        return res


def _check_graph(sgv, graph):
    if not isinstance(sgv, SubGraphView):
        raise TypeError(f"Expected a SubGraphView, got: {type(graph)}")
    if graph is None or not sgv.graph:
        return sgv
    if not isinstance(graph, Graph):
        raise TypeError(f"Expected a tf.Graph, got: {type(graph)}")
    if sgv.graph is not graph:
        raise ValueError("Graph mismatch.")
    return sgv


def make_view(*args, **kwargs):
    """A SubGraphView of what select_ops_and_ts(*args, **kwargs) selects (a view given
    alone is returned as it is); ge.sgv."""
    graph = kwargs.get("graph")
    if len(args) == 1 and isinstance(args[0], SubGraphView):
        return _check_graph(args[0], graph)
    ops, ts = select.select_ops_and_ts(*args, **kwargs)
    return _check_graph(SubGraphView(ops, ts), graph)


def make_view_from_scope(scope, graph):
    """A SubGraphView of the ops under name scope `scope`; ge.sgv_scope."""
    return SubGraphView(select.get_name_scope_ops(graph, scope))
