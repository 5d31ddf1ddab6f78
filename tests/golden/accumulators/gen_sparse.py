"""TF 1.14's tf.SparseConditionalAccumulator: op names, the merge order of indices, the
mean per index, stale gradients dropped, TF's shape errors, SUM with an unknown shape.

    python tools/goldens.py regen accumulators/sparse
"""
import numpy as np


def _val(x):
    return np.asarray(x).tolist()


def cases(tf):
    out = {}
    g = tf.Graph()
    with g.as_default():
        q = tf.SparseConditionalAccumulator(tf.float32, shape=[5, 2], name="acc")
        a1 = q.apply_grad(grad_indices=[3, 0], grad_values=[[1., 1.], [2., 2.]],
                          grad_shape=[5, 2], local_step=0)
        a2 = q.apply_grad(grad_indices=[1, 3, 3], grad_values=[[5., 5.], [10., 10.], [1., 1.]],
                          grad_shape=[5, 2], local_step=0)
        t = q.take_grad(2)
        tis = q.take_indexed_slices_grad(1)
        n = q.num_accumulated()
        sl = tf.IndexedSlices(tf.constant([[7., 7.], [1., 2.]]), tf.constant([4, 2], tf.int64),
                              tf.constant([5, 2], tf.int64))
        a3 = q.apply_indexed_slices_grad(sl, local_step=5)
        a4 = q.apply_grad(grad_indices=[4, 2, 0], grad_values=[[1., 1.], [0., 3.], [2., 2.]],
                          local_step=1)
        stale = q.apply_grad(grad_indices=[2], grad_values=[[1., 1.]], local_step=0)
        bad = q.apply_grad(grad_indices=[0], grad_values=[[1., 1., 1.]], local_step=9)
        bad_shape = q.apply_grad(grad_indices=[0], grad_values=[[1., 1.]], grad_shape=[6, 2],
                                 local_step=9)
        out["ops"] = [o.name + ":" + o.type for o in g.get_operations()]
        with tf.Session() as s:
            s.run(a1)
            s.run(a2)
            out["n2"] = int(s.run(n))
            r = s.run(t)
            out["take"] = [_val(r.indices), _val(r.values), _val(r.shape)]
            s.run(a3)
            s.run(a4)
            s.run(stale)
            out["n_after_stale"] = int(s.run(n))
            r = s.run([tis.indices, tis.values, tis.dense_shape])
            out["take_slices"] = [_val(v) for v in r]
            for key, op in (("bad_values", bad), ("bad_shape", bad_shape)):
                try:
                    s.run(op)
                    out[key] = None
                except tf.errors.InvalidArgumentError as e:
                    out[key] = e.message.split("\n")[0]
    g = tf.Graph()
    with g.as_default():
        q2 = tf.SparseConditionalAccumulator(tf.float32, name="acc2", reduction_type="SUM")
        a = q2.apply_grad([2, 0], [[1.], [2.]])
        b = q2.apply_grad([2], [[3.]])
        t2 = q2.take_grad(2)
        with tf.Session() as s:
            s.run(a)
            s.run(b)
            r = s.run(t2)
            out["sum_unknown_shape"] = [_val(r.indices), _val(r.values), _val(r.shape)]
    return out
