"""How TF 1.14's training loop feeds sample weights: its K.function zips the weight
placeholders it was made with (and the learning phase) with the weights of every output
(None where none), so a model fitted with sample or class weights and then without them
trains with the learning phase unfed (dropout off), an output's weights reach the
placeholder at its position, and evaluate's recompile leaves the train function as it
was. Losses printed per call."""
import numpy as np
import tensorflow as tf

np.random.seed(1)
tf.set_random_seed(1)


def show(name, f):
    r = f()
    if hasattr(r, "history"):
        r = r.history["loss"]
    print(name, np.round(r, 5).tolist())


# a dropout model: the learning phase matters
inp = tf.keras.Input((3,))
h = tf.keras.layers.Dropout(0.5, seed=3)(inp)
out = tf.keras.layers.Dense(3, activation="softmax", name="cls")(h)
m = tf.keras.Model(inp, out)
m.compile("sgd", "sparse_categorical_crossentropy", metrics=["acc"])
x = np.random.rand(12, 3).astype("float32")
y = np.random.randint(0, 3, (12, 1))
show("fit_sw", lambda: m.fit(x, y, epochs=1, verbose=0, batch_size=6,
                             sample_weight=np.linspace(0.5, 2, 12)))
show("fit", lambda: m.fit(x, y, epochs=1, verbose=0, batch_size=6))
show("fit", lambda: m.fit(x, y, epochs=1, verbose=0, batch_size=6))
show("fit_cw", lambda: m.fit(x, y, epochs=2, verbose=0, batch_size=6,
                             class_weight={0: 1., 1: 2., 2: .5}, validation_data=(x, y)))
show("fit_sw", lambda: m.fit(x, y, epochs=1, verbose=0, sample_weight=np.ones(12)))
show("pred", lambda: m.predict(x[:2]))
show("tob", lambda: m.train_on_batch(x, y))
show("ev", lambda: m.evaluate(x, y, verbose=0))
show("tob_sw", lambda: m.train_on_batch(x, y, sample_weight=np.ones(12) * 2))
show("tob", lambda: m.train_on_batch(x, y))
show("ev_sw", lambda: m.evaluate(x, y, verbose=0, sample_weight=np.ones(12)))
show("tob", lambda: m.train_on_batch(x, y))
show("tob_cw", lambda: m.train_on_batch(x, y, class_weight={0: 1., 1: 2., 2: .5}))
show("tst", lambda: m.test_on_batch(x, y))
show("ev_sw", lambda: m.evaluate(x, y, verbose=0, sample_weight=np.ones(12)))
show("fit", lambda: m.fit(x, y, epochs=1, verbose=0))
show("ev", lambda: m.evaluate(x, y, verbose=0))

# two outputs, weights for one of them
inp = tf.keras.Input((3,))
h = tf.keras.layers.Dense(4, activation="relu")(inp)
o1 = tf.keras.layers.Dense(1, name="reg")(h)
o2 = tf.keras.layers.Dense(3, activation="softmax", name="cls")(h)
m = tf.keras.Model(inp, [o1, o2])
m.compile("sgd", ["mse", "sparse_categorical_crossentropy"])
Y = [y * 1.0, y]
w = np.linspace(0.5, 2, 12)
show("tob_cw", lambda: m.train_on_batch(x, Y, class_weight={"cls": {0: 1., 1: 2., 2: .5}}))
show("tob_sw", lambda: m.train_on_batch(x, Y, sample_weight={"cls": w}))
show("tob_sw", lambda: m.train_on_batch(x, Y, sample_weight={"reg": w}))
show("tob_sw2", lambda: m.train_on_batch(x, Y, sample_weight=[w, w]))
show("ev_sw", lambda: m.evaluate(x, Y, verbose=0, batch_size=12, sample_weight={"cls": w}))
show("tob_sw2", lambda: m.train_on_batch(x, Y, sample_weight=[w, w]))
show("tob", lambda: m.train_on_batch(x, Y))
show("ev_sw", lambda: m.evaluate(x, Y, verbose=0, batch_size=12, sample_weight={"cls": w}))
show("tob_sw", lambda: m.train_on_batch(x, Y, sample_weight={"cls": w}))
show("ev_sw", lambda: m.evaluate(x, Y, verbose=0, batch_size=12, sample_weight={"reg": w}))
show("tob_sw", lambda: m.train_on_batch(x, Y, sample_weight={"cls": w}))
show("ev", lambda: m.evaluate(x, Y, verbose=0, batch_size=12))
show("tob_sw", lambda: m.train_on_batch(x, Y, sample_weight={"cls": w}))
show("tst", lambda: m.test_on_batch(x, Y))
show("fit_sw", lambda: m.fit(x, Y, verbose=0, batch_size=4, sample_weight={"cls": w},
                             validation_split=0.25))
show("fit", lambda: m.fit(x, Y, verbose=0, batch_size=4, validation_data=(x, Y, [w, w])))
show("fit_sw2", lambda: m.fit(x, Y, verbose=0, batch_size=4, sample_weight=[w, w]))
show("fit", lambda: m.fit(x, Y, verbose=0, batch_size=4))
