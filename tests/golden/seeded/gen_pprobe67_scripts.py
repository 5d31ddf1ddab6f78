"""What the probe programs in tests/pprobe67_scripts print under TF 1.14: whole seeded TF1
programs of sparse tensors as TF1 code uses them: a tf.sparse_placeholder fed with
SparseTensorValue through tf.sparse reorder / reshape / slice / concat / split / add /
reduce_sum / reduce_max (keep_dims, sparse output) / to_dense / to_indicator / retain /
fill_empty_rows / maximum / minimum / transpose / softmax; a sparse bag-of-words linear
model on tf.sparse_tensor_dense_matmul (adjoint_a / adjoint_b) with its gradients and
tf.sparse_matmul; embedding_lookup_sparse, the sparse segment ops with num_segments and the
IndexedSlices gradients Adam / Adagrad / Momentum apply (tf.convert_to_tensor's warning);
tf.scatter_nd, the tensor_scatter ops and the variable scatter ops; and the errors TF raises
for unsorted, repeated and out-of-range indices. Values at full precision; no temporary
paths printed. Made on an AMD EPYC (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe67_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
