"""tf.keras.applications.inception_resnet_v2 (TF 1.14): InceptionResNetV2,
decode_predictions and preprocess_input of keras_applications.inception_resnet_v2, built
with flowgrad's Keras modules."""
from ._inject import exported

__all__ = ["InceptionResNetV2", "decode_predictions", "preprocess_input"]

(InceptionResNetV2, decode_predictions, preprocess_input) = exported(
    "inception_resnet_v2", "InceptionResNetV2", "decode_predictions", "preprocess_input")
