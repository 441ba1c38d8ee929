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

    /** One simulated-user setting: its name, whether clarifying questions were quality-checked, its sweep. */
    record Setting(String user, boolean rewritten, ClarifyOrAnswer.User simulated,
        Map<String, List<ClarifyOrAnswer.Result>> sweep) {
        String label() {
            return user + (rewritten ? " users, checked questions" : " users");
        }
    }

    /** Writes the report into {@code out} and returns the JSON summary at the chosen cost. */
    static String write(Path out, List<AmbigQa.Item> items, Setting main, Setting beside, double[] costs, double cost,
        int examples) {
        HtmlReport report = new HtmlReport(out);
        int at = java.util.Arrays.binarySearch(costs, cost);
        XYChart chart = Figures.lineChart("Answer-set accuracy against assistant turns (AmbigQA dev)",
            "mean assistant turns per question", "answer-set accuracy");
        CsvFile csv = new CsvFile("user", "rewritten", "policy", "cost", "accuracy", "ambiguousAccuracy",
            "meanTurns", "askRate", "ambiguousAskRate", "netUtility");
        for (Setting setting : List.of(main, beside)) {
            List<Map.Entry<String, List<ClarifyOrAnswer.Result>>> drawn = new ArrayList<>(setting.sweep().entrySet());
            Collections.reverse(drawn); // the engine's line first, so the single points stay visible on it
            for (Map.Entry<String, List<ClarifyOrAnswer.Result>> e : drawn) {
                List<ClarifyOrAnswer.Result> rs = e.getValue();
                double[] x = rs.stream().mapToDouble(ClarifyOrAnswer.Result::meanTurns).toArray();
                double[] y = rs.stream().mapToDouble(ClarifyOrAnswer.Result::accuracy).toArray();
                boolean engine = e.getKey().equals("engine");
                chart.addSeries((engine ? "engine (cost 0 to 1)" : e.getKey()) + ", " + setting.user(),
                    engine ? x : new double[] {x[0]}, engine ? y : new double[] {y[0]});
                for (ClarifyOrAnswer.Result r : rs) {
                    csv.row(setting.user(), setting.rewritten(), r.policy(), r.cost(), r.accuracy(),
                        r.ambiguousAccuracy(), r.meanTurns(), r.askRate(), r.ambiguousAskRate(), r.netUtility());
                }
            }
        }
        Figures.distinguish(chart);
        report.chart(chart, "accuracy-vs-turns");
        report.csv(csv, "sweep");
        List<String[]> rows = new ArrayList<>();
        Json json = new Json().beginObject().field("questions", items.size())
            .field("ambiguous", items.stream().filter(AmbigQa.Item::ambiguous).count()).field("cost", cost)
            .field("user", main.user()).field("rewritten", main.rewritten() ? 1 : 0).name("results").beginArray();
        results(json, main, at, rows);
        json.endArray().name("beside").beginObject().field("user", beside.user())
            .field("rewritten", beside.rewritten() ? 1 : 0).name("results").beginArray();
        results(json, beside, at, rows);
        json.endArray().endObject().endObject();
        long ambiguous = items.stream().filter(AmbigQa.Item::ambiguous).count();
        long rewritten = items.stream().filter(AmbigQa.Item::ambiguous)
            .filter(i -> !ClarifyOrAnswer.scoredClarification(i).equals(ClarifyOrAnswer.clarification(i))).count();
        report.raw("<section id=\"summary\"><h2>Policies at cost " + Json.number(cost) + "</h2>"
            + HtmlReport.table(new String[] {"users", "policy", "accuracy", "accuracy (ambiguous)", "turns", "asks",
                "asks (ambiguous)", "accuracy − cost × questions"}, rows)
            + String.format(Locale.ROOT, "<p>Realistic users answer in their own words (\"the one about …\": the "
                + "content words of the disambiguated question they mean, never the bare option), about another "
                + "reading with probability %s (spread evenly over the other readings) and not at all with "
                + "probability %s (the assistant then answers its default reading). Checked questions: a clarifying "
                + "question whose seed-004 quality is below %s overall (or below %s in any attribute) is replaced by \"Which of these do you mean: …?\" "
                + "with the readings' own questions — %d of the %d ambiguous questions here. Option users reply with "
                + "the option word itself (the idealised setting). Sweep over costs 0, 0.05, …, 1: "
                + "[<a href=\"sweep.csv\">CSV</a>].</p></section>%n", Captions.num(ClarifyOrAnswer.OTHER_READING_RATE),
                Captions.num(ClarifyOrAnswer.NO_ANSWER_RATE), Captions.num(ClarifyOrAnswer.MIN_QUALITY),
                Captions.num(ClarifyOrAnswer.MIN_ATTRIBUTE), rewritten,
                ambiguous));
        report.section("frontier", "Accuracy against turns", "Each assistant reply is a turn: an answer is 1, a "
            + "clarifying question and then the answer 2. answer and ask are single points, drawn with their own "
            + "markers; the engine's points run from cost 0 (right) to cost 1 (left); " + main.label() + " and "
            + beside.label() + " side by side (the legend names the users; answering at once does not depend on the "
            + "user, so both answer points coincide).", "accuracy-vs-turns");
        List<String[]> ex = new ArrayList<>();
        int shown = 0;
        for (AmbigQa.Item item : items) {
            if (!item.ambiguous() || shown >= examples) {
                continue;
            }
            Clarifier.Clarification c = ClarifyOrAnswer.clarification(item);
            Clarifier.Clarification checked = ClarifyOrAnswer.scoredClarification(item);
            ex.add(new String[] {item.question(), c.text(),
                Numbers.fixed(ClarifyOrAnswer.quality(item, c).overall(), 2),
                checked.equals(c) ? "(kept)" : checked.text(),
                Numbers.fixed(ClarifyOrAnswer.directAccuracy(item), 2),
                Numbers.fixed(ClarifyOrAnswer.clarifiedAccuracy(item, main.rewritten() ? checked : c,
                    main.simulated()), 2),
                Numbers.fixed(ClarifyOrAnswer.clarifiedAccuracy(item, beside.rewritten() ? checked : c,
                    beside.simulated()), 2),
                ClarifyOrAnswer.asks("engine", item, cost) ? "asks" : "answers"});
            shown++;
        }
        report.raw("<section id=\"examples\" class=\"text\"><h2>Clarifying questions</h2>" + HtmlReport.table(
            new String[] {"question", "clarifying question", "quality", "after the quality check", "answer now",
                "after asking, " + main.label(), "after asking, " + beside.label(), "engine at cost " + Json.number(cost)},
            ex) + "</section>\n");
        report.write("Askwise: clarify or answer (seed 002, AmbigQA)", String.format(Locale.ROOT, "<p>%d AmbigQA "
            + "questions, %d ambiguous to their first annotator (data/ambigqa, CC BY-SA 3.0). The simulated user "
            + "holds one interpretation, each equally likely (all are simulated, and every reply with its "
            + "probability: exact expectations). answer: the default reading's answers at once; ask: one clarifying "
            + "question built from the differences between the interpretations' disambiguated questions, the user "
            + "replies, the assistant answers the reading it resolves the reply to (with the service's resolver: "
            + "the interpretation pipeline, a weighted-words step and the in-process embedding model; a reply it "
            + "does not understand — the service would ask again — leaves the default reading); engine: asks only when "
            + "simulating the replies shows the expected accuracy gain exceeds the per-question cost. Accuracy: the "
            + "answer set shares an answer with the user's reading after SQuAD normalisation. The engine decides with "
            + "its own model of the user (option replies) whoever is simulated.</p>", items.size(), ambiguous));
        return json.toString();
    }

    private static void results(Json json, Setting s, int at, List<String[]> rows) {
        for (String p : ClarifyOrAnswer.POLICIES) {
            ClarifyOrAnswer.Result r = s.sweep().get(p).get(at);
            rows.add(new String[] {s.label(), p, Numbers.fixed(r.accuracy(), 3),
                Numbers.fixed(r.ambiguousAccuracy(), 3), Numbers.fixed(r.meanTurns(), 3),
                Numbers.fixed(r.askRate(), 3), Numbers.fixed(r.ambiguousAskRate(), 3),
                Numbers.fixed(r.netUtility(), 3)});
            json.beginObject().field("policy", p).field("accuracy", r.accuracy())
                .field("ambiguousAccuracy", r.ambiguousAccuracy()).field("meanTurns", r.meanTurns())
                .field("askRate", r.askRate()).field("ambiguousAskRate", r.ambiguousAskRate())
                .field("netUtility", r.netUtility()).endObject();
        }
    }
}
