"""GAT as PetarV/GAT writes it: adj_to_bias for the bias matrix, attention heads built of
conv1d (kernel size 1), leaky_relu(f_1 + transpose(f_2)) + bias_mat, softmax, coefficient
and feature dropout, concatenated heads, elu, an averaged output head, masked softmax cross
entropy and accuracy, L2 over the non-bias variables, Adam: losses, accuracies, names."""
import numpy as np
import tensorflow as tf

np.random.seed(7)
rs = np.random.RandomState(13)
nb_nodes, ft_size, nb_classes = 9, 5, 3
hid_units, n_heads = [4], [2, 1]
adj = (rs.rand(nb_nodes, nb_nodes) < 0.3).astype(np.float32)
adj = np.maximum(adj, adj.T)
features = rs.randn(1, nb_nodes, ft_size).astype(np.float32)
y = np.eye(nb_classes, dtype=np.float32)[rs.randint(0, nb_classes, nb_nodes)][None]
train_mask = np.array([[1, 1, 1, 1, 0, 0, 0, 0, 0]], bool)
val_mask = np.array([[0, 0, 0, 0, 1, 1, 1, 0, 0]], bool)


def adj_to_bias(adj, sizes, nhood=1):
    nb_graphs = adj.shape[0]
    mt = np.empty(adj.shape)
    for g in range(nb_graphs):
        mt[g] = np.eye(adj.shape[1])
        for _ in range(nhood):
            mt[g] = np.matmul(mt[g], (adj[g] + np.eye(adj.shape[1])))
        for i in range(sizes[g]):
            for j in range(adj.shape[1]):
                if mt[g][i][j] > 0.0:
                    mt[g][i][j] = 1.0
    return -1e9 * (1.0 - mt)


biases = adj_to_bias(adj[None], [nb_nodes])
print(biases.dtype, biases.shape, int((biases == 0).sum()))

conv1d = tf.layers.conv1d


def attn_head(seq, out_sz, bias_mat, activation, in_drop=0.0, coef_drop=0.0, residual=False):
    with tf.name_scope("my_attn"):
        if in_drop != 0.0:
            seq = tf.nn.dropout(seq, 1.0 - in_drop)
        seq_fts = tf.layers.conv1d(seq, out_sz, 1, use_bias=False)
        f_1 = tf.layers.conv1d(seq_fts, 1, 1)
        f_2 = tf.layers.conv1d(seq_fts, 1, 1)
        logits = f_1 + tf.transpose(f_2, [0, 2, 1])
        coefs = tf.nn.softmax(tf.nn.leaky_relu(logits) + bias_mat)
        if coef_drop != 0.0:
            coefs = tf.nn.dropout(coefs, 1.0 - coef_drop)
        if in_drop != 0.0:
            seq_fts = tf.nn.dropout(seq_fts, 1.0 - in_drop)
        vals = tf.matmul(coefs, seq_fts)
        ret = tf.contrib.layers.bias_add(vals)
        if residual:
            if seq.shape[-1] != ret.shape[-1]:
                ret = ret + conv1d(seq, ret.shape[-1], 1)
            else:
                ret = ret + seq
        return activation(ret)


def inference(inputs, nb_classes, nb_nodes, training, attn_drop, ffd_drop, bias_mat,
              hid_units, n_heads, activation=tf.nn.elu, residual=False):
    attns = []
    for _ in range(n_heads[0]):
        attns.append(attn_head(inputs, bias_mat=bias_mat, out_sz=hid_units[0],
                               activation=activation, in_drop=ffd_drop,
                               coef_drop=attn_drop, residual=False))
    h_1 = tf.concat(attns, axis=-1)
    out = []
    for i in range(n_heads[-1]):
        out.append(attn_head(h_1, bias_mat=bias_mat, out_sz=nb_classes,
                             activation=lambda x: x, in_drop=ffd_drop,
                             coef_drop=attn_drop, residual=False))
    logits = tf.add_n(out) / n_heads[-1]
    return logits


