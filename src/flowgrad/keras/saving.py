"""Keras's HDF5 files as TF 1.14 writes them (keras/saving/hdf5_format.py), through h5py
(the optional extra `flowgrad[h5]`).

Layout: root attributes `keras_version` ('2.2.4-tf'), `backend` ('tensorflow') and, for a
whole model, `model_config` (the JSON of {'class_name', 'config'}) and `training_config`
(optimizer config, loss, metrics, ...); the group `model_weights` (or the root, for
save_weights) has the attribute `layer_names` and one group per layer whose attribute
`weight_names` lists datasets named by the variables ('dense/kernel:0' is the dataset
kernel:0 in the subgroup dense). Weights load in order of the layers that have weights,
or by layer name. The optimizer's state goes to `optimizer_weights` under TF's names
('Adam/iter:0', 'Adam/dense/kernel/m:0', ...) in TF's order, and loads by position, as
TF 1.14 loads it: files move both ways between TF 1.14 and flowgrad.
"""
import json
import os

import numpy as np

from ..engine.framework.tensor_shape import TensorShape
from .. import logging
from . import backend as K
from .engine import tracking

__all__ = ["save_weights_to_hdf5_group", "load_weights_from_hdf5_group",
           "load_weights_from_hdf5_group_by_name", "save_model_to_hdf5", "get_json_type",
           "h5py_module", "KERAS_VERSION"]

KERAS_VERSION = "2.2.4-tf"
HDF5_OBJECT_HEADER_LIMIT = 64512


def h5py_module():
    """h5py, or ImportError naming the extra that installs it."""
    try:
        import h5py  # lazy: optional dependency (the `h5` extra)
    except ImportError:
        raise ImportError("HDF5 model files need h5py: pip install 'flowgrad[h5]' "
                          "(or pip install h5py)") from None
    return h5py


_YAML_ERROR = "Requires yaml module installed (`pip install pyyaml`)."


def import_yaml():
    """PyYAML, or TF 1.14's ImportError naming flowgrad's `yaml` extra."""
    try:
        import yaml  # lazy: optional dependency (the `yaml` extra)
    except ImportError:
        raise ImportError(_YAML_ERROR + " (pip install 'flowgrad[yaml]')") from None
    return yaml


def plain_config(obj, _memo=None):
    """`obj` with what JSON would encode through get_json_type (initializers, dtypes,
    NumPy values) turned into plain values, keeping tuples (which TF's configs hold and
    YAML writes as `!!python/tuple`) and which containers are one object (YAML's
    `&id001` anchors)."""
    memo = {} if _memo is None else _memo
    if obj is None or type(obj) in (str, int, float, bool):
        return obj
    if isinstance(obj, (dict, list, tuple)):
        if id(obj) in memo:
            return memo[id(obj)][1]
        if isinstance(obj, dict):
            out = {k: plain_config(v, memo) for k, v in obj.items()}
        elif isinstance(obj, list):
            out = [plain_config(v, memo) for v in obj]
        else:
            out = tuple(plain_config(v, memo) for v in obj)
        memo[id(obj)] = (obj, out)   # keeps obj alive so that its id stays its own
        return out
    return plain_config(get_json_type(obj), memo)


def yaml_load(yaml_string):
    """The config in `yaml_string`: TF 1.14's `yaml.load` (PyYAML 5's default loader),
    here a safe loader that also reads the `!!python/tuple` to_yaml writes."""
    yaml = import_yaml()

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_constructor(
        "tag:yaml.org,2002:python/tuple",
        lambda loader, node: tuple(loader.construct_sequence(node)))
    return yaml.load(yaml_string, Loader=_Loader)


