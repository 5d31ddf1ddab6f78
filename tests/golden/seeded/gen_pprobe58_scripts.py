"""What the probe programs in tests/pprobe58_scripts print under TF 1.14: whole seeded TF1
programs of text preprocessing in the cnn-text-classification-tf style:
contrib.learn.preprocessing.VocabularyProcessor (fit / transform / reverse, min_frequency,
a custom tokenizer_fn, a given CategoricalVocabulary, save / restore through a temporary
directory) feeding a Kim text CNN (embedding, conv2d of three widths, max over time, seeded
dropout, Adam); contrib.lookup index_table_from_file (OOV buckets, vocab_size, columns,
int64 keys), index_to_string_table_from_tensor, HashTable with KeyValueTensorInitializer and
default values, tables_initializer and the tables' errors; tf.string_split +
sparse_tensor_to_dense + string_to_hash_bucket_fast; tf.foldl / tf.foldr / tf.scan (an RNN
trained by SGD) and the graph a failing scan / foldl body leaves. Values at full precision;
no temporary paths printed. Made on an Intel Xeon (TF's float32 bits depend on the host CPU:
engine/ops/host_cpu.py); the case "host" records its vendor."""
import os

from golden_scripts import ROOT, stdout_of
from goldenio import host_vendor

DIR = "tests/pprobe58_scripts"


def cases(tf):
    out = {s: stdout_of(DIR + "/" + s) for s in sorted(os.listdir(os.path.join(ROOT, DIR)))
           if s.endswith(".py")}
    out["host"] = host_vendor()
    return out
