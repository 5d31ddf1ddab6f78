"""tf.contrib.factorization.WALSModel under TF 1.14 (tests/test_wals.py runs the same cases
with flowgrad): row and column sweeps (prep gramian, initialize_*_update_op, update_*_factors'
five results) on seeded sparse matrices of several shapes, factor dimensions (3 to 40, the
Eigen rank-update paths, rows of more than 128 entries), shard counts, weights (lists, scalars, None: ALS), caches off,
scoped variables, transposed input, given initial factors and projections; the graph's ops
(types and names), variables and the final factors. Made on the host `host` names (TF's
float32 bits can depend on its CPU: engine/ops/host_cpu.py)."""
import numpy as np

from goldenio import host_vendor


def matrix(seed, rows, cols, density):
    """A seeded sparse matrix: (indices [nnz, 2] int64 in row-major order, values)."""
    rs = np.random.RandomState(seed)
    mask = rs.rand(rows, cols) < density
    mask[np.arange(rows), rs.randint(cols, size=rows)] = True    # every row observed
    mask[rs.randint(rows, size=cols), np.arange(cols)] = True    # every column observed
    idx = np.argwhere(mask).astype(np.int64)
    vals = (rs.rand(len(idx)) * 4 + 1).astype(np.float32)
    return idx, vals


def _weights(rs, n, shards):
    """Per-shard lists of weights in [0.5, 1.5) (TF's "div" shard sizes)."""
    base, extra = divmod(n, shards)
    sizes = [base + 1] * extra + [base] * (shards - extra)
    return [list(rs.rand(s).astype(np.float32) + 0.5) for s in sizes]


def run(tf, rows, cols, k, density=0.4, seed=0, sweeps=2, row_weights="list",
        col_weights="list", row_shards=1, col_shards=1, transpose=False, init="random",
        project=False, **kwargs):
    tf.reset_default_graph()
    tf.set_random_seed(seed + 100)
    rs = np.random.RandomState(seed + 200)
    idx, vals = matrix(seed, rows, cols, density)
    weights = {"list": lambda n, s: _weights(rs, n, s), "scalar": lambda n, s: 1.5,
               "none": lambda n, s: None}
    rw = weights[row_weights](rows, row_shards)
    cw = weights[col_weights](cols, col_shards)
    if init == "given":
        kwargs["row_init"] = rs.randn(rows, k).astype(np.float32) if row_shards == 1 else \
            [rs.randn(n, k).astype(np.float32)
             for n in [len(w) for w in _weights(rs, rows, row_shards)]]
        kwargs["col_init"] = lambda: rs.randn(cols, k).astype(np.float32)
    model = tf.contrib.factorization.WALSModel(
        rows, cols, k, row_weights=rw, col_weights=cw, num_row_shards=row_shards,
        num_col_shards=col_shards, **kwargs)
    sp = tf.SparseTensor(idx, vals, [rows, cols])
    sp_t = tf.SparseTensor(idx[:, ::-1].copy(), vals, [cols, rows])
    if transpose:   # the row update reads the transposed matrix, the column update it as is
        row_up = model.update_row_factors(sp_input=sp_t, transpose_input=True)
        col_up = model.update_col_factors(sp_input=sp, transpose_input=False)
    else:
        row_up = model.update_row_factors(sp_input=sp)
        col_up = model.update_col_factors(sp_input=sp_t, transpose_input=True)
    row_proj = col_proj = []
    if project:
        first = tf.SparseTensor(idx[idx[:, 0] < 3], vals[idx[:, 0] < 3], [rows, cols])
        row_proj = [
            model.project_row_factors(sp_input=first),
            model.project_row_factors(sp_input=first, projection_weights=0.5),
            model.project_row_factors(sp_input=first,
                                      projection_weights=[0.5, 1.0, 2.0]),
        ]
        col_proj = [model.project_col_factors(sp_input=sp_t, transpose_input=True),
                    model.project_col_factors(sp_input=sp, projection_weights=2.0)]
    g = tf.get_default_graph()
    out = {"ops": ["%s %s" % (op.type, op.name) for op in g.get_operations()],
           "variables": [v.name for v in tf.global_variables()],
           "local": [v.name for v in tf.local_variables()],
           "factors": [t.name for t in model.row_factors + model.col_factors]}
    sweeps_out = []
    with tf.Session() as sess:
        sess.run(model.initialize_op)
        sess.run(tf.local_variables_initializer())
        sess.run(model.worker_init)
        out["init"] = sess.run(model.row_factors + model.col_factors)
        for _ in range(sweeps):
            sess.run(model.row_update_prep_gramian_op)
            sess.run(model.initialize_row_update_op)
            row = sess.run([row_up[0]] + list(row_up[2:]))
            sess.run(row_up[1])
            sess.run(model.col_update_prep_gramian_op)
            sess.run(model.initialize_col_update_op)
            col = sess.run([col_up[0]] + list(col_up[2:]))
            sess.run(col_up[1])
            sweeps_out.append([row, col])
        out["sweeps"] = sweeps_out
        out["final"] = sess.run(model.row_factors + model.col_factors)
        if project:   # each after its update's init: it reads the other side's cache
            sess.run(model.row_update_prep_gramian_op)
            sess.run(model.initialize_row_update_op)
            out["row_projections"] = sess.run(row_proj)
            sess.run(model.col_update_prep_gramian_op)
            sess.run(model.initialize_col_update_op)
            out["col_projections"] = sess.run(col_proj)
    return out


