"""tf.keras.applications.MobileNetV2(alpha=0.35, weights=None) at 32x32 with 3 classes and
DenseNet121(include_top=False, pooling='max') at 32x32 in one graph, seeded with
tf.set_random_seed: op counts and hashes of the sorted op names and types, count_params,
layer names, seeded forward passes on a fixed input, and one RMSprop train_on_batch of
the MobileNetV2 (its batch norms in training mode) with the forward pass after."""

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


tf.set_random_seed(2821)
rs = np.random.RandomState(2822)
xs = rs.uniform(-1.0, 1.0, size=(2, 32, 32, 3)).astype(np.float32)
ys = rs.randint(0, 3, size=(2, 1))

g = tf.get_default_graph()
mnv2 = tf.keras.applications.MobileNetV2(weights=None, input_shape=(32, 32, 3), alpha=0.35,
                                         classes=3)
print("mnv2 ops", ops_summary(g))
print("mnv2", mnv2.name, mnv2.count_params(), len(mnv2.layers), mnv2.output.name)
names = [lay.name for lay in mnv2.layers]
print("mnv2 names", hs(names), names[:4], names[-4:])
dense = tf.keras.applications.DenseNet121(weights=None, include_top=False,
                                          input_shape=(32, 32, 3), pooling="max")
print("densenet ops", ops_summary(g))
print("densenet", dense.name, dense.count_params(), len(dense.layers), dense.output.name,
      dense.output.shape)
names = [lay.name for lay in dense.layers]
print("densenet names", hs(names), names[:4], names[-4:])
print("densenet weights", hs([w.name + str(w.shape) for w in dense.weights]))

p0 = mnv2.predict(xs)
print("mnv2 predict", h(p0), repr(p0.tolist()))
d0 = dense.predict(xs)
print("densenet predict", h(d0), repr(d0[0, :6].tolist()))

mnv2.compile(tf.keras.optimizers.RMSprop(lr=1e-3), "sparse_categorical_crossentropy")
print("train", repr(float(mnv2.train_on_batch(xs, ys))))
print("ops after train", ops_summary(g))
p1 = mnv2.predict(xs)
print("mnv2 predict after", h(p1), repr(p1.tolist()))
print("Conv1", [h(v) for v in mnv2.get_layer("Conv1").get_weights()])
print("bn_Conv1", [h(v) for v in mnv2.get_layer("bn_Conv1").get_weights()])
