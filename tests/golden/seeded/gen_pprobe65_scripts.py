"""What the probe programs in tests/pprobe65_scripts print under TF 1.14: whole seeded TF1
programs of tf.keras in graph mode as repositories use it: a masked tagger
(Embedding(mask_zero=True), Bidirectional GRU, a Lambda, LSTM, TimeDistributed Dense); a
Conv2D / BatchNormalization / Dropout classifier fit with validation_split and EarlyStopping,
ReduceLROnPlateau and LearningRateScheduler; a two-input two-output functional model with
loss / loss_weights / metrics dicts, get_weights / set_weights and Keras's errors; seeded
keras initializers and model.summary(); a stacked-LSTM regressor with train_on_batch and a
LambdaCallback; rarer paths (Masking with return_state, GRU reset_after, the learning phase
through K.function, a nested model's summary); a model fit again without the sample / class
weights of its first fit (the run-time InvalidArgumentError). Values rounded as the programs print them; no temporary paths printed. Made
on an AMD EPYC (TF's float32 bits depend on the host CPU: engine/ops/host_cpu.py); the case
"host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe65_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
