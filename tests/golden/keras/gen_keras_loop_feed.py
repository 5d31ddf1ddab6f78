"""A Keras LSTM / GRU loop's gradient in a run that feeds a tensor TF 1.14's session
cannot give Grappler a fake input for (a Fill's output, `split:1`): TF skips Grappler for
the whole graph, loop bodies included, so the gradient body's AddNs sum in tf.gradients'
order, not sorted by name (addn_order.py). flowgrad's fused Keras loop runner
(engine/ops/keras_loop.py `_orders`) reads the orders with the options
control_flow._sub_options gives the loop (Grappler off). Against TF bit for bit; the
"none" runs (Grappler on) for comparison."""
import numpy as np


def _case(tf, kind, feed_kind):
    with tf.Graph().as_default():
        tf.set_random_seed(1)
        x = tf.placeholder(tf.float32, [4, 5, 3])
        init = tf.fill([4, 6], 0.0)
        parts = tf.split(tf.ones([4, 12]), 2, axis=1)
        h0 = parts[1] if feed_kind == "split1" else init
        if kind == "gru":
            layer = tf.keras.layers.GRU(6, return_sequences=True)
            y = layer(x, initial_state=[h0])
        else:
            layer = tf.keras.layers.LSTM(6, return_sequences=True)
            y = layer(x, initial_state=[h0, h0])
        loss = tf.reduce_sum(y * y) / 7.0
        grads = tf.gradients(loss, layer.trainable_weights + [x])
        rng = np.random.RandomState(0)
        feed = {x: rng.randn(4, 5, 3).astype(np.float32)}
        hv = (rng.randn(4, 6) * 0.5).astype(np.float32)
        if feed_kind == "fill":
            feed[init] = hv
        elif feed_kind == "split1":
            feed[parts[1]] = hv
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            return [np.asarray(v) for v in s.run(grads + [loss], feed)]


def cases(tf):
    out = {}
    for kind in ("lstm", "gru"):
        for feed_kind in ("none", "fill", "split1"):
            out["%s_%s" % (kind, feed_kind)] = _case(tf, kind, feed_kind)
    return out
