"""Keras recurrent layers (TF 1.14 keras/layers/recurrent.py), graph mode: the RNN layer
over a cell, SimpleRNNCell / LSTMCell / GRUCell / StackedRNNCells, and SimpleRNN, LSTM,
GRU.

The time loop is TF 1.14's `keras.backend.rnn`: a while_loop over TensorArrays of the
time-major inputs (or a Python loop with unroll=True); with a mask a step keeps the
previous output and states where the mask is False. The cells' weights are made in the
RNN layer's scope ('lstm/kernel', 'lstm/recurrent_kernel', 'lstm/bias'), fused as TF
lays them out (LSTM gates i, f, c, o; GRU gates z, r, h), with TF 1.14's defaults
(recurrent_activation='hard_sigmoid', GRU reset_after=False, LSTM unit_forget_bias).
Dropout masks are drawn once per call, as TF's; stateful RNNs keep their states in
variables updated by each run (reset_states). `constants` (RNN(...)(x, constants=c), or
the inputs list with num_constants) reach every step of a cell whose call takes
`constants` (StackedRNNCells passes them to the cells that take them), as TF 1.14's.
"""
import inspect

import numpy as np

from ...engine.framework.tensor_shape import TensorShape, dimension_value
from ...ops import array_ops, init_ops
from ...ops.variables import Variable
from ...ops.rnn_cell_impl import RNNCell as _TFRNNCell
from .. import activations, backend
from ..backend import rnn
from ..engine import base_layer_utils as blu
from ..engine.base_layer import Layer
from ..engine.input_spec import InputSpec
from ._config import _merge_config
from .._serialization import lookup_custom
from ... import logging
from ..mixed_precision.policy import Policy

__all__ = ["RNN", "SimpleRNNCell", "LSTMCell", "GRUCell", "StackedRNNCells",
           "SimpleRNN", "LSTM", "GRU"]


def _dropout_masks(ones, rate, training, count):
    """TF 1.14's _generate_dropout_mask: K.dropout (an op seed drawn from numpy's global
    RNG, as TF's) in the training phase, else the ones; a list when count > 1."""
    def dropped():
        return backend.dropout(ones, rate)
    if count > 1:
        return [backend.in_train_phase(dropped, ones, training=training)
                for _ in range(count)]
    return backend.in_train_phase(dropped, ones, training=training)


def _ser(obj):
    if obj is None:
        return None
    return {"class_name": obj.__class__.__name__, "config": obj.get_config()}


