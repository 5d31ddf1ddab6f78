"""TF 1.14's Grappler on tf.gradients(gate_gradients=True) graphs (what
Optimizer.minimize's default GATE_OP builds). Each op's input gradients pass through a
tuple (Identity + a group_deps NoOp): the gate makes TF run every input gradient of the
op, even one nothing else reads, so a forward Mul read by such a gradient is no longer
absorbed into a Mul tree; Grappler's dependency optimizer removes the gate Identities
after the first round, so the second round regroups the gradient's Mul chain. The
numbers so differ from the ungated graph's by an ULP here and there.
Each case returns float arrays. Read by tests/test_gated_grads.py.
"""
from __future__ import absolute_import

import numpy as np


def dropout_chain(tf, gate=True):
    """d/de and d/dw of sum(tanh(dropout(e * sqrt(8) + pe) @ w) ** 2)."""
    with tf.Graph().as_default():
        tf.set_random_seed(3)
        rng = np.random.RandomState(0)
        e = tf.Variable(rng.randn(64, 8).astype(np.float32))
        pe = tf.constant(rng.randn(64, 8).astype(np.float32))
        x = e * 8 ** 0.5 + pe
        x = tf.layers.dropout(x, 0.1, training=True)
        w = tf.Variable(rng.randn(8, 8).astype(np.float32))
        y = tf.tanh(tf.matmul(x, w))
        loss = tf.reduce_sum(y * y)
        grads = tf.gradients(loss, [e, w], gate_gradients=gate)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return sess.run(grads)


def dropout_chain_ungated(tf):
    return dropout_chain(tf, gate=False)


def _layer_norm(tf, x, d):
    g = tf.get_variable("gamma", [d], initializer=tf.ones_initializer())
    b = tf.get_variable("beta", [d], initializer=tf.zeros_initializer())
    mean, var = tf.nn.moments(x, [-1], keep_dims=True)
    return g * (x - mean) / tf.sqrt(var + 1e-6) + b


def transformer_minimize(tf):
    """A Transformer-like block (embedding * sqrt(D), dropout, self-attention with
    dropout, feed-forward, layer norms) trained 2 steps by AdamOptimizer.minimize
    (GATE_OP); the trained variables."""
    B, T, V, D = 2, 6, 16, 8
    rng = np.random.RandomState(0)
    ids = rng.randint(1, V, (B, T)).astype(np.int32)
    labels = rng.randint(1, V, (B, T)).astype(np.int32)
    with tf.Graph().as_default():
        tf.set_random_seed(1234)
        emb = tf.get_variable("emb", [V, D],
                              initializer=tf.random_normal_initializer(0, 0.3, seed=1))
        pe = tf.constant(rng.randn(T, D).astype(np.float32))
        x = tf.nn.embedding_lookup(emb, tf.constant(ids)) * D ** 0.5 + pe
        x = tf.layers.dropout(x, 0.1, training=True)
        with tf.variable_scope("attn"):
            q = tf.layers.dense(x, D, use_bias=False, name="q")
            k = tf.layers.dense(x, D, use_bias=False, name="k")
            v = tf.layers.dense(x, D, use_bias=False, name="v")
            a = tf.nn.softmax(tf.matmul(q, k, transpose_b=True) / D ** 0.5)
            a = tf.layers.dropout(a, 0.1, training=True)
            o = tf.layers.dense(tf.matmul(a, v), D, name="o") + x
            with tf.variable_scope("ln"):
                x = _layer_norm(tf, o, D)
        with tf.variable_scope("ff"):
            h = tf.layers.dense(x, 16, activation=tf.nn.relu, name="ff1")
            h = tf.layers.dense(h, D, name="ff2")
            with tf.variable_scope("ln"):
                x = _layer_norm(tf, x + h, D)
        logits = tf.reshape(tf.matmul(tf.reshape(x, [-1, D]), emb, transpose_b=True),
                            [B, T, V])
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=tf.constant(labels), logits=logits))
        train = tf.train.AdamOptimizer(0.01).minimize(loss)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(2):
                sess.run(train)
            return sess.run(tf.trainable_variables())


