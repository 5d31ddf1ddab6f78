"""What the probe programs in tests/pprobe31_scripts print under TF 1.14: whole seeded TF1
programs of tf.sparse in models: a bag-of-words logistic regression on a
tf.sparse_placeholder fed SparseTensorValues with sparse_tensor_dense_matmul (adjoint_a /
adjoint_b) and its gradients; a feature pipeline of sparse.reorder / fill_empty_rows /
slice / split / concat (expand_nonconcat_dim) / retain / reshape / transpose /
sparse_reset_shape; attention over a sparse graph with sparse.softmax / add (threshold) /
maximum / minimum / reduce_sum(_sparse) / reduce_max(_sparse) / to_dense / to_indicator /
mask; a wide model on sparse.cross and cross_hashed features, sparse.merge and
embedding_lookup_sparse; a set-pooling model of sparse segment ops with num_segments,
unsorted_segment_* pools and weighted embedding_lookup_sparse combiners; a 3-D sparse log
fed as a SparseTensorValue, a tuple and its components. Values at full precision or
hashes of their bytes. Made on an Intel Xeon (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe31_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
