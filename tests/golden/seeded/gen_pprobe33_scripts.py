"""What the probe programs in tests/pprobe33_scripts print under TF 1.14: whole seeded TF1
programs of tf.keras.preprocessing: Tokenizer (fit_on_texts / fit_on_sequences,
texts_to_sequences, texts_to_matrix and sequences_to_matrix in every mode, num_words,
oov_token, char_level, filters, to_json), text_to_word_sequence, hashing_trick / one_hot;
pad_sequences in all its corners (dtypes, values, sample shapes, errors);
make_sampling_table and seeded skipgrams into a skip-gram model; TimeseriesGenerator
variants into a GRU forecaster; ImageDataGenerator's seeded get_random_transform, fit
and standardize (the oracle has neither SciPy nor Pillow), utils.to_categorical and
normalize; each trained with fit_generator on generators and Sequences (shuffled with
Python's random, one worker thread or worker processes) with seeded weights. Values at
full precision or hashes of their bytes. Made on an Intel Xeon (TF's float32 bits
depend on the host CPU: engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe33_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
