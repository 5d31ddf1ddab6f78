"""Object-based checkpoints (TF 1.14's tf.train.Checkpoint / CheckpointManager, graph mode).

A Checkpoint names its trackable objects (variables, nested Checkpoints, tf.Modules and the
lists and dicts a Module holds, each an object of the graph as TF's ListWrapper and
_DictWrapper are) by attribute, index or key;
a variable reached by the path `a/b` is saved under the key
`a/b/.ATTRIBUTES/VARIABLE_VALUE`, and the entry `_CHECKPOINTABLE_OBJECT_GRAPH` holds the
TrackableObjectGraph proto (TensorBoard's trackable_object_graph_pb2) describing the
objects, as TF 1.14 writes them, so either system restores the other's checkpoints.

restore() is TF 1.14's TrackableSaver.restore in graph mode: it builds TF's restore ops
for the objects there now (one file-prefix Const per root, per object RestoreV2,
Identity and AssignVariableOp or Assign) and those of objects made later as they are
made (deferred restores); the status's run_restore_ops runs them.
"""
import collections
import itertools
import os
import time
import weakref

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework.constant_op import constant
from ..engine.framework.graph import get_default_graph
from ..engine.runtime.session import get_default_session
from ..ops.array_ops import identity
from ..ops.io_extras import init_scope
from ..ops.resource_variable_ops import shape_safe_assign_variable_handle
from ..ops.state_ops import assign
from ..ops.variables import Variable, is_resource_variable
from . import checkpoint_io as _io
from . import checkpoint_management as _cm
from .saver import (OBJECT_GRAPH_KEY, _canonical_device, _functional_sharded_save,
                    _object_graph_pb2, _parse_object_graph, _ref_of, restore_v2)

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
        _check_appended_only(obj)
        return [(str(i), v) for i, v in enumerate(obj) if _tracked(v)]
    if type(obj) in (dict, collections.OrderedDict):
        out, seen = [], _dict_seen(obj)
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
        if seen is None:
            return out
        seen.update(out)   # TF 1.14's _DictWrapper: a deleted key's value stays tracked
        return list(seen.items())
    return []


_list_snapshots = {}   # id -> [list, its items when last seen, whether it was mutated]
_dicts_seen = {}       # id -> (dict, {key: trackable value} of all those it has held)


def track_list(value, owner):
    """TF 1.14's _ListWrapper / _DictWrapper made when a list or dict (and one in it) is
    assigned to a Keras model's attribute: tracking is for append-only lists from here
    on; a dict's values stay tracked when their key is deleted. The records go when
    `owner` (the model) does: they hold the containers, whose layers hold graphs."""
    key = id(value)
    if type(value) is list:
        _list_snapshots[key] = [value, list(value), False]
        weakref.finalize(owner, _forget, _list_snapshots, key, value)
    if type(value) in (dict, collections.OrderedDict):
        _dicts_seen[key] = (value, collections.OrderedDict(
            (k, v) for k, v in value.items() if isinstance(k, str) and _tracked(v)))
        weakref.finalize(owner, _forget, _dicts_seen, key, value)
    if isinstance(value, (list, tuple)):
        for v in value:
            track_list(v, owner)
    elif isinstance(value, dict):
        for v in value.values():
            track_list(v, owner)


def _forget(records, key, value):
    """Drop `records[key]` if it still stands for `value` (its id may be reused)."""
    if key in records and records[key][0] is value:
        del records[key]


def _dict_seen(obj):
    held = _dicts_seen.get(id(obj))
    return None if held is None else held[1]


def _check_appended_only(lst):
    """TF 1.14's _ListWrapper._checkpoint_dependencies: a tracked list whose trackable
    element was replaced, deleted or moved since it was last seen cannot be saved (its
    elements' names would change); appends are fine."""
    held = _list_snapshots.get(id(lst))
    if held is None:
        return
    before = held[1]
    held[2] = held[2] or len(lst) < len(before) or any(
        _tracked(b) and lst[i] is not b for i, b in enumerate(before))
    if not held[2]:
        held[1] = list(lst)
        return
    raise ValueError(
        "Unable to save the object ListWrapper(%r) (a list wrapper constructed to track "
        "trackable TensorFlow objects). A list element was replaced (__setitem__, "
        "__setslice__), deleted (__delitem__, __delslice__), or moved (sort). In order to "
        "support restoration on object creation, tracking is exclusively for append-only "
        "data structures.\n\nIf you don't need this list checkpointed, wrap it in a "
        "tf.contrib.checkpoint.NoDependency object; it will be automatically un-wrapped "
        "and subsequently ignored." % (lst,))


