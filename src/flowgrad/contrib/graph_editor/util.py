"""tf.contrib.graph_editor's util: lists of ops and tensors, trees, scopes, placeholders
(TF 1.14's contrib/graph_editor/util.py)."""
from __future__ import annotations

import collections.abc
import re

from ...engine.framework.graph import Graph, GraphKeys, Operation, Tensor
from ...engine.ops.construction import placeholder

__all__ = ["make_list_of_op", "get_tensors", "make_list_of_t", "get_generating_ops",
           "get_consuming_ops", "ControlOutputs", "placeholder_name",
           "make_placeholder_from_tensor", "make_placeholder_from_dtype_and_shape"]

_DEFAULT_PLACEHOLDER_PREFIX = "geph"


def concatenate_unique(la, lb):
    """Appends to the list `la` the elements of `lb` it lacks; returns `la`."""
    seen = set(la)
    for x in lb:
        if x not in seen:
            la.append(x)
            seen.add(x)
    return la


class ListView:
    """A read-only view of a list."""

    def __init__(self, list_):
        if not isinstance(list_, list):
            raise TypeError(f"Expected a list, got: {type(list_)}.")
        self._list = list_

    def __iter__(self):
        return iter(self._list)

    def __len__(self):
        return len(self._list)

    def __bool__(self):
        return bool(self._list)

    def __getitem__(self, i):
        return self._list[i]

    def __add__(self, other):
        return list(self) + (other if isinstance(other, list) else list(other))


def is_iterable(obj):
    """Whether `obj` iterates (a Tensor does not, for the graph editor)."""
    if isinstance(obj, Tensor):
        return False
    try:
        iter(obj)
    except Exception:   # noqa: BLE001 - TF's test: anything iter() refuses
        return False
    return True


def flatten_tree(tree, leaves=None):
    """The leaves of nested dicts (values) and iterables, depth first."""
    if leaves is None:
        leaves = []
    if isinstance(tree, dict):
        for child in tree.values():
            flatten_tree(child, leaves)
    elif is_iterable(tree):
        for child in tree:
            flatten_tree(child, leaves)
    else:
        leaves.append(tree)
    return leaves


def transform_tree(tree, fn, iterable_type=tuple):
    """`tree` with `fn` applied to its leaves, its containers rebuilt with their types
    (other iterables as `iterable_type`)."""
    if not is_iterable(tree):
        return fn(tree)
    if isinstance(tree, dict):
        res = tree.__new__(type(tree))
        res.__init__((k, transform_tree(v, fn)) for k, v in tree.items())
        return res
    if isinstance(tree, tuple):
        if hasattr(tree, "_asdict"):
            return tree.__new__(type(tree), **transform_tree(tree._asdict(), fn))
        return tree.__new__(type(tree), (transform_tree(c, fn) for c in tree))
    if isinstance(tree, collections.abc.Sequence):
        res = tree.__new__(type(tree))
        res.__init__(transform_tree(c, fn) for c in tree)
        return res
    return iterable_type(transform_tree(c, fn) for c in tree)


def check_graphs(*args):
    """ValueError unless every argument with a graph has the same one."""
    graph = None
    for i, sgv in enumerate(args):
        if graph is None and sgv.graph is not None:
            graph = sgv.graph
        elif sgv.graph is not None and sgv.graph is not graph:
            raise ValueError(f"Argument[{i}]: Wrong graph!")


def get_unique_graph(tops, check_types=None, none_if_empty=False):
    """The one graph of the ops/tensors in `tops` (a Graph is itself)."""
    if isinstance(tops, Graph):
        return tops
    if not is_iterable(tops):
        raise TypeError(f"{type(tops)} is not iterable")
    if check_types is None:
        check_types = (Operation, Tensor)
    elif not is_iterable(check_types):
        check_types = (check_types,)
    g = None
    for op in tops:
        if not isinstance(op, check_types):
            names = ", ".join(str(t) for t in check_types)
            raise TypeError(f"Expected a type in ({names}), got: {type(op)}")
        if g is None:
            g = op.graph
        elif g is not op.graph:
            raise ValueError(f"Operation {op} does not belong to given graph")
    if g is None and not none_if_empty:
        raise ValueError("Can't find the unique graph of an empty list")
    return g


def _make_list(xs, kind, of_graph, check_graph, allow_graph, ignore_other):
    if isinstance(xs, Graph):
        if allow_graph:
            return of_graph(xs)
        raise TypeError("allow_graph is False: cannot convert a tf.Graph.")
    if not is_iterable(xs):
        xs = [xs]
    if not xs:
        return []
    if check_graph:
        get_unique_graph(xs, check_types=None if ignore_other else kind)
    return [x for x in xs if isinstance(x, kind)]


def make_list_of_op(ops, check_graph=True, allow_graph=True, ignore_ts=False):
    """The Operations of `ops` (an op, an iterable, or a Graph: its ops) as a list."""
    return _make_list(ops, Operation, Graph.get_operations, check_graph, allow_graph,
                      ignore_ts)


