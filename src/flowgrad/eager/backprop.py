"""tf.GradientTape in graph mode, as TF 1.14 runs it there (tensorflow/python/eager/
backprop.py): the ops built inside the context that read a watched tensor are recorded,
and `gradient` adds the gradient ops of the recorded ops to the graph (the caller's name
scope, no "gradients/" scope; engine/autodiff/tape_grad.py).

    >>> x = tf.constant(3.0)
    >>> with tf.GradientTape() as g:
    ...     g.watch(x)
    ...     y = x * x
    >>> tf.Session().run(g.gradient(y, x))
    6.0

As in TF 1.14's graph mode, reference variables (tf.Variable without use_resource) are
not seen by a tape: their reads are made when the variable is built. Resource variables
read inside the context are watched when `watch_accessed_variables` is True.
"""
from __future__ import annotations

import contextlib
import inspect

from ..engine.autodiff.gradients import UnconnectedGradients
from ..engine.autodiff.tape_grad import compute_gradient, shape_op
from ..engine.framework import tape as _tape
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.ops.construction import zeros
from ..engine.ops.shape import identity
from ..ops import _nest
from ..ops.variables import RefVariable, is_resource_variable

__all__ = ["GradientTape", "gradients_function", "implicit_gradients",
           "implicit_value_and_gradients", "value_and_gradients_function"]


def _handle_or_self(x):
    return x.handle if is_resource_variable(x) else x


def _check_source(x):
    if isinstance(x, RefVariable):
        # TF 1.14's C tape looks up the tensor id of what it is given
        raise AttributeError("'RefVariable' object has no attribute '_id'")
    return x


class GradientTape:
    """Records operations for automatic differentiation (TF 1.14's tf.GradientTape).

    Ops built inside the context are recorded when one of their inputs is watched
    (`watch`, or a trainable resource variable read there); `gradient` builds their
    gradient ops in the graph.
    """

    def __init__(self, persistent: bool = False, watch_accessed_variables: bool = True):
        self._tape = None
        self._persistent = persistent
        self._watch_accessed_variables = watch_accessed_variables
        self._recording = False
        self._created_eagerly = False

    def __enter__(self):
        """Enters a context inside which operations are recorded on this tape."""
        self._push_tape()
        return self

    def __exit__(self, typ, value, traceback):
        """Exits the recording context, no further operations are traced."""
        if self._recording:
            self._pop_tape()

    def _push_tape(self):
        if self._recording:
            raise ValueError("Tape is already recording.")
        if self._tape is None:
            self._tape = _tape.Tape(self._persistent, self._watch_accessed_variables)
        _tape.push(self._tape)
        self._recording = True

    def _pop_tape(self):
        if not self._recording:
            raise ValueError("Tape is not recording.")
        _tape.pop(self._tape)
        self._recording = False

    def watch(self, tensor) -> None:
        """Ensures that `tensor` (a Tensor, Variable or a structure of them) is traced."""
        for t in _nest.flatten(tensor):
            if isinstance(t, RefVariable):
                raise SystemError("<built-in function TFE_Py_TapeWatch> returned a result "
                                  "with an error set")
            if hasattr(t, "handle"):
                self._tape.watch_variable(t)
            else:
                self._tape.watch(t)

    @contextlib.contextmanager
    def stop_recording(self):
        """Temporarily stops recording operations on this tape."""
        if self._tape is None:
            raise RuntimeError("Trying to stop recording a tape which is not recording.")
        self._pop_tape()
        try:
            yield
        finally:
            self._push_tape()

    def reset(self) -> None:
        """Clears all information stored in this tape (as leaving and entering anew)."""
        self._pop_tape()
        self._tape = None
        self._push_tape()

    def watched_variables(self) -> tuple:
        """The variables watched by this tape, in the order they were created (TF's)."""
        return self._tape.watched_variables()

    def gradient(self, target, sources, output_gradients=None,
                 unconnected_gradients=UnconnectedGradients.NONE):
        """The gradient of `target` with respect to `sources`, from the recorded ops.

        Args:
          target: a Tensor (or structure of Tensors) to differentiate.
          sources: a Tensor, resource Variable or a structure of them.
          output_gradients: one gradient per target (None: ones).
          unconnected_gradients: 'none' or 'zero' for a source the target does not reach.
        Returns:
          Gradients in the structure of `sources` (Tensor, IndexedSlices or None each).
        Raises:
          RuntimeError: a second call on a non-persistent tape.
          ValueError: an unknown `unconnected_gradients`.
        """
        if self._tape is None:
            raise RuntimeError("GradientTape.gradient can only be called once on "
                               "non-persistent tapes.")
        if self._recording and not self._persistent:
            self._pop_tape()
        flat_targets = []
        for t in _nest.flatten(target):
            if is_resource_variable(t):
                with self:
                    t = convert_to_tensor(t)
            flat_targets.append(t)
        flat_raw = [_check_source(x) for x in _nest.flatten(sources)]
        flat_sources = [_handle_or_self(x) for x in flat_raw]
        if output_gradients is not None:
            output_gradients = [None if x is None else convert_to_tensor(x)
                                for x in _nest.flatten(output_gradients)]
        try:
            unconnected = UnconnectedGradients(unconnected_gradients)
        except ValueError:
            raise ValueError(f"Unknown value for unconnected_gradients: "
                             f"{unconnected_gradients!r}") from None
        flat = compute_gradient(self._tape, flat_targets, flat_sources, output_gradients)
        if unconnected is UnconnectedGradients.ZERO:
            flat = [g if g is not None else _zeros_for(x) for g, x in zip(flat, flat_raw)]
        if not self._persistent:
            self._tape = None
        return _nest.pack_sequence_as(sources, flat)


