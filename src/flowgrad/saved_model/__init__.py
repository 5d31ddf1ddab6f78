"""tf.saved_model (TF 1.14, graph mode): SavedModel directories TF 1.14 reads and writes.

    export_dir/saved_model.pb            (or saved_model.pbtxt) the SavedModel proto: tagged
                                         MetaGraphDefs with their SignatureDefs
    export_dir/variables/variables.index + variables.data-00000-of-00001   (V2 checkpoint)

simple_save / builder.SavedModelBuilder write them, loader.load reads them
(flowgrad/saved_model/_proto.py parses the files, bounded, errors naming the file).
"""
from . import (
    builder,
    constants,
    loader,
    main_op,
    signature_constants,
    signature_def_utils,
    tag_constants,
    utils,
)
from .builder import SavedModelBuilder as Builder
from .constants import (ASSETS_DIRECTORY, ASSETS_KEY, LEGACY_INIT_OP_KEY, MAIN_OP_KEY,
                        SAVED_MODEL_FILENAME_PB, SAVED_MODEL_FILENAME_PBTXT,
                        SAVED_MODEL_SCHEMA_VERSION, VARIABLES_DIRECTORY, VARIABLES_FILENAME)
from .loader import load, maybe_saved_model_directory
from .main_op import main_op_with_restore
from .signature_constants import (CLASSIFY_INPUTS, CLASSIFY_METHOD_NAME,
                                  CLASSIFY_OUTPUT_CLASSES, CLASSIFY_OUTPUT_SCORES,
                                  DEFAULT_SERVING_SIGNATURE_DEF_KEY, PREDICT_INPUTS,
                                  PREDICT_METHOD_NAME, PREDICT_OUTPUTS, REGRESS_INPUTS,
                                  REGRESS_METHOD_NAME, REGRESS_OUTPUTS)
from .signature_def_utils import (build_signature_def, classification_signature_def,
                                  is_valid_signature, predict_signature_def,
                                  regression_signature_def)
from .tag_constants import GPU, SERVING, TPU, TRAINING
from .utils import build_tensor_info, get_tensor_from_tensor_info

from ..engine.framework.graph import get_default_graph  # noqa: E402

contains_saved_model = maybe_saved_model_directory


def simple_save(session, export_dir, inputs, outputs, legacy_init_op=None):
    """Saves `session`'s graph and variables as a SavedModel for serving: tag "serve",
    one predict signature "serving_default" of `inputs` and `outputs` (dicts of Tensors)."""
    signature_def_map = {DEFAULT_SERVING_SIGNATURE_DEF_KEY:
                         predict_signature_def(inputs, outputs)}
    b = Builder(export_dir)
    b.add_meta_graph_and_variables(session, tags=[SERVING],
                                   signature_def_map=signature_def_map,
                                   assets_collection=get_default_graph().get_collection(
                                       "asset_filepaths"),
                                   main_op=legacy_init_op, clear_devices=True)
    b.save()


__all__ = [
    "ASSETS_DIRECTORY", "ASSETS_KEY", "Builder", "main_op", "main_op_with_restore",
    "CLASSIFY_INPUTS", "CLASSIFY_METHOD_NAME",
    "CLASSIFY_OUTPUT_CLASSES", "CLASSIFY_OUTPUT_SCORES", "DEFAULT_SERVING_SIGNATURE_DEF_KEY",
    "GPU", "LEGACY_INIT_OP_KEY", "MAIN_OP_KEY", "PREDICT_INPUTS", "PREDICT_METHOD_NAME",
    "PREDICT_OUTPUTS", "REGRESS_INPUTS", "REGRESS_METHOD_NAME", "REGRESS_OUTPUTS",
    "SAVED_MODEL_FILENAME_PB", "SAVED_MODEL_FILENAME_PBTXT", "SAVED_MODEL_SCHEMA_VERSION",
    "SERVING", "TPU", "TRAINING", "VARIABLES_DIRECTORY", "VARIABLES_FILENAME",
    "build_signature_def", "build_tensor_info", "builder", "classification_signature_def",
    "constants", "contains_saved_model", "get_tensor_from_tensor_info", "is_valid_signature",
    "load", "loader", "maybe_saved_model_directory", "predict_signature_def",
    "regression_signature_def", "signature_constants", "signature_def_utils", "simple_save",
    "tag_constants", "utils",
]
