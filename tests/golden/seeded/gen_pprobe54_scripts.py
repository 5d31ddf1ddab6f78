"""What the probe programs in tests/pprobe54_scripts print under TF 1.14: whole seeded TF1
programs of tf.train.Example / TFRecord input pipelines: Example protos built in Python and
parsed with parse_single_example / parse_example (FixedLen defaults, VarLen, SparseFeature,
FixedLenSequenceFeature allow_missing) and their errors; GZIP / ZLIB TFRecordWriter shards
read by TFRecordDataset (num_parallel_reads, fed filenames) into map / shuffle / filter /
padded_batch training a classifier; TFRecordReader + seeded string_input_producer +
parse_example into shuffle_batch (enqueues run in the main thread) training a regression;
SequenceExamples (ZLIB) into a GRU; the writer's argument types and writes after close,
damaged files, batched sparse features and parse_example_dataset. Values at full precision.
Made on an Intel Xeon (TF's float32 bits depend on the host CPU: engine/ops/host_cpu.py);
the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe54_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
