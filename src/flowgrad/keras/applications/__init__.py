"""tf.keras.applications (TF 1.14): canned architectures with pre-trained weights.

As in TF 1.14 they are built by the keras-applications package (1.0.8) with the
Keras modules injected (here flowgrad's: see _inject.py), so layer names, variable
names and parameter counts are TF's; `weights='imagenet'` downloads TF's files
through tf.keras.utils.get_file (cache: ~/.keras/models). Needs the `keras` extra.
"""
from . import (densenet, inception_resnet_v2, inception_v3, mobilenet,  # noqa: F401
               mobilenet_v2, nasnet, resnet50, vgg16, vgg19, xception)
from .densenet import DenseNet121, DenseNet169, DenseNet201  # noqa: F401
from .inception_resnet_v2 import InceptionResNetV2  # noqa: F401
from .inception_v3 import InceptionV3  # noqa: F401
from .mobilenet import MobileNet  # noqa: F401
from .mobilenet_v2 import MobileNetV2  # noqa: F401
from .nasnet import NASNetLarge, NASNetMobile  # noqa: F401
from .resnet50 import ResNet50  # noqa: F401
from .vgg16 import VGG16  # noqa: F401
from .vgg19 import VGG19  # noqa: F401
from .xception import Xception  # noqa: F401

__all__ = ["DenseNet121", "DenseNet169", "DenseNet201", "InceptionResNetV2", "InceptionV3",
           "MobileNet", "MobileNetV2", "NASNetLarge", "NASNetMobile", "ResNet50", "VGG16",
           "VGG19", "Xception", "densenet", "inception_resnet_v2", "inception_v3", "mobilenet",
           "mobilenet_v2", "nasnet", "resnet50", "vgg16", "vgg19", "xception"]
