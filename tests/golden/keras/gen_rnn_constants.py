"""TF 1.14's keras.layers.RNN with `constants`: a cell whose call takes
`constants=` (conditioned on a per-example vector), through the functional API (Input
constants; with an initial state; the list form with num_constants; a model rebuilt from
its config), through StackedRNNCells (the cells that take constants get them), on
placeholders in a Session, fit / predict values with fixed weights; a custom cell with an
int state_size gets its states as a list; the error for a cell without constants."""
import numpy as np


def make_cell_class(tf):
    class ConstCell(tf.keras.layers.Layer):
        def __init__(self, units, const_dim, **kwargs):
            super(ConstCell, self).__init__(**kwargs)
            self.units = units
            self.const_dim = const_dim
            self.state_size = units

        def build(self, input_shape):
            init = tf.keras.initializers.RandomUniform(-0.5, 0.5, seed=3)
            self.kernel = self.add_weight("kernel", (int(input_shape[-1]), self.units),
                                          initializer=init)
            self.recurrent = self.add_weight("recurrent", (self.units, self.units),
                                             initializer=init)
            self.c_kernel = self.add_weight("c_kernel", (self.const_dim, self.units),
                                            initializer=init)
            self.built = True

        def call(self, inputs, states, constants):
            prev = states[0]
            h = (tf.matmul(inputs, self.kernel) + tf.matmul(prev, self.recurrent) +
                 tf.matmul(constants[0], self.c_kernel))
            out = tf.tanh(h)
            return out, [out]

        def get_config(self):
            config = super(ConstCell, self).get_config()
            config.update({"units": self.units, "const_dim": self.const_dim})
            return config
    return ConstCell


def _fixed(m):
    rs = np.random.RandomState(4)
    m.set_weights([(rs.rand(*w.shape.as_list()) - 0.5).astype("float32") for w in m.weights])


def _data():
    rs = np.random.RandomState(5)
    return (rs.rand(6, 4, 3).astype("float32"), rs.rand(6, 2).astype("float32"),
            rs.rand(6, 5).astype("float32"), rs.rand(6, 5).astype("float32"))


def functional(tf):
    Cell = make_cell_class(tf)
    L = tf.keras.layers
    x, c, s, y = _data()
    xi, ci = L.Input((4, 3)), L.Input((2,))
    layer = L.RNN(Cell(5, 2), return_sequences=True)
    seq = layer(xi, constants=ci)
    out = L.Dense(5)(L.Flatten()(seq))
    m = tf.keras.Model([xi, ci], out)
    _fixed(m)
    m.compile(tf.keras.optimizers.SGD(0.1), "mse")
    before = m.predict([x, c])
    h = m.fit([x, c], y, batch_size=3, epochs=2, verbose=0, shuffle=False)
    config = layer.get_config()
    rebuilt = tf.keras.Model.from_config(m.get_config(), custom_objects={"ConstCell": Cell})
    rebuilt.set_weights(m.get_weights())
    return {"before": before, "loss": [float(v) for v in h.history["loss"]],
            "after": m.predict([x, c]), "num_constants": config["num_constants"],
            "rebuilt": rebuilt.predict([x, c]),
            "weights": [w.name for w in m.weights]}


def with_state(tf):
    Cell = make_cell_class(tf)
    L = tf.keras.layers
    x, c, s, _ = _data()
    xi, ci, si = L.Input((4, 3)), L.Input((2,)), L.Input((5,))
    layer = L.RNN(Cell(5, 2), return_state=True)
    out, state = layer(xi, initial_state=si, constants=ci)
    m = tf.keras.Model([xi, si, ci], [out, state])
    _fixed(m)
    first = m.predict([x, s, c])
    # the list form, once num_constants is known
    out2 = layer([xi, si, ci])
    m2 = tf.keras.Model([xi, si, ci], out2)
    return {"outputs": first, "list_form": m2.predict([x, s, c])}


