package dev.askwise.server;

import java.time.Duration;

/**
 * How the HTTP server runs: where it listens and the limits that keep it serving under hostile clients.
 *
 * @param host              interface to listen on
 * @param port              port (0: any free port)
 * @param ratePerSecond     requests per second each API key may make on average (token bucket); 0 disables
 * @param burst             requests a key may make at once before the rate applies (bucket size, ≥ 1)
 * @param idleTimeout       a connection with no bytes in either direction for this long is closed
 * @param bodyTimeout       a request body must arrive completely within this time, else 408; bodies are read
 *                          without holding a thread, so slow bodies cost no request thread meanwhile
 * @param maxThreads        request threads
 */
public record ServerOptions(String host, int port, double ratePerSecond, int burst, Duration idleTimeout,
                            Duration bodyTimeout, int maxThreads) {

    /**
     * The defaults: loopback, port 8080, 200 requests/s per key with bursts of 400, 30 s idle timeout, bodies within
     * 10 s, 200 threads.
     */
    public static ServerOptions defaults() {
        return new ServerOptions("127.0.0.1", 8080, 200, 400, Duration.ofSeconds(30), Duration.ofSeconds(10), 200);
    }

    /** Checks the ranges. */
    public ServerOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535]: " + port);
        }
        if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be a finite number >= 0: " + ratePerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be >= 1: " + burst);
        }
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive: " + idleTimeout);
        }
        if (bodyTimeout == null || bodyTimeout.isNegative() || bodyTimeout.isZero()) {
            throw new IllegalArgumentException("body timeout must be positive: " + bodyTimeout);
        }
        if (maxThreads < 16) {
            throw new IllegalArgumentException("max threads must be >= 16: " + maxThreads);
        }
    }

    public ServerOptions withHost(String h) {
        return new ServerOptions(h, port, ratePerSecond, burst, idleTimeout, bodyTimeout, maxThreads);
    }

    public ServerOptions withPort(int p) {
        return new ServerOptions(host, p, ratePerSecond, burst, idleTimeout, bodyTimeout, maxThreads);
    }

    public ServerOptions withRate(double perSecond, int b) {
        return new ServerOptions(host, port, perSecond, b, idleTimeout, bodyTimeout, maxThreads);
    }

    public ServerOptions withIdleTimeout(Duration d) {
        return new ServerOptions(host, port, ratePerSecond, burst, d, bodyTimeout, maxThreads);
    }

    public ServerOptions withBodyTimeout(Duration d) {
        return new ServerOptions(host, port, ratePerSecond, burst, idleTimeout, d, maxThreads);
    }

    public ServerOptions withMaxThreads(int n) {
        return new ServerOptions(host, port, ratePerSecond, burst, idleTimeout, bodyTimeout, n);
    }
}
