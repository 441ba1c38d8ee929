package dev.askwise.dialogue;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answer interpretation that understands more than the domain's words: the lexical {@link AnswerInterpreter} first
 * (exact, synonym, negation, indifference); when it does not understand, the answer is embedded with the in-process
 * all-MiniLM-L6-v2 sentence model and compared (cosine) with each value's natural-language description — never with
 * terse labels, which match badly. The best value is taken when its similarity reaches {@link #MIN_SIMILARITY} and
 * beats the runner-up by {@link #MIN_MARGIN}; otherwise the answer stays not understood (rephrase or move on).
 * Value descriptions are embedded once per domain. Thread-safe after construction.
 */
public final class SemanticInterpreter {

    /**
     * Smallest cosine similarity accepted. Calibrated on the 218 labelled answers: the answers the lexical pass does
     * not understand reach 0.37 ("I can't spend much" → low, right), 0.40 ("somewhere lively" → quiet, wrong) and 0.53
     * ("medium length" → long, wrong); no threshold gains on balance, so 0.55 keeps the fallback from ever answering
     * wrongly on this set. Richer value descriptions are the way to make it pay.
     */
    public static final double MIN_SIMILARITY = 0.55;
    /** Smallest lead of the best value over the second. */
    public static final double MIN_MARGIN = 0.05;

    private static volatile EmbeddingModel shared;

    private final Domain domain;
    private final AnswerInterpreter lexical;
    private final EmbeddingModel model;
    private final Map<String, float[][]> descriptions = new HashMap<>();

    /** An interpreter for the domain using the shared in-process embedding model (loaded on first use). */
    public SemanticInterpreter(Domain domain) {
        this(domain, sharedModel());
    }

    SemanticInterpreter(Domain domain, EmbeddingModel model) {
        this.domain = domain;
        this.lexical = new AnswerInterpreter(domain);
        this.model = model;
        for (Domain.AttributeSpec a : domain.attributes()) {
            float[][] vectors = new float[a.values().size()][];
            for (int v = 0; v < vectors.length; v++) {
                vectors[v] = unit(model.embed(a.values().get(v).description()).content());
            }
            descriptions.put(a.name(), vectors);
        }
    }

    private static EmbeddingModel sharedModel() {
        EmbeddingModel m = shared;
        if (m == null) {
            synchronized (SemanticInterpreter.class) {
                m = shared;
                if (m == null) {
                    m = new AllMiniLmL6V2EmbeddingModel();
                    shared = m;
                }
            }
        }
        return m;
    }

    private static float[] unit(Embedding e) {
        float[] v = e.vector().clone();
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    /** Interprets an answer about one attribute. */
    public AnswerInterpreter.Interpretation interpret(String attribute, String text) {
        AnswerInterpreter.Interpretation first = lexical.interpret(attribute, text);
        if (first.kind() != AnswerInterpreter.Kind.NOT_UNDERSTOOD || first.cue() != null) {
            return first; // understood, or words of two values were named: keep the lexical verdict
        }
        float[] answer = unit(model.embed(text).content());
        float[][] values = descriptions.get(attribute);
        List<Domain.Value> names = domain.attribute(attribute).values();
        int best = -1;
        double bestSim = -2;
        double second = -2;
        for (int v = 0; v < values.length; v++) {
            double sim = 0;
            for (int i = 0; i < answer.length; i++) {
                sim += answer[i] * values[v][i];
            }
            if (sim > bestSim) {
                second = bestSim;
                bestSim = sim;
                best = v;
            } else if (sim > second) {
                second = sim;
            }
        }
        if (bestSim >= MIN_SIMILARITY && bestSim - second >= MIN_MARGIN) {
            return new AnswerInterpreter.Interpretation(AnswerInterpreter.Kind.VALUE, attribute,
                names.get(best).name(), String.format(java.util.Locale.ROOT, "similar to \"%s\" (%.2f)",
                    names.get(best).description(), bestSim));
        }
        return first;
    }
}
