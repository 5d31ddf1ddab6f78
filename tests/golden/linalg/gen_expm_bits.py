"""TF 1.14's MatrixExponential bits (the raw op, removed at GraphDef version 27, imported
from a producer-26 GraphDef), float32 and float64, 1 to 64 rows, at norms that pick each
Pade degree and the scaling and squaring: Eigen's MatrixExponential on a row-major
matrix (its products: the lazy product below a size sum of 20, else GEBP; the squarings
through a column-major temporary; PartialPivLU's solve). flowgrad follows it in
engine/ops/linalg_decomp.py (`_expm_matrix`).

Values are hex strings of the IEEE bit patterns. Inputs are built elementwise (the same
bits under any NumPy). Read by tests/test_linalg_eigen_svd.py.
"""
from __future__ import absolute_import

import numpy as np

from goldenio import hex_bits as bits

SIZES = [1, 2, 3, 5, 7, 8, 12, 17, 24, 33, 64]
SCALES = [0.01, 0.1, 0.5, 1.5, 4.0]
DTYPES = ["float32", "float64"]


def inputs(n, scale, dtype):
    rs = np.random.RandomState(n * 100 + int(scale * 10))
    return (rs.randn(n, n) * (scale / np.sqrt(n))).astype(dtype)


def _expm(tf, t):
    """A MatrixExponential node imported from a producer-26 GraphDef."""
    gd = tf.GraphDef()
    gd.versions.producer = 26
    n = gd.node.add()
    n.name, n.op = "in0", "Placeholder"
    n.attr["dtype"].type = t.dtype.as_datatype_enum
    n = gd.node.add()
    n.name, n.op = "op", "MatrixExponential"
    n.input.extend(["in0"])
    n.attr["T"].type = t.dtype.as_datatype_enum
    return tf.import_graph_def(gd, input_map={"in0": t}, return_elements=["op:0"])[0]


def cases(tf):
    out = {}
    with tf.Graph().as_default():
        fetch = {}
        for dtype in DTYPES:
            for n in SIZES:
                for scale in SCALES:
                    fetch["%s/%d/%g" % (dtype, n, scale)] = _expm(
                        tf, tf.constant(inputs(n, scale, dtype)))
        keys = sorted(fetch)
        with tf.Session() as sess:
            vals = sess.run([fetch[k] for k in keys])
    for k, v in zip(keys, vals):
        out[k] = bits(v)
    return out
