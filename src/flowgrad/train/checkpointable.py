"""Object-based checkpoints (TF 1.14's tf.train.Checkpoint / CheckpointManager, graph mode).

A Checkpoint names its trackable objects (variables, nested Checkpoints, tf.Modules and the
lists and dicts a Module holds, each an object of the graph as TF's ListWrapper and
_DictWrapper are) by attribute, index or key;
a variable reached by the path `a/b` is saved under the key
`a/b/.ATTRIBUTES/VARIABLE_VALUE`, and the entry `_CHECKPOINTABLE_OBJECT_GRAPH` holds the
TrackableObjectGraph proto (TensorBoard's trackable_object_graph_pb2) describing the
objects, as TF 1.14 writes them, so either system restores the other's checkpoints.
"""
import collections
import os
import time

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework.constant_op import constant
from ..engine.framework.graph import get_default_graph
from ..engine.runtime.session import get_default_session
from ..ops.array_ops import identity
from ..ops.variables import Variable, is_resource_variable
from . import checkpoint_io as _io
from . import checkpoint_management as _cm
from .saver import _canonical_device, _functional_sharded_save, _ref_of, restore_v2

OBJECT_GRAPH_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH"
_VALUE_SUFFIX = ".ATTRIBUTES/VARIABLE_VALUE"


def _escape(name):
    """TF's escaping of a local name in checkpoint keys ('.' -> '..', '/' -> '.S')."""
    return name.replace(".", "..").replace("/", ".S")


def _trackable(x):
    """A Checkpoint's attribute: a variable, a Checkpoint or a tf.Module."""
    return isinstance(x, (Variable, Checkpoint)) or hasattr(x, "_tracked_children")


def _tracked(x):
    """A dependency of a tf.Module: trackable, or a list / dict (TF wraps those in its
    trackable ListWrapper / _DictWrapper: each is an object of the graph)."""
    return _trackable(x) or type(x) in (list, dict, collections.OrderedDict)


def _children(obj):
    """[(local name, object)] of `obj`'s dependencies, in TF's order: a Checkpoint's and a
    Module's attributes as assigned, a list's items by index, a dict's by key."""
    if isinstance(obj, Checkpoint):
        return list(obj._children.items())
    if hasattr(obj, "_tracked_children"):
        return obj._tracked_children()
    if type(obj) is list:
        return [(str(i), v) for i, v in enumerate(obj) if _tracked(v)]
    if type(obj) in (dict, collections.OrderedDict):
        out = []
        for k, v in obj.items():
            if _tracked(v):
                if not isinstance(k, str):
                    raise ValueError(
                        "Unable to save the object %s (a dictionary wrapper constructed "
                        "automatically on attribute assignment). The wrapped dictionary "
                        "contains a non-string key which maps to a trackable object or "
                        "mutable data structure.\n\nIf you don't need this dictionary "
                        "checkpointed, wrap it in a tf.contrib.checkpoint.NoDependency "
                        "object; it will be automatically un-wrapped and subsequently "
                        "ignored." % (obj,))
                out.append((k, v))
        return out
    return []


def _walk(root):
    """[(object, path of local names)] breadth first from `root`, each object once."""
    order, seen, queue = [], {id(root)}, [(root, ())]
    while queue:
        obj, path = queue.pop(0)
        order.append((obj, path))
        for name, child in _children(obj):
            if id(child) not in seen:
                seen.add(id(child))
                queue.append((child, path + (name,)))
    return order


def _key(path):
    return "/".join(_escape(p) for p in path) + "/" + _VALUE_SUFFIX


def _session(session):
    s = session or get_default_session()
    if s is None:
        raise ValueError("Cannot save or restore a Checkpoint in graph mode without a "
                         "session: pass `session=` or use it inside `with tf.Session():`")
    return s


def _matched_slots(graph, objs):
    """[(slot variable, checkpoint key)] of the slot variables the checkpoint's optimizer
    nodes list (`slot_variables`: original variable node, slot name, slot node) that the
    matched optimizer (its `_slot_variables`) has for the matched variable."""
    out = []
    for node_id, obj in objs.items():
        node = graph.nodes[node_id]
        if obj is None or not node.slot_variables:
            continue
        have = {(id(v), name): slot
                for v, name, slot in (getattr(obj, "_slot_variables", None) or [])}
        for ref in node.slot_variables:
            var = objs.get(ref.original_variable_node_id)
            slot = have.get((id(var), ref.slot_name)) if var is not None else None
            if slot is None or not 0 <= ref.slot_variable_node_id < len(graph.nodes):
                continue
            for attr in graph.nodes[ref.slot_variable_node_id].attributes:
                if attr.name == "VARIABLE_VALUE":
                    out.append((slot, attr.checkpoint_key))
    return out


