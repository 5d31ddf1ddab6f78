"""TF 1.14's CuDNN RNN ops (gen_cudnn_rnn_ops): CudnnRNN, CudnnRNNV3, their backprops,
CudnnRNNParamsSize, CudnnRNNParamsToCanonical and CudnnRNNCanonicalToParams.

TF 1.14 registers these ops with GPU kernels only. A graph holding one builds (the shape
rules below are TF's), and its first Session.run fails: TF's placer places the whole
graph, finds no device with a kernel for the op and raises InvalidArgumentError "No
OpKernel was registered to support Op ..." naming the graph's first such op, whatever
the run fetches. The ops carry `no_kernel=no_kernel_error`, which runtime/placement.py
calls to do the same; their bind raises that error too. The gradients are TF's (cudnn_rnn_grad.py):
CudnnRNN's is one CudnnRNNBackprop op, CudnnRNNV3's one CudnnRNNBackpropV3."""
from __future__ import annotations

from ..framework import dtypes as _dt
from ..framework import errors, op_traceback
from ..framework.constant_op import constant
from ..framework.graph import get_default_graph
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from ._base import apply, apply_op, to_tensor

__all__ = ["cudnn_rnn", "cudnn_rnn_canonical_to_params",
           "cudnn_rnn_params_size", "cudnn_rnn_params_to_canonical", "cudnn_rnnv3",
           "no_kernel_error"]

_FLOATS = (_dt.float16, _dt.float32, _dt.float64)
_UNKNOWN = TensorShape(None)


def _attr_text(value):
    """An attr value as TF's SummarizeAttrValue writes it."""
    if isinstance(value, _dt.DType):
        return "DT_" + {"float16": "HALF", "float32": "FLOAT",
                        "float64": "DOUBLE"}.get(value.name, value.name.upper())
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"%s"' % value
    if isinstance(value, float):
        return "%g" % value
    return str(value)


def no_kernel_error(op, attrs=None, kernels=()) -> errors.InvalidArgumentError:
    """TF's error for an op no device has a kernel for (the attrs, `op`'s own unless given,
    sorted by name: TF's order is that of a hash map); `kernels`: the registered kernels'
    lines ("device='CPU'; T in [DT_INT32]")."""
    attrs = op._attrs if attrs is None else attrs
    attrs = ", ".join(f"{k}={_attr_text(v)}" for k, v in sorted(attrs.items()))
    where = op_traceback.defined_at(getattr(op, "_traceback", None))
    where = f" (defined at {where})" if where else ""
    listed = "".join(f"  {k}\n" for k in kernels) or "  <no registered kernels>\n"
    return errors.InvalidArgumentError(
        None, op, f"No OpKernel was registered to support Op '{op.type}' used by node "
        f"{op.name}{where} with these attrs: [{attrs}]\nRegistered devices: [CPU]\n"
        f"Registered kernels:\n{listed}\n\t [[{op.name}]]")


def _bind(node, ctx):
    err = no_kernel_error(node.op)

    def run(*_):
        raise err
    return run


def _dims(t, n):
    return t.shape.as_tuple() if t.shape.ndims is not None else (None,) * n


def _check_float(op_type, t, arg):
    if t.dtype.base_dtype not in _FLOATS:
        raise TypeError(f"Value passed to parameter '{arg}' has DataType {t.dtype.name} not "
                        "in list of allowed values: float16, float32, float64")


def _rnn_infer(inputs, attrs):
    """TF's CudnnRNN(V3) shape rule: output [d0, d1, dirs * units] (units: input_h's
    third dimension), output_h as input_h, output_c as input_h for an LSTM (else a
    scalar), the reserved spaces unknown (V3's host_reserved int8)."""
    x, h = inputs[0], inputs[1]
    d0, d1, _ = _dims(x, 3)
    units = _dims(h, 3)[2]
    dirs = 2 if attrs["direction"] == "bidirectional" else 1
    out = TensorShape([d0, d1, None if units is None else units * dirs])
    dt = x.dtype.base_dtype
    c_shape = h.shape if attrs["rnn_mode"] == "lstm" else TensorShape([])
    outs = [(dt, out), (dt, h.shape), (dt, c_shape), (dt, _UNKNOWN)]
    if "time_major" in attrs:   # V3's host_reserved is int8
        outs.append((_dt.int8, _UNKNOWN))
    return outs


