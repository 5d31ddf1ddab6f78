"""contrib.layers' RevBlock and rev_block (TF 1.14 contrib/layers/python/layers/
rev_block_lib.py): reversible residual layers y1 = x1 + f(x2), y2 = x2 + g(y1), whose
gradient (with use_efficient_backprop) reconstructs the inputs from the outputs layer by
layer instead of keeping the activations (a tf.custom_gradient)."""
from __future__ import annotations

import functools
import re

from ... import logging
from ...engine.autodiff.custom_gradient import custom_gradient
from ...engine.autodiff.gradients import gradients
from ...layers import base
from ...ops import _nest as nest
from ...ops import array_ops, math_ops
from ...ops.control_flow_ops import tuple as _tuple
from ...ops.variable_scope import get_variable_scope, variable_scope

__all__ = ["RevBlock", "rev_block"]

LAYER_RE = re.compile(".*revlayer_([0-9]*)/([fg])/.*")


def _acc_grads(*lists_of_grads):
    out = []
    for grads in zip(*lists_of_grads):
        grads = [g for g in grads if g is not None]
        out.append(math_ops.add_n(grads) if grads else None)
    return out


def _rev_layer_forward(xs, f, g, f_side_input, g_side_input, gate_outputs=False):
    x1, x2 = xs
    y1 = x1 + (f(x2, f_side_input) if f_side_input else f(x2))
    y2 = x2 + (g(y1, g_side_input) if g_side_input else g(y1))
    return _tuple([y1, y2]) if gate_outputs else (y1, y2)


def _rev_layer_backward(ys, grad_ys, f, g, f_vars, f_side_input, g_vars, g_side_input):
    y1, y2 = ys
    grad_y1, grad_y2 = grad_ys
    y1_stop = array_ops.stop_gradient(y1)
    g_side_input = [array_ops.stop_gradient(t) for t in g_side_input]
    gy1 = g(y1_stop, g_side_input) if g_side_input else g(y1_stop)
    x2 = y2 - gy1
    x2_stop = array_ops.stop_gradient(x2)
    f_side_input = [array_ops.stop_gradient(t) for t in f_side_input]
    fx2 = f(x2_stop, f_side_input) if f_side_input else f(x2_stop)
    x1 = y1 - fx2
    grad_gy1_y2 = gradients(gy1, y1_stop, grad_y2)[0]
    grad_x1 = grad_y1 + grad_gy1_y2
    grad_x2 = (gradients(fx2, x2_stop, grad_y1)[0] + grad_y2 +
               gradients(fx2, x2_stop, grad_gy1_y2)[0])
    grads1 = gradients(gy1, g_vars + g_side_input, grad_y2)
    grad_g_vars, grad_g_side = grads1[:len(g_vars)], grads1[len(g_vars):]
    grads2 = gradients(fx2, f_vars + f_side_input, grad_y1)
    grad_f_y1, grad_f_side1 = grads2[:len(f_vars)], grads2[len(f_vars):]
    grads3 = gradients(fx2, f_vars + f_side_input, grad_gy1_y2)
    grad_f_y2, grad_f_side2 = grads3[:len(f_vars)], grads3[len(f_vars):]
    outputs = ((x1, x2), (grad_x1, grad_x2),
               (_acc_grads(grad_f_y1, grad_f_y2), _acc_grads(grad_f_side1, grad_f_side2)),
               (grad_g_vars, grad_g_side))
    tupled = _tuple(nest.flatten(outputs))
    return nest.pack_sequence_as(outputs, tupled)


def _rev_block_forward(x1, x2, f, g, num_layers=1, f_side_input=None, g_side_input=None,
                       gate_outputs=False):
    out = (x1, x2)
    for i in range(num_layers):
        out = _rev_layer_forward(out, f[i], g[i], f_side_input, g_side_input,
                                 gate_outputs=gate_outputs)
    return out[0], out[1]


def _scope_wrap(fn, scope):
    def wrap(*args, **kwargs):
        with variable_scope(scope, use_resource=True):
            return fn(*args, **kwargs)
    return wrap if isinstance(fn, functools.partial) else functools.wraps(fn)(wrap)


