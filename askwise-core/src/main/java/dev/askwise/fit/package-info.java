/** Fitters that build preference models from data: EM for latent-class models, and model selection. */
package dev.askwise.fit;
