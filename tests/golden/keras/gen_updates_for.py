"""TF 1.14's Model.get_updates_for / get_losses_for when a model built on its own Input
is called again on a placeholder (the updates and losses conditional on each input,
found by graph reachability), and a TF1 training loop that minimizes the model's loss
under the updates for the placeholder.

    python tools/goldens.py regen keras/updates_for
"""
import numpy as np


def _names(xs):
    return [getattr(x, "name", str(x)) for x in xs]


def cases(tf):
    L = tf.keras.layers
    out = {}
    with tf.Graph().as_default():
        tf.set_random_seed(31)
        with tf.Session().as_default() as sess:
            tf.keras.backend.set_session(sess)
            x = tf.placeholder(tf.float32, [None, 5], name="x")
            y = tf.placeholder(tf.float32, [None, 1], name="y")
            m = tf.keras.Sequential([
                L.Dense(8, activation="relu", input_shape=(5,),
                        kernel_regularizer=tf.keras.regularizers.l2(0.01),
                        activity_regularizer=tf.keras.regularizers.l1(0.01)),
                L.BatchNormalization(), L.Dense(1)])
            out_t = m(x)
            out["updates"] = {"x": _names(m.get_updates_for(x)),
                              "own_input": _names(m.get_updates_for(m.inputs)),
                              "none": _names(m.get_updates_for(None)),
                              "all": _names(m.updates)}
            out["losses"] = {"x": _names(m.get_losses_for(x)),
                             "own_input": _names(m.get_losses_for(m.inputs)),
                             "none": _names(m.get_losses_for(None))}
            loss = tf.reduce_mean(tf.square(out_t - y)) + tf.add_n(m.get_losses_for(None))
            with tf.control_dependencies(m.get_updates_for(x)):
                train = tf.train.AdamOptimizer(0.01).minimize(loss)
            rs = np.random.RandomState(0)
            xv = rs.randn(10, 5).astype(np.float32)
            yv = rs.randn(10, 1).astype(np.float32)
            sess.run(tf.global_variables_initializer())
            out["losses_trained"] = [
                float(sess.run([loss, train], {x: xv, y: yv,
                                               tf.keras.backend.learning_phase(): 1})[0])
                for _ in range(3)]
            out["moving_mean"] = sess.run(m.layers[1].moving_mean)
    out.update(_fit_updates(tf))
    return out


def _fit_updates(tf):
    """The updates fit() runs (TF 1.14's _make_train_function: get_updates_for(None) and
    get_updates_for(model.inputs)): not an update added with inputs= that does not depend
    on them, nor the batch norm updates of the model's call on another placeholder."""
    K, L = tf.keras.backend, tf.keras.layers

    class Count(L.Layer):
        def build(self, input_shape):
            self.n = self.add_weight("n", shape=(), initializer="zeros", trainable=False)
            self.u = self.add_weight("u", shape=(), initializer="zeros", trainable=False)
            super(Count, self).build(input_shape)

        def call(self, x):
            self.add_update(K.update_add(self.n, 1.0), inputs=x)
            self.add_update(K.update_add(self.u, 1.0))
            return x * 2.0

    out = {}
    with tf.Graph().as_default():
        tf.set_random_seed(32)
        with tf.Session().as_default() as sess:
            K.set_session(sess)
            count = Count(input_shape=(3,))
            m = tf.keras.Sequential([count, L.BatchNormalization(), L.Dense(1)])
            m(tf.placeholder(tf.float32, [None, 3], name="other"))
            m.compile(tf.keras.optimizers.SGD(0.1), "mse")
            rs = np.random.RandomState(1)
            m.fit(rs.randn(12, 3).astype(np.float32), rs.randn(12, 1).astype(np.float32),
                  batch_size=4, epochs=1, shuffle=False, verbose=0)
            out["fit_updates"] = {
                "all": len(m.updates), "none": len(m.get_updates_for(None)),
                "own_input": len(m.get_updates_for(m.inputs)),
                "n": float(K.get_value(count.n)), "u": float(K.get_value(count.u)),
                "moving_mean": K.get_value(m.layers[1].moving_mean)}
    return out
