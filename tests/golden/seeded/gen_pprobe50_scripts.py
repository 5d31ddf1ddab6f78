"""What the probe programs in tests/pprobe50_scripts print under TF 1.14: whole seeded TF1
programs of tf.contrib.rnn's less common cells and wrappers through dynamic_rnn, trained a
few steps: HighwayWrapper (coupled and uncoupled gates) and a tied Grid2LSTMCell; an untied
Grid2LSTMCell with a non_recurrent_fn; LSTMBlockFusedCell (time-major, sequence_length,
initial state, cell_clip, peepholes) beside GRUBlockCellV2 / LSTMBlockCell;
stack_bidirectional_dynamic_rnn with sequence lengths over IndyGRU / IndyLSTM / UGRNN (in a
ResidualWrapper with a residual_fn) / CoupledInputForgetGateLSTM / IndRNN cells;
DropoutWrapper(variational_recurrent=True) in float64 and around a non-tuple LSTMCell,
MultiRNNCell(state_is_tuple=False) and LayerNormBasicLSTMCell's recurrent dropout.
Op counts, variable names, losses at full precision and hashes of the bytes. Made on an
Intel Xeon (TF's float32 bits depend on the host CPU: engine/ops/host_cpu.py); the case
"host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe50_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
