"""tf.distributions samples with and without seeds under a graph seed: Normal, Bernoulli,
Categorical, Gamma, Beta, Dirichlet, Uniform, Laplace, Exponential, Multinomial, StudentT."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(101)
g = tf.get_default_graph()
D = tf.distributions
outs = {}
outs["normal"] = D.Normal([0.0, 1.0], [1.0, 2.0]).sample(3, seed=4)
print(len(g.get_operations()))
outs["bern"] = D.Bernoulli(probs=[0.2, 0.7]).sample([2, 3])
print(len(g.get_operations()))
outs["cat"] = D.Categorical(logits=[[0.0, 1.0, 2.0]]).sample(5, seed=9)
print(len(g.get_operations()))
outs["gamma"] = D.Gamma([1.5, 3.0], [1.0, 2.0]).sample(4, seed=3)
print(len(g.get_operations()))
outs["beta"] = D.Beta(2.0, [1.0, 3.0]).sample(3, seed=5)
print(len(g.get_operations()))
outs["dir"] = D.Dirichlet([1.0, 2.0, 3.0]).sample(2, seed=6)
print(len(g.get_operations()))
outs["unif"] = D.Uniform(-1.0, [2.0, 3.0]).sample([2])
print(len(g.get_operations()))
outs["lap"] = D.Laplace(0.0, 1.0).sample(4, seed=1)
print(len(g.get_operations()))
outs["exp"] = D.Exponential([1.0, 0.5]).sample(3, seed=2)
print(len(g.get_operations()))
outs["mn"] = D.Multinomial(5.0, probs=[0.2, 0.3, 0.5]).sample(2, seed=7)
print(len(g.get_operations()))
outs["st"] = D.StudentT(3.0, 0.0, 1.0).sample(4, seed=8)
print(len(g.get_operations()))
with tf.Session() as s:
    for r in range(2):
        for k in sorted(outs):
            print(r, k, H(s.run(outs[k])))
