"""tf.contrib.quantize (TF 1.14 contrib/quantize/python/quantize_graph.py, quantize.py,
quant_ops.py, fold_batch_norms.py): small seeded models -- conv + bias + relu, dense +
relu6, a final dense, a residual conv with a bypass Add and a post-activation Add, a
depthwise conv, slim layers with fused batch norms (folded: eval, and training with
TF's corrections and FoldFusedBatchNormGrad, which Grappler's push-down through
tf.gradients' gates orders) -- rewritten by create_training_graph / create_eval_graph and the
experimental variants (bits, symmetric, quant_delay, scope): the ops (name, type,
inputs) the rewrite adds and reroutes, the collections, the losses and every global
variable after a few gradient-descent steps; argspecs, public names and errors. Made on
the host it records (an Intel Xeon when first made): its test runs flowgrad with
FLOWGRAD_CPU of that vendor."""

import numpy as np

from contrib_cases import function_argspecs
from goldenio import host_vendor


def _ops(g):
    """"name type input,input..." of each op (one string each: the golden stays small)."""
    return [f"{op.name} {op.type} {','.join(t.name for t in op.inputs)}"
            for op in g.get_operations()]


def _const(rng, shape, scale):
    return (rng.randn(*shape) * scale).astype(np.float32)


def dense_model(tf):
    """conv + bias + relu, dense + relu6, a final dense (no activation)."""
    rng = np.random.RandomState(0)
    x = tf.constant(_const(rng, [2, 6, 6, 3], 1.0), name="x")
    h = tf.layers.conv2d(x, 4, 3, activation=tf.nn.relu, name="conv",
                         kernel_initializer=tf.constant_initializer(_const(rng, [3, 3, 3, 4], .3)),
                         bias_initializer=tf.constant_initializer(0.1))
    h = tf.reshape(h, [2, -1])
    h = tf.layers.dense(h, 5, activation=tf.nn.relu6, name="fc1",
                        kernel_initializer=tf.constant_initializer(_const(rng, [64, 5], .2)))
    return tf.layers.dense(h, 2, name="logits",
                           kernel_initializer=tf.constant_initializer(_const(rng, [5, 2], .4)))


def residual_model(tf):
    """A conv block with a bypass Add before its relu, a conv with a post-activation Add, a
    depthwise conv (Identity activation), a Mul and an Add of its quantized output."""
    rng = np.random.RandomState(1)
    x = tf.constant(_const(rng, [2, 5, 5, 2], 1.0), name="x")
    with tf.variable_scope("block"):
        w = tf.get_variable("weights", initializer=_const(rng, [3, 3, 2, 2], .4))
        b = tf.get_variable("biases", initializer=_const(rng, [2], .1))
        conv = tf.nn.bias_add(tf.nn.conv2d(x, w, [1, 1, 1, 1], "SAME"), b)
        h = tf.nn.relu(tf.add(conv, x, name="Add"), name="Relu")
    with tf.variable_scope("post"):
        w = tf.get_variable("weights", initializer=_const(rng, [1, 1, 2, 2], .5))
        b = tf.get_variable("biases", initializer=_const(rng, [2], .1))
        r = tf.nn.relu6(tf.nn.bias_add(tf.nn.conv2d(h, w, [1, 1, 1, 1], "SAME"), b))
        p = tf.add(h, r, name="Add")
    with tf.variable_scope("dw"):
        w = tf.get_variable("depthwise_weights", initializer=_const(rng, [3, 3, 2, 1], .4))
        b = tf.get_variable("biases", initializer=_const(rng, [2], .1))
        d = tf.identity(tf.nn.bias_add(tf.nn.depthwise_conv2d(p, w, [1, 1, 1, 1], "VALID"), b))
    s = tf.reduce_mean(d, [1, 2]) + tf.reduce_mean(p, [1, 2])
    t = tf.reshape(d, [2, 18]) * 0.5 + 1.0   # (activation_Mul_quant, activation_Add_quant)
    return s * tf.reduce_sum(r) + tf.reduce_sum(t, 1, keepdims=True)


def layers_bn_model(tf):
    """tf.layers' unfused batch norm (`batch_normalization/batchnorm/...`: not the
    `BatchNorm/batchnorm` TF folds) between a conv and its relu, then a dense layer."""
    rng = np.random.RandomState(2)
    x = tf.constant(_const(rng, [2, 4, 4, 2], 1.0), name="x")
    h = tf.layers.conv2d(x, 3, 3, use_bias=False, name="conv",
                         kernel_initializer=tf.constant_initializer(_const(rng, [3, 3, 2, 3], .4)))
    h = tf.nn.relu(tf.layers.batch_normalization(h, fused=False, training=True))
    return tf.layers.dense(tf.reshape(h, [2, 12]), 2, name="logits",
                           kernel_initializer=tf.constant_initializer(_const(rng, [12, 2], .3)))


