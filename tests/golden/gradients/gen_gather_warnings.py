"""TF 1.14 goldens: which "Converting sparse IndexedSlices to a dense Tensor" warnings
a gradient through gathers emits. GatherV2's axis-0 gradient reshapes an IndexedSlices
grad (a downstream gather's) silently, as do Reshape's, ExpandDims' and Squeeze's
gradients; ResourceGather's gradient does not silence it.
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


def _reshaped_gather(tf, view):
    """A gather's sparse gradient meeting the gradient of a Reshape, ExpandDims or Squeeze
    of a tensor of unknown shape (a CRF's unary scores): TF densifies it silently."""
    x = tf.placeholder_with_default(np.arange(12.0, dtype=np.float32).reshape(3, 4),
                                    [None, None])
    y = tf.gather(view(tf, x), [1, 5, 5])
    return [tf.convert_to_tensor(g) for g in tf.gradients(tf.reduce_sum(y * 2.0), x)]


def _crf(tf):
    un = tf.placeholder_with_default(np.linspace(-1, 1, 24).reshape(2, 4, 3).astype(np.float32),
                                     [None, None, 3])
    ll, trans = tf.contrib.crf.crf_log_likelihood(
        un, tf.placeholder_with_default([[0, 1, 2, 1], [2, 2, 0, 0]], [None, None]),
        tf.constant([4, 2]), tf.constant(np.eye(3, dtype=np.float32)))
    return tf.gradients(tf.reduce_sum(ll), [un])


CASES = {
    "reshape": lambda tf: _warned(tf, lambda tf: _reshaped_gather(
        tf, lambda tf, x: tf.reshape(x, [-1]))),
    "expand_dims": lambda tf: _warned(tf, lambda tf: _reshaped_gather(
        tf, lambda tf, x: tf.expand_dims(tf.reshape(x, [-1]), 1))),
    "squeeze": lambda tf: _warned(tf, lambda tf: _reshaped_gather(
        tf, lambda tf, x: tf.squeeze(tf.reshape(x, [-1, 1]), [1]))),
    "crf_log_likelihood": lambda tf: _warned(tf, _crf),
    "ref_variable": lambda tf: _warned(tf, lambda tf: _gather_of_gather(tf, False)),
    "resource_variable": lambda tf: _warned(tf, lambda tf: _gather_of_gather(tf, True)),
}


def cases(tf):
    return {name: f(tf) for name, f in sorted(CASES.items())}
