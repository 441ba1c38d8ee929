package dev.askwise.cli;

import dev.askwise.dialogue.research.Funnel;
import dev.askwise.dialogue.research.MovieLensProfiles;
import dev.askwise.dialogue.research.QuestionerEvaluation;
import dev.askwise.dialogue.research.Reconstruction;
import dev.askwise.dialogue.research.TextProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;

/** Renders {@code eval-questioner}'s {@link QuestionerEvaluation.Result}: HTML, CSV, JSONL and results.json. */
final class EvalQuestionerReport {

    private EvalQuestionerReport() {
    }

    /** Writes every file of the report into {@code out} and one summary line per run to {@code console}. */
    static void write(Path out, int users, QuestionerEvaluation.Result result, int maxQuestions, double cost,
        String gamma, String funnelOrder, PrintWriter console) {
        HtmlReport report = new HtmlReport(out);
        try {
            Files.write(out.resolve("train.jsonl"), result.trainingLines(), StandardCharsets.UTF_8);
            Files.write(out.resolve("simulator.jsonl"), result.simulatorLines(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.resolve("train.jsonl") + ": " + e.getMessage(), e);
        }
        List<TextProfile> train = result.split().train();
        List<TextProfile> test = result.split().test();
        Funnel funnel = result.funnel();
        List<String> lines = result.trainingLines();
        List<String> simLines = result.simulatorLines();
        XYChart rouge = Figures.lineChart("ROUGE-L against questions asked (held-out MovieLens users)",
            "questions asked", "ROUGE-L F1");
        XYChart bleu = Figures.lineChart("BLEU-4 against questions asked (held-out MovieLens users)",
            "questions asked", "BLEU-4");
        double[] turns = new double[maxQuestions + 1];
        for (int i = 0; i <= maxQuestions; i++) {
            turns[i] = i;
        }
        CsvFile summary = new CsvFile("questioner", "bleu", "rouge", "precision", "recall", "unanswered",
            "meanQuestions");
        CsvFile curves = new CsvFile("questioner", "turn", "bleu", "rouge");
        CsvFile ranks = new CsvFile("questioner", "concept", "weightedRank");
        CsvFile qualityCsv = new CsvFile("questioner", "clarity", "focus", "answerability", "relevance",
            "nonRedundancy", "overall");
        org.knowm.xchart.CategoryChart wrChart = Figures.barChart("Weighted rank of each concept (eq. 11; lower = "
            + "asked earlier)", "concept", "WR = sum of i * p(i)");
        StringBuilder qualityTable = new StringBuilder("<section id=\"quality\"><h2>Question quality (seed 004)</h2>"
            + "<p>Mean score of the questions asked, per attribute, in [0, 1] (definitions: docs/research.md). "
            + "Relevance: unresolved, times the chance that a population model fitted to the training profiles "
            + "would guess the concept wrong (1 outside the model).</p>"
            + "<table><tr><th>questioner</th><th>clarity</th><th>focus</th><th>answerability</th><th>relevance</th>"
            + "<th>non-redundancy</th><th>overall</th></tr>\n");
        StringBuilder table = new StringBuilder("<section id=\"summary\"><h2>Results</h2><table><tr><th>questioner</th>"
            + "<th>BLEU-4</th><th>ROUGE-L [95% CI]</th><th>ROUGE-L − first row [95% CI]</th><th>precision</th>"
            + "<th>recall</th><th>unanswered</th><th>questions</th></tr>\n");
        Json json = new Json().beginObject().field("users", users).field("test", test.size())
            .field("maxQuestions", maxQuestions).name("results").beginArray();
        List<QuestionerEvaluation.Run> runs = result.runs();
        for (int k = 0; k < runs.size(); k++) {
            QuestionerEvaluation.Run run = runs.get(k);
            String name = run.label();
            Reconstruction.Result r = run.result();
            String qname = run.questioner();
            String sname = run.simulator();
            rouge.addSeries(name, turns, r.rougeByTurn());
            bleu.addSeries(name, turns, r.bleuByTurn());
            summary.row(name, r.bleu(), r.rouge(), r.precision(), r.recall(), r.unanswered(), r.meanQuestions());
            for (int i = 0; i <= maxQuestions; i++) {
                curves.row(name, i, r.bleuByTurn()[i], r.rougeByTurn()[i]);
            }
            for (Map.Entry<String, Double> e : r.weightedRank().entrySet()) {
                ranks.row(name, "\"" + e.getKey() + "\"", e.getValue());
            }
            List<Double> wr = new ArrayList<>();
            for (String concept : funnel.order()) {
                wr.add(r.weightedRank().get(concept));
            }
            wrChart.addSeries(name, funnel.order(), wr);
            var qs = r.quality();
            qualityCsv.row(name, qs.clarity(), qs.focus(), qs.answerability(), qs.relevance(), qs.nonRedundancy(),
                qs.overall());
            qualityTable.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.3f</td><td>%.3f</td><td>%.3f</td>"
                + "<td>%.3f</td><td>%.3f</td><td>%.3f</td></tr>%n", name, qs.clarity(), qs.focus(),
                qs.answerability(), qs.relevance(), qs.nonRedundancy(), qs.overall()));
            Reconstruction.Interval ci = run.rougeInterval();
            Reconstruction.Interval diff = run.rougeDifference();
            double delta = r.rouge() - runs.get(0).result().rouge();
            table.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.3f</td><td>%.3f [%.3f, %.3f]</td>"
                + "<td>%s</td><td>%.3f</td><td>%.3f</td><td>%.3f</td><td>%.2f</td></tr>%n", name, r.bleu(), r.rouge(),
                ci.low(), ci.high(), k == 0 ? "" : Numbers.signed(delta, 3) + " [" + Numbers.signed(diff.low(), 3)
                    + ", " + Numbers.signed(diff.high(), 3) + "]", r.precision(), r.recall(), r.unanswered(), r.meanQuestions()));
            json.beginObject().field("questioner", qname).field("simulator", sname).field("bleu", r.bleu())
                .field("rouge", r.rouge()).array("rougeInterval", new double[] {ci.low(), ci.high()})
                .array("rougeDifferenceInterval", new double[] {diff.low(), diff.high()})
                .field("precision", r.precision()).field("recall", r.recall()).field("unanswered", r.unanswered())
                .field("meanQuestions", r.meanQuestions()).field("meanQuality", r.meanQuality())
                .name("quality").beginObject().field("clarity", r.quality().clarity())
                .field("focus", r.quality().focus()).field("answerability", r.quality().answerability())
                .field("relevance", r.quality().relevance()).field("nonRedundancy", r.quality().nonRedundancy())
                .endObject()
                .array("rougeByTurn", r.rougeByTurn())
                .array("bleuByTurn", r.bleuByTurn()).name("weightedRank").beginObject();
            r.weightedRank().forEach(json::field);
            json.endObject().endObject();
            console.printf(Locale.ROOT, "%-32s BLEU %.3f  ROUGE-L %.3f  recall %.3f  unanswered "
                + "%.3f  questions %.2f  quality %.3f%n", name, r.bleu(), r.rouge(), r.recall(), r.unanswered(),
                r.meanQuestions(), r.meanQuality());
        }
        json.endArray().endObject();
        String[] runNames = runs.stream().map(QuestionerEvaluation.Run::label).toArray(String[]::new);
        String rougeSame = Captions.coinciding(runNames, runs.stream().map(x -> x.result().rougeByTurn())
            .toArray(double[][]::new));
        String bleuSame = Captions.coinciding(runNames, runs.stream().map(x -> x.result().bleuByTurn())
            .toArray(double[][]::new));
        Figures.distinguish(rouge);
        Figures.distinguish(bleu);
        report.chart(rouge, "rouge-by-turn");
        report.csv(curves, "rouge-by-turn");
        report.chart(bleu, "bleu-by-turn");
        report.csv(curves, "bleu-by-turn");
        report.csv(summary, "summary");
        report.csv(ranks, "weighted-rank");
        report.chart(wrChart, "weighted-rank");
        report.csv(qualityCsv, "quality");
        report.raw(table.append("</table><p>Weighted ranks of concepts: [<a href=\"weighted-rank.csv\">CSV</a>]. "
            + "Training pairs of the forward process: <a href=\"train.jsonl\">train.jsonl</a> (" + lines.size()
            + " chat-format lines); simulator data: <a href=\"simulator.jsonl\">simulator.jsonl</a> ("
            + simLines.size() + " lines).</p></section>\n").toString());
        report.section("curves", "Reconstruction against questions", "Mean over held-out users after each question "
            + "(T = " + maxQuestions + "), each run with its own marker and dash pattern."
            + (rougeSame.isEmpty() ? "" : " ROUGE-L: " + rougeSame) + (bleuSame.isEmpty() ? "" : " BLEU-4: " + bleuSame),
            new String[] {"(a) ROUGE-L.", "(b) BLEU-4."}, new String[] {"rouge-by-turn", "bleu-by-turn"});
        report.section("weighted-rank", "Weighted rank of concepts", "WR = sum over positions i of i * p(i), p(i) the "
            + "share of a concept's questions asked at position i (seed 001, eq. 11); concepts in the funnel's "
            + "general-to-specific order; a missing bar: never asked.", "weighted-rank");
        report.raw(qualityTable.append("</table><p>[<a href=\"quality.csv\">CSV</a>]</p></section>\n").toString());
        report.write("Askwise: clarifying-question research (seed 001, Algorithm 2)", String.format(Locale.ROOT,
            "<p>MovieLens profiles (tags → content, docs/data.md), %d training and %d held-out users. Funnel order "
                + "of the forward process (and so of the learned questioner), learned by --funnel-order %s: %s. "
                + "The template-funnel asks in the order declared from domain metadata: %s. Simulators as named "
                + "(profile-lookup: the target's content, else \"No Preference\"). BLEU-4 with effective orders and "
                + "smoothing 1, ROUGE-L F1, on word tokens of \"tag: content\" serialisations in one fixed tag order "
                + "for all questioners.</p>", train.size(), test.size(), funnelOrder,
                String.join(" → ", funnel.order()), String.join(" → ", MovieLensProfiles.DOMAIN_ORDER))
            + String.format(Locale.ROOT, "<p>The voi questioners: the engine's "
                + "choice over a latent-class model fitted to the training profiles' genre, decade and rating-habit "
                + "concepts, cost %s per question, gamma %s; when no question is worth its cost, the concepts "
                + "outside the model in funnel order. voi-infer is scored on the answers plus what the engine "
                + "infers for the model concepts it did not ask.</p>", Json.number(cost), gamma));
        try {
            Files.writeString(out.resolve("results.json"), json + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results.json: " + e.getMessage(), e);
        }
    }
}
