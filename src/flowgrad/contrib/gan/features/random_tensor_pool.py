"""TF-GAN's tensor pool (TF 1.14 contrib/gan/python/features/python/random_tensor_pool_impl.py):
a RandomShuffleQueue of past values; once full, each run enqueues the input and, with
`pooling_probability`, returns a dequeued past value instead of it."""
from __future__ import annotations

from ....engine.framework import dtypes
from ....engine.framework import graph as _g
from ....engine.framework.graph import Tensor
from ....ops import _nest, array_ops, control_flow_ops, random_ops
from ....ops.data_flow_ops import RandomShuffleQueue

__all__ = ["tensor_pool"]


def _to_list(x):
    return [x] if isinstance(x, Tensor) else list(x)


def tensor_pool(input_values, pool_size=50, pooling_probability=0.5, name="tensor_pool"):
    """`input_values` (any nest of tensors), or with `pooling_probability` a pooled past value."""
    pool_size = int(pool_size)
    if pool_size < 0:
        raise ValueError("`pool_size` is negative.")
    if pool_size == 0:
        return input_values
    original_input_values = input_values
    input_values = _nest.flatten(input_values)

    with _g.name_scope(f"{name}_pool_queue", values=input_values + [pooling_probability]):
        pool_queue = RandomShuffleQueue(capacity=pool_size, min_after_dequeue=0,
                                        dtypes=[v.dtype for v in input_values], shapes=None)

        def _get_input_value_pooled():
            enqueue_op = pool_queue.enqueue(input_values)
            with _g.control_dependencies([enqueue_op]):
                return [array_ops.identity(v) for v in input_values]

        def _get_random_pool_value_and_enqueue_input():
            dequeue_values = _to_list(pool_queue.dequeue())
            with _g.control_dependencies(dequeue_values):
                enqueue_op = pool_queue.enqueue(input_values)
                with _g.control_dependencies([enqueue_op]):
                    prob = random_ops.random_uniform((), dtype=dtypes.float32) < pooling_probability
                    return control_flow_ops.cond(prob, lambda: dequeue_values,
                                                 lambda: input_values)

        output_values = _to_list(control_flow_ops.cond(
            pool_queue.size() < pool_size, _get_input_value_pooled,
            _get_random_pool_value_and_enqueue_input))
        for input_value, output_value in zip(input_values, output_values):
            output_value.set_shape(input_value.shape)
    return _nest.pack_sequence_as(original_input_values, output_values)
