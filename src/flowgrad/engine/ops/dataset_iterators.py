"""tf.data's iterators: per-session resources (IteratorV2, OneShotIterator,
IteratorFromStringHandleV2), MakeIterator and IteratorGetNext."""
from __future__ import annotations

import threading

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from .dataset_core import _ONE_SHOT, _ONE_SHOT_SCOPE, _ONE_SHOT_UNFUSED, END_OF_SEQUENCE
from .dataset_fn import FunctionInfo, _FnRunner
from . import dataset_state as _saved
from .dataset_map import optimize

__all__ = ["IteratorResource"]

_NOT_INITIALIZED = ("GetNext() failed because the iterator has not been initialized. Ensure "
                    "that you have run the initializer operation for this iterator before "
                    "getting the next element.")
_NOT_INITIALIZED_SAVE = ("Save() failed because the iterator has not been initialized. "
                         "Ensure that you have run the initializer operation for this "
                         "iterator before saving it.")


class IteratorResource:
    """One iterator of one session: the Python iterator it pulls from, under a lock."""

    def __init__(self, name, types, shapes):
        self.name = name
        self.types = list(types)
        self.shapes = list(shapes)
        self.it = None
        self.lock = threading.Lock()
        self.handle = None
        # for save/restore (engine/ops/dataset_state.py): the dataset as its ops made it,
        # whether optimize() was applied on top, and the elements pulled since
        self.root = None
        self.optimized = False
        self.pulls = 0

    def reset(self, dataset, source=None, pulls=0):
        """Iterates `dataset` (made by optimize(`source`) when `source` is given), after
        pulling `pulls` elements (a restored iterator's position)."""
        it = dataset.iterate()
        for _ in range(pulls):
            try:
                next(it)
            except StopIteration:
                break
            except errors.OpError:
                continue
        with self.lock:
            self.it = it
            self.root = dataset if source is None else source
            self.optimized = source is not None
            self.pulls = pulls

    def save(self, graph):
        with self.lock:
            if self.it is None:
                raise errors.FailedPreconditionError(None, None, _NOT_INITIALIZED_SAVE)
            root, optimized, pulls = self.root, self.optimized, self.pulls
        return _saved.serialize(root, optimized, pulls, graph)

    def restore(self, state, graph, ctx):
        root, optimized, pulls = _saved.deserialize(state, graph, ctx)
        self.reset(optimize(root) if optimized else root, root if optimized else None, pulls)

    def get_next(self, node_types):
        with self.lock:
            it = self.it
            if it is None:
                raise errors.FailedPreconditionError(None, None, _NOT_INITIALIZED)
            self.pulls += 1
            try:
                e = next(it)
            except StopIteration:
                raise errors.OutOfRangeError(None, None, END_OF_SEQUENCE) from None
        return e


# The session's tf.data state lives among its variable buffers under a key no op name can
# take: Session.close() clears those, which drops the iterators and stops their threads.
_STATE_KEY = " tf.data iterators"


def _state(ctx):
    st = ctx.variables.get(_STATE_KEY)
    if st is None:
        with ctx.lock:
            st = ctx.variables.setdefault(_STATE_KEY, {"iterators": {}, "handles": {}})
    return st


def _resource(ctx, node, key):
    st = _state(ctx)
    with ctx.lock:
        r = st["iterators"].get(key)
        if r is None:
            r = st["iterators"][key] = IteratorResource(
                key, node.attrs.get("output_types", ()), node.attrs.get("output_shapes", ()))
    return r


def _resource_infer(inputs, attrs):
    return [(_dt.resource, TensorShape([]))]


def _iterator_bind(node, ctx):
    key = node.attrs.get("shared_name") or node.name
    return lambda: _resource(ctx, node, key)


register_op("IteratorV2", infer=_resource_infer, bind=_iterator_bind, grad=None, stateful=True)


def _one_shot_bind(node, ctx):
    key = node.attrs.get("shared_name") or node.name
    t = _ONE_SHOT.get(node.op)
    if t is None:
        raise errors.UnimplementedError(None, node.op, f"OneShotIterator '{node.name}' has no "
                                        "dataset function")
    unfused = _ONE_SHOT_UNFUSED.get(node.op, False)
    scope = _ONE_SHOT_SCOPE.get(node.op, "")
    info = FunctionInfo(t.graph, [], [t])
    info.satisfied = _control_only(t)
    run_dataset = _FnRunner(info, ctx)
    made = threading.Lock()

    def one_shot():
        r = _resource(ctx, node, key)
        with made:
            if not getattr(r, "one_shot_made", False):
                try:
                    dv = run_dataset([], [])[0]
                except errors.OpError as e:
                    raise _derived(e, scope) from None
                if unfused:
                    r.reset(dv)
                else:
                    r.reset(optimize(dv), dv)
                r.one_shot_made = True
        return r
    return one_shot


def _control_only(t):
    """The ops `t` reaches by control edges only: TF 1.14's one-shot iterator copies its
    dataset's ops by value through their inputs, dropping control dependencies (so an
    Assert that list_files or a user adds that way does not run)."""
    data, stack = set(), [t.op]
    while stack:
        op = stack.pop()
        if op not in data:
            data.add(op)
            stack.extend(i.op for i in op._inputs)
    return frozenset(c for op in data for c in op._control_inputs if c not in data)


