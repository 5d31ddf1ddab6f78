"""Gradient checkpointing: `tf.gradients(ys, xs, checkpoints=...)` (a flowgrad extension).

With checkpoints chosen, gradient rules read *recomputed copies* of the
forward tensors that are not checkpoints, instead of the originals. The
originals are then only read by the forward pass, so the plan frees them as
soon as the forward is done with them; the copies are created lazily, when
the backward walk first needs one, so (plans run ops in creation order) the
recomputation of a segment runs just before that segment's gradients and its
buffers die with them. Peak memory is the checkpoints plus one segment.

`checkpoints` is one of:

- a list of tensors: those are kept, everything else between xs and ys that
  a gradient rule reads is recomputed from them;
- ``'memory'``: Chen et al. 2016 — the forward "separators" (tensors every
  path from xs to ys goes through) are found, and about sqrt(n) of them,
  evenly spaced, are kept: O(sqrt n) memory for one extra forward pass;
- ``'speed'``: keep every tensor that is not the output of a cheap
  elementwise op (matmuls, convolutions, reductions stay), recompute only the
  elementwise ops (activations, bias adds) from them;
- ``'auto'``: 'memory' when the forward has at least AUTO_MIN_SEPARATORS
  separators (a long chain, where sqrt(n) pays), else 'speed'.

Never recomputed: the xs, outputs of stateful ops (variables, random ops:
the same mask is reused), and Identity views of those (a variable's `read`).
A recomputed op reads variables when it runs, so an assign ordered
between the forward and the backward of the same run would be seen by the
recomputation (as in TF's recomputation).

    >>> x = tf.constant([1.0, 2.0])
    >>> h = x
    >>> for _ in range(4):
    ...     h = tf.tanh(h)
    >>> g = tf.gradients(tf.reduce_sum(h), x, checkpoints='memory')
    >>> tf.Session().run(g)[0].round(4)
    array([0.1236, 0.0129], dtype=float32)
"""
from __future__ import annotations

import math

from ..framework.constant_op import convert_to_tensor
from ..framework.graph import Tensor

AUTO_MIN_SEPARATORS = 16
_PASS_THROUGH = frozenset({"Identity", "StopGradient", "Snapshot", "ReadVariableOp"})

_ELEMENTWISE_EXTRA = frozenset({"BiasAdd", "Relu", "Relu6", "Elu", "Selu", "Softplus",
                                "Softsign", "LeakyRelu", "Sigmoid", "Tanh", "Identity"})


class _View:
    """Stands for a forward Operation inside its gradient rule, with recomputed tensors."""

    __slots__ = ("_inputs", "_op", "_outputs")

    def __init__(self, op, inputs, outputs):
        object.__setattr__(self, "_op", op)
        object.__setattr__(self, "_inputs", inputs)
        object.__setattr__(self, "_outputs", outputs)

    @property
    def inputs(self):
        return self._inputs

    @property
    def outputs(self):
        return self._outputs

    def __getattr__(self, name):
        return getattr(self._op, name)

    def __eq__(self, other):
        return self._op == (other._op if isinstance(other, _View) else other)

    def __hash__(self):
        return hash(self._op)

    def __repr__(self):
        return f"<recomputed view of {self._op!r}>"


def _is_elementwise(op):
    return bool(op._def.props.get("elementwise")) or op._type in _ELEMENTWISE_EXTRA