class RevBlock(base.Layer):
    """A block of reversible residual layers (f and g one function or one per layer)."""

    def __init__(self, f, g, num_layers=1, f_side_input=None, g_side_input=None,
                 use_efficient_backprop=True, name="revblock", **kwargs):
        super().__init__(name=name, **kwargs)
        if isinstance(f, list):
            assert len(f) == num_layers
        else:
            f = [f] * num_layers
        if isinstance(g, list):
            assert len(g) == num_layers
        else:
            g = [g] * num_layers
        self.f = [_scope_wrap(fn, "revlayer_%d/f" % i) for i, fn in enumerate(f)]
        self.g = [_scope_wrap(fn, "revlayer_%d/g" % i) for i, fn in enumerate(g)]
        self.num_layers = num_layers
        self.f_side_input = f_side_input or []
        self.g_side_input = g_side_input or []
        self._use_efficient_backprop = use_efficient_backprop

    def call(self, inputs, forward=True):
        vs = get_variable_scope()
        before = vs.global_variables()
        out = self._forward(*inputs) if forward else self._backward(*inputs)
        new_vars = vs.global_variables()[len(before):]
        train_vars = vs.trainable_variables()
        for v in new_vars:
            (self._trainable_weights if v in train_vars else
             self._non_trainable_weights).append(v)
        return out

    def forward(self, x1, x2):
        """(y1, y2) of the block."""
        return self.apply([x1, x2])

    def backward(self, y1, y2):
        """(x1, x2) reconstructed from the outputs."""
        return self.apply([y1, y2], forward=False)

    def build(self, _):
        logging.warn("RevBlock constructs its variables on first call, not on build.")
        self.built = True

    def _make_efficient_grad_fn(self, inputs_, ys_):
        def _efficient_grad_fn(*grad_ys, **kwargs):
            inputs, ys = inputs_, ys_
            variables = kwargs["variables"]
            side_inputs = inputs[2:]
            f_side_idxs = [None] * len(self.f_side_input)
            g_side_idxs = [None] * len(self.g_side_input)
            assert len(side_inputs) == len(self.f_side_input) + len(self.g_side_input)
            for i, t in enumerate(side_inputs):
                if t in self.f_side_input:
                    f_side_idxs[self.f_side_input.index(t)] = i
                elif t in self.g_side_input:
                    g_side_idxs[self.g_side_input.index(t)] = i
                else:
                    raise AssertionError()
            f_vars = [[] for _ in range(self.num_layers)]
            g_vars = [[] for _ in range(self.num_layers)]
            f_vars_idxs = [[] for _ in range(self.num_layers)]
            g_vars_idxs = [[] for _ in range(self.num_layers)]
            for i, ref in enumerate(variables):
                match = LAYER_RE.match(ref.name)
                layer_no, fn_name = int(match.group(1)), match.group(2)
                if fn_name == "f":
                    f_vars[layer_no].append(ref)
                    f_vars_idxs[layer_no].append(i)
                else:
                    g_vars[layer_no].append(ref)
                    g_vars_idxs[layer_no].append(i)
            f_var_grads, g_var_grads, f_side_grads, g_side_grads = [], [], [], []
            f_vars.reverse()
            g_vars.reverse()
            f = list(reversed(self.f))
            g = list(reversed(self.g))
            with variable_scope(self.scope_name, reuse=True):
                for i in range(self.num_layers):
                    ys, grad_ys, f_ret, g_ret = _rev_layer_backward(
                        ys, grad_ys, f[i], g[i], f_vars[i], self.f_side_input, g_vars[i],
                        self.g_side_input)
                    f_var_grads.append(f_ret[0])
                    g_var_grads.append(g_ret[0])
                    f_side_grads.append(f_ret[1])
                    g_side_grads.append(g_ret[1])
            acc_f_side = _acc_grads(*f_side_grads)
            acc_g_side = _acc_grads(*g_side_grads)
            side_input_grads = [None] * len(side_inputs)
            variable_grads = [None] * len(variables)
            f_var_grads.reverse()
            g_var_grads.reverse()
            for idxs, grads in (list(zip(f_vars_idxs, f_var_grads)) +
                                list(zip(g_vars_idxs, g_var_grads))):
                for i, grad in zip(idxs, grads):
                    variable_grads[i] = grad
            for i, grad in zip(f_side_idxs, acc_f_side):
                side_input_grads[i] = grad
            for i, grad in zip(g_side_idxs, acc_g_side):
                side_input_grads[i] = grad
            grad_x1, grad_x2 = grad_ys
            return [grad_x1, grad_x2] + side_input_grads, variable_grads
        return _efficient_grad_fn

    def _forward(self, x1, x2):
        side_inputs = [self.f_side_input, self.g_side_input]
        flat_side_inputs = nest.flatten(side_inputs)

        def _forward_wrap(x1_, x2_, *flat_side):
            f_side, g_side = nest.pack_sequence_as(side_inputs, list(flat_side))
            return _rev_block_forward(x1_, x2_, self.f, self.g, num_layers=self.num_layers,
                                      f_side_input=f_side, g_side_input=g_side,
                                      gate_outputs=self._use_efficient_backprop)

        @custom_gradient
        def _forward_with_custom_grad(*args):
            out = _forward_wrap(*args)
            return out, self._make_efficient_grad_fn(args, out)

        if self._use_efficient_backprop:
            return _forward_with_custom_grad(x1, x2, *flat_side_inputs)
        return _forward_wrap(x1, x2, *flat_side_inputs)

    def _backward(self, y1, y2):
        f = list(reversed(self.f))
        g = list(reversed(self.g))
        for i in range(self.num_layers):
            gy1 = g[i](y1, self.g_side_input) if self.g_side_input else g[i](y1)
            x2 = y2 - gy1
            fx2 = f[i](x2, self.f_side_input) if self.f_side_input else f[i](x2)
            x1 = y1 - fx2
            y1, y2 = x1, x2
        return x1, x2


def rev_block(x1, x2, f, g, num_layers=1, f_side_input=None, g_side_input=None,
              is_training=True):
    """RevBlock(...).forward(x1, x2)."""
    block = RevBlock(f=f, g=g, num_layers=num_layers, f_side_input=f_side_input,
                     g_side_input=g_side_input, use_efficient_backprop=is_training,
                     _reuse=get_variable_scope().reuse)
    return block.forward(x1, x2)
