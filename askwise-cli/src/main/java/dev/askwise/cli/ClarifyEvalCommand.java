package dev.askwise.cli;

import dev.askwise.dialogue.clarify.Clarifier;
import dev.askwise.dialogue.research.AmbigQa;
import dev.askwise.dialogue.research.ClarifyOrAnswer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code askwise clarify-eval}: seed 002's clarify-or-answer comparison on AmbigQA. */
@Command(name = "clarify-eval", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Clarify or answer (seed 002) on AmbigQA: answering at once, always asking one clarifying",
        "question, and the engine's decision (simulated future turns against a per-question cost); the simulated",
        "user holds one interpretation. Reports answer-set accuracy against assistant turns."},
    footer = {"", "Examples:", "  askwise clarify-eval --out clarify/",
        "  askwise clarify-eval --cost 0.5 --data dev_light.json --out clarify/"})
final class ClarifyEvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--cost", paramLabel = "C", defaultValue = "0.3",
        description = "per-question cost in accuracy units, in [0, 1] (default ${DEFAULT-VALUE}); the report also "
            + "sweeps 0 to 1")
    double cost;

    @Option(names = "--user", paramLabel = "U", defaultValue = "option",
        description = "simulated user: option (replies with its option), paraphrase (its whole disambiguated "
            + "question), llm (needs --llm-url) (default ${DEFAULT-VALUE})")
    String user;

    @Mixin
    LlmOptions llm;

    @Option(names = "--data", paramLabel = "FILE", description = "AmbigQA file in the dev_light.json format "
        + "(default: the shipped copy)")
    Path data;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "25",
        description = "ambiguous questions shown with their clarifying questions, in [0, 1000] (default 25)")
    int examples;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "report directory (created)")
    Path out;

    @Override
    public Integer call() {
        if (!(cost >= 0 && cost <= 1)) {
            throw new IllegalArgumentException("--cost must be in [0, 1]: " + cost);
        }
        if (examples < 0 || examples > 1000) {
            throw new IllegalArgumentException("--examples must be in [0, 1000]: " + examples);
        }
        if (!ClarifyOrAnswer.USERS.contains(user)) {
            throw new IllegalArgumentException("unknown user '" + user + "'; known: "
                + String.join(", ", ClarifyOrAnswer.USERS));
        }
        ClarifyOrAnswer.User simulated = ClarifyOrAnswer.user(user,
            llm.client(user.equals("llm") ? "the llm user" : null));
        List<AmbigQa.Item> items = AmbigQa.load(data != null ? data : DataSpec.shippedAmbigQa());
        HtmlReport report = new HtmlReport(out);
        java.util.TreeSet<Double> grid = new java.util.TreeSet<>();
        for (int i = 0; i <= 20; i++) {
            grid.add(i / 20.0); // exact decimals: 6 / 20.0 == 0.3, 6 * 0.05 != 0.3
        }
        grid.add(cost); // the chosen cost is in the sweep, so each simulated reply is computed once
        double[] costs = grid.stream().mapToDouble(Double::doubleValue).toArray();
        int at = java.util.Arrays.binarySearch(costs, cost);
        Map<String, List<ClarifyOrAnswer.Result>> sweep = ClarifyOrAnswer.sweep(items, costs, simulated);
        XYChart chart = Figures.lineChart("Answer-set accuracy against assistant turns (AmbigQA dev)",
            "mean assistant turns per question", "answer-set accuracy");
        CsvFile csv = new CsvFile("policy", "cost", "accuracy", "ambiguousAccuracy", "meanTurns", "askRate",
            "ambiguousAskRate", "netUtility");
        List<Map.Entry<String, List<ClarifyOrAnswer.Result>>> drawn = new java.util.ArrayList<>(sweep.entrySet());
        java.util.Collections.reverse(drawn); // the engine's line first, so the single points stay visible on it
        for (Map.Entry<String, List<ClarifyOrAnswer.Result>> e : drawn) {
            List<ClarifyOrAnswer.Result> rs = e.getValue();
            double[] x = rs.stream().mapToDouble(ClarifyOrAnswer.Result::meanTurns).toArray();
            double[] y = rs.stream().mapToDouble(ClarifyOrAnswer.Result::accuracy).toArray();
            String label = e.getKey().equals("engine") ? "engine (cost 0 to 1)" : e.getKey();
            chart.addSeries(label, e.getKey().equals("engine") ? x : new double[] {x[0]},
                e.getKey().equals("engine") ? y : new double[] {y[0]});
            for (ClarifyOrAnswer.Result r : rs) {
                csv.row(r.policy(), r.cost(), r.accuracy(), r.ambiguousAccuracy(), r.meanTurns(), r.askRate(),
                    r.ambiguousAskRate(), r.netUtility());
            }
        }
        report.chart(chart, "accuracy-vs-turns");
        report.csv(csv, "sweep");
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "<section id=\"summary\"><h2>Policies at "
            + "cost %s</h2><table><tr><th>policy</th><th>accuracy</th><th>accuracy (ambiguous)</th><th>turns</th>"
            + "<th>asks</th><th>asks (ambiguous)</th><th>accuracy − cost × questions</th></tr>%n",
            Json.number(cost)));
        Json json = new Json().beginObject().field("questions", items.size())
            .field("ambiguous", (int) items.stream().filter(AmbigQa.Item::ambiguous).count()).field("cost", cost)
            .field("user", user).name("results").beginArray();
        for (String p : ClarifyOrAnswer.POLICIES) {
            ClarifyOrAnswer.Result r = sweep.get(p).get(at);
            table.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%.3f</td><td>%.3f</td><td>%.3f</td>"
                + "<td>%.3f</td><td>%.3f</td><td>%.3f</td></tr>%n", p, r.accuracy(), r.ambiguousAccuracy(),
                r.meanTurns(), r.askRate(), r.ambiguousAskRate(), r.netUtility()));
            json.beginObject().field("policy", p).field("accuracy", r.accuracy())
                .field("ambiguousAccuracy", r.ambiguousAccuracy()).field("meanTurns", r.meanTurns())
                .field("askRate", r.askRate()).field("ambiguousAskRate", r.ambiguousAskRate())
                .field("netUtility", r.netUtility()).endObject();
            spec.commandLine().getOut().printf(Locale.ROOT, "%-7s accuracy %.3f (ambiguous %.3f)  turns %.3f  asks "
                + "%.3f  net %.3f%n", p, r.accuracy(), r.ambiguousAccuracy(), r.meanTurns(), r.askRate(),
                r.netUtility());
        }
        json.endArray().endObject();
        report.raw(table.append("</table><p>Sweep over costs 0, 0.05, …, 1: [<a href=\"sweep.csv\">CSV</a>].</p>"
            + "</section>\n").toString());
        report.section("frontier", "Accuracy against turns", "Each assistant reply is a turn: an answer is 1, a "
            + "clarifying question and then the answer 2. answer and ask are single points; the engine's points run "
            + "from cost 0 (right) to cost 1 (left).", "accuracy-vs-turns");
        StringBuilder ex = new StringBuilder("<section id=\"examples\"><h2>Clarifying questions</h2><table><tr>"
            + "<th>question</th><th style=\"text-align:left\">clarifying question</th><th>answer now</th>"
            + "<th>after asking</th><th>engine at cost " + Json.number(cost) + "</th></tr>\n");
        int shown = 0;
        for (AmbigQa.Item item : items) {
            if (!item.ambiguous() || shown >= examples) {
                continue;
            }
            Clarifier.Clarification c = ClarifyOrAnswer.clarification(item);
            ex.append(String.format(Locale.ROOT, "<tr><td>%s</td><td style=\"text-align:left\">%s</td><td>%.2f</td>"
                + "<td>%.2f</td><td>%s</td></tr>%n", escape(item.question()), escape(c.text()),
                ClarifyOrAnswer.directAccuracy(item), ClarifyOrAnswer.clarifiedAccuracy(item, c, simulated),
                ClarifyOrAnswer.asks("engine", item, cost) ? "asks" : "answers"));
            shown++;
        }
        report.raw(ex.append("</table></section>\n").toString());
        report.write("Askwise: clarify or answer (seed 002, AmbigQA)", String.format(Locale.ROOT, "<p>%d AmbigQA "
            + "questions, %d ambiguous to their first annotator (data/ambigqa, CC BY-SA 3.0). The simulated user (%s) "
            + "holds one interpretation, each equally likely (all are simulated: exact expectations). answer: the "
            + "default reading's answers at once; ask: one clarifying question built from the differences between "
            + "the interpretations' disambiguated questions, the user replies with their option, the assistant "
            + "answers the reading it resolves; engine: asks only when simulating the replies shows the expected "
            + "accuracy gain exceeds the per-question cost. Accuracy: the answer set shares an answer with the "
            + "user's reading after SQuAD normalisation. The engine decides with its own model of the user (option "
            + "replies) whoever is simulated.</p>", items.size(),
            items.stream().filter(AmbigQa.Item::ambiguous).count(), user));
        try {
            Files.writeString(out.resolve("results.json"), json + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results.json: " + e.getMessage(), e);
        }
        spec.commandLine().getOut().printf("wrote %s%n", out.resolve("index.html"));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
