"""tf.contrib.keras.applications (TF 1.14): the objects of
tf.keras.applications that TF 1.14's
contrib.keras exports under the same names."""
from . import inception_v3, mobilenet, resnet50, vgg16, vgg19, xception  # noqa: F401
from ......keras.applications import (  # noqa: F401
    InceptionV3, MobileNet, ResNet50, VGG16, VGG19, Xception)

__all__ = ["InceptionV3", "MobileNet", "ResNet50", "VGG16", "VGG19", "Xception", "inception_v3",
           "mobilenet", "resnet50", "vgg16", "vgg19", "xception"]
