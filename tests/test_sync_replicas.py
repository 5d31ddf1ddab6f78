"""tf.train.SyncReplicasOptimizer and tf.ConditionalAccumulator in one process: replicas
as threads of one session (the accumulators and the token queue are shared by name, as
on a ps task), the chief's hook running its queue runner. Ray-free; the ps form is in
tests/test_distribute_ray.py."""
import threading

import numpy as np
import pytest

import flowgrad as tf

W0 = np.array([[0.5], [-1.0], [2.0]], np.float32)


def _data(seed, n=8):
    rng = np.random.RandomState(seed)
    x = rng.randn(n, 3).astype(np.float32)
    return x, (x.dot([[1.0], [2.0], [-1.0]]) + 0.1 * rng.randn(n, 1)).astype(np.float32)


def _model(x, y, w):
    return tf.reduce_mean(tf.square(tf.matmul(x, w) - y))


def test_accumulator_ops():
    acc = tf.ConditionalAccumulator(tf.float32, shape=[2], shared_name="acc")
    g = tf.placeholder(tf.float32, [2])
    s = tf.placeholder(tf.int64, [])
    apply = acc.apply_grad(g, local_step=s)
    take, n = acc.take_grad(2), acc.num_accumulated()
    assert (acc.name, n.op.name, apply.name, take.op.name) == (
        "conditional_accumulator", "conditional_accumulator_NumAccumulated",
        "AccumulatorApplyGradient", "AccumulatorTakeGradient")
    with tf.Session() as sess:
        sess.run(apply, {g: [1, 2], s: 0})
        sess.run(apply, {g: [3, 4], s: 0})
        assert sess.run(n) == 2
        np.testing.assert_array_equal(sess.run(take), [2.0, 3.0])   # TF 1.14's values
        assert sess.run(n) == 0
        sess.run(apply, {g: [1, 2], s: 0})     # older than the global step (1): dropped
        assert sess.run(n) == 0
        sess.run(acc.set_global_step(5))
        sess.run(apply, {g: [1, 2], s: 4})
        assert sess.run(n) == 0
        with pytest.raises(tf.errors.InvalidArgumentError,
                           match="Argument num_required must be positive, but was 0"):
            sess.run(acc.take_grad(0))
        with pytest.raises(tf.errors.InvalidArgumentError,
                           match=r"Shape mismatch: expected \[2\], got \[3\]"):
            unknown = tf.ConditionalAccumulator(tf.float32, shared_name="accb")
            v = tf.placeholder(tf.float32, None)
            sess.run(unknown.apply_grad(v), {v: [1.0, 2.0]})
            sess.run(unknown.apply_grad(v), {v: [1.0, 2.0, 3.0]})


def _sgd_steps(batches, steps):
    """Plain SGD on the concatenated batch: what synchronous replicas must compute."""
    with tf.Graph().as_default():
        w = tf.Variable(W0)
        x = np.concatenate([b[0] for b in batches])
        y = np.concatenate([b[1] for b in batches])
        step = tf.train.GradientDescentOptimizer(0.1).minimize(_model(x, y, w))
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(steps):
                sess.run(step)
            return sess.run(w)


def _wait_for(sess, t, value):
    for _ in range(6000):
        if sess.run(t) == value:
            return
        threading.Event().wait(0.01)
    raise AssertionError(f"{t.name} never reached {value}")


