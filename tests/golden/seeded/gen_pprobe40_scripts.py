"""What the probe programs in tests/pprobe40_scripts print under TF 1.14: whole seeded TF1
programs of quantization-aware training and model compression: a CNN trained through
per-channel and per-tensor fake quantization with EMA activation ranges and a quant delay
(and the fake-quant gradient ops called directly), low-rank factorisation of a trained
dense layer by tf.svd with clipped fine-tuning, gradual magnitude pruning with mask and
threshold variables (top_k thresholds, a cubic sparsity schedule), knowledge distillation
with a temperature softmax (four equal soft losses and their gradients), and post-training
integer inference (quantize_v2, quantized_conv2d, quantized pools and concat, dequantize;
QuantizedReluX, which has no kernel, fails every run of its graph). Values at full
precision. Made on an Intel Xeon (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe40_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