def _backprop_infer(inputs, attrs):
    """input_backprop .. params_backprop: the shapes of input, input_h, input_c, params."""
    return [(t.dtype.base_dtype, t.shape) for t in inputs[:4]]


def _params_size_infer(inputs, attrs):
    return [(attrs["S"], TensorShape([1]))]


def _to_canonical_infer(inputs, attrs):
    dt, n = inputs[3].dtype.base_dtype, attrs["num_params"]
    return [(dt, TensorShape([None, None]))] * n + [(dt, TensorShape([None]))] * n


def _to_params_infer(inputs, attrs):
    return [(inputs[3].dtype.base_dtype, TensorShape([None]))]


def _rnn_grad(op, *grads):
    """TF's _cudnn_rnn_backward: one CudnnRNNBackprop (V3: CudnnRNNBackpropV3) op."""
    v3 = op.type == "CudnnRNNV3"
    if not op._attrs["is_training"]:
        raise ValueError(f"To use {op.type} in gradients, is_training must be set to True.")
    x, h, c, params = op._inputs[:4]
    extra = [op._inputs[4]] if v3 else []
    reserved = list(op.outputs[3:5] if v3 else op.outputs[3:4])
    attrs = {k: v for k, v in op._attrs.items() if k != "is_training"}
    back = apply_op("CudnnRNNBackpropV3" if v3 else "CudnnRNNBackprop",
                    [x, h, c, params] + extra + list(op.outputs[:3]) + list(grads[:3])
                    + reserved, attrs)
    return list(back.outputs) + ([None] if v3 else [])


_RNN_ATTRS = ("rnn_mode", "input_mode", "direction", "dropout", "seed", "seed2")
for _type, _infer, _grad in (
        ("CudnnRNN", _rnn_infer, _rnn_grad), ("CudnnRNNV3", _rnn_infer, _rnn_grad),
        ("CudnnRNNBackprop", _backprop_infer, None),
        ("CudnnRNNBackpropV3", _backprop_infer, None),
        ("CudnnRNNParamsSize", _params_size_infer, None),
        ("CudnnRNNParamsToCanonical", _to_canonical_infer, None),
        ("CudnnRNNCanonicalToParams", _to_params_infer, None)):
    register_op(_type, infer=_infer, bind=_bind, grad=_grad, stateful=True,
                no_kernel=no_kernel_error)


def _scalars(scope_values):
    return [constant(v, dtype=_dt.int32, name=n) if not hasattr(v, "dtype") else to_tensor(v)
            for n, v in scope_values]


def _rnn_attrs(dtype, rnn_mode, input_mode, direction, dropout, seed, seed2):
    return {"T": dtype, "rnn_mode": rnn_mode, "input_mode": input_mode,
            "direction": direction, "dropout": float(dropout), "seed": int(seed or 0),
            "seed2": int(seed2 or 0)}


def cudnn_rnn(input, input_h, input_c, params, rnn_mode="lstm",  # noqa: A002 - TF's name
              input_mode="linear_input", direction="unidirectional", dropout=0, seed=0,
              seed2=0, is_training=True, name=None):
    """The CudnnRNN op: (output, output_h, output_c, reserve_space)."""
    ins = [to_tensor(v) for v in (input, input_h, input_c, params)]
    for t, arg in zip(ins, ("input", "input_h", "input_c", "params")):
        _check_float("CudnnRNN", t, arg)
    attrs = _rnn_attrs(ins[0].dtype.base_dtype, rnn_mode, input_mode, direction, dropout,
                       seed, seed2)
    attrs["is_training"] = bool(is_training)
    return apply("CudnnRNN", ins, attrs, name)


