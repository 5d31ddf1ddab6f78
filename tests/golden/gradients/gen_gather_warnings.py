"""TF 1.14 goldens: which "Converting sparse IndexedSlices to a dense Tensor" warnings
a gradient through gathers emits. GatherV2's axis-0 gradient reshapes an IndexedSlices
grad (a downstream gather's) silently; ResourceGather's gradient does not silence it.
Output: gather_warnings.json, read by tests/test_gather_grad_warnings.py.
"""
import warnings

import numpy as np


def _warned(tf, build):
    with tf.Graph().as_default():
        with warnings.catch_warnings(record=True) as got:
            warnings.simplefilter("always")
            values = build(tf)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                out = sess.run(values)
    msgs = [str(m.message).split(" of ")[0].split(" with ")[0] for m in got
            if "IndexedSlices" in str(m.message)]
    return {"warnings": msgs, "values": [np.asarray(v) for v in out]}


def _gather_of_gather(tf, use_resource):
    p = tf.get_variable("p", initializer=tf.ones([5, 2]), use_resource=use_resource)
    x = tf.gather(p, tf.placeholder_with_default([0, 1, 1], [None]))
    y = tf.gather(x, [2, 0])
    return [tf.convert_to_tensor(g) for g in tf.gradients(tf.reduce_sum(y * 3.0), p)]


CASES = {
    "ref_variable": lambda tf: _warned(tf, lambda tf: _gather_of_gather(tf, False)),
    "resource_variable": lambda tf: _warned(tf, lambda tf: _gather_of_gather(tf, True)),
}


def cases(tf):
    return {name: f(tf) for name, f in sorted(CASES.items())}
