package dev.askwise.data;

import dev.askwise.Attribute;
import dev.askwise.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Kamishima's SUSHI preference data (sushi3-2016) from a directory the user downloaded — the data may not be
 * redistributed: get {@code sushi3-2016.zip} from https://www.kamishima.net/sushi/ and unpack it.
 *
 * <p>The directory is the one holding the files, or the one the archive was unpacked into (its {@code sushi3-2016}
 * folder is then read).
 *
 * <p>{@code sushi3a.5000.10.order}: a header line {@code 10 1}, then one line per user {@code 0 10 i1 … i10}, item ids
 * 0–9 from most to least preferred. The paper's binary preferences (§7) set the top t items (t = 2 by default) to 1.
 * {@code sushi3b.5000.10.score}: one line per user with 100 scores, −1 where unrated, else 0–4.
 * {@code sushi3.udata} (optional): tab-separated user attributes; gender (column 2), age group (3) and east/west of
 * the current residence (10) become covariates. {@code sushi3.idata} (optional): item names (column 2).
 */
public final class SushiLoader {

    /** The order file of the 10-item set A. */
    public static final String ORDER_A = "sushi3a.5000.10.order";
    /** The score file of the 100-item set B. */
    public static final String SCORE_B = "sushi3b.5000.10.score";
    /** User attributes. */
    public static final String USERS = "sushi3.udata";
    /** Item attributes. */
    public static final String ITEMS = "sushi3.idata";

    private static final String[] AGES = {"15-19", "20-29", "30-39", "40-49", "50-59", "60+"};
    private static final String[] GENDERS = {"male", "female"};
    private static final String[] EAST_WEST = {"east", "west"};

    private SushiLoader() {
    }

    /**
     * The 10-item rankings as binary preferences: 1 for the user's top {@code top} items.
     *
     * @throws IllegalArgumentException if top is outside [1, 9], a file is missing (with where to get it) or malformed
     *                                  (naming the file and line)
     */
    public static Dataset loadTopT(Path dir, int top) {
        if (top < 1 || top > 9) {
            throw new IllegalArgumentException("top must be in [1, 9]: " + top);
        }
        dir = unpacked(dir, ORDER_A);
        Path file = require(dir, ORDER_A);
        List<String> lines = read(file);
        if (lines.isEmpty() || !Arrays.equals(lines.get(0).trim().split("\\s+"), new String[] {"10", "1"})) {
            throw new DataFormatException(file, 1, "expected the header '10 1'");
        }
        List<int[]> rows = new ArrayList<>();
        for (int ln = 1; ln < lines.size(); ln++) {
            String line = lines.get(ln).trim();
            if (line.isEmpty()) {
                continue;
            }
            int[] nums = ints(file, ln + 1, line, 12);
            if (nums[1] != 10) {
                throw new DataFormatException(file, ln + 1, "expected 10 ranked items, found " + nums[1]);
            }
            int[] row = new int[10];
            boolean[] seen = new boolean[10];
            for (int pos = 0; pos < 10; pos++) {
                int item = nums[2 + pos];
                if (item < 0 || item > 9 || seen[item]) {
                    throw new DataFormatException(file, ln + 1, "item ids must be a permutation of 0-9: " + line);
                }
                seen[item] = true;
                row[item] = pos < top ? 1 : 0;
            }
            rows.add(row);
        }
        List<String> names = itemNames(dir, 10);
        List<Attribute> attrs = new ArrayList<>();
        for (String n : names) {
            attrs.add(Attribute.binary(n));
        }
        return Dataset.of("sushi-a-top" + top, Schema.of(attrs), rows, covariates(dir, rows.size()));
    }

