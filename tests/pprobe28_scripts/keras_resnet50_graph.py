"""tf.keras.applications.ResNet50(weights=None, input_tensor=a Keras Input) at 32x32 with
include_top and 4 classes, graph only (its forward pass is too slow for a probe): op
count and a hash of the sorted op names and types, count_params, layer names and weights,
its updates, the ops of tf.train.AdamOptimizer.minimize on its categorical crossentropy
(the gradients of the batch norms' learning-phase conds)."""

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


tf.set_random_seed(2811)

inp = tf.keras.layers.Input((32, 32, 3))
model = tf.keras.applications.ResNet50(weights=None, input_tensor=inp, classes=4)
print("input", model.inputs[0] is inp, model.layers[0].name, model.output.name)
g = tf.get_default_graph()
print("ops", ops_summary(g))
print("params", model.count_params(), "layers", len(model.layers), model.name)
names = [lay.name for lay in model.layers]
print("layer names", hs(names), names[:5], names[-4:])
print("weights", hs([w.name + str(w.shape) for w in model.weights]))
print("updates", len(model.updates))

labels = tf.placeholder(tf.float32, [None, 4])
loss = tf.reduce_mean(tf.keras.losses.categorical_crossentropy(labels, model.output))
train = tf.train.AdamOptimizer(1e-3).minimize(loss)
# the batch norms' conds differentiated (1024 and 2048 channels in stages 4 and 5)
print("ops after minimize", ops_summary(g), train.name)
print("bn5c grads", sorted(op.name for op in g.get_operations()
                           if op.name.startswith("gradients/bn5c_branch2c/")))

print("ops total", ops_summary(g))
