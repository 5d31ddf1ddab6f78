"""What the probe programs in tests/pprobe55_scripts print under TF 1.14: whole seeded TF1
recommender programs: a factorization machine on a one-hot tf.SparseTensor (square-of-sum
trick with sparse_tensor_dense_matmul, FtrlOptimizer with l1 / l2 / l2 shrinkage), DeepFM
fields by embedding_lookup_sparse (sum / mean / sqrtn, sparse weights) under Adagrad,
neural collaborative filtering on partitioned tables (fixed_size / min_max partitioners)
with a BPR loss on seeded uniform negatives, embedding_lookup with max_norm and
unsorted_segment_* session pooling, a wide + embedding model with SparseApplyFtrlV2.
Values at full precision. Made on an Intel Xeon (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe55_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
