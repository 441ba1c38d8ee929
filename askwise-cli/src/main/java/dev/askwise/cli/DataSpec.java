package dev.askwise.cli;

import dev.askwise.data.Dataset;
import dev.askwise.data.MovieLensLoader;
import dev.askwise.data.SushiLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/** Parses {@code --data sushi:DIR | movielens[:DIR]} and loads the dataset. */
final class DataSpec {

    private DataSpec() {
    }

    /** The MovieLens copy shipped with Askwise, found from the launcher's {@code askwise.home} or the working dir. */
    static Path shippedAmbigQa() {
        Path p = Path.of(System.getProperty("askwise.home", "."), "data", "ambigqa", "dev_light.json");
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("the shipped AmbigQA data is not at " + p.toAbsolutePath().normalize()
                + "; run from the Askwise directory or give --data FILE");
        }
        return p;
    }

    static Path shippedMovieLens() {
        String home = System.getProperty("askwise.home", ".");
        Path p = Path.of(home, "data", "movielens", "ml-latest-small");
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException("the shipped MovieLens data is not at " + p.toAbsolutePath().normalize()
                + "; run from the Askwise directory or give movielens:DIR");
        }
        return p;
    }

    static Dataset load(String spec, int top) {
        if (spec.equals("movielens")) {
            return MovieLensLoader.load(shippedMovieLens());
        }
        if (spec.startsWith("movielens:")) {
            return MovieLensLoader.load(Path.of(spec.substring("movielens:".length())));
        }
        if (spec.startsWith("sushi:") && spec.length() > "sushi:".length()) {
            return SushiLoader.loadTopT(Path.of(spec.substring("sushi:".length())), top);
        }
        throw new IllegalArgumentException("--data must be sushi:DIR, movielens or movielens:DIR: '" + spec + "'");
    }
}
