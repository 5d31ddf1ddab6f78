"""tf.keras.applications.InceptionV3(include_top=False, pooling='avg') at 75x75,
VGG16(include_top=False) at 32x32 with pooling='max', and NASNetMobile(include_top=False)
at 32x32 graph only, each in its own graph seeded with tf.set_random_seed: op counts and
hashes of the sorted op names and types, count_params, layer and weight names, and the
seeded forward passes of InceptionV3 and VGG16 on fixed inputs."""

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


rs = np.random.RandomState(2831)
for name, kwargs, run in [
        ("InceptionV3", dict(include_top=False, input_shape=(75, 75, 3), pooling="avg"), True),
        ("VGG16", dict(include_top=False, input_shape=(32, 32, 3), pooling="max"), True),
        ("NASNetMobile", dict(include_top=False, input_shape=(32, 32, 3)), False)]:
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(2832)
        model = getattr(tf.keras.applications, name)(weights=None, **kwargs)
        print(name, "ops", ops_summary(g))
        print(name, model.name, model.count_params(), len(model.layers), model.output.name,
              model.output.shape)
        names = [lay.name for lay in model.layers]
        print(name, "names", hs(names), names[:3], names[-3:])
        print(name, "weights", hs([w.name + str(w.shape) for w in model.weights]),
              len(model.trainable_weights), len(model.non_trainable_weights))
        if run:
            x = rs.uniform(-1.0, 1.0, size=(2,) + kwargs["input_shape"]).astype(np.float32)
            out = model.predict(x)
            print(name, "predict", h(out), repr(out[1, :5].tolist()))
