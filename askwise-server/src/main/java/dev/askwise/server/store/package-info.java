/**
 * Durable storage: the {@link dev.askwise.server.store.Store} contract, its JDBC implementation (SQLite by default,
 * PostgreSQL, H2) and a timing decorator.
 */
package dev.askwise.server.store;
