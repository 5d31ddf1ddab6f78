"""TF 1.14's clustering kernels (NearestNeighbors, KmeansPlusPlusInitialization,
KMC2ChainInitialization) on fixed inputs; tests/test_factorization.py runs flowgrad's on the
same inputs (INPUTS)."""
import numpy as np


def _pts(seed, n, d):
    return np.random.RandomState(seed).randn(n, d).astype(np.float32)


def inputs():
    """{case: (op, args)} with args NumPy values / Python numbers."""
    out = {}
    for d in (2, 3, 5, 8, 17, 40, 100):
        out["nn_d%d_k1" % d] = ("nn", (_pts(d, 50, d), _pts(d + 100, 7, d), 1))
        out["nn_d%d_k3" % d] = ("nn", (_pts(d, 50, d), _pts(d + 100, 7, d), 3))
        out["kpp_d%d_retries" % d] = ("kpp", (_pts(d, 50, d), 6, d, -1))
        out["kpp_d%d_plain" % d] = ("kpp", (_pts(d, 50, d), 3, d + 1, 0))
    # Eigen GEMM's row paths (panels of 16, a packet of 8, a half packet of 4, one row at a
    # time) for 7/13/30/37 centers; 256 points split into shards of a multiple of 4 points
    for d in (3, 8, 11, 19):
        for m in (7, 13, 30, 37):
            out["nn_gemm_d%d_m%d" % (d, m)] = ("nn", (_pts(d + m, 256, d) * 4,
                                                   _pts(d + m + 1, m, d) * 4, m))
    # below 20 points + centers + dimensions Eigen's coefficient-based product: each entry a
    # vectorized redux (8 lanes) of the two rows' products
    for n, m, d in ((5, 5, 9), (3, 6, 9), (2, 3, 12), (4, 4, 11), (2, 1, 16)):
        out["nn_lazy_n%d_m%d_d%d" % (n, m, d)] = ("nn", (_pts(n + 50, n, d) * 3,
                                                      _pts(m + 60, m, d) * 3, m))
    out["nn_k0"] = ("nn", (_pts(1, 4, 2), _pts(2, 3, 2), 0))
    out["nn_k_over"] = ("nn", (_pts(1, 4, 2), _pts(2, 3, 2), 9))
    out["nn_ties"] = ("nn", (np.zeros((3, 2), np.float32), np.zeros((4, 2), np.float32), 2))
    out["nn_many_centers"] = ("nn", (_pts(5, 6, 3), _pts(6, 2100, 3), 2))
    out["nn_many_centers_k1"] = ("nn", (_pts(5, 6, 3), _pts(6, 2100, 3), 1))
    out["kpp_all"] = ("kpp", (_pts(7, 5, 3), 5, 123, 2))
    out["kpp_negative_seed"] = ("kpp", (_pts(8, 30, 4), 4, -7, 1))
    out["kpp_big_seed"] = ("kpp", (_pts(9, 30, 4), 4, 2 ** 40 + 3, 3))
    for seed in (0, 1, 5, -3, 99):
        dist = np.abs(np.random.RandomState(seed + 10).randn(60)).astype(np.float32)
        out["kmc2_%d" % seed] = ("kmc2", (dist, seed))
    out["kmc2_one"] = ("kmc2", (np.array([3.0], np.float32), 4))
    out["kmc2_zeros"] = ("kmc2", (np.zeros(5, np.float32), 4))
    out["err_nn_vector"] = ("nn", (np.zeros(3, np.float32), np.zeros((2, 3), np.float32), 1))
    out["err_nn_dims"] = ("nn", (np.zeros((2, 3), np.float32), np.zeros((2, 4), np.float32), 1))
    # (a negative k aborts TF 1.14's process: no case)
    out["err_kpp_too_many"] = ("kpp", (np.zeros((3, 2), np.float32), 5, 0, 0))
    out["err_kpp_zero"] = ("kpp", (np.zeros((3, 2), np.float32), 0, 0, 0))
    out["err_kmc2_matrix"] = ("kmc2", (np.zeros((2, 2), np.float32), 0))
    out["err_kmc2_empty"] = ("kmc2", (np.zeros(0, np.float32), 0))
    return out


def run(tf, gen, op, args):
    """One kernel run: its outputs (a list), or the OpError's class and message."""
    fn = {"nn": gen.nearest_neighbors, "kpp": gen.kmeans_plus_plus_initialization,
          "kmc2": gen.kmc2_chain_initialization}[op]
    with tf.Graph().as_default():
        out = fn(*args)
        with tf.Session() as sess:
            try:
                got = sess.run(out)
            except tf.errors.OpError as e:
                return [type(e).__name__, e.message.split("\n")[0]]
    return [np.asarray(v) for v in (got if isinstance(got, tuple) else (got,))]


def cases(tf):
    from tensorflow.python.ops import gen_clustering_ops
    return {name: run(tf, gen_clustering_ops, op, args)
            for name, (op, args) in inputs().items()}
