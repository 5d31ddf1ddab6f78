"""fit on a keras Sequence as TF 1.14 reports it: the epoch's loss is the mean of the
batch losses weighted by the batch sizes (the BaseLogger fit's callbacks start with
replaces the generator loop's mean of steps), which the progress line mixes with the
batch means; validation keeps the mean of steps. A model without metrics initializes its
variables at the first batch only (no reset_metrics before it), so the next model's
seeds follow the same op count."""
import contextlib
import io
import re

import numpy as np
import tensorflow as tf

np.random.seed(3)
tf.set_random_seed(3)


class Seq(tf.keras.utils.Sequence):
    def __init__(self, n, bs):
        self.x = np.random.rand(n, 4).astype("float32")
        self.y = (self.x.sum(1) * 1.5).astype("int32") % 3
        self.bs = bs

    def __len__(self):
        return int(np.ceil(len(self.x) / float(self.bs)))

    def __getitem__(self, i):
        return self.x[i * self.bs:(i + 1) * self.bs], self.y[i * self.bs:(i + 1) * self.bs]


for metrics in ([], ["acc"], [tf.keras.metrics.SparseTopKCategoricalAccuracy(k=2)]):
    inp = tf.keras.Input((4,))
    h = tf.keras.layers.Dense(5, activation="tanh")(inp)
    m = tf.keras.Model(inp, tf.keras.layers.Dense(3, activation="softmax")(h))
    m.compile("sgd", "sparse_categorical_crossentropy", metrics=metrics)
    batches = []
    log = tf.keras.callbacks.LambdaCallback(
        on_batch_end=lambda b, logs: batches.append((round(float(logs["loss"]), 5),
                                                     int(logs["size"]))))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):   # (the progress lines' seconds vary)
        hist = m.fit(Seq(20, 6), epochs=2, verbose=2, shuffle=False, callbacks=[log],
                     validation_data=Seq(7, 3), workers=0)
    print(re.sub(r" - \d+s - ", " - ", out.getvalue()), end="")
    print(batches)
    print({k: np.round(v, 6).tolist() for k, v in sorted(hist.history.items())})
    print(len(tf.get_default_graph().get_operations()))
    print(np.round(m.evaluate(Seq(7, 3), verbose=0, workers=0), 6).tolist())