CASES = {
    "small_k3": dict(rows=6, cols=5, k=3, density=0.5, seed=1, regularization=0.05),
    "k5_reg_none": dict(rows=9, cols=7, k=5, seed=2, unobserved_weight=0.2),
    "k8_scalar_weights": dict(rows=12, cols=10, k=8, seed=3, row_weights="scalar",
                              col_weights="scalar", regularization=0.1),
    "k12_shards": dict(rows=13, cols=11, k=12, seed=4, row_shards=3, col_shards=2,
                       regularization=0.01),
    "k6_mixed_weights": dict(rows=10, cols=8, k=6, seed=5, row_weights="scalar",
                             col_weights="list", col_shards=3, regularization=0.3),
    "k20_long_rows": dict(rows=8, cols=300, k=20, density=0.6, seed=6, sweeps=1,
                          regularization=0.05),
    "k17_long_cols": dict(rows=260, cols=6, k=17, density=0.7, seed=7, sweeps=1,
                          row_shards=2, regularization=0.05),
    "k40_long_rows": dict(rows=6, cols=300, k=40, density=0.7, seed=31, sweeps=1,
                          regularization=0.05),
    "k33_scalar_long_rows": dict(rows=5, cols=290, k=33, density=0.6, seed=32, sweeps=1,
                                 regularization=0.05, row_weights="scalar"),
    "als": dict(rows=9, cols=8, k=4, seed=8, row_weights="none", col_weights="none",
                regularization=0.1),
    "als_shards_transpose": dict(rows=10, cols=9, k=5, seed=9, row_weights="none",
                                 col_weights="none", row_shards=2, col_shards=3,
                                 transpose=True, regularization=0.1),
    "no_caches_scoped": dict(rows=9, cols=7, k=4, seed=10, use_factors_weights_cache=False,
                             use_gramian_cache=False, use_scoped_vars=True,
                             regularization=0.02),
    "transpose_input": dict(rows=8, cols=7, k=3, seed=11, transpose=True, row_shards=2,
                            regularization=0.05),
    "given_init_projections": dict(rows=9, cols=6, k=4, seed=12, init="given",
                                   row_shards=2, project=True, regularization=0.05),
    "k10_projections": dict(rows=11, cols=9, k=10, seed=13, project=True,
                            regularization=0.05),
}


def cases(tf):
    out = {"host": host_vendor()}
    for name, kw in CASES.items():
        out[name] = run(tf, **kw)
    return out
