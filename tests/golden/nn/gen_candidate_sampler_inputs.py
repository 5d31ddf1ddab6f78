"""TF 1.14's conversion of the candidate samplers' true_classes (op_def_library, int64 fixed):
a Python list or an int32 NumPy array becomes an int64 Const named true_classes (no Cast),
an int64 Tensor is used as it is, and an int32 / float32 Tensor or a float list raises
TypeError with TF's message. What each call builds ([name, type] of the new ops) or raises
([class, message]). Output: candidate_sampler_inputs.json, read by
tests/test_candidate_sampler_inputs.py, which runs cases() with flowgrad."""
import numpy as np

SAMPLERS = {
    "log_uniform": lambda tf, tc: tf.nn.log_uniform_candidate_sampler(tc, 1, 2, True, 5, seed=1),
    "uniform": lambda tf, tc: tf.nn.uniform_candidate_sampler(tc, 1, 2, False, 5, seed=1),
    "learned_unigram": lambda tf, tc: tf.nn.learned_unigram_candidate_sampler(
        tc, 1, 2, True, 5, seed=1),
    "fixed_unigram": lambda tf, tc: tf.nn.fixed_unigram_candidate_sampler(
        tc, 1, 2, True, 4, unigrams=[1.0, 2.0, 3.0, 4.0], seed=1),
    "all": lambda tf, tc: tf.random.all_candidate_sampler(tc, 1, 2, True, seed=1),
}
INPUTS = {
    "list": lambda tf: [[1], [3]],
    "numpy_int32": lambda tf: np.array([[1], [3]], np.int32),
    "int64_tensor": lambda tf: tf.constant([[1], [3]], tf.int64),
    "int32_tensor": lambda tf: tf.constant([[1], [3]]),
    "float32_tensor": lambda tf: tf.constant([[1.0], [3.0]]),
    "float_list": lambda tf: [[1.5], [3.0]],
}


def cases(tf):
    out = {}
    for s, sampler in sorted(SAMPLERS.items()):
        for i, value in sorted(INPUTS.items()):
            with tf.Graph().as_default() as g:
                tc = value(tf)
                before = len(g.get_operations())
                try:
                    r = sampler(tf, tc)
                except TypeError as e:
                    out[s + "/" + i] = ["TypeError", str(e)]
                    continue
                got = [[o.name, o.type] for o in g.get_operations()[before:]]
                with tf.Session() as sess:
                    got.append(sess.run(r.sampled_candidates).shape[0])
                out[s + "/" + i] = got
    return out