def get_tensors(graph):
    """The outputs of every op of `graph`."""
    if not isinstance(graph, Graph):
        raise TypeError(f"Expected a graph, got: {type(graph)}")
    return [t for op in graph.get_operations() for t in op.outputs]


def make_list_of_t(ts, check_graph=True, allow_graph=True, ignore_ops=False):
    """The Tensors of `ts` (a tensor, an iterable, or a Graph: every op's outputs)."""
    return _make_list(ts, Tensor, get_tensors, check_graph, allow_graph, ignore_ops)


def get_generating_ops(ts):
    """The op of each tensor of `ts`."""
    return [t.op for t in make_list_of_t(ts, allow_graph=False)]


def get_consuming_ops(ts):
    """The ops reading a tensor of `ts`, each once, in order."""
    ops = []
    for t in make_list_of_t(ts, allow_graph=False):
        concatenate_unique(ops, t.consumers())
    return ops


class ControlOutputs:
    """The control outputs of every op of a graph (rebuilt by `update` when ops were
    added: TF watches Graph.version)."""

    def __init__(self, graph):
        if not isinstance(graph, Graph):
            raise TypeError(f"Expected a tf.Graph, got: {type(graph)}")
        self._control_outputs = {}
        self._graph = graph
        self._version = None
        self._build()

    def update(self):
        if self._version != self._graph.version:
            self._build()
        return self

    def _build(self):
        outs = self._control_outputs
        outs.clear()
        for op in self._graph.get_operations():
            for c in op.control_inputs:
                concatenate_unique(outs.setdefault(c, []), [op])
        self._version = self._graph.version

    def get_all(self):
        return self._control_outputs

    def get(self, op):
        return self._control_outputs.get(op, ())

    @property
    def graph(self):
        return self._graph


def scope_finalize(scope):
    return scope + "/" if scope and scope[-1] != "/" else scope


def scope_dirname(scope):
    return scope[:scope.rfind("/") + 1]


def scope_basename(scope):
    return scope[scope.rfind("/") + 1:]


def placeholder_name(t=None, scope=None, prefix=_DEFAULT_PLACEHOLDER_PREFIX):
    """The graph editor's placeholder name: `<scope>/<prefix>__<op>_<index>` for a
    tensor (in its op's scope by default), else `<scope><prefix>`."""
    if scope is not None:
        scope = scope_finalize(scope)
    if t is None:
        return f"{scope or ''}{prefix}"
    if not isinstance(t, Tensor):
        raise TypeError(f"Expected a tf.Tenfor, got: {type(t)}")   # (TF's spelling)
    base = scope_basename(t.op.name)
    if scope is None:
        scope = scope_dirname(t.op.name)
    name = base if base.startswith(f"{prefix}__") else f"{prefix}__{base}_{t.value_index}"
    return scope + name


def make_placeholder_from_tensor(t, scope=None, prefix=_DEFAULT_PLACEHOLDER_PREFIX):
    """A placeholder with `t`'s dtype and static shape, named by placeholder_name."""
    return placeholder(dtype=t.dtype, shape=t.get_shape(),
                       name=placeholder_name(t, scope=scope, prefix=prefix))


def make_placeholder_from_dtype_and_shape(dtype, shape=None, scope=None,
                                          prefix=_DEFAULT_PLACEHOLDER_PREFIX):
    """A placeholder named `<scope><prefix>` (ge.ph)."""
    return placeholder(dtype=dtype, shape=shape,
                       name=placeholder_name(scope=scope, prefix=prefix))


_INTERNAL_VARIABLE_RE = re.compile(r"^__\w+__$")


def get_predefined_collection_names():
    """The names of the GraphKeys collections."""
    return [getattr(GraphKeys, k) for k in dir(GraphKeys) if not _INTERNAL_VARIABLE_RE.match(k)]


def find_corresponding_elem(target, dst_graph, dst_scope="", src_scope=""):
    """The op or tensor of `dst_graph` named as `target` (scopes swapped)."""
    name = target.name
    if src_scope:
        src_scope = scope_finalize(src_scope)
        if not name.startswith(src_scope):
            raise ValueError(f"{name} does not start with {src_scope}")
        name = name[len(src_scope):]
    if dst_scope:
        name = scope_finalize(dst_scope) + name
    if isinstance(target, Tensor):
        return dst_graph.get_tensor_by_name(name)
    if isinstance(target, Operation):
        return dst_graph.get_operation_by_name(name)
    raise TypeError("Expected tf.Tensor or tf.Operation, got: {}", type(target))


def find_corresponding(targets, dst_graph, dst_scope="", src_scope=""):
    """find_corresponding_elem over the leaves of the tree `targets`."""
    return transform_tree(
        targets, lambda top: find_corresponding_elem(top, dst_graph, dst_scope, src_scope))
