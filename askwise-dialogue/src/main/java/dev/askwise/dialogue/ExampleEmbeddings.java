package dev.askwise.dialogue;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The interpretation pipeline's semantic step: each value of each attribute is represented by the embeddings of its
 * example utterances, its description and its synonyms (quantized all-MiniLM-L6-v2, in process, through LangChain4j);
 * an answer matches the value with the most similar representative (cosine). The match is kept only when the best
 * similarity reaches {@link #MIN_SIMILARITY} and leads the best other value by {@link #MIN_MARGIN}; otherwise the
 * pipeline abstains. The model is loaded once per process ({@link #model()}); a domain's examples are embedded once,
 * when this object is built. Thread-safe after construction.
 */
final class ExampleEmbeddings {

    /**
     * Smallest cosine similarity accepted. Calibrated on the tune half of the evaluation set
     * (src/test/resources/dev/askwise/dialogue/eval/answers-tune.jsonl), with the embedding step alone applied to
     * every tune answer ({@code InterpretationEvalTest.embeddingCalibration} prints the sweep): at similarity 0.5 and
     * margin 0.06 it commits on 281 of 550 answers and 87% of those commits are right (6 of its 64 "none" and
     * "indifferent" answers get a value); lower thresholds fall to 83% and below. The pipeline only asks it about
     * the answers the lexical steps leave unsettled.
     */
    static final double MIN_SIMILARITY = 0.5;
    /** Smallest lead of the best value over the second (see {@link #MIN_SIMILARITY}). */
    static final double MIN_MARGIN = 0.06;
    /**
     * Similarity at which an embedding match becomes confident ({@link Understanding#CONFIDENT}): 94% of the tune
     * commits at 0.75 and above are right; below it a match is returned with a confidence under
     * {@link Understanding#CONFIDENT} so that a caller confirms it.
     */
    static final double CONFIDENT_SIMILARITY = 0.75;

    private static volatile EmbeddingModel shared;
    /**
     * Embeddings of domain phrases (examples, descriptions, synonyms; never users' texts), shared by every pipeline of
     * the process so that a service that builds pipelines per domain embeds each phrase once; least recently used
     * first out beyond {@link #PHRASE_CACHE} phrases.
     */
    private static final Map<String, float[]> PHRASES = new java.util.LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > PHRASE_CACHE;
        }
    };
    /** Bound of the phrase cache. */
    static final int PHRASE_CACHE = 50_000;

    /** A match. */
    record Match(String value, double similarity, double margin, double confidence) {
    }

    private final Map<String, List<String>> valueOf = new HashMap<>();
    private final Map<String, List<float[]>> vectors = new HashMap<>();
    private final EmbeddingModel model;
    private final double minSimilarity;
    private final double minMargin;

    private ExampleEmbeddings(Domain domain, EmbeddingModel model, double minSimilarity, double minMargin) {
        this.model = model;
        this.minSimilarity = minSimilarity;
        this.minMargin = minMargin;
        for (Domain.AttributeSpec a : domain.attributes()) {
            List<String> owners = new ArrayList<>();
            List<float[]> vs = new ArrayList<>();
            for (Domain.Value v : a.values()) {
                List<String> texts = new ArrayList<>(v.examples());
                texts.add(v.description());
                texts.addAll(v.synonyms());
                for (String t : texts) {
                    owners.add(v.name());
                    vs.add(phrase(t));
                }
            }
            valueOf.put(a.name(), owners);
            vectors.put(a.name(), vs);
        }
    }

    /** The domain's value representatives over the shared model. */
    static ExampleEmbeddings of(Domain domain) {
        return new ExampleEmbeddings(domain, model(), MIN_SIMILARITY, MIN_MARGIN);
    }

    /** The same representatives with other thresholds (for calibration). */
    ExampleEmbeddings withThresholds(double similarity, double margin) {
        ExampleEmbeddings copy = new ExampleEmbeddings(this, similarity, margin);
        return copy;
    }

    private ExampleEmbeddings(ExampleEmbeddings from, double minSimilarity, double minMargin) {
        this.model = from.model;
        this.minSimilarity = minSimilarity;
        this.minMargin = minMargin;
        this.valueOf.putAll(from.valueOf);
        this.vectors.putAll(from.vectors);
    }

    /** The shared quantized model ({@link QuantizedMiniLm}), loaded on first use (about 0.5 s), once per process. */
    static EmbeddingModel model() {
        EmbeddingModel m = shared;
        if (m == null) {
            synchronized (ExampleEmbeddings.class) {
                m = shared;
                if (m == null) {
                    m = new QuantizedMiniLm();
                    shared = m;
                }
            }
        }
        return m;
    }

    private float[] phrase(String text) {
        synchronized (PHRASES) {
            float[] v = PHRASES.get(text);
            if (v != null) {
                return v;
            }
        }
        float[] v = embed(text);
        synchronized (PHRASES) {
            PHRASES.put(text, v);
        }
        return v;
    }

    float[] embed(String text) {
        float[] v = model.embed(text).content().vector().clone();
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float inv = (float) (1 / Math.sqrt(Math.max(norm, 1e-12)));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    /** Best and runner-up similarity per value for a text (for calibration); null values when none. */
    Match best(String attribute, String text) {
        return best(attribute, embed(text));
    }

    Match best(String attribute, float[] answer) {
        List<String> owners = valueOf.get(attribute);
        List<float[]> vs = vectors.get(attribute);
        Map<String, Double> perValue = new HashMap<>();
        for (int i = 0; i < vs.size(); i++) {
            float[] r = vs.get(i);
            double sim = 0;
            for (int k = 0; k < r.length; k++) {
                sim += answer[k] * r[k];
            }
            perValue.merge(owners.get(i), sim, Math::max);
        }
        String best = null;
        double b = -2;
        double second = -2;
        for (Map.Entry<String, Double> e : perValue.entrySet()) {
            if (e.getValue() > b) {
                second = b;
                b = e.getValue();
                best = e.getKey();
            } else if (e.getValue() > second) {
                second = e.getValue();
            }
        }
        double conf = Math.max(0.05, Math.min(0.9, 0.3 + (b - minSimilarity) / (CONFIDENT_SIMILARITY - minSimilarity)
            * (Understanding.CONFIDENT - 0.3)));
        return new Match(best, b, b - second, conf);
    }

    /** The value an answer to the attribute most resembles, or null when below the thresholds. */
    Match nearest(String attribute, String text) {
        Match m = best(attribute, text);
        return m.value() != null && m.similarity() >= minSimilarity && m.margin() >= minMargin ? m : null;
    }
}
