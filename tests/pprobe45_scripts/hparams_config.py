"""tf.contrib.training.HParams configuring a seeded TF1 model: construction with ints,
floats, bools, strings and lists, parse of a command-line string (lists, bool spellings,
an int into a float, negative numbers), values, to_json with sort_keys and indent,
parse_json, override_from_dict, add_hparam / set_hparam / del_hparam, get with defaults,
the errors TF raises (unknown names, type mismatches, a list into a scalar, a duplicate
name, bad syntax) and a tiny graph built from the parsed values."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(4531)
rs = np.random.RandomState(4532)
HParams = tf.contrib.training.HParams

hp = HParams(learning_rate=0.1, units=4, layers=[3, 2], act="relu", use_bias=True,
             drop=0.25, names=["a", "b"])
print(sorted(hp.values().items()))
hp.parse("learning_rate=0.05,units=6,layers=[5,4,1],act=tanh,use_bias=false,drop=1")
print(sorted(hp.values().items()))
for s in ("use_bias=1", "use_bias=True", "drop=-3e-2", "layers=[]", "names=[x,y,z]",
          "units=-2"):
    hp.parse(s)
    print(s, "->", repr(hp.get(s.split("=")[0])))
for s in ("nope=1", "units=1.5", "units=[1,2]", "layers=3", "use_bias=maybe", "units",
          "units=1,units=2", "act=[a]", "drop=x"):
    try:
        hp.parse(s)
        print(s, "ok", repr(hp.get(s.split("=")[0])))
    except (ValueError, TypeError, KeyError) as e:
        print(s, type(e).__name__, e)
print(hp.to_json(sort_keys=True))
print(hp.to_json(indent=1, separators=(",", ": "), sort_keys=True))
hp2 = HParams(units=1, drop=0.0, act="x", layers=[0], use_bias=False, names=[""],
              learning_rate=1.0)
hp2.parse_json(hp.to_json())
print(sorted(hp2.values().items()))
hp.override_from_dict({"units": 3, "layers": [2, 2]})
hp.add_hparam("seed", 7)
hp.set_hparam("drop", 0.5)
print(hp.get("seed"), hp.get("missing", "dflt"), hp.get("units", 10), "seed" in hp)
for f in (lambda: hp.add_hparam("units", 1), lambda: hp.set_hparam("units", "x"),
          lambda: hp.override_from_dict({"zzz": 1}), lambda: hp.get("units", "str"),
          lambda: hp.set_hparam("layers", 4), lambda: HParams(values=1),
          lambda: hp.add_hparam("_private", 1)):
    try:
        print("ok", f())
    except (ValueError, TypeError, KeyError) as e:
        print(type(e).__name__, e)
hp.del_hparam("seed")
print("seed" in hp, sorted(hp.values()))
print(repr(hp.units), repr(hp.drop), repr(hp.layers), str(hp)[:14])

x = tf.constant(rs.randn(5, 3).astype(np.float32))
h = x
for i, n in enumerate(hp.layers + [hp.units]):
    h = tf.layers.dense(h, n, activation=getattr(tf.nn, hp.act), use_bias=hp.use_bias,
                        kernel_initializer=tf.glorot_uniform_initializer(seed=i),
                        name="d%d" % i)
h = tf.nn.dropout(h, rate=hp.drop, seed=11)
print("ops", len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(repr(sess.run(h).tolist()))