class CheckpointLoadStatus:
    """What a Checkpoint.restore matched (TF's CheckpointLoadStatus, graph mode)."""

    def __init__(self, checkpoint, save_path, matched, unresolved, unassigned):
        self._checkpoint = checkpoint
        self._save_path = save_path
        self._matched = matched          # [(Variable, checkpoint key)]
        self._unresolved = unresolved    # checkpoint node descriptions with no object
        self._unassigned = unassigned    # Python objects given no value
        self._restore_op = None

    def assert_consumed(self):
        """AssertionError unless every checkpoint value matched an object and every
        object got a value."""
        if self._unresolved:
            raise AssertionError(f"Unresolved object in checkpoint: {self._unresolved[0]}")
        if self._unassigned:
            raise AssertionError(f"Object not assigned a value from checkpoint: "
                                 f"{self._unassigned[0]}")
        return self

    def assert_existing_objects_matched(self):
        """AssertionError unless every Python object got a value."""
        if self._unassigned:
            raise AssertionError(f"Object not assigned a value from checkpoint: "
                                 f"{self._unassigned[0]}")
        return self

    def assert_nontrivial_match(self):
        if not self._matched:
            raise AssertionError(f"Nothing except the root object matched a checkpointed "
                                 f"value. Typically this means that the checkpoint does not "
                                 f"match the Python program. ({self._save_path})")
        return self

    def _build(self):
        if self._restore_op is None and self._matched:
            g = get_default_graph()
            with g.name_scope("restore"):
                keys = [k for _, k in self._matched]
                values = restore_v2(constant(self._save_path), keys, [""] * len(keys),
                                    [v.dtype.base_dtype for v, _ in self._matched])
                if len(keys) == 1:
                    values = [values] if not isinstance(values, (list, tuple)) else values
                from ..ops.control_flow_ops import group  # lazy: surface module
                self._restore_op = group(*[v.assign(t) for (v, _), t in
                                           zip(self._matched, values)])
        return self._restore_op

    def run_restore_ops(self, session=None):
        """Assigns the matched variables their checkpointed values."""
        op = self._build()
        if op is not None:
            _session(session).run(op)

    def initialize_or_restore(self, session=None):
        """Restores the matched variables and initializes the others."""
        s = _session(session)
        matched = {id(v) for v, _ in self._matched}
        for obj, _ in _walk(self._checkpoint):
            if isinstance(obj, Variable) and id(obj) not in matched:
                s.run(obj.initializer)
        self.run_restore_ops(s)


