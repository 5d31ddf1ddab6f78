"""tf.contrib.graph_editor's transform: copies of subgraph views, in the same graph or
another, with inputs replaced (TF 1.14's contrib/graph_editor/transform.py).

A copied op is made from the original's type and attrs on the new inputs (its output
shapes inferred from them, as TF's Operation built from the NodeDef), under the name
`dst_scope` + the name relative to `src_scope`, made unique; with the original's device,
colocation and gradient override, and none of the graph's current control dependencies,
device or colocation scopes (TF builds the Operation directly). flowgrad's own forms of
TF's control flow (tf.cond, tf.while_loop, TensorArrays...: one op for several of TF's
nodes) are not copied: NotImplementedError names the op."""
from __future__ import annotations

import functools
import io

from ... import logging
from ...engine.framework.graph import _VIEW_TYPES, Graph, Operation, Tensor
from . import reroute, select, subgraph, util

__all__ = ["replace_t_with_placeholder_handler", "keep_t_if_possible_handler",
           "assign_renamed_collections_handler", "transform_op_if_inside_handler",
           "copy_op_handler", "Transformer", "TransformerInfo", "copy",
           "copy_with_input_replacements", "graph_replace"]


def replace_t_with_placeholder_handler(info, t):
    """A placeholder for `t` in the destination graph and scope."""
    with info.graph_.as_default():
        return util.make_placeholder_from_tensor(t, scope=info.scope_)


def keep_t_if_possible_handler(info, t):
    """`t` itself when copying within its graph, else a placeholder."""
    if info.graph is info.graph_:
        return t
    return replace_t_with_placeholder_handler(info, t)


def assign_renamed_collections_handler(info, elem, elem_):
    """Adds `elem_` to the collections of `elem` (a collection not of GraphKeys renamed
    as the op names)."""
    known = util.get_predefined_collection_names()
    for name, collection in info.collections.items():
        if elem in collection:
            info.graph_.add_to_collection(name if name in known else info.new_name(name),
                                          elem_)


def transform_op_if_inside_handler(info, op, keep_if_possible=True):
    """The copy of `op` if the view holds it, else `op` within its graph, else None."""
    if op in info.sgv.ops:
        return info.transformed_ops[op]
    if keep_if_possible and info.graph is info.graph_:
        return op
    return None


def _copyable(op):
    if type(op) is not Operation or op._type in _VIEW_TYPES or op in op._graph._branch_of:
        raise NotImplementedError(
            f"tf.contrib.graph_editor cannot copy '{op.name}' (a {op.type} op): flowgrad "
            "builds TF's control flow and TensorArrays as ops of its own, whose TF nodes "
            "it does not copy.")


def copy_op_handler(info, op, new_inputs, copy_shape=False, nodedef_fn=None):
    """(copy, its outputs): an op of `op`'s type and attrs on `new_inputs`, in
    info.graph_, named info.new_name(op.name) made unique."""
    if isinstance(new_inputs, bool):
        raise TypeError("the `new_inputs` argument must be an iterable.")
    if nodedef_fn is not None:
        raise NotImplementedError(
            "tf.contrib.graph_editor.copy_op_handler: nodedef_fn (flowgrad builds the copy "
            "from the op's attrs, not from a NodeDef)")
    _copyable(op)
    g = info.graph_
    name_ = g.unique_name(info.new_name(op.name))
    with g.as_default(), g.control_dependencies(None):
        op_ = g._create_op(op._type, list(new_inputs), dict(op._attrs), name_ + "/")
    op_._device = op._device
    op_._colocation = list(op._colocation) if op._colocation else None
    op_._grad_type = op._grad_type
    if copy_shape:
        for t, t_ in zip(op.outputs, op_.outputs):
            t_.set_shape(t.get_shape())
    return op_, op_.outputs


