"""What the probe programs in tests/pprobe75_scripts print under TF 1.14: whole seeded TF1
programs of graph neural networks as tkipf/gcn, PetarV/GAT and GraphSAGE write them: a
normalized adjacency and sparse features fed to tf.sparse_placeholder, sparse dropout by
tf.sparse_retain, glorot init by tf.random_uniform, masked softmax cross entropy with a
node mask, weight decay over the first layer (gcn_kipf.py); GAT's bias matrix, conv1d
attention heads, leaky_relu and coefficient dropout (gat_dense.py); the sparse attention
head of sparse_add, sparse_softmax, sparse_reshape and sparse_tensor_dense_matmul, also on
an unordered adjacency feed (sp_gat.py); GraphSAGE's neighbour sampling and mean
aggregator, unsorted / sorted segment sums and means and their errors
(graphsage_mean.py); a batch of graphs joined by sparse_concat, sparse_reorder,
sparse_reduce_sum, segment readouts and the errors of bad indices (graph_batch_sparse.py).
Losses and accuracies over a few training steps, names, counts. Values at full precision.
Made on an AMD EPYC (TF's float32 bits depend on the host CPU: engine/ops/host_cpu.py);
the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe75_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
