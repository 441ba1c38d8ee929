/**
 * The HTTP layer below the routes: key format and hashing ({@link dev.askwise.server.http.ApiKeys}), per-key rate
 * limits, the body reader that holds no thread ({@link dev.askwise.server.http.BodyBuffer}), strict JSON bodies
 * ({@link dev.askwise.server.http.Json}) and the one error shape ({@link dev.askwise.server.http.HttpErrors}).
 */
package dev.askwise.server.http;
