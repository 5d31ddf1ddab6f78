"""TF 1.14's checkpoint dependencies of Keras layers and models (their children in a
tf.train.Checkpoint's object graph and in TF-format weights): a functional model's
layers ('layer_with_weights-N', 'layer-N'), a Sequential's added layers ('layer-N'),
a user's layer or model's weights and attributes in the order tracked, a library
layer's weights and sub-layers; Network.build's _track_layers after them. The
compiled model's optimizer is added by Model (keras saving builds its node)."""
from ...ops.variables import Variable
from ..mixed_precision.autocast_variable import AutoCastVariable

__all__ = ["layer_children", "library_children", "graph_layer_children", "build_layers",
           "container_weights", "flatten_layers", "gather_weights"]


def _plain(w):
    """An AutoCastVariable's variable (the checkpoint holds the float32 variable)."""
    return w._variable if isinstance(w, AutoCastVariable) else w


def _is_layer(x):
    return hasattr(x, "_inbound_nodes") and hasattr(x, "_tracked_children")


def _model_layers(model):
    """The layers as TF 1.14 tracks them: a Sequential's InputLayer included."""
    layers = list(getattr(model, "_layers", None) or model.layers)
    return [x for x in layers if hasattr(x, "weights")]


def library_children(layer):
    """A library layer's weights by name, then the sub-layers TF 1.14 tracks by
    attribute ('cell', 'forward_layer', 'backward_layer', 'layer')."""
    out = {}
    for w in list(layer._trainable_weights) + list(layer._non_trainable_weights):
        out[w.op.name.split("/")[-1]] = _plain(w)
    for attr in ("cell", "forward_layer", "backward_layer", "layer"):
        sub = getattr(layer, attr, None)
        if sub is not None and hasattr(sub, "weights") and sub.weights and attr not in out:
            if attr == "layer" and hasattr(layer, "forward_layer"):
                continue
            out[attr] = sub
    if hasattr(layer, "cells"):
        raise NotImplementedError("flowgrad does not implement TF-format weights of "
                                  "StackedRNNCells")
    return list(out.items())


def layer_children(layer):
    """[(local name, object)] TF 1.14's object graph has below a Keras layer: a functional
    model's layers as 'layer_with_weights-N' then 'layer-N' (Network._track_layers); a
    Sequential not built as one, 'layer-N' (tracked by add); a user's layer or model, its
    weights by name and its attributes holding trackables (layers, variables, lists,
    dicts) in the order tracked; a library layer, its weights by name and sub-layers."""
    if getattr(layer, "_is_graph_network", False):
        return graph_layer_children(_model_layers(layer))
    if getattr(layer, "_checkpoint_layers_by_index", False):   # a Sequential
        return _built_children(layer, [
            ("layer-%d" % i, x) for i, x in enumerate(_model_layers(layer))])
    if type(layer).__module__.split(".")[0] != "flowgrad":
        return _built_children(layer, [
            (k, _plain(v)) for k, v in layer.__dict__.get("_self_deps", {}).items()])
    return library_children(layer)


def graph_layer_children(layers):
    """Network._track_layers: per layer, 'layer_with_weights-N' when it has weights,
    then 'layer-N'."""
    out, n = [], 0
    for i, x in enumerate(layers):
        if x.weights:
            out.append(("layer_with_weights-%d" % n, x))
            n += 1
        out.append(("layer-%d" % i, x))
    return out


def build_layers(model):
    """TF 1.14's `_layers` of a model that is not a functional one: a Sequential's
    layers; a subclassed model's attributes holding a layer, list or dict (TF's
    has_weights: a list or dict wrapper counts), as assigned."""
    if getattr(model, "_checkpoint_layers_by_index", False):
        return _model_layers(model)
    return [v for v in model.__dict__.get("_self_deps", {}).values()
            if _is_layer(v) or isinstance(v, (list, dict))]


def container_weights(x):
    """A layer's weights, or those of the layers in a list or dict."""
    if isinstance(x, (list, tuple)):
        return [w for v in x for w in container_weights(v)]
    if isinstance(x, dict):
        return [w for v in x.values() for w in container_weights(v)]
    return list(getattr(x, "weights", None) or [])


def _values(container):
    """TF 1.14's TrackableDataStructure._values: a list's items, a dict's values by
    sorted key (read when asked: what was appended or set after assignment counts)."""
    if isinstance(container, dict):
        return [container[k] for k in sorted(container)]
    return list(container)


def _sub_layers(container):
    """The layers and containers (a list or dict; not a tuple) in a container."""
    return [v for v in _values(container) if _is_layer(v) or isinstance(v, (list, dict))]


def flatten_layers(entries):
    """TF 1.14's filter_empty_layer_containers: the layers of `entries` (layers, lists
    and dicts of them, nested), each once, in order."""
    seen, out, stack = set(), [], list(entries)[::-1]
    while stack:
        x = stack.pop()
        if id(x) in seen:
            continue
        seen.add(id(x))
        if isinstance(x, (list, dict)):
            stack.extend(_sub_layers(x)[::-1])
        else:
            out.append(x)
    return out


def _weights_of(x, kind):
    """`x.<kind>` of a layer; of a list or dict, TF 1.14's data structure's: its layers'
    then its variables' (the structure is trainable)."""
    if isinstance(x, (list, dict)):
        return gather_weights(True, _sub_layers(x),
                              [v for v in _values(x) if isinstance(v, Variable)], kind)
    return list(getattr(x, kind))


def gather_weights(trainable, sub_layers, extra, kind):
    """TF 1.14's layer_utils.gather_trainable_weights / gather_non_trainable_weights
    (kind 'trainable_weights' / 'non_trainable_weights'; 'weights': both) over
    sub-layers that may be lists or dicts, `extra` the variables of the object itself."""
    if kind == "weights":
        return (gather_weights(trainable, sub_layers, extra, "trainable_weights")
                + gather_weights(trainable, sub_layers, extra, "non_trainable_weights"))
    if kind == "trainable_weights":
        if not trainable:
            return []
        return ([w for x in sub_layers for w in _weights_of(x, kind)]
                + [v for v in extra if v.trainable])
    weights = [w for x in sub_layers for w in _weights_of(x, kind)]
    frozen = [v for v in extra if not v.trainable]
    if trainable:
        return weights + frozen
    return ([w for x in sub_layers for w in _weights_of(x, "trainable_weights")]
            + [v for v in extra if v.trainable] + weights + frozen)


def _built_children(model, out):
    """`out` with the children Network.build's _track_layers adds ('layer_with_weights-N'
    for a layer with weights then, 'layer-N'): a name there already keeps its place."""
    tracked = model.__dict__.get("_self_build_tracked")
    if not tracked:
        return out
    out, n = list(out), 0
    for i, (x, had_weights) in enumerate(tracked):
        names = (["layer_with_weights-%d" % n] if had_weights else []) + ["layer-%d" % i]
        n += had_weights
        for name in names:
            at = [j for j, (k, _) in enumerate(out) if k == name]
            if at:
                out[at[0]] = (name, x)
            else:
                out.append((name, x))
    return out
