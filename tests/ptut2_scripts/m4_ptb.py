import numpy as np
import tensorflow as tf

tf.set_random_seed(11)
rng = np.random.RandomState(3)
batch_size, num_steps, hidden_size, vocab_size, num_layers = 4, 5, 20, 50, 2
init_scale, max_grad_norm, keep_prob = 0.1, 5, 1.0
data = rng.randint(0, vocab_size, (batch_size, num_steps + 1)).astype(np.int32)
initializer = tf.random_uniform_initializer(-init_scale, init_scale)
with tf.variable_scope("Model", reuse=None, initializer=initializer):
    input_data = tf.placeholder(tf.int32, [batch_size, num_steps])
    targets = tf.placeholder(tf.int32, [batch_size, num_steps])

    def make_cell():
        return tf.contrib.rnn.BasicLSTMCell(hidden_size, forget_bias=0.0, state_is_tuple=True)

    cell = tf.contrib.rnn.MultiRNNCell(
        [make_cell() for _ in range(num_layers)], state_is_tuple=True
    )
    initial_state = cell.zero_state(batch_size, tf.float32)
    embedding = tf.get_variable("embedding", [vocab_size, hidden_size], dtype=tf.float32)
    inputs = tf.nn.embedding_lookup(embedding, input_data)
    outputs = []
    state = initial_state
    with tf.variable_scope("RNN"):
        for time_step in range(num_steps):
            if time_step > 0:
                tf.get_variable_scope().reuse_variables()
            (cell_output, state) = cell(inputs[:, time_step, :], state)
            outputs.append(cell_output)
    output = tf.reshape(tf.concat(outputs, 1), [-1, hidden_size])
    softmax_w = tf.get_variable("softmax_w", [hidden_size, vocab_size], dtype=tf.float32)
    softmax_b = tf.get_variable("softmax_b", [vocab_size], dtype=tf.float32)
    logits = tf.nn.xw_plus_b(output, softmax_w, softmax_b)
    logits = tf.reshape(logits, [batch_size, num_steps, vocab_size])
    loss = tf.contrib.seq2seq.sequence_loss(
        logits,
        targets,
        tf.ones([batch_size, num_steps], dtype=tf.float32),
        average_across_timesteps=False,
        average_across_batch=True,
    )
    cost = tf.reduce_sum(loss)
    final_state = state
    lr = tf.Variable(0.0, trainable=False)
    tvars = tf.trainable_variables()
    grads, gnorm = tf.clip_by_global_norm(tf.gradients(cost, tvars), max_grad_norm)
    optimizer = tf.train.GradientDescentOptimizer(lr)
    train_op = optimizer.apply_gradients(
        zip(grads, tvars), global_step=tf.train.get_or_create_global_step()
    )
    new_lr = tf.placeholder(tf.float32, shape=[])
    lr_update = tf.assign(lr, new_lr)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    s.run(lr_update, {new_lr: 1.0})
    st = s.run(initial_state)
    for step in range(2):
        fd = {input_data: data[:, :-1], targets: data[:, 1:]}
        for i, (c, h) in enumerate(initial_state):
            fd[c] = st[i].c
            fd[h] = st[i].h
        c_, gn, st, _ = s.run([cost, gnorm, final_state, train_op], fd)
        print(step, repr(float(c_)), repr(float(gn)), repr(float(np.exp(float(c_) / num_steps))))
        print(st[1].h[0, :4].astype(np.float64).tolist())
    print(s.run(softmax_b)[:5].astype(np.float64).tolist())
