"""What the probe programs in tests/pprobe70_scripts print under TF 1.14: whole seeded TF1
programs on checkpoints and graph files as TF1 repositories handle them: tf.train.Saver with
var_list dicts / lists, max_to_keep rotation, sharded=True, save_relative_paths,
keep_checkpoint_every_n_hours, recover_last_checkpoints, to_proto / from_proto;
get_checkpoint_state / latest_checkpoint / checkpoint_exists / update_checkpoint_state and
the checkpoint file's text; export_meta_graph / import_meta_graph (clear_devices,
import_scope, as_text) and training resumed; list_variables / load_variable /
NewCheckpointReader; init_from_checkpoint with assignment maps, scope renames and
partitioned variables; contrib.framework assign_from_checkpoint(_fn) with
get_variables_to_restore; graph_util.convert_variables_to_constants (white / black lists),
extract_sub_graph, remove_training_nodes, write_graph and import_graph_def (input_map,
return_elements); the errors TF raises on restore (missing key, shape mismatch, missing
directory). Temporary paths are printed as DIR. Made on an AMD EPYC (TF's float32 bits
depend on the host CPU: engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe70_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