def get_json_type(obj):
    """JSON for what json.dumps cannot encode (TF's serialization.get_json_type)."""
    if hasattr(obj, "get_config"):
        return {"class_name": obj.__class__.__name__, "config": obj.get_config()}
    if type(obj).__module__ == np.__name__:
        if isinstance(obj, np.ndarray):
            return obj.tolist()
        return obj.item()
    if callable(obj):
        return obj.__name__
    if type(obj).__name__ == type.__name__:
        return obj.__name__
    if isinstance(obj, TensorShape):
        return obj.as_list()
    if hasattr(obj, "as_datatype_enum") and hasattr(obj, "name"):
        return obj.name
    raise TypeError("Not JSON Serializable:", obj)


def _legacy_weights(layer):
    return list(layer.trainable_weights) + list(layer.non_trainable_weights)


def _save_attributes(group, name, data):
    bad = [x for x in data if len(x) > HDF5_OBJECT_HEADER_LIMIT]
    if bad:
        raise RuntimeError("The following attributes cannot be saved to HDF5 file because "
                           "they are larger than %d bytes: %s"
                           % (HDF5_OBJECT_HEADER_LIMIT, ", ".join(x.decode() for x in bad)))
    arr = np.asarray(data)
    chunks = 1
    parts = np.array_split(arr, chunks)
    while any(x.nbytes > HDF5_OBJECT_HEADER_LIMIT for x in parts):
        chunks += 1
        parts = np.array_split(arr, chunks)
    if chunks > 1:
        for i, part in enumerate(parts):
            group.attrs["%s%d" % (name, i)] = part
    else:
        group.attrs[name] = data


def _load_attributes(group, name):
    def dec(n):
        return n.decode("utf8") if isinstance(n, bytes) else str(n)
    if name in group.attrs:
        return [dec(n) for n in group.attrs[name]]
    data, i = [], 0
    while "%s%d" % (name, i) in group.attrs:
        data.extend(dec(n) for n in group.attrs["%s%d" % (name, i)])
        i += 1
    return data


def _write_values(group, names, values):
    for name, val in zip(names, values):
        val = np.asarray(val)
        dset = group.create_dataset(name, val.shape, dtype=val.dtype)
        if not val.shape:
            dset[()] = val
        else:
            dset[:] = val


def save_weights_to_hdf5_group(f, layers):
    """One group per layer with its weights (TF 1.14's layout)."""
    _save_attributes(f, "layer_names", [layer.name.encode("utf8") for layer in layers])
    f.attrs["backend"] = b"tensorflow"
    f.attrs["keras_version"] = KERAS_VERSION.encode("utf8")
    sess = K.get_session()
    for layer in layers:
        g = f.create_group(layer.name)
        weights = _legacy_weights(layer)
        values = sess.run(weights) if weights else []
        names = [w.name.encode("utf8") for w in weights]
        _save_attributes(g, "weight_names", names)
        _write_values(g, names, values)


def _read_layer(f, name):
    g = f[name]
    names = _load_attributes(g, "weight_names")
    return [np.asarray(g[n]) for n in names]


def _set_values(pairs):
    sess = K.get_session()
    for var, value in pairs:
        var.load(np.asarray(value), sess)


def _preprocess(layer, values):
    """TF 1.14's preprocess_weights_for_loading, for the Keras 2 files flowgrad reads:
    CuDNN and plain LSTM / GRU weights converted into each other (also inside
    Bidirectional)."""
    from .layers.cudnn_recurrent import convert_rnn_weights  # lazy: only RNN layers need it
    if layer.__class__.__name__ == "Bidirectional":
        n = len(values) // 2
        return (convert_rnn_weights(layer.forward_layer, values[:n]) +
                convert_rnn_weights(layer.backward_layer, values[n:]))
    return convert_rnn_weights(layer, values)


