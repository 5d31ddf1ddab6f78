import flowgrad as tf

x = tf.Variable(tf.constant(2.0), name='x')
y = x**3

# Operation to be executed before gradient computation
update_op = tf.assign(x, x + 1)

with tf.control_dependencies([update_op]):  # Ensure update_op completes first
    dy_dx = tf.gradients(y, x)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(dy_dx))  # Output: [27.0]  Gradient calculated after x is updated
    print(sess.run(x))  # 3.0: the gradient ran after the assign
