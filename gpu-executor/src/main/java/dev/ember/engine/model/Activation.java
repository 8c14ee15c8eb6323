package dev.ember.engine.model;

/** The activation after a dense layer. DLRM uses ReLU everywhere except the top MLP's last layer. */
public enum Activation {
    RELU,
    /** No activation: the layer outputs its pre-activation (the top MLP's logit, fed to the sigmoid loss). */
    IDENTITY
}
