"""A small text classifier with tf.keras, TF 1.14 style: word ids padded by hand,
Embedding(mask_zero) + LSTM + Dense, trained from a tf.data dataset with a
ModelCheckpoint, reloaded from its HDF5 file, evaluated with a generator."""
import os
import tempfile

import numpy as np
import tensorflow as tf

texts = ["good movie", "great film and good actors", "bad movie", "awful boring film",
         "i loved it", "i hated it", "good fun", "bad acting and awful plot",
         "great great great", "boring", "loved the actors", "hated the plot"]
labels = np.array([1, 1, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0], "float32")
vocab = sorted({w for t in texts for w in t.split()})
index = {w: i + 1 for i, w in enumerate(vocab)}
maxlen = 5
x = np.zeros((len(texts), maxlen), "int32")
for row, t in enumerate(texts):
    ids = [index[w] for w in t.split()][:maxlen]
    x[row, :len(ids)] = ids

model = tf.keras.Sequential([
    tf.keras.layers.Embedding(len(vocab) + 1, 8, mask_zero=True, input_length=maxlen),
    tf.keras.layers.LSTM(6),
    tf.keras.layers.Dense(1, activation="sigmoid")])
rs = np.random.RandomState(0)
model.set_weights([(rs.rand(*w.shape.as_list()) - 0.5).astype("float32")
                   for w in model.weights])
model.compile(tf.keras.optimizers.Adam(0.05), "binary_crossentropy", metrics=["accuracy"])
print([w.name for w in model.weights])

path = os.path.join(tempfile.mkdtemp(), "best.h5")
data = tf.data.Dataset.from_tensor_slices((x, labels)).batch(4)
checkpoint = tf.keras.callbacks.ModelCheckpoint(path, monitor="loss", save_best_only=True)
history = model.fit(data, epochs=5, verbose=0, callbacks=[checkpoint])
for key in sorted(history.history):
    print(key, " ".join("%.4f" % v for v in history.history[key]))

restored = tf.keras.models.load_model(path)


def batches():
    while True:
        for i in range(0, len(x), 6):
            yield x[i:i + 6], labels[i:i + 6]


loss, acc = restored.evaluate_generator(batches(), steps=2)
print("restored loss %.4f accuracy %.4f" % (loss, acc))
print(np.round(restored.predict(x[:4]).ravel(), 4))
print(restored.to_json()[:60])
