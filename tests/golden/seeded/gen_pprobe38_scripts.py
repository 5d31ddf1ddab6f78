"""What the probe programs in tests/pprobe38_scripts print under TF 1.14: whole seeded TF1
programs of tf.metrics in evaluation loops over batches (update_op per batch, value at the
end, reset with local_variables_initializer and a second pass): auc under every
summation_method and num_thresholds with weights, true/false positives/negatives at
thresholds, sensitivity_at_specificity / specificity_at_sensitivity; precision_at_top_k,
sparse_average_precision_at_k, average_precision_at_k, precision_at_k / recall_at_k with
class_id, [N, K] and SparseTensor (sparse_placeholder) labels; root_mean_squared_error,
mean_relative_error, mean_cosine_distance, percentage_below, mean_absolute_error and
mean_tensor over an initializable Dataset iterator; mean_iou / mean_per_class_accuracy with
an ignore-label mask on a conv net's argmax and tf.confusion_matrix; precision/recall at
thresholds, metrics_collections / updates_collections and auc's argument errors. Values at
full precision. Made on an Intel Xeon (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe38_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
