"""What the probe programs in tests/pprobe56_scripts print under TF 1.14: whole seeded TF1
programs of graph surgery for deployment: convert_variables_to_constants of resource
variables, extract_sub_graph, remove_training_nodes(protected_nodes), optimize_for_inference
(FusedResizeAndPadConv2D; batch_norm_with_global_normalization left unfolded),
strip_unused_lib.strip_unused; export_meta_graph(clear_devices=True) + import_meta_graph with
input_map + restore and resumed training; import_graph_def with input_map (intermediate and
"^" control keys), return_elements and name=None twice; tf.contrib.graph_editor reroute_ts,
graph_replace, copy_with_input_replacements and swap_ts on a frozen model. Values at full
precision. Made on an Intel Xeon (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe56_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