def _lstm_dropout(tf, peepholes, gate=True):
    """Gradients for the variables of sum(square(dropout(dynamic_rnn(LSTMCell)) * 1.5))
    + sum(c * h): the gate's pure gradients (the dropout mask's, the constant 1.5's) read
    the forward dropout Muls in Grappler's first round (so its constant push-down leaves
    them alone) and are pruned in the second, which regroups the whole chain (TF:
    (7.03125 * Square(mask)) * out)."""
    with tf.Graph().as_default():
        tf.set_random_seed(2)
        rng = np.random.RandomState(0)
        x = tf.constant(rng.randn(3, 7, 5).astype(np.float32))
        cell = tf.nn.rnn_cell.LSTMCell(8, use_peepholes=peepholes)
        out, st = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
        h = tf.layers.dropout(out, 0.2, training=True) * 1.5
        loss = tf.reduce_sum(tf.square(h)) + tf.reduce_sum(st.c * st.h)
        grads = tf.gradients(loss, tf.trainable_variables(), gate_gradients=gate)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return sess.run(grads)


def lstm_dropout(tf):
    return _lstm_dropout(tf, False)


def lstm_dropout_peepholes(tf):
    return _lstm_dropout(tf, True)


def lstm_dropout_ungated(tf):
    """_lstm_dropout ungated: constant folding makes the Square gradient's Mul by ones an
    Identity, which stops Grappler's first round (no constant pushed through it; a leaf
    of MinimizeBroadcasts): the dropout gradient is grouped as (1.25 * mask) * g there,
    and the second round, the Identity gone, regroups g's tree alone: TF runs
    (1.25 * mask) * (mask * (5.625 * out)), not 7.03125 * out."""
    return _lstm_dropout(tf, False, gate=False)


def lstm_dropout_peepholes_ungated(tf):
    return _lstm_dropout(tf, True, gate=False)


def add_chain(tf, gate=True):
    """loss = sum(h3 * h3), h3 = tanh(h2) + h2 * h2: the gradient's AddN(h3, h3) reads
    h3 through the gate's Identities, so TF's first round leaves it alone (no
    SimplifyAggregation); the second, with them gone, absorbs h3 (read by that AddN
    alone): AddN(Square, Tanh, Square, Tanh), summed in that order. Ungated it is 2 * h3."""
    with tf.Graph().as_default():
        rng = np.random.RandomState(0)
        x = tf.constant(rng.randn(4, 5).astype(np.float32))
        w = tf.Variable(rng.randn(5, 5).astype(np.float32))
        b = tf.Variable(rng.randn(5).astype(np.float32))
        c = tf.Variable(rng.randn(5).astype(np.float32))
        h = tf.matmul(x, w) + b
        h2 = h * c + h
        h3 = tf.tanh(h2) + h2 * h2
        grads = tf.gradients(tf.reduce_sum(h3 * h3), [w, b, c], gate_gradients=gate)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return sess.run(grads)


def add_chain_ungated(tf):
    return add_chain(tf, gate=False)


def add_chain_minimize(tf, resource=False):
    """add_chain's loss trained one step by GradientDescentOptimizer.minimize (GATE_OP):
    the graph now holds ApplyGradientDescent (a ref input), so Grappler's constant
    folding makes the Mul by tf.gradients' ones a Snapshot, which the dependency optimizer
    keeps: the AddN reads it twice and becomes 2 * Snapshot (SimplifyAggregation), h3 is
    not absorbed. With resource variables (no ref input) it is an Identity again, and the
    AddN is AddN(Square, Tanh, Square, Tanh). The trained variables."""
    with tf.Graph().as_default():
        rng = np.random.RandomState(0)
        x = tf.constant(rng.randn(4, 5).astype(np.float32))
        w = tf.Variable(rng.randn(5, 5).astype(np.float32), use_resource=resource)
        b = tf.Variable(rng.randn(5).astype(np.float32), use_resource=resource)
        c = tf.Variable(rng.randn(5).astype(np.float32), use_resource=resource)
        h = tf.matmul(x, w) + b
        h2 = h * c + h
        h3 = tf.tanh(h2) + h2 * h2
        train = tf.train.GradientDescentOptimizer(1.0).minimize(tf.reduce_sum(h3 * h3))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(train)
            return sess.run([w, b, c])


