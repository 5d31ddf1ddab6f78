"""InputSpec and the check a layer makes of its inputs (TF 1.14 keras/engine/input_spec.py)."""

__all__ = ["InputSpec", "assert_input_compatibility"]


def _flatten(x):
    if isinstance(x, (list, tuple)):
        return [y for item in x for y in _flatten(item)]
    if isinstance(x, dict):
        return [y for k in sorted(x) for y in _flatten(x[k])]
    return [x]


class InputSpec:
    """The rank, dtype and shape a layer expects of each input.

    >>> tf.keras.layers.InputSpec(min_ndim=2, axes={-1: 3})
    InputSpec(min_ndim=2, axes={-1: 3})
    """

    def __init__(self, dtype=None, shape=None, ndim=None, max_ndim=None, min_ndim=None,
                 axes=None):
        self.dtype = dtype
        self.shape = shape
        self.ndim = len(shape) if shape is not None else ndim
        self.max_ndim = max_ndim
        self.min_ndim = min_ndim
        self.axes = axes or {}

    def __repr__(self):
        spec = [("dtype=" + str(self.dtype)) if self.dtype else "",
                ("shape=" + str(self.shape)) if self.shape else "",
                ("ndim=" + str(self.ndim)) if self.ndim else "",
                ("max_ndim=" + str(self.max_ndim)) if self.max_ndim else "",
                ("min_ndim=" + str(self.min_ndim)) if self.min_ndim else "",
                ("axes=" + str(self.axes)) if self.axes else ""]
        return "InputSpec(%s)" % ", ".join(x for x in spec if x)


def _incompatible(i, layer_name, what):
    return ValueError("Input " + str(i) + " of layer " + layer_name +
                      " is incompatible with the layer: " + what)


def assert_input_compatibility(input_spec, inputs, layer_name):
    """Raises TF's ValueError when `inputs` do not match `input_spec`."""
    if not input_spec:
        return
    inputs = _flatten(inputs)
    input_spec = _flatten(input_spec)
    if len(inputs) != len(input_spec):
        raise ValueError("Layer " + layer_name + " expects " + str(len(input_spec)) +
                         " inputs, but it received " + str(len(inputs)) +
                         " input tensors. Inputs received: " + str(inputs))
    for i, (x, spec) in enumerate(zip(inputs, input_spec)):
        if spec is None:
            continue
        ndim = x.shape.ndims
        if (spec.ndim is not None or spec.min_ndim is not None
                or spec.max_ndim is not None) and ndim is None:
            raise _incompatible(i, layer_name, "its rank is undefined, but the layer requires "
                                "a defined rank.")
        if spec.ndim is not None and ndim != spec.ndim:
            raise _incompatible(i, layer_name, "expected ndim=" + str(spec.ndim) +
                                ", found ndim=" + str(ndim) + ". Full shape received: " +
                                str(x.shape.as_list()))
        if spec.max_ndim is not None and ndim is not None and ndim > spec.max_ndim:
            raise _incompatible(i, layer_name, "expected max_ndim=" + str(spec.max_ndim) +
                                ", found ndim=" + str(ndim))
        if spec.min_ndim is not None and ndim is not None and ndim < spec.min_ndim:
            raise _incompatible(i, layer_name, ": expected min_ndim=" + str(spec.min_ndim) +
                                ", found ndim=" + str(ndim) + ". Full shape received: " +
                                str(x.shape.as_list()))
        if spec.dtype is not None and x.dtype != spec.dtype:
            raise _incompatible(i, layer_name, "expected dtype=" + str(spec.dtype) +
                                ", found dtype=" + str(x.dtype))
        if spec.axes and ndim is not None:
            shape = x.shape.as_list()
            for axis, value in spec.axes.items():
                value = getattr(value, "value", value)
                if value is not None and shape[int(axis)] not in {value, None}:
                    raise ValueError(
                        "Input " + str(i) + " of layer " + layer_name + " is incompatible "
                        "with the layer: expected axis " + str(axis) + " of input shape to "
                        "have value " + str(value) + " but received input with shape " +
                        str(shape))
        if spec.shape is not None and ndim is not None:
            shape = x.shape.as_list()
            for spec_dim, dim in zip(spec.shape, shape):
                if spec_dim is not None and dim is not None and spec_dim != dim:
                    raise ValueError("Input " + str(i) + " is incompatible with layer " +
                                     layer_name + ": expected shape=" + str(spec.shape) +
                                     ", found shape=" + str(shape))
