"""What the probe programs in tests/pprobe69_scripts print under TF 1.14: whole seeded TF1
input pipelines on tf.data past the basics: interleave (cycle_length, block_length) and
tf.data.experimental.parallel_interleave (sloppy=False), window + flat_map (shift, stride,
drop_remainder) feeding a regression; from_generator with output_types / output_shapes,
padded_batch with padding_values and drop_remainder, group_by_window and
bucket_by_sequence_length feeding an embedding model; shard, cache in memory (a py_func
counted), shuffle with a seed and reshuffle_each_iteration over epochs, filter / skip /
take / concatenate / zip and OutOfRangeError ending a training loop; feedable
(from_string_handle) and reinitializable (from_structure) iterators, unbatch, scan,
choose_from_datasets, sample_from_datasets(seed), rejection_resample with
map(num_parallel_calls), and the errors TF raises for mismatched structures. Values at
full precision; no temporary paths printed. Made on an AMD EPYC (TF's float32 bits depend on
the host CPU: engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe69_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
