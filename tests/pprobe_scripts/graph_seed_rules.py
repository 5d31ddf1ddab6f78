"""The graph seed in two graphs (set after an unseeded op exists), keras Dense initializers
and a 3-D random.shuffle under it, and a keras model after clear_session and a new seed."""

import tensorflow as tf

for gi in range(2):
    with tf.Graph().as_default() as g:
        a = tf.random_uniform([2])
        tf.set_random_seed(5 + gi)
        b = tf.random_uniform([2])
        c = tf.keras.layers.Dense(2, input_shape=(3,))
        y = c(tf.ones([1, 3]))
        d = tf.random.shuffle(tf.reshape(tf.range(12), [2, 3, 2]))
        print(len(g.get_operations()))
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            print(gi, s.run(b).tolist(), s.run(y).tolist(), s.run(d).ravel().tolist())
tf.reset_default_graph()
tf.keras.backend.clear_session()
tf.set_random_seed(9)
m = tf.keras.Sequential([tf.keras.layers.Dense(3, input_shape=(2,)), tf.keras.layers.Dense(1)])
print(len(tf.get_default_graph().get_operations()))
print([w.ravel().tolist() for w in m.get_weights()])