def add_chain_minimize_resource(tf):
    return add_chain_minimize(tf, resource=True)


def reshape_with_control_output(tf):
    """Ungated gradients of mean(square(sigmoid(x * c) * 0.9 - 0.5) * b): the Square
    gradient's Const waits on `gradients/mul_2_grad/Reshape` (a Reshape to its own shape,
    an Identity after constant folding); the dependency optimizer removes it all the same,
    moving the control edge to its source, so the second round pushes 0.9 through it into
    the mean's constant: (2 * sub) * (b * 0.045), not (0.9 * (0.05 * b)) * (2 * sub)."""
    with tf.Graph().as_default():
        rng = np.random.RandomState(7)
        x = tf.Variable(rng.randn(5, 4).astype(np.float32))
        b = tf.Variable(rng.randn(4).astype(np.float32))
        c = tf.Variable(rng.randn(5, 1).astype(np.float32))
        h = tf.sigmoid(x * c) * 0.9
        loss = tf.reduce_mean(tf.square(h - 0.5) * b)
        grads = tf.gradients(loss, [x, b, c])
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return sess.run(grads)


def square_grad_control_const(tf):
    """pcfsel's t_std4: the gradient of sum(square(per_image_standardization(x))). The
    Square gradient's Const 2.0 waits on its grad (`Mean_1_grad/truediv`, built under
    control_dependencies([grad])), so Grappler's dedup keeps it apart from the other Square
    gradient's Const (it compares control inputs), and MinimizeBroadcasts takes truediv,
    which drives a control edge, as a leaf: `(2 * truediv) * x`, then the second round
    pushes 2 into truediv's reciprocal: `x * (Tile * 2/168)`, not `Tile * ((2/168) * x)`."""
    with tf.Graph().as_default():
        x = tf.Variable(np.random.RandomState(3).rand(8, 7, 3).astype(np.float32))
        y = tf.image.per_image_standardization(x)
        grad = tf.gradients(tf.reduce_sum(y * y), x)[0]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return sess.run(grad)


def addn_through_gates_ungated(tf):
    """addn_through_gates' graph ungated: Grappler's canonicalization sorts the Exp
    gradient's Mul inputs by their names after constant folding pushed 0.1 down
    (`(0.1 * Exp) * g`, g the SimplifyAggregation of `k * k`'s gradient), so
    MinimizeBroadcasts collects the leaves (g, Exp, 0.1) and runs (0.1 * g) * Exp."""
    return addn_through_gates(tf, gate=False)


def addn_through_gates(tf, minimize=False, gate=True):
    """A gated AddN of three gradients, one of them read through a gate Identity: the
    second round's canonical order sorts it by its source's name (gradients/AddN_2 first),
    as the dependency optimizer removed the Identity. `minimize`: one step of
    GradientDescentOptimizer(0.5).minimize instead (the trained variables)."""
    with tf.Graph().as_default():
        rng = np.random.RandomState(0)
        x = tf.Variable(rng.randn(32, 8).astype(np.float32))
        c = tf.Variable(rng.randn(32, 8).astype(np.float32))
        d = tf.Variable(rng.randn(32, 8).astype(np.float32))
        h = x + c
        u = tf.tanh(h) + tf.sin(h) + tf.square(h)
        k = tf.exp((u + d) * 0.1) + tf.cos(x) + tf.sigmoid(u)
        loss = tf.reduce_sum(k * k) + tf.reduce_sum(tf.tanh(x) * c)
        if minimize:
            train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
        else:
            grads = tf.gradients(loss, [x, c, d], gate_gradients=gate)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            if minimize:
                sess.run(train)
                return sess.run([x, c, d])
            return sess.run(grads)


