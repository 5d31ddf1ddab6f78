"""`tf.queue`: TF 1.14's queue classes under their v2 names."""
from .ops.data_flow_ops import (FIFOQueue, PaddingFIFOQueue, PriorityQueue, QueueBase,
                                RandomShuffleQueue)

__all__ = ["QueueBase", "FIFOQueue", "RandomShuffleQueue", "PaddingFIFOQueue", "PriorityQueue"]
