package dev.askwise.data;

import dev.askwise.Attribute;
import dev.askwise.Profile;
import dev.askwise.Schema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives per-user categorical preferences from MovieLens {@code ml-latest-small} (GroupLens; research use, see its
 * README.txt). Derivation, per user:
 * <ul>
 * <li>for each of 10 genres (Action, Adventure, Animation, Comedy, Crime, Drama, Horror, Romance, Sci-Fi, Thriller):
 * {@code likes} if the user's mean rating of the genre's movies exceeds their overall mean by 0.25 or more,
 * {@code dislikes} if it is 0.25 or more below, else {@code neutral}; missing when they rated fewer than 3 of its
 * movies;</li>
 * <li>{@code decade}: the release decade (from the title's year) with most of the user's ratings of 4 or more:
 * before-1970, 1970s, 1980s, 1990s, 2000s, 2010s; missing without such ratings;</li>
 * <li>{@code strictness}: mean rating below 3.25 {@code strict}, above 3.75 {@code lenient}, else {@code average}.</li>
 * </ul>
 * Covariate {@code activity}: {@code light} (fewer than 50 ratings), {@code medium} (50–199), {@code heavy} (200+).
 */
public final class MovieLensLoader {

    /** The genres turned into attributes. */
    public static final List<String> GENRES = List.of("Action", "Adventure", "Animation", "Comedy", "Crime", "Drama",
        "Horror", "Romance", "Sci-Fi", "Thriller");
    private static final List<String> DECADES = List.of("before-1970", "1970s", "1980s", "1990s", "2000s", "2010s");
    private static final Pattern YEAR = Pattern.compile("\\((\\d{4})\\)\\s*$");

    private MovieLensLoader() {
    }

    /** The schema of the derived preferences. */
    public static Schema schema() {
        List<Attribute> attrs = new ArrayList<>();
        for (String g : GENRES) {
            attrs.add(new Attribute(g.toLowerCase(java.util.Locale.ROOT), List.of("dislikes", "neutral", "likes")));
        }
        attrs.add(new Attribute("decade", DECADES));
        attrs.add(new Attribute("strictness", List.of("strict", "average", "lenient")));
        return Schema.of(attrs);
    }

    /**
     * Loads {@code movies.csv} and {@code ratings.csv} from the directory.
     *
     * @throws IllegalArgumentException naming the file and line of a malformed record
     */
    public static Dataset load(Path dir) {
        Path moviesFile = dir.resolve("movies.csv");
        Path ratingsFile = dir.resolve("ratings.csv");
        for (Path f : List.of(moviesFile, ratingsFile)) {
            if (!Files.isRegularFile(f)) {
                throw new IllegalArgumentException("MovieLens file not found: " + f);
            }
        }
        Map<Integer, int[]> genresOf = new HashMap<>();
        Map<Integer, Integer> decadeOf = new HashMap<>();
        readCsv(moviesFile, 3, (line, cols) -> {
            int id = parseInt(moviesFile, line, cols.get(0));
            if (genresOf.containsKey(id)) {
                throw new DataFormatException(moviesFile, line, "movie id " + id + " is listed twice");
            }
            List<Integer> gs = new ArrayList<>();
            for (String g : cols.get(2).split("\\|")) {
                int i = GENRES.indexOf(g);
                if (i >= 0) {
                    gs.add(i);
                }
            }
            genresOf.put(id, gs.stream().mapToInt(Integer::intValue).toArray());
            Matcher m = YEAR.matcher(cols.get(1).trim());
            if (m.find()) {
                int year = Integer.parseInt(m.group(1));
                decadeOf.put(id, year < 1970 ? 0 : Math.min(5, (year - 1960) / 10));
            }
        });
        Map<Integer, List<double[]>> byUser = new TreeMap<>();
        readCsv(ratingsFile, 4, (line, cols) -> {
            int user = parseInt(ratingsFile, line, cols.get(0));
            int movie = parseInt(ratingsFile, line, cols.get(1));
            if (!genresOf.containsKey(movie)) {
                throw new DataFormatException(ratingsFile, line, "movie id " + movie + " is not in movies.csv");
            }
            double rating;
            try {
                rating = Double.parseDouble(cols.get(2));
            } catch (NumberFormatException e) {
                throw new DataFormatException(ratingsFile, line, "rating is not a number: '" + cols.get(2) + "'");
            }
            if (!(rating >= 0.5 && rating <= 5.0)) { // NaN too
                throw new DataFormatException(ratingsFile, line, "rating must be in [0.5, 5]: " + rating);
            }
            byUser.computeIfAbsent(user, k -> new ArrayList<>()).add(new double[] {movie, rating});
        });
        Schema schema = schema();
        List<int[]> rows = new ArrayList<>();
        List<String> activity = new ArrayList<>();
        for (Map.Entry<Integer, List<double[]>> e : byUser.entrySet()) {
            List<double[]> rs = e.getValue();
            double mean = rs.stream().mapToDouble(r -> r[1]).average().orElse(0);
            double[] sum = new double[GENRES.size()];
            int[] count = new int[GENRES.size()];
            int[] decadeLikes = new int[DECADES.size()];
            for (double[] r : rs) {
                int movie = (int) r[0];
                for (int g : genresOf.getOrDefault(movie, new int[0])) {
                    sum[g] += r[1];
                    count[g]++;
                }
                Integer d = decadeOf.get(movie);
                if (d != null && r[1] >= 4.0) {
                    decadeLikes[d]++;
                }
            }
            int[] row = new int[schema.size()];
            for (int g = 0; g < GENRES.size(); g++) {
                if (count[g] < 3) {
                    row[g] = Profile.UNKNOWN;
                } else {
                    double diff = sum[g] / count[g] - mean;
                    row[g] = diff <= -0.25 ? 0 : diff >= 0.25 ? 2 : 1;
                }
            }
            int bestDecade = -1;
            for (int d = 0; d < DECADES.size(); d++) {
                if (decadeLikes[d] > 0 && (bestDecade < 0 || decadeLikes[d] > decadeLikes[bestDecade])) {
                    bestDecade = d;
                }
            }
            row[GENRES.size()] = bestDecade;
            row[GENRES.size() + 1] = mean < 3.25 ? 0 : mean > 3.75 ? 2 : 1;
            rows.add(row);
            activity.add(rs.size() < 50 ? "light" : rs.size() < 200 ? "medium" : "heavy");
        }
        Map<String, List<String>> cov = new LinkedHashMap<>();
        cov.put("activity", activity);
        return Dataset.of("movielens", schema, rows, cov);
    }

    private interface RowHandler {
        void accept(int line, List<String> cols);
    }

    private static void readCsv(Path file, int columns, RowHandler handler) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new DataFormatException(file, 1, "empty file");
            }
            String text;
            int line = 1;
            while ((text = r.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                List<String> cols = splitCsv(text);
                if (cols.size() != columns) {
                    throw new DataFormatException(file, line, "expected " + columns + " columns, found "
                        + cols.size());
                }
                handler.accept(line, cols);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Splits one CSV record with RFC 4180 quoting (MovieLens titles contain commas). */
    public static List<String> splitCsv(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else if (c != '\r') {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static int parseInt(Path file, int line, String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, line, "not an integer: '" + s + "'");
        }
    }
}
