package dev.askwise.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;

/**
 * {@link Store} over JDBC with a connection pool and Flyway migrations: an embedded SQLite file database (the
 * default: no set-up, WAL journal with {@code synchronous=FULL}, so a commit is on disk before the reply and a
 * killed process loses nothing acknowledged), PostgreSQL for production, or H2 (kept for compatibility only: it lost
 * acknowledged writes under kill -9 in our tests, so it is not the default). The same SQL runs on all three.
 */
public final class JdbcStore implements Store {

    /** File name of the SQLite database inside the data directory. */
    public static final String SQLITE_FILE = "askwise.sqlite";

    /** Most writes committed in one transaction. */
    static final int MAX_BATCH = 256;

    private final HikariDataSource ds;
    private final String description;
    /** Writes waiting to be committed, oldest first. */
    private final BlockingQueue<Write<?>> queue = new LinkedBlockingQueue<>();
    /** Held by the thread committing a batch. */
    private final ReentrantLock commitLock = new ReentrantLock();
    /** Whether concurrent writes are committed together (the embedded stores) or each alone (PostgreSQL). */
    private final boolean groupCommit;
    private volatile boolean closed;

    private JdbcStore(HikariDataSource ds, String description, boolean groupCommit) {
        this.ds = ds;
        this.description = description;
        this.groupCommit = groupCommit;
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
    }

