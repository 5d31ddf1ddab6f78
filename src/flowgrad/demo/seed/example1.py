import flowgrad as tf

x = tf.Variable(tf.constant(3.0), name='x')
y = x**2

dy_dx = tf.gradients(y, x)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(dy_dx))  # Output: [6.0]
