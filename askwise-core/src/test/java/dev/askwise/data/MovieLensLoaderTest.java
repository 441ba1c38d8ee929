package dev.askwise.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.askwise.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensLoaderTest {

    /**
     * By hand: user 1 rates two Comedy films 5 and 5, one Drama 1 and two other Dramas 2 and 3 (mean 3.2, strict);
     * Comedy has only 2 ratings (missing), Drama mean 2.0 is 1.2 below (dislikes); liked decade: the 1990s film.
     */
    @Test
    void derivesAttributesByTheDocumentedRules(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("movies.csv"), "movieId,title,genres\r\n"
            + "1,Toy Story (1995),Comedy\r\n"
            + "2,\"American President, The (1995)\",Comedy|Romance\r\n"
            + "3,Heat (1975),Drama\r\n4,Old (1950),Drama\r\n5,New (2012),Drama\r\n");
        Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\r\n"
            + "1,1,5.0,1\r\n1,2,5.0,1\r\n1,3,1.0,1\r\n1,4,2.0,1\r\n1,5,3.0,1\r\n");
        Dataset d = MovieLensLoader.load(dir);
        assertThat(d.size()).isEqualTo(1);
        Profile p = d.profile(0);
        assertThat(p.value(d.schema().indexOf("comedy"))).isEqualTo(Profile.UNKNOWN);
        assertThat(p.value(d.schema().indexOf("drama"))).isZero();
        assertThat(d.schema().get(d.schema().indexOf("decade")).values().get(p.value(d.schema().indexOf("decade"))))
            .isEqualTo("1990s");
        assertThat(p.value(d.schema().indexOf("strictness"))).isZero();
        assertThat(d.covariate("activity", 0)).isEqualTo("light");
    }

    @Test
    void malformedRecordsNameTheFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("movies.csv"), "movieId,title,genres\n1,A (1995),Comedy\n");
        Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,5.0,1\n1,1,9.0,1\n");
        assertThatThrownBy(() -> MovieLensLoader.load(dir)).isInstanceOf(DataFormatException.class)
            .hasMessageEndingWith("ratings.csv line 3: rating must be in [0.5, 5]: 9.0");
        Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,NaN,1\n");
        assertThatThrownBy(() -> MovieLensLoader.load(dir))
            .hasMessageEndingWith("ratings.csv line 2: rating must be in [0.5, 5]: NaN");
        Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1\n");
        assertThatThrownBy(() -> MovieLensLoader.load(dir)).hasMessageEndingWith("line 2: expected 4 columns, found 2");
        Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,1\n1,7,4.0,1\n");
        assertThatThrownBy(() -> MovieLensLoader.load(dir)).isInstanceOf(DataFormatException.class)
            .hasMessageEndingWith("ratings.csv line 3: movie id 7 is not in movies.csv");
        Files.writeString(dir.resolve("movies.csv"), "movieId,title,genres\n1,A (1995),Comedy\n1,B (1990),Drama\n");
        assertThatThrownBy(() -> MovieLensLoader.load(dir)).isInstanceOf(DataFormatException.class)
            .hasMessageEndingWith("movies.csv line 3: movie id 1 is listed twice");
    }

    /** The copy shipped in data/ (GroupLens ml-latest-small, 610 users). */
    @Test
    void shippedCopyLoads() {
        Dataset d = MovieLensLoader.load(Path.of("..", "data", "movielens", "ml-latest-small"));
        assertThat(d.size()).isEqualTo(610);
        for (int a = 0; a < d.schema().size(); a++) {
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int i = 0; i < d.size(); i++) {
                seen.add(d.value(i, a));
            }
            assertThat(seen.size()).as(d.schema().get(a).name()).isGreaterThanOrEqualTo(3);
        }
        assertThat(d.covariateNames()).contains("activity");
    }
}
