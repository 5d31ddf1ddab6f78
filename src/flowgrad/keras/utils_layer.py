"""model.summary() as TF 1.14 prints it (keras/utils/layer_utils.py print_summary)."""
import numpy as np

from .engine.base_layer import KERAS_HISTORY, _flatten

__all__ = ["print_summary"]


def _output_shape(layer):
    # TF 1.14 prints layer.output_shape: "multiple" when never called or when its calls'
    # output shapes differ
    nodes = layer._inbound_nodes
    if not nodes or len({str(n.output_shapes) for n in nodes}) != 1:
        return "multiple"
    outputs = _flatten(nodes[0][1])
    shapes = [tuple(t.shape.as_list()) for t in outputs]
    if isinstance(nodes[0][1], list):   # a list of one (an InputLayer's, an op layer's)
        return str(shapes)
    return str(shapes[0]) if len(shapes) == 1 else str(shapes)


def _count(layer):
    return layer.count_params() if layer.built else 0


def _is_sequential_like(model):
    if model.__class__.__name__ == "Sequential" or not model._is_graph_network:
        return True
    # node depths from the outputs; more than one node at a depth, a node with several
    # inbound layers, or a layer called twice in the model makes it non-sequential
    depth = {}
    for layer, index in reversed(model._nodes):
        key = (id(layer), index)
        depth.setdefault(key, 0)
        for t in _flatten(layer._inbound_nodes[index][0]):
            if t in KERAS_HISTORY:
                src, src_index, _ = KERAS_HISTORY[t]
                k = (id(src), src_index)
                depth[k] = max(depth.get(k, 0), depth[key] + 1)
    per_depth = {}
    for key, d in depth.items():
        per_depth.setdefault(d, []).append(key)
    for layer, index in model._nodes:
        inbound = [t for t in _flatten(layer._inbound_nodes[index][0]) if t in KERAS_HISTORY]
        if len(per_depth[depth[(id(layer), index)]]) > 1 or len(inbound) > 1:
            return False
    seen = set()
    for layer, _ in model._nodes:
        if id(layer) in seen:
            return False
        seen.add(id(layer))
    return True


def print_summary(model, line_length=None, positions=None, print_fn=None):
    """Prints the table of a model's layers, output shapes and parameter counts."""
    if print_fn is None:
        print_fn = print
    sequential_like = _is_sequential_like(model)
    if sequential_like:
        line_length = line_length or 65
        positions = positions or [.45, .85, 1.]
        if positions[-1] <= 1:
            positions = [int(line_length * p) for p in positions]
        to_display = ["Layer (type)", "Output Shape", "Param #"]
    else:
        line_length = line_length or 98
        positions = positions or [.33, .55, .67, 1.]
        if positions[-1] <= 1:
            positions = [int(line_length * p) for p in positions]
        to_display = ["Layer (type)", "Output Shape", "Param #", "Connected to"]

    def print_row(fields):
        line = ""
        for i, field in enumerate(fields):
            if i > 0:
                line = line[:-1] + " "
            line += str(field)
            line = line[:positions[i]]
            line += " " * (positions[i] - len(line))
        print_fn(line)

    print_fn('Model: "{}"'.format(model.name))
    print_fn("_" * line_length)
    print_row(to_display)
    print_fn("=" * line_length)
    layers = model.layers
    model_nodes = set((id(layer), i) for layer, i in model._nodes)
    for n, layer in enumerate(layers):
        name = layer.name + " (" + layer.__class__.__name__ + ")"
        if sequential_like:
            # a Sequential built from its first data: TF 1.14 calls the layers on plain
            # placeholders (no nodes), so their output shapes are unknown ("multiple")
            shape = "multiple" if getattr(model, "_inputs_from_data", False) else \
                _output_shape(layer)
            print_row([name, shape, _count(layer)])
        else:
            connections = []
            for index, node in enumerate(layer._inbound_nodes):
                if (id(layer), index) not in model_nodes:
                    continue
                for t in _flatten(node[0]):
                    if t in KERAS_HISTORY:
                        src, src_index, t_index = KERAS_HISTORY[t]
                        connections.append("%s[%d][%d]" % (src.name, src_index, t_index))
            first = connections[0] if connections else ""
            print_row([name, _output_shape(layer), _count(layer), first])
            for c in connections[1:]:
                print_row(["", "", "", c])
        print_fn(("=" if n == len(layers) - 1 else "_") * line_length)
    trainable = sum(int(np.prod(w.shape.as_list()))
                    for w in {id(w): w for w in model.trainable_weights}.values())
    total = sum(int(np.prod(w.shape.as_list()))
                for w in {id(w): w for w in model.weights}.values())
    print_fn("Total params: {:,}".format(total))
    print_fn("Trainable params: {:,}".format(trainable))
    print_fn("Non-trainable params: {:,}".format(total - trainable))
    print_fn("_" * line_length)
