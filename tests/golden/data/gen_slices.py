"""TF 1.14's Dataset.from_tensor_slices checks of the components' first dimensions (each
compared with the first component's only), its rank-0 error, and the element shapes
when it builds. tests/test_data_slices.py runs the same programs with flowgrad."""
from __future__ import absolute_import

import numpy as np


def _slices(tf, make):
    with tf.Graph().as_default():
        try:
            ds = tf.data.Dataset.from_tensor_slices(make(tf))
        except ValueError as e:
            return "ValueError: " + str(e).split("\n")[0]
        return str(ds.output_shapes)


def _ph(tf, shape):
    return tf.placeholder(tf.float32, shape)


PROGRAMS = {
    "mismatch": lambda tf: (np.ones(3), np.ones(4)),
    "mismatch_dict": lambda tf: {"a": np.ones((3, 2)), "b": np.zeros(5)},
    "mismatch_third": lambda tf: (np.ones(3), np.ones(3), np.ones((2, 2))),
    "unknown_first": lambda tf: (_ph(tf, [None]), np.ones(3), np.ones(4)),
    "unknown_between": lambda tf: (np.ones(3), _ph(tf, [None, 2]), np.ones(4)),
    "unknown_rank": lambda tf: (np.ones(3), _ph(tf, None), np.ones(3)),
    "scalar": lambda tf: (np.ones(3), np.float32(1.0)),
    "same": lambda tf: (np.ones((3, 2)), np.arange(3)),
}


def cases(tf):
    return {name: _slices(tf, make) for name, make in PROGRAMS.items()}