def masked_softmax_cross_entropy(logits, labels, mask):
    loss = tf.nn.softmax_cross_entropy_with_logits_v2(logits=logits, labels=labels)
    mask = tf.cast(mask, dtype=tf.float32)
    mask /= tf.reduce_mean(mask)
    loss *= mask
    return tf.reduce_mean(loss)


def masked_accuracy(logits, labels, mask):
    correct_prediction = tf.equal(tf.argmax(logits, 1), tf.argmax(labels, 1))
    accuracy_all = tf.cast(correct_prediction, tf.float32)
    mask = tf.cast(mask, dtype=tf.float32)
    mask /= tf.reduce_mean(mask)
    accuracy_all *= mask
    return tf.reduce_mean(accuracy_all)


with tf.Graph().as_default():
    tf.set_random_seed(17)
    with tf.name_scope("input"):
        ftr_in = tf.placeholder(dtype=tf.float32, shape=(1, nb_nodes, ft_size))
        bias_in = tf.placeholder(dtype=tf.float32, shape=(1, nb_nodes, nb_nodes))
        lbl_in = tf.placeholder(dtype=tf.int32, shape=(1, nb_nodes, nb_classes))
        msk_in = tf.placeholder(dtype=tf.int32, shape=(1, nb_nodes))
        attn_drop = tf.placeholder(dtype=tf.float32, shape=())
        ffd_drop = tf.placeholder(dtype=tf.float32, shape=())
        is_train = tf.placeholder(dtype=tf.bool, shape=())
    logits = inference(ftr_in, nb_classes, nb_nodes, is_train, attn_drop, ffd_drop,
                       bias_mat=bias_in, hid_units=hid_units, n_heads=n_heads)
    log_resh = tf.reshape(logits, [-1, nb_classes])
    lab_resh = tf.reshape(lbl_in, [-1, nb_classes])
    msk_resh = tf.reshape(msk_in, [-1])
    loss = masked_softmax_cross_entropy(log_resh, lab_resh, msk_resh)
    accuracy = masked_accuracy(log_resh, lab_resh, msk_resh)
    vars = tf.trainable_variables()
    lossL2 = tf.add_n([tf.nn.l2_loss(v) for v in vars
                       if v.name not in ["bias", "gamma", "b", "g", "beta"]]) * 0.0005
    opt = tf.train.AdamOptimizer(learning_rate=0.005)
    train_op = opt.minimize(loss + lossL2)
    print(logits.name, log_resh.shape, loss.name, accuracy.name)
    print([v.name for v in vars])
    print(len(tf.get_default_graph().get_operations()))
    init_op = tf.group(tf.global_variables_initializer(), tf.local_variables_initializer())
    with tf.Session() as sess:
        sess.run(init_op)
        for epoch in range(5):
            _, tl, ta = sess.run([train_op, loss, accuracy], feed_dict={
                ftr_in: features, bias_in: biases, lbl_in: y, msk_in: train_mask,
                is_train: True, attn_drop: 0.6, ffd_drop: 0.6})
            vl, va = sess.run([loss, accuracy], feed_dict={
                ftr_in: features, bias_in: biases, lbl_in: y, msk_in: val_mask,
                is_train: False, attn_drop: 0.0, ffd_drop: 0.0})
            print("Training: loss = %.8f, acc = %.5f | Val: loss = %.8f, acc = %.5f"
                  % (tl, ta, vl, va))
        out = sess.run(log_resh, feed_dict={ftr_in: features, bias_in: biases,
                                            attn_drop: 0.0, ffd_drop: 0.0})
        print(repr(out[:3]))
        print(repr(sess.run(lossL2)))
        try:
            sess.run(loss, feed_dict={ftr_in: features, bias_in: biases[:, :, :4], lbl_in: y,
                                      msk_in: train_mask, attn_drop: 0.0, ffd_drop: 0.0})
        except ValueError as e:
            print("ValueError", e)