def _walk(root, kids=None):
    """[(object, path of local names)] breadth first from `root`, each object once; each
    object's children go to `kids` by id (a Keras model makes its optimizer's node anew
    on each call: the graph is written from one listing)."""
    order, seen, queue = [], {id(root)}, [(root, ())]
    kids = {} if kids is None else kids
    while queue:
        obj, path = queue.pop(0)
        order.append((obj, path))
        kids[id(obj)] = _children(obj)
        for name, child in kids[id(obj)]:
            if id(child) not in seen:
                seen.add(id(child))
                queue.append((child, path + (name,)))
    return order


def _key(path):
    return "/".join(_escape(p) for p in path) + "/" + _VALUE_SUFFIX


def _session(session):
    """The session a save runs in: `session`, else TF 1.14's get_session() (the default
    session, else the one Keras registered: keras.backend.get_session())."""
    return session or get_default_session() or _restore_session(None)


def _restore_session(session):
    """TF 1.14's status methods without a session use keras.backend.get_session() (the
    default session; its uninitialized variables initialized first)."""
    if session is not None:
        return session
    from ..keras import backend  # lazy: keras is above train
    return backend.get_session()


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
        object.__setattr__(self, "_saver", _Saver())
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
            new = name not in self._children
            self._children[name] = value
            if new:   # TF's _track_trackable: the restores waiting for this name run
                dependency_added(self, name, value)

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
            dependency_added(self, "save_counter", c)
        return self._save_counter

    def _object_graph(self):
        """(TrackableObjectGraph proto, [(Variable, key)]) of the objects reachable now;
        an optimizer's slot variables (a node's `_slot_variables`: (variable, slot name,
        slot variable)) follow as nodes of their own, as TF 1.14 writes them."""
        kids = {}
        order = _walk(self, kids)
        ids = {id(o): i for i, (o, _) in enumerate(order)}
        graph = _object_graph_pb2().TrackableObjectGraph()
        tensors = []
        for obj, path in order:
            node = graph.nodes.add()
            for name, child in kids[id(obj)]:
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
        """Restores the checkpoint's values into the objects matched by name (TF 1.14's
        graph mode): the restore ops of the objects there now are made here (one
        file-prefix Const, fed the path, per variable RestoreV2, Identity and
        AssignVariableOp or Assign), those of objects made later when they are made;
        save_counter is made here. The returned status's run_restore_ops() runs them."""
        if save_path is None:
            status = _InitializationOnlyStatus(self)
        else:
            status = restore_into(self._saver, self, save_path,
                                  lambda root: [o for o, _ in _walk(root)], self,
                                  weak_root=True)
        self.save_counter   # noqa: B018 - TF makes it after the restore (restored if saved)
        return status


class _InitializationOnlyStatus:
    """restore(None) (TF 1.14's InitializationOnlyStatus): the assertions fail;
    initialize_or_restore runs the initializers of the objects no later restore
    assigned."""

    def __init__(self, checkpoint):
        self._checkpoint = checkpoint
        self._uid = next(_uids)

    def assert_consumed(self):
        raise AssertionError("No checkpoint specified (save_path=None); nothing is being "
                             "restored.")

    assert_existing_objects_matched = assert_consumed
    assert_nontrivial_match = assert_consumed

    def run_restore_ops(self, session=None):
        raise AssertionError("No checkpoint specified, so no restore ops are available "
                             "(save_path=None to Saver.restore).")

    def initialize_or_restore(self, session=None):
        s = _restore_session(session)
        s.run([o.initializer for o, _ in _walk(self._checkpoint)
               if getattr(o, "initializer", None) is not None and _uid(o) < self._uid])

    def expect_partial(self):
        return self


# ---------------------------------------------------------------------------------------
# Object-based restore in graph mode (TF 1.14's TrackableSaver.restore, base.py's
# CheckpointPosition, util.py's _CheckpointRestoreCoordinator)
# ---------------------------------------------------------------------------------------
_uids = itertools.count(1)