class _Cell(Layer):
    """What the three cells share: argument checks, weights, config."""

    def __init__(self, units, activation, use_bias, kernel_initializer, recurrent_initializer,
                 bias_initializer, kernel_regularizer, recurrent_regularizer,
                 bias_regularizer, kernel_constraint, recurrent_constraint, bias_constraint,
                 dropout, recurrent_dropout, **kwargs):
        super().__init__(**kwargs)
        self._dropout_mask = None
        self._recurrent_dropout_mask = None
        self.units = int(units)
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = blu.get_initializer(kernel_initializer)
        self.recurrent_initializer = blu.get_initializer(recurrent_initializer)
        self.bias_initializer = blu.get_initializer(bias_initializer)
        self.kernel_regularizer = blu.get_regularizer(kernel_regularizer)
        self.recurrent_regularizer = blu.get_regularizer(recurrent_regularizer)
        self.bias_regularizer = blu.get_regularizer(bias_regularizer)
        self.kernel_constraint = blu.get_constraint(kernel_constraint)
        self.recurrent_constraint = blu.get_constraint(recurrent_constraint)
        self.bias_constraint = blu.get_constraint(bias_constraint)
        self.dropout = min(1., max(0., dropout))
        self.recurrent_dropout = min(1., max(0., recurrent_dropout))

    def _make_weights(self, input_dim, gates, bias_shape=None, bias_initializer=None):
        self.kernel = self.add_weight(shape=(input_dim, self.units * gates), name="kernel",
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        self.recurrent_kernel = self.add_weight(
            shape=(self.units, self.units * gates), name="recurrent_kernel",
            initializer=self.recurrent_initializer, regularizer=self.recurrent_regularizer,
            constraint=self.recurrent_constraint)
        if self.use_bias:
            self.bias = self.add_weight(
                shape=bias_shape or (self.units * gates,), name="bias",
                initializer=bias_initializer or self.bias_initializer,
                regularizer=self.bias_regularizer, constraint=self.bias_constraint)
        else:
            self.bias = None
        self.built = True

    def _masks(self, inputs, h_tm1, count, training):
        """TF 1.14's get_(recurrent_)dropout_mask_for_cell: made on the step's first call
        (outside the time loop), reused for every step; ones outside the training phase."""
        if self.dropout != 0 and self._dropout_mask is None:
            self._dropout_mask = _dropout_masks(array_ops.ones_like(inputs), self.dropout,
                                                training, count)
        if self.recurrent_dropout != 0 and self._recurrent_dropout_mask is None:
            self._recurrent_dropout_mask = _dropout_masks(
                array_ops.ones_like(h_tm1), self.recurrent_dropout, training, count)
        return (self._dropout_mask if self.dropout != 0 else None,
                self._recurrent_dropout_mask if self.recurrent_dropout != 0 else None)

    _READ_NAMES = ("kernel", "recurrent_kernel", "bias")

    def reset_dropout_mask(self):
        self._dropout_mask = None

    def reset_recurrent_dropout_mask(self):
        self._recurrent_dropout_mask = None

    def _w(self, name):
        """The weight `name`: the variable, read where the step uses it (a read per use,
        inside the time loop, as TF 1.14's cells read them)."""
        return getattr(self, name)

    def get_initial_state(self, inputs=None, batch_size=None, dtype=None):
        if inputs is not None:
            batch_size = array_ops.shape(inputs)[0]
            dtype = inputs.dtype
        sizes = self.state_size if isinstance(self.state_size, (list, tuple)) else \
            [self.state_size]
        # TF 1.14's _generate_zero_filled_state: zeros([batch] + dims) (its ops)
        states = [array_ops.zeros([batch_size] + TensorShape(s).as_list(), dtype=dtype)
                  for s in sizes]
        return states if len(states) > 1 else states[0]

    def _base_config(self, **extra):
        """The cell's config in TF 1.14's key order: `extra` recurrent_activation after
        activation, unit_forget_bias after the initializers, the rest at the end."""
        config = {"units": self.units, "activation": activations.serialize(self.activation)}
        if "recurrent_activation" in extra:
            config["recurrent_activation"] = extra.pop("recurrent_activation")
        config.update({"use_bias": self.use_bias,
                       "kernel_initializer": _ser(self.kernel_initializer),
                       "recurrent_initializer": _ser(self.recurrent_initializer),
                       "bias_initializer": _ser(self.bias_initializer)})
        if "unit_forget_bias" in extra:
            config["unit_forget_bias"] = extra.pop("unit_forget_bias")
        config.update({"kernel_regularizer": _ser(self.kernel_regularizer),
                       "recurrent_regularizer": _ser(self.recurrent_regularizer),
                       "bias_regularizer": _ser(self.bias_regularizer),
                       "kernel_constraint": _ser(self.kernel_constraint),
                       "recurrent_constraint": _ser(self.recurrent_constraint),
                       "bias_constraint": _ser(self.bias_constraint),
                       "dropout": self.dropout, "recurrent_dropout": self.recurrent_dropout})
        config.update(extra)
        return config


class SimpleRNNCell(_Cell):
    """output = activation(x @ kernel + bias + h @ recurrent_kernel); state = [output]."""

    def __init__(self, units, activation="tanh", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, kernel_constraint=None, recurrent_constraint=None,
                 bias_constraint=None, dropout=0., recurrent_dropout=0., **kwargs):
        super().__init__(units, activation, use_bias, kernel_initializer,
                         recurrent_initializer, bias_initializer, kernel_regularizer,
                         recurrent_regularizer, bias_regularizer, kernel_constraint,
                         recurrent_constraint, bias_constraint, dropout, recurrent_dropout,
                         **kwargs)
        self.state_size = self.units
        self.output_size = self.units

    def build(self, input_shape):
        self._make_weights(dimension_value(TensorShape(input_shape)[-1]), 1)

    def call(self, inputs, states, training=None):
        prev_output = states[0]
        dp, rec_dp = self._masks(inputs, prev_output, 1, training)
        if dp is not None:
            h = backend.dot(inputs * dp, self._w("kernel"))
        else:
            h = backend.dot(inputs, self._w("kernel"))
        if self.bias is not None:
            h = backend.bias_add(h, self._w("bias"))
        if rec_dp is not None:
            prev_output = prev_output * rec_dp
        output = h + backend.dot(prev_output, self._w("recurrent_kernel"))
        if self.activation is not None:
            output = self.activation(output)
        return output, [output]

    def get_config(self):
        return _merge_config(super().get_config(), self._base_config())


class LSTMCell(_Cell):
    """TF 1.14's LSTM step: gates i, f, c, o from x @ kernel + h @ recurrent_kernel +
    bias; c = f * c + i * activation(c~); h = o * activation(c); states [h, c]."""

    def __init__(self, units, activation="tanh", recurrent_activation="hard_sigmoid",
                 use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros",
                 unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, kernel_constraint=None, recurrent_constraint=None,
                 bias_constraint=None, dropout=0., recurrent_dropout=0., implementation=1,
                 **kwargs):
        super().__init__(units, activation, use_bias, kernel_initializer,
                         recurrent_initializer, bias_initializer, kernel_regularizer,
                         recurrent_regularizer, bias_regularizer, kernel_constraint,
                         recurrent_constraint, bias_constraint, dropout, recurrent_dropout,
                         **kwargs)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.unit_forget_bias = unit_forget_bias
        self.implementation = implementation
        self.state_size = [self.units, self.units]
        self.output_size = self.units

    def build(self, input_shape):
        bias_init = None
        if self.use_bias and self.unit_forget_bias:
            base = self.bias_initializer
            units = self.units

            def bias_init(shape, dtype=None, partition_info=None):
                return array_ops.concat([
                    base((units,), dtype=dtype),
                    init_ops.Ones()((units,), dtype=dtype),
                    base((units * 2,), dtype=dtype)], 0)
        self._make_weights(dimension_value(TensorShape(input_shape)[-1]), 4,
                           bias_initializer=bias_init)

    def call(self, inputs, states, training=None):
        # TF 1.14's LSTMCell.call, op for op (graph-seeded ops made later get TF's seeds)
        h_tm1, c_tm1 = states[0], states[1]
        dp, rec_dp = self._masks(inputs, h_tm1, 4, training)
        if self.implementation == 1:
            x_in = [inputs * dp[i] for i in range(4)] if 0 < self.dropout < 1 else \
                [inputs] * 4
            ks = array_ops.split(self._w("kernel"), num_or_size_splits=4, axis=1)
            xs = [backend.dot(x, k) for x, k in zip(x_in, ks)]
            if self.use_bias:
                bs = array_ops.split(self._w("bias"), num_or_size_splits=4, axis=0)
                xs = [backend.bias_add(x, b) for x, b in zip(xs, bs)]
            h_in = [h_tm1 * rec_dp[i] for i in range(4)] if 0 < self.recurrent_dropout < 1 \
                else [h_tm1] * 4
            c, o = self._compute_carry_and_output(xs, h_in, c_tm1)
        else:
            if 0 < self.dropout < 1:
                inputs = inputs * dp[0]
            z = backend.dot(inputs, self._w("kernel"))
            if 0 < self.recurrent_dropout < 1:
                h_tm1 = h_tm1 * rec_dp[0]
            z = z + backend.dot(h_tm1, self._w("recurrent_kernel"))
            if self.use_bias:
                z = backend.bias_add(z, self._w("bias"))
            c, o = self._carry_and_output(*array_ops.split(z, num_or_size_splits=4, axis=1),
                                          c_tm1)
        h = o * self.activation(c)
        return h, [h, c]

    def _compute_carry_and_output(self, xs, h_in, c_tm1):
        """TF 1.14's split-kernel step: each gate's recurrent slice read in turn."""
        u = self.units
        x_i, x_f, x_c, x_o = xs
        h_i, h_f, h_c, h_o = h_in
        rk = self._w("recurrent_kernel")
        i = self.recurrent_activation(x_i + backend.dot(h_i, rk[:, :u]))
        f = self.recurrent_activation(x_f + backend.dot(h_f, rk[:, u:u * 2]))
        c = f * c_tm1 + i * self.activation(x_c + backend.dot(h_c, rk[:, u * 2:u * 3]))
        o = self.recurrent_activation(x_o + backend.dot(h_o, rk[:, u * 3:]))
        return c, o

    def _carry_and_output(self, zi, zf, zc, zo, c_tm1):
        i = self.recurrent_activation(zi)
        f = self.recurrent_activation(zf)
        c = f * c_tm1 + i * self.activation(zc)
        o = self.recurrent_activation(zo)
        return c, o

    def get_config(self):
        config = self._base_config(
            recurrent_activation=activations.serialize(self.recurrent_activation),
            unit_forget_bias=self.unit_forget_bias, implementation=self.implementation)
        return _merge_config(super().get_config(), config)


class PeepholeLSTMCell(LSTMCell):
    """LSTMCell with peephole connections (tf.keras.experimental.PeepholeLSTMCell, TF
    1.14): the input and forget gates see the previous carry, the output gate the new one,
    each through a per-unit weight vector (initialized with kernel_initializer)."""

    _READ_NAMES = LSTMCell._READ_NAMES + ("input_gate_peephole_weights",
                                          "forget_gate_peephole_weights",
                                          "output_gate_peephole_weights")

    def build(self, input_shape):
        super().build(input_shape)
        for name in self._READ_NAMES[3:]:
            setattr(self, name, self.add_weight(shape=(self.units,), name=name,
                                                initializer=self.kernel_initializer))

    def _compute_carry_and_output(self, xs, h_in, c_tm1):
        u = self.units
        x_i, x_f, x_c, x_o = xs
        h_i, h_f, h_c, h_o = h_in
        rk = self._w("recurrent_kernel")
        i = self.recurrent_activation(x_i + backend.dot(h_i, rk[:, :u]) +
                                      self._w("input_gate_peephole_weights") * c_tm1)
        f = self.recurrent_activation(x_f + backend.dot(h_f, rk[:, u:u * 2]) +
                                      self._w("forget_gate_peephole_weights") * c_tm1)
        c = f * c_tm1 + i * self.activation(x_c + backend.dot(h_c, rk[:, u * 2:u * 3]))
        o = self.recurrent_activation(x_o + backend.dot(h_o, rk[:, u * 3:]) +
                                      self._w("output_gate_peephole_weights") * c)
        return c, o

    def _carry_and_output(self, zi, zf, zc, zo, c_tm1):
        i = self.recurrent_activation(zi + self._w("input_gate_peephole_weights") * c_tm1)
        f = self.recurrent_activation(zf + self._w("forget_gate_peephole_weights") * c_tm1)
        c = f * c_tm1 + i * self.activation(zc)
        o = self.recurrent_activation(zo + self._w("output_gate_peephole_weights") * c)
        return c, o


class GRUCell(_Cell):
    """TF 1.14's GRU step: gates z, r; h~ = activation(x_h + (r * h) @ U_h) (or
    r * (h @ U_h + b_rh) with reset_after); h = z * h + (1 - z) * h~."""

    def __init__(self, units, activation="tanh", recurrent_activation="hard_sigmoid",
                 use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros",
                 kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None,
                 kernel_constraint=None, recurrent_constraint=None, bias_constraint=None,
                 dropout=0., recurrent_dropout=0., implementation=1, reset_after=False,
                 **kwargs):
        super().__init__(units, activation, use_bias, kernel_initializer,
                         recurrent_initializer, bias_initializer, kernel_regularizer,
                         recurrent_regularizer, bias_regularizer, kernel_constraint,
                         recurrent_constraint, bias_constraint, dropout, recurrent_dropout,
                         **kwargs)
        self.recurrent_activation = activations.get(recurrent_activation)
        self.implementation = implementation
        self.reset_after = reset_after
        self.state_size = self.units
        self.output_size = self.units

    def build(self, input_shape):
        bias_shape = (2, 3 * self.units) if self.reset_after else None
        self._make_weights(dimension_value(TensorShape(input_shape)[-1]), 3,
                           bias_shape=bias_shape)

    def call(self, inputs, states, training=None):
        # TF 1.14's GRUCell.call, op for op (graph-seeded ops made later get TF's seeds)
        h_tm1 = states[0]
        u = self.units
        dp, rec_dp = self._masks(inputs, h_tm1, 3, training)
        in_b = rec_b = None
        if self.use_bias:
            if not self.reset_after:
                in_b = self._w("bias")
            else:
                in_b, rec_b = array_ops.unstack(self._w("bias"))
        if self.implementation != 1:
            h = self._call_fused(inputs, h_tm1, dp, rec_dp, in_b, rec_b)
            return h, [h]
        x_in = [inputs * dp[i] for i in range(3)] if 0 < self.dropout < 1 else [inputs] * 3
        k = self._w("kernel")
        x_z = backend.dot(x_in[0], k[:, :u])
        x_r = backend.dot(x_in[1], k[:, u:u * 2])
        x_h = backend.dot(x_in[2], k[:, u * 2:])
        if self.use_bias:
            x_z = backend.bias_add(x_z, in_b[:u])
            x_r = backend.bias_add(x_r, in_b[u:u * 2])
            x_h = backend.bias_add(x_h, in_b[u * 2:])
        h_in = [h_tm1 * rec_dp[i] for i in range(3)] if 0 < self.recurrent_dropout < 1 \
            else [h_tm1] * 3
        rk = self._w("recurrent_kernel")
        r_z = backend.dot(h_in[0], rk[:, :u])
        r_r = backend.dot(h_in[1], rk[:, u:u * 2])
        if self.reset_after and self.use_bias:
            r_z = backend.bias_add(r_z, rec_b[:u])
            r_r = backend.bias_add(r_r, rec_b[u:u * 2])
        z = self.recurrent_activation(x_z + r_z)
        r = self.recurrent_activation(x_r + r_r)
        if self.reset_after:
            r_h = backend.dot(h_in[2], self._w("recurrent_kernel")[:, u * 2:])
            if self.use_bias:
                r_h = backend.bias_add(r_h, rec_b[u * 2:])
            r_h = r * r_h
        else:
            r_h = backend.dot(r * h_in[2], self._w("recurrent_kernel")[:, u * 2:])
        hh = self.activation(x_h + r_h)
        h = z * h_tm1 + (1 - z) * hh
        return h, [h]

    def _call_fused(self, inputs, h_tm1, dp, rec_dp, in_b, rec_b):
        """implementation=2: one product per input and state, gates sliced from it."""
        u = self.units
        if 0 < self.dropout < 1:
            inputs = inputs * dp[0]
        matrix_x = backend.dot(inputs, self._w("kernel"))
        if self.use_bias:
            matrix_x = backend.bias_add(matrix_x, in_b)
        x_z, x_r, x_h = matrix_x[:, :u], matrix_x[:, u:2 * u], matrix_x[:, 2 * u:]
        if 0 < self.recurrent_dropout < 1:
            h_tm1 = h_tm1 * rec_dp[0]
        if self.reset_after:
            matrix_inner = backend.dot(h_tm1, self._w("recurrent_kernel"))
            if self.use_bias:
                matrix_inner = backend.bias_add(matrix_inner, rec_b)
        else:
            matrix_inner = backend.dot(h_tm1, self._w("recurrent_kernel")[:, :2 * u])
        r_z, r_r = matrix_inner[:, :u], matrix_inner[:, u:2 * u]
        z = self.recurrent_activation(x_z + r_z)
        r = self.recurrent_activation(x_r + r_r)
        if self.reset_after:
            r_h = r * matrix_inner[:, 2 * u:]
        else:
            r_h = backend.dot(r * h_tm1, self._w("recurrent_kernel")[:, 2 * u:])
        hh = self.activation(x_h + r_h)
        return z * h_tm1 + (1 - z) * hh

    def get_config(self):
        config = self._base_config(
            recurrent_activation=activations.serialize(self.recurrent_activation),
            implementation=self.implementation, reset_after=self.reset_after)
        return _merge_config(super().get_config(), config)


class StackedRNNCells(Layer):
    """Cells run one after the other in each step (the states of all, in order)."""

    def __init__(self, cells, **kwargs):
        for cell in cells:
            if not hasattr(cell, "call"):
                raise ValueError("All cells must have a `call` method. received cells:", cells)
            if not hasattr(cell, "state_size"):
                raise ValueError("All cells must have a `state_size` attribute. received "
                                 "cells:", cells)
        self.cells = list(cells)
        # TF 1.14: the states in the reverse order of the cells (the cells still run in
        # order, each taking the next group of states)
        self.reverse_state_order = kwargs.pop("reverse_state_order", False)
        if self.reverse_state_order:
            logging.warning("reverse_state_order=True in StackedRNNCells will soon be "
                            "deprecated. Please update the code to work with the natural "
                            "order of states if you rely on the RNN states, eg "
                            "RNN(return_state=True).")
        super().__init__(**kwargs)
        self._layers = list(self.cells)

    def _state_cells(self):
        return self.cells[::-1] if self.reverse_state_order else self.cells

    @property
    def state_size(self):
        """TF 1.14's: each cell's state_size, nested (((5, 5), (6, 6)) for two LSTMCells)."""
        return tuple(cell.state_size for cell in self._state_cells())

    @property
    def output_size(self):
        last = self.cells[-1]
        if getattr(last, "output_size", None) is not None:
            return last.output_size
        s = last.state_size
        return s[0] if isinstance(s, (list, tuple)) else s

    def build(self, input_shape):
        if self.reverse_state_order and any(
                isinstance(c.state_size, (list, tuple)) for c in self.cells):
            raise NotImplementedError(
                "flowgrad does not implement StackedRNNCells(reverse_state_order=True) "
                "with a cell of several states (TF 1.14's RNN fails on its nested "
                "state_size)")
        for cell in self.cells:
            if isinstance(cell, Layer) and not cell.built:
                cell.build(input_shape)
                cell.built = True
            out = getattr(cell, "output_size", None)
            if out is None:
                s = cell.state_size
                out = s[0] if isinstance(s, (list, tuple)) else s
            input_shape = TensorShape([TensorShape(input_shape)[0]]).concatenate([out])
        self.built = True

    def call(self, inputs, states, constants=None, **kwargs):
        nested, i = [], 0
        for cell in self._state_cells():
            s = cell.state_size
            n = len(s) if isinstance(s, (list, tuple)) else 1
            nested.append(list(states[i:i + n]))
            i += n
        new_nested = []
        for cell, cell_states in zip(self.cells, nested):
            if _has_arg(cell.call, "constants"):
                inputs, cell_states = cell.call(inputs, cell_states, constants=constants)
            else:
                inputs, cell_states = cell.call(inputs, cell_states)
            new_nested.append(list(cell_states) if isinstance(cell_states, (list, tuple))
                              else [cell_states])
        return inputs, [s for group in new_nested for s in group]

    def get_initial_state(self, inputs=None, batch_size=None, dtype=None):
        states = []
        for cell in self._state_cells():
            fn = getattr(cell, "get_initial_state", None)
            if fn is not None:
                s = fn(inputs, batch_size, dtype)
            else:   # TF's zero-filled state for a cell without get_initial_state
                sizes = cell.state_size if isinstance(cell.state_size, (list, tuple)) \
                    else [cell.state_size]
                s = [array_ops.zeros(array_ops.stack([batch_size, n]), dtype=dtype)
                     for n in sizes]
            states.extend(s if isinstance(s, (list, tuple)) else [s])
        return states

    def get_config(self):
        cells = [{"class_name": c.__class__.__name__, "config": c.get_config()}
                 for c in self.cells]
        return _merge_config(super().get_config(), {"cells": cells})

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        cells = [_cell_from_config(c, custom_objects) for c in config.pop("cells")]
        return cls(cells, **config)


def _cell_from_config(conf, custom_objects=None):
    classes = {"SimpleRNNCell": SimpleRNNCell, "LSTMCell": LSTMCell, "GRUCell": GRUCell,
               "StackedRNNCells": StackedRNNCells, "PeepholeLSTMCell": PeepholeLSTMCell}
    cls = lookup_custom(conf["class_name"], custom_objects) or classes.get(conf["class_name"])
    if cls is None:
        raise ValueError("Unknown layer: " + conf["class_name"])
    return cls.from_config(dict(conf["config"]))


class RNN(Layer):
    """Runs `cell` over the time steps of a [batch, time, features] input (TF 1.14's
    keras RNN): the last output, or every output (return_sequences), plus the final states
    (return_state); `initial_state=` and masks (from Embedding(mask_zero) / Masking)."""

    def __init__(self, cell, return_sequences=False, return_state=False, go_backwards=False,
                 stateful=False, unroll=False, time_major=False, **kwargs):
        if isinstance(cell, (list, tuple)):
            cell = StackedRNNCells(cell)
        if not hasattr(cell, "call"):
            raise ValueError("`cell` should have a `call` method. The RNN was passed:", cell)
        if not hasattr(cell, "state_size"):
            raise ValueError("The RNN cell should have an attribute `state_size` (tuple of "
                             "integers, one integer per RNN state).")
        self.zero_output_for_mask = kwargs.pop("zero_output_for_mask", False)
        super().__init__(**kwargs)
        self._num_constants = None
        self.constants_spec = None
        self.cell = cell
        self.return_sequences = return_sequences
        self.return_state = return_state
        self.go_backwards = go_backwards
        self.stateful = stateful
        self._state_vars = None
        self.unroll = unroll
        self.time_major = time_major
        self.supports_masking = True
        self._layers = [cell] if isinstance(cell, Layer) else []

    @property
    def states(self):
        if self._state_vars is not None:
            return list(self._state_vars)
        # TF 1.14: the cell's state_size structure of Nones (a stack of LSTMCells: one
        # pair per cell; a tuple where state_size is one)
        s = self.cell.state_size
        return _map_nested(lambda _: None, s) if isinstance(s, (list, tuple)) else [None]

    def _state_entries(self):
        """The top level of the cell's state_size: what initial_state and return_state list."""
        s = self.cell.state_size
        return list(s) if isinstance(s, (list, tuple)) else [s]

    def reset_states(self, states=None):
        """A stateful RNN's state variables back to zeros (or to `states`)."""
        if not self.stateful:
            raise AttributeError("Layer must be stateful.")
        spec = self.input_spec[0] if isinstance(self.input_spec, list) else self.input_spec
        batch_size = spec.shape[0] if spec is not None and spec.shape is not None else None
        if not batch_size:
            raise ValueError("If a RNN is stateful, it needs to know its batch size. Specify "
                             "the batch size of your input tensors: \n- If using a "
                             "Sequential model, specify the batch size by passing a "
                             "`batch_input_shape` argument to your first layer.\n- If using "
                             "the functional API, specify the batch size by passing a "
                             "`batch_shape` argument to your Input layer.")
        sizes = self._state_sizes()
        if self._state_vars is None:
            # TF's K.zeros: a resource variable 'Variable' in the layer's scope
            self._state_vars = [Variable(np.zeros((batch_size, s), "float32"),
                                         use_resource=True) for s in sizes]
            for v in self._state_vars:
                backend.track_variable(v)
            return
        values = [np.zeros((batch_size, s), "float32") for s in sizes] if states is None \
            else (states if isinstance(states, (list, tuple)) else [states])
        if len(values) != len(self._state_vars):
            raise ValueError("Layer " + self.name + " expects " + str(len(sizes)) +
                             " states, but it received " + str(len(values)) +
                             " state values. Input received: " + str(states))
        for var, value in zip(self._state_vars, values):
            backend.set_value(var, value)

    def _state_sizes(self):
        """The flat list of the state sizes (the loop's states, one per tensor)."""
        return [x for e in self._state_entries() for x in _flat_nested(e)]

    def _output_dim(self):
        out = getattr(self.cell, "output_size", None)
        return out if out is not None else self._state_sizes()[0]

    def compute_output_shape(self, input_shape):
        if isinstance(input_shape, list):
            input_shape = input_shape[0]
        input_shape = TensorShape(input_shape)
        batch = input_shape[1] if self.time_major else input_shape[0]
        time = input_shape[0] if self.time_major else input_shape[1]
        out = self._output_dim()
        if self.return_sequences:
            shape = TensorShape([time, batch, out] if self.time_major else [batch, time, out])
        else:
            shape = TensorShape([batch, out])
        if self.return_state:
            return [shape] + [TensorShape([batch, s]) for s in self._state_sizes()]
        return shape

    def compute_mask(self, inputs, mask=None):
        if isinstance(mask, list):
            mask = mask[0]
        output_mask = mask if self.return_sequences else None
        if self.return_state:
            return [output_mask] + [None] * len(self._state_entries())
        return output_mask

    def build(self, input_shape):
        with_states = isinstance(input_shape, list)
        if with_states:
            input_shape = input_shape[0]
        input_shape = TensorShape(input_shape)
        if not with_states:
            batch = input_shape.as_list()[0] if self.stateful else None
            self.input_spec = [InputSpec(shape=(batch, None) + tuple(input_shape.as_list()[2:]))]
        step_shape = TensorShape([input_shape[0]] + input_shape.as_list()[2:])
        if isinstance(self.cell, Layer) and not self.cell.built:
            self.cell.build(step_shape)
            self.cell.built = True
        if self.stateful:
            self.reset_states()
        self.built = True

    def __call__(self, inputs, initial_state=None, constants=None, **kwargs):
        inputs, initial_state, constants = _standardize_args(inputs, initial_state, constants,
                                                             self._num_constants)
        if initial_state is None and constants is None:
            return super().__call__(inputs, **kwargs)
        additional = list(initial_state or [])
        self._n_initial = len(additional)
        if constants is not None:
            self.constants_spec = [InputSpec(shape=tuple(c.shape.as_list()))
                                   for c in constants]
            self._num_constants = len(constants)
            additional += constants
        self.input_spec = None
        return super().__call__([inputs] + additional, **kwargs)

    def _process_inputs(self, inputs, initial_state, constants):
        """TF 1.14's split of [inputs, *initial_state, *constants]."""
        if isinstance(inputs, list):
            if self._num_constants is None:
                initial_state = inputs[1:]
            else:
                initial_state = inputs[1:-self._num_constants]
                constants = inputs[-self._num_constants:]
            if len(initial_state) == 0:
                initial_state = None
            inputs = inputs[0]
        return inputs, initial_state, constants

    def get_initial_state(self, inputs):
        shape = array_ops.shape(inputs)
        batch = shape[1] if self.time_major else shape[0]
        fn = getattr(self.cell, "get_initial_state", None)
        if fn is not None:
            state = fn(inputs=None, batch_size=batch, dtype=inputs.dtype)
        else:
            state = [array_ops.zeros([batch] + TensorShape(s).as_list(), dtype=inputs.dtype)
                     for s in self._state_sizes()]
        return list(state) if isinstance(state, (list, tuple)) else [state]

    def call(self, inputs, mask=None, training=None, initial_state=None, constants=None):
        inputs, initial_state, constants = self._process_inputs(inputs, initial_state,
                                                                constants)
        if isinstance(mask, list):
            mask = mask[0]
        if not initial_state:
            initial_state = self.states if self.stateful else \
                self.get_initial_state(inputs)
        else:   # the user's: one entry per top-level state (a stack's cells nest theirs)
            entries = self._state_entries()
            if len(initial_state) != len(entries):
                raise ValueError("Layer has " + str(len(entries)) + " states but was "
                                 "passed " + str(len(initial_state)) + " initial states.")
            initial_state = [t for e in initial_state for t in _flat_nested(e)]
        if len(initial_state) != len(self._state_sizes()):
            raise ValueError("Layer has " + str(len(self._state_sizes())) + " states but was "
                             "passed " + str(len(initial_state)) + " initial states.")
        timesteps = dimension_value(inputs.shape[0 if self.time_major else 1])
        if self.unroll and timesteps is None:
            raise ValueError("Cannot unroll a RNN if the time dimension is undefined. \n- If "
                             "using a Sequential model, specify the time dimension by passing "
                             "an `input_shape` or `batch_input_shape` argument to your first "
                             "layer. If your first layer is an Embedding, you can also use "
                             "the `input_length` argument.\n- If using the functional API, "
                             "specify the time dimension by passing a `shape` or "
                             "`batch_shape` argument to your Input layer.")
        cell = self.cell
        is_tf_rnn_cell = isinstance(cell, _TFRNNCell) or \
            getattr(cell, "_is_tf_rnn_cell", None) is not None

        step_kwargs = {"training": training} if isinstance(cell, _Cell) else {}

        n_const = len(constants) if constants else 0
        if n_const:
            if not _has_arg(cell.call, "constants"):
                raise ValueError("RNN cell does not support constants")
            step_kwargs = dict(step_kwargs)

        def step(x, states):
            states = tuple(states)   # TF 1.14's K.rnn hands the step a tuple
            if n_const:
                step_kwargs["constants"] = states[-n_const:]
                states = states[:-n_const]
            # TF 1.14: only a tf.nn.rnn_cell cell gets its one state unwrapped
            out, new_states = cell.call(x, states[0] if len(states) == 1 and is_tf_rnn_cell
                                        else states, **step_kwargs)
            if not isinstance(new_states, (list, tuple)):
                new_states = [new_states]
            return out, list(new_states)

        cells = cell.cells if isinstance(cell, StackedRNNCells) else [cell]
        try:
            last_output, outputs, states = rnn(
                step, inputs, initial_state, go_backwards=self.go_backwards, mask=mask,
                constants=constants,
                unroll=self.unroll, input_length=timesteps, time_major=self.time_major,
                zero_output_for_mask=self.zero_output_for_mask)
        finally:
            for c in cells:
                if isinstance(c, _Cell):
                    c.reset_dropout_mask()
                    c.reset_recurrent_dropout_mask()
        if self.stateful:
            self.add_update([v.assign(st) for v, st in zip(self._state_vars, states)],
                            inputs)
        output = outputs if self.return_sequences else last_output
        if self.return_state:
            return [output] + _pack_states(self._state_entries(), list(states))
        return output

    @property
    def losses(self):
        return list(super().losses) + list(getattr(self.cell, "losses", []))

    def get_config(self):
        config = {"return_sequences": self.return_sequences,
                  "return_state": self.return_state, "go_backwards": self.go_backwards,
                  "stateful": self.stateful, "unroll": self.unroll,
                  "time_major": self.time_major,
                  "cell": {"class_name": self.cell.__class__.__name__,
                           "config": self.cell.get_config()}}
        if self.zero_output_for_mask:
            config["zero_output_for_mask"] = True
        if self._num_constants is not None:
            config["num_constants"] = self._num_constants
        return _merge_config(super().get_config(), config)

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        cell = _cell_from_config(config.pop("cell"), custom_objects)
        num_constants = config.pop("num_constants", None)
        layer = cls(cell, **config)
        layer._num_constants = num_constants
        return layer


_RNN_ARGS = ("return_sequences", "return_state", "go_backwards", "stateful", "unroll")


class _CellRNN(RNN):
    """SimpleRNN / LSTM / GRU: an RNN over its own cell, whose arguments it takes."""

    _cell_class = None
    _cell_keys = ()

    def __init__(self, units, cell_kwargs, rnn_kwargs, activity_regularizer, kwargs):
        if cell_kwargs.get("implementation") == 0:
            cell_kwargs["implementation"] = 1
        # TF 1.14 makes the cell without the layer's mixed precision policy (the cell
        # takes the global one)
        dtype = kwargs.get("dtype")
        cell = self._cell_class(units, dtype=None if isinstance(dtype, Policy) else dtype,
                                **cell_kwargs)
        super().__init__(cell, **rnn_kwargs, **kwargs)
        self.activity_regularizer = blu.get_regularizer(activity_regularizer)
        self.input_spec = [InputSpec(ndim=3)]

    def get_config(self):
        config = super().get_config()
        cell_config = config.pop("cell")["config"]
        for key in ("name", "trainable", "dtype"):
            cell_config.pop(key, None)
        # TF 1.14's layers list activity_regularizer after bias_regularizer
        for key, value in cell_config.items():
            config[key] = value
            if key == "bias_regularizer":
                config["activity_regularizer"] = _ser(self.activity_regularizer)
        config.setdefault("activity_regularizer", _ser(self.activity_regularizer))
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        if config.get("implementation") == 0:
            config["implementation"] = 1
        return cls(**config)


_COMMON = ("activation", "use_bias", "kernel_initializer", "recurrent_initializer",
           "bias_initializer", "kernel_regularizer", "recurrent_regularizer",
           "bias_regularizer", "kernel_constraint", "recurrent_constraint", "bias_constraint",
           "dropout", "recurrent_dropout")


class SimpleRNN(_CellRNN):
    """A fully-connected RNN whose output is fed back (SimpleRNNCell)."""

    _cell_class = SimpleRNNCell
    _cell_keys = _COMMON

    def __init__(self, units, activation="tanh", use_bias=True,
                 kernel_initializer="glorot_uniform", recurrent_initializer="orthogonal",
                 bias_initializer="zeros", kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.,
                 recurrent_dropout=0., return_sequences=False, return_state=False,
                 go_backwards=False, stateful=False, unroll=False, **kwargs):
        args = dict(locals())
        super().__init__(units, {k: args[k] for k in _COMMON},
                         {k: args[k] for k in _RNN_ARGS}, activity_regularizer, kwargs)


class LSTM(_CellRNN):
    """Long short-term memory (TF 1.14's Keras LSTM: hard_sigmoid gates by default)."""

    _cell_class = LSTMCell
    _cell_keys = _COMMON + ("recurrent_activation", "unit_forget_bias", "implementation")

    def __init__(self, units, activation="tanh", recurrent_activation="hard_sigmoid",
                 use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros",
                 unit_forget_bias=True, kernel_regularizer=None, recurrent_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 recurrent_constraint=None, bias_constraint=None, dropout=0.,
                 recurrent_dropout=0., implementation=1, return_sequences=False,
                 return_state=False, go_backwards=False, stateful=False, unroll=False,
                 **kwargs):
        args = dict(locals())
        super().__init__(units, {k: args[k] for k in self._cell_keys},
                         {k: args[k] for k in _RNN_ARGS}, activity_regularizer, kwargs)


class GRU(_CellRNN):
    """Gated recurrent unit (TF 1.14's Keras GRU: reset_after=False by default)."""

    _cell_class = GRUCell
    _cell_keys = _COMMON + ("recurrent_activation", "implementation", "reset_after")

    def __init__(self, units, activation="tanh", recurrent_activation="hard_sigmoid",
                 use_bias=True, kernel_initializer="glorot_uniform",
                 recurrent_initializer="orthogonal", bias_initializer="zeros",
                 kernel_regularizer=None, recurrent_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, recurrent_constraint=None,
                 bias_constraint=None, dropout=0., recurrent_dropout=0., implementation=1,
                 return_sequences=False, return_state=False, go_backwards=False,
                 stateful=False, unroll=False, reset_after=False, **kwargs):
        args = dict(locals())
        super().__init__(units, {k: args[k] for k in self._cell_keys},
                         {k: args[k] for k in _RNN_ARGS}, activity_regularizer, kwargs)


def _cell_property(key):
    return property(lambda self: getattr(self.cell, key),
                    doc="The cell's `%s`." % key)


for _cls in (SimpleRNN, LSTM, GRU):
    for _key in _cls._cell_keys + ("units",):
        setattr(_cls, _key, _cell_property(_key))


def _has_arg(fn, name):
    try:
        return name in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


def _flat_nested(x):
    return [y for item in x for y in _flat_nested(item)] if isinstance(x, (list, tuple)) \
        else [x]


def _map_nested(fn, x):
    if isinstance(x, (list, tuple)):
        return type(x)(_map_nested(fn, item) for item in x)
    return fn(x)


def _pack_states(entries, flat):
    """The loop's flat final states in the top-level structure of the cell's state_size
    (TF: a stack of LSTMCells returns [h1, c1], [h2, c2])."""
    out = []
    for e in entries:
        n = len(_flat_nested(e))
        group, flat = flat[:n], flat[n:]
        out.append(group if isinstance(e, (list, tuple)) else group[0])
    return out


def _standardize_args(inputs, initial_state, constants, num_constants):
    """TF 1.14's: [inputs, *states, *constants] (num_constants known) split, and the
    states and constants as lists or None."""
    if isinstance(inputs, list):
        if initial_state is not None or constants is not None:
            raise ValueError("With a list of inputs, pass the initial state and constants "
                             "in the list, not as arguments")
        if num_constants is not None:
            constants = inputs[-num_constants:]
            inputs = inputs[:-num_constants]
        if len(inputs) > 1:
            initial_state = inputs[1:]
            inputs = inputs[:1]
        inputs = tuple(inputs) if len(inputs) > 1 else inputs[0]

    def to_list_or_none(x):
        if x is None or isinstance(x, list):
            return x
        if isinstance(x, tuple):
            return list(x)
        return [x]
    return inputs, to_list_or_none(initial_state), to_list_or_none(constants)
