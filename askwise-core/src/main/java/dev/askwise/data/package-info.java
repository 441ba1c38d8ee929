/** Datasets and loaders: SUSHI's original file format, MovieLens, seeded synthetic sources. */
package dev.askwise.data;
