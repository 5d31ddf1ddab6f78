"""The nodes Grappler's HoistCommonFactorOutOfAggregation adds, as TF 1.14's partition
graph names them: the outer product (or quotient) `<scope>/ArithmeticOptimizer/
HoistCommonFactor_Mul_<sum>` (`..._Div_<sum>`), a copy of the first term's op, and the
inner sum `<scope>/ArithmeticOptimizer/HoistCommonFactor_Add_<sum>`, a copy of the sum's
op (Add stays Add, AddN stays AddN). x is a Variable, or fed. `hoisted`: each case's [op, name] of those nodes,
sorted; `values`: the fetched value. Read by tests/test_hoist_names.py."""
from __future__ import absolute_import

import numpy as np

XD = np.array([[0.25, -1.5, 2.0], [0.75, 1.25, -0.5]], np.float32)
CD = np.array([[0.5, 1.5, 2.5], [-0.75, 0.3, 1.1]], np.float32)
FORMS = ["add", "addn3", "div", "scoped", "grad", "add_fed", "addn3_fed"]


def build(tf, form):
    """(fetch, feed dict) of the case `form` in the default graph: x a Variable, or fed
    (`_fed`: Grappler takes a fed value's shape as unknown, so an AddN's unique factors
    are not known to match and nothing is hoisted)."""
    fed = form.endswith("_fed")
    form = form[:-len("_fed")] if fed else form
    x = tf.placeholder(tf.float32, [2, 3]) if fed else tf.Variable(XD)
    c = tf.Variable(CD)
    if form == "add":
        out = tf.add(c * x, c * tf.sin(x))
    elif form == "addn3":
        out = tf.add_n([c * x, c * tf.sin(x), tf.cos(x) * c])
    elif form == "div":
        out = tf.add_n([x / c, tf.sin(x) / c])
    elif form == "scoped":
        with tf.name_scope("outer"):
            out = tf.add_n([c * x, tf.exp(x) * c], name="total")
    else:       # a gradient sum: AddN(mul_grad/Mul, mul_1_grad/Mul_1) of dy * x, dy * sin
        y = tf.reduce_sum(tf.square(c * x + c * tf.sin(x)))
        out = tf.gradients(y, c)[0]
    return tf.identity(out), {x: XD} if fed else None


def _case(tf, form):
    with tf.Graph().as_default():
        out, feed = build(tf, form)
        md = tf.RunMetadata()
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            value = s.run(out, feed, options=tf.RunOptions(output_partition_graphs=True),
                          run_metadata=md)
        hoisted = sorted([n.op, n.name] for g in md.partition_graphs for n in g.node
                         if "HoistCommonFactor" in n.name)
        return hoisted, value


def cases(tf):
    got = dict((form, _case(tf, form)) for form in FORMS)
    return {"hoisted": dict((f, got[f][0]) for f in FORMS),
            "values": dict((f, got[f][1]) for f in FORMS)}