_plain_states = {}   # id -> (object, state) of the objects not holding their own


def _owner(obj):
    """The object a node stands for (a compiled Keras model's 'optimizer' node: the
    optimizer), as TF 1.14's object graph holds it."""
    return getattr(obj, "__dict__", {}).get("_restore_owner", obj)


def _state(obj, make=True):
    """The restore bookkeeping TF 1.14 keeps on a Trackable: its update uid (the newest
    restore that assigned it) and the checkpoint positions deferred until a dependency
    (by local name) or a slot variable (by slot name and variable) is made. A node
    standing for another object (`_restore_owner`: a Keras optimizer's) keeps its
    owner's."""
    obj = _owner(obj)
    if not hasattr(obj, "__dict__") or "_self_update_uid" in obj.__dict__:
        # a list / dict, or a tf.Module (its attributes are its vars(): none is added)
        held = _plain_states.get(id(obj))
        if held is None and make:
            held = _plain_states[id(obj)] = (obj, {"uid": 0, "deferred": {}, "slots": {}})
        return held[1] if held else None
    st = obj.__dict__.get("_self_restore_state")
    if st is None and make:
        st = {"uid": 0, "deferred": {}, "slots": {}}
        object.__setattr__(obj, "_self_restore_state", st)
    return st


class _Saver:
    """A root's TrackableSaver restore state: the file-prefix Const ("model", on /cpu:0,
    fed the path on each run) made at the first restore in a graph, and the restore ops by
    checkpoint key shared by all its restores (a key restored again makes no op)."""

    def __init__(self):
        self.prefix = {}
        self.ops = {}

    def prefix_tensor(self, g):
        if id(g) not in self.prefix:
            with g.device("/cpu:0"):
                self.prefix[id(g)] = constant("model")
        return self.prefix[id(g)]


class _Coordinator:
    """One restore() of a checkpoint (TF's _CheckpointRestoreCoordinator): the objects
    bound to the checkpoint's nodes, the restore ops made so far (in order), the
    attributes no object took, and the slot variables waiting for their optimizer."""

    def __init__(self, proto, save_path, prefix, saver):
        self.proto = proto
        self.save_path = save_path
        self.prefix = prefix
        self.cache = saver.ops
        self.uid = next(_uids)
        self.by_node = _Held()
        self.all_objects = _Held()
        self.restore_ops = []
        self.callback = None
        self.unused_attributes = {}
        self.slot_restorations = {}
        self.deferred_slot_restorations = {}
        for opt_id, node in enumerate(proto.nodes):
            for ref in node.slot_variables:
                self.slot_restorations.setdefault(ref.original_variable_node_id, []).append(
                    (opt_id, ref.slot_variable_node_id, ref.slot_name))

    def new_restore_ops(self, new_ops):
        self.restore_ops.extend(new_ops)
        if self.callback is not None:
            self.callback(new_ops)

    def node_names(self):
        """TF's _ObjectGraphProtoPrettyPrinter: node id -> '(root).a.b', a slot variable
        as "(root).opt's state 'm' for (root).v"."""
        names, queue = {0: ("(root)",)}, collections.deque([0])
        while queue:
            node_id = queue.popleft()
            for child in self.proto.nodes[node_id].children:
                if child.node_id not in names:
                    names[child.node_id] = names[node_id] + (child.local_name,)
                    queue.append(child.node_id)
        out = {k: ".".join(v) for k, v in names.items()}
        for node_id, node in enumerate(self.proto.nodes):
            for ref in node.slot_variables:
                out[ref.slot_variable_node_id] = "{}'s state '{}' for {}".format(
                    out[node_id], ref.slot_name, out[ref.original_variable_node_id])
        return out


def _uid(obj):
    st = _state(obj, make=False)
    return st["uid"] if st else 0


def _restore_position(coord, node_id, obj):
    """TF's CheckpointPosition.restore: binds `obj` to the node; when new, restores it and
    what it reaches now (deferring the rest), in TF's init_scope."""
    with init_scope():
        if _bind(coord, node_id, obj):
            ops = _restore_from(coord, node_id, obj)
            if ops:
                coord.new_restore_ops(ops)


