/** Reading and writing models: a dependency-free JSON reader and writer. */
package dev.askwise.io;
