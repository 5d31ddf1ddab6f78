"""Global step handling: get_global_step before and after create_global_step, the errors for
a second one and for a wrong dtype or shape, tf.train.global_step, an int32 step in the
collection, apply_gradients(global_step=...) naming, assert_global_step, a step created
inside a variable scope and one in another graph."""
import tensorflow as tf

print(tf.train.get_global_step())
gs = tf.train.create_global_step()
print(gs.op.name, gs.dtype.name, gs.shape, gs.initializer.name,
      [c for c in (tf.GraphKeys.GLOBAL_VARIABLES, tf.GraphKeys.GLOBAL_STEP)
       if gs in tf.get_collection(c)], gs.trainable)
print(tf.train.get_global_step() is gs, tf.train.get_or_create_global_step() is gs)
try:
    tf.train.create_global_step()
except ValueError as e:
    print("ValueError", e)
tf.train.assert_global_step(gs)
for bad in (tf.Variable(0.0, name="fstep"), tf.Variable([0], name="vstep"), tf.constant(3)):
    try:
        tf.train.assert_global_step(bad)
    except TypeError as e:
        print("TypeError", e)
w = tf.Variable([1.0, 2.0])
loss = tf.reduce_sum(w * w)
opt = tf.train.GradientDescentOptimizer(0.25)
train = opt.apply_gradients(opt.compute_gradients(loss), global_step=gs, name="my_train")
print(train.name, train.type, [i.name for i in train.control_inputs])
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for _ in range(3):
        s.run(train)
    print(tf.train.global_step(s, gs), s.run(w))

g2 = tf.Graph()
with g2.as_default():
    with tf.variable_scope("outer"):
        st = tf.train.get_or_create_global_step()
    print(st.op.name, tf.train.get_global_step() is st)
    s32 = tf.Variable(0, dtype=tf.int32, name="s32", trainable=False)
    print(tf.train.get_global_step(g2) is st)
g3 = tf.Graph()
with g3.as_default():
    s32 = tf.Variable(5, dtype=tf.int32, name="global_step", trainable=False)
    print(tf.train.get_global_step() is s32)
    v = tf.Variable(3.0)
    train = tf.train.AdamOptimizer(0.5).minimize(v * v, global_step=s32)
    print(sorted(o.name for o in g3.get_operations() if "update" in o.name.lower()))
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for _ in range(2):
            s.run(train)
        print(tf.train.global_step(s, s32), repr(float(s.run(v))))
    g4 = tf.Graph()
    with g4.as_default():
        print(tf.train.get_global_step(g3) is s32, tf.train.get_global_step())
    try:
        tf.Variable(0, dtype=tf.int64, name="x", collections=[tf.GraphKeys.GLOBAL_STEP,
                                                               tf.GraphKeys.GLOBAL_VARIABLES])
        print(tf.train.get_global_step().name)
    except TypeError as e:
        print("TypeError", e)
