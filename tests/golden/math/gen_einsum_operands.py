"""tf.einsum's operands under TF 1.14: it asks each input for get_shape() first, so a NumPy
array, a list or a Python number is an AttributeError (after its name scope is taken);
a Variable is read; operands of different dtypes are not checked up front, the error is
the first MatMul's or Mul's that joins them, with the ops built before it left in the
graph. Each case: the result's shape and dtype or the error (class, message), and the
(name, type) of every op built. Made on an Intel Xeon ("host": the values are exact).

Read by tests/test_einsum_operands.py.
"""
from __future__ import absolute_import

import numpy as np
from goldenio import host_vendor

CASES = {
    "numpy": lambda tf: tf.einsum("ij,jk->ik", np.ones([2, 3], np.float32), tf.ones([3, 2])),
    "list": lambda tf: tf.einsum("ij,jk->ik", tf.ones([2, 3]), [[1.0], [2.0], [3.0]]),
    "number": lambda tf: tf.einsum("ij->ji", 3.0),
    "variable": lambda tf: tf.einsum("ij,jk->ik", tf.Variable(tf.ones([2, 3]), name="v"),
                                     tf.ones([3, 2])),
    "matmul_dtypes": lambda tf: tf.einsum("ij,jk->ik", tf.ones([2, 3]),
                                          tf.ones([3, 2], tf.float64)),
    "matvec_dtypes": lambda tf: tf.einsum("ij,j->i", tf.ones([2, 3]),
                                          tf.ones([3], tf.float16)),
    "mul_dtypes": lambda tf: tf.einsum("ij,ij->ij", tf.ones([2, 3]),
                                       tf.ones([2, 3], tf.float64)),
    "int32": lambda tf: tf.einsum("ij,jk->ik", tf.ones([2, 3], tf.int32),
                                  tf.ones([3, 2], tf.int32)),
}


def _case(tf, fn):
    with tf.Graph().as_default() as g:
        try:
            t = fn(tf)
            out = [t.shape.as_list(), t.dtype.name, t.name]
        except Exception as e:  # noqa: BLE001 - TF's verdict is the golden
            out = [type(e).__name__, str(e).splitlines()[0]]
        # the scope a later einsum gets: "einsum" is taken even when the first one failed
        out.append(tf.einsum("i->i", tf.ones([1])).name)
        return [out, [[o.name, o.type] for o in g.get_operations()]]


def cases(tf):
    out = {k: _case(tf, fn) for k, fn in sorted(CASES.items())}
    out["host"] = host_vendor()
    return out
