"""TF 1.14's staging areas (ops/data_flow_ops.py), with TF's ops, names, colocation and
build-time checks: StagingArea (tf.contrib.staging.StagingArea), a FIFO of tuples held by
the session, put by Stage and taken by Unstage (engine/ops/staging.py); MapStagingArea,
tuples by int64 key, put whole or in parts (MapStage...: engine/ops/map_staging.py).

    area = StagingArea([tf.float32], shapes=[[2]], capacity=2)
    put = area.put([x])          # waits while `capacity` tuples are held
    y, = area.get()              # waits while the area is empty
    m = MapStagingArea([tf.float32, tf.int32], names=["x", "n"], ordered=True)
    put = m.put(k, {"x": x})     # an incomplete tuple until "n" is put too
    key, got = m.get()           # the smallest key's tuple (waits while none is complete)
"""
from __future__ import annotations

from ..engine.framework import tensor_shape
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import colocate_with, get_default_graph, name_scope
from ..engine.ops import staging as _staging  # noqa: F401 - registers the staging ops
from ..engine.ops import map_staging as _map_staging  # noqa: F401 - and the map staging ops
from ..engine.ops._base import apply_op, typed_input
from ..engine.ops.ordering import no_op
from ..engine.ops.shape import identity
from ..engine.framework import dtypes as _dt

__all__ = ["BaseStagingArea", "StagingArea", "MapStagingArea"]


class BaseStagingArea:
    """What TF's staging areas share: the dtypes, shapes and names of a tuple's
    components, the resource's name, and the NoOp `<name>_root/NoOp` its ops are
    colocated with."""

    def __init__(self, dtypes, shapes=None, names=None, shared_name=None, capacity=0,
                 memory_limit=0):
        if shared_name is None:
            self._name = get_default_graph().unique_name(self.__class__.__name__)
        elif isinstance(shared_name, str):
            self._name = shared_name
        else:
            raise ValueError("shared_name must be a string")
        self._dtypes = dtypes
        if shapes is not None:
            if len(shapes) != len(dtypes):
                raise ValueError("StagingArea shapes must be the same length as dtypes")
            self._shapes = [tensor_shape.TensorShape(s) for s in shapes]
        else:
            self._shapes = [tensor_shape.unknown_shape() for _ in self._dtypes]
        if names is not None:
            if len(names) != len(dtypes):
                raise ValueError("StagingArea names must be the same length as dtypes")
            self._names = names
        else:
            self._names = None
        self._capacity = capacity
        self._memory_limit = memory_limit
        with name_scope("%s_root" % self._name):
            self._coloc_op = no_op()

    @property
    def name(self):
        return self._name

    @property
    def dtypes(self):
        return self._dtypes

    @property
    def shapes(self):
        return self._shapes

    @property
    def names(self):
        return self._names

    @property
    def capacity(self):
        return self._capacity

    @property
    def memory_limit(self):
        return self._memory_limit

    def _check_put_dtypes(self, vals, indices=None):
        """The tensors of `vals` (a list, or a dict by name) and their component indices,
        each checked against its component's dtype and shape (TF's errors)."""
        if isinstance(vals, dict):
            if not self._names:
                raise ValueError("Staging areas must have names to enqueue a dictionary")
            if not set(vals.keys()).issubset(self._names):
                raise ValueError("Keys in dictionary to put do not match names of staging "
                                 "area. Dictionary: (%s), Queue: (%s)"
                                 % (sorted(vals.keys()), sorted(self._names)))
            vals, indices, _ = zip(*[(vals[k], i, k) for i, k in enumerate(self._names)
                                     if k in vals])
        else:
            if self._names:
                raise ValueError("You must enqueue a dictionary in a staging area with names")
            if indices is None:
                raise ValueError("Indices must be supplied when inserting a list of tensors")
            if len(indices) != len(vals):
                raise ValueError("Number of indices '%s' doesn't match number of values '%s'")
            if not isinstance(vals, (list, tuple)):
                vals, indices = [vals], [0]
        if not len(vals) <= len(self._dtypes):
            raise ValueError("Unexpected number of inputs '%s' vs '%s'"
                             % (len(vals), len(self._dtypes)))
        tensors = []
        for val, i in zip(vals, indices):
            dtype, shape = self._dtypes[i], self._shapes[i]
            if val.dtype != dtype:
                raise ValueError("Datatypes do not match. '%s' != '%s'"
                                 % (str(val.dtype), str(dtype)))
            val.get_shape().assert_is_compatible_with(shape)
            tensors.append(convert_to_tensor(val, dtype=dtype, name="component_%d" % i))
        return tensors, indices

    def _create_device_transfers(self, tensors):
        """TF's: an Identity of each output where the caller's device is not the
        area's (a NoOp made to read the caller's device)."""
        if not isinstance(tensors, (tuple, list)):
            tensors = [tensors]
        if no_op().device != self._coloc_op.device:
            tensors = [identity(t) for t in tensors]
        return tensors

    def _get_return_value(self, tensors, indices):
        tensors = self._create_device_transfers(tensors)
        for output, i in zip(tensors, indices):
            output.set_shape(self._shapes[i])
        if self._names:
            return {self._names[i]: t for t, i in zip(tensors, indices)}
        return tensors

    def _scope_vals(self, vals):
        if isinstance(vals, (list, tuple)):
            return vals
        if isinstance(vals, dict):
            return vals.values()
        return [vals]

    def _colocated_outputs(self, op_type, args, attrs, name):
        """The outputs of op `op_type` in name scope `name`, colocated with the area; `args`
        (value, dtype, input name) converted there as TF's generated wrappers convert."""
        with colocate_with(self._coloc_op), name_scope(name) as scope:
            inputs = [typed_input(value, dtype, op_type, arg) for value, dtype, arg in args]
            return apply_op(op_type, inputs, dict(self._attrs(), **attrs), scope).outputs

    def _attrs(self):
        return {"capacity": self._capacity, "memory_limit": self._memory_limit,
                "dtypes": [_dt.as_dtype(d) for d in self._dtypes], "container": "",
                "shared_name": self._name}