def addn_ones_through_gates(tf, minimize=False):
    """h3's gradient AddN of (ones * h3) twice (h3 * h3's), a SigmoidGrad and a truediv
    gradient, gated: the Muls by ones are gate members, whose control edges the gate's
    NoOp takes with it before the second round, so they sort by h3's name (z_h3, last).
    `minimize`: one GradientDescentOptimizer(0.1).minimize step on these reference
    variables instead (the trained variables): the Muls by ones are Snapshots then, sorted
    by their own names."""
    with tf.Graph().as_default():
        rng = np.random.RandomState(0)
        x = tf.constant(rng.randn(4, 5).astype(np.float32))
        w = tf.Variable(rng.randn(5, 5).astype(np.float32))
        b = tf.Variable(rng.randn(5).astype(np.float32))
        c = tf.Variable(rng.randn(5).astype(np.float32))
        t = tf.Variable(rng.rand(5).astype(np.float32) + 0.5)
        h = tf.matmul(x, w) + b
        h2 = h * c + h
        h3 = tf.add(tf.tanh(h2), h2 * h2, name="z_h3")
        loss = tf.reduce_sum(h3 * h3) + tf.reduce_sum(tf.sigmoid(h3)) + \
            tf.reduce_sum(h3 / t)
        if minimize:
            train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
        else:
            grads = tf.gradients(loss, [w, b, c], gate_gradients=True)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            if minimize:
                sess.run(train)
                return sess.run([w, b, c])
            return sess.run(grads)


def addn_ones_through_gates_minimize(tf):
    return addn_ones_through_gates(tf, minimize=True)


def addn_through_gates_minimize(tf):
    return addn_through_gates(tf, minimize=True)


def lstm_mul_by_ones(tf, gate=True):
    """Gradients for the variables of sum(square(dynamic_rnn(LSTMCell) * 1.5)) + sum(c * h),
    no dropout: Grappler does not know the rnn output's time dim (TensorArrayGatherV3), so
    its constant folding makes the Square gradient's `ones * (3.0 * out)` a BroadcastTo,
    which stops the push-down: TF runs (3 * out) * 1.5, not 4.5 * out."""
    with tf.Graph().as_default():
        tf.set_random_seed(2)
        rng = np.random.RandomState(0)
        x = tf.constant(rng.randn(3, 7, 5).astype(np.float32))
        cell = tf.nn.rnn_cell.LSTMCell(8, use_peepholes=True)
        out, st = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
        loss = tf.reduce_sum(tf.square(out * 1.5)) + tf.reduce_sum(st.c * st.h)
        grads = tf.gradients(loss, tf.trainable_variables(), gate_gradients=gate)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return sess.run(grads)


def lstm_mul_by_ones_ungated(tf):
    return lstm_mul_by_ones(tf, gate=False)


def lstm_dropout_adam(tf):
    """_lstm_dropout's peephole cell trained two steps by AdamOptimizer.minimize on
    reference variables: the Square gradient's `ones * y` is a Snapshot (the graph has
    ref-input ops), which the dependency optimizer keeps, so no push-down or MinimizeBroadcasts
    goes through it."""
    with tf.Graph().as_default():
        tf.set_random_seed(2)
        rng = np.random.RandomState(0)
        x = tf.constant(rng.randn(3, 7, 5).astype(np.float32))
        cell = tf.nn.rnn_cell.LSTMCell(8, use_peepholes=True)
        out, st = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
        h = tf.layers.dropout(out, 0.2, training=True) * 1.5
        loss = tf.reduce_sum(tf.square(h)) + tf.reduce_sum(st.c * st.h)
        train = tf.train.AdamOptimizer(0.01).minimize(loss)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(2):
                sess.run(train)
            return sess.run(tf.trainable_variables())


