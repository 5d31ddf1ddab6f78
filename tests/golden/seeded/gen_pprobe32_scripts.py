"""What the probe programs in tests/pprobe32_scripts print under TF 1.14: whole seeded TF1
programs of stateful RNN inference and sampling
as char-rnn / language-model scripts write them: a MultiRNNCell of LSTMCells with
zero_state on a placeholder batch size, its nested LSTMStateTuple state fed back through
feed_dict (whole and c / h by hand) and one character sampled per session.run with
tf.multinomial over logits / temperature; static_rnn and static_bidirectional_rnn with
sequence_length; a PTB-style LM with DropoutWrapper(variational_recurrent=True) and
ResidualWrapper carrying its state across batches; truncated BPTT through non-trainable
state Variables assigned after each step; IntersectionRNNCell,
CoupledInputForgetGateLSTMCell, TimeFreqLSTMCell and PhasedLSTMCell trained one step;
the [layers, 2, batch, units] state placeholder unstacked into LSTMStateTuples.
Values at full precision or hashes of their bytes. Made on an Intel Xeon (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe32_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