    /** The 100-item scores (0–4, −1 unrated) as a categorical dataset with missing values. */
    public static Dataset loadScores(Path dir) {
        dir = unpacked(dir, SCORE_B);
        Path file = require(dir, SCORE_B);
        List<String> lines = read(file);
        List<int[]> rows = new ArrayList<>();
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).trim();
            if (line.isEmpty()) {
                continue;
            }
            int[] nums = ints(file, ln + 1, line, 100);
            for (int v : nums) {
                if (v < -1 || v > 4) {
                    throw new DataFormatException(file, ln + 1, "scores must be in [-1, 4]: " + v);
                }
            }
            rows.add(nums);
        }
        List<String> names = itemNames(dir, 100);
        List<Attribute> attrs = new ArrayList<>();
        for (String n : names) {
            attrs.add(new Attribute(n, List.of("0", "1", "2", "3", "4")));
        }
        return Dataset.of("sushi-b-scores", Schema.of(attrs), rows, covariates(dir, rows.size()));
    }

    /** dir, or its {@code sushi3-2016} folder when the archive was unpacked into dir and only the folder has the file. */
    private static Path unpacked(Path dir, String name) {
        Path inner = dir.resolve("sushi3-2016");
        return !Files.isRegularFile(dir.resolve(name)) && Files.isRegularFile(inner.resolve(name)) ? inner : dir;
    }

    private static Path require(Path dir, String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("SUSHI file not found: " + file + " (download sushi3-2016.zip from "
                + "https://www.kamishima.net/sushi/ and unpack it into that directory)");
        }
        return file;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static int[] ints(Path file, int line, String text, int expected) {
        String[] parts = text.split("\\s+");
        if (parts.length != expected) {
            throw new DataFormatException(file, line, "expected " + expected + " integers, found " + parts.length);
        }
        int[] out = new int[expected];
        for (int i = 0; i < expected; i++) {
            try {
                out[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new DataFormatException(file, line, "not an integer: '" + parts[i] + "'");
            }
        }
        return out;
    }

    /** Item names from sushi3.idata (column 2) when present, else item0, item1, ... */
    private static List<String> itemNames(Path dir, int count) {
        Path file = dir.resolve(ITEMS);
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = "item" + i;
        }
        if (Files.isRegularFile(file)) {
            List<String> lines = read(file);
            for (int ln = 0; ln < lines.size(); ln++) {
                if (lines.get(ln).isBlank()) {
                    continue;
                }
                String[] cols = lines.get(ln).split("\t");
                if (cols.length < 2) {
                    throw new DataFormatException(file, ln + 1, "expected tab-separated columns: id, name, ...");
                }
                try {
                    int id = Integer.parseInt(cols[0].trim());
                    if (id >= 0 && id < count) {
                        names[id] = cols[1].trim();
                    }
                } catch (NumberFormatException e) {
                    throw new DataFormatException(file, ln + 1, "item id is not an integer: '" + cols[0] + "'");
                }
            }
        }
        // keep names unique for the schema
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            int c = seen.merge(names[i], 1, Integer::sum);
            if (c > 1) {
                names[i] = names[i] + "#" + i;
            }
        }
        return Arrays.asList(names);
    }

    /** Gender, age group and east/west from sushi3.udata, when present and of matching length. */
    private static Map<String, List<String>> covariates(Path dir, int users) {
        Path file = dir.resolve(USERS);
        Map<String, List<String>> cov = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return cov;
        }
        List<String> gender = new ArrayList<>();
        List<String> age = new ArrayList<>();
        List<String> region = new ArrayList<>();
        List<String> lines = read(file);
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] cols = line.split("\\s+");
            if (cols.length < 11) {
                throw new DataFormatException(file, ln + 1, "expected 11 columns, found " + cols.length);
            }
            gender.add(label(file, ln + 1, cols[1], GENDERS, "gender"));
            age.add(label(file, ln + 1, cols[2], AGES, "age"));
            region.add(label(file, ln + 1, cols[9], EAST_WEST, "east/west"));
        }
        if (gender.size() != users) {
            throw new DataFormatException(file, 0, "has " + gender.size() + " users, the preference file " + users);
        }
        cov.put("gender", gender);
        cov.put("age", age);
        cov.put("region", region);
        return cov;
    }

    private static String label(Path file, int line, String text, String[] labels, String what) {
        try {
            int i = Integer.parseInt(text);
            if (i < 0 || i >= labels.length) {
                throw new DataFormatException(file, line, what + " must be in [0, " + (labels.length - 1) + "]: " + i);
            }
            return labels[i];
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, line, what + " is not an integer: '" + text + "'");
        }
    }
}
