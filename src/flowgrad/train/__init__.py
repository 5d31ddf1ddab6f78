"""tf.train: optimizers, schedules, Saver, global step."""
# ruff: noqa: F401
from .saver import Saver, SaverDef, export_meta_graph, import_meta_graph
from .checkpoint_management import (CheckpointState, NewCheckpointReader, checkpoint_exists,
                                    generate_checkpoint_state_proto, get_checkpoint_mtimes,
                                    get_checkpoint_state, latest_checkpoint, list_variables,
                                    load_checkpoint, load_variable, meta_graph_filename,
                                    remove_checkpoint, update_checkpoint_state)
