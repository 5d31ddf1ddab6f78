"""TF 1.14's tf.keras.layers.AbstractRNNCell: a custom cell subclassing it, run by
keras.layers.RNN with fixed weights (outputs, final states, gradients), its zero initial
states (nested state sizes), and the errors (abstract members, no batch size).

    python tools/goldens.py regen keras/abstract_cell
"""
import numpy as np


def make_cell(tf):
    class MinimalRNNCell(tf.keras.layers.AbstractRNNCell):
        def __init__(self, units, **kwargs):
            self.units = units
            super(MinimalRNNCell, self).__init__(**kwargs)

        @property
        def state_size(self):
            return (self.units, self.units)

        @property
        def output_size(self):
            return self.units

        def build(self, input_shape):
            self.kernel = self.add_weight(shape=(int(input_shape[-1]), self.units),
                                          initializer="uniform", name="kernel")
            self.recurrent_kernel = self.add_weight(shape=(self.units, self.units),
                                                    initializer="uniform",
                                                    name="recurrent_kernel")
            self.built = True

        def call(self, inputs, states):
            prev, acc = states[0], states[1]
            h = tf.tanh(tf.matmul(inputs, self.kernel) + tf.matmul(prev, self.recurrent_kernel))
            return h, [h, acc + h]
    return MinimalRNNCell


def run(tf):
    x = np.random.RandomState(51).randn(2, 4, 3).astype("float32")
    with tf.Graph().as_default():
        with tf.Session() as sess:
            tf.keras.backend.set_session(sess)
            xp = tf.placeholder(tf.float32, [None, 4, 3])
            cell = make_cell(tf)(5)
            layer = tf.keras.layers.RNN(cell, return_sequences=True, return_state=True)
            outs = layer(xp)
            sess.run(tf.global_variables_initializer())
            rs = np.random.RandomState(52)
            layer.set_weights([(rs.rand(*w.shape.as_list()) - 0.5).astype("float32")
                               for w in layer.weights])
            grads = tf.gradients(tf.add_n([tf.reduce_sum(o) for o in outs]),
                                 [xp] + layer.weights)
            init = cell.get_initial_state(batch_size=3, dtype=tf.float32)
            init_x = cell.get_initial_state(inputs=xp[:, 0])
            got = sess.run({"outs": outs, "grads": grads, "init": init, "init_x": init_x},
                           {xp: x})
            got["weights"] = [w.name for w in layer.weights]
            return got


def errors(tf):
    out = {}
    with tf.Graph().as_default():
        cell = tf.keras.layers.AbstractRNNCell()
        for name in ("state_size", "output_size"):
            try:
                getattr(cell, name)
            except NotImplementedError as e:
                out[name] = e
        try:
            cell.call(None, None)
        except NotImplementedError as e:
            out["call"] = e
        try:
            make_cell(tf)(2).get_initial_state()
        except ValueError as e:
            out["no_batch"] = e
    return out


def cases(tf):
    return {"run": run(tf), "errors": errors(tf)}