class TransformerInfo:
    """The result of a transform: the maps from original ops/tensors to their copies."""

    def __init__(self, info):
        self._graph, self._scope = info.graph, info.scope
        self._graph_, self._scope_ = info.graph_, info.scope_
        self._transformed_ops = info.transformed_ops
        self._transformed_ts = info.transformed_ts

    def _get_transformed_map(self, top):
        if isinstance(top, Operation):
            return self._transformed_ops
        if isinstance(top, Tensor):
            return self._transformed_ts
        raise TypeError(f"Expected a tf.Tensor or a tf.Operation, got a {type(top)}")

    def _transformed_elem(self, original_top, missing_fn=None):
        found = self._get_transformed_map(original_top).get(original_top)
        if found is None:
            return None if missing_fn is None else missing_fn(original_top)
        return found

    def _original_elem(self, transformed_top, missing_fn=None):
        for original, transformed in self._get_transformed_map(transformed_top).items():
            if transformed is transformed_top:
                return original
        return None if missing_fn is None else missing_fn(transformed_top)

    def transformed(self, original, missing_fn=None):
        """The copies of the ops/tensors of the tree `original` (missing: missing_fn's
        value, else None)."""
        return util.transform_tree(original, functools.partial(self._transformed_elem,
                                                               missing_fn=missing_fn))

    def original(self, transformed, missing_fn=None):
        """The originals of the copies in the tree `transformed`."""
        return util.transform_tree(transformed, functools.partial(self._original_elem,
                                                                  missing_fn=missing_fn))

    def __str__(self):
        res = io.StringIO()
        print("Transform result info:", file=res)
        if self._graph == self._graph_:
            in_place = "" if self._scope_ else " IN-PLACE"
            print(f"  Within graph[{id(self._graph)}]{in_place}", file=res)
        else:
            print(f"  graph[{id(self._graph)}] => graph[{id(self._graph_)}]", file=res)
        if self._scope:
            print(f"  Relative to source scope: {self._scope}", file=res)
        if self._scope_:
            print(f"  Scope destination: {self._scope_}", file=res)
        print("Operations mapping:", file=res)
        for op, op_ in self._transformed_ops.items():
            print(f"  {op.name} => {op_.name}", file=res)
        return res.getvalue()


class _TmpInfo:
    """What a transform needs while it runs."""

    def __init__(self, sgv, dst_graph, dst_scope, src_scope):
        self.sgv = sgv
        self.sgv_inputs_set = frozenset(sgv.inputs)
        self.ops = frozenset(sgv.ops)
        self.control_outputs = util.ControlOutputs(sgv.graph)
        self.graph, self.scope = sgv.graph, src_scope
        self.graph_, self.scope_ = dst_graph, dst_scope
        self.transformed_ops, self.transformed_ts = {}, {}
        self.collections = {k: self.graph.get_collection(k)
                            for k in self.graph.get_all_collection_keys()}
        self.cyclic_ops = []
        self.transform_original_op_handler = transform_op_if_inside_handler
        self.tmp_cyclic_ts = []

    def new_name(self, name):
        """`name` moved from the source scope to the destination scope."""
        if not name.startswith(self.scope):
            raise ValueError(f"{name} does not belong to source scope: {self.scope}.")
        return self.scope_ + name[len(self.scope):]


