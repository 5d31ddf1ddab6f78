import numpy as np
import tensorflow as tf

tf.set_random_seed(3)
rng = np.random.RandomState(7)
image_dim, gen_hidden_dim, disc_hidden_dim, noise_dim, B = 36, 16, 16, 8, 12


def glorot_init(shape):
    return tf.random_normal(shape=shape, stddev=1.0 / tf.sqrt(shape[0] / 2.0))


weights = {
    "gen_hidden1": tf.Variable(glorot_init([noise_dim, gen_hidden_dim])),
    "gen_out": tf.Variable(glorot_init([gen_hidden_dim, image_dim])),
    "disc_hidden1": tf.Variable(glorot_init([image_dim, disc_hidden_dim])),
    "disc_out": tf.Variable(glorot_init([disc_hidden_dim, 1])),
}
biases = {
    "gen_hidden1": tf.Variable(tf.zeros([gen_hidden_dim])),
    "gen_out": tf.Variable(tf.zeros([image_dim])),
    "disc_hidden1": tf.Variable(tf.zeros([disc_hidden_dim])),
    "disc_out": tf.Variable(tf.zeros([1])),
}


def generator(x):
    h = tf.nn.relu(tf.add(tf.matmul(x, weights["gen_hidden1"]), biases["gen_hidden1"]))
    return tf.nn.sigmoid(tf.add(tf.matmul(h, weights["gen_out"]), biases["gen_out"]))


def discriminator(x):
    h = tf.nn.relu(tf.add(tf.matmul(x, weights["disc_hidden1"]), biases["disc_hidden1"]))
    return tf.nn.sigmoid(tf.add(tf.matmul(h, weights["disc_out"]), biases["disc_out"]))


gen_input = tf.placeholder(tf.float32, shape=[None, noise_dim])
disc_input = tf.placeholder(tf.float32, shape=[None, image_dim])
gen_sample = generator(gen_input)
disc_real = discriminator(disc_input)
disc_fake = discriminator(gen_sample)
gen_loss = -tf.reduce_mean(tf.log(disc_fake))
disc_loss = -tf.reduce_mean(tf.log(disc_real) + tf.log(1.0 - disc_fake))
optimizer_gen = tf.train.AdamOptimizer(learning_rate=0.0002)
optimizer_disc = tf.train.AdamOptimizer(learning_rate=0.0002)
gen_vars = [weights["gen_hidden1"], weights["gen_out"], biases["gen_hidden1"], biases["gen_out"]]
disc_vars = [
    weights["disc_hidden1"],
    weights["disc_out"],
    biases["disc_hidden1"],
    biases["disc_out"],
]
train_gen = optimizer_gen.minimize(gen_loss, var_list=gen_vars)
train_disc = optimizer_disc.minimize(disc_loss, var_list=disc_vars)
# VAE piece
z_mean = tf.layers.dense(disc_input, 4, name="zm")
z_std = tf.layers.dense(disc_input, 4, name="zs")
eps = tf.random_normal(tf.shape(z_std), dtype=tf.float32, mean=0.0, stddev=1.0, name="epsilon")
z = z_mean + tf.exp(z_std / 2) * eps
dec = tf.layers.dense(z, image_dim, activation=tf.nn.sigmoid, name="dec")
enc = dec * tf.log(1e-10 + disc_input) + (1 - dec) * tf.log(1e-10 + 1 - disc_input)
enc = -tf.reduce_sum(enc, 1)
kl = -0.5 * tf.reduce_sum(1 + z_std - tf.square(z_mean) - tf.exp(z_std), 1)
vae_loss = tf.reduce_mean(enc + kl)
tv = tf.train.RMSPropOptimizer(0.001).minimize(vae_loss)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(4):
        bx = rng.rand(B, image_dim).astype(np.float32)
        z_ = rng.uniform(-1.0, 1.0, size=[B, noise_dim]).astype(np.float32)
        _, _, gl, dl, _, vl = s.run(
            [train_gen, train_disc, gen_loss, disc_loss, tv, vae_loss],
            {disc_input: bx, gen_input: z_},
        )
        print(i, repr(float(gl)), repr(float(dl)), repr(float(vl)))
    print(s.run(gen_sample, {gen_input: z_[:1]})[0, :6].astype(np.float64).tolist())