class Checkpoint:
    """Groups trackable objects (variables, Checkpoints) to save and restore by name.

    >>> import os, tempfile
    >>> v = tf.Variable([1.0, 2.0], name="v")
    >>> ckpt = tf.train.Checkpoint(v=v)
    >>> with tf.Session() as sess:
    ...     sess.run(v.initializer)
    ...     path = ckpt.save(os.path.join(tempfile.mkdtemp(), "ck"))
    ...     _ = sess.run(v.assign([0.0, 0.0]))
    ...     ckpt.restore(path).assert_consumed().run_restore_ops()
    ...     print(os.path.basename(path), sess.run(v))
    ck-1 [1. 2.]
    """

    def __init__(self, **kwargs):
        object.__setattr__(self, "_children", {})
        object.__setattr__(self, "_save_counter", None)
        object.__setattr__(self, "_save_ops", {})
        for k, v in sorted(kwargs.items(), key=lambda kv: kv[0]):
            if not _trackable(v):
                raise ValueError(
                    f"`Checkpoint` was expecting a trackable object (an object derived from "
                    f"`TrackableBase`), got {v}. If you believe this object should be "
                    "trackable (i.e. it is part of the TensorFlow Python API and manages "
                    "state), please open an issue.")
            setattr(self, k, v)

    def __setattr__(self, name, value):
        object.__setattr__(self, name, value)
        if not name.startswith("_") and _trackable(value):
            self._children[name] = value

    @property
    def save_counter(self):
        """The int64 variable counting this Checkpoint's saves (created on first use)."""
        if self._save_counter is None:
            g = get_default_graph()
            with g.name_scope(None), g.device("/cpu:0"):
                c = Variable(np.int64(0), name="save_counter", trainable=False,
                             dtype=_dt.int64, use_resource=True)
            object.__setattr__(self, "_save_counter", c)
            self._children["save_counter"] = c
        return self._save_counter

    def _object_graph(self):
        """(TrackableObjectGraph proto, [(Variable, key)]) of the objects reachable now;
        an optimizer's slot variables (a node's `_slot_variables`: (variable, slot name,
        slot variable)) follow as nodes of their own, as TF 1.14 writes them."""
        order = _walk(self)
        ids = {id(o): i for i, (o, _) in enumerate(order)}
        graph = _object_graph_pb2().TrackableObjectGraph()
        tensors = []
        for obj, path in order:
            node = graph.nodes.add()
            for name, child in _children(obj):
                node.children.add(node_id=ids[id(child)], local_name=name)
            if isinstance(obj, Variable):
                key = _key(path)
                node.attributes.add(name="VARIABLE_VALUE", full_name=obj.op.name,
                                    checkpoint_key=key)
                tensors.append((obj, key))
        paths = {id(o): p for o, p in order}
        for obj, path in order:   # TF: per optimizer, per slot name, variables in order
            slots = getattr(obj, "_slot_variables", None) or []
            names = list(dict.fromkeys(name for _, name, _ in slots))
            for slot_name in names:
                found = sorted((ids[id(var)], var, slot) for var, name, slot in slots
                               if name == slot_name and id(var) in ids)
                for var_id, var, slot in found:
                    key = "%s/.OPTIMIZER_SLOT/%s/%s/%s" % (
                        "/".join(_escape(p) for p in paths[id(var)]),
                        "/".join(_escape(p) for p in path), _escape(slot_name), _VALUE_SUFFIX)
                    graph.nodes[ids[id(obj)]].slot_variables.add(
                        original_variable_node_id=var_id, slot_name=slot_name,
                        slot_variable_node_id=len(graph.nodes))
                    graph.nodes.add().attributes.add(
                        name="VARIABLE_VALUE", full_name=slot.op.name, checkpoint_key=key)
                    tensors.append((slot, key))
        return graph, tensors

    def _next_number(self, s):
        """Increments save_counter and returns its value (TF 1.14: a counter made by this
        save is initialized first; the assign_add op, colocated with it, made once)."""
        if self._save_counter is None:
            s.run(self.save_counter.initializer)
        if "assign" not in self._save_ops:
            counter = self.save_counter
            with s.graph.as_default(), s.graph.colocate_with(counter.op):
                self._save_ops["assign"] = counter.assign_add(1, read_value=True)
        return int(s.run(self._save_ops["assign"]))

    def write(self, file_prefix, session=None):
        """Writes the objects' values as checkpoint `file_prefix`; returns it.

        As TF 1.14's TrackableSaver.save in graph mode: two string Consts on /cpu:0 made
        once (the object graph's, then the file prefix's), fed on each write; the save ops
        (functional_saver.MultiDeviceSaver: each resource variable saved from its
        `Read/ReadVariableOp`, a ref variable as itself) made again only when the object
        graph differs from the last write's."""
        s = _session(session)
        graph, tensors = self._object_graph()
        g = s.graph
        feeds = self._save_ops.get(("feeds", id(g)))
        if feeds is None:
            with g.as_default(), g.name_scope(None), g.device("/cpu:0"):
                blob = constant("", dtype=_dt.string)
                prefix = constant("", dtype=_dt.string)
            feeds = self._save_ops[("feeds", id(g))] = (prefix, blob)
        prefix, blob = feeds
        proto = graph.SerializeToString()
        last = self._save_ops.get(("last", id(g)))
        if last is None or last[0] != proto:
            with g.as_default(), g.name_scope(None):
                per_device = {}
                for v, k in tensors:
                    t = v._as_graph_element() if is_resource_variable(v) else _ref_of(v)
                    per_device.setdefault(_canonical_device(v.device), []).append((k, "", t))
                per_device.setdefault(_canonical_device(blob.device), []).append(
                    (OBJECT_GRAPH_KEY, "", blob))
                merge = _functional_sharded_save(g, prefix, sorted(per_device.items()))
                with g.device("/cpu:0"), g.control_dependencies([merge]):
                    op = identity(prefix)
            last = self._save_ops[("last", id(g))] = (proto, op)
        file_prefix = os.fspath(file_prefix)
        if os.path.dirname(file_prefix):   # TF's saver: recursive_create_dir before saving
            os.makedirs(os.path.dirname(file_prefix), exist_ok=True)
        s.run(last[1], {prefix: file_prefix, blob: proto})
        return file_prefix

    def save(self, file_prefix, session=None):
        """Writes `file_prefix-N` (N: the incremented save_counter), records it in the
        directory's `checkpoint` state file and returns it."""
        s = _session(session)
        number = self._next_number(s)
        path = self.write(f"{os.fspath(file_prefix)}-{number}", session=s)
        _cm.update_checkpoint_state_internal(
            save_dir=os.path.dirname(path) or ".", model_checkpoint_path=path,
            all_model_checkpoint_paths=[path], save_relative_paths=True)
        return path

    def restore(self, save_path):
        """Matches the checkpoint's objects to this one's by name; returns a status whose
        run_restore_ops() assigns the values (nothing runs before)."""
        if save_path is None:
            return _InitializationOnlyStatus(self)
        save_path = os.fspath(save_path)
        reader = _io.CheckpointReader(save_path)
        try:
            raw = reader.get_tensor(OBJECT_GRAPH_KEY)
        except errors.NotFoundError:
            raise ValueError(f"The checkpoint {save_path} was not written by an object-based "
                             "Checkpoint (it has no object graph): restore it with "
                             "tf.train.Saver") from None
        graph = _object_graph_pb2().TrackableObjectGraph()
        try:
            graph.ParseFromString(raw if isinstance(raw, bytes) else bytes(raw))
        except Exception as e:  # noqa: BLE001 - protobuf's DecodeError varies by runtime
            raise errors.DataLossError(None, None, f"{save_path}: the object graph does not "
                                       f"parse ({e})") from None
        matched, unresolved, visited = [], [], set()
        stack = [(0, self)]
        n = len(graph.nodes)
        seen_nodes = set()
        objs = {}
        while stack:
            node_id, obj = stack.pop()
            if not 0 <= node_id < n or node_id in seen_nodes:
                continue
            seen_nodes.add(node_id)
            objs[node_id] = obj
            node = graph.nodes[node_id]
            if obj is not None:
                visited.add(id(obj))
            for attr in node.attributes:
                if isinstance(obj, Variable) and attr.name == "VARIABLE_VALUE":
                    matched.append((obj, attr.checkpoint_key))
                elif obj is None:
                    unresolved.append(f"{attr.full_name} ({attr.checkpoint_key})")
            kids = dict(_children(obj)) if obj is not None else {}
            for ref in node.children:
                child = kids.get(ref.local_name)
                if child is None and ref.local_name == "save_counter" and obj is self:
                    child = self.save_counter
                stack.append((ref.node_id, child))
        matched.extend(_matched_slots(graph, objs))
        unassigned = [f"{o.op.name} ({type(o).__name__})" for o, _ in _walk(self)
                      if isinstance(o, Variable) and id(o) not in {id(v) for v, _ in matched}]
        return CheckpointLoadStatus(self, save_path, matched, sorted(unresolved), unassigned)


