"""tf.function and tf.TensorSpec in graph mode, as TF 1.14 runs them there
(tensorflow/python/eager/def_function.py, function.py).

Calling a tf.function traces the Python function once per input signature (the dtypes
and shapes of its tensor arguments, the values of the others) into a function graph, and
adds one call op to the user's graph: PartitionedCall, or StatefulPartitionedCall when
the body has stateful ops. Variables made by the first trace are made in the user's
graph (resource variables, initialized by tf.global_variables_initializer); a later trace
that makes variables raises ValueError. Gradients flow through the call
(engine/ops/functional.py).

    >>> @tf.function
    ... def f(x, y):
    ...     return x * y + 1.0
    >>> tf.Session().run(f(tf.constant(2.0), tf.constant(3.0)))
    7.0

What differs from TF 1.14: the gradient is a call of a body that recomputes the forward
ops (TF rewrites the forward call to also output its intermediates); the function
library is not written to GraphDefs; autograph is not applied (Python control flow on
tensors raises as in a plain graph).
"""
from __future__ import annotations

import functools
import inspect
import itertools
import weakref

import numpy as np

from ..engine.framework import context as _context
from ..engine.framework import dtypes as _dt
from ..engine.framework import graph as _graph
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import Tensor, get_default_graph
from ..engine.framework.indexed_slices import IndexedSlices
from ..engine.framework.tensor_shape import TensorShape, as_shape
from ..engine.ops import functional as _functional
from ..ops import _nest
from ..ops.array_ops_extra import broadcast_static_shape
from ..ops.variables import Variable, variable_creator_scope

__all__ = ["BoundedTensorSpec", "ConcreteFunction", "Function", "TensorSpec", "function"]

_uid = itertools.count(1)


class TensorSpec:
    """Describes a tensor: shape, dtype and an optional name (tf.TensorSpec)."""

    def __init__(self, shape, dtype=_dt.float32, name=None):
        self._shape = as_shape(shape)
        self._dtype = _dt.as_dtype(dtype)
        self._name = name

    @classmethod
    def from_spec(cls, spec, name=None):
        return cls(spec.shape, spec.dtype, name or spec.name)

    @classmethod
    def from_tensor(cls, tensor, name=None):
        if isinstance(tensor, Tensor):
            return cls(tensor.shape, tensor.dtype, name or tensor.op.name)
        raise ValueError(f"`tensor` should be a tf.Tensor, but got type {type(tensor)}.")

    @property
    def shape(self) -> TensorShape:
        return self._shape

    @property
    def dtype(self):
        return self._dtype

    @property
    def name(self):
        return self._name

    def is_compatible_with(self, spec_or_tensor) -> bool:
        """Same dtype and a compatible shape."""
        return (self._dtype.is_compatible_with(spec_or_tensor.dtype) and
                self._shape.is_compatible_with(spec_or_tensor.shape))

    def __repr__(self):
        return f"TensorSpec(shape={self._shape}, dtype={self._dtype!r}, name={self._name!r})"

    def __eq__(self, other):
        return (type(self) is type(other) and self._dtype == other._dtype and
                self._shape.as_list() == other._shape.as_list()
                if self._shape.ndims is not None and other._shape.ndims is not None else
                type(self) is type(other) and self._dtype == other._dtype and
                self._shape.ndims == other._shape.ndims) and self._name == other._name

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash((self._dtype, self._name))


