"""tf.keras.experimental.export_saved_model and load_from_saved_model (TF 1.14 keras/saving/
saved_model.py), TF 1.x SavedModel format.

export_saved_model writes what TF 1.14 writes for a model that is not compiled:
- variables/variables: the model's weights as a TF-format (object-based) checkpoint, with
  TF's keys ('layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE') and the
  directory's `checkpoint` file;
- saved_model.pb (or .pbtxt with as_text): one meta graph tagged 'serve', a clone of the
  model built in a graph of its own in the inference phase, its 'serving_default'
  predict signature (inputs and outputs by the model's input and output names), a Saver
  restoring the object-based keys, local_variables_initializer as its init op (in the
  '__saved_model_init_op' signature) and the default attrs stripped;
- assets/saved_model.json: model.to_json().
load_from_saved_model rebuilds the model from that JSON and loads the weights; TF 1.14's
SavedModels (compiled or not) load.

Not implemented (NotImplementedError): serving_only=True (TF 2's SavedModel of traced
functions), input_signature, and a compiled model (TF 1.14 adds train and eval meta graphs
with the optimizer's state in the checkpoint).
"""
import os

from ..engine.framework.graph import Graph
from ..ops.variables import local_variables_initializer
from ..saved_model import builder as _builder
from ..saved_model import constants, signature_constants, signature_def_utils, tag_constants
from ..train.saver import Saver
from . import backend as K
from . import saving
from ._serialization import CustomObjectScope
from .engine.sequential import Sequential
from .models import clone_model, model_from_json

__all__ = ["export_saved_model", "load_from_saved_model"]

_JSON = "saved_model.json"
_MAX_JSON_BYTES = 64 << 20


class _KerasSavedModelBuilder(_builder.SavedModelBuilder):
    """TF 1.14's _SavedModelBuilder, as Keras uses it: the init op goes in the
    '__saved_model_init_op' signature (an output naming the op), not a collection."""

    init_op = None

    def _tag_and_add(self, meta_graph_def, tags, signature_def_map):
        if self.init_op is not None:
            any_sig = next(iter(signature_def_map.values()))
            sig = type(any_sig)()
            sig.outputs[constants.INIT_OP_SIGNATURE_KEY].name = self.init_op.name
            signature_def_map = dict(signature_def_map)
            signature_def_map[constants.INIT_OP_SIGNATURE_KEY] = sig
        super()._tag_and_add(meta_graph_def, tags, signature_def_map)


def export_saved_model(model, saved_model_path, custom_objects=None, as_text=False,
                       input_signature=None, serving_only=False):
    """Writes `model` as a TF 1.x SavedModel at `saved_model_path` (see the module)."""
    if serving_only:
        raise NotImplementedError("flowgrad does not implement export_saved_model("
                                  "serving_only=True) (TF 2's object-based SavedModel)")
    if input_signature is not None:
        raise NotImplementedError("flowgrad does not implement export_saved_model("
                                  "input_signature=...)")
    if not model._is_graph_network:
        if isinstance(model, Sequential):
            if not model.built:
                raise ValueError(
                    "Weights for sequential model have not yet been created. Weights are "
                    "created when the Model is first called on inputs or `build()` is "
                    "called with an `input_shape`, or the first layer in the model has "
                    "`input_shape` during construction.")
        else:
            raise NotImplementedError("Subclassed models can only be exported for serving. "
                                      "Please set argument serving_only=True.")
    if getattr(model, "optimizer", None) is not None:
        raise NotImplementedError(
            "flowgrad does not implement export_saved_model of a compiled model (TF 1.14 "
            "adds its train and eval meta graphs and the optimizer's state); export a "
            "model that is not compiled (e.g. clone_model(model) given model's weights)")
    builder = _KerasSavedModelBuilder(saved_model_path)
    checkpoint_path = os.path.join(saved_model_path, "variables", "variables")
    model.save_weights(checkpoint_path, save_format="tf", overwrite=True)
    with Graph().as_default(), K.learning_phase_scope(0):
        with CustomObjectScope(custom_objects or {}):
            clone = clone_model(model)
        _, tensors = saving.model_checkpoint(clone)._object_graph()
        inputs = dict(zip(clone.input_names, clone.inputs))
        outputs = dict(zip(clone.output_names, clone.outputs))
        signature = signature_def_utils.predict_signature_def(inputs, outputs)
        builder._has_saved_variables = True   # the weights are written above
        builder.init_op = local_variables_initializer()
        builder.add_meta_graph(
            [tag_constants.SERVING],
            signature_def_map={
                signature_constants.DEFAULT_SERVING_SIGNATURE_DEF_KEY: signature},
            saver=Saver({key: var for var, key in tensors}, allow_empty=True),
            strip_default_attrs=True)
    builder.save(as_text)
    assets = os.path.join(saved_model_path, "assets")
    os.makedirs(assets, exist_ok=True)
    with open(os.path.join(assets, _JSON), "w") as f:
        f.write(model.to_json())


def load_from_saved_model(saved_model_path, custom_objects=None):
    """The Keras model of a SavedModel export_saved_model wrote (TF 1.14's or flowgrad's):
    rebuilt from assets/saved_model.json, its weights from variables/variables (not
    compiled)."""
    path = os.path.join(os.fspath(saved_model_path), "assets", _JSON)
    with open(path, "rb") as f:
        data = f.read(_MAX_JSON_BYTES + 1)
    if len(data) > _MAX_JSON_BYTES:
        raise ValueError("%s is larger than %d bytes" % (path, _MAX_JSON_BYTES))
    model = model_from_json(data.decode("utf-8"), custom_objects=custom_objects)
    model.load_weights(os.path.join(os.fspath(saved_model_path), "variables", "variables"))
    return model
