"""Plain pieces of the graph's data model: collection names (`tf.GraphKeys`), device
strings, and static shapes printed and merged as TF's C++ shape inference does."""
from __future__ import annotations

from .tensor_shape import TensorShape, as_shape


def _shape_str(shape):
    """A shape as TF's C++ shape inference prints it: [2,3], [?,3], [] or ?."""
    dims = shape.as_tuple()
    if dims is None:
        return "?"
    return "[" + ",".join("?" if d is None else str(d) for d in dims) + "]"


def merge_shapes(a: TensorShape, b: TensorShape) -> TensorShape:
    """Merges two static shapes, raising ValueError with TF's C++ messages."""
    a, b = as_shape(a), as_shape(b)
    da, db = a.as_tuple(), b.as_tuple()
    if da is None:
        return b
    if db is None:
        return a
    if len(da) != len(db):
        raise ValueError(f"Shapes must be equal rank, but are {len(da)} and {len(db)}")
    for i, (x, y) in enumerate(zip(da, db)):
        if x is not None and y is not None and x != y:
            raise ValueError(f"Dimension {i} in both shapes must be equal, but are {x} and {y}. "
                             f"Shapes are {_shape_str(a)} and {_shape_str(b)}.")
    return a.merge_with(b)


class GraphKeys:
    """Standard names for graph collections (TF 1.x `tf.GraphKeys`)."""

    GLOBAL_VARIABLES = "variables"
    LOCAL_VARIABLES = "local_variables"
    METRIC_VARIABLES = "metric_variables"
    MODEL_VARIABLES = "model_variables"
    TRAINABLE_VARIABLES = "trainable_variables"
    SUMMARIES = "summaries"
    QUEUE_RUNNERS = "queue_runners"
    TABLE_INITIALIZERS = "table_initializer"
    ASSET_FILEPATHS = "asset_filepaths"
    MOVING_AVERAGE_VARIABLES = "moving_average_variables"
    REGULARIZATION_LOSSES = "regularization_losses"
    CONCATENATED_VARIABLES = "concatenated_variables"
    SAVERS = "savers"
    WEIGHTS = "weights"
    BIASES = "biases"
    ACTIVATIONS = "activations"
    UPDATE_OPS = "update_ops"
    LOSSES = "losses"
    SAVEABLE_OBJECTS = "saveable_objects"
    RESOURCES = "resources"
    LOCAL_RESOURCES = "local_resources"
    TRAINABLE_RESOURCE_VARIABLES = "trainable_resource_variables"
    INIT_OP = "init_op"
    LOCAL_INIT_OP = "local_init_op"
    READY_OP = "ready_op"
    READY_FOR_LOCAL_INIT_OP = "ready_for_local_init_op"
    SUMMARY_OP = "summary_op"
    GLOBAL_STEP = "global_step"
    EVAL_STEP = "eval_step"
    TRAIN_OP = "train_op"
    COND_CONTEXT = "cond_context"
    WHILE_CONTEXT = "while_context"
    VARIABLES = GLOBAL_VARIABLES


def _parse_device(spec):
    """'/job:w/task:0/cpu:0' -> {'job': 'w', 'task': '0', 'type': 'CPU', 'index': '0'}."""
    if hasattr(spec, "to_string"):
        spec = spec.to_string()
    out = {}
    for part in str(spec).split("/"):
        if not part:
            continue
        fields = part.split(":")
        key = fields[0].lower()
        if key in ("job", "replica", "task") and len(fields) == 2:
            out[key] = fields[1]
        elif key == "device" and len(fields) in (2, 3):
            out["type"] = fields[1].upper()
            if len(fields) == 3 and fields[2] != "*":
                out["index"] = fields[2]
        elif key in ("cpu", "gpu") and len(fields) == 2:
            out["type"] = key.upper()
            if fields[1] != "*":
                out["index"] = fields[1]
        else:
            raise ValueError(f"Unknown attribute: '{part}' in '{spec}'")
    if "type" not in out:
        out.pop("index", None)
    return out


def _device_string(spec):
    s = "".join(f"/{k}:{spec[k]}" for k in ("job", "replica", "task") if k in spec)
    if "type" in spec:
        s += f"/device:{spec['type']}:{spec.get('index', '*')}"
    return s