def stacked(tf):
    Cell = make_cell_class(tf)
    L = tf.keras.layers
    x, c, _, _ = _data()
    xi, ci = L.Input((4, 3)), L.Input((2,))
    cells = L.StackedRNNCells([Cell(4, 2), L.SimpleRNNCell(3), Cell(5, 2)])
    out = L.RNN(cells, go_backwards=True)(xi, constants=ci)
    m = tf.keras.Model([xi, ci], out)
    _fixed(m)
    return {"predict": m.predict([x, c]), "weights": [w.name for w in m.weights]}


def placeholders(tf):
    Cell = make_cell_class(tf)
    x, c, _, _ = _data()
    xp = tf.placeholder(tf.float32, [None, 4, 3])
    cp = tf.placeholder(tf.float32, [None, 2])
    layer = tf.keras.layers.RNN(Cell(5, 2), unroll=True)
    y = layer(xp, constants=cp)
    sess = tf.keras.backend.get_session()
    sess.run(tf.global_variables_initializer())
    rs = np.random.RandomState(4)
    for w in layer.weights:
        w.load((rs.rand(*w.shape.as_list()) - 0.5).astype("float32"), sess)
    return sess.run(y, {xp: x, cp: c})


def list_states(tf):
    """A custom Keras cell with an int state_size: what its call receives as states."""
    seen = []

    class Cell(tf.keras.layers.Layer):
        state_size = 2

        def call(self, inputs, states):
            seen.append(type(states).__name__)
            return inputs[:, :2], [states[0] + inputs[:, :2]]
    x, _, _, _ = _data()
    xi = tf.keras.layers.Input((4, 3))
    m = tf.keras.Model(xi, tf.keras.layers.RNN(Cell())(xi))
    return {"types": sorted(set(seen)), "predict": m.predict(x)}


def bidirectional(tf):
    """Bidirectional over a cell taking constants: with constants, with constants and
    initial states (forward then backward), the list form, fit, and a rebuilt model."""
    Cell = make_cell_class(tf)
    L = tf.keras.layers
    x, c, s, y = _data()
    s2 = np.random.RandomState(6).rand(6, 5).astype("float32")
    xi, ci = L.Input((4, 3)), L.Input((2,))
    fi, bi = L.Input((5,)), L.Input((5,))
    bid = L.Bidirectional(L.RNN(Cell(5, 2)), merge_mode="sum")
    out = bid(xi, constants=ci)
    m = tf.keras.Model([xi, ci], out)
    _fixed(m)
    m.compile(tf.keras.optimizers.SGD(0.1), "mse")
    before = m.predict([x, c])
    h = m.fit([x, c], y, batch_size=3, epochs=2, verbose=0, shuffle=False)
    config = bid.get_config()
    rebuilt = tf.keras.Model.from_config(m.get_config(), custom_objects={"ConstCell": Cell})
    rebuilt.set_weights(m.get_weights())
    bid2 = L.Bidirectional(L.RNN(Cell(5, 2), return_sequences=True, return_state=True))
    outs = bid2(xi, initial_state=[fi, bi], constants=ci)
    m2 = tf.keras.Model([xi, fi, bi, ci], outs)
    _fixed(m2)
    listed = bid2([xi, fi, bi, ci])
    m3 = tf.keras.Model([xi, fi, bi, ci], listed)
    return {"before": before, "loss": [float(v) for v in h.history["loss"]],
            "after": m.predict([x, c]), "num_constants": config["num_constants"],
            "rebuilt": rebuilt.predict([x, c]), "weights": [w.name for w in m.weights],
            "with_states": m2.predict([x, s, s2, c]),
            "list_form": m3.predict([x, s, s2, c])}


def unsupported(tf):
    xi, ci = tf.keras.layers.Input((4, 3)), tf.keras.layers.Input((2,))
    try:
        tf.keras.layers.RNN(tf.keras.layers.SimpleRNNCell(3))(xi, constants=ci)
    except ValueError as e:
        return str(e)
    return None


def cases(tf):
    out = {}
    for name, fn in [("functional", functional), ("with_state", with_state),
                     ("stacked", stacked), ("placeholders", placeholders),
                     ("list_states", list_states), ("unsupported", unsupported),
                     ("bidirectional", bidirectional)]:
        with tf.Graph().as_default():
            with tf.Session().as_default():
                tf.keras.backend.set_session(tf.get_default_session())
                out[name] = fn(tf)
    return out
