"""A frozen model's GraphDef imported into a serving graph with tf.import_graph_def:
input_map swapping its Placeholder for a tf.data iterator's output (and a second
import sharing one tensor by name), return_elements of tensors and operations, a
name scope, name="" and the errors for bad input_map keys and return_elements."""
import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(41)
rs = np.random.RandomState(410)
X = rs.randn(10, 3).astype(np.float32)
with tf.Graph().as_default() as g0:
    x = tf.placeholder(tf.float32, [None, 3], name="features")
    scale = tf.placeholder_with_default(tf.constant(1.0), [], name="scale")
    h = tf.layers.dense(x, 4, tf.nn.tanh, name="h",
                        kernel_initializer=tf.random_normal_initializer(seed=7))
    out = tf.multiply(tf.layers.dense(h, 2, name="o",
                                      kernel_initializer=tf.random_normal_initializer(seed=8)),
                      scale, name="out")
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        ref = s.run(out, {x: X})
        ref_s = s.run(out, {x: X, scale: 2.5})
        frozen = tf.graph_util.convert_variables_to_constants(s, g0.as_graph_def(), ["out"])
print("ref", H(ref), H(ref_s), len(frozen.node))

with tf.Graph().as_default() as g:
    ds = tf.data.Dataset.from_tensor_slices(X).batch(4)
    it = ds.make_one_shot_iterator()
    nxt = it.get_next()
    res = tf.import_graph_def(frozen, input_map={"features:0": nxt},
                              return_elements=["out:0", "h/Tanh:0", "o/MatMul"],
                              name="model")
    print([type(r).__name__ for r in res], [r.name for r in res])
    print("shapes", res[0].shape, res[1].shape)
    print("features consumers", [c.name for c in g.get_tensor_by_name(
        "model/features:0").consumers()])
    ops = g.get_operations()
    print("ops", len(ops), [o.name for o in ops][:8])
    got = []
    with tf.Session() as s:
        while True:
            try:
                got.append(s.run(res[0]))
            except tf.errors.OutOfRangeError:
                break
    got = np.concatenate(got)
    print("batches", H(got), bool(np.array_equal(got, ref)),
          float(np.abs(got - ref).max()) < 1e-6)

with tf.Graph().as_default() as g:
    inp = tf.placeholder(tf.float32, [None, 3], name="serving_input")
    sc = tf.constant(2.5, name="my_scale")
    with tf.name_scope("outer"):
        o1, = tf.import_graph_def(frozen, input_map={"features": inp, "scale:0": sc},
                                  return_elements=["out:0"])
    o2, t2 = tf.import_graph_def(frozen, input_map={"features:0": inp},
                                 return_elements=["out:0", "h/Tanh"], name="")
    print(o1.name, o2.name, t2.name, type(t2).__name__)
    print("names", sorted(n for n in [o.name for o in g.get_operations()]
                          if n.startswith("outer"))[:6])
    with tf.Session() as s:
        a, b = s.run([o1, o2], {inp: X})
    print("scaled", H(a), bool(np.array_equal(a, ref_s)), H(b), bool(np.array_equal(b, ref)))
    for kw in [dict(input_map={"nope:0": inp}), dict(return_elements=["missing:0"]),
               dict(input_map={"features:0": tf.constant(X[:, :2])})]:
        try:
            tf.import_graph_def(frozen, name="bad", **kw)
        except (ValueError, KeyError) as e:
            print(type(e).__name__, str(e).splitlines()[0][:120])
    print("after errors", len(g.get_operations()))