def load_weights_from_hdf5_group(f, layers):
    """Topological loading: the i-th layer with weights gets the i-th saved one."""
    filtered = [layer for layer in layers if _legacy_weights(layer)]
    names = [n for n in _load_attributes(f, "layer_names")
             if _load_attributes(f[n], "weight_names")]
    if len(names) != len(filtered):
        raise ValueError("You are trying to load a weight file containing " +
                         str(len(names)) + " layers into a model with " +
                         str(len(filtered)) + " layers.")
    pairs = []
    for k, name in enumerate(names):
        layer = filtered[k]
        values = _preprocess(layer, _read_layer(f, name))
        symbolic = _legacy_weights(layer)
        if len(values) != len(symbolic):
            raise ValueError("Layer #" + str(k) + " (named \"" + layer.name + "\" in the "
                             "current model) was found to correspond to layer " + name +
                             " in the save file. However the new layer " + layer.name +
                             " expects " + str(len(symbolic)) + " weights, but the saved "
                             "weights have " + str(len(values)) + " elements.")
        for var, value in zip(symbolic, values):
            _check_shape(var, value, k, layer)
        pairs += zip(symbolic, values)
    _set_values(pairs)


def _check_shape(var, value, k, layer):
    shape = tuple(var.shape.as_list())
    if shape != value.shape:
        raise ValueError("Layer #" + str(k) + " (named \"" + layer.name + "\"), weight " +
                         str(var) + " has shape " + str(shape) + ", but the saved weight "
                         "has shape " + str(value.shape) + ".")


def load_weights_from_hdf5_group_by_name(f, layers):
    """Name-based loading: layers whose name is not in the file keep their weights."""
    index = {}
    for layer in layers:
        if layer.name:
            index.setdefault(layer.name, []).append(layer)
    pairs = []
    for k, name in enumerate(_load_attributes(f, "layer_names")):
        for layer in index.get(name, []):
            values = _preprocess(layer, _read_layer(f, name))
            symbolic = _legacy_weights(layer)
            if len(values) != len(symbolic):
                raise ValueError("Layer #" + str(k) + " (named \"" + layer.name +
                                 "\") expects " + str(len(symbolic)) + " weight(s), but "
                                 "the saved weights have " + str(len(values)) +
                                 " element(s).")
            for var, value in zip(symbolic, values):
                _check_shape(var, value, k, layer)
                pairs.append((var, value))
    _set_values(pairs)


def save_model(model, filepath, overwrite=True, include_optimizer=True, save_format=None):
    """TF 1.14's keras save_model in graph mode: save_format 'tf' refused as TF refuses it,
    every other value written as HDF5 (TF 1.14 sets it to 'h5'); a subclassed model
    refused as TF refuses it."""
    if save_format == "tf":
        raise NotImplementedError(
            "Saving the model as SavedModel is not supported in TensorFlow 1.X"
            'graph mode. Please enable eager execution or use the "h5" save format.')
    if not getattr(model, "_hdf5_savable", False):
        raise NotImplementedError(
            "Saving the model to HDF5 format requires the model to be a Functional model "
            "or a Sequential model. It does not work for subclassed models, because such "
            "models are defined via the body of a Python method, which isn't safely "
            "serializable. Consider saving to the Tensorflow SavedModel format (by setting "
            'save_format="tf") or using `save_weights`.')
    save_model_to_hdf5(model, filepath, overwrite, include_optimizer)


