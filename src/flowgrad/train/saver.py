"""`tf.train.Saver`: save and restore variables through SaveV2/RestoreV2 graph ops.

As in TF 1.14, a Saver adds a `save/` scope to the graph: a filename
placeholder (`save/Const:0`), a `SaveV2` op whose inputs are the variables
(so values come from the session's variable buffers through an ordinary plan),
`save/control_dependency` (the filename, after the save), one `RestoreV2` op
and one `Assign` per variable grouped in `save/restore_all`. The SaverDef names
these, so a Saver rebuilt from a meta graph (import_meta_graph) runs them by
name. The files are written and read by checkpoint_io (format, validation),
the `checkpoint` state file by checkpoint_management.

Meta graphs (engine/framework/meta_graph) know nothing of Savers or Variables:
this module registers how collections of them are written and read, as TF's
saver.py and variables.py call `ops.register_proto_function`.

Restore never leaves a session half-restored: RestoreV2 reads and checks every
tensor (presence, dtype, shape, checksums) before it returns any value, and
the Assigns only run after it.
"""
from __future__ import annotations

import contextlib
import glob
import numbers
import os
import time
import uuid

import numpy as np

from .. import logging as _tf_logging
from ..engine.framework import dtypes as _dt
from ..engine.framework import errors, file_io, meta_graph
from ..engine.framework.constant_op import const_value, constant, convert_to_tensor
from ..engine.framework.device_spec import DeviceSpec
from ..engine.framework.graph import GraphKeys, Tensor, get_default_graph
from ..engine.framework.meta_graph import SaverDef
from ..engine.framework.registry import register_op
from ..engine.framework.tensor_shape import TensorShape
from ..engine.runtime.session import BaseSession
from ..ops import array_ops, state_ops, string_ops
from ..ops.control_flow_ops import group
from ..ops.resource_variable_ops import shape_safe_assign_variable_handle
from ..ops.partitioned_variables import PartitionedVariable
from ..ops.variables import Variable, is_resource_variable
from . import checkpoint_io as _io
from . import checkpoint_management as _cm
from . import checkpoint_v1 as _v1
from . import tensor_bundle as _tb
from . import sharded_save_ops  # noqa: F401  # registers the ops of TF's sharded Saver graph
from .saveable_object import BaseSaverBuilder, SaveableObject  # noqa: F401
from .checkpoint_management import (  # noqa: F401
    checkpoint_exists,
    get_checkpoint_mtimes,
    get_checkpoint_state,
    latest_checkpoint,
)

__all__ = ["Saver", "SaverDef", "export_meta_graph", "import_meta_graph"]


# ---------------------------------------------------------------------------------------
# SaveV2: writes its tensor inputs as checkpoint `prefix`
# ---------------------------------------------------------------------------------------
def _save_v2_infer(inputs, attrs):
    prefix, names, slices = inputs[:3]
    tensors = inputs[3:]
    n = names.shape.as_tuple()
    if n is not None and len(n) == 1 and n[0] is not None and n[0] != len(tensors):
        raise ValueError(f"Expected {n[0]} tensors to save, got {len(tensors)}")
    return []


def _read_file(path):
    """The bytes of a file this process just wrote."""
    with open(path, "rb") as f:
        return f.read()


def _str(x):
    x = x.item() if isinstance(x, np.ndarray) else x
    return x.decode() if isinstance(x, bytes) else str(x)


def _save_v2_kernel(prefix, names, slices, *tensors, dtypes):
    prefix = _str(prefix)
    values = {}
    specs = np.asarray(slices).reshape(-1).tolist()
    for name, spec, dtype, value in zip(names.tolist(), specs, dtypes, tensors):
        name, spec = _str(name), _str(spec)
        value = np.array(value)   # a snapshot (threads update in place)
        if not spec:
            values[name] = (dtype, value)
            continue
        try:   # a slice of a partitioned variable: TF's BundleWriter::AddSlice
            full, index = _io.parse_slice_spec(spec)
        except ValueError as e:
            raise errors.InvalidArgumentError(None, None, f"Invalid shape_and_slice "
                                              f"{spec!r} for {name}: {e}") from None
        extents = [(ix.start, ix.stop - ix.start) for ix in index]
        have = values.get(name)
        if have is None:
            values[name] = (dtype, _tb.Sliced(full, [(extents, value)]))
        else:
            have[1].parts.append((extents, value))
    _make_prefix_dir(prefix)
    _io.write_checkpoint(prefix, values)


def _make_prefix_dir(prefix):
    """TF 1.14's BundleWriter makes the prefix's directory (Env::CreateDir), one level only:
    NotFoundError when its parent is missing too (so Saver.save fails with "Parent
    directory of ... doesn't exist"; a sharded save's temporary directory needs the
    prefix's parent)."""
    d = os.path.dirname(prefix)
    if not d or os.path.isdir(d):
        return
    try:
        os.mkdir(d)
    except FileExistsError:
        pass
    except FileNotFoundError:
        raise errors.NotFoundError(None, None, f"{d}; No such file or directory") from None


register_op("SaveV2", infer=_save_v2_infer, kernel=_save_v2_kernel, stateful=True, grad=None)


def save_v2(prefix, tensor_names, shape_and_slices, tensors, name=None):
    """Writes `tensors` under `tensor_names` as checkpoint `prefix` (TF's gen_io_ops).

    Returns the SaveV2 Operation (it has no outputs).
    """
    g = get_default_graph()
    with g.name_scope(name or "SaveV2") as scope:
        names_t = constant([str(n) for n in tensor_names], dtype=_dt.string, name="tensor_names")
        slices_t = constant(list(shape_and_slices), dtype=_dt.string, name="shape_and_slices")
        dtypes = tuple(t.dtype.base_dtype for t in tensors)
        return g._create_op("SaveV2", [prefix, names_t, slices_t] + list(tensors),
                            {"dtypes": dtypes}, scope)


def _sharded_v2_save(g, prefix, per_device):
    """TF's sharded V2 save (_AddShardedSaveOpsForV2): per device group (on its machine's
    CPU), SaveV2 writes `<prefix>_temp_<uuid>/part-<shard>-of-<num_shards>`;
    MergeV2Checkpoints makes them checkpoint `<prefix>` (data files `-<shard>-of-<n>`)
    and removes the temporary directory; the save tensor is `prefix`."""
    tmp = string_ops.string_join([prefix, "_temp_%s/part" % uuid.uuid4().hex])
    num_shards = constant(len(per_device), dtype=_dt.int32, name="num_shards")
    targets, dones = [], []
    last_device = None
    for shard, (device, entries) in enumerate(per_device):
        last_device = device
        target = _sharded_filename(g, device, tmp, shard, num_shards)
        targets.append(target)
        with g.device(_set_cpu0(device)):
            tensors = [_materialize(e[2]) for e in entries]
            save_op = save_v2(target, [e[0] for e in entries], [e[1] for e in entries],
                              tensors)
            with g.colocate_with(target.op), g.control_dependencies([save_op]):
                dones.append(array_ops.identity(target, name="control_dependency"))
    with g.control_dependencies([d.op for d in dones]):
        with g.device(_set_cpu0(last_device)):
            merge = _merge_v2(g, targets, prefix)
            with g.control_dependencies([merge]):
                return array_ops.identity(prefix)