class _InitializationOnlyStatus:
    """restore(None): nothing to restore; initialize_or_restore initializes."""

    def __init__(self, checkpoint):
        self._checkpoint = checkpoint

    def assert_consumed(self):
        raise AssertionError("No checkpoint specified (save_path=None); nothing is being "
                             "restored.")

    assert_existing_objects_matched = assert_consumed
    assert_nontrivial_match = assert_consumed

    def run_restore_ops(self, session=None):
        return None

    def initialize_or_restore(self, session=None):
        s = _session(session)
        for obj, _ in _walk(self._checkpoint):
            if isinstance(obj, Variable):
                s.run(obj.initializer)


def _object_graph_pb2():
    from tensorboard.compat.proto import trackable_object_graph_pb2  # lazy: optional protos
    return trackable_object_graph_pb2


class CheckpointManager:
    """Saves a Checkpoint as `directory/checkpoint_name-N`, keeping the latest
    `max_to_keep` (all with None) and the `checkpoint` state file, as TF 1.14's
    (training/checkpoint_management.py): with keep_checkpoint_every_n_hours, a checkpoint
    leaving the active set is kept when at least that long after the last one kept; the
    state file records each checkpoint's time and the last kept one's."""

    def __init__(self, checkpoint, directory, max_to_keep, keep_checkpoint_every_n_hours=None,
                 checkpoint_name="ckpt"):
        self._checkpoint = checkpoint
        if max_to_keep is not None and max_to_keep <= 0:
            raise ValueError(("Expected a positive integer or `None` for "
                              "`max_to_max_to_keep`, got %d.") % (max_to_keep,))
        self._max_to_keep = max_to_keep
        self._keep_checkpoint_every_n_hours = keep_checkpoint_every_n_hours
        self._directory = os.fspath(directory)
        self._prefix = os.path.join(self._directory, checkpoint_name)
        recovered_state = _cm.get_checkpoint_state(self._directory)
        current_clock = time.time()
        self._maybe_delete = collections.OrderedDict()
        if recovered_state is None:
            self._latest = None
            self._last_preserved_timestamp = current_clock - 1.
        else:
            self._latest = recovered_state.model_checkpoint_path
            self._last_preserved_timestamp = recovered_state.last_preserved_timestamp
            if current_clock < self._last_preserved_timestamp:
                _cm._log.warning(
                    ("time.time() returned a value %f seconds behind the last preserved "
                     "checkpoint timestamp.")
                    % (self._last_preserved_timestamp - current_clock,))
                self._last_preserved_timestamp = current_clock
            all_timestamps = list(recovered_state.all_model_checkpoint_timestamps)
            all_paths = list(recovered_state.all_model_checkpoint_paths)
            if not all_timestamps:
                all_timestamps = [self._last_preserved_timestamp] * len(all_paths)
            for filename, timestamp in zip(all_paths, all_timestamps):
                timestamp = min(timestamp, current_clock)
                if timestamp > self._last_preserved_timestamp:
                    self._maybe_delete[filename] = timestamp

    @property
    def latest_checkpoint(self):
        return self._latest

    @property
    def checkpoints(self):
        """The active set, oldest first (those kept by keep_checkpoint_every_n_hours are
        not in it)."""
        return list(self._maybe_delete.keys())

    def _sweep(self):
        if not self._max_to_keep:
            return
        while len(self._maybe_delete) > self._max_to_keep:
            filename, timestamp = self._maybe_delete.popitem(last=False)
            if (self._keep_checkpoint_every_n_hours
                    and (timestamp - self._keep_checkpoint_every_n_hours * 3600.
                         >= self._last_preserved_timestamp)):
                self._last_preserved_timestamp = timestamp
                continue
            try:
                _cm.remove_checkpoint(filename)
            except OSError as e:
                _cm._log.warning("Ignoring: %s", e)

    def _record_state(self):
        filenames, timestamps = zip(*self._maybe_delete.items())
        _cm.update_checkpoint_state_internal(
            save_dir=self._directory, model_checkpoint_path=self._latest,
            all_model_checkpoint_paths=filenames,
            all_model_checkpoint_timestamps=timestamps,
            last_preserved_timestamp=self._last_preserved_timestamp,
            save_relative_paths=True)

    @property
    def directory(self):
        return self._directory

    def save(self, checkpoint_number=None):
        """Saves a checkpoint (numbered `checkpoint_number`, else by the save counter);
        the oldest beyond max_to_keep leave the active set (deleted unless
        keep_checkpoint_every_n_hours keeps them); returns its prefix."""
        s = _session(None)
        ck = self._checkpoint
        n = ck._next_number(s)
        if checkpoint_number is not None:
            n = int(s.run(checkpoint_number) if hasattr(checkpoint_number, "op")
                    else checkpoint_number)
        os.makedirs(self._directory, exist_ok=True)
        path = ck.write(f"{self._prefix}-{n}", session=s)
        timestamp = time.time()
        if path in self._maybe_delete:
            del self._maybe_delete[path]
        self._maybe_delete[path] = timestamp
        self._latest = path
        self._sweep()
        self._record_state()
        return path
