import flowgrad as tf

x = tf.Variable(tf.constant([1.0, 2.0]), name='x')
y1 = x[0]**2
y2 = x[1]**3
dy_dx = tf.gradients([y1, y2], x)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(dy_dx))  # TF 1.14 prints one summed gradient: [array([ 2., 12.], dtype=float32)]
