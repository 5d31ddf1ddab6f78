"""fit_generator with a keras.utils.Sequence as validation data and validation_steps
below its length: every validation pass starts again at the Sequence's first batch
(TF 1.14 makes a new enqueuer per pass); evaluate_generator too."""
import numpy as np
import tensorflow as tf

np.random.seed(1)
tf.set_random_seed(1)
x = np.random.rand(40, 5).astype("float32")
y = (x[:, 0] + 2 * x[:, 1] - x[:, 2] * x[:, 3] + 0.5 * x[:, 4])[:, None]


class Batches(tf.keras.utils.Sequence):
    def __init__(self):
        self.seen = []

    def __len__(self):
        return 4

    def __getitem__(self, i):
        self.seen.append(i)
        return x[i * 10:(i + 1) * 10], y[i * 10:(i + 1) * 10]


model = tf.keras.Sequential([tf.keras.layers.Dense(4, input_shape=(5,)),
                             tf.keras.layers.Dense(1)])
model.compile("sgd", "mse", metrics=["mae"])
train, val = Batches(), Batches()
h = model.fit_generator(train, steps_per_epoch=2, epochs=3, verbose=0, workers=0,
                        validation_data=val, validation_steps=2, shuffle=False)
print("train batches", train.seen)
print("validation batches", val.seen)
print({k: [round(float(v), 4) for v in h.history[k]] for k in sorted(h.history)})
ev = Batches()
model.evaluate_generator(ev, steps=1, workers=0)
model.evaluate_generator(ev, steps=2, workers=0)
print("evaluate batches", ev.seen)