def _slice_spec(spec, name):
    """(full shape, index) of shape_and_slice `spec` of tensor `name`; TF's error if it is
    malformed."""
    try:
        return _io.parse_slice_spec(spec)
    except ValueError as e:
        raise errors.InvalidArgumentError(None, None, f"Invalid shape_and_slice {spec!r} for "
                                          f"{name}: {e}") from None


def _functional_sharded_save(g, prefix, per_device):
    """TF 1.14's functional_saver.MultiDeviceSaver.save (object-based checkpoints): as
    _sharded_v2_save, but each device's SaveV2 on its CPU:0 and MergeV2Checkpoints
    depending on the SaveV2 ops themselves (no `control_dependency` identities); returns
    the MergeV2Checkpoints op."""
    with g.device("cpu:0"):
        tmp = string_ops.string_join([prefix, "_temp_%s/part" % uuid.uuid4().hex])
    num_shards = constant(len(per_device), dtype=_dt.int32, name="num_shards")
    targets, saves = [], []
    last_device = None
    for shard, (device, entries) in enumerate(per_device):
        last_device = device
        target = _sharded_filename(g, device, tmp, shard, num_shards)
        targets.append(target)
        with g.device(device), g.device("cpu:0"):
            saves.append(save_v2(target, [e[0] for e in entries], [e[1] for e in entries],
                                 [e[2] for e in entries]))
    with g.control_dependencies(saves), g.device(_set_cpu0(last_device)):
        return _merge_v2(g, targets, prefix)


def _sharded_filename(g, device, tmp, shard, num_shards):
    """`<tmp>-<shard>-of-<num_shards>` (TF's ShardedFilename) on `device`'s CPU."""
    with g.device(_set_cpu0(device)), g.name_scope("ShardedFilename") as scope:
        shard_t = constant(shard, dtype=_dt.int32, name="shard")
        return g._create_op("ShardedFilename", [tmp, shard_t, num_shards], {},
                            scope).outputs[0]


def _merge_v2(g, targets, prefix):
    """MergeV2Checkpoints of the shards `targets` into `prefix` (removing their directory)."""
    with g.name_scope("MergeV2Checkpoints") as scope:
        parts = array_ops.stack(targets, name="checkpoint_prefixes")
        return g._create_op("MergeV2Checkpoints", [parts, prefix],
                            {"delete_old_dirs": True}, scope)


# ---------------------------------------------------------------------------------------
# SaveSlices: writes its tensor inputs as one V1 checkpoint file (write_version=V1)
# ---------------------------------------------------------------------------------------
def _save_slices_kernel(filename, names, slices, *tensors, T):
    items = []
    for name, spec, dtype, value in zip(names.tolist(), np.asarray(slices).reshape(-1).tolist(),
                                        T, tensors):
        name, spec = _str(name), _str(spec)
        value = np.array(value)   # a snapshot (threads update in place)
        part = None
        if spec:
            full, index = _slice_spec(spec, name)
            part = ([(ix.start, ix.stop - ix.start) for ix in index], full)
        items.append((name, dtype, value, part))
    _v1.write_v1(_str(filename), items)


register_op("SaveSlices", infer=_save_v2_infer, kernel=_save_slices_kernel, stateful=True,
            grad=None)


# Save, Restore, RestoreSlice: the V1 saver ops of old GraphDefs (whole tensors into one V1
# file; one tensor, or its slice, back from the V1 files a glob pattern matches), with the
# messages of TF's TensorSliceReader
register_op("Save", infer=lambda inputs, attrs: [],
            kernel=lambda filename, names, *tensors, T: _save_slices_kernel(
                filename, names, np.array([b""] * len(tensors), object), *tensors, T=T),
            stateful=True, grad=None)


def _restore_v1_kernel(file_pattern, tensor_name, shape_and_slice=b"", dt=None, **_):
    pattern, name, spec = _str(file_pattern), _str(tensor_name), _str(shape_and_slice)
    files = sorted(glob.glob(pattern)) if glob.has_magic(pattern) else _v1.v1_files(pattern)
    if not files:
        raise errors.NotFoundError(None, None, "Unsuccessful TensorSliceReader constructor: "
                                   f"Failed to find any matching files for {pattern}")
    for path in files:
        reader = _v1.V1Reader(path)
        if name in reader.entries:
            break
    else:
        raise errors.NotFoundError(None, None, f'Tensor name "{name}" not found in checkpoint '
                                   f"files {pattern}")
    saved, shape = reader.entries[name]
    if saved != dt:
        raise errors.InvalidArgumentError(
            None, None, f"Expected to restore a tensor of type {_io._c_name(dt)}, got a "
            f"tensor of type {_io._c_name(saved)} instead: tensor_name = {name}")
    value = reader.get_tensor(name)
    if spec:
        full, index = _slice_spec(spec, name)
        if list(shape) != full:   # (TensorSliceReader's message, not RestoreV2's)
            raise errors.InvalidArgumentError(
                None, None, "Shape in shape_and_slice spec does not match the shape in the "
                f"save file: {_io._shape_str(full)}, save file shape: "
                f"{_io._shape_str(shape)}")
        value = value[tuple(index)]
    return value


register_op("Restore", infer=lambda inputs, attrs: [(attrs["dt"], TensorShape(None))],
            kernel=_restore_v1_kernel, stateful=True, grad=None)
register_op("RestoreSlice",
            infer=lambda inputs, attrs: [(attrs["dt"], _restore_v2_infer(
                inputs, {"dtypes": [attrs["dt"]]})[0][1])],
            kernel=_restore_v1_kernel, stateful=True, grad=None)


def save_slices(filename, tensor_names, shapes_and_slices, data, name=None):
    """Writes `data` under `tensor_names` as V1 checkpoint file `filename` (TF's
    gen_io_ops.save_slices). Returns the SaveSlices Operation."""
    g = get_default_graph()
    with g.name_scope(name or "SaveSlices") as scope:
        names_t = constant([str(n) for n in tensor_names], dtype=_dt.string, name="tensor_names")
        slices_t = constant(list(shapes_and_slices), dtype=_dt.string,
                            name="shapes_and_slices")
        types = tuple(t.dtype.base_dtype for t in data)
        return g._create_op("SaveSlices", [filename, names_t, slices_t] + list(data),
                            {"T": types}, scope)