def cudnn_rnnv3(input, input_h, input_c, params, sequence_lengths,  # noqa: A002
                rnn_mode="lstm", input_mode="linear_input", direction="unidirectional",
                dropout=0, seed=0, seed2=0, is_training=True, time_major=True, name=None):
    """The CudnnRNNV3 op: (output, output_h, output_c, reserve_space, host_reserved)."""
    g = get_default_graph()
    with g.name_scope(name or "CudnnRNNV3") as scope:
        ins = [to_tensor(v) for v in (input, input_h, input_c, params)]
        lengths = to_tensor(sequence_lengths, dtype=_dt.int32, name="sequence_lengths")
        attrs = _rnn_attrs(ins[0].dtype.base_dtype, rnn_mode, input_mode, direction,
                           dropout, seed, seed2)
        attrs.update(is_training=bool(is_training), time_major=bool(time_major))
        return apply("CudnnRNNV3", ins + [lengths], attrs, scope)


def cudnn_rnn_params_size(num_layers, num_units, input_size, T, S,  # noqa: N803 - TF's
                          rnn_mode="lstm", input_mode="linear_input",
                          direction="unidirectional", dropout=0, seed=0, seed2=0, name=None):
    """The CudnnRNNParamsSize op: the opaque buffer's size, shape [1]."""
    with get_default_graph().name_scope(name or "CudnnRNNParamsSize") as scope:
        ins = _scalars([("num_layers", num_layers), ("num_units", num_units),
                        ("input_size", input_size)])
        attrs = _rnn_attrs(_dt.as_dtype(T), rnn_mode, input_mode, direction, dropout,
                           seed, seed2)
        attrs["S"] = _dt.as_dtype(S)
        return apply("CudnnRNNParamsSize", ins, attrs, scope)


def cudnn_rnn_params_to_canonical(num_layers, num_units, input_size, params, num_params,
                                  rnn_mode="lstm", input_mode="linear_input",
                                  direction="unidirectional", dropout=0, seed=0, seed2=0,
                                  name=None):
    """The CudnnRNNParamsToCanonical op: (weights, biases), `num_params` of each."""
    with get_default_graph().name_scope(name or "CudnnRNNParamsToCanonical") as scope:
        ins = _scalars([("num_layers", num_layers), ("num_units", num_units),
                        ("input_size", input_size)])
        p = to_tensor(params)
        _check_float("CudnnRNNParamsToCanonical", p, "params")
        attrs = _rnn_attrs(p.dtype.base_dtype, rnn_mode, input_mode, direction, dropout,
                           seed, seed2)
        attrs["num_params"] = int(num_params)
        outs = apply("CudnnRNNParamsToCanonical", ins + [p], attrs, scope)
        outs = list(outs) if isinstance(outs, (list, tuple)) else [outs]
        return outs[:num_params], outs[num_params:]


def cudnn_rnn_canonical_to_params(num_layers, num_units, input_size, weights, biases,
                                  rnn_mode="lstm", input_mode="linear_input",
                                  direction="unidirectional", dropout=0, seed=0, seed2=0,
                                  name=None):
    """The CudnnRNNCanonicalToParams op: one opaque vector from the weights and biases."""
    with get_default_graph().name_scope(name or "CudnnRNNCanonicalToParams") as scope:
        ins = _scalars([("num_layers", num_layers), ("num_units", num_units),
                        ("input_size", input_size)])
        ws = [to_tensor(w) for w in weights]
        bs = [to_tensor(b) for b in biases]
        if len(ws) != len(bs):
            raise ValueError(f"List argument 'biases' to 'CudnnRNNCanonicalToParams' Op "
                             f"with length {len(bs)} must match length {len(ws)} of "
                             "argument 'weights'.")
        for i, t in enumerate(ws + bs):
            _check_float("CudnnRNNCanonicalToParams", t, "weights" if i < len(ws)
                         else "biases")
        attrs = _rnn_attrs(ws[0].dtype.base_dtype, rnn_mode, input_mode, direction,
                           dropout, seed, seed2)
        attrs["num_params"] = len(ws)
        return apply("CudnnRNNCanonicalToParams", ins + ws + bs, attrs, scope)