def save_model_to_hdf5(model, filepath, overwrite=True, include_optimizer=True):
    """model_config, training_config, model_weights (and optimizer_weights)."""
    h5py = h5py_module()
    if not overwrite and os.path.isfile(filepath):
        raise NotImplementedError("flowgrad does not implement save(overwrite=False) on an "
                                  "existing file (TF asks on the terminal)")
    config = json.dumps({"class_name": model.__class__.__name__,
                         "config": model.get_config()}, default=get_json_type)
    with h5py.File(filepath, mode="w") as f:
        f.attrs["keras_version"] = KERAS_VERSION.encode("utf8")
        f.attrs["backend"] = b"tensorflow"
        f.attrs["model_config"] = config.encode("utf8")
        save_weights_to_hdf5_group(f.create_group("model_weights"), model.layers)
        opt = getattr(model, "optimizer", None)
        if include_optimizer and opt is not None:
            if type(opt).__name__ == "TFOptimizer":
                logging.warning(
                    "TensorFlow optimizers do not make it possible to access optimizer "
                    "attributes or optimizer state after instantiation. As a result, we "
                    "cannot save the optimizer as part of the model save file. You will "
                    "have to compile your model again after loading it. Prefer using a "
                    "Keras optimizer instead (see keras.io/optimizers).")
            else:
                f.attrs["training_config"] = json.dumps({
                    "optimizer_config": {"class_name": opt.__class__.__name__,
                                         "config": opt.get_config()},
                    "loss": model.loss, "metrics": model._metrics_arg or [],
                    "weighted_metrics": getattr(model, "_weighted_metrics_arg", None),
                    "sample_weight_mode": None,
                    "loss_weights": model.loss_weights}, default=get_json_type).encode("utf8")
                weights = opt.weights
                if weights:
                    g = f.create_group("optimizer_weights")
                    names = [w.name.encode("utf8") for w in weights]
                    _save_attributes(g, "weight_names", names)
                    _write_values(g, names, K.get_session().run(weights))
        f.flush()


def load_optimizer_weights(f):
    """The saved optimizer state as (names, values)."""
    g = f["optimizer_weights"]
    names = _load_attributes(g, "weight_names")
    return names, [np.asarray(g[n]) for n in names]


# -- TF format: TF 1.14's object-based checkpoint of a model's weights -------------------
def _layer_node(layer, checkpoint_cls):
    """The trackable node of `layer`: its own weights by their names ('kernel', 'bias'),
    and the sub-layers TF 1.14 tracks by attribute ('cell', 'forward_layer',
    'backward_layer', 'layer' (engine/tracking.py), or 'layer_with_weights-N' of a
    nested model)."""
    node = checkpoint_cls()
    if hasattr(layer, "_nodes") and hasattr(layer, "layers"):  # a nested model
        for w in list(layer._trainable_weights) + list(layer._non_trainable_weights):
            setattr(node, w.op.name.split("/")[-1], _unwrap(w))
        _add_layers(node, _tracked_layers(layer), checkpoint_cls)
        return node
    for name, child in tracking.library_children(layer):
        setattr(node, name, _layer_node(child, checkpoint_cls)
                if hasattr(child, "_inbound_nodes") else child)
    return node


def _tracked_layers(model):
    """The layers as TF 1.14 tracks them: a Sequential's InputLayer included."""
    layers = list(getattr(model, "_layers", None) or model.layers)
    return [x for x in layers if hasattr(x, "weights")]


def _add_layers(root, layers, checkpoint_cls):
    """Per layer, 'layer_with_weights-N' when it has weights (its keys come from that
    path), then 'layer-N', as TF 1.14's Network._track_layers adds them."""
    nodes = {}
    for name, layer in tracking.graph_layer_children(layers):
        if id(layer) not in nodes:
            nodes[id(layer)] = _layer_node(layer, checkpoint_cls)
        setattr(root, name, nodes[id(layer)])


def _unwrap(w):
    """An AutoCastVariable's variable (the checkpoint holds the float32 variable)."""
    from .mixed_precision.autocast_variable import AutoCastVariable  # lazy: its package
    return w._variable if isinstance(w, AutoCastVariable) else w     # imports the layers


