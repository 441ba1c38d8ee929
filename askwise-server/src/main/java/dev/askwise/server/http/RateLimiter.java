package dev.askwise.server.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * Per-key token buckets: each key holds up to {@code burst} tokens, refilled at {@code rate} per second; a request
 * takes one. The buckets live in a bounded cache (at most 100,000 keys, dropped after 10 minutes unused: a dropped
 * bucket comes back full, which only ever favours the client). Thread-safe.
 */
public final class RateLimiter {

    private final double rate;
    private final int burst;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
        .expireAfterAccess(Duration.ofMinutes(10)).build();

    public RateLimiter(double rate, int burst) {
        this.rate = rate;
        this.burst = burst;
    }

    private final class Bucket {
        private double tokens = burst;
        private long last = System.nanoTime();

        /** Takes a token; returns 0 when one was available, else the seconds until one will be. */
        synchronized long take() {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * rate);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / rate));
        }
    }

    /** 0 if the key may make a request now, else the whole seconds to wait (for {@code Retry-After}). */
    public long acquire(String key) {
        if (rate == 0) {
            return 0;
        }
        return buckets.get(key, k -> new Bucket()).take();
    }
}
