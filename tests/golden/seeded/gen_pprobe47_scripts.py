"""What the probe programs in tests/pprobe47_scripts print under TF 1.14: whole seeded TF1
programs of ragged tensors and unicode text in graph mode: every RaggedTensor factory
(tf.ragged.constant, from_row_splits / value_rowids / row_lengths / row_starts / row_limits /
nested_row_lengths / nested_row_splits / tensor) with to_tensor / to_sparse and tf.gather;
map_flat_values and the ragged reductions with a gradient through flat_values; __getitem__,
concat / stack, boolean_mask, tile, expand_dims, gather_nd and where on ragged tensors and a
fed tf.ragged.placeholder; a bag-of-words model over tf.strings.split(result_type=
'RaggedTensor') with segment ops; a char-CNN over unicode_decode / substr(unit='UTF8_CHAR') /
unicode_transcode. Values at full precision. Made on an Intel Xeon (TF's float32 bits depend
on the host CPU: engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe47_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
