"""What the probe programs in tests/pgraphed_scripts print under TF 1.14: tf.contrib's
graph_editor on seeded graphs: selections, walks, subgraph views, reroutes, detach/bypass,
copies and graph_replace (the ops after each edit and the values run); an MLP trained with
openai-style gradient checkpointing written with ge (segments copied with
copy_with_input_replacements, ordered by add_control_inputs). Made on an Intel Xeon (TF's
float32 bits depend on the host CPU: engine/ops/host_cpu.py); the case "host" records its
vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pgraphed_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