class Transformer:
    """Copies a subgraph view; its handlers (attributes) decide how each op, external
    input, control input and collection is transformed."""

    def __init__(self):
        self.transform_op_handler = copy_op_handler
        self.transform_control_input_handler = transform_op_if_inside_handler
        self.assign_collections_handler = assign_renamed_collections_handler
        self.transform_external_input_handler = replace_t_with_placeholder_handler
        self.transform_external_hidden_input_handler = keep_t_if_possible_handler
        self.transform_original_op_handler = transform_op_if_inside_handler

    def __call__(self, sgv, dst_graph, dst_scope, src_scope="", reuse_dst_scope=False):
        """(the copy's view, TransformerInfo)."""
        sgv = subgraph.make_view(sgv)
        if not isinstance(dst_graph, Graph):
            raise TypeError(f"Expected a tf.Graph, got: {type(dst_graph)}")
        src_scope = util.scope_finalize(src_scope)
        dst_scope = util.scope_finalize(dst_scope)
        if dst_scope and not reuse_dst_scope:
            dst_scope = util.scope_finalize(dst_graph.unique_name(dst_scope[:-1]))
        for op in sgv.ops:   # (before anything is built)
            _copyable(op)
        info = _TmpInfo(sgv, dst_graph, dst_scope, src_scope)
        self._copy_ops(info)
        self._finalize_cycles(info)
        self._connect_control_inputs(info)
        return self._transform_sgv(info, sgv), TransformerInfo(info)

    def _copy_ops(self, info):
        for op in sorted(info.sgv.ops, key=lambda op: op._id):
            new_inputs = [self._transformed_t(info, t, op) for t in op.inputs]
            op_, outputs_ = self.transform_op_handler(info, op, new_inputs)
            if op is op_:
                raise ValueError("In-place transformation not allowed.")
            info.transformed_ops[op] = op_
            self.assign_collections_handler(info, op, op_)
            for t, t_ in zip(op.outputs, outputs_):
                info.transformed_ts[t] = t_
                self.assign_collections_handler(info, t, t_)

    def _finalize_cycles(self, info):
        for t, tmp_t_, consumer_op in info.tmp_cyclic_ts:
            if t not in info.transformed_ts:
                raise ValueError(f"The tensor {t.name} should be transformed by now.")
            if consumer_op not in info.transformed_ops:
                raise ValueError(f"The op {consumer_op.name} should be transformed by now.")
            consumer_op_ = info.transformed_ops[consumer_op]
            consumer_op_._update_input(list(consumer_op_.inputs).index(tmp_t_),
                                       info.transformed_ts[t])

    def _connect_control_inputs(self, info):
        for op in info.sgv.ops:
            cis = [self.transform_control_input_handler(info, c) for c in op.control_inputs]
            reroute.add_control_inputs(info.transformed_ops[op],
                                       [c for c in cis if c is not None])

    def _transform_sgv(self, info, sgv):
        sgv_ = subgraph.SubGraphView(list(info.transformed_ops.values()))
        input_map, output_map = [], []
        for ts, ts_, mapping, index in ((sgv.inputs, sgv_.inputs, input_map, sgv_.input_index),
                                        (sgv.outputs, sgv_.outputs, output_map,
                                         sgv_.output_index)):
            for t in ts:
                t_ = info.transformed_ts.get(t)
                if t_ is not None and t_ in ts_:
                    mapping.append(index(t_))
        return sgv_.remap(input_map, output_map)

    def _transformed_t(self, info, t, consumer_op):
        if t in info.transformed_ts:
            return info.transformed_ts[t]
        if t in info.sgv_inputs_set:
            return self.transform_external_input_handler(info, t)
        if t.op not in info.ops:
            return self.transform_external_hidden_input_handler(info, t)
        # a tensor of the view not copied yet: a cycle (a loop's back edge)
        if consumer_op.type == "Merge":
            tmp_t_ = self._transformed_t(info, consumer_op.inputs[0], consumer_op)
        elif t.op.type == "Enter":
            tmp_t_ = self._transformed_t(info, t.op.inputs[0], consumer_op)
        else:
            with info.graph_.as_default():
                tmp_t_ = util.make_placeholder_from_tensor(t, scope=info.scope_,
                                                           prefix="geph_tmp")
            logging.debug("Created temporary placeholder: %s.", tmp_t_.name)
        info.tmp_cyclic_ts.append((t, tmp_t_, consumer_op))
        return tmp_t_


def _check_dst(sgv, dst_graph):
    sgv = subgraph.make_view(sgv)
    if dst_graph is None:
        dst_graph = sgv.graph
    if not isinstance(dst_graph, Graph):
        raise TypeError(f"Expected a tf.Graph, got: {type(dst_graph)}")
    return sgv, dst_graph


def copy(sgv, dst_graph=None, dst_scope="", src_scope="", reuse_dst_scope=False):
    """Copies the view's ops (external inputs: placeholders); (view, TransformerInfo)."""
    sgv, dst_graph = _check_dst(sgv, dst_graph)
    return Transformer()(sgv, dst_graph, dst_scope, src_scope,
                         reuse_dst_scope=reuse_dst_scope)


def copy_with_input_replacements(sgv, replacement_ts, dst_graph=None, dst_scope="",
                                 src_scope="", reuse_dst_scope=False):
    """Copies the view's ops, their inputs in `replacement_ts` ({tensor: tensor}) read
    from their replacement (the others kept within the graph, else placeholders)."""
    sgv, dst_graph = _check_dst(sgv, dst_graph)
    copier = Transformer()

    def replace(info, t):
        if t in replacement_ts:
            return replacement_ts[t]
        return keep_t_if_possible_handler(info, t)
    copier.transform_external_input_handler = replace
    return copier(sgv, dst_graph, dst_scope, src_scope, reuse_dst_scope=reuse_dst_scope)


def graph_replace(target_ts, replacement_ts, dst_scope="", src_scope="",
                  reuse_dst_scope=False):
    """Copies of `target_ts` (a tree) computed from `replacement_ts` ({tensor: tensor})
    instead of their keys: the ops between the keys and the targets are copied."""
    targets = util.flatten_tree(target_ts)
    graph = util.get_unique_graph(targets, check_types=Tensor)
    control_ios = util.ControlOutputs(graph)
    ops = select.get_walks_intersection_ops(list(replacement_ts), targets,
                                            control_ios=control_ios)
    if not ops:
        raise ValueError("Targets and replacements are not connected!")
    # (TF adds the ops of a while loop the walk enters: flowgrad's loop is one op)
    _, info = copy_with_input_replacements(ops, replacement_ts, None, dst_scope, src_scope,
                                           reuse_dst_scope)
    return info.transformed(target_ts, lambda t: t)
