"""What the probe programs in tests/pprobe6_scripts print under TF 1.14: whole seeded TF1
programs in the style of public tutorials (SavedModel export and load, text lookup tables
and a bag-of-words model, a mixture of experts with dynamic_partition/dynamic_stitch,
message passing with segment ops, conv3d video, WaveNet dilated convolutions, a spatial
transformer, ConvLSTM, PixelCNN masked convolutions, a memory network, an SSIM/Sobel
super-resolution loss, box IoU + non_max_suppression, a contrib.signal audio front end,
quantization-aware training with fake_quant, checkpoint utilities, a bucketed tf.data
pipeline, knowledge distillation with maxout/highway, Bayes by backprop); op counts and
values at full precision (or hashes of their bytes)."""
import os

from golden_scripts import ROOT, stdout_of

DIR = "tests/pprobe6_scripts"


def cases(tf):
    return {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
            if s.endswith(".py")}
