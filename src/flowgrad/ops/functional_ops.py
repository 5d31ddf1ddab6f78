"""`tf.map_fn`, `tf.scan`, `tf.foldl`, `tf.foldr`: TF 1.14's compositions of a while_loop
over TensorArrays (same scopes and loop structure), differentiable like any loop."""
from __future__ import annotations

from ..engine.framework.constant_op import constant, convert_to_tensor
from ..engine.framework.graph import name_scope
from ..engine.framework.tensor_shape import Dimension, TensorShape, dimension_value
from ..engine.ops.control_flow import while_loop
from ..engine.ops.shape import shape
from . import _nest as nest
from .tensor_array_ops import TensorArray

__all__ = ["foldl", "foldr", "map_fn", "scan"]


def _check_fn(fn):
    if not callable(fn):
        raise TypeError("fn must be callable.")


def _length(elems_flat):
    """The static first dimension of the elements, else a Shape op's first entry."""
    return dimension_value(elems_flat[0].shape[0]) or shape(elems_flat[0])[0]


def _set_leading_shape(elems_flat, results_flat):
    n_static = Dimension(dimension_value(elems_flat[0].shape.with_rank_at_least(1)[0]))
    for elem in elems_flat[1:]:
        n_static.merge_with(Dimension(dimension_value(elem.shape.with_rank_at_least(1)[0])))
    for r in results_flat:
        r.set_shape(TensorShape([n_static]).concatenate(r.shape[1:]))


def _flatteners(structure):
    is_seq = nest.is_sequence(structure)

    def flat(x):
        return nest.flatten(x) if is_seq else [x]

    def pack(x):
        return nest.pack_sequence_as(structure, x) if is_seq else x[0]
    return flat, pack


def map_fn(fn, elems, dtype=None, parallel_iterations=None, back_prop=True, swap_memory=False,
           infer_shape=True, name=None):
    """Applies `fn` to each slice elems[i] (along dimension 0) and stacks the results.

    `elems` may be a nested structure of tensors (fn then gets that structure of
    slices); `dtype` gives fn's output structure when it differs from elems'.

    >>> print(tf.Session().run(tf.map_fn(lambda x: x * x, tf.constant([1, 2, 3]))))
    [1 4 9]
    """
    _check_fn(fn)
    if type(elems).__name__ == "SparseTensor":
        raise TypeError("To perform a map on the values of a sparse tensor use either "
                        " SparseTensor(input.indices, fn(input.values), input.dense_shape) or "
                        " SparseTensor(input.indices, map_fn(fn, input.values), "
                        "input.dense_shape)")
    if not parallel_iterations:
        parallel_iterations = 10
    input_flatten, input_pack = _flatteners(elems)
    if dtype is None:
        output_flatten, output_pack = input_flatten, input_pack
    else:
        output_flatten, output_pack = _flatteners(dtype)
    elems_flat = input_flatten(elems)
    with name_scope(name, "map", elems_flat):
        elems_flat = [convert_to_tensor(elem, name="elem") for elem in elems_flat]
        dtype = dtype or input_pack([elem.dtype for elem in elems_flat])
        dtype_flat = output_flatten(dtype)
        if elems_flat[0].shape.ndims == 0:
            raise ValueError("elems must be a 1+ dimensional Tensor, not a scalar"
                             if len(elems_flat) == 1 else
                             "elements in elems must be 1+ dimensional Tensors, not scalars")
        n = _length(elems_flat)
        elems_ta = [TensorArray(dtype=elem.dtype, size=n, dynamic_size=False, infer_shape=True)
                    for elem in elems_flat]
        elems_ta = [ta.unstack(elem) for ta, elem in zip(elems_ta, elems_flat)]
        i = constant(0)
        accs_ta = [TensorArray(dtype=dt, size=n, dynamic_size=False, infer_shape=infer_shape)
                   for dt in dtype_flat]

        def compute(i, tas):
            packed_values = input_pack([ta.read(i) for ta in elems_ta])
            packed_fn_values = fn(packed_values)
            nest.assert_same_structure(dtype or elems, packed_fn_values)
            flat_fn_values = output_flatten(packed_fn_values)
            tas = [ta.write(i, value) for ta, value in zip(tas, flat_fn_values)]
            return (i + 1, tas)

        _, r_a = while_loop(lambda i, _: i < n, compute, (i, accs_ta),
                            parallel_iterations=parallel_iterations, back_prop=back_prop,
                            swap_memory=swap_memory, maximum_iterations=n)
        results_flat = [r.stack() for r in r_a]
        _set_leading_shape(elems_flat, results_flat)
        return output_pack(results_flat)


