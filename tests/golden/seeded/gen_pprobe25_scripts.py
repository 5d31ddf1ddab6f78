"""What the probe programs in tests/pprobe25_scripts print under TF 1.14: whole seeded TF1
programs of deployment workflows: a conv net with fused batch norm and dropout frozen by
tf.graph_util.convert_variables_to_constants, cut by extract_sub_graph and
remove_training_nodes and optimize_for_inference (batch norm folded into the Conv2D);
SavedModelBuilder with two MetaGraphs (tag sets), predict / classify / regress
signature_defs and an asset, loaded by loader.load and run by the signatures' tensor
names; tf.import_graph_def with input_map (a Placeholder swapped for a tf.data iterator's
output) and return_elements; tf.train.write_graph as text and binary read back with
text_format and ParseFromString; tf.train.export_meta_graph(clear_devices=True) and
import_meta_graph(import_scope=...) twice into one graph, export_scope; a GRU frozen
with variable_names_whitelist / blacklist, strip_unused_lib, loader.load(import_scope).
Values at full precision or hashes of their bytes. Made on an Intel Xeon (TF's float32
bits depend on the host CPU: engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe25_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