class StagingArea(BaseStagingArea):
    """A FIFO of tuples of tensors (dtypes `dtypes`, static shapes `shapes`, put and got as
    dicts when `names` is given) held by the session; `capacity` tuples or
    `memory_limit` bytes at most (0: no limit), a put waiting for room."""

    def put(self, values, name=None):
        """The Stage op putting `values` (a list of tensors, or a dict by name)."""
        with name_scope(name, "%s_put" % self._name, self._scope_vals(values)) as scope:
            if not isinstance(values, (list, tuple, dict)):
                values = [values]
            indices = list(range(len(values)))
            vals, _ = self._check_put_dtypes(values, indices)
            attrs = self._attrs()
            attrs["dtypes"] = [v.dtype for v in vals]
            with colocate_with(self._coloc_op):
                return apply_op("Stage", vals, attrs, scope)

    def _internal_get(self, op_type, index, name):
        """The op's outputs, with the area's shapes."""
        args = [] if index is None else [(index, _dt.int32, "index")]
        ret = self._colocated_outputs(op_type, args, {}, name)
        return self._get_return_value(ret, list(range(len(self._dtypes))))

    def get(self, name=None):
        """The first tuple, taken from the area (Unstage: waits while it is empty)."""
        return self._internal_get("Unstage", None, name or "%s_get" % self._name)

    def peek(self, index, name=None):
        """Tuple `index` (int32), left in the area (StagePeek: waits until it is there)."""
        return self._internal_get("StagePeek", index, name or "%s_peek" % self._name)

    def size(self, name=None):
        """The number of tuples held (StageSize, int32)."""
        with name_scope(name or "%s_size" % self._name) as scope:
            return apply_op("StageSize", [], self._attrs(), scope).outputs[0]

    def clear(self, name=None):
        """The StageClear op dropping every tuple held."""
        with name_scope(name or "%s_clear" % self._name) as scope:
            return apply_op("StageClear", [], self._attrs(), scope)