def scan(fn, elems, initializer=None, parallel_iterations=10, back_prop=True,
         swap_memory=False, infer_shape=True, reverse=False, name=None):
    """The successive values of a = fn(a, elems[i]) (from the last element if `reverse`).

    Without `initializer` the first element starts the accumulator (and is the
    first output).

    >>> print(tf.Session().run(tf.scan(lambda a, x: a + x, tf.constant([1, 2, 3]))))
    [1 3 6]
    """
    _check_fn(fn)
    input_flatten, input_pack = _flatteners(elems)
    if initializer is None:
        output_flatten, output_pack = input_flatten, input_pack
    else:
        output_flatten, output_pack = _flatteners(initializer)
    elems_flat = input_flatten(elems)
    with name_scope(name, "scan", elems_flat):
        elems_flat = [convert_to_tensor(elem, name="elem") for elem in elems_flat]
        n = _length(elems_flat)
        elems_ta = [TensorArray(dtype=elem.dtype, size=n, dynamic_size=False,
                                element_shape=elem.shape[1:], infer_shape=True)
                    for elem in elems_flat]
        elems_ta = [ta.unstack(elem) for ta, elem in zip(elems_ta, elems_flat)]
        if initializer is None:
            a_flat = [ta.read(n - 1 if reverse else 0) for ta in elems_ta]
            i = 1
        else:
            a_flat = [convert_to_tensor(init) for init in output_flatten(initializer)]
            i = 0
        accs_ta = [TensorArray(dtype=init.dtype, size=n,
                               element_shape=init.shape if infer_shape else None,
                               dynamic_size=False, infer_shape=infer_shape) for init in a_flat]
        if initializer is None:
            accs_ta = [ta.write(n - 1 if reverse else 0, a) for ta, a in zip(accs_ta, a_flat)]

        def compute(i, a_flat, tas):
            packed_elems = input_pack([ta.read(i) for ta in elems_ta])
            packed_a = output_pack(a_flat)
            a_out = fn(packed_a, packed_elems)
            nest.assert_same_structure(elems if initializer is None else initializer, a_out)
            flat_a_out = output_flatten(a_out)
            tas = [ta.write(i, value) for ta, value in zip(tas, flat_a_out)]
            next_i = i - 1 if reverse else i + 1
            return (next_i, flat_a_out, tas)

        if reverse:
            initial_i = n - 1 - i

            def condition(i, _1, _2):
                return i >= 0
        else:
            initial_i = i

            def condition(i, _1, _2):
                return i < n
        _, _, r_a = while_loop(condition, compute, (initial_i, a_flat, accs_ta),
                               parallel_iterations=parallel_iterations, back_prop=back_prop,
                               swap_memory=swap_memory, maximum_iterations=n)
        results_flat = [r.stack() for r in r_a]
        _set_leading_shape(elems_flat, results_flat)
        return output_pack(results_flat)


def _fold(fn, elems, initializer, parallel_iterations, back_prop, swap_memory, name, left):
    _check_fn(fn)

    def create_ta(elem):
        return TensorArray(dtype=elem.dtype, size=n, dynamic_size=False,
                           infer_shape=True).unstack(elem)

    with name_scope(name, "foldl" if left else "foldr", [elems]):
        elems_flat = [convert_to_tensor(elem, name="elem") for elem in nest.flatten(elems)]
        n = _length(elems_flat)
        elems_ta = nest.map_structure(create_ta, elems)
        if left:
            if initializer is None:
                a = nest.map_structure(lambda elem: elem.read(0), elems_ta)
                i = constant(1)
            else:
                a = initializer
                i = constant(0)

            def compute(i, a):
                elem_i = nest.map_structure(lambda elem: elem.read(i), elems_ta)
                a = fn(a, elem_i)
                return [i + 1, a]

            def condition(i, a):
                return i < n
        else:
            if initializer is None:
                i = n - 1
                a = nest.map_structure(lambda elem: elem.read(i), elems_ta)
            else:
                i = n
                a = initializer

            def compute(i, a):
                i -= 1
                elem = nest.map_structure(lambda elem: elem.read(i), elems_ta)
                a_out = fn(a, elem)
                return [i, a_out]

            def condition(i, a):
                return i > 0
        _, r_a = while_loop(condition, compute, [i, a],
                            parallel_iterations=parallel_iterations, back_prop=back_prop,
                            swap_memory=swap_memory, maximum_iterations=n)
        return r_a


def foldl(fn, elems, initializer=None, parallel_iterations=10, back_prop=True,
          swap_memory=False, name=None):
    """a = fn(a, elems[i]) for i = 0, 1, ...; returns the final a.

    >>> print(tf.Session().run(tf.foldl(lambda a, x: a * x, tf.constant([1, 2, 3, 4]))))
    24
    """
    return _fold(fn, elems, initializer, parallel_iterations, back_prop, swap_memory, name,
                 True)


def foldr(fn, elems, initializer=None, parallel_iterations=10, back_prop=True,
          swap_memory=False, name=None):
    """a = fn(a, elems[i]) for i = n-1, ..., 0; returns the final a.

    >>> print(tf.Session().run(tf.foldr(lambda a, x: a - x, tf.constant([1, 2, 10]))))
    7
    """
    return _fold(fn, elems, initializer, parallel_iterations, back_prop, swap_memory, name,
                 False)


