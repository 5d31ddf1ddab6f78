"""TF 1.14's tf.contrib.layers and slim: ops, variables, collections, values, gradients."""
import numpy as np

from gen_tf_layers import _fresh, _rand, _run


def _fc(tf):
    layers = tf.contrib.layers
    x = tf.placeholder(tf.float32, [None, 3])
    h = layers.fully_connected(x, 4, weights_regularizer=tf.nn.l2_loss)
    h = layers.fully_connected(h, 3, activation_fn=None, scope="logits",
                               variables_collections=["extra"],
                               outputs_collections=["outs"])
    h2 = layers.fully_connected(x * 2.0, 4, scope="fully_connected", reuse=True,
                                activation_fn=tf.nn.tanh)
    return x, [h, h2]


def _slim_cnn(tf):
    slim = tf.contrib.slim
    x = tf.placeholder(tf.float32, [2, 8, 8, 3])
    with slim.arg_scope([slim.conv2d, slim.fully_connected], activation_fn=tf.nn.relu,
                        weights_initializer=tf.contrib.layers.xavier_initializer()):
        with slim.arg_scope([slim.conv2d], padding="SAME"):
            h = slim.conv2d(x, 4, [3, 3], scope="conv1")
            h = slim.max_pool2d(h, [2, 2], scope="pool1")
            h = slim.repeat(h, 2, slim.conv2d, 4, [3, 3], scope="conv2")
            h = slim.avg_pool2d(h, [2, 2])
            h = slim.stack(h, slim.conv2d, [(2, [1, 1]), (3, [1, 1])], scope="st")
        h = slim.flatten(h)
        h = slim.dropout(h, 0.6, is_training=True, seed=2)
        h = slim.fully_connected(h, 2, activation_fn=None, scope="fc")
    return x, [h]


def _bn(tf):
    layers = tf.contrib.layers
    x = tf.placeholder(tf.float32, [4, 3, 3, 2])
    h = layers.batch_norm(x, scale=True, decay=0.9)
    h2 = layers.batch_norm(tf.reshape(x, [4, 18]), is_training=True, updates_collections=None)
    h3 = layers.batch_norm(tf.reshape(x, [4, 18]), decay=0.5,
                           param_initializers={"beta": tf.constant_initializer(0.5)})
    h4 = layers.conv2d(x, 2, 3, normalizer_fn=layers.batch_norm,
                       normalizer_params={"is_training": False})
    return x, [h, h2, h3, h4]


def _init_ops(tf):
    layers = tf.contrib.layers
    x = tf.placeholder(tf.float32, [2, 4])
    v1 = tf.get_variable("v1", [4, 3], initializer=layers.xavier_initializer(uniform=False))
    v2 = tf.get_variable("v2", [3, 3, 2, 5], initializer=layers.variance_scaling_initializer())
    v3 = tf.get_variable("v3", [4, 3], initializer=layers.variance_scaling_initializer(
        factor=1.0, mode="FAN_OUT", uniform=True))
    return x, [tf.matmul(x, v1 + v3), tf.reduce_sum(v2 + 0.0) + 0 * x]


def _framework(tf):
    slim = tf.contrib.slim
    out = {}
    with tf.variable_scope("a"):
        slim.model_variable("w", [2], initializer=tf.zeros_initializer())
        slim.variable("v", [3])
    with tf.variable_scope("b"):
        slim.model_variable("w", [1])
    out["all"] = [v.name for v in slim.get_variables()]
    out["scope_a"] = [v.name for v in slim.get_variables("a")]
    out["model"] = [v.name for v in slim.get_model_variables()]
    out["suffix"] = [v.name for v in slim.get_variables_by_suffix("w")]
    out["by_name"] = [v.name for v in slim.get_variables_by_name("v")]
    out["restore"] = [v.name for v in slim.get_variables_to_restore(exclude=["b"])]
    out["unique"] = slim.get_unique_variable("a/w").name
    gs = slim.get_or_create_global_step()
    out["global_step"] = [gs.name, slim.get_global_step().name]
    out["ops"] = [[op.name, op.type] for op in tf.get_default_graph().get_operations()]
    # (flowgrad's tf.one_hot makes its constants in another order than TF's)
    onehot = slim.one_hot_encoding(tf.constant([0, 2]), 3)
    with tf.Session() as sess:
        out["onehot"] = [onehot.name, sess.run(onehot)]
    return out


def cases(tf):
    return {
        "fc": _run(tf, _fc, _rand(5, 3)),
        "slim_cnn": _run(tf, _slim_cnn, _rand(2, 8, 8, 3)),
        "bn": _run(tf, _bn, _rand(4, 3, 3, 2), n_runs=2),
        "init": _run(tf, _init_ops, _rand(2, 4)),
        "framework": _fresh(tf, _framework),
        "extra_collections": _fresh(tf, _collections),
    }


def _collections(tf):
    x, _ = _fc(tf)
    g = tf.get_default_graph()
    return {k: [getattr(v, "name", str(v)) for v in g.get_collection(k)]
            for k in ("extra", "outs", "model_variables")}


del np