# ---------------------------------------------------------------------------------------
# RestoreV2: reads tensors back, validating all of them before returning any
# ---------------------------------------------------------------------------------------
def _restore_v2_infer(inputs, attrs):
    """TF's RestoreV2 shape function: with a constant shape_and_slices, a slice's shape
    for each non-empty spec, unknown for an empty one; else every output unknown (the
    variables' shapes in `_shapes` are the kernel's check, not static shapes)."""
    specs = const_value(inputs[2]) if len(inputs) > 2 else None
    specs = None if specs is None else [_str(x) for x in np.asarray(specs).reshape(-1)]
    out = []
    for i, d in enumerate(attrs["dtypes"]):
        shape = TensorShape(None)
        if specs is not None and i < len(specs) and specs[i]:
            try:
                _, index = _io.parse_slice_spec(specs[i])
                shape = TensorShape([s.stop - s.start for s in index])
            except ValueError:
                pass   # the kernel reports a malformed spec
        out.append((d, shape))
    return out


def _restore_v2_kernel(prefix, names, slices, dtypes, _shapes=None, _reshape=False):
    names = [_str(n) for n in names.tolist()]
    shapes = _shapes if _shapes is not None else [None] * len(names)
    slices = [_str(x) for x in np.asarray(slices).reshape(-1).tolist()]
    if len(slices) != len(names):
        raise errors.InvalidArgumentError(
            None, None, f"Input tensor_names and shape_and_slices should be an 1-D tensors of "
            f"the same size, got {len(names)} and {len(slices)}")
    values = _io.read_for_restore(_str(prefix), names, dtypes, shapes, _reshape, slices)
    return values[0] if len(values) == 1 else tuple(values)


register_op("RestoreV2", infer=_restore_v2_infer, kernel=_restore_v2_kernel, stateful=True,
            grad=None)


def restore_v2(prefix, tensor_names, shape_and_slices, dtypes, name=None, shapes=None,
               reshape=False):
    """Reads `tensor_names` from checkpoint `prefix` (TF's gen_io_ops.restore_v2).

    `shapes` (flowgrad's addition, None entries allowed) makes the op check every
    tensor's shape before it returns any value; with `reshape` only the number
    of elements must match and values are reshaped.
    """
    g = get_default_graph()
    with g.name_scope(name or "RestoreV2") as scope:
        if isinstance(prefix, (str, bytes)):
            prefix = constant(prefix, dtype=_dt.string, name="prefix")
        names_t = constant([str(n) for n in tensor_names], dtype=_dt.string, name="tensor_names")
        slices_t = constant(list(shape_and_slices), dtype=_dt.string, name="shape_and_slices")
        attrs = {"dtypes": tuple(_dt.as_dtype(d).base_dtype for d in dtypes)}
        if shapes is not None:
            attrs["_shapes"] = tuple(None if s is None else tuple(s) for s in shapes)
            attrs["_reshape"] = bool(reshape)
        op = g._create_op("RestoreV2", [prefix, names_t, slices_t], attrs, scope)
    return op.outputs


# ---------------------------------------------------------------------------------------
# var_list handling (TF's saveable_object_util.op_list_to_dict)
# ---------------------------------------------------------------------------------------
def _var_key(v):
    """TF's default checkpoint key: the variable's op name ('layer/w' for 'layer/w:0')."""
    return v.op.name


def _op_list_to_dict(var_list):
    """TF's op_list_to_dict: {checkpoint key: saveable}; a PartitionedVariable, or the
    parts of one (variables with a SaveSliceInfo), is a list of slices under its full
    name. Anything but a dict, list, tuple or set (a frozenset, a single Variable, a
    name, an iterator) is TF's TypeError."""
    if not isinstance(var_list, (dict, list, tuple, set)):
        raise TypeError("Variables to save should be passed in a dict or a list: "
                        f"{var_list}")
    if isinstance(var_list, dict):   # (TF's saveable_objects_for_op, per entry)
        out = {}
        for name, v in var_list.items():
            if not isinstance(name, str):
                raise TypeError("names_to_saveables must be a dict mapping string names to "
                                f"trackable operations. Name is not a string: {name}")
            if isinstance(v, PartitionedVariable) or isinstance(v, (list, tuple)):
                out[name] = [_check_slice(x) for x in v]
            else:
                out[name] = _check_saveable(v, _NOT_IN_DICT)
        _check_restored_once(out)
        return out
    out = {}
    for v in sorted(var_list, key=lambda x: x.name):
        if isinstance(v, PartitionedVariable):
            if v.name in out:
                raise ValueError(f"At least two variables have the same name: {v.name}")
            out[v.name] = list(v)
            continue
        v = _check_saveable(v)
        info = getattr(v, "_save_slice_info", None)
        if info is not None and not isinstance(v, SaveableObject):
            have = out.setdefault(info.full_name, [])
            if not isinstance(have, list):
                raise ValueError("Mixing slices and non-slices with the same name: %s"
                                 % info.full_name)
            have.append(v)
            continue
        name = v.name if isinstance(v, SaveableObject) else _var_key(v)
        if name in out:
            raise ValueError(f"At least two variables have the same name: {name}")
        out[name] = v
    return out


_NOT_IN_DICT = ("names_to_saveables must be a dict mapping string names to "
                "Tensors/Variables. Not a variable: %s")


def _check_slice(v):
    if not isinstance(v, Variable):
        raise ValueError(f"Slices must all be Variables: {v}")
    return v


def _check_saveable(v, message="Variable to save is not a Variable: %s"):
    """v if it is a variable (or a saveable); TypeError with `message` else, naming v as
    TF does: converted to a tensor (a Python value becomes a Const in the graph)."""
    if isinstance(v, (Variable, SaveableObject)):
        return v
    if not isinstance(v, Tensor):
        v = convert_to_tensor(v)
    if v.op.type in ("VariableV2", "Variable"):
        return v
    raise TypeError(message % v)


def _check_restored_once(var_dict):
    """TF's _add_saveable: in name order, a variable given under a second name fails. TF
    compares the saveables' objects: a variable given alone is its ref tensor, a slice of a
    partitioned one the part itself, so a part alone and in its partitioned variable pass."""
    seen = set()
    for name in sorted(var_dict):
        v = var_dict[name]
        kind = "slice" if isinstance(v, list) else "whole"
        for part in v if isinstance(v, list) else [v]:
            key = (kind, id(part.op))
            if key in seen:
                raise ValueError("The same saveable will be restored with two names: %s"
                                 % name)
            seen.add(key)


def _ref_of(v):
    if isinstance(v, SaveableObject):
        return v.specs[0].tensor
    return v._ref() if hasattr(v, "_ref") else v


