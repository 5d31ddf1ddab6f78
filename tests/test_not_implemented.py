"""Arguments and features flowgrad does not implement raise NotImplementedError naming
them, at the call (never silently ignored): one case per such check, each built in a
fresh graph. (Coverage over the suite showed most of these checks never ran.)"""
import numpy as np
import pytest

import flowgrad as tf
from flowgrad.ops.variables import ResourceVariable


def _img():
    return tf.constant(np.zeros((4, 4, 3), np.uint8))


def _q():
    return tf.FIFOQueue(2, tf.float32)


CASES = {
    "enable_eager_execution": (lambda: tf.enable_eager_execution(), "eager execution"),
    "encode_jpeg density_unit": (lambda: tf.image.encode_jpeg(_img(), density_unit="cm"),
                                 "density_unit"),
    "encode_jpeg xmp_metadata": (lambda: tf.image.encode_jpeg(_img(), xmp_metadata="x"),
                                 "xmp_metadata"),
    "LSTMCell num_unit_shards": (lambda: tf.nn.rnn_cell.LSTMCell(4, num_unit_shards=2),
                                 "num_unit_shards"),
    "ResourceVariable distribute_strategy": (
        lambda: ResourceVariable(1.0, distribute_strategy=object()), "distribute_strategy"),
    "TFRecordWriter flush_mode Z_FINISH": (
        lambda: tf.python_io.TFRecordWriter("/tmp/_flowgrad_ni.tfrecord",
                                            tf.python_io.TFRecordOptions("GZIP", flush_mode=4)),
        "Z_FINISH"),
    "profile order_by": (
        lambda: tf.profiler.profile(options=tf.profiler.ProfileOptionBuilder()
                                    .order_by("peak_bytes").with_empty_output().build()),
        "order_by"),
    "profile output": (
        lambda: tf.profiler.profile(options=dict(
            tf.profiler.ProfileOptionBuilder().build(), output="pprof:outfile=/tmp/x")),
        "output"),
    "write_op_log run_meta": (
        lambda: tf.profiler.write_op_log(None, "/tmp", run_meta=tf.RunMetadata()), "run_meta"),
    "sort non-last axis of unknown rank": (
        lambda: tf.sort(tf.placeholder(tf.float32), axis=0), "non-last axis"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_raises_naming_what_is_missing(case):
    build, match = CASES[case]
    with tf.Graph().as_default():
        with pytest.raises(NotImplementedError, match=match):
            build()
