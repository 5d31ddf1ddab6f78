"""tf.keras.layers.serialize / deserialize (TF 1.14 keras/layers/serialization.py): a layer
as {'class_name', 'config'} and back. The names known are TF 1.14's: its Keras layers
(not Attention, AdditiveAttention or DenseFeatures, which TF 1.14's table lacks), Input,
InputLayer, Network, Model and Sequential; BatchNormalizationV1/V2 mean
BatchNormalization."""
from .._serialization import deserialize_keras_object

__all__ = ["serialize", "deserialize"]

_DESERIALIZATION_TABLE = {"BatchNormalizationV1": "BatchNormalization",
                          "BatchNormalizationV2": "BatchNormalization"}


def serialize(layer):
    return {"class_name": layer.__class__.__name__, "config": layer.get_config()}


def _module_objects():
    from .. import layers, models  # lazy: keras.layers imports this module
    objects = {name: getattr(layers, name) for name in dir(layers)
               if name not in layers.NOT_DESERIALIZABLE}
    objects.update(Network=models.Model, Model=models.Model, Sequential=models.Sequential)
    return objects


def deserialize(config, custom_objects=None):
    """The layer (or model) `config` describes; custom_objects maps class names to classes."""
    if config["class_name"] in _DESERIALIZATION_TABLE:
        config["class_name"] = _DESERIALIZATION_TABLE[config["class_name"]]
    return deserialize_keras_object(config, module_objects=_module_objects(),
                                    custom_objects=custom_objects,
                                    printable_module_name="layer")