def _zeros_for(x):
    """An unconnected source's zeros: Fill of a Shape op of it, as TF's tape builds them."""
    t = convert_to_tensor(x)
    return zeros(shape_op(t), t.dtype.base_dtype)


def _no_pfor(name):
    def method(self, target, sources, unconnected_gradients=UnconnectedGradients.NONE,
               parallel_iterations=None, experimental_use_pfor=True):
        raise NotImplementedError(
            f"flowgrad does not implement tf.GradientTape.{name} (TF 1.14 builds it with "
            "pfor's vectorized loop, or a while_loop of TensorArrays when "
            "experimental_use_pfor=False); use tf.gradients per row")
    method.__name__ = name
    method.__doc__ = f"TF 1.14's GradientTape.{name}: not implemented by flowgrad."
    return method


GradientTape.jacobian = _no_pfor("jacobian")
GradientTape.batch_jacobian = _no_pfor("batch_jacobian")


# tf.contrib.eager's function-gradient helpers (TF 1.14 eager/backprop.py). In graph mode
# they record `f` on a tape as GradientTape does and add its gradient ops to the graph.

def _none_result(f):
    return ValueError("Cannot differentiate a function that returns None; did you "
                      f"forget to return a value from {f.__name__}?")


def implicit_value_and_gradients(f):
    """`f`'s value and [(gradient, variable)] for the trainable resource variables it
    reads (in the order they were created)."""
    def grad_fn(*args, **kwds):
        this_tape = _tape.Tape(False, True)
        _tape.push(this_tape)
        try:
            end_node = f(*args, **kwds)
            if end_node is None:
                raise _none_result(f)
        finally:
            _tape.pop(this_tape)
        variables = this_tape.watched_variables()
        if not variables:
            raise ValueError("No trainable variables were accessed while the function "
                             "was being computed.")
        grad = compute_gradient(this_tape, _nest.flatten(end_node),
                                [v.handle for v in variables], None)
        return end_node, list(zip(grad, variables))
    return grad_fn


def implicit_gradients(f):
    """[(gradient, variable)] of `f` for the trainable resource variables it reads."""
    def grad_fn(*args, **kwds):
        return implicit_value_and_gradients(f)(*args, **kwds)[1]
    return grad_fn


def _parameter_positions(f, params, param_args):
    try:
        args = inspect.getfullargspec(f).args
    except TypeError as e:
        if params is None:
            return range(len(param_args))
        if all(isinstance(x, int) for x in params):
            return params
        raise ValueError("Either callable provided is not a function or could not "
                         f"inspect its arguments by name: {f}. Original error: {e}") from None
    if params is None:
        return range(len(args) if args else len(param_args))
    if all(isinstance(x, str) for x in params):
        return [args.index(n) for n in params]
    if all(isinstance(x, int) for x in params):
        return params
    raise ValueError(f"params must be all strings or all integers; got {params}.")


def value_and_gradients_function(f, params=None):
    """A function returning `f`'s value (each output through an Identity) and the
    gradients of its outputs' sum with respect to the arguments `params` names
    (positions or names; all by default). A `dy=` keyword weighs the outputs."""
    def decorated(*args, **kwds):
        dy = kwds.pop("dy", None)
        if kwds:
            raise ValueError("Functions to be differentiated cannot receive keyword "
                             "arguments.")
        positions = _parameter_positions(f, params, args)
        this_tape = _tape.Tape(True, True)
        _tape.push(this_tape)
        try:
            args = [convert_to_tensor(a) if i in positions else a
                    for i, a in enumerate(args)]
            seen = set()
            for i in positions:    # a tensor passed twice is watched through an Identity
                if id(args[i]) in seen:
                    args[i] = identity(args[i])
                seen.add(id(args[i]))
            sources = [args[i] for i in positions]
            for s in sources:
                this_tape.watch(s)
            result = f(*args)
            if result is None:
                raise _none_result(f)
            result = _nest.pack_sequence_as(
                result, [identity(x) for x in _nest.flatten(result)])
        finally:
            _tape.pop(this_tape)
        if dy is not None:
            dy = [convert_to_tensor(x) for x in _nest.flatten(dy)]
        return result, compute_gradient(this_tape, _nest.flatten(result), sources, dy)
    return decorated


def gradients_function(f, params=None):
    """A function returning the gradients of `f` (value_and_gradients_function's)."""
    def decorated(*args, **kwds):
        return value_and_gradients_function(f, params=params)(*args, **kwds)[1]
    return decorated
