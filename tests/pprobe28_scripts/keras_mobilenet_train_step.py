"""tf.keras.applications.MobileNet(alpha=0.25, weights=None) at 32x32 with 5 classes,
seeded with tf.set_random_seed: the number of ops and a hash of their sorted names and
types, count_params, the layer names, a forward pass on a fixed input, then compile
(SGD with momentum, sparse categorical crossentropy) and one train_on_batch step (batch
norm in training mode, dropout) and the forward pass again; values as hashes of bytes."""

import hashlib

import numpy as np
import tensorflow as tf


def h(a):
    a = np.ascontiguousarray(a)
    return str(a.dtype) + str(a.shape) + ":" + hashlib.sha1(a.tobytes()).hexdigest()[:16]


def hs(strings):
    return hashlib.sha1("\n".join(strings).encode()).hexdigest()[:16]


def ops_summary(g):
    ops = g.get_operations()
    return len(ops), hs(sorted(op.name + ":" + op.type for op in ops))


tf.set_random_seed(2801)
rs = np.random.RandomState(2802)
xs = rs.uniform(-1.0, 1.0, size=(4, 32, 32, 3)).astype(np.float32)
ys = rs.randint(0, 5, size=(4,))

model = tf.keras.applications.MobileNet(
    weights=None, input_shape=(32, 32, 3), alpha=0.25, classes=5, dropout=0.1)
g = tf.get_default_graph()
print("ops", ops_summary(g))
print("params", model.count_params(), "layers", len(model.layers))
names = [lay.name for lay in model.layers]
print("layer names", hs(names), names[:6], names[-6:])
print("weights", hs([w.name + str(w.shape) for w in model.weights]))
print("trainable", len(model.trainable_weights), "non-trainable",
      len(model.non_trainable_weights))
print("output", model.output.name, model.output.shape)

sess = tf.keras.backend.get_session()
p0 = model.predict(xs)
print("predict", h(p0))
print(repr(p0[0].tolist()))

model.compile(tf.keras.optimizers.SGD(lr=0.05, momentum=0.9),
              "sparse_categorical_crossentropy", metrics=["accuracy"])
loss = model.train_on_batch(xs, ys)
print("train_on_batch", [repr(float(v)) for v in loss])
print("ops after train", ops_summary(g))
p1 = model.predict(xs)
print("predict after", h(p1))
print(repr(p1[1].tolist()))
w = model.get_layer("conv1").get_weights()[0]
print("conv1 kernel", h(w))
bn = model.get_layer("conv1_bn").get_weights()
print("conv1_bn", [h(v) for v in bn])