class BoundedTensorSpec(TensorSpec):
    """A TensorSpec with inclusive element bounds `minimum` and `maximum` (read-only NumPy
    arrays of the spec's dtype, each broadcastable to its shape), as TF 1.14's
    (tf.contrib.framework.BoundedTensorSpec)."""

    def __init__(self, shape, dtype, minimum, maximum, name=None):
        super().__init__(shape, dtype, name)
        if minimum is None or maximum is None:
            raise ValueError("minimum and maximum must be provided; but saw "
                             f"'{minimum}' and '{maximum}'")
        for what, bound in (("minimum", minimum), ("maximum", maximum)):
            try:
                broadcast_static_shape(TensorShape(np.shape(bound)), self.shape)
            except ValueError as exception:
                raise ValueError(f"{what} is not compatible with shape. "
                                 f"Message: {exception!r}.") from None
        self._minimum = np.array(minimum, dtype=self.dtype.as_numpy_dtype)
        self._minimum.setflags(write=False)
        self._maximum = np.array(maximum, dtype=self.dtype.as_numpy_dtype)
        self._maximum.setflags(write=False)

    @classmethod
    def from_spec(cls, spec):
        dtype = _dt.as_dtype(spec.dtype)
        return BoundedTensorSpec(spec.shape, dtype, getattr(spec, "minimum", dtype.min),
                                 getattr(spec, "maximum", dtype.max), spec.name)

    @property
    def minimum(self):
        return self._minimum

    @property
    def maximum(self):
        return self._maximum

    def __repr__(self):
        return (f"BoundedTensorSpec(shape={self.shape}, dtype={self.dtype!r}, "
                f"name={self.name!r}, minimum={self.minimum!r}, maximum={self.maximum!r})")

    def __eq__(self, other):   # (unhashable, as TF's)
        return (super().__eq__(other) and np.allclose(self.minimum, other.minimum)
                and np.allclose(self.maximum, other.maximum))


class ConcreteFunction:
    """One trace of a tf.function: its graph and a callable that adds a call op."""

    def __init__(self, body, structure, flat_outputs, name, signature):
        self._body = body
        self._structure = structure
        self._flat = flat_outputs
        self.name = name
        self.structured_input_signature = signature

    @property
    def graph(self):
        return self._body.graph

    @property
    def inputs(self) -> list:
        return self._body.args + self._body.inner_captures

    @property
    def outputs(self) -> list:
        return list(self._body.outputs)

    @property
    def captured_inputs(self) -> list:
        return self._body.captures

    @property
    def structured_outputs(self):
        return self._structure

    def __call__(self, *args):
        return self._call_flat([convert_to_tensor(a) for a in args])

    def _call_flat(self, args):
        # (in the graph it is called in, as TF: a function traced in another function's body
        # and called outside it)
        if self._structure is None:
            # a function returning None: TF's partitioned_call makes the output-less call
            # itself, named "PartitionedFunctionCall", and returns the op
            return _functional.call_function(self._body, args, name="PartitionedFunctionCall",
                                             fname=self.name, graph=get_default_graph(),
                                             return_op=True)
        outs = iter(_functional.call_function(self._body, args, fname=self.name,
                                              graph=get_default_graph()))
        flat = [None if t is None else next(outs) for t in self._flat]
        return _functional.pack(self._structure, flat) if self._flat else self._structure


def _parent_graph():
    """TF's cache key `parent_graph`: the outermost graph of the default one (init_scope's),
    held weakly."""
    g = get_default_graph()
    while getattr(g, "_outer_graph", None) is not None:
        g = g._outer_graph
    return weakref.ref(g)


def _converting_outputs(python_function):
    """`python_function` with its results converted to tensors as TF's func_graph converts
    them; what does not convert (an Operation, an object) raises TF's TypeError, naming the
    function as TF's message does (its wrapper `Function._defun_with_scope...wrapped_fn`)."""
    def wrapped_fn(*args, **kwargs):
        result = python_function(*args, **kwargs)
        flat = []
        for x in _functional._flatten(result):
            t = x
            if x is not None and not isinstance(x, (Tensor, IndexedSlices)):
                try:
                    t = None if isinstance(x, _graph.Operation) else convert_to_tensor(x)
                except (TypeError, ValueError):
                    t = None
                if t is None:
                    raise TypeError(
                        "To be compatible with tf.contrib.eager.defun, Python functions must "
                        "return zero or more Tensors; in compilation of %s, found return "
                        "value of type %s, which is not a Tensor." % (wrapped_fn, type(x)))
            flat.append(t)
        return _functional.pack(result, flat) if result is not None else None
    wrapped_fn.__qualname__ = "Function._defun_with_scope.<locals>.wrapped_fn"
    return wrapped_fn


def _leaves(bound):
    """The bound arguments flattened (in parameter order)."""
    return _nest.flatten(list(bound.values()))