    /**
     * The default embedded store: a SQLite database {@value #SQLITE_FILE} in dir (created if needed), kept across
     * restarts and crashes. WAL journal, {@code synchronous=FULL} (each commit is fsynced before it returns),
     * a 10 s busy timeout for concurrent writers.
     */
    public static JdbcStore sqlite(Path dir) {
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot create data directory " + dir + ": " + e.getMessage(), e);
        }
        Path file = dir.toAbsolutePath().resolve(SQLITE_FILE);
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:sqlite:" + file);
        c.addDataSourceProperty("journal_mode", "WAL");
        c.addDataSourceProperty("synchronous", "FULL");
        c.addDataSourceProperty("busy_timeout", "10000");
        c.addDataSourceProperty("foreign_keys", "true");
        c.setMaximumPoolSize(8);
        c.setPoolName("askwise-sqlite");
        return new JdbcStore(new HikariDataSource(c), "SQLite " + file, true);
    }

    /**
     * An embedded H2 database in dir (created if needed), kept across clean restarts. Not crash-safe: under kill -9
     * it lost acknowledged writes (docs/performance.md); use {@link #sqlite} or {@link #postgres}.
     */
    public static JdbcStore h2(Path dir) {
        HikariConfig c = new HikariConfig();
        // WRITE_DELAY=0: a committed step is on disk before the reply (a killed process loses nothing)
        c.setJdbcUrl("jdbc:h2:file:" + dir.toAbsolutePath().resolve("askwise")
            + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        c.setUsername("sa");
        c.setPassword("");
        c.setMaximumPoolSize(8);
        c.setPoolName("askwise-h2");
        return new JdbcStore(new HikariDataSource(c), "H2 " + dir.toAbsolutePath().resolve("askwise"), true);
    }

    /** A PostgreSQL database. */
    public static JdbcStore postgres(String url, String user, String password) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setUsername(user);
        c.setPassword(password);
        c.setMaximumPoolSize(8);
        c.setPoolName("askwise-postgres");
        return new JdbcStore(new HikariDataSource(c), "PostgreSQL " + url, false);
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** One write waiting to be committed, and its result once committed. */
    private record Write<T>(Work<T> work, CompletableFuture<T> result) {
    }

    private <T> T tx(Work<T> work) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                T t = work.run(c);
                c.commit();
                return t;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database error: " + e.getMessage(), e);
        }
    }

    /** A read: one statement on a pooled connection in auto-commit (no transaction to begin and end). */
    private <T> T read(Work<T> work) {
        try (Connection c = ds.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("database error: " + e.getMessage(), e);
        }
    }

    /**
     * A write of one statement: as {@link #write}, except that without group commit it runs in auto-commit (one
     * statement is atomic on its own, and PostgreSQL then needs one round trip instead of three).
     */
    private <T> T writeOne(Work<T> work) {
        return groupCommit ? write(work) : read(work);
    }

    /**
     * A write, committed before this returns. Concurrent writes are committed together (group commit: one
     * transaction and one fsync for all of them instead of one each; SQLite allows one writer at a time anyway):
     * each write is queued, and the thread that holds the commit lock takes everything queued and commits it in one
     * transaction while the others wait for the lock; a thread whose write was committed meanwhile returns at once.
     * A lone writer commits its own write with no hand-off. Each caller returns only after the commit that holds its
     * write, so nothing acknowledged is lost. When a batch fails (a constraint, a deadlock with another process), it
     * is rolled back and each write is run again in its own transaction, so one bad write never fails another.
     * Without group commit (PostgreSQL: the database groups concurrent commits itself, and one committing thread
     * would serialise sessions that it can write in parallel), each write is its own transaction.
     */
    private <T> T write(Work<T> work) {
        if (!groupCommit) {
            return tx(work);
        }
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        Write<T> w = new Write<>(work, new CompletableFuture<>());
        queue.add(w);
        commitLock.lock();
        try {
            if (!w.result().isDone()) {
                List<Write<?>> batch = new ArrayList<>();
                queue.drainTo(batch, MAX_BATCH);
                flush(batch);
            }
        } finally {
            commitLock.unlock();
        }
        try {
            return w.result().join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("database error: " + e.getCause(), e.getCause());
        }
    }

    private void flush(List<Write<?>> batch) {
        if (batch.size() > 1) {
            List<Object> results = new ArrayList<>(batch.size());
            boolean committed = false;
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try {
                    for (Write<?> w : batch) {
                        results.add(w.work().run(c));
                    }
                    c.commit();
                    committed = true;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                }
            } catch (SQLException | RuntimeException e) {
                committed = false; // fall through: each write alone reports its own error
            }
            if (committed) {
                for (int i = 0; i < batch.size(); i++) {
                    complete(batch.get(i), results.get(i));
                }
                return;
            }
        }
        for (Write<?> w : batch) {
            try {
                complete(w, tx(w.work()));
            } catch (RuntimeException e) {
                w.result().completeExceptionally(e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Write<T> w, Object result) {
        w.result().complete((T) result);
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    @Override
    public void addKey(String keyHash, String tenant) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO api_keys (key_hash, tenant, created_at) VALUES (?, ?, ?)")) {
                ps.setString(1, keyHash);
                ps.setString(2, tenant);
                ps.setTimestamp(3, now());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<String> tenantOfKey(String keyHash) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT tenant FROM api_keys WHERE key_hash = ?")) {
                ps.setString(1, keyHash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void createSession(StoredSession s) {
        writeOne(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sessions (id, tenant, domain, user_id, state, "
                + "version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)")) {
                ps.setString(1, s.id());
                ps.setString(2, s.tenant());
                ps.setString(3, s.domain());
                ps.setString(4, s.userId());
                ps.setString(5, s.state());
                ps.setTimestamp(6, now());
                ps.setTimestamp(7, now());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<StoredSession> session(String tenant, String id) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, tenant, domain, user_id, state, version FROM "
                + "sessions WHERE tenant = ? AND id = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredSession(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getInt(6)));
                }
            }
        });
    }

    @Override
    public boolean updateSession(String tenant, String id, String state, int expectedVersion) {
        return writeOne(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET state = ?, version = version + 1, "
                + "updated_at = ? WHERE tenant = ? AND id = ? AND version = ?")) {
                ps.setString(1, state);
                ps.setTimestamp(2, now());
                ps.setString(3, tenant);
                ps.setString(4, id);
                ps.setInt(5, expectedVersion);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void remember(String tenant, String userId, String domain, Map<String, String> values) {
        if (values.isEmpty()) {
            return;
        }
        write(c -> {
            for (Map.Entry<String, String> e : values.entrySet()) {
                try (PreparedStatement del = c.prepareStatement("DELETE FROM profiles WHERE tenant = ? AND user_id = ?"
                    + " AND domain = ? AND attribute = ?")) {
                    del.setString(1, tenant);
                    del.setString(2, userId);
                    del.setString(3, domain);
                    del.setString(4, e.getKey());
                    del.executeUpdate();
                }
                if (e.getValue() == null) {
                    continue; // forgotten
                }
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO profiles (tenant, user_id, domain, "
                    + "attribute, val, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                    ins.setString(1, tenant);
                    ins.setString(2, userId);
                    ins.setString(3, domain);
                    ins.setString(4, e.getKey());
                    ins.setString(5, e.getValue());
                    ins.setTimestamp(6, now());
                    ins.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public Map<String, String> profile(String tenant, String userId, String domain) {
        return profile(tenant, userId).getOrDefault(domain, Map.of());
    }

    @Override
    public Map<String, Map<String, String>> profile(String tenant, String userId) {
        return read(c -> {
            Map<String, Map<String, String>> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT domain, attribute, val FROM profiles WHERE "
                + "tenant = ? AND user_id = ? ORDER BY domain, attribute")) {
                ps.setString(1, tenant);
                ps.setString(2, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2),
                            rs.getString(3));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public int forget(String tenant, String userId) {
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM profiles WHERE tenant = ? AND user_id = ?")) {
                ps.setString(1, tenant);
                ps.setString(2, userId);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void addFeedback(Feedback f) {
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO feedback (id, tenant, session_id, domain, "
                + "attribute, val, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, f.id());
                ps.setString(2, f.tenant());
                ps.setString(3, f.sessionId());
                ps.setString(4, f.domain());
                ps.setString(5, f.attribute());
                ps.setString(6, f.value());
                ps.setTimestamp(7, now());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<Feedback> feedback(String tenant, String domain) {
        return read(c -> {
            List<Feedback> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, tenant, session_id, domain, attribute, val FROM "
                + "feedback WHERE tenant = ? AND domain = ? ORDER BY created_at, id")) {
                ps.setString(1, tenant);
                ps.setString(2, domain);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Feedback(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void ping() {
        read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1")) {
                ps.executeQuery().close();
            }
            return null;
        });
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        closed = true;
        commitLock.lock(); // a batch being committed finishes first
        try {
            ds.close();
        } finally {
            commitLock.unlock();
        }
    }
}
