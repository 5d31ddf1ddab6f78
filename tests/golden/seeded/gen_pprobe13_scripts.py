"""What the probe programs in tests/pprobe13_scripts print under TF 1.14: production-style
input pipelines and data plumbing: sharded plain/GZIP TFRecord files read with list_files,
interleave, parallel_interleave, shard/skip/take and batched parse_example with decode_raw;
SequenceExamples (parse_single_sequence_example, parse_sequence_example) into
bucket_by_sequence_length; reinitializable and feedable (string handle) iterators;
from_generator pipelines (map_and_batch, unbatch, window, shuffle_and_repeat); feature
columns from make_parse_example_spec into input_layer and linear_model; queue runners with
TFRecordReader, shuffle_batch and batch_join; CSV/text datasets and readers; SparseFeature,
FixedLenSequenceFeature(allow_missing), decode_compressed and the dataset TFRecordWriter;
CIFAR-style fixed-length records; an iterator checkpointed with a Saver. Made on an Intel
Xeon (the test runs flowgrad with FLOWGRAD_CPU=intel)."""
import os

from golden_scripts import ROOT, stdout_of

DIR = "tests/pprobe13_scripts"


def cases(tf):
    return {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
            if s.endswith(".py")}
