"""A functional model's architecture and weights moved around: to_json / model_from_json,
get_config / Model.from_config, clone_model (fresh initial values under the graph seed),
get_weights / set_weights between them, layer.set_weights on one layer, save_weights /
load_weights in the TF format to a temporary directory, summary() printed to a list."""

import hashlib
import json
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(81)
K = tf.keras
inp = K.layers.Input((6,), name="x")
h = K.layers.Dense(5, activation="relu", name="d1")(inp)
h2 = K.layers.Dense(5, activation="sigmoid", name="d2")(h)
o = K.layers.Dense(2, name="out")(K.layers.add([h, h2]))
m = K.Model(inp, o, name="net")
lines = []
m.summary(print_fn=lines.append)
for ln in lines:
    print(ln)
cfg = json.loads(m.to_json())
print(cfg["class_name"], cfg["config"]["name"], [c["class_name"] for c in cfg["config"]["layers"]])
m2 = K.models.model_from_json(m.to_json())
m3 = K.Model.from_config(m.get_config())
m4 = K.models.clone_model(m)
for mm in (m, m2, m3, m4):
    print(mm.name, [H(w) for w in mm.get_weights()])
m2.set_weights(m.get_weights())
rs = np.random.RandomState(3)
X = rs.randn(10, 6).astype(np.float32)
print(H(m.predict(X)), H(m2.predict(X)))
m3.get_layer("d2").set_weights([np.full((5, 5), 0.1, np.float32), np.zeros(5, np.float32)])
print(H(m3.get_layer("d2").get_weights()[0]), H(m3.predict(X)))
d = tempfile.mkdtemp()
try:
    p = os.path.join(d, "ckpt")
    m.compile(K.optimizers.SGD(0.1), "mse")
    m.fit(X, rs.randn(10, 2).astype(np.float32), epochs=2, batch_size=5, shuffle=False,
          verbose=0)
    m.save_weights(p)
    print(sorted(os.listdir(d)), len(tf.get_default_graph().get_operations()))
    m.save_weights(p)   # the same object graph: no new save ops
    print(len(tf.get_default_graph().get_operations()))
    st = m4.load_weights(p)
    print(type(st).__name__)
    print(H(m.predict(X)), H(m4.predict(X)))
finally:
    shutil.rmtree(d)
