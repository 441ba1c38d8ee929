package dev.askwise.cli;

import dev.askwise.dialogue.clarify.Clarifier;
import dev.askwise.dialogue.research.AmbigQa;
import dev.askwise.dialogue.research.ClarifyOrAnswer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;

/** Renders {@code clarify-eval}'s sweep: the HTML report (chart, table, examples) and the JSON summary. */
final class ClarifyEvalReport {

    private ClarifyEvalReport() {
    }

    /** Writes the report into {@code out} and returns the JSON summary at the chosen cost. */
    static String write(Path out, List<AmbigQa.Item> items, Map<String, List<ClarifyOrAnswer.Result>> sweep,
        double[] costs, double cost, String user, ClarifyOrAnswer.User simulated, int examples) {
        HtmlReport report = new HtmlReport(out);
        int at = java.util.Arrays.binarySearch(costs, cost);
        XYChart chart = Figures.lineChart("Answer-set accuracy against assistant turns (AmbigQA dev)",
            "mean assistant turns per question", "answer-set accuracy");
        CsvFile csv = new CsvFile("policy", "cost", "accuracy", "ambiguousAccuracy", "meanTurns", "askRate",
            "ambiguousAskRate", "netUtility");
        List<Map.Entry<String, List<ClarifyOrAnswer.Result>>> drawn = new ArrayList<>(sweep.entrySet());
        Collections.reverse(drawn); // the engine's line first, so the single points stay visible on it
        for (Map.Entry<String, List<ClarifyOrAnswer.Result>> e : drawn) {
            List<ClarifyOrAnswer.Result> rs = e.getValue();
            double[] x = rs.stream().mapToDouble(ClarifyOrAnswer.Result::meanTurns).toArray();
            double[] y = rs.stream().mapToDouble(ClarifyOrAnswer.Result::accuracy).toArray();
            boolean engine = e.getKey().equals("engine");
            chart.addSeries(engine ? "engine (cost 0 to 1)" : e.getKey(), engine ? x : new double[] {x[0]},
                engine ? y : new double[] {y[0]});
            for (ClarifyOrAnswer.Result r : rs) {
                csv.row(r.policy(), r.cost(), r.accuracy(), r.ambiguousAccuracy(), r.meanTurns(), r.askRate(),
                    r.ambiguousAskRate(), r.netUtility());
            }
        }
        Figures.distinguish(chart);
        report.chart(chart, "accuracy-vs-turns");
        report.csv(csv, "sweep");
        List<String[]> rows = new ArrayList<>();
        Json json = new Json().beginObject().field("questions", items.size())
            .field("ambiguous", (int) items.stream().filter(AmbigQa.Item::ambiguous).count()).field("cost", cost)
            .field("user", user).name("results").beginArray();
        for (String p : ClarifyOrAnswer.POLICIES) {
            ClarifyOrAnswer.Result r = sweep.get(p).get(at);
            rows.add(new String[] {p, Numbers.fixed(r.accuracy(), 3), Numbers.fixed(r.ambiguousAccuracy(), 3),
                Numbers.fixed(r.meanTurns(), 3), Numbers.fixed(r.askRate(), 3), Numbers.fixed(r.ambiguousAskRate(), 3),
                Numbers.fixed(r.netUtility(), 3)});
            json.beginObject().field("policy", p).field("accuracy", r.accuracy())
                .field("ambiguousAccuracy", r.ambiguousAccuracy()).field("meanTurns", r.meanTurns())
                .field("askRate", r.askRate()).field("ambiguousAskRate", r.ambiguousAskRate())
                .field("netUtility", r.netUtility()).endObject();
        }
        json.endArray().endObject();
        report.raw("<section id=\"summary\"><h2>Policies at cost " + Json.number(cost) + "</h2>"
            + HtmlReport.table(new String[] {"policy", "accuracy", "accuracy (ambiguous)", "turns", "asks",
                "asks (ambiguous)", "accuracy − cost × questions"}, rows)
            + "<p>Sweep over costs 0, 0.05, …, 1: [<a href=\"sweep.csv\">CSV</a>].</p></section>\n");
        report.section("frontier", "Accuracy against turns", "Each assistant reply is a turn: an answer is 1, a "
            + "clarifying question and then the answer 2. answer and ask are single points, drawn with their own "
            + "markers; the engine's points run from cost 0 (right) to cost 1 (left).", "accuracy-vs-turns");
        List<String[]> ex = new ArrayList<>();
        int shown = 0;
        for (AmbigQa.Item item : items) {
            if (!item.ambiguous() || shown >= examples) {
                continue;
            }
            Clarifier.Clarification c = ClarifyOrAnswer.clarification(item);
            ex.add(new String[] {item.question(), c.text(), Numbers.fixed(ClarifyOrAnswer.directAccuracy(item), 2),
                Numbers.fixed(ClarifyOrAnswer.clarifiedAccuracy(item, c, simulated), 2),
                ClarifyOrAnswer.asks("engine", item, cost) ? "asks" : "answers"});
            shown++;
        }
        report.raw("<section id=\"examples\" class=\"text\"><h2>Clarifying questions</h2>" + HtmlReport.table(
            new String[] {"question", "clarifying question", "answer now", "after asking", "engine at cost "
                + Json.number(cost)}, ex) + "</section>\n");
        report.write("Askwise: clarify or answer (seed 002, AmbigQA)", String.format(Locale.ROOT, "<p>%d AmbigQA "
            + "questions, %d ambiguous to their first annotator (data/ambigqa, CC BY-SA 3.0). The simulated user (%s) "
            + "holds one interpretation, each equally likely (all are simulated: exact expectations). answer: the "
            + "default reading's answers at once; ask: one clarifying question built from the differences between "
            + "the interpretations' disambiguated questions, the user replies, the assistant answers the reading it "
            + "resolves the reply to; engine: asks only when simulating the replies shows the expected accuracy gain "
            + "exceeds the per-question cost. Accuracy: the answer set shares an answer with the user's reading after "
            + "SQuAD normalisation. The engine decides with its own model of the user (option replies) whoever is "
            + "simulated.</p>", items.size(), items.stream().filter(AmbigQa.Item::ambiguous).count(),
            HtmlReport.escape(user)));
        return json.toString();
    }
}
