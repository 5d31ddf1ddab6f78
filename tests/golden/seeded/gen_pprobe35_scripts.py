"""What the probe programs in tests/pprobe35_scripts print under TF 1.14: whole seeded TF1
programs of tensor manipulation with gradients, each trained a few steps: tf.gather with
axis and batch_dims, tf.batch_gather, tf.gather_nd (batch_dims=1 too),
tf.tensor_scatter_add / update / sub and tf.scatter_nd with duplicate indices;
tf.where (v1 rows) and tf.where_v2 broadcasting, tf.sequence_mask, tf.reverse_sequence,
tf.boolean_mask with axis, tf.dynamic_partition / dynamic_stitch; tf.pad REFLECT and
SYMMETRIC, tf.tile, tf.roll, tf.split with a -1 size, unstack / stack, meshgrid and
strided slices with ellipsis / new_axis / shrink masks; matrix_band_part, matrix_set_diag,
matrix_diag_part / matrix_diag, tf.trace and tf.einsum spellings; tf.nn.top_k with ties
and its gradient, tf.sort / tf.argsort(stable), extract_image_patches; and the errors a
user meets with these. Values at full precision or hashes of their bytes. Made on an Intel
Xeon (TF's float32 bits depend on the host CPU: engine/ops/host_cpu.py); the case "host"
records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe35_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
