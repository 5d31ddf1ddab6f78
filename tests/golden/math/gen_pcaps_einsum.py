"""tf.einsum equations whose output repeats a label or names one no input has (a diagonal
asked as 'ij->ii', a typo'd output): TF 1.14 parses them, builds the products and sums,
then raises "Invalid equation" (an input's repeated label is "Subscript not supported"
before any op). Each case: the error (class, message) and the types of the ops built.
Operands of unknown rank: a contraction takes len() of their shapes (ValueError); a
Transpose of one perm entry keeps the unknown shape.

Read by tests/test_pcaps_einsum.py.
"""
from __future__ import absolute_import

EQUATIONS = [("ij->k", [[4, 4]]), ("ij,jk->ikk", [[4, 4], [4, 4]]),
             ("bij,bjk->bkk", [[2, 3, 4], [2, 4, 5]]), ("ij,jk->ii", [[4, 4], [4, 4]]),
             ("ij->ii", [[4, 4]]), ("i,i->ii", [[4], [4]]), ("iij,jk->ikk", [[4, 4, 4], [4, 4]]),
             ("bij->bii", [[2, 3, 4]]), ("ij,j->jj", [[4, 4], [4]]), ("i,j->ijj", [[4], [4]]),
             ("ijk,k->kk", [[2, 3, 4], [4]]), ("ij,jk->ik", [[2, 3], [3, 4]])]


def _case(tf, equation, shapes):
    with tf.Graph().as_default() as g:
        inputs = [tf.ones(s) for s in shapes]
        n0 = len(g.get_operations())
        try:
            out = str(tf.einsum(equation, *inputs).shape)
        except ValueError as e:
            out = (type(e).__name__, str(e))
        return [out, [o.type for o in g.get_operations()[n0:]]]


# operands of unknown rank (None): a contraction takes len() of their static shapes
UNKNOWN_RANK = [("bij,bjk->bik", [None, [2, 4, 5]]), ("ij,jk->ik", [[2, 3], None]),
                ("ij->ji", [None]), ("ii->i", [None]), ("ij,ij->ij", [None, None]),
                ("...ij,jk->...ik", [None, [3, 4]]), ("i,i", [None, None]), ("ij->j", [None])]


def _unknown_rank(tf, equation, shapes):
    with tf.Graph().as_default():
        inputs = [tf.placeholder(tf.float32) if s is None else tf.ones(s) for s in shapes]
        try:
            return str(tf.einsum(equation, *inputs).shape)
        except ValueError as e:
            return (type(e).__name__, str(e))


def transposes(tf):
    """Transpose's static shape for an input of unknown rank: a perm of one entry keeps
    the unknown shape, whatever the entry."""
    with tf.Graph().as_default():
        p = tf.placeholder(tf.float32)
        perms = [[0], [5], [1, 0], tf.placeholder(tf.int32, [1]),
                 tf.placeholder(tf.int32, [None]), tf.placeholder(tf.int32, [3])]
        return [str(tf.transpose(p, perm).shape) for perm in perms]


def cases(tf):
    out = {eq: _case(tf, eq, shapes) for eq, shapes in EQUATIONS}
    for eq, shapes in UNKNOWN_RANK:
        out["unknown_rank " + eq] = _unknown_rank(tf, eq, shapes)
    out["transposes"] = transposes(tf)
    return out
