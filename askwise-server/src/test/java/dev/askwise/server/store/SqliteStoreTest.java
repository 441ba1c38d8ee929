package dev.askwise.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the default embedded store, SQLite, and the settings its crash safety rests on. */
class SqliteStoreTest extends StoreContract {

    @TempDir
    Path dir;

    @Override
    Store open() {
        return JdbcStore.sqlite(dir);
    }

    /** WAL journal (persistent in the file) and the migrations ran: the schema's four tables exist. */
    @Test
    void theDatabaseFileIsInWalModeWithTheSchema() throws Exception {
        try (Store s = open()) {
            assertThat(s.describe()).startsWith("SQLite ").endsWith(JdbcStore.SQLITE_FILE);
            s.ping();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(JdbcStore.SQLITE_FILE));
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                + "('api_keys', 'sessions', 'profiles', 'feedback')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(4);
            }
        }
    }
}
