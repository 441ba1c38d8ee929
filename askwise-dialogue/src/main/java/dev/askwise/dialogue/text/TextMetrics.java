package dev.askwise.dialogue.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Text similarity of a reconstructed profile to its target, over lower-cased word tokens (letters and digits):
 * sentence BLEU-4 (uniform weights over the effective orders — those the candidate has n-grams of, as sacrebleu's
 * sentence-level setting, so that an identical short profile scores 1 — brevity penalty, and smoothing method 1 of
 * Chen and Cherry 2014: a zero match count is replaced by ε = 0.1) and ROUGE-L F1 (longest common subsequence,
 * β = 1). Seed 001 does not say which variants it used; these are stated in its reproduction.
 */
public final class TextMetrics {

    private TextMetrics() {
    }

    /** Lower-cased word tokens. */
    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        for (String t : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** Sentence BLEU-4 of a candidate against one reference; 0 for an empty candidate. */
    public static double bleu4(String candidate, String reference) {
        List<String> c = tokens(candidate);
        List<String> r = tokens(reference);
        if (c.isEmpty() || r.isEmpty()) {
            return 0.0;
        }
        double logSum = 0;
        int orders = Math.min(4, c.size());
        for (int n = 1; n <= orders; n++) {
            Map<String, Integer> ref = ngrams(r, n);
            Map<String, Integer> cand = ngrams(c, n);
            int total = c.size() - n + 1;
            int match = 0;
            for (Map.Entry<String, Integer> e : cand.entrySet()) {
                match += Math.min(e.getValue(), ref.getOrDefault(e.getKey(), 0));
            }
            double p = match == 0 ? 0.1 / total : (double) match / total;
            logSum += Math.log(p);
        }
        double bp = c.size() >= r.size() ? 1.0 : Math.exp(1.0 - (double) r.size() / c.size());
        return bp * Math.exp(logSum / orders);
    }

    private static Map<String, Integer> ngrams(List<String> words, int n) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i + n <= words.size(); i++) {
            out.merge(String.join(" ", words.subList(i, i + n)), 1, Integer::sum);
        }
        return out;
    }

    /** ROUGE-L F1 (β = 1) of a candidate against a reference; 0 when either is empty. */
    public static double rougeL(String candidate, String reference) {
        List<String> c = tokens(candidate);
        List<String> r = tokens(reference);
        if (c.isEmpty() || r.isEmpty()) {
            return 0.0;
        }
        int[][] lcs = new int[c.size() + 1][r.size() + 1];
        for (int i = 1; i <= c.size(); i++) {
            for (int j = 1; j <= r.size(); j++) {
                lcs[i][j] = c.get(i - 1).equals(r.get(j - 1)) ? lcs[i - 1][j - 1] + 1
                    : Math.max(lcs[i - 1][j], lcs[i][j - 1]);
            }
        }
        double l = lcs[c.size()][r.size()];
        if (l == 0) {
            return 0.0;
        }
        double precision = l / c.size();
        double recall = l / r.size();
        return 2 * precision * recall / (precision + recall);
    }
}