class Recomputer:
    """Chooses checkpoints for one `gradients` call and hands out recomputed views."""

    def __init__(self, graph, between, xs, ys, checkpoints):
        self.graph = graph
        order = sorted(between, key=lambda o: o._id)
        x_set = set(xs)
        # Tensors that stay original: xs, stateful outputs, things computed only from them.
        fixed = set()
        for op in order:
            if op._def.stateful or (op._type in _PASS_THROUGH and op._inputs and
                                    (op._inputs[0] in fixed or op._inputs[0] in x_set)):
                fixed.update(op._outputs)
        fixed |= x_set
        self.fixed = fixed
        self.between = between
        if isinstance(checkpoints, str):
            kind = checkpoints
            if kind not in ("memory", "speed", "auto"):
                raise ValueError(f"checkpoints must be 'memory', 'speed', 'auto', None or a "
                                 f"list of tensors, got {checkpoints!r}")
            seps = self._separators(order, set(ys))
            if kind == "auto":
                kind = "memory" if len(seps) >= AUTO_MIN_SEPARATORS else "speed"
            if kind == "memory":
                keep = self._sqrt_spaced(seps)
            else:
                keep = {t for op in order if not _is_elementwise(op) for t in op._outputs}
            self.kind = kind
        else:
            keep = {c if isinstance(c, Tensor) else convert_to_tensor(c) for c in checkpoints}
            self.kind = "list"
        self.keep = keep | set(ys)
        self.memo = {}
        recomputed = getattr(graph, "_recomputed_ops", None)
        if recomputed is None:
            recomputed = graph._recomputed_ops = set()
        self.recomputed = recomputed

    # -- choosing ----------------------------------------------------------------------
    def _separators(self, order, ys):
        """Tensors every forward path goes through, in order (Chen et al.'s candidates)."""
        pos = {op: i for i, op in enumerate(order)}
        n = len(order)
        reach = [0] * n          # farthest between-consumer position of op i's outputs
        for i, op in enumerate(order):
            far = i
            for t in op._outputs:
                if t in self.fixed:
                    continue
                for c in t._consumers:
                    p = pos.get(c)
                    if p is not None and p > far:
                        far = p
            reach[i] = far
        seps = []
        running = -1
        for i, op in enumerate(order):
            # an edge from an earlier op jumping past i means op i's output is no separator
            if running <= i and len(op._outputs) == 1:
                t = op._outputs[0]
                if t not in self.fixed and t not in ys and t._dtype.is_differentiable:
                    seps.append(t)
            running = max(running, reach[i])
        return seps

    @staticmethod
    def _sqrt_spaced(seps):
        n = len(seps)
        if n == 0:
            return set()
        step = max(1, round(math.sqrt(n)))
        return {seps[i] for i in range(step - 1, n, step)}

    # -- recomputing -------------------------------------------------------------------
    def _needs_copy(self, t):
        return t not in self.keep and t not in self.fixed and t._op in self.between

    def get(self, t):
        """The tensor gradient rules should read for forward tensor t."""
        if not self._needs_copy(t):
            return t
        m = self.memo.get(t)
        if m is not None:
            return m
        # Collect the ops to copy (iteratively: segments can be thousands of ops long).
        todo = []
        seen = set()
        stack = [t._op]
        while stack:
            op = stack.pop()
            if op in seen:
                continue
            seen.add(op)
            todo.append(op)
            for i in op._inputs:
                if self._needs_copy(i) and i not in self.memo and i._op not in seen:
                    stack.append(i._op)
        todo.sort(key=lambda o: o._id)
        g = self.graph
        for op in todo:
            ins = [self.memo.get(i, i) if self._needs_copy(i) else i for i in op._inputs]
            base = op._name.rsplit("/", 1)[-1]
            new = g._create_op(op._type, ins, dict(op._attrs), name=f"{base}_recompute")
            new._grad_type = op._grad_type
            self.recomputed.add(new._id)
            for a, b in zip(op._outputs, new._outputs):
                b.set_shape(a._shape)
                self.memo[a] = b
        return self.memo[t]

    def view(self, op):
        """`op` itself, or a view of it whose inputs/outputs are the recomputed tensors."""
        ins = [self.get(t) for t in op._inputs]
        outs = [self.get(t) for t in op._outputs]
        if all(a is b for a, b in zip(ins, op._inputs)) and \
                all(a is b for a, b in zip(outs, op._outputs)):
            return op
        return _View(op, tuple(ins), outs)
