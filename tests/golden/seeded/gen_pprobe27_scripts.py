"""What the probe programs in tests/pprobe27_scripts print under TF 1.14: whole seeded TF1
programs of the queue-based input pipeline (cifar10_input.py, the TF1 reading-data guide):
FIFOQueue / PaddingFIFOQueue / PriorityQueue / a seeded RandomShuffleQueue used directly
(enqueue_many, dequeue_many / dequeue_up_to, close, QueueBase.from_list, op seeds from the
graph seed, RunOptions timeouts, the errors of closed and short queues); WholeFileReader,
FixedLengthRecordReader (hop_bytes, ZLIB) and TextLineReader.read_up_to over files in a
temp dir behind match_filenames_once and seeded string_input_producer / input_producer
epochs; tf.train.batch with dynamic_pad, SparseTensors, enqueue_many, maybe_batch and
allow_smaller_final_batch; seeded shuffle_batch / shuffle_batch_join /
maybe_shuffle_batch drained after their inputs closed; a hand-built QueueRunner feeding
a training loop under a Coordinator (errors, stop_on_exception, to_proto); compressed
TFRecordReader, IdentityReader state and the pipeline's user errors. Values at full
precision or hashes of their bytes. Made on an Intel Xeon (TF's float32 bits depend on
the host CPU: engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe27_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
