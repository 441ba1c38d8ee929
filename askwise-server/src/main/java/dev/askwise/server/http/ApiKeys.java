package dev.askwise.server.http;

import dev.askwise.server.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** API keys: random, shown once, stored as SHA-256 hashes. */
public final class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private ApiKeys() {
    }

    /** Creates a key for the tenant, stores its hash, and returns the key (the only time it is visible). */
    public static String create(Store store, String tenant) {
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            throw new IllegalArgumentException("tenant must match [a-z0-9][a-z0-9_-]{0,63}: '" + tenant + "'");
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String key = "aw_" + HexFormat.of().formatHex(bytes);
        store.addKey(hash(key), tenant);
        return key;
    }

    /** SHA-256 of a key, hex. */
    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