def _optimizer_node(opt, variables, checkpoint_cls):
    """A compiled model's 'optimizer' child as TF 1.14 tracks a Keras optimizer: 'iter'
    and the hyperparameter variables made so far (in the order made), its slots as the
    node's slot variables."""
    node = checkpoint_cls()
    object.__setattr__(node, "_restore_owner", opt)   # restores wait on the optimizer
    if opt._iterations is not None:
        setattr(node, "iter", opt._iterations)
    for name, value in sorted(opt._hyper.items()):
        if hasattr(value, "initializer") and hasattr(value, "op"):
            setattr(node, name, value)
    by_id = {id(v): v for v in variables}
    object.__setattr__(node, "_slot_variables", [
        (_unwrap(by_id[var_id]), name, slot) for var_id, slots in opt._slots.items()
        if var_id in by_id for name, slot in slots.items()])
    return node


def _tf_optimizer_node(opt, variables, checkpoint_cls):
    """A model compiled with a tf.train optimizer: TF 1.14's TFOptimizer tracks that
    optimizer as 'optimizer' (its non-slot variables of the model's graph by name, e.g.
    beta1_power; its slots by slot name) and its iterations as 'global_step'."""
    inner = checkpoint_cls()
    object.__setattr__(inner, "_restore_owner", opt.optimizer)   # restores wait on it
    graph = K.get_session().graph
    for (name, g), v in sorted(opt.optimizer._non_slot_dict.items(), key=lambda x: x[0][0]):
        if g is graph:
            setattr(inner, name, v)
    by_id = {id(_unwrap(v)): _unwrap(v) for v in variables}
    slots = []
    for slot_name in sorted(opt.optimizer._slots):
        for v in by_id.values():
            slot = opt.optimizer.get_slot(v, slot_name)
            if slot is not None:
                slots.append((v, slot_name, slot))
    object.__setattr__(inner, "_slot_variables", slots)
    node = checkpoint_cls()
    setattr(node, "optimizer", inner)
    setattr(node, "global_step", opt.iterations)
    return node


def model_checkpoint(model):
    """A tf.train.Checkpoint whose object graph has TF 1.14's keys for `model`'s weights
    ('layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE') and, once compiled with a
    Keras optimizer, its state ('optimizer/iter/...', the slots
    'layer_with_weights-0/kernel/.OPTIMIZER_SLOT/optimizer/m/...')."""
    from ..train.checkpointable import Checkpoint  # lazy: the checkpoint module on use
    root = Checkpoint()
    if not getattr(model, "_is_graph_network", False):   # subclassed, or a Sequential
        # not built as a functional model: the model's own objects (their restores wait
        # on them)
        root._children.update(model._tracked_children())
        return root
    _add_layers(root, _tracked_layers(model), Checkpoint)
    opt = getattr(model, "optimizer", None)
    if opt is not None:
        node = _model_optimizer_node(opt, model, Checkpoint)
        if node is not None:
            setattr(root, "optimizer", node)
    return root


def optimizer_node(model):
    """The 'optimizer' child of a compiled model (None: none, or neither a Keras nor a
    tf.train optimizer)."""
    from ..train.checkpointable import Checkpoint  # lazy: the checkpoint module on use
    opt = getattr(model, "optimizer", None)
    return None if opt is None else _model_optimizer_node(opt, model, Checkpoint)


def _model_optimizer_node(opt, model, checkpoint_cls):
    """The 'optimizer' node of a model compiled with `opt` (None: not a Keras or
    tf.train optimizer)."""
    from .optimizers import TFOptimizer  # lazy: keras optimizers import the layers
    from .optimizers_v2 import OptimizerV2  # lazy: keras optimizers import the layers
    weights = model.weights if model.built else []   # (no slot before it is built)
    if isinstance(opt, TFOptimizer):
        return _tf_optimizer_node(opt, weights, checkpoint_cls)
    if isinstance(opt, OptimizerV2):
        return _optimizer_node(opt, weights, checkpoint_cls)
    return None