class MapStagingArea(BaseStagingArea):
    """Tuples of tensors by int64 key (dtypes `dtypes`, static shapes `shapes`, put and got
    as dicts when `names` is given) held by the session: a hash map, or a tree by key when
    `ordered`; `capacity` complete tuples or `memory_limit` bytes at most (0: no limit),
    a put waiting for room. A put of some components makes an incomplete tuple, moved to
    the map when its last component is put; a get or peek of a key waits until it is
    there, and a get of some components leaves the rest."""

    def __init__(self, dtypes, shapes=None, names=None, shared_name=None, ordered=False,
                 capacity=0, memory_limit=0):
        super().__init__(dtypes, shapes, names, shared_name, capacity, memory_limit)
        self._ordered = ordered
        self._prefix = "Ordered" if ordered else ""

    def _apply(self, op_type, inputs, attrs, name):
        return apply_op(self._prefix + op_type, inputs, dict(self._attrs(), **attrs), name)

    def put(self, key, vals, indices=None, name=None):
        """The MapStage op putting `vals` (a tensor, a list of tensors at `indices`, or a dict
        by name) under `key` (int64)."""
        with name_scope(name, "%s_put" % self._name, self._scope_vals(vals)) as scope:
            vals, indices = self._check_put_dtypes(vals, indices)
            with colocate_with(self._coloc_op):
                op_type = self._prefix + "MapStage"
                inputs = [typed_input(key, _dt.int64, op_type, "key"),
                          typed_input(indices, _dt.int32, op_type, "indices")]
                return self._apply("MapStage", inputs + list(vals),
                                   {"fake_dtypes": [v.dtype for v in vals]}, scope)

    def _get_indices_and_dtypes(self, indices=None):
        """TF's: the component indices (ints, or names when the area has names; all of
        them when None) and their dtypes."""
        if indices is None:
            indices = list(range(len(self._dtypes)))
        if not isinstance(indices, (tuple, list)):
            raise TypeError("Invalid indices type '%s'" % type(indices))
        if len(indices) == 0:
            raise ValueError("Empty indices")
        if all(isinstance(i, str) for i in indices):
            if self._names is None:
                raise ValueError("String indices provided '%s', but this Staging Area was "
                                 "not created with names." % indices)
            if not all(i in self._names for i in indices):
                raise NameError("name 'n' is not defined")   # (TF's message names `n`)
            indices = [self._names.index(i) for i in indices]
        elif not all(isinstance(i, int) for i in indices):
            raise TypeError("Mixed types in indices '%s'. May only be str or int" % indices)
        return indices, [self._dtypes[i] for i in indices]

    def _get_op(self, op_type, key, indices, name):
        """The op `name` taking (or copying) the components at `indices` (of key `key`, or
        the first key's when None), colocated with the area; its outputs."""
        indices, dtypes = self._get_indices_and_dtypes(indices)
        args = [] if key is None else [(key, _dt.int64, "key")]
        outputs = self._colocated_outputs(self._prefix + op_type,
                                          args + [(indices, _dt.int32, "indices")],
                                          {"dtypes": dtypes}, name)
        return outputs, indices

    def peek(self, key, indices=None, name=None):
        """The components at `indices` of `key`'s tuple, left in the area (MapPeek: waits
        until the key's tuple is complete)."""
        outputs, indices = self._get_op("MapPeek", key, indices,
                                        name or "%s_pop" % self._name)
        return self._get_return_value(outputs, indices)

    def get(self, key=None, indices=None, name=None):
        """(key, values): the components at `indices` of `key`'s tuple taken from the area
        (MapUnstage: waits until it is complete); with no key, the first tuple's
        (MapUnstageNoKey: the smallest key's when ordered; waits while none is
        complete)."""
        if key is None:
            outputs, indices = self._get_op("MapUnstageNoKey", None, indices,
                                            name or "%s_get_nokey" % self._name)
            key = self._create_device_transfers(outputs[0])[0]
            return key, self._get_return_value(outputs[1:], indices)
        outputs, indices = self._get_op("MapUnstage", key, indices,
                                        name or "%s_get" % self._name)
        return key, self._get_return_value(outputs, indices)

    def _count_op(self, op_type, name):
        with name_scope(name) as scope:
            return self._apply(op_type, [], {}, scope)

    def size(self, name=None):
        """The number of complete tuples held (MapSize, int32)."""
        return self._count_op("MapSize", name or "%s_size" % self._name).outputs[0]

    def incomplete_size(self, name=None):
        """The number of incomplete tuples held (MapIncompleteSize, int32)."""
        return self._count_op("MapIncompleteSize",
                              name or "%s_incomplete_size" % self._name).outputs[0]

    def clear(self, name=None):
        """The MapClear op dropping every tuple held, complete or not."""
        return self._count_op("MapClear", name or "%s_clear" % self._name)
