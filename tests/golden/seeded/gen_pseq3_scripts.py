"""What the seq2seq / attention / translation programs in tests/pseq3_scripts print under
TF 1.14: the NMT tutorial's encoder-decoder (bidirectional encoder, Luong and Bahdanau
attention, TrainingHelper, GreedyEmbeddingHelper, ScheduledEmbeddingTrainingHelper),
BeamSearchDecoder with tile_batch, the legacy translate model with buckets and sampled
softmax, nce_loss and candidate samplers, monotonic and hardmax attention, a Transformer
block by hand; op counts, losses and values at full precision after a few steps."""
import os

from golden_scripts import ROOT, stdout_of

DIR = "tests/pseq3_scripts"


def cases(tf):
    return {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
            if s.endswith(".py")}