def exp_scaled_round2(tf, gate=True):
    """Gradients of sum(exp((x @ w) * 0.1) * b * 3.0) (pmbc's probe2 d). Gated, the first
    round leaves `Exp_grad/mul = Exp * (b * 3s)` (inputs sorted by name) and
    `mul_grad/Mul = Exp_grad/mul * 0.1`; the second round's constant folding pushes 0.1
    down before its MinimizeBroadcasts: `Exp * (b * 0.3s)`, not `(0.1 * b) * (3s * Exp)`."""
    with tf.Graph().as_default():
        rng = np.random.RandomState(3)
        x = tf.Variable(rng.randn(4, 6).astype(np.float32))
        w = tf.Variable(rng.randn(6, 6).astype(np.float32))
        b = tf.Variable(rng.randn(6).astype(np.float32))
        loss = tf.reduce_sum(tf.exp(tf.matmul(x, w) * 0.1) * b * 3.0)
        grads = tf.gradients(loss, [x, w, b], gate_gradients=gate)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return sess.run(grads)


def exp_scaled_round2_ungated(tf):
    return exp_scaled_round2(tf, gate=False)


def square_of_product_round2(tf, gate=True):
    """Gradients of sum(y * y * 1.1), y = exp(x * 0.3) * s (pmbc's probe c). Gated, the
    AddN of y's two gradients reads one gate Identity twice: SimplifyAggregation makes it
    `2 * Identity` in the first round, read by two Muls; the second round's constant
    folding pushes 2 and 0.3 down (`s * (2 * 1.1s)`, `0.3 * SA`), then MinimizeBroadcasts
    regroups: `((s * Exp) * 2.2s) * 0.3`."""
    with tf.Graph().as_default():
        rng = np.random.RandomState(1)
        x = tf.Variable(rng.randn(6, 5).astype(np.float32))
        s = tf.Variable(np.float32(0.7))
        y = tf.exp(x * 0.3) * s
        loss = tf.reduce_sum(y * y * 1.1)
        grads = tf.gradients(loss, [x, s], gate_gradients=gate)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return sess.run(grads)


def square_of_product_round2_ungated(tf):
    return square_of_product_round2(tf, gate=False)


def softmax_scaled_round2(tf, gate=True):
    """Gradients of sum(softmax(q @ k^T / sqrt(8)) * t) (paor's smx): the division's
    reciprocal (`ConstantFolding/truediv_recip`) sorts first, the second round pushes it
    into `Softmax_grad/mul_1` and MinimizeBroadcasts regroups: `(recip * Softmax) * sub`."""
    with tf.Graph().as_default():
        rng = np.random.RandomState(0)
        q = tf.Variable(rng.randn(2, 6, 8).astype(np.float32))
        k = tf.Variable(rng.randn(2, 6, 8).astype(np.float32))
        t = tf.Variable(rng.randn(2, 6, 6).astype(np.float32))
        a = tf.nn.softmax(tf.matmul(q, k, transpose_b=True) / 8 ** 0.5)
        grads = tf.gradients(tf.reduce_sum(a * t), [q, k], gate_gradients=gate)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            return sess.run(grads)


def softmax_scaled_round2_ungated(tf):
    return softmax_scaled_round2(tf, gate=False)


CASES = ["dropout_chain", "dropout_chain_ungated", "transformer_minimize", "lstm_dropout",
         "lstm_dropout_peepholes", "add_chain", "add_chain_ungated", "add_chain_minimize",
         "add_chain_minimize_resource", "addn_through_gates", "addn_through_gates_minimize",
         "addn_ones_through_gates", "addn_ones_through_gates_minimize",
         "lstm_mul_by_ones", "lstm_mul_by_ones_ungated", "lstm_dropout_adam",
         "lstm_dropout_ungated", "lstm_dropout_peepholes_ungated",
         "addn_through_gates_ungated", "reshape_with_control_output",
         "square_grad_control_const", "exp_scaled_round2", "exp_scaled_round2_ungated",
         "square_of_product_round2", "square_of_product_round2_ungated",
         "softmax_scaled_round2", "softmax_scaled_round2_ungated"]


def cases(tf):
    return {name: globals()[name](tf) for name in CASES}
