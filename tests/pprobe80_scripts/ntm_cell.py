"""A Neural Turing Machine cell as the public NTM implementations write it: an RNNCell
subclass with a namedtuple state (controller state, read vector list, weight list, memory)
run by tf.nn.dynamic_rnn on a copy task, content addressing by cosine similarity, the
interpolation gate, a circular shift by gather_nd with batch indices, sharpening by tf.pow,
tf.split with sizes for the head parameters, clip_by_value on each gradient and RMSProp:
losses, read weights, the state's structure and the rnn's op names."""
import collections

import numpy as np
import tensorflow as tf

np.random.seed(4)
tf.set_random_seed(9)

B, T, N, M, H, X, S = 3, 5, 6, 4, 10, 4, 3

NTMState = collections.namedtuple("NTMState", ("controller_state", "read_vector_list",
                                               "w_list", "M"))


class NTMCell(tf.nn.rnn_cell.RNNCell):
    def __init__(self, heads=2):
        super(NTMCell, self).__init__()
        self.heads = heads
        self.controller = tf.nn.rnn_cell.GRUCell(H)

    @property
    def state_size(self):
        return NTMState(controller_state=self.controller.state_size,
                        read_vector_list=[M] * (self.heads // 2),
                        w_list=[N] * self.heads, M=tf.TensorShape([N, M]))

    @property
    def output_size(self):
        return X

    def addressing(self, k, beta, g, s, gamma, prev_M, prev_w):
        k = tf.expand_dims(k, axis=2)
        inner = tf.matmul(prev_M, k)
        k_norm = tf.sqrt(tf.reduce_sum(tf.square(k), axis=1, keepdims=True))
        M_norm = tf.sqrt(tf.reduce_sum(tf.square(prev_M), axis=2, keepdims=True))
        K = tf.squeeze(inner / (M_norm * k_norm + 1e-8))
        w_c = tf.nn.softmax(beta * K)
        w_g = g * w_c + (1 - g) * prev_w
        # circular convolution: gather_nd with batch indices
        rows = []
        for i in range(N):
            idx = [(i - j + S // 2) % N for j in range(S)]
            rows.append(idx)
        idx = tf.constant(rows, tf.int32)  # [N, S]
        b_idx = tf.tile(tf.reshape(tf.range(tf.shape(w_g)[0]), [-1, 1, 1]), [1, N, S])
        full = tf.stack([b_idx, tf.tile(tf.expand_dims(idx, 0), [tf.shape(w_g)[0], 1, 1])], -1)
        shifted = tf.gather_nd(w_g, full)  # [B, N, S]
        w_tilde = tf.reduce_sum(shifted * tf.expand_dims(s, 1), axis=2)
        w_pow = tf.pow(w_tilde, gamma)
        return w_pow / tf.reduce_sum(w_pow, axis=1, keepdims=True)

    def __call__(self, x, prev_state, scope=None):
        with tf.variable_scope(scope or "ntm"):
            prev_read = prev_state.read_vector_list
            ctrl_in = tf.concat([x] + prev_read, axis=1)
            with tf.variable_scope("controller"):
                ctrl_out, ctrl_state = self.controller(ctrl_in, prev_state.controller_state)
            sizes = [M, 1, 1, S, 1]
            num_params = sum(sizes) + 2 * M
            with tf.variable_scope("o2p"):
                params = tf.layers.dense(ctrl_out, num_params * self.heads,
                                         kernel_initializer=tf.random_normal_initializer(
                                             stddev=0.5, seed=3))
            head_params = tf.split(params, self.heads, axis=1)
            w_list, read_list = [], []
            prev_M = prev_state.M
            M_new = prev_M
            for i, hp in enumerate(head_params):
                k, beta, g, s, gamma, erase, add = tf.split(hp, sizes + [M, M], axis=1)
                k = tf.tanh(k)
                beta = tf.nn.softplus(beta)
                g = tf.sigmoid(g)
                s = tf.nn.softmax(s)
                gamma = tf.nn.softplus(gamma) + 1
                w = self.addressing(k, beta, g, s, gamma, prev_M, prev_state.w_list[i])
                w_list.append(w)
                if i % 2 == 0:
                    read_list.append(tf.reduce_sum(tf.expand_dims(w, 2) * prev_M, axis=1))
                else:
                    erase = tf.sigmoid(erase)
                    add = tf.tanh(add)
                    we = tf.expand_dims(w, 2)
                    M_new = M_new * (1 - tf.matmul(we, tf.expand_dims(erase, 1))) + \
                        tf.matmul(we, tf.expand_dims(add, 1))
            with tf.variable_scope("o2o"):
                out = tf.layers.dense(tf.concat([ctrl_out] + read_list, 1), X)
            return out, NTMState(controller_state=ctrl_state, read_vector_list=read_list,
                                 w_list=w_list, M=M_new)

    def zero_state(self, batch_size, dtype):
        with tf.variable_scope("init", reuse=tf.AUTO_REUSE):
            read = [tf.tile(tf.expand_dims(tf.tanh(tf.get_variable(
                "r%d" % i, [M], initializer=tf.random_normal_initializer(stddev=0.5, seed=i))),
                0), [batch_size, 1]) for i in range(self.heads // 2)]
            w = [tf.nn.softmax(tf.tile(tf.expand_dims(tf.get_variable(
                "w%d" % i, [N], initializer=tf.random_normal_initializer(stddev=0.5, seed=10 + i)),
                0), [batch_size, 1])) for i in range(self.heads)]
            mem = tf.tile(tf.get_variable("M", [1, N, M], initializer=tf.constant_initializer(
                1e-6)), [batch_size, 1, 1])
        return NTMState(controller_state=self.controller.zero_state(batch_size, dtype),
                        read_vector_list=read, w_list=w, M=mem)


cell = NTMCell()
x = tf.placeholder(tf.float32, [B, T, X], name="x")
y = tf.placeholder(tf.float32, [B, T, X], name="y")
state0 = cell.zero_state(B, tf.float32)
outputs, final = tf.nn.dynamic_rnn(cell, x, initial_state=state0)
print(outputs.shape, [w.shape.as_list() for w in final.w_list], final.M.shape)
print(cell.state_size)
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=outputs))
opt = tf.train.RMSPropOptimizer(1e-2, momentum=0.9, decay=0.95)
gvs = opt.compute_gradients(loss)
clipped = [(tf.clip_by_value(g, -10., 10.), v) for g, v in gvs]
train = opt.apply_gradients(clipped)
print(len(gvs), sorted(v.op.name for _, v in gvs))
ops = tf.get_default_graph().get_operations()
print(len([o for o in ops if o.type == "GatherNd"]), len([o for o in ops if o.type == "Pow"]))
seq = np.random.randint(0, 2, size=(B, T, X)).astype(np.float32)
np.set_printoptions(precision=6, suppress=True)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(4):
        lv, _ = sess.run([loss, train], {x: seq, y: seq})
        print(step, repr(lv))
    ws, mem = sess.run([final.w_list, final.M], {x: seq})
    print(ws[0])
    print(ws[1][0], mem[0])