def _bind(coord, node_id, obj):
    """TF's CheckpointPosition.bind_object: True for a new binding (then the slot
    variables of a bound variable or optimizer are restored or deferred)."""
    coord.all_objects[id(_owner(obj))] = _owner(obj)
    if node_id in coord.by_node:
        return False
    coord.by_node[node_id] = obj
    for var, slot_id, slot_name in coord.deferred_slot_restorations.pop(node_id, ()):
        _slot_position(coord, obj, slot_id, var, slot_name)
    for opt_id, slot_id, slot_name in coord.slot_restorations.pop(node_id, ()):
        opt = coord.by_node.get(opt_id)
        if opt is None:
            coord.deferred_slot_restorations.setdefault(opt_id, []).append(
                (obj, slot_id, slot_name))
        else:
            _slot_position(coord, opt, slot_id, obj, slot_name)
    return True


def _slot_position(coord, opt, slot_id, var, slot_name):
    """TF's Optimizer._create_or_restore_slot_variable in graph mode: restores the slot
    made already, else waits for the optimizer to make it (slot_created)."""
    have = {(id(v), n): s for v, n, s in (getattr(opt, "_slot_variables", None) or [])}
    slot = have.get((id(var), slot_name))
    if slot is not None:
        _restore_position(coord, slot_id, slot)
    else:
        _state(opt)["slots"].setdefault((slot_name, id(var)), []).append((coord, slot_id))


def _restore_from(coord, node_id, obj):
    """TF's Trackable._restore_from_checkpoint_position: breadth first from `obj`, each
    object's restore ops (unless a newer restore assigned it), its children bound or
    deferred until made."""
    queue, ops = collections.deque([(node_id, obj)]), []
    while queue:
        nid, o = queue.popleft()
        st = _state(o)
        if coord.uid > st["uid"]:
            ops.extend(_restore_ops(coord, nid, o))
            st["uid"] = coord.uid
        kids = dict(_children(o))
        for ref in coord.proto.nodes[nid].children:
            child = kids.get(ref.local_name)
            if child is None:
                st["deferred"].setdefault(ref.local_name, []).append((coord, ref.node_id))
            elif _bind(coord, ref.node_id, child):
                queue.append((ref.node_id, child))
    return ops


def _restore_ops(coord, node_id, obj):
    """TF's CheckpointPosition.restore_ops: the cached op of each attribute restored
    before, new ones (functional_saver.MultiDeviceSaver.restore) for the others; an
    attribute the object has not is recorded unused."""
    ops, saveables = [], {}
    for attr in coord.proto.nodes[node_id].attributes:
        op = coord.cache.get(attr.checkpoint_key)
        if op is not None:
            ops.append(op)
        elif isinstance(obj, Variable) and attr.name == "VARIABLE_VALUE":
            saveables[attr.checkpoint_key] = obj
        else:
            coord.unused_attributes.setdefault(node_id, []).append(attr.name)
    if saveables:
        new = _multi_device_restore(coord.prefix, saveables)
        for key, op in sorted(new.items()):
            ops.append(op)
            coord.cache[key] = op
    return ops


def _multi_device_restore(prefix, saveables):
    """{key: restore op}: per device of the variables (sorted), one RestoreV2 on its
    cpu:0, then per variable an Identity on its device and AssignVariableOp (a resource
    variable, TF's ResourceVariableSaveable) or Assign (a ref variable)."""
    g = get_default_graph()
    per_device = {}
    for key, var in saveables.items():
        per_device.setdefault(_canonical_device(var.device), []).append((key, var))
    out = {}
    for device, items in sorted(per_device.items()):
        with g.device(device):
            with g.device("cpu:0"):
                values = restore_v2(prefix, [k for k, _ in items], [""] * len(items),
                                    [v.dtype.base_dtype for _, v in items])
            for (key, var), value in zip(items, values):
                if is_resource_variable(var):
                    with g.device(var.device):
                        out[key] = shape_safe_assign_variable_handle(
                            var.handle, var.shape, identity(value))
                else:
                    ref = _ref_of(var)
                    out[key] = assign(ref, value,   # (TF's op here is the Tensor)
                                      validate_shape=ref.shape.is_fully_defined())
    return out


def dependency_added(parent, name, child):
    """TF's Trackable._handle_deferred_dependencies: `parent` now has `child` under
    `name`; the restores waiting for it run (the newest first)."""
    st = _state(parent, make=False)
    if st is None:
        return
    for coord, node_id in sorted(st["deferred"].pop(name, ()), key=lambda p: p[0].uid,
                                 reverse=True):
        _restore_position(coord, node_id, child)


