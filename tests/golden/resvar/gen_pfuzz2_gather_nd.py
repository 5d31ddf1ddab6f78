"""tf.gather_nd of a variable under TF 1.14: a resource variable gathers through its own
gather_nd (GatherNd/ResourceGatherNd + Identity), which has no gradient, so tf.gradients and
an optimizer's minimize raise LookupError (fuzz class "ResourceGatherNd | build/run | no
error, TF LookupError", seed 880144); a reference variable builds a plain GatherNd and
trains. Read by tests/test_pfuzz2_gather_nd.py.
"""
from __future__ import absolute_import

import numpy as np

INIT = np.arange(8, dtype=np.float32).reshape(1, 2, 2, 2) / 4 - 0.7
INDICES = np.array([[0, 1], [0, 0]], np.int32)


def _graph(tf, use_resource, minimize):
    with tf.Graph().as_default() as g:
        v = tf.Variable(INIT, use_resource=use_resource, name="v")
        y = tf.gather_nd(v, INDICES)
        loss = tf.reduce_sum(y * y)
        rec = {"ops": [[op.name, op.type] for op in g.get_operations()], "shape": str(y.shape)}
        try:
            step = tf.train.GradientDescentOptimizer(0.1).minimize(loss) if minimize \
                else tf.gradients(loss, [v])[0]
        except LookupError as e:
            return dict(rec, error=e)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            rec["y"] = sess.run(y)
            rec["step"] = sess.run(step) if not minimize else None
            if minimize:
                sess.run(step)
                rec["v_after"] = sess.run(v)
        return rec


def cases(tf):
    out = {}
    for kind, use_resource in (("resource", True), ("ref", False)):
        out[kind + "/gradients"] = _graph(tf, use_resource, False)
        out[kind + "/minimize"] = _graph(tf, use_resource, True)
    with tf.Graph().as_default():
        v = tf.Variable(INIT, use_resource=True, name="v")
        named = tf.gather_nd(v, INDICES, name="pick")
        out["resource/named"] = [named.name, named.op.inputs[0].op.name,
                                 named.op.inputs[0].op.type]
    return out