def _entries(var_dict):
    """(checkpoint key, slice spec, tensor to save, owner) for each saved tensor: one per
    variable, one per spec of a saveable object."""
    out = []
    for n, v in sorted(var_dict.items(), key=lambda x: x[0]):   # as TF: in key order
        if isinstance(v, list):   # the slices of one partitioned variable, under its name
            for part in v:
                spec = part._save_slice_info.spec if getattr(
                    part, "_save_slice_info", None) else ""
                # TF's ReferenceVariableSaveable saves the Variable itself, which SaveV2
                # converts to its snapshot (`part/read`), not the ref a whole one saves
                tensor = (_PartRead(part) if is_resource_variable(part) else
                          part.value() if isinstance(part, Variable) else _ref_of(part))
                out.append((n, spec, tensor, part))
            continue
        if isinstance(v, SaveableObject):
            for spec in v.specs:
                out.append((spec.name, spec.slice_spec, spec.tensor, v))
        elif is_resource_variable(v):
            # saved from its `v/Read/ReadVariableOp`, restored by AssignVariableOp (as TF)
            out.append((n, "", v._as_graph_element(), v))
        else:
            out.append((n, "", _ref_of(v), v))
    return out


class _PartRead:
    """The saved tensor of one part of a partitioned resource variable, as TF 1.14's
    ResourceVariableSaveable closure makes it each time its SaveSpec's tensor is asked
    for: `Read/ReadVariableOp` and an Identity under the variable's device, then an
    Identity on that machine's CPU."""

    def __init__(self, var):
        self.var = var
        self.dtype = var.dtype.base_dtype
        self.shape = var.shape
        self.graph = var.graph
        self.device = _set_cpu0(var.device)   # where its last Identity lands

    def __call__(self):
        v, g = self.var, self.var.graph
        with g.device(v.device) if v.device else contextlib.nullcontext():
            with g.name_scope("Read"), g.device(v._handle.device) if v._handle.device \
                    else contextlib.nullcontext():
                x = v._read_variable_op()
            x = array_ops.identity(x)
            with g.device("/device:CPU:0"):
                return array_ops.identity(x)


def _canonical_device(device):
    return DeviceSpec.from_string(device or "").to_string()


def _set_cpu0(device):
    """TF's saveable_object_util.set_cpu0: `device` with CPU:0 as its device."""
    return DeviceSpec.from_string(device or "").replace(device_type="CPU",
                                                        device_index=0).to_string()


def _materialize(tensor):
    return tensor() if isinstance(tensor, _PartRead) else tensor


def _group_by_devices(entries):
    """TF's BaseSaverBuilder._GroupByDevices: the entries per canonical device of their
    saved tensors, by ascending device name. A partitioned resource variable's tensor is
    made here (TF's SaveSpec.tensor runs its closure; those reads stay unused)."""
    per_device = {}
    for e in entries:
        t = _materialize(e[2])
        per_device.setdefault(_canonical_device(t.device), []).append(e)
    return sorted(per_device.items(), key=lambda t: t[0])


