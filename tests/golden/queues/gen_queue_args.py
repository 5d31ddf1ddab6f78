"""The arguments of TF 1.14's queue and reader constructors and their input methods as
the generated wrappers and op_def_library take them: int attrs (capacity,
min_after_dequeue, record_bytes, header_bytes, skip_header_lines) through make_int (a
Tensor or str: "Expected int for argument ..."; a float: int() of it), string attrs
(shared_name, encoding) through make_str, cancel_pending_enqueues through make_bool (a
Python bool only), QueueRunner's check of queue_closed_exception_types, and the inputs n,
num_records, queue_handle and restore_state's state converted to their fixed dtypes
("Expected int32 passed to parameter 'n' ...", "Input 'n' of 'QueueDequeueManyV2' Op has
type ..."), each raised before the op is made (tf.train.batch fails at its queue, before
its summary). Each case: the error or the checked attrs of the ops made, and the op
types the call left behind. tests/test_queue_args.py runs the same cases with flowgrad."""
import numpy as np

ATTRS = ("capacity", "min_after_dequeue", "record_bytes", "header_bytes", "hop_bytes",
         "skip_header_lines", "encoding", "shared_name")


def _q(tf):
    return tf.FIFOQueue(10, tf.string, shapes=[[]], name="files")


CASES = [
    ("fifo_tensor_capacity", lambda tf: tf.FIFOQueue(tf.constant(10), tf.int32)),
    ("padding_tensor_capacity",
     lambda tf: tf.PaddingFIFOQueue(tf.constant(10), tf.int32, shapes=[[None]])),
    ("shuffle_tensor_capacity", lambda tf: tf.RandomShuffleQueue(tf.constant(10), 2, tf.int32)),
    ("shuffle_tensor_min_after",
     lambda tf: tf.RandomShuffleQueue(10, tf.constant(2), tf.int32)),
    ("shuffle_str_both", lambda tf: tf.RandomShuffleQueue("10", "2", tf.int32)),
    ("priority_tensor_capacity",
     lambda tf: tf.PriorityQueue(tf.constant(10), [tf.int32], shapes=[[]])),
    ("fifo_float_capacity", lambda tf: tf.FIFOQueue(10.7, tf.int32)),
    ("shuffle_float_min_after", lambda tf: tf.RandomShuffleQueue(9, 2.5, tf.int32)),
    ("fifo_str_capacity", lambda tf: tf.FIFOQueue("10", tf.int32)),
    ("fifo_int_shared_name", lambda tf: tf.FIFOQueue(10, tf.int32, shared_name=5)),
    ("batch_tensor_capacity",
     lambda tf: tf.train.batch([tf.constant(1)], 2, capacity=tf.constant(10))),
    ("fixed_tensor_record_bytes", lambda tf: tf.FixedLengthRecordReader(tf.constant(4))),
    ("fixed_float_bytes", lambda tf: tf.FixedLengthRecordReader(4.5, header_bytes=1.9,
                                                                hop_bytes=None)),
    ("fixed_str_record_bytes", lambda tf: tf.FixedLengthRecordReader("4")),
    ("fixed_int_encoding", lambda tf: tf.FixedLengthRecordReader(4, encoding=3)),
    ("text_tensor_skip", lambda tf: tf.TextLineReader(skip_header_lines=tf.constant(1))),
    ("text_float_skip", lambda tf: tf.TextLineReader(skip_header_lines=1.5)),
    ("dequeue_many_float_n", lambda tf: _q(tf).dequeue_many(2.5)),
    ("dequeue_many_str_n", lambda tf: _q(tf).dequeue_many("2")),
    ("dequeue_up_to_int64_n", lambda tf: _q(tf).dequeue_up_to(tf.constant(2, tf.int64))),
    ("dequeue_many_float_tensor_n", lambda tf: _q(tf).dequeue_many(tf.constant(2.0))),
    ("read_up_to_float", lambda tf: tf.TFRecordReader().read_up_to(_q(tf), 2.5)),
    ("read_up_to_int32_tensor",
     lambda tf: tf.TFRecordReader().read_up_to(_q(tf), tf.constant(2))),
    ("read_int_queue_tensor", lambda tf: tf.TFRecordReader().read(tf.constant(1))),
    ("restore_state_int", lambda tf: tf.TFRecordReader().restore_state(5)),
    ("restore_state_int_tensor",
     lambda tf: tf.TFRecordReader().restore_state(tf.constant(5))),
    ("close_int_cancel", lambda tf: _q(tf).close(cancel_pending_enqueues=1)),
    ("close_numpy_bool_cancel",
     lambda tf: _q(tf).close(cancel_pending_enqueues=np.bool_(True))),
    ("runner_empty_closed_types", lambda tf: tf.train.QueueRunner(
        _q(tf), [tf.no_op()], queue_closed_exception_types=[])),
    ("runner_python_closed_type", lambda tf: tf.train.QueueRunner(
        _q(tf), [tf.no_op()], queue_closed_exception_types=(ValueError,))),
    ("runner_two_bad_closed_types", lambda tf: tf.train.QueueRunner(
        _q(tf), [tf.no_op()], queue_closed_exception_types=(ValueError, KeyError))),
]


def run_case(tf, build):
    g = tf.get_default_graph()
    try:
        build(tf)
        got = ["made"] + [[o.type] + [[a, o.get_attr(a)] for a in ATTRS if a in o.node_def.attr]
                          for o in g.get_operations() if o.node_def.attr.keys() & set(ATTRS)]
    except TypeError as e:
        got = [type(e).__name__, str(e)]
    return got + [[o.type for o in g.get_operations()]]


def cases(tf):
    out = {}
    for name, build in CASES:
        tf.reset_default_graph()
        out[name] = run_case(tf, build)
    return out
