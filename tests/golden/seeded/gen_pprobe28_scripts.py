"""What the probe programs in tests/pprobe28_scripts print under TF 1.14: whole seeded TF1
programs of big-model builders with weights=None: tf.keras.applications MobileNet
(alpha=0.25) with one SGD train_on_batch, ResNet50 on a Keras Input with the ops of
AdamOptimizer.minimize, MobileNetV2 (alpha=0.35) with one RMSprop step and DenseNet121,
InceptionV3 / VGG16 forward passes and NASNetMobile's graph; tf.contrib.slim.nets
resnet_v2_50, inception_v1_base and vgg_a op counts with a seeded forward pass, and a small
resnet_v2 trained two steps by slim.learning.create_train_op. Op counts and hashes of the
sorted op names and types, count_params, layer names, values at full precision or hashes
of their bytes. Made on an Intel Xeon (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe28_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