def _derived(err, scope):
    """An error of making a one-shot iterator's dataset as TF 1.14 reports it: from the
    iterator's dataset function (a derived status), its op named in the function."""
    msg = err.message
    cut = msg.find("\n\t [[")
    if cut >= 0:
        msg = msg[:cut]
    name = err.op.name if err.op is not None else None
    tag = f"\n\t [[{{{{node {scope}{name}}}}}]]" if name else ""
    return type(err)(None, None, "[_Derived_]" + msg + tag)


register_op("OneShotIterator", infer=_resource_infer, bind=_one_shot_bind, grad=None,
            stateful=True)


def _make_iterator_infer(inputs, attrs):
    return []


def _make_iterator_kernel(dataset, resource):
    resource.reset(dataset)


register_op("MakeIterator", infer=_make_iterator_infer, kernel=_make_iterator_kernel,
            grad=None, stateful=True)


def _get_next_infer(inputs, attrs):
    return [(t, TensorShape(s)) for t, s in zip(attrs["output_types"], attrs["output_shapes"])]


def _get_next_bind(node, ctx):
    n = len(node.attrs["output_types"])
    types = node.attrs["output_types"]

    def get_next(resource):
        e = resource.get_next(types)
        e = tuple([a.copy() if isinstance(a, np.ndarray) and a.base is not None else a
                   for a in e])
        if len(e) != n:
            raise errors.InvalidArgumentError(
                None, None, f"Number of components does not match: expected {n} types but "
                f"got {len(e)}.")
        return e[0] if n == 1 else tuple(e)
    return get_next


register_op("IteratorGetNext", infer=_get_next_infer, bind=_get_next_bind, grad=None,
            stateful=True)


def _string_infer(inputs, attrs):
    return [(_dt.string, TensorShape([]))]


_HANDLE_PREFIX = b"flowgrad-iterator:"    # a string handle's start: others do not parse


def _to_string_handle_bind(node, ctx):
    def to_handle(resource):
        if resource.handle is None:
            resource.handle = _HANDLE_PREFIX + f"{id(ctx):x}:{resource.name}".encode()
            _state(ctx)["handles"][resource.handle] = resource
        return np.array(resource.handle, dtype=object)
    return to_handle


register_op("IteratorToStringHandle", infer=_string_infer, bind=_to_string_handle_bind,
            grad=None, stateful=True)


_TF_TYPE_NAMES = {_dt.float32: "float", _dt.float64: "double", _dt.float16: "half"}


def _shape_debug(s):
    """TensorShape's DebugString in TF's kernels: [?,3], [], <unknown>."""
    s = TensorShape(s)
    if s.ndims is None:
        return "<unknown>"
    return "[" + ",".join("?" if d is None else str(d) for d in s.as_list()) + "]"


def _verify_structure(types, shapes, r):
    """TF 1.14's IteratorFromStringHandle checks of the iterator a handle names against the
    op's output_types / output_shapes (VerifyTypesMatch, VerifyShapesCompatible)."""
    def bad(msg):
        return errors.InvalidArgumentError(None, None, msg)
    if types:
        if len(types) != len(r.types):
            raise bad(f"Number of components does not match: expected {len(types)} types but "
                      f"got {len(r.types)}.")
        for i, (a, b) in enumerate(zip(types, r.types)):
            a, b = _dt.as_dtype(a).base_dtype, _dt.as_dtype(b).base_dtype
            if a != b:
                raise bad(f"Data type mismatch at component {i}: expected "
                          f"{_TF_TYPE_NAMES.get(a, a.name)} but got "
                          f"{_TF_TYPE_NAMES.get(b, b.name)}.")
    if shapes:
        if len(shapes) != len(r.shapes):
            raise bad(f"Number of components does not match: expected {len(shapes)} shapes "
                      f"but got {len(r.shapes)}.")
        for i, (a, b) in enumerate(zip(shapes, r.shapes)):
            if not TensorShape(a).is_compatible_with(TensorShape(b)):
                raise bad(f"Incompatible shapes at component {i}: expected {_shape_debug(a)}"
                          f" but got {_shape_debug(b)}.")


def _from_string_handle_bind(node, ctx):
    types = node.attrs.get("output_types", ())
    shapes = node.attrs.get("output_shapes", ())

    def from_handle(handle):
        h = np.asarray(handle).reshape(()).item()
        h = h.encode() if isinstance(h, str) else h
        if not h.startswith(_HANDLE_PREFIX):
            raise errors.InvalidArgumentError(
                None, None, "Could not parse string_handle as a valid ResourceHandle")
        r = _state(ctx)["handles"].get(h)
        if r is None:
            raise errors.InvalidArgumentError(
                None, None, "Could not parse an iterator handle: the string does not name an "
                "iterator of this session.")
        _verify_structure(types, shapes, r)
        return r
    return from_handle


register_op("IteratorFromStringHandleV2", infer=_resource_infer, bind=_from_string_handle_bind,
            grad=None, stateful=True)


# -- save / restore (tf.data.experimental.make_saveable_from_iterator) ----------------------
def _variant_infer(inputs, attrs):
    return [(_dt.variant, TensorShape([]))]


def _serialize_bind(node, ctx):
    graph = node.op._graph
    return lambda resource: resource.save(graph)


register_op("SerializeIterator", infer=_variant_infer, bind=_serialize_bind, grad=None,
            stateful=True)


def _deserialize_bind(node, ctx):
    graph = node.op._graph

    def restore(resource, state):
        resource.restore(state, graph, ctx)
        resource.one_shot_made = True
    return restore


register_op("DeserializeIterator", infer=_make_iterator_infer, bind=_deserialize_bind,
            grad=None, stateful=True)
