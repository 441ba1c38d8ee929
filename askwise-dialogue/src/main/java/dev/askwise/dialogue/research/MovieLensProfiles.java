package dev.askwise.dialogue.research;

import dev.askwise.data.MovieLensLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Structured profiles of MovieLens users (what the data supports). Per user, tags present only when the data has them:
 * <ul>
 * <li>{@code favourite genres}: up to three genres whose mean rating is at least 0.25 above the user's mean (3+ ratings),
 * best first;</li>
 * <li>{@code disliked genres}: up to three at least 0.25 below;</li>
 * <li>{@code favourite decade}: the release decade with most ratings of 4 or more;</li>
 * <li>{@code rating habits}: strict (mean below 3.25), average, or lenient (above 3.75);</li>
 * <li>{@code favourite films}: up to three titles rated 5 (most recently rated first);</li>
 * <li>{@code tags}: up to three of the user's own tags (tags.csv), most used first;</li>
 * <li>one tag per genre of the {@code movies} domain ({@code action}, {@code adventure}, …, {@code thriller}):
 * {@code likes}, {@code neutral} or {@code dislikes} by the same rule as {@link MovieLensLoader} (mean rating of the
 * genre minus the user's mean, ±0.25; absent with fewer than 3 ratings), so these concepts are the population
 * model's attributes and the {@code voi} questioner can reason about them.</li>
 * </ul>
 */
public final class MovieLensProfiles {

    /** Every tag a profile may have (their general-to-specific order is learned by {@link Funnel}). */
    public static final List<String> TAGS;

    static {
        List<String> tags = new ArrayList<>(List.of("rating habits", "favourite genres", "favourite decade",
            "disliked genres", "favourite films", "tags"));
        for (String g : MovieLensLoader.GENRES) {
            tags.add(g.toLowerCase(Locale.ROOT));
        }
        TAGS = List.copyOf(tags);
    }
    /**
     * The general-to-specific order declared from domain metadata: the profile-level tags (rating habits, favourite
     * and disliked genres, favourite decade), then the genre tags by the {@code movies} domain's generality (ties by
     * name), then the specific ones (favourite films, own tags). The {@code template-funnel} questioner asks in this
     * order; the forward process learns its own from the data.
     */
    public static final List<String> DOMAIN_ORDER;

    static {
        List<String> order = new ArrayList<>(List.of("rating habits", "favourite genres", "disliked genres",
            "favourite decade"));
        List<dev.askwise.dialogue.Domain.AttributeSpec> genres = new ArrayList<>();
        for (dev.askwise.dialogue.Domain.AttributeSpec a : dev.askwise.dialogue.Domain.builtIn("movies").attributes()) {
            if (MovieLensConcepts.attribute(a.name()) >= 0 && !a.name().equals("decade")) {
                genres.add(a);
            }
        }
        genres.sort(Comparator.comparingInt(dev.askwise.dialogue.Domain.AttributeSpec::generality)
            .thenComparing(dev.askwise.dialogue.Domain.AttributeSpec::name));
        genres.forEach(a -> order.add(a.name()));
        order.addAll(List.of("favourite films", "tags"));
        DOMAIN_ORDER = List.copyOf(order);
    }

    private static final List<String> GENRES = List.of("Action", "Adventure", "Animation", "Children", "Comedy",
        "Crime", "Documentary", "Drama", "Fantasy", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller",
        "War", "Western");
    private static final Pattern YEAR = Pattern.compile("\\((\\d{4})\\)\\s*$");

    private MovieLensProfiles() {
    }

    private record Movie(String title, List<Integer> genres, int decade) {
    }

    /** Reads movies.csv, ratings.csv and tags.csv from the directory. */
    public static List<TextProfile> load(Path dir) {
        Map<Integer, Movie> movies = new HashMap<>();
        read(dir.resolve("movies.csv"), cols -> {
            List<Integer> gs = new ArrayList<>();
            for (String g : cols.get(2).split("\\|")) {
                int i = GENRES.indexOf(g);
                if (i >= 0) {
                    gs.add(i);
                }
            }
            Matcher m = YEAR.matcher(cols.get(1).trim());
            int decade = m.find() ? Integer.parseInt(m.group(1)) / 10 * 10 : -1;
            String title = YEAR.matcher(cols.get(1).trim()).replaceAll("").trim();
            movies.put(Integer.parseInt(cols.get(0)), new Movie(title, gs, decade));
        });
        Map<Integer, List<double[]>> ratings = new TreeMap<>();
        read(dir.resolve("ratings.csv"), cols -> ratings.computeIfAbsent(Integer.parseInt(cols.get(0)),
            k -> new ArrayList<>()).add(new double[] {Integer.parseInt(cols.get(1)), Double.parseDouble(cols.get(2)),
                Double.parseDouble(cols.get(3))}));
        Map<Integer, Map<String, Integer>> userTags = new HashMap<>();
        read(dir.resolve("tags.csv"), cols -> userTags.computeIfAbsent(Integer.parseInt(cols.get(0)),
            k -> new LinkedHashMap<>()).merge(cols.get(2).trim().toLowerCase(Locale.ROOT), 1, Integer::sum));
        List<TextProfile> out = new ArrayList<>();
        for (Map.Entry<Integer, List<double[]>> e : ratings.entrySet()) {
            out.add(profile(e.getKey(), e.getValue(), movies, userTags.getOrDefault(e.getKey(), Map.of())));
        }
        return out;
    }

    private static TextProfile profile(int user, List<double[]> rs, Map<Integer, Movie> movies,
                                       Map<String, Integer> tags) {
        double mean = rs.stream().mapToDouble(r -> r[1]).average().orElse(0);
        double[] sum = new double[GENRES.size()];
        int[] count = new int[GENRES.size()];
        Map<Integer, Integer> decades = new TreeMap<>();
        for (double[] r : rs) {
            Movie m = movies.get((int) r[0]);
            if (m == null) {
                continue;
            }
            for (int g : m.genres()) {
                sum[g] += r[1];
                count[g]++;
            }
            if (r[1] >= 4 && m.decade() > 0) {
                decades.merge(m.decade(), 1, Integer::sum);
            }
        }
        List<Integer> liked = new ArrayList<>();
        List<Integer> disliked = new ArrayList<>();
        double[] diff = new double[GENRES.size()];
        for (int g = 0; g < GENRES.size(); g++) {
            if (count[g] >= 3) {
                diff[g] = sum[g] / count[g] - mean;
                if (diff[g] >= 0.25) {
                    liked.add(g);
                } else if (diff[g] <= -0.25) {
                    disliked.add(g);
                }
            }
        }
        liked.sort(Comparator.comparingDouble(g -> -diff[g]));
        disliked.sort(Comparator.comparingDouble(g -> diff[g]));
        Map<String, String> t = new LinkedHashMap<>();
        t.put("rating habits", mean < 3.25 ? "strict" : mean > 3.75 ? "lenient" : "average");
        if (!liked.isEmpty()) {
            t.put("favourite genres", names(liked));
        }
        decades.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue()
            .thenComparing(Map.Entry.comparingByKey())).ifPresent(d -> t.put("favourite decade", d.getKey() + "s"));
        if (!disliked.isEmpty()) {
            t.put("disliked genres", names(disliked));
        }
        List<double[]> fives = rs.stream().filter(r -> r[1] >= 5 && movies.containsKey((int) r[0]))
            .sorted(Comparator.comparingDouble((double[] r) -> -r[2])).limit(3).toList();
        if (!fives.isEmpty()) {
            List<String> titles = new ArrayList<>();
            for (double[] r : fives) {
                titles.add(movies.get((int) r[0]).title());
            }
            t.put("favourite films", String.join(", ", titles));
        }
        for (String g : MovieLensLoader.GENRES) {
            int i = GENRES.indexOf(g);
            if (count[i] >= 3) {
                t.put(g.toLowerCase(Locale.ROOT), diff[i] <= -0.25 ? "dislikes" : diff[i] >= 0.25 ? "likes"
                    : "neutral");
            }
        }
        if (!tags.isEmpty()) {
            List<String> top = tags.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue()
                .reversed().thenComparing(Map.Entry.comparingByKey())).limit(3).map(Map.Entry::getKey).toList();
            t.put("tags", String.join(", ", top));
        }
        return new TextProfile(Integer.toString(user), t);
    }

    private static String names(List<Integer> genres) {
        List<String> n = new ArrayList<>();
        for (int g : genres.subList(0, Math.min(3, genres.size()))) {
            n.add(GENRES.get(g).toLowerCase(Locale.ROOT));
        }
        return String.join(", ", n);
    }

    private interface Row {
        void accept(List<String> cols);
    }

    private static void read(Path file, Row row) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    row.accept(MovieLensLoader.splitCsv(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
