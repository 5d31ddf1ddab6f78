"""`tf.py_func`, `tf.numpy_function`, `tf.py_function`: Python functions as graph ops.

    def clip(v):
        return np.clip(v, 0, 1)
    y = tf.py_func(clip, [x], tf.float32)        # op PyFunc; y's shape is unknown

`py_func(stateful=False)` creates PyFuncStateless, which the optimizer may fold
or deduplicate; PyFunc/EagerPyFunc run at every `Session.run` that needs them.
Their gradients are TF's: none for PyFunc (use `gradient_override_map`).
"""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework.graph import Tensor, get_default_graph, name_scope
from ..engine.ops._base import apply_op, to_tensor
from ..engine.ops.script import register_py_func

__all__ = ["py_func", "numpy_function", "py_function"]


def _build(op_type, func, inp, Tout, name):
    if not isinstance(inp, (list, tuple)):
        raise TypeError(f"Expected list for 'input' argument to '{op_type}' Op, not {inp}.")
    single = not isinstance(Tout, (list, tuple))
    tout = [_dt.as_dtype(Tout)] if single else [_dt.as_dtype(t) for t in Tout]
    tensors = [x for x in inp if isinstance(x, Tensor)]
    g = get_default_graph()
    if tensors and not getattr(g, "building_function", False):
        g = tensors[0].graph   # (in a function being traced: there, its inputs captured)
    with g.as_default():
        token = register_py_func(func, g)
        if len(tensors) == len(inp):
            inputs = list(inp)
            op_name = name or op_type
        else:
            # TF's op wrapper converts Python values inside the op's scope (`PyFunc/input_2`)
            with name_scope(name, op_type) as op_name:
                inputs = [x if isinstance(x, Tensor) else to_tensor(x, name="input_%d" % i)
                          for i, x in enumerate(inp)]
        op = apply_op(op_type, inputs, {"token": token, "Tin": [t.dtype.base_dtype for t in inputs],
                                        "Tout": tout}, op_name)
    outs = list(op.outputs)
    if not outs:
        return op     # as TF: no outputs gives the Operation
    if single:
        return outs[0]
    return outs


def py_func(func, inp, Tout, stateful=True, name=None):
    """Wraps the NumPy function `func(*arrays)` into an op (PyFunc, or PyFuncStateless).

    `Tout` is a dtype (one output, returned as a Tensor) or a list of dtypes (a
    list of Tensors). `func` must return arrays of exactly those dtypes.
    """
    return _build("PyFunc" if stateful else "PyFuncStateless", func, inp, Tout, name)


def numpy_function(func, inp, Tout, name=None):
    """`py_func(func, inp, Tout, stateful=True, name)` (TF 1.14's alias)."""
    return py_func(func, inp, Tout, stateful=True, name=name)


def py_function(func, inp, Tout, name=None):
    """Wraps `func` into an EagerPyFunc op: it gets arrays with `.numpy()`, and returned
    values are converted to `Tout` (so a Python float may feed a float32 output)."""
    return _build("EagerPyFunc", func, inp, Tout, name)
