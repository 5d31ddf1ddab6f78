"""tf.contrib.training.batch_sequences_with_states and SequenceQueueingStateSaver under TF
1.14 (made on an Intel Xeon: the host is recorded; the RNN's float32 bits follow it), run
with flowgrad in tests/test_sequence_state_saver.py: every op's name and type (a seeded
random op after them depends on their count), the static shapes, the batches the queue
runner's one thread yields from a fixed input queue (keys, next keys, lengths, sequences,
contexts, insertion indices, states carried across segments by save_state and
tf.contrib.rnn.static_state_saving_rnn), the end-of-input error; the state saver run by
hand; the build errors and the run-time checks (TF's classes and messages)."""
import re

import numpy as np
from goldenio import GoldenError, host_vendor

DATA = [("a", 5, np.arange(10, dtype=np.float32).reshape(5, 2), [1, 2], ["p"] * 5),
        ("bb", 2, np.ones((2, 2), np.float32), [3, 4], ["q", "r"]),
        ("c", 4, -np.arange(8, dtype=np.float32).reshape(4, 2), [5, 6], list("wxyz"))]
UNROLL = 2
SEGMENTS = sum(-(-n // UNROLL) for _, n, _, _, _ in DATA)


def _ops(tf):
    return [op.name + ":" + op.type for op in tf.get_default_graph().get_operations()]


def _plain(v):
    a = np.asarray(v)
    if a.dtype == object:
        return [x.decode() for x in a.ravel()]
    return a


def _error(e):
    """An OpError's class and first line, with the resources' ids (`_N_`) normalised."""
    return GoldenError.of(e, re.sub(r"'_\d+_", "'_N_", e.message.split("\n")[0]))


def _input_queue(tf):
    q = tf.PaddingFIFOQueue(10, [tf.string, tf.int32, tf.float32, tf.int64, tf.string],
                            shapes=[[], [], [None, 2], [2], [None]])
    return q, [q.enqueue(d) for d in DATA] + [q.close()]


def _rnn_states(tf, lstm):
    if lstm:   # a tuple state: one state of the saver per part, named as state_name
        return {"c": tf.zeros([3]), "h": tf.ones([3])}
    return {"s": tf.zeros([3])}


def _pipeline(tf, batch_size=1, capacity=1, length=True, unique=False, pad=True,
              lstm=False):
    tf.reset_default_graph()
    tf.set_random_seed(3)
    q, fill = _input_queue(tf)
    key, n, x, c, w = q.dequeue()
    if not pad:   # sequences of a multiple of num_unroll steps, as pad=False needs
        x = tf.concat([x, tf.zeros([n % UNROLL, 2])], 0)
        w = tf.concat([w, tf.fill([n % UNROLL], "")], 0)
    b = tf.contrib.training.batch_sequences_with_states(
        input_key=key, input_sequences={"x": x, "w": w}, input_context={"c": c},
        input_length=n if length else None,
        initial_states=dict(_rnn_states(tf, lstm), t=tf.constant([1.0, -1.0])),
        num_unroll=UNROLL, batch_size=batch_size, num_threads=1, capacity=capacity,
        make_keys_unique=unique, make_keys_unique_seed=7, pad=pad)
    save_t = b.save_state("t", b.state("t") * 2.0 + 1.0)
    cell = tf.nn.rnn_cell.BasicLSTMCell(3) if lstm else tf.nn.rnn_cell.BasicRNNCell(3)
    outs, state = tf.contrib.rnn.static_state_saving_rnn(
        cell, tf.unstack(b.sequences["x"], axis=1), b, ("c", "h") if lstm else "s")
    r = tf.random_normal([2])
    fetch = {"key": b.key, "next_key": b.next_key, "length": b.length,
             "total_length": b.total_length, "sequence": b.sequence,
             "sequence_count": b.sequence_count, "x": b.sequences["x"],
             "w": b.sequences["w"], "c": b.context["c"], "s": b.state("h" if lstm else "s"),
             "t": b.state("t"), "index": b.insertion_index, "batch_size": b.batch_size,
             "out": outs[-1], "state": state.h if lstm else state}
    if lstm:
        fetch["state_c"] = state.c
    out = {"ops": _ops(tf), "shapes": {k: str(v.shape) for k, v in fetch.items()},
           "summaries": [t.name for t in tf.get_collection(tf.GraphKeys.SUMMARIES)],
           "runners": [qr.name for qr in tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS)]}
    batches, taken = [], 0
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for op in fill:   # one at a time: in one run they race
            sess.run(op)
        threads = tf.train.start_queue_runners(sess)
        while taken < SEGMENTS:
            v, _ = sess.run([fetch, save_t])
            taken += int(v["batch_size"])
            batches.append({k: _plain(a) for k, a in v.items()})
        for t in threads:   # the runner closes the state saver once the input is done
            t.join(30)
        out["alive"] = sum(t.is_alive() for t in threads)
        try:
            sess.run(fetch)
        except tf.errors.OpError as e:
            out["end"] = _error(e)
        out["random_after"] = sess.run(r)
    out["batches"] = batches
    return out


def pipelines(tf):
    return {"base": _pipeline(tf), "batch2": _pipeline(tf, 2, 2),
            "batch2_cap3": _pipeline(tf, 2, 3), "no_length": _pipeline(tf, length=False),
            "unique_keys": _pipeline(tf, unique=True), "no_pad": _pipeline(tf, pad=False),
            "lstm_tuple_state": _pipeline(tf, 2, 2, lstm=True)}


def by_hand(tf):
    """The state saver on its own, its prefetch op run in the main thread: two segments a
    batch, the barrier's handle and sizes, the close op, then a batch too small."""
    tf.reset_default_graph()
    q, fill = _input_queue(tf)
    key, n, x, c, w = q.dequeue()
    x = tf.concat([x, tf.zeros([(3 - n % 3) % 3, 2])], 0)
    saver = tf.contrib.training.SequenceQueueingStateSaver(
        batch_size=2, num_unroll=3, input_length=n, input_key=key, input_sequences={"x": x},
        input_context={"c": c, "k": tf.constant(["u", "v"])},
        initial_states={"h": tf.constant([0.5])}, capacity=3, name="saver")
    prefetch = saver.prefetch_op
    b = saver.next_batch
    save = b.save_state("h", b.state("h") + tf.reduce_sum(b.sequences["x"], [1, 2])[:, None],
                        name="save")
    close = saver.close()
    out = {"name": saver.name, "barrier": saver.barrier.name, "prefetch": prefetch.name,
           "close": close.name, "ops": _ops(tf)}
    fetch = [b.key, b.next_key, b.length, b.total_length, b.sequence, b.sequence_count,
             b.sequences["x"], b.context["c"], b.context["k"], b.state("h"),
             b.insertion_index, b.batch_size]
    runs = []
    with tf.Session() as sess:
        for op in fill:   # one at a time: in one run they race
            sess.run(op)
        for _ in range(3):
            sess.run(prefetch)
        container, name = _plain(sess.run(saver.barrier.barrier_ref))
        out["handle"] = [container, re.sub(r"^_\d+_", "_N_", name)]
        out["ready"] = sess.run(saver.barrier.ready_size())
        out["incomplete"] = sess.run(saver.barrier.incomplete_size())
        for _ in range(2):
            runs.append([_plain(v) for v in sess.run(fetch + [save])[:-1]])
        sess.run(close)
        out["ready_after_close"] = sess.run(saver.barrier.ready_size())
        try:
            sess.run(fetch)
        except tf.errors.OpError as e:
            out["take_after_close"] = _error(e)
    out["runs"] = runs
    return out


def _build_error(tf, fn):
    tf.reset_default_graph()
    try:
        fn()
    except (ValueError, TypeError, KeyError, AttributeError) as e:
        return GoldenError.of(e)
    return None


def build_errors(tf):
    S = tf.contrib.training.SequenceQueueingStateSaver

    def saver(**kw):
        args = dict(batch_size=2, num_unroll=2, input_length=tf.constant(2),
                    input_key=tf.constant("k"), input_sequences={"x": tf.zeros([4, 2])},
                    input_context={}, initial_states={"s": tf.zeros([2])}, capacity=4)
        args.update(kw)
        return S(**args)

    def bsws(**kw):
        args = dict(input_key=tf.constant("k"), input_sequences={"x": tf.zeros([3, 2])},
                    input_context={}, input_length=None, initial_states={"s": tf.zeros([2])},
                    num_unroll=2, batch_size=1)
        args.update(kw)
        return tf.contrib.training.batch_sequences_with_states(**args)

    def bad_save():
        b = bsws()
        b.save_state("nope", tf.zeros([1, 2]))

    def bad_save_shape():
        b = bsws()
        b.save_state("s", tf.zeros([1, 3]))
    def rnn(cell, state_name):
        b = bsws(initial_states={"c": tf.zeros([3]), "h": tf.zeros([3])})
        tf.contrib.rnn.static_state_saving_rnn(
            cell, tf.unstack(b.sequences["x"], axis=1), b, state_name)
    cases = {
        "rnn_name_not_tuple": lambda: rnn(tf.nn.rnn_cell.BasicLSTMCell(3), "c"),
        "rnn_name_tuple": lambda: rnn(tf.nn.rnn_cell.BasicRNNCell(3), ("c",)),
        "rnn_name_count": lambda: rnn(tf.nn.rnn_cell.BasicLSTMCell(3), ("c",)),
        "capacity": lambda: saver(capacity=1),
        "states_not_dict": lambda: saver(initial_states=[tf.zeros([2])]),
        "states_empty": lambda: saver(initial_states={}),
        "state_colon": lambda: saver(initial_states={"a:b": tf.zeros([2])}),
        "state_name_int": lambda: saver(initial_states={1: tf.zeros([2])}),
        "sequences_not_dict": lambda: saver(input_sequences=[tf.zeros([4, 2])]),
        "context_not_dict": lambda: saver(input_context=[1]),
        "sequences_empty": lambda: saver(input_sequences={}),
        "sequence_colon": lambda: saver(input_sequences={"x:y": tf.zeros([4, 2])}),
        "context_colon": lambda: saver(input_context={"c:d": tf.zeros([2])}),
        "length_dtype": lambda: saver(input_length=tf.constant(2, tf.int64)),
        "key_dtype": lambda: saver(input_key=tf.constant(3)),
        "length_rank": lambda: saver(input_length=tf.constant([2])),
        "state_undefined": lambda: saver(initial_states={
            "s": tf.placeholder(tf.float32, [None])}),
        "sequence_undefined": lambda: saver(input_sequences={
            "x": tf.placeholder(tf.float32, [None, None])}),
        "context_undefined": lambda: saver(input_context={"c": tf.placeholder(tf.float32)}),
        "num_unroll_float": lambda: bsws(num_unroll=2.0),
        "sequences_key_int": lambda: bsws(input_sequences={1: tf.zeros([3, 2])}),
        "save_undeclared": bad_save,
        "save_shape": bad_save_shape,
    }
    return {k: _build_error(tf, fn) for k, fn in cases.items()}


def _run_error(tf, build):
    tf.reset_default_graph()
    saver, fill = build()
    with tf.Session() as sess:
        sess.run(fill)
        try:
            sess.run(saver.prefetch_op)
        except tf.errors.OpError as e:
            return _error(e)
    return None


def _static_error(tf, build):
    tf.reset_default_graph()
    try:
        build()[0].prefetch_op
    except ValueError as e:
        return GoldenError.of(e)
    return None


def run_errors(tf):
    def make(seq_len, length, unknown=True, batch_size=lambda: 1, capacity=None):
        def build():
            q = tf.PaddingFIFOQueue(2, [tf.float32, tf.int32],
                                    shapes=[[None if unknown else seq_len, 2], []])
            x, n = q.dequeue()
            saver = tf.contrib.training.SequenceQueueingStateSaver(
                batch_size=batch_size(), num_unroll=2, input_length=n,
                input_key=tf.constant("k"), input_sequences={"x": x}, input_context={},
                initial_states={"s": tf.zeros([2])}, capacity=capacity)
            return saver, q.enqueue([np.zeros((seq_len, 2), np.float32), length])
        return build

    def no_pad():
        tf.reset_default_graph()
        x = tf.placeholder(tf.float32, [None, 2])
        b = tf.contrib.training.batch_sequences_with_states(
            input_key=tf.constant("k"), input_sequences={"x": x}, input_context={},
            input_length=tf.constant(3), initial_states={"s": tf.zeros([2])}, num_unroll=2,
            batch_size=1, pad=False)
        prefetch = tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS)[0].enqueue_ops[0]
        with tf.Session() as sess:
            try:
                sess.run(prefetch, {x: np.zeros((3, 2), np.float32)})
            except tf.errors.OpError as e:
                return _error(e), str(b.sequences["x"].shape)

    def unequal():
        tf.reset_default_graph()
        x = tf.placeholder(tf.float32, [None, 2])
        y = tf.placeholder(tf.int32, [None])
        tf.contrib.training.batch_sequences_with_states(
            input_key=tf.constant("k"), input_sequences={"x": x, "y": y}, input_context={},
            input_length=None, initial_states={"s": tf.zeros([2])}, num_unroll=2,
            batch_size=1)
        prefetch = tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS)[0].enqueue_ops[0]
        with tf.Session() as sess:
            try:
                sess.run(prefetch, {x: np.zeros((3, 2)), y: [1, 2]})
            except tf.errors.OpError as e:
                return _error(e)

    return {"not_multiple": _run_error(tf, make(3, 3)),
            "length_too_long": _run_error(tf, make(4, 5)),
            "capacity_tensor": _run_error(tf, make(4, 4, batch_size=lambda: tf.constant(3),
                                                   capacity=2)),
            "static_not_multiple": _static_error(tf, make(3, 3, unknown=False)),
            "no_pad": no_pad(), "unequal_lengths": unequal()}


def cases(tf):
    return {"host": host_vendor(), "pipelines": pipelines(tf), "by_hand": by_hand(tf),
            "build_errors": build_errors(tf), "run_errors": run_errors(tf)}