def bn_model(tf):
    """slim layers with fused batch norms built for inference: a conv + relu6, a separable
    (depthwise) conv, a fully connected layer (its batch norm between two Reshapes)."""
    rng = np.random.RandomState(3)
    L = tf.contrib.layers

    def bn(scale):
        return {"fused": True, "is_training": False, "scale": scale,
                "param_initializers": {
                    "beta": tf.constant_initializer(0.1),
                    "gamma": tf.constant_initializer(1.3),
                    "moving_mean": tf.constant_initializer(0.2),
                    "moving_variance": tf.constant_initializer(1.7)}}
    x = tf.constant(_const(rng, [2, 6, 6, 2], 1.0), name="x")
    h = L.conv2d(x, 3, 3, activation_fn=tf.nn.relu6, normalizer_fn=L.batch_norm,
                 normalizer_params=bn(True), scope="conv",
                 weights_initializer=tf.constant_initializer(_const(rng, [3, 3, 2, 3], .4)))
    h = L.separable_conv2d(h, None, 3, 1, normalizer_fn=L.batch_norm,
                           normalizer_params=bn(False), scope="dw", padding="VALID",
                           weights_initializer=tf.constant_initializer(
                               _const(rng, [3, 3, 3, 1], .4)))
    return L.fully_connected(tf.reshape(h, [2, 48]), 2, normalizer_fn=L.batch_norm,
                             normalizer_params=bn(True), scope="fc",
                             weights_initializer=tf.constant_initializer(
                                 _const(rng, [48, 2], .3)))

def bn_training_model(tf):
    """slim layers with fused batch norms in training mode (folded with TF's corrections,
    Undo_Bessel_Correction and FoldFusedBatchNormGrad): a conv + relu, a separable
    (depthwise) conv, a fully connected layer."""
    rng = np.random.RandomState(4)
    L = tf.contrib.layers
    p = {"fused": True, "is_training": True, "scale": True}
    x = tf.constant(_const(rng, [4, 5, 5, 2], 1.0), name="x")
    h = L.conv2d(x, 3, 3, activation_fn=tf.nn.relu, normalizer_fn=L.batch_norm,
                 normalizer_params=p, scope="conv",
                 weights_initializer=tf.constant_initializer(_const(rng, [3, 3, 2, 3], .4)))
    h = L.separable_conv2d(h, None, 3, 1, normalizer_fn=L.batch_norm, normalizer_params=p,
                           scope="dw", padding="VALID",
                           weights_initializer=tf.constant_initializer(
                               _const(rng, [3, 3, 3, 1], .4)))
    return L.fully_connected(tf.reshape(h, [4, 27]), 2, normalizer_fn=L.batch_norm,
                             normalizer_params=p, scope="fc",
                             weights_initializer=tf.constant_initializer(
                                 _const(rng, [27, 2], .3)))


def _train(tf, build, rewrite, steps, rate=0.05):
    g = tf.Graph()
    with g.as_default():
        y = build(tf)
        rewrite()
        out = {"ops": _ops(g),
               "collections": {k: [v.name for v in g.get_collection(k)]
                               for k in sorted(g.get_all_collection_keys())}}
        loss = tf.reduce_sum(tf.square(y - 0.5))
        step = tf.train.GradientDescentOptimizer(rate).minimize(loss)
        names = [v.name for v in tf.global_variables()]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            out["losses"] = [sess.run([loss, step])[0] for _ in range(steps)]
            out["variables"] = dict(zip(names, sess.run(tf.global_variables())))
            out["y"] = sess.run(y)
    return out


def _eval(tf, build, rewrite):
    g = tf.Graph()
    with g.as_default():
        y = build(tf)
        rewrite()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return {"ops": _ops(g), "y": sess.run(y)}


def training(tf):
    Q = tf.contrib.quantize
    return {
        "dense": _train(tf, dense_model, lambda: Q.create_training_graph(), 3),
        "dense_delay": _train(tf, dense_model,
                              lambda: Q.create_training_graph(quant_delay=2), 4),
        "residual": _train(tf, residual_model, lambda: Q.create_training_graph(), 3),
        "experimental": _train(tf, residual_model, lambda: Q.experimental_create_training_graph(
            weight_bits=4, activation_bits=6, symmetric=True, quant_delay=1), 3),
        "layers_batch_norm": _train(tf, layers_bn_model,
                                    lambda: Q.create_training_graph(), 2),
        "scope": _train(tf, dense_model, lambda: Q.experimental_create_training_graph(
            scope="fc1"), 2),
        "batch_norm": _train(tf, bn_training_model, lambda: Q.create_training_graph(), 3),
    }


def evaluation(tf):
    Q = tf.contrib.quantize
    return {
        "batch_norm": _eval(tf, bn_model, lambda: Q.create_eval_graph()),
        # (fused batch norms in training mode: folded with the batch statistics)
        "batch_norm_training_mode": _eval(tf, bn_training_model,
                                          lambda: Q.create_eval_graph()),
        "dense": _eval(tf, dense_model, lambda: Q.create_eval_graph()),
        "residual": _eval(tf, residual_model, lambda: Q.create_eval_graph()),
        "experimental": _eval(tf, residual_model, lambda: Q.experimental_create_eval_graph(
            weight_bits=5, symmetric=True, quant_delay=3, scope="post")),
    }


def signatures(tf):
    return function_argspecs(tf.contrib.quantize)


def errors(tf):
    g = tf.Graph()
    with g.as_default():
        v = tf.Variable(1.0)
        tf.train.GradientDescentOptimizer(0.1).minimize(v * v)
        try:
            tf.contrib.quantize.create_training_graph()
        except ValueError as e:
            return {"training_op": str(e)}


def cases(tf):
    return {"vendor": host_vendor(), "training": training(tf), "evaluation": evaluation(tf),
            "signatures": signatures(tf), "errors": errors(tf),
            "public": sorted(n for n in dir(tf.contrib.quantize) if not n.startswith("_"))}

