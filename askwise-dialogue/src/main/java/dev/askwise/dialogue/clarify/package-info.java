/**
 * Production clarify-or-answer: for a question whose readings the assistant already has, build the clarifying
 * question from the readings' differences, decide whether asking is worth its cost, and resolve the user's reply to a
 * reading ({@link dev.askwise.dialogue.clarify.Clarifier}). The HTTP service's {@code /v1/clarify} calls this; the
 * AmbigQA loader and the evaluation stay in {@code dev.askwise.dialogue.research}.
 */
package dev.askwise.dialogue.clarify;
