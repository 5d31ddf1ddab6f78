"""The graph TF 1.14 leaves behind when a tf.scan / tf.foldl body fails at construction: a scan
whose fn returns a tuple for a tensor accumulator raises ValueError from inside the while
body (nest.assert_same_structure), a foldl whose fn raises TypeError (adding a string);
TF keeps the half-built while loop's ops (Enter/Merge/Switch/Identity, the body's reads):
the error classes, op counts and the op names and types after each."""
import numpy as np
import tensorflow as tf

np.random.seed(0)
tf.set_random_seed(0)
g = tf.get_default_graph()
elems = tf.constant([1.0, 2.0, 3.0])
print("ops before", len(g.get_operations()))
try:
    tf.scan(lambda a, x: (a, a), elems, initializer=tf.constant(0.0))
except ValueError as e:
    print("ValueError", str(e).split("\n")[0])
print("ops after scan", len(g.get_operations()))
try:
    tf.foldl(lambda a, x: a + tf.constant("s"), elems)
except (TypeError, ValueError) as e:
    print(type(e).__name__)
print("ops after foldl", len(g.get_operations()))
for op in g.get_operations():
    print(op.name, op.type)