def test_two_replicas_equal_one_process_on_the_concatenated_batch():
    """As TF 1.14's own test (sync_replicas_optimizer_test.test2Workers): the first step
    is applied, the second is wasted (the initial tokens carry step 0, so its gradients
    are stale), and from then on the replicas move together, one global step per pair of
    gradients: the mean of the two replicas' gradients, i.e. SGD on both batches."""
    batches = [_data(1), _data(2)]
    with tf.Graph().as_default():
        w = tf.Variable(W0)
        gs = tf.train.get_or_create_global_step()
        train_ops, hooks, opts = [], [], []
        for i, (x, y) in enumerate(batches):
            opt = tf.train.SyncReplicasOptimizer(tf.train.GradientDescentOptimizer(0.1),
                                                 replicas_to_aggregate=2,
                                                 total_num_replicas=2)
            train_ops.append(opt.minimize(_model(x, y, w), global_step=gs))
            hooks.append(opt.make_session_run_hook(is_chief=i == 0))
            opts.append(opt)
        with tf.train.SingularMonitoredSession(hooks=hooks, stop_grace_period_secs=1) as sess:
            raw = sess.raw_session()
            local_steps = [o._local_step for o in opts]
            assert raw.run([gs] + local_steps) == [0, 0, 0]
            raw.run(train_ops[0])
            raw.run(train_ops[1])
            _wait_for(raw, gs, 1)
            np.testing.assert_allclose(raw.run(w), _sgd_steps(batches, 1), rtol=1e-5,
                                       atol=1e-6)
            assert raw.run(local_steps) == [0, 0]
            raw.run(train_ops[0])      # stale: dropped; the replicas take tokens of step 1
            raw.run(train_ops[1])
            assert raw.run([gs] + local_steps) == [1, 1, 1]
            for step in (2, 3):        # the token queue is empty: both must run
                threads = [threading.Thread(target=raw.run, args=(op,)) for op in train_ops]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join(60)
                assert not any(t.is_alive() for t in threads)
                _wait_for(raw, gs, step)
                np.testing.assert_allclose(raw.run(w), _sgd_steps(batches, step),
                                           rtol=1e-5, atol=1e-6)


def test_replica_errors():
    with tf.Graph().as_default():
        w = tf.Variable(W0)
        opt = tf.train.SyncReplicasOptimizer(tf.train.GradientDescentOptimizer(0.1), 2)
        with pytest.raises(ValueError, match="get_init_tokens_op\\(\\) should be called "
                                             "after apply_gradients\\(\\)."):
            opt.get_init_tokens_op()
        with pytest.raises(ValueError, match="Global step is required to check staleness"):
            opt.apply_gradients([(tf.ones_like(w), w)])
        opt.minimize(tf.reduce_sum(w), global_step=tf.train.get_or_create_global_step())
        opt = tf.train.SyncReplicasOptimizer(tf.train.GradientDescentOptimizer(0.1), 2, 5)
        opt.minimize(tf.reduce_sum(w), global_step=tf.train.get_global_step())
        with pytest.raises(ValueError, match="Too few tokens to finish the first step: "
                                             "-4 \\(given\\) vs -3 \\(needed\\)"):
            opt.get_init_tokens_op(-4)


def test_sparse_gradients_are_aggregated_per_index():
    """Embedding gradients (IndexedSlices) go through a SparseConditionalAccumulator, as in
    TF 1.14: each row is the mean of the replicas' gradients that had its index."""
    e0 = np.arange(10, dtype=np.float32).reshape(5, 2)
    with tf.Graph().as_default():
        emb = tf.Variable(e0)
        gs = tf.train.get_or_create_global_step()
        train_ops, hooks = [], []
        for i, (ids, weight) in enumerate((([0, 1], 1.0), ([1, 2], 3.0))):
            opt = tf.train.SyncReplicasOptimizer(tf.train.GradientDescentOptimizer(0.1),
                                                 replicas_to_aggregate=2)
            loss = tf.reduce_sum(tf.nn.embedding_lookup(emb, ids)) * weight
            train_ops.append(opt.minimize(loss, global_step=gs))
            hooks.append(opt.make_session_run_hook(is_chief=i == 0))
        types = [op.type for op in tf.get_default_graph().get_operations()]
        assert types.count("SparseConditionalAccumulator") == 2
        with tf.train.SingularMonitoredSession(hooks=hooks, stop_grace_period_secs=1) as sess:
            raw = sess.raw_session()
            raw.run(train_ops[0])
            raw.run(train_ops[1])
            _wait_for(raw, gs, 1)
            want = e0.copy()
            want[0] -= 0.1 * 1.0
            want[1] -= 0.1 * (1.0 + 3.0) / 2
            want[2] -= 0.1 * 3.0
            np.testing.assert_allclose(raw.run(emb), want, rtol=1e-6)
