"""tf.sparse_reduce_sum's float sums under TF 1.14, bit for bit (tests/test_sparse_reduce_order.py
runs the same cases with flowgrad): SparseReduceSum sorts the entries by the kept axes, then
the reduced ones, and sums each group of equal kept coordinates with Eigen's full reduction
(vectorized, a tree above one leaf), not in the order of a dense sum. float32 and float64,
all axes, one axis, keep_dims, unsorted input, groups of several lengths, a group longer than
one leaf of Eigen's tree. Made on the host `host` names (every sum here runs on one thread:
the same on any host)."""
import numpy as np

from goldenio import host_vendor


def _sparse(seed, shape, density, dtype, shuffle=False):
    rs = np.random.RandomState(seed)
    mask = rs.rand(*shape) < density
    idx = np.argwhere(mask).astype(np.int64)
    # exact scalings by powers of two: the same values under any NumPy (np.exp is not)
    vals = np.ldexp(rs.randn(len(idx)), rs.randint(-9, 9, len(idx))).astype(dtype)
    if shuffle:
        perm = rs.permutation(len(idx))
        idx, vals = idx[perm], vals[perm]
    return idx, vals


def _sums(tf, seed, shape, density, dtype, axes_list, shuffle=False):
    idx, vals = _sparse(seed, shape, density, dtype, shuffle)
    sp = tf.SparseTensor(idx, vals, shape)
    outs = []
    for axes, keep in axes_list:
        outs.append(tf.sparse_reduce_sum(sp, axes, keepdims=keep))
    with tf.Session() as sess:
        return sess.run(outs)


CASES = {
    "f32_small_all": dict(seed=1, shape=[6, 5], density=0.5, dtype=np.float32,
                          axes_list=[(None, False)]),
    "f32_rows_cols": dict(seed=2, shape=[40, 70], density=0.6, dtype=np.float32,
                          axes_list=[(None, False), (0, False), (1, True), ([0, 1], False)]),
    "f32_unsorted_3d": dict(seed=3, shape=[7, 9, 30], density=0.7, dtype=np.float32,
                            shuffle=True, axes_list=[(2, False), ([0, 2], True), (1, False),
                                                     (None, True)]),
    "f32_long_groups": dict(seed=4, shape=[3, 12000], density=0.9, dtype=np.float32,
                            axes_list=[(1, False), (None, False)]),
    "f64_rows": dict(seed=5, shape=[30, 50], density=0.5, dtype=np.float64,
                     axes_list=[(1, False), (None, False)]),
}


def cases(tf):
    out = {"host": host_vendor()}
    for name, kw in CASES.items():
        out[name] = _sums(tf, **kw)
    return out
