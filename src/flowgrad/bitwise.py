"""tf.bitwise: TF 1.14's bitwise operations on integer tensors (engine/ops/bitwise.py).

>>> import flowgrad as tf
>>> tf.Session().run(tf.bitwise.bitwise_and(tf.constant([5, 12]), tf.constant([3, 10])))
array([1, 8], dtype=int32)
"""
# ruff: noqa: F401
from .engine.ops.bitwise import (bitwise_and, bitwise_or, bitwise_xor, invert, left_shift,
                                 right_shift)