def save_weights_tf(model, filepath):
    """Writes `filepath`.index / .data-* and the directory's `checkpoint` file."""
    from ..train import checkpoint_management  # lazy: the checkpoint module on use
    directory = os.path.dirname(os.path.abspath(filepath))
    os.makedirs(directory, exist_ok=True)
    root = model_checkpoint(model)
    # the save ops are made once per set of variables (TF 1.14's saver is the model's:
    # saving again adds no ops)
    cache = model.__dict__.setdefault("_checkpoint_save_ops", {})
    object.__setattr__(root, "_save_ops", cache)
    root.write(filepath, session=K.get_session())
    checkpoint_management.update_checkpoint_state_internal(
        save_dir=directory, model_checkpoint_path=os.path.abspath(filepath),
        all_model_checkpoint_paths=[os.path.abspath(filepath)], save_relative_paths=True)


def _model_objects(model):
    """The model's objects a load status checks: its variables and optimizer state as
    model_checkpoint lists them now (the Checkpoint nodes standing for layers are
    rebuilt on each call, so they are left out; the optimizer's node stands for the
    optimizer, which TF lists)."""
    from ..train.checkpointable import Checkpoint, _owner, _walk  # lazy: the checkpoint
    return [_owner(o) for o, _ in _walk(model_checkpoint(model))        # module on use
            if not isinstance(o, Checkpoint) or "_restore_owner" in o.__dict__]


def load_weights_tf(model, filepath):
    """TF 1.14's graph-mode load_weights of a TF-format checkpoint: the model's
    TrackableSaver restores it (its restore ops made now for the weights there are: one
    file-prefix Const made once per model, per variable RestoreV2, Identity and
    AssignVariableOp; a key restored before reuses its ops) and streaming_restore runs
    them in keras.backend.get_session(), and the ops of layers built later when the model
    is built. Returns the load status after assert_nontrivial_match."""
    from ..train import checkpointable as ckpt  # lazy: the checkpoint module on use
    saver = model.__dict__.get("_restore_saver")
    if saver is None:
        saver = ckpt._Saver()
        object.__setattr__(model, "_restore_saver", saver)
    root = model_checkpoint(model)
    status = ckpt.restore_into(saver, root, filepath, lambda: _model_objects(model), model)
    if isinstance(status, ckpt.NameBasedSaverStatus):
        K.get_session()   # (TF asks for it first)
        raise NotImplementedError(
            "Streaming restore not supported from name-based checkpoints when graph "
            "building. File a feature request if this limitation bothers you. As a "
            "workaround, consider either using tf.train.Checkpoint to load name-based "
            "checkpoints or enabling eager execution.")
    # the root node is rebuilt on each call: its deferred children wait on the model
    pending = model.__dict__.setdefault("_restore_pending", {})
    for name, positions in ckpt._state(root)["deferred"].items():
        pending.setdefault(name, []).extend(positions)
    ckpt.streaming_restore(status, K.get_session())
    return status.assert_nontrivial_match()


def restore_deferred_optimizer(model):
    """compile's tracking of 'optimizer' (TF 1.14's _track_trackable): a restore waiting
    on the model for it (a tf.train.Checkpoint's) binds the optimizer now; its variables
    and slots restore as they are made."""
    from ..train import checkpointable as ckpt  # lazy: the checkpoint module on use
    st = ckpt._state(model, make=False)
    if st and st["deferred"].get("optimizer"):
        node = optimizer_node(model)
        if node is not None:
            ckpt.dependency_added(model, "optimizer", node)


def restore_deferred_dependencies(model):
    """TF 1.14's tracking of a model's dependencies made after load_weights (the layers
    of a Sequential built later: 'layer_with_weights-N', then 'layer-N'; the optimizer
    set by compile): the restores waiting for them run."""
    pending = model.__dict__.get("_restore_pending")
    if not pending:
        return
    from ..train import checkpointable as ckpt  # lazy: the checkpoint module on use
    root = model_checkpoint(model)
    for name, child in root._children.items():
        for coord, node_id in sorted(pending.pop(name, ()), key=lambda p: p[0].uid,
                                     reverse=True):
            ckpt._restore_position(coord, node_id, child)
