"""What beginners print while debugging control flow: the op behind tf.Assert's guard and
behind tf.cond's results (type, name, inputs' count), against the same ops found through
get_operations() and get_operation_by_name()."""

import tensorflow as tf

p = tf.placeholder(tf.bool, [], name="p")
x = tf.placeholder(tf.float32, [3], name="x")
guard = tf.Assert(p, [x], name="check")
r = tf.cond(p, lambda: x * 2.0, lambda: x - 1.0)
r2, r3 = tf.cond(p, lambda: (x, x + 1), lambda: (x + 2, x))
nothing = tf.cond(p, tf.no_op, tf.no_op)
g = tf.get_default_graph()
print("ops", len(g.get_operations()))
for t in (guard, r.op, r2.op, r3.op, nothing.op):
    same = g.get_operation_by_name(t.name)
    print(t.name, t.type, same.type, len(t.inputs), len(same.inputs), same is t)
print(sorted(set(o.type for o in g.get_operations())))
with tf.Session() as sess:
    print(sess.run([r, r2, r3], {p: True, x: [1., 2., 3.]}))
    print(sess.run(r, {p: False, x: [1., 2., 3.]}).tolist())