class Function:
    """A Python function traced into graph functions (tf.function's result)."""

    def __init__(self, python_function, name, input_signature=None, autograph=True,
                 experimental_autograph_options=None, experimental_relax_shapes=False):
        self._python_function = python_function
        self._name = name
        self._signature = inspect.signature(python_function)
        self._input_signature = None if input_signature is None else \
            _nest.flatten(list(input_signature))
        self._input_structure = input_signature
        self._cache = {}
        self._made_variables = None     # after the first trace: the variables it made
        self._initialized = False
        functools.update_wrapper(self, python_function)

    @property
    def python_function(self):
        return self._python_function

    @property
    def input_signature(self):
        return self._input_structure

    def _bind(self, args, kwargs):
        if self._input_signature is not None:
            if kwargs or len(args) > len(self._input_structure):
                raise TypeError(f"{self._name}() takes {len(self._input_structure)} "
                                f"positional arguments but {len(args)} were given")
            args = list(args) + [None] * (len(self._input_structure) - len(args))
            flat = [leaf for a, spec in zip(args, self._input_structure)
                    for leaf in ([a] if isinstance(spec, TensorSpec) else _nest.flatten(a))]
            if len(flat) != len(self._input_signature):
                raise ValueError("Structure of Python function inputs does not match "
                                 "input_signature.")
            values = []
            for v, spec in zip(flat, self._input_signature):
                t = v if isinstance(v, Tensor) or v is None else \
                    convert_to_tensor(v, dtype=spec.dtype)
                if t is not None and not spec.is_compatible_with(t):
                    raise ValueError(f"Python inputs incompatible with input_signature: "
                                     f"inputs ({tuple(a for a in args if a is not None)}), "
                                     f"input_signature ({tuple(self._input_structure)})")
                values.append(t)
            return _nest.pack_sequence_as(args, values), {}
        bound = self._signature.bind(*args, **kwargs)
        bound.apply_defaults()
        return list(bound.args), dict(bound.kwargs)

    def _key(self, args, kwargs):
        if self._input_signature is not None:
            return ("sig", _parent_graph())
        key = []
        for v in _nest.flatten([args, [kwargs[k] for k in sorted(kwargs)]]):
            if isinstance(v, Tensor):
                key.append(("T", v.dtype, tuple(v.shape.as_list())
                            if v.shape.ndims is not None else None))
            elif isinstance(v, Variable):
                key.append(("V", id(v)))
            else:
                try:
                    hash(v)
                    key.append(("P", type(v), v))
                except TypeError:
                    key.append(("O", id(v)))
        return tuple(key) + (tuple(sorted(kwargs)), _parent_graph())

    def _trace(self, args, kwargs):
        graph = get_default_graph()
        leaves = _nest.flatten([args, [kwargs[k] for k in sorted(kwargs)]])
        names = self._arg_names(args, kwargs)
        specs_in = self._input_signature
        tensor_pos = [i for i, v in enumerate(leaves)
                      if isinstance(v, Tensor) or (specs_in is not None and v is None)]
        specs = []
        for n, i in enumerate(tensor_pos):
            spec = specs_in[n] if specs_in is not None else None
            v = leaves[i]
            dtype = spec.dtype if spec is not None else v.dtype.base_dtype
            shape = spec.shape if spec is not None else v.shape
            name = spec.name if spec is not None and spec.name else names[i]
            specs.append((dtype, shape, name))

        def build(phs):
            flat = list(leaves)
            for i, p in zip(tensor_pos, phs):
                flat[i] = p
            a, kw_vals = _nest.pack_sequence_as([args, [kwargs[k] for k in sorted(kwargs)]],
                                                flat)
            return list(a), dict(zip(sorted(kwargs), kw_vals))

        made = []
        first = self._made_variables is None

        def creator(next_creator, **kw):
            if not first:
                raise ValueError("tf.function-decorated function tried to create variables "
                                 "on non-first call.")
            kw["use_resource"] = True
            init = kw.get("initial_value")
            with _outside(graph):
                if isinstance(init, Tensor) and init.graph is not graph:
                    raise NotImplementedError(
                        "flowgrad's tf.function cannot lift a variable's initial value "
                        "computed inside the function; pass a Python value, an initializer "
                        "callable or a tensor made outside it")
                v = next_creator(**kw)
            made.append(v)
            return v

        uid = next(_uid)
        fname = f"__inference_{self._name}_{uid}"
        with variable_creator_scope(creator):
            body, structure, flat = _functional.trace(
                _converting_outputs(self._python_function), specs, graph, fname, build,
                wrap_outputs=True)
        if first:
            self._made_variables = made
        sig = (tuple(specs_in) if specs_in is not None else
               tuple(TensorSpec(s, d, n) for d, s, n in specs))
        cf = ConcreteFunction(body, structure, flat, fname, sig)
        return cf, [leaves[i] for i in tensor_pos]

    def _arg_names(self, args, kwargs):
        """The placeholder name of each leaf: its parameter's name (TF's arg names)."""
        params = list(self._signature.parameters)
        names = []
        for k, a in enumerate(args):
            base = params[k] if k < len(params) else f"args_{k}"
            n = len(_nest.flatten(a))
            names.extend([base] * n if n == 1 else [f"{base}_{j}" for j in range(n)])
        for k in sorted(kwargs):
            n = len(_nest.flatten(kwargs[k]))
            names.extend([k] * n if n == 1 else [f"{k}_{j}" for j in range(n)])
        return names

    def _concrete(self, args, kwargs):
        args, kwargs = self._bind(args, kwargs)
        key = self._key(args, kwargs)
        hit = self._cache.get(key)
        if hit is None:
            first = self._made_variables is None
            hit = self._cache[key] = self._trace(args, kwargs)
            if first and self._made_variables:
                # TF 1.14 traces again, now refusing new variables, and runs that trace
                hit = self._cache[key] = self._trace(args, kwargs)
            return hit, True
        cf, _ = hit
        leaves = _nest.flatten([args, [kwargs[k] for k in sorted(kwargs)]])
        tensors = [v for v in leaves if isinstance(v, Tensor)]
        return (cf, tensors), False

    def _initialize_once(self):
        """TF's _initialize_uninitialized_variables in graph mode: an empty function called
        once (its "PartitionedFunctionCall" op)."""
        self._initialized = True
        body, _, _ = _functional.trace(lambda: None, [], get_default_graph(),
                                       f"__inference_initialize_variables_{next(_uid)}")
        _functional.call_function(body, [], "PartitionedCall", name="PartitionedFunctionCall")

    def __call__(self, *args, **kwargs):
        if _context.context().run_functions_eagerly:
            return self._python_function(*args, **kwargs)
        (cf, tensors), new = self._concrete(args, kwargs)
        if new and not self._initialized and self._made_variables:
            self._initialize_once()
        return cf._call_flat(tensors)

    def get_concrete_function(self, *args, **kwargs):
        """The ConcreteFunction for these arguments (or the input_signature)."""
        (cf, _), _ = self._concrete(args, kwargs)
        if not self._initialized:
            self._initialize_once()
        return cf

    def __get__(self, instance, owner):
        if instance is None:
            return self
        return functools.partial(self.__call__, instance)


class _outside:
    """Builds in `graph` itself (TF's init_scope), not in the function body being traced."""

    def __init__(self, graph):
        self.graph = graph

    def __enter__(self):
        self._saved = _graph._FUNCTION_BODIES[0]
        _graph._FUNCTION_BODIES[0] = 0
        self._ctx = self.graph.as_default()
        self._ctx.__enter__()

    def __exit__(self, *exc):
        self._ctx.__exit__(*exc)
        _graph._FUNCTION_BODIES[0] = self._saved


def function(func=None, input_signature=None, autograph=True,
             experimental_autograph_options=None, experimental_relax_shapes=False):
    """Makes a Python function a graph function (tf.function; see the module docstring)."""
    if func is None:
        return functools.partial(function, input_signature=input_signature,
                                 autograph=autograph,
                                 experimental_autograph_options=experimental_autograph_options,
                                 experimental_relax_shapes=experimental_relax_shapes)
    return Function(func, getattr(func, "__name__", "function"), input_signature, autograph,
                    experimental_autograph_options, experimental_relax_shapes)