# ---------------------------------------------------------------------------------------
# Saver
# ---------------------------------------------------------------------------------------
class Saver:
    """Saves and restores variables (TF 1.x `tf.train.Saver`).

    >>> w = tf.Variable([1.0, 2.0], name="w")
    >>> saver = tf.train.Saver(max_to_keep=3)
    >>> with tf.Session() as sess:
    ...     sess.run(tf.global_variables_initializer())
    ...     path = saver.save(sess, "/tmp/model.ckpt", global_step=10)  # '/tmp/model.ckpt-10'
    ...     saver.restore(sess, path)

    Files, as TF 1.14 writes them: `<path>.index` and `<path>.data-00000-of-00001`
    (TF's V2 checkpoint format, train/tensor_bundle.py), `<path>.meta` (the
    meta graph) and the `checkpoint` state file, so TF continues flowgrad's
    run directories and the reverse. Restore also reads flowgrad's earlier
    safetensors checkpoints (told apart by content).

    `sharded=True` writes one shard per device, as TF's _GroupByDevices groups the
    saved tensors: unplaced reference variables, variables placed on `/cpu:0` and
    partitioned resource variables (saved from a read on CPU:0) are different devices,
    so a canned estimator writes `data-00000-of-00002` and `data-00001-of-00002`;
    `restore_sequentially` and `builder` are accepted for compatibility and change nothing.
    `write_version=V1` writes TF's deprecated single-file format (a SaveSlices op,
    train/checkpoint_v1.py); with `sharded=True` one shard `<path>-00000-of-00001`, and
    save returns (and the state file records) `<path>-?????-of-00001`, as TF; restore
    reads either version.
    """

    _rename = None   # {name: checkpoint key}: a Saver reading an object-based checkpoint

    def __init__(self, var_list=None, reshape=False, sharded=False, max_to_keep=5,
                 keep_checkpoint_every_n_hours=10000.0, name=None, restore_sequentially=False,
                 saver_def=None, builder=None, defer_build=False, allow_empty=False,
                 write_version=2, pad_step_number=False, save_relative_paths=False,
                 filename=None):
        if defer_build and var_list:
            raise ValueError("If `var_list` is provided then build cannot be deferred. Either "
                             "set defer_build=False or var_list=None.")
        self._var_list = var_list
        self._object_restore_saver = None
        self._reshape = reshape
        self._sharded = sharded
        self._max_to_keep = max_to_keep
        self._keep_checkpoint_every_n_hours = keep_checkpoint_every_n_hours
        self._name = name
        self._restore_sequentially = restore_sequentially
        self.saver_def = saver_def
        self._builder = builder
        self._is_built = False
        self._allow_empty = allow_empty
        self._is_empty = None
        self._write_version = write_version
        self._pad_step_number = pad_step_number
        self._filename = filename
        self._save_relative_paths = save_relative_paths
        self._last_checkpoints = []
        self._checkpoints_to_be_deleted = []
        self._next_checkpoint_time = (time.time()
                                      + keep_checkpoint_every_n_hours * 3600)
        if saver_def is not None:
            self._check_saver_def()
            self._is_built = True
            self._next_checkpoint_time = (time.time()
                                          + saver_def.keep_checkpoint_every_n_hours * 3600)
        elif not defer_build:
            self.build()

    def _check_saver_def(self):
        if not isinstance(self.saver_def, SaverDef):
            raise ValueError(f"saver_def must be a saver_pb2.SaverDef: {self.saver_def}")
        if not self.saver_def.save_tensor_name:
            raise ValueError(f"saver_def must specify the save_tensor_name: {self.saver_def}")
        if not self.saver_def.restore_op_name:
            raise ValueError(f"saver_def must specify the restore_op_name: {self.saver_def}")

    # -- building the save/restore ops ---------------------------------------------------
    def build(self):
        if self._is_built:
            return
        self._build()

    def _build(self):
        self._is_built = True
        var_list = self._var_list
        if var_list is None:
            g = get_default_graph()
            var_list = (g.get_collection(GraphKeys.GLOBAL_VARIABLES)
                        + g.get_collection(GraphKeys.SAVEABLE_OBJECTS))
        var_dict = _op_list_to_dict(var_list)
        if not var_dict:
            if self._allow_empty:
                self._is_empty = True
                return
            raise ValueError("No variables to save")
        self._is_empty = False
        entries = _entries(var_dict)
        if self._rename is not None:   # saver_from_object_based_checkpoint: keys renamed
            entries = [(self._rename[e[0]],) + tuple(e[1:]) for e in entries]
        g = entries[0][2].graph
        with g.as_default(), g.control_dependencies(None), g.name_scope(self._name or "save"):
            with g.name_scope("filename") as fscope:
                default = constant(self._filename or "model", dtype=_dt.string, name="input")
            filename = g._create_op("PlaceholderWithDefault", [default], {"shape": ()},
                                    fscope).outputs[0]
            filename = array_ops.placeholder_with_default(filename, shape=(), name="Const")
            v2_sharded = self._sharded and self._write_version != 1
            if v2_sharded:   # one shard per device, as TF
                per_device = _group_by_devices(entries)
                save_tensor = _sharded_v2_save(g, filename, per_device)
            else:
                per_device = [(None, entries)]
                names = [e[0] for e in entries]
                slices = [e[1] for e in entries]
                tensors = [_materialize(e[2]) for e in entries]
            v1_sharded = self._write_version == 1 and self._sharded
            if v1_sharded:   # TF's one shard "<path>-00000-of-00001"; save returns the spec
                num_shards = constant(1, dtype=_dt.int32, name="num_shards")
                with g.name_scope("ShardedFilename") as scope:
                    shard = constant(0, dtype=_dt.int32, name="shard")
                    target = g._create_op("ShardedFilename", [filename, shard, num_shards], {},
                                          scope).outputs[0]
                save_op = save_slices(target, names, slices, tensors, name="save")
                with g.colocate_with(target.op), g.control_dependencies([save_op]):
                    done = array_ops.identity(target, name="control_dependency")
                with g.control_dependencies([done.op]):
                    save_tensor = g._create_op("ShardedFilespec", [filename, num_shards], {},
                                               "ShardedFilespec").outputs[0]
            elif self._write_version == 1:
                save_op = save_slices(filename, names, slices, tensors, name="save")
            elif not v2_sharded:
                save_op = save_v2(filename, names, slices, tensors)
            if not self._sharded:
                with g.colocate_with(filename.op), g.control_dependencies([save_op]):
                    save_tensor = array_ops.identity(filename, name="control_dependency")
            shards = []
            for device, shard_entries in per_device:
                with g.device(device) if device else contextlib.nullcontext():
                    assigns = self._restore_ops(g, filename, shard_entries)
                    if self._sharded:
                        shards.append(group(*assigns, name="restore_shard"))
            if self._sharded:
                restore_op = group(*shards, name="restore_all")
            else:
                restore_op = group(*assigns, name="restore_all")
        self.saver_def = SaverDef(
            filename_tensor_name=filename.name, save_tensor_name=save_tensor.name,
            restore_op_name=restore_op.name,
            max_to_keep=0 if self._max_to_keep is None else self._max_to_keep,   # (proto)
            sharded=self._sharded,
            keep_checkpoint_every_n_hours=float(self._keep_checkpoint_every_n_hours),
            version=self._write_version)
        self._is_built = True

    def _restore_ops(self, g, filename, entries):
        """TF's _AddRestoreOps: one RestoreV2 (on CPU, as TF's bulk_restore) of
        `entries`, and the assigns of what it reads."""
        names = [e[0] for e in entries]
        slices = [e[1] for e in entries]
        dtypes = [e[2].dtype.base_dtype for e in entries]
        shapes = [e[2].shape.as_tuple() if e[2].shape.is_fully_defined() else None
                  for e in entries]
        with g.device("cpu:0"):
            restored = restore_v2(filename, names, slices, dtypes, shapes=shapes,
                                  reshape=self._reshape)
        assigns = []
        restored_of = {}
        for (n, _, ref, v), value in zip(entries, restored):
            if isinstance(v, SaveableObject):
                restored_of.setdefault(id(v), (v, []))[1].append(value)
                continue
            if self._reshape:   # TF's saveables reshape what they read to the variable's
                src = ref if ref is not None else v
                value = array_ops.reshape(value, src.shape.as_list() if
                                          src.shape.is_fully_defined() else
                                          array_ops.shape(src))
            if is_resource_variable(v):
                with g.device(v.device) if v.device else contextlib.nullcontext():
                    assigns.append(shape_safe_assign_variable_handle(
                        v.handle, v.shape, array_ops.identity(value)))
                continue
            ref = _ref_of(v)   # (a partition's saved tensor is its snapshot)
            validate = ref.shape.is_fully_defined() and not self._reshape
            assigns.append(state_ops.assign(ref, value, validate_shape=validate).op)
        for v, values in restored_of.values():
            op = v.restore(values, None)
            assigns.append(op.op if isinstance(op, Tensor) else op)
        return assigns

    def as_saver_def(self):
        """The SaverDef naming this saver's ops."""
        return self.saver_def

    def to_proto(self, export_scope=None):
        """The SaverDef (names relative to `export_scope`); None, as TF, for a Saver not
        built yet (defer_build) or whose ops are outside `export_scope`."""
        if self.saver_def is None:
            return None
        names = (self.saver_def.filename_tensor_name, self.saver_def.save_tensor_name,
                 self.saver_def.restore_op_name)
        if export_scope and not all(n.startswith(export_scope) for n in names):
            return None
        sd = SaverDef.from_dict(self.saver_def.to_dict())
        if export_scope:
            pre = export_scope + "/"
            for k in ("filename_tensor_name", "save_tensor_name", "restore_op_name"):
                v = getattr(sd, k)
                if v.startswith(pre):
                    setattr(sd, k, v[len(pre):])
        return sd

    @staticmethod
    def from_proto(saver_def, import_scope=None):
        if import_scope:
            sd = SaverDef.from_dict(saver_def.to_dict())
            for k in ("filename_tensor_name", "save_tensor_name", "restore_op_name"):
                setattr(sd, k, import_scope + "/" + getattr(sd, k))
            saver_def = sd
        return Saver(saver_def=saver_def)

    # -- checkpoint bookkeeping ----------------------------------------------------------
    @property
    def last_checkpoints(self):
        """The checkpoint prefixes not yet deleted, oldest first."""
        return [p for p, _ in self._last_checkpoints]

    def set_last_checkpoints(self, last_checkpoints):
        if not isinstance(last_checkpoints, list):
            raise AssertionError(f"last_checkpoints: {last_checkpoints!r}")
        self._last_checkpoints = [(s, np.inf) for s in last_checkpoints]

    def set_last_checkpoints_with_time(self, last_checkpoints_with_time):
        if not isinstance(last_checkpoints_with_time, list):
            raise AssertionError(f"last_checkpoints_with_time: {last_checkpoints_with_time!r}")
        self._last_checkpoints = list(last_checkpoints_with_time)

    def recover_last_checkpoints(self, checkpoint_paths):
        """Adopts existing checkpoints (e.g. after a restart), using their file times.

        As TF 1.14: each path is looked up on its own and one whose files are gone is
        left out, so the others keep their own times (get_checkpoint_mtimes of the whole
        list skips missing ones, which would pair a path with another's time)."""
        with_times = []
        for path in checkpoint_paths:
            mtime = get_checkpoint_mtimes([path])
            if mtime:
                with_times.append((path, mtime[0]))
        self.set_last_checkpoints_with_time(with_times)

    def _record_last_checkpoint(self, latest_save_path):
        if not self.saver_def.max_to_keep:
            return
        self._last_checkpoints = [p for p in self._last_checkpoints if p[0] != latest_save_path]
        self._last_checkpoints.append((latest_save_path, time.time()))
        if len(self._last_checkpoints) > self.saver_def.max_to_keep:
            self._checkpoints_to_be_deleted.append(self._last_checkpoints.pop(0))

    def _maybe_delete_old_checkpoints(self, meta_graph_suffix="meta"):
        if self._checkpoints_to_be_deleted:
            p = self._checkpoints_to_be_deleted.pop(0)
            if p[1] > self._next_checkpoint_time:
                self._next_checkpoint_time += (self.saver_def.keep_checkpoint_every_n_hours
                                               * 3600)
                return
            try:
                _cm.remove_checkpoint(p[0], self.saver_def.version,
                                      meta_graph_suffix=meta_graph_suffix)
            except OSError as e:
                _cm._log.warning("Ignoring: %s", e)

    # -- save / restore ------------------------------------------------------------------
    def _write_meta_graph(self, meta_file, graph, strip_default_attrs):
        """Writes the .meta file. A finalized graph (a MonitoredSession's) cannot gain ops,
        so its serialized meta graph is kept and rewritten as is while its collections'
        sizes are unchanged (saving every N steps then costs no re-export)."""
        key = None
        if graph.finalized:
            key = (id(graph), strip_default_attrs, tuple(
                (k, len(graph.get_collection(k))) for k in sorted(
                    graph.get_all_collection_keys(), key=str)))
            cached = getattr(self, "_meta_cache", None)
            if cached is not None and cached[0] == key:
                file_io.atomic_write(meta_file, cached[1], "meta")
                return
        meta_graph.export_scoped_meta_graph(
            filename=meta_file, graph=graph, saver_def=self.saver_def,
            strip_default_attrs=strip_default_attrs, atomic=True)
        if key is not None:
            self._meta_cache = (key, _read_file(meta_file))

    def save(self, sess, save_path, global_step=None, latest_filename=None,
             meta_graph_suffix="meta", write_meta_graph=True, write_state=True,
             strip_default_attrs=False, save_debug_info=False):
        """Saves the variables as checkpoint `save_path[-global_step]`.

        Returns:
          The checkpoint prefix written (a str), or None for an empty saver.
        Raises:
          TypeError: `sess` is not a Session.
          ValueError: `latest_filename` is a path or collides with `save_path`.
        (A missing parent directory is created, as TF's SaveV2 does.)
        """
        if not self._is_built:
            raise RuntimeError("`build()` should be called before save if defer_build==True")
        if latest_filename is None:
            latest_filename = "checkpoint"
        if os.path.split(latest_filename)[0]:
            raise ValueError("'latest_filename' must not contain path components")
        save_path = os.fspath(save_path)
        if global_step is not None:
            if not isinstance(global_step, numbers.Number):
                global_step = int(sess.run(global_step))
            if self._pad_step_number:
                checkpoint_file = f"{save_path}-{int(global_step):08d}"
            else:
                checkpoint_file = f"{save_path}-{int(global_step)}"
        else:
            checkpoint_file = save_path
            if os.path.basename(save_path) == latest_filename and not self.saver_def.sharded:
                raise ValueError(f"'latest_filename' collides with 'save_path': "
                                 f"'{latest_filename}' and '{save_path}'")
        if not isinstance(sess, BaseSession):
            raise TypeError(f"'sess' must be a Session; {sess}")
        save_path_parent = os.path.dirname(save_path)
        if self._is_empty:
            return None
        try:
            model_checkpoint_path = sess.run(
                self.saver_def.save_tensor_name,
                {self.saver_def.filename_tensor_name: checkpoint_file})
        except errors.OpError:
            if not os.path.isdir(save_path_parent or "."):  # V1 does not make directories
                raise ValueError(f"Parent directory of {save_path} doesn't exist, can't "
                                 "save.") from None
            raise
        model_checkpoint_path = _str(model_checkpoint_path)
        if write_meta_graph:
            meta_file = _cm.meta_graph_filename(checkpoint_file, meta_graph_suffix)
            self._write_meta_graph(meta_file, sess.graph, strip_default_attrs)
        if write_state:
            self._record_last_checkpoint(model_checkpoint_path)
            _cm.update_checkpoint_state_internal(   # (V1 sharded: the "-?????-of-" spec)
                save_dir=save_path_parent or ".", model_checkpoint_path=model_checkpoint_path,
                all_model_checkpoint_paths=self.last_checkpoints,
                latest_filename=latest_filename, save_relative_paths=self._save_relative_paths)
            self._maybe_delete_old_checkpoints(meta_graph_suffix=meta_graph_suffix)
        return model_checkpoint_path

    def restore(self, sess, save_path):
        """Restores the variables from checkpoint `save_path`.

        Everything is checked before any variable changes: on error the
        session's variables are as they were.

        Raises:
          ValueError: `save_path` is None or names no checkpoint.
          tf.errors.NotFoundError: a variable is missing from the checkpoint
            (or the directory does not exist).
          tf.errors.InvalidArgumentError: a dtype or shape differs.
          tf.errors.DataLossError: the files are truncated or corrupted.
        """
        if self._is_empty:
            return
        if save_path is None:
            raise ValueError("Can't load save_path when it is None.")
        save_path = os.fspath(save_path)
        if not checkpoint_exists(save_path):
            raise ValueError("The passed save_path is not a valid checkpoint: " + save_path)
        _tf_logging.info("Restoring parameters from %s", save_path)
        try:
            sess.run(self.saver_def.restore_op_name,
                     {self.saver_def.filename_tensor_name: save_path})
        except errors.NotFoundError as err:
            # TF 1.14: an object-based checkpoint is read by a Saver of its keys instead
            try:
                names_to_keys = object_graph_key_mapping(save_path)
            except errors.NotFoundError:
                raise errors.NotFoundError(
                    None, err.op, "Restoring from checkpoint failed. This is most likely due "
                    "to a Variable name or other graph key that is missing from the "
                    "checkpoint. Please ensure that you have not altered the graph expected "
                    "based on the checkpoint. Original error:\n\n" + err.message) from None
            _tf_logging.warning(
                "Restoring an object-based checkpoint using a name-based saver. This may be "
                "somewhat fragile, and will re-build the Saver. Instead, consider loading "
                "object-based checkpoints using tf.train.Checkpoint().")
            self._object_restore_saver = saver_from_object_based_checkpoint(
                save_path, var_list=self._var_list, names_to_keys=names_to_keys,
                cached_saver=self._object_restore_saver)
            self._object_restore_saver.restore(sess, save_path)
        except errors.InvalidArgumentError as err:
            raise errors.InvalidArgumentError(
                None, err.op, "Restoring from checkpoint failed. This is most likely due to a "
                "mismatch between the current graph and the graph from the checkpoint. Please "
                "ensure that you have not altered the graph expected based on the checkpoint. "
                "Original error:\n\n" + err.message) from None

    def export_meta_graph(self, filename=None, collection_list=None, as_text=False,
                          export_scope=None, clear_devices=False, clear_extraneous_savers=False,
                          strip_default_attrs=False, save_debug_info=False):
        """Writes (and returns, as TF's MetaGraphDef proto) the default graph's meta graph
        with this saver's SaverDef."""
        return _export_meta_graph(
            filename=filename, saver_def=self.saver_def, collection_list=collection_list,
            as_text=as_text, export_scope=export_scope, clear_devices=clear_devices,
            clear_extraneous_savers=clear_extraneous_savers,
            strip_default_attrs=strip_default_attrs, save_debug_info=save_debug_info,
            graph_def_given=True)


