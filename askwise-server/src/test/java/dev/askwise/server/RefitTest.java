package dev.askwise.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.askwise.Profile;
import dev.askwise.dialogue.Domain;
import dev.askwise.model.LatentClassModel;
import dev.askwise.server.store.JdbcStore;
import dev.askwise.server.store.Store;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefitTest {

    @TempDir
    Path dir;

    /**
     * The hand-written hotel model says downtown users mostly want chains: by hand, the posterior after "downtown" is
     * (.4·.3, .6·.85)/0.63 and P(local) = 0.19·0.75 + 0.81·0.2 = 0.3048. 300 sessions that answered "downtown" and
     * corrected the inferred chain to "local" raise it after a refit with 600 prior samples.
     */
    @Test
    void feedbackMovesTheModel() {
        Domain hotel = Domain.builtIn("hotel");
        try (Store store = JdbcStore.sqlite(dir)) {
            for (int i = 0; i < 300; i++) {
                String id = UUID.randomUUID().toString();
                store.createSession(new Store.StoredSession(id, "acme", "hotel", null,
                    "{\"domain\":\"hotel\",\"cost\":0.3,\"stated\":{},\"remembered\":{},"
                    + "\"answered\":{\"area\":\"downtown\"}}", 1)); // a stored state of version 1
                store.addFeedback(new Store.Feedback(UUID.randomUUID().toString(), "acme", id, "hotel", "chain",
                    "local"));
            }
            Refit.Result r = Refit.run(store, "acme", hotel, 600, 3);
            assertThat(r.feedbackRows()).isEqualTo(300);
            int area = hotel.schema().indexOf("area");
            int chain = hotel.schema().indexOf("chain");
            Profile downtown = Profile.empty(hotel.schema().size()).with(area, 0);
            double before = hotel.model().predictive(downtown, chain)[1];
            LatentClassModel after = r.domain().model();
            double now = after.predictive(downtown, chain)[1];
            assertThat(before).isCloseTo(0.12 / 0.63 * 0.75 + 0.51 / 0.63 * 0.2,
                org.assertj.core.api.Assertions.within(1e-12));
            assertThat(now).isGreaterThan(before + 0.15);
            assertThat(r.domain().provenance()).contains("300 sessions with feedback");
            assertThat(Domain.parse(r.domain().toJson(), "refit").model().clusters()).isEqualTo(2);
            assertThatThrownBy(() -> Refit.run(store, "globex", hotel, 10, 1))
                .hasMessage("no feedback for domain 'hotel' of tenant 'globex'");
        }
    }
}
