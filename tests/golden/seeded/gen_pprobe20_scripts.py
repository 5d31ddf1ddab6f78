"""What the probe programs in tests/pprobe20_scripts print under TF 1.14: whole seeded TF1
programs of GANs and image-to-image models: a conditional LSGAN (one-hot labels tiled and
concatenated to feature maps, resize_nearest_neighbor then conv, mean_squared_error),
CycleGAN (REFLECT padding, contrib instance_norm, a residual block, cycle and identity L1
terms), DCGAN with batch_normalization under a placeholder_with_default training flag and
one-sided label smoothing, pix2pix with tf.contrib.layers (a U-Net of conv2d /
conv2d_transpose with batch_norm, skip concats, a PatchGAN, GAN + 100 * L1 through
optimize_loss), an AC-GAN with tf.contrib.gan.losses.wargs (acgan, least-squares,
combine_adversarial_loss), SAGAN's self-attention with a hinge loss on a fed batch
(conv2d_transpose of a dynamic output_shape, SYMMETRIC padding, layer_norm) and StyleGAN
pieces (pixel norm, AdaIN, a fade-in between resize_bilinear / resize_nearest_neighbor,
minibatch stddev, an R1 penalty through average_pooling2d) and a VAE-GAN (a conv +
Elu encoder: Grappler's _FusedConv2D, feature matching, weight clipping). Separate var_lists by
tf.get_collection(TRAINABLE_VARIABLES, scope), Adam(beta1=0.5 or 0). Op counts and values
at full precision (or hashes of their bytes). Made on an Intel Xeon (TF's float32 bits
depend on the host CPU: engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe20_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