def export_meta_graph(filename=None, meta_info_def=None, graph_def=None, saver_def=None,
                      collection_list=None, as_text=False, graph=None, export_scope=None,
                      clear_devices=False, clear_extraneous_savers=False,
                      strip_default_attrs=False, save_debug_info=False, **kwargs):
    """Writes `graph`'s (the default graph's) meta graph to `filename` if given (TF's
    MetaGraphDef protobuf, text format with `as_text`) and returns it as TF's
    meta_graph_pb2.MetaGraphDef, as TF 1.14 builds it.

    Collections of objects a MetaGraphDef cannot hold are left out with TF's warning.
    """
    return _export_meta_graph(filename, meta_info_def, graph_def, saver_def, collection_list,
                              as_text, graph, export_scope, clear_devices,
                              clear_extraneous_savers, strip_default_attrs, save_debug_info,
                              **kwargs)


def _export_meta_graph(filename=None, meta_info_def=None, graph_def=None, saver_def=None,
                       collection_list=None, as_text=False, graph=None, export_scope=None,
                       clear_devices=False, clear_extraneous_savers=False,
                       strip_default_attrs=False, save_debug_info=False, graph_def_given=False,
                       **kwargs):
    """export_meta_graph; `graph_def_given`: as TF's Saver.export_meta_graph, which passes
    the graph's GraphDef (a scoped export then holds its empty function library)."""
    if clear_extraneous_savers:
        raise NotImplementedError("tf.train.export_meta_graph: clear_extraneous_savers is not "
                                  "supported")
    if save_debug_info:
        raise NotImplementedError("tf.train.export_meta_graph: save_debug_info (the .debug "
                                  "GraphDebugInfo file) is not supported")
    for k in sorted(kwargs):   # TF passes them on to export_scoped_meta_graph
        if k == "exclude_nodes":
            raise NotImplementedError(f"tf.train.export_meta_graph: {k} is not supported")
        if k != "unbound_inputs_col_name":
            raise TypeError(f"create_meta_graph_def() got an unexpected keyword argument '{k}'")
    p = meta_graph.proto.pb()
    if meta_info_def and not isinstance(meta_info_def, p.meta_graph_pb2.MetaGraphDef.MetaInfoDef):
        raise TypeError("meta_info_def must be of type MetaInfoDef, not %s", type(meta_info_def))
    if graph_def and not isinstance(graph_def, p.graph_pb2.GraphDef):
        raise TypeError("graph_def must be of type GraphDef, not %s", type(graph_def))
    if saver_def and not isinstance(saver_def, (SaverDef, p.saver_pb2.SaverDef)):
        raise TypeError("saver_def must be of type SaverDef, not %s", type(saver_def))
    if isinstance(saver_def, p.saver_pb2.SaverDef):
        saver_def = meta_graph._saver_def_of(saver_def)
    return meta_graph.export_scoped_meta_graph(
        filename=filename, graph=graph or get_default_graph(), saver_def=saver_def or None,
        collection_list=collection_list, as_text=as_text, export_scope=export_scope,
        clear_devices=clear_devices, strip_default_attrs=strip_default_attrs,
        meta_info_def=meta_info_def or None, as_proto=True,
        library_set=(graph_def_given or graph_def is not None) and bool(
            export_scope or clear_devices),
        graph_def=graph_def or None, **kwargs)


