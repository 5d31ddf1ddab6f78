"""What tests/golden/rnn/char_lstm.py (a char-level LSTM trained with Adam) prints under
TF 1.14; tests/test_rnn.py runs it with `flowgrad run`."""
from golden_scripts import stdout_of


def cases(tf):
    return {"stdout": stdout_of("tests/golden/rnn/char_lstm.py")}
