"""tf.einsum equations whose output repeats a label or names one no input has (a diagonal
asked as 'ij->ii', a typo'd output): TF 1.14 parses them, builds the products and sums,
then raises "Invalid equation" (an input's repeated label is "Subscript not supported"
before any op). Each case: the error (class, message) and the types of the ops built.

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


def cases(tf):
    return {eq: _case(tf, eq, shapes) for eq, shapes in EQUATIONS}
