"""TF 1.14's contrib/quantize quant_ops: the fake-quant layers the rewrite inserts, with
their `min` / `max` range variables (the last value seen, or its moving average)."""
from __future__ import annotations

from ...engine.framework.graph_keys import GraphKeys
from ...engine.ops import fake_quant, reductions
from ...engine.ops.elementwise import maximum, minimum
from ...ops import init_ops, state_ops, variable_scope
from ...ops.variables import VariableAggregation
from ...train import moving_averages


def _model_variable(name, shape, init, collections):
    return variable_scope.get_variable(
        name, shape=shape, initializer=init_ops.constant_initializer(init),
        collections=list(collections or []) + [GraphKeys.GLOBAL_VARIABLES],
        trainable=False, aggregation=VariableAggregation.MEAN)


def _quantize(inputs, per_channel, init_min, init_max, vars_collection, name_prefix, reuse,
              is_training, num_bits, narrow_range, symmetric, assign):
    """LastValueQuantize / MovingAvgQuantize: `assign(var, value, name)` updates a range."""
    with variable_scope.variable_scope(None, default_name=name_prefix, values=[inputs],
                                       reuse=reuse) as scope:
        scope.set_partitioner(None)
        dims = inputs.get_shape().ndims
        if per_channel:
            assert dims in [1, 2, 4], (
                f"Expected 1D, 2D or 4D input, was: {inputs.get_shape()} in  scope: "
                f"{name_prefix}")
        shape = [inputs.get_shape()[-1]] if per_channel else []
        collections = [vars_collection] if vars_collection else []
        min_var = _model_variable("min", shape, init_min, collections)
        max_var = _model_variable("max", shape, init_max, collections)
        if not is_training:
            return _fake_quant(inputs, min_var, max_var, per_channel, num_bits, narrow_range)
        axis = ([0] if dims == 2 else [0, 1, 2]) if per_channel else None
        if per_channel and dims < 2:
            batch_min = batch_max = inputs
        else:
            batch_min = reductions.reduce_min(inputs, axis=axis, name="BatchMin")
            batch_max = reductions.reduce_max(inputs, axis=axis, name="BatchMax")
        if symmetric:
            # (two's complement: the negative range is a step larger than the positive)
            ratio = -1 if narrow_range else -((1 << num_bits) - 2) / (1 << num_bits)
            range_min = minimum(batch_min, batch_max / ratio)
            range_max = maximum(batch_max, batch_min * ratio)
        else:  # (TFLite wants 0 in [min, max])
            range_min = minimum(batch_min, 0.0)
            range_max = maximum(batch_max, 0.0)
        return _fake_quant(inputs, assign(min_var, range_min, "Min"),
                           assign(max_var, range_max, "Max"), per_channel, num_bits,
                           narrow_range)


def last_value_quantize(inputs, per_channel=False, init_min=-6.0, init_max=6.0,
                        vars_collection=None, name_prefix="LastValueQuant", reuse=None,
                        is_training=True, num_bits=8, narrow_range=False, symmetric=False):
    """TF's LastValueQuantize: the range is the last batch's (AssignMinLast / MaxLast)."""
    def assign(var, value, which):
        return state_ops.assign(var, value, name=f"Assign{which}Last")
    return _quantize(inputs, per_channel, init_min, init_max, vars_collection, name_prefix,
                     reuse, is_training, num_bits, narrow_range, symmetric, assign)


def moving_avg_quantize(inputs, per_channel=False, init_min=-6.0, init_max=6.0,
                        ema_decay=0.999, vars_collection=GraphKeys.MOVING_AVERAGE_VARIABLES,
                        name_prefix="MovingAvgQuantize", reuse=None, is_training=True,
                        num_bits=8, narrow_range=False, symmetric=False):
    """TF's MovingAvgQuantize: the range is a (zero-debiased) moving average of the
    batches' (AssignMinEma / AssignMaxEma)."""
    def assign(var, value, which):
        return moving_averages.assign_moving_average(var, value, ema_decay,
                                                     name=f"Assign{which}Ema")
    return _quantize(inputs, per_channel, init_min, init_max, vars_collection, name_prefix,
                     reuse, is_training, num_bits, narrow_range, symmetric, assign)


def _fake_quant(inputs, min_var, max_var, per_channel, num_bits, narrow_range):
    if per_channel:
        return fake_quant.fake_quant_with_min_max_vars_per_channel(
            inputs, min_var, max_var, num_bits=num_bits, narrow_range=narrow_range)
    return fake_quant.fake_quant_with_min_max_vars(
        inputs, min_var, max_var, num_bits=num_bits, narrow_range=narrow_range)
