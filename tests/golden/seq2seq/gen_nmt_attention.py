"""What tests/golden/seq2seq/nmt_attention.py (a seq2seq model with Bahdanau attention,
trained with Adam, decoded greedily and with beam search after a checkpoint round trip)
prints under TF 1.14; tests/test_seq2seq_decoder.py runs it with `flowgrad run`."""
from golden_scripts import stdout_of


def cases(tf):
    return {"stdout": stdout_of("tests/golden/seq2seq/nmt_attention.py")}
