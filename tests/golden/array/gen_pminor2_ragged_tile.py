"""TF 1.14's tf.tile of a RaggedTensor (its ragged dispatch to ragged_array_ops.tile, scope
RaggedTile; the failed dense call uses up `Tile` or the name given): per case the tiled
value, the ops it builds (name, type), the static shapes of flat_values and the row
splits; a fed multiples; the errors of a matrix and a float multiples
(tests/test_pminor2_ragged_tile.py). Made on the host it names under "host" (nothing here
depends on the CPU)."""
import numpy as np
from goldenio import host_vendor

CASES = [([[1, 2], [3]], [2, 1]), ([[1, 2], [3]], [3, 2]),
         ([[[1, 2], [3]], [], [[4]]], [2, 1, 3]), ([[[1, 2], [3]], [], [[4]]], [1, 2, 2]),
         ([[1., 2.], []], [1, 1]), ([[[1, 2]], [[3, 4], [5, 6]]], [2, 2, 1])]


def _dims(shape):
    return None if shape.ndims is None else [-1 if d is None else d for d in shape.as_list()]


def _tiled(tf, g, t, feed=None):
    with tf.Session(graph=g) as sess:
        value = sess.run(t, feed)
    return {"value": value.to_list(), "flat_values": _dims(t.flat_values.shape),
            "splits": [_dims(s.shape) for s in t.nested_row_splits]}


def case(tf, value, multiples, ragged_rank=None):
    with tf.Graph().as_default() as g:
        rt = tf.ragged.constant(value, ragged_rank=ragged_rank)
        n = len(g.get_operations())
        t = tf.tile(rt, multiples)
        out = _tiled(tf, g, t)
        out["ops"] = [[op.name, op.type] for op in g.get_operations()[n:]]
        return out


def fed(tf):
    with tf.Graph().as_default() as g:
        rt = tf.ragged.constant([[1, 2], [3]])
        p = tf.placeholder(tf.int32, [2])
        t = tf.tile(rt, p, name="tt")
        out = _tiled(tf, g, t, {p: np.array([2, 3], np.int32)})
        out["names"] = [t.flat_values.name] + [s.name for s in t.nested_row_splits]
        return out


def errors(tf):
    got = []
    for multiples in ([[2, 1]], [2., 1.]):
        with tf.Graph().as_default():
            try:
                tf.tile(tf.ragged.constant([[1, 2], [3]]), multiples)
                got.append(None)
            except (TypeError, ValueError) as e:
                got.append([type(e).__name__, str(e).split("\n")[0]])
    return got


def cases(tf):
    out = {"host": host_vendor(), "fed": fed(tf), "errors": errors(tf)}
    for k, (value, multiples) in enumerate(CASES):
        out["case%d" % k] = case(tf, value, multiples, 1 if k == 5 else None)
    return out