def import_meta_graph(meta_graph_or_file, clear_devices=False, import_scope=None, **kwargs):
    """Rebuilds a saved graph in the default graph; returns a Saver for it (or None).

    >>> import os, tempfile
    >>> v = tf.Variable([1.0, 2.0], name="v")
    >>> prefix = os.path.join(tempfile.mkdtemp(), "model.ckpt")
    >>> with tf.Session() as sess:
    ...     sess.run(v.initializer)
    ...     path = tf.train.Saver().save(sess, prefix, global_step=10)
    >>> with tf.Graph().as_default():
    ...     saver = tf.train.import_meta_graph(path + ".meta")
    ...     with tf.Session() as sess:
    ...         saver.restore(sess, path)
    ...         print(sess.run("v:0"))
    [1. 2.]
    """
    source = None
    mg = meta_graph_or_file
    if type(mg).__name__ == "MetaGraphDef" and hasattr(mg, "graph_def") and \
            hasattr(mg, "ListFields"):  # TF's protobuf message
        mg = meta_graph.from_tf_meta_graph(mg)
    if not isinstance(mg, meta_graph.MetaGraphDef):
        source = os.fspath(mg)
        mg = meta_graph.read_meta_graph_file(mg)
    meta_graph.import_scoped_meta_graph(mg, clear_devices=clear_devices,
                                        import_scope=import_scope, source=source, **kwargs)
    if mg.saver_def is not None:
        return Saver.from_proto(mg.saver_def, import_scope=import_scope)
    g = get_default_graph()
    if g.get_collection(GraphKeys.GLOBAL_VARIABLES) or \
            g.get_collection(GraphKeys.SAVEABLE_OBJECTS):
        return Saver()
    _cm._log.info("Saver not created because there are no variables in the graph to restore")
    return None