def slot_created(opt, var, slot_name, slot):
    """TF's Optimizer._restore_slot_variable: the restores waiting for `opt`'s slot
    `slot_name` of `var` run (the newest first)."""
    st = _state(opt, make=False)
    if st is None:
        return
    for coord, node_id in sorted(st["slots"].pop((slot_name, id(var)), ()),
                                 key=lambda p: p[0].uid, reverse=True):
        _restore_position(coord, node_id, slot)


class _Held:
    """A restore's objects by key (TF 1.14's object_by_proto_id, a WeakValueDictionary,
    and all_python_objects, a weak set). The keys in `weak` hold their object weakly: a
    tf.train.Checkpoint restored from (its status does not keep it; dropped, it drops
    out). The others, held here, are the objects of the program, or the nodes flowgrad
    makes to stand for one (a Keras model's layers and optimizer)."""

    def __init__(self):
        self._refs = {}
        self.weak = set()

    def __setitem__(self, key, obj):
        if key in self.weak:
            self._refs[key] = weakref.ref(obj)
        else:
            self._refs[key] = lambda obj=obj: obj

    def get(self, key, default=None):
        ref = self._refs.get(key)
        obj = None if ref is None else ref()
        return default if obj is None else obj

    def __contains__(self, key):
        return self.get(key) is not None

    def __getitem__(self, key):
        obj = self.get(key)
        if obj is None:
            raise KeyError(key)
        return obj

    def items(self):
        return [(k, o) for k, o in ((k, r()) for k, r in self._refs.items())
                if o is not None]

    def values(self):
        return [o for _, o in self.items()]

    def __len__(self):
        return len(self.items())


def _alive(ref):
    """A weakly held root (TF's ObjectGraphView.root: `assert derefed is not None`)."""
    obj = ref()
    assert obj is not None
    return obj


def restore_into(saver, root, save_path, list_objects, root_object, weak_root=False):
    """TF's TrackableSaver.restore in graph mode: the status of restoring `save_path`
    into `root` (restore ops made for the objects there now, the others when made).
    `weak_root`: the status holds `root` weakly (a tf.train.Checkpoint: TF's
    ObjectGraphView holds a weak reference; `list_objects` then takes it); a status
    whose root was dropped fails its assertions with an empty AssertionError."""
    if weak_root:
        ref = weakref.ref(root)
        root_object = ref
        list_objects = (lambda objects: lambda: objects(_alive(ref)))(list_objects)
    else:
        root_object = (lambda obj: lambda: obj)(root_object)
    save_path = os.fspath(save_path)
    reader = _io.CheckpointReader(save_path)
    try:
        reader.get_tensor(OBJECT_GRAPH_KEY)
    except errors.NotFoundError:   # a tf.train.Saver checkpoint: restored by names
        return NameBasedSaverStatus(save_path, list_objects)
    proto = _parse_object_graph(save_path, reader)
    prefix = saver.prefix_tensor(get_default_graph())
    coord = _Coordinator(proto, save_path, prefix, saver)
    if weak_root:
        coord.by_node.weak.add(0)
        coord.all_objects.weak.add(id(root))
    _restore_position(coord, 0, root)
    return CheckpointLoadStatus(coord, {prefix: save_path}, list_objects, root_object)


