"""TF 1.14's float32 optimizer updates bit for bit: the Sqrt and Rsqrt inside the update
functors are Eigen's AVX packets (the RSQRTPS estimate and a Newton step) from the flat
variable's start (RMSProp, centered RMSProp, Adagrad, Adadelta, ProximalAdagrad, Ftrl),
from each row's start in the sparse kernels (rows of 5, 13 and 16 values), and from each
of ApplyAdam's parallelFor shards (variables of other than whole packets: their shards
follow Eigen's cost model and the intra-op pool's 2 threads); sparse Adam through the Sqrt
op of its whole slot. Variable sizes of RL networks (biases, [obs, hidden] kernels) and
some odd ones; six steps each.

ISOLATE: TF sizes its intra-op pool once per process from the first session's config
(every session here asks for 2 threads, so ApplyAdam's shards do not depend on the
machine's cores)."""
import numpy as np

ISOLATE = True
DENSE = [(2,), (15,), (16,), (6, 16), (37, 11), (70,), (71,), (75,), (85,), (101,),
         (1001,), (5003,), (16383,), (13, 7)]
SPARSE = [(20, 5), (20, 13), (30, 16), (10, 1), (9, 3, 3)]
ROWS = [0, 2, 3, 2, 5]
STEPS = 6


def _optimizers(tf):
    return {
        "adam": lambda: tf.train.AdamOptimizer(0.01),
        "adam_nesterov": lambda: tf.contrib.opt.NadamOptimizer(0.01),
        "rmsprop": lambda: tf.train.RMSPropOptimizer(0.01),
        "rmsprop_centered": lambda: tf.train.RMSPropOptimizer(
            0.005, decay=0.95, momentum=0.9, epsilon=0.01, centered=True),
        "adagrad": lambda: tf.train.AdagradOptimizer(0.1),
        "adadelta": lambda: tf.train.AdadeltaOptimizer(1.0),
        "proximal_adagrad": lambda: tf.train.ProximalAdagradOptimizer(
            0.1, l2_regularization_strength=0.01),
        "ftrl": lambda: tf.train.FtrlOptimizer(0.1),
        "ftrl_shrinkage": lambda: tf.train.FtrlOptimizer(
            0.1, l1_regularization_strength=0.001, l2_shrinkage_regularization_strength=0.01),
    }


SPARSE_OPTIMIZERS = ["rmsprop", "rmsprop_centered", "adagrad", "adadelta", "ftrl",
                     "ftrl_shrinkage", "proximal_adagrad", "adam"]   # (sparse Adam: the Sqrt op)


def run(tf, name, sparse):
    """The variables after STEPS minimize steps of a weighted squared error."""
    rng = np.random.RandomState(7)
    with tf.Graph().as_default():
        vs, losses = [], []
        for shape in (SPARSE if sparse else DENSE):
            v = tf.Variable(rng.randn(*shape).astype(np.float32))
            target = rng.randn(*shape).astype(np.float32)
            x, t = (tf.gather(v, ROWS), target[ROWS]) if sparse else (v, target)
            vs.append(v)
            losses.append(tf.reduce_sum(tf.square(x - t) * np.abs(t)))
        train = _optimizers(tf)[name]().minimize(tf.add_n(losses))
        config = tf.ConfigProto(intra_op_parallelism_threads=2)
        with tf.Session(config=config) as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(STEPS):
                sess.run(train)
            return sess.run(vs)


def update_bits(tf):
    out = {"dense_" + name: run(tf, name, False) for name in _optimizers(tf)}
    out.update({"sparse_" + name: run(tf, name, True) for name in SPARSE_OPTIMIZERS})
    return out


def cases(tf):
    return {"update_bits": update_bits(tf)}