# ---------------------------------------------------------------------------------------
# How meta graphs describe collections of Savers and Variables
# ---------------------------------------------------------------------------------------
_VARIABLE_DEF_NAMES = ("variable_name", "initializer_name", "snapshot_name")


def _check_variable_def(d, has_node):
    """Raises ValueError unless `d` is a VariableDef dict naming nodes of the meta graph."""
    if not isinstance(d, dict) or not set(_VARIABLE_DEF_NAMES) <= set(d) <= \
            set(_VARIABLE_DEF_NAMES) | {"initial_value_name", "trainable", "is_resource",
                                        "save_slice_info_def"}:
        raise ValueError(f"is not a VariableDef: {str(d)[:80]}")
    info = d.get("save_slice_info_def")
    if info is not None:   # a partitioned variable's part: where it sits in the full one
        ints = ("full_shape", "var_offset", "var_shape")
        if not isinstance(info, dict) or set(info) != {"full_name", *ints} or \
                not isinstance(info["full_name"], str) or \
                any(not isinstance(info[k], list) or len(info[k]) != len(info["full_shape"])
                    or not all(isinstance(x, int) and not isinstance(x, bool) and x >= 0
                               for x in info[k]) for k in ints) or \
                any(o + n > f for o, n, f in zip(info["var_offset"], info["var_shape"],
                                                 info["full_shape"])):
            raise ValueError(f"field save_slice_info_def is not a SaveSliceInfoDef: "
                             f"{str(info)[:80]}")
    for k in _VARIABLE_DEF_NAMES + ("initial_value_name",):
        v = d.get(k)
        if v is None and k == "initial_value_name":
            continue
        if not isinstance(v, str) or not has_node(v):
            raise ValueError(f"field {k} names {v!r}, which is not a node of the meta graph")
    for k in ("trainable", "is_resource"):
        if not isinstance(d.get(k, True), bool):
            raise ValueError(f"field {k} is not a bool")


def _check_saver_def(d, has_node):
    SaverDef.from_dict(d)


def _saver_item(saver, scope):
    """A saver's SaverDef as a collection item; None (left out, as TF) while a deferred
    saver is not built yet."""
    proto = saver.to_proto(scope)
    return None if proto is None else proto.to_dict()


meta_graph.register_collection_kind(
    "variables", lambda x: isinstance(x, Variable), lambda v, scope: v._to_proto_dict(scope),
    lambda d, scope: Variable.from_proto(d, import_scope=scope), _check_variable_def)
meta_graph.register_collection_kind(
    "savers", lambda x: isinstance(x, Saver), lambda s, scope: _saver_item(s, scope),
    lambda d, scope: Saver.from_proto(SaverDef.from_dict(d), import_scope=scope),
    _check_saver_def)


def object_graph_key_mapping(checkpoint_path):
    """{variable name when written: checkpoint key} of an object-based checkpoint (TF's
    saver.object_graph_key_mapping); NotFoundError for a name-based one."""
    reader = _io.CheckpointReader(os.fspath(checkpoint_path))
    reader.get_tensor(OBJECT_GRAPH_KEY)
    graph = _parse_object_graph(checkpoint_path, reader)
    return {a.full_name: a.checkpoint_key for node in graph.nodes for a in node.attributes}


def saver_from_object_based_checkpoint(checkpoint_path, var_list=None, builder=None,
                                       names_to_keys=None, cached_saver=None):
    """A Saver reading `var_list` (all saveables by default) from the object-based
    checkpoint under its keys (TF 1.14's): NotFoundError naming the variables it has
    not; `cached_saver` is returned when given (its ops made once)."""
    if names_to_keys is None:
        try:
            names_to_keys = object_graph_key_mapping(checkpoint_path)
        except errors.NotFoundError:
            raise ValueError("Checkpoint in %s not an object-based checkpoint."
                             % checkpoint_path) from None
    if var_list is None:
        g = get_default_graph()
        var_list = (g.get_collection(GraphKeys.GLOBAL_VARIABLES)
                    + g.get_collection(GraphKeys.SAVEABLE_OBJECTS))
    current = {e[0] for e in _entries(_op_list_to_dict(var_list))}
    previous = set(names_to_keys)
    missing = current - previous
    if missing:
        raise errors.NotFoundError(
            None, None,
            "\n\nExisting variables not in the checkpoint: %s\n\n"
            "Variables names when this checkpoint was written which don't exist now: %s\n\n"
            "(%d variable name(s) did match)\n\n"
            "Could not find some variables in the checkpoint (see names above). Saver was "
            "attempting to load an object-based checkpoint (saved using tf.train.Checkpoint "
            "or tf.keras.Model.save_weights) using variable names. If the checkpoint was "
            "written with eager execution enabled, it's possible that variable names have "
            "changed (for example missing a '_1' suffix). It's also possible that there are "
            "new variables which did not exist when the checkpoint was written. You can "
            "construct a Saver(var_list=...) with only the variables which previously "
            "existed, and if variable names have changed you may need to make this a "
            "dictionary with the old names as keys. If you're using an Estimator, you'll "
            "need to return a tf.train.Saver inside a tf.train.Scaffold from your model_fn."
            % (", ".join(sorted(missing)), ", ".join(sorted(previous - current)),
               len(previous & current)))
    if cached_saver is not None:
        return cached_saver
    saver = Saver.__new__(Saver)
    saver._rename = names_to_keys   # TF renames the saveables' specs to the keys
    saver.__init__(var_list, builder=builder)
    return saver


OBJECT_GRAPH_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH"   # an object-based checkpoint's graph


def _object_graph_pb2():
    from tensorboard.compat.proto import trackable_object_graph_pb2  # lazy: optional protos
    return trackable_object_graph_pb2


def _parse_object_graph(save_path, reader):
    raw = reader.get_tensor(OBJECT_GRAPH_KEY)
    graph = _object_graph_pb2().TrackableObjectGraph()
    try:
        graph.ParseFromString(raw if isinstance(raw, bytes) else bytes(raw))
    except Exception as e:  # noqa: BLE001 - protobuf's DecodeError varies by runtime
        raise errors.DataLossError(None, None, f"{save_path}: the object graph does not "
                                   f"parse ({e})") from None
    return graph