class CheckpointLoadStatus:
    """The status of a restore in graph mode (TF 1.14's CheckpointLoadStatus): its
    assertions, and the restore ops to run (more come as objects are made)."""

    def __init__(self, checkpoint, feed_dict, list_objects, root):
        self._checkpoint = checkpoint
        self._feed_dict = feed_dict
        self._list_objects = list_objects
        self._root = root

    def assert_consumed(self):
        """AssertionError unless every object of the checkpoint is matched and restored
        and every Python object is bound."""
        coord = self._checkpoint
        self.assert_existing_objects_matched()
        for node_id, node in enumerate(coord.proto.nodes):
            if node_id not in coord.by_node:
                raise AssertionError("Unresolved object in checkpoint {}: {}".format(
                    coord.node_names()[node_id], node))
        if coord.slot_restorations:
            raise AssertionError("Unresolved slot restorations: %s" %
                                 (coord.slot_restorations,))
        if coord.unused_attributes:
            names = coord.node_names()
            raise AssertionError(
                "Unused attributes in these objects (the attributes exist in the "
                "checkpoint but were not restored):\n{}".format("\n".join(
                    "{} ({}): {}".format(names[n], coord.by_node[n], a)
                    for n, a in coord.unused_attributes.items())))
        return self

    def assert_existing_objects_matched(self):
        """AssertionError unless every Python object reachable now is bound to the
        checkpoint (objects not made yet are not checked)."""
        coord = self._checkpoint
        for node_id, node in enumerate(coord.proto.nodes):
            obj = coord.by_node.get(node_id)
            if obj is not None and _state(obj)["uid"] < coord.uid:
                raise AssertionError("Object not assigned a value from checkpoint: %s"
                                     % (node,))
        for obj in self._list_objects():
            if type(obj) in (list, dict, collections.OrderedDict) and not _children(obj):
                continue
            obj = _owner(obj)
            coord.all_objects[id(obj)] = obj
        bound = {id(_owner(o)) for o in coord.by_node.values()}
        unused = [o for k, o in coord.all_objects.items() if k not in bound]
        if unused:
            raise AssertionError("Some Python objects were not bound to checkpointed "
                                 "values, likely due to changes in the Python program: %s"
                                 % (unused,))
        return self

    def assert_nontrivial_match(self):
        """AssertionError when nothing but the root matched."""
        coord = self._checkpoint
        objects = self._list_objects()
        for obj in objects:
            obj = _owner(obj)
            coord.all_objects[id(obj)] = obj
        if len(coord.by_node) <= 1:
            bound = {id(_owner(o)) for o in coord.by_node.values()}
            unused = [o for k, o in coord.all_objects.items() if k not in bound]
            if unused:
                raise AssertionError(
                    "Nothing except the root object matched a checkpointed value. "
                    "Typically this means that the checkpoint does not match the Python "
                    "program. The following objects have no matching checkpointed "
                    "value: %s" % (unused,))
            raise AssertionError("Nothing to load. No dependencies have been added to %s "
                                 "yet." % (_alive(self._root),))
        return self

    def run_restore_ops(self, session=None):
        """Runs the restore ops made so far."""
        _restore_session(session).run(self._checkpoint.restore_ops,
                                      feed_dict=self._feed_dict)

    def initialize_or_restore(self, session=None):
        """Runs the restore ops, then the initializers of the objects not restored."""
        s = _restore_session(session)
        coord = self._checkpoint
        bound = {id(o) for o in coord.by_node.values()}
        inits = [o.initializer for o in self._list_objects()
                 if hasattr(o, "initializer") and id(o) not in bound
                 and _uid(o) < coord.uid]
        self.run_restore_ops(session=s)
        s.run(inits)

    def expect_partial(self):
        return self


class NameBasedSaverStatus:
    """restore() of a name-based (tf.train.Saver) checkpoint (TF 1.14's): nothing is
    matched by objects; run_restore_ops restores the variables not restored since by
    their global names, through a new tf.train.Saver on /cpu:0 each time."""

    def __init__(self, save_path, list_objects):
        self._save_path = save_path
        self._list_objects = list_objects
        self._uid = next(_uids)

    def assert_consumed(self):
        for obj in self._list_objects():
            if _uid(obj) < self._uid:
                raise AssertionError("Object not restored: %s" % (obj,))
        return self

    assert_existing_objects_matched = assert_consumed
    assert_nontrivial_match = assert_consumed

    def run_restore_ops(self, session=None):
        from .saver import Saver  # lazy: a Saver only for this restore
        s = _restore_session(session)
        g = s.graph
        with g.as_default(), g.device("/cpu:0"):
            variables = []
            for obj in self._list_objects():
                if _uid(obj) < self._uid:
                    _state(obj)["uid"] = self._uid
                    if isinstance(obj, Variable):
                        variables.append(obj)
            Saver(variables).restore(s, self._save_path)

    def initialize_or_restore(self, session=None):
        self.run_restore_ops(session=session)

    def expect_partial(self):
        return self


def streaming_restore(status, session):
    """TF's streaming_restore: runs the restore ops now and each new one as it is made."""
    status.run_restore_ops(session=session)
    status._checkpoint.callback = (
        lambda ops: session.run(ops, feed_dict=status._feed_dict))


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
