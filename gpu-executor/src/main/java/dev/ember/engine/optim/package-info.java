/**
 * Dense-layer optimizers (SGD, Adagrad, Adam with PyTorch's defaults) over a flat parameter array, and DLRM's
 * learning-rate policy (linear warm-up, quadratic decay). Embedding optimizers live in the embedding engine.
 */
package dev.ember.engine.optim;
