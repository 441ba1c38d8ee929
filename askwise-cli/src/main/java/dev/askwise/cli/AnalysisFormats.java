package dev.askwise.cli;

import dev.askwise.analysis.AdaptivePolicy;
import dev.askwise.analysis.Analysis;
import dev.askwise.analysis.FixedK;
import java.util.Locale;
import java.util.StringJoiner;

/** Renders an {@link Analysis} as a table, stable JSON (documented in docs/cli.md) or CSV. */
final class AnalysisFormats {

    private AnalysisFormats() {
    }

    static String json(Analysis a) {
        Json j = new Json().beginObject()
            .field("n", a.model().n())
            .field("p", a.model().p())
            .field("eps", a.model().eps());
        j.name("gamma");
        if (a.welfare().isMaximin()) {
            j.value("inf");
        } else {
            j.value(a.welfare().gamma());
        }
        j.field("cost", a.cost()).field("shift", a.welfare().shift()).field("kStar", a.kStar());
        j.name("byK").beginArray();
        for (FixedK f : a.byK()) {
            j.beginObject()
                .field("k", f.k())
                .field("ede", f.ede())
                .field("meanUtility", f.meanUtility())
                .field("atkinson", f.atkinson())
                .intArrayOrNull("response", f.response())
                .array("rProbabilities", f.rProbabilities())
                .field("entropyBits", f.entropyBits())
                .array("clusterMeanUtility", f.clusterMeanUtility())
                .endObject();
        }
        j.endArray();
        AdaptivePolicy ad = a.adaptive();
        j.name("adaptive");
        if (ad == null) {
            j.nullValue();
        } else {
            j.beginObject()
                .field("ede", ad.ede())
                .field("meanUtility", ad.meanUtility())
                .field("meanQuestions", ad.meanQuestions())
                .field("gainOverBestFixed", ad.gainOverBestFixed())
                .array("clusterMeanUtility", ad.clusterMeanUtility())
                .array("stopProbabilities", ad.stopProbabilities())
                .endObject();
        }
        return j.endObject().toString();
    }

    static String csv(Analysis a) {
        StringBuilder sb = new StringBuilder(
            "k,ede,meanUtility,atkinson,entropyBits,clusterMeanUtility0,clusterMeanUtility1,response\n");
        for (FixedK f : a.byK()) {
            StringJoiner g = new StringJoiner(" ");
            for (int v : f.response()) {
                g.add(v < 0 ? "NA" : Integer.toString(v));
            }
            sb.append(f.k()).append(',').append(num(f.ede())).append(',').append(num(f.meanUtility())).append(',')
                .append(num(f.atkinson())).append(',').append(num(f.entropyBits())).append(',')
                .append(num(f.clusterMeanUtility()[0])).append(',').append(num(f.clusterMeanUtility()[1]))
                .append(',').append(g).append('\n');
        }
        return sb.toString();
    }

    static String table(Analysis a) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Askwise exact analysis: n=%d p=%s eps=%s gamma=%s cost=%s shift=%s%n",
            a.model().n(), Json.number(a.model().p()), Json.number(a.model().eps()), a.welfare().gammaLabel(),
            Json.number(a.cost()), Json.number(a.welfare().shift())));
        sb.append(String.format(Locale.ROOT, "%5s  %11s  %11s  %8s  %7s  %11s  %11s  %s%n", "k", "EDE", "E[U]",
            "Atkinson", "H(bits)", "E[U|c0]", "E[U|c1]", "g*(r), r = 0..k"));
        for (FixedK f : a.byK()) {
            sb.append(String.format(Locale.ROOT, "%5d  %11s  %11s  %8s  %7s  %11s  %11s  %s%s%n", f.k(),
                fixed(f.ede()), fixed(f.meanUtility()), Numbers.fixed(f.atkinson(), 5),
                Numbers.fixed(f.entropyBits(), 4), fixed(f.clusterMeanUtility()[0]),
                fixed(f.clusterMeanUtility()[1]), responses(f.response()), f.k() == a.kStar() ? "   <- k*" : ""));
        }
        FixedK best = a.best();
        sb.append(String.format(Locale.ROOT, "k* = %d: EDE %s, E[U] %s%n", a.kStar(), fixed(best.ede()),
            fixed(best.meanUtility())));
        AdaptivePolicy ad = a.adaptive();
        if (ad != null) {
            sb.append(String.format(Locale.ROOT,
                "adaptive (decide after each answer): EDE %s (%s over k*), E[U] %s, mean questions %s%n",
                fixed(ad.ede()), Numbers.signed(ad.gainOverBestFixed(), 6), fixed(ad.meanUtility()),
                Numbers.fixed(ad.meanQuestions(), 4)));
        }
        return sb.toString();
    }

    private static String fixed(double v) {
        return Numbers.fixed(v, 6);
    }

    private static String responses(int[] g) {
        StringJoiner j = new StringJoiner(" ", "[", "]");
        int shown = Math.min(g.length, 12);
        for (int i = 0; i < shown; i++) {
            j.add(g[i] < 0 ? "-" : Integer.toString(g[i]));
        }
        if (shown < g.length) {
            j.add("… (" + (g.length - shown) + " more; use --format json)");
        }
        return j.toString();
    }

    static String num(double v) {
        return Double.isFinite(v) ? Json.number(v) : "NA";
    }
}
