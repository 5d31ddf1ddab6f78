"""tf.contrib.slim.prefetch_queue: a queue that a runner keeps filled with `tensors`
(TF 1.14 slim/python/slim/data/prefetch_queue.py)."""
from __future__ import annotations

from .... import summary
from ....engine.framework import dtypes as _dtypes
from ....engine.framework.graph import name_scope
from ....engine.ops.cast import cast
from ....ops.data_flow_ops import FIFOQueue, PaddingFIFOQueue
from ....train.queue_runner import QueueRunner, add_queue_runner

__all__ = ["prefetch_queue"]


def prefetch_queue(tensors, capacity=8, num_threads=1, dynamic_pad=False, shared_name=None,
                   name=None):
    """A FIFOQueue (PaddingFIFOQueue with dynamic_pad) of `tensors` (a list, or a dict
    whose keys name the components, sorted), filled by `num_threads` enqueues of a
    QueueRunner; adds the scalar summary fraction_of_<capacity>_full."""
    if isinstance(tensors, dict):
        names = sorted(tensors.keys())
        tensor_list = [tensors[n] for n in names]
    else:
        names = None
        tensor_list = tensors
    with name_scope(name, "prefetch_queue", tensor_list):
        queue = (PaddingFIFOQueue if dynamic_pad else FIFOQueue)(
            capacity=capacity, dtypes=[t.dtype for t in tensor_list],
            shapes=[t.get_shape() for t in tensor_list], names=names,
            shared_name=shared_name)
        enqueue_op = queue.enqueue(tensors)
        add_queue_runner(QueueRunner(queue, [enqueue_op] * num_threads))
        summary.scalar("fraction_of_%d_full" % capacity,
                       cast(queue.size(), _dtypes.float32) * (1. / capacity))
        return queue
