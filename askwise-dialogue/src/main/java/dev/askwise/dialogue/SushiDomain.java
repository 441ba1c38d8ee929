package dev.askwise.dialogue;

import dev.askwise.Attribute;
import dev.askwise.Schema;
import dev.askwise.data.Dataset;
import dev.askwise.data.SushiLoader;
import dev.askwise.fit.FitOptions;
import dev.askwise.fit.FitResult;
import dev.askwise.fit.ModelSelection;
import dev.askwise.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@code sushi} domain from the user's own copy of Kamishima's SUSHI data (it may not be redistributed, so
 * it is not shipped): one yes/no attribute per sushi ("is it among your top t?"), and a latent-class model fitted by
 * EM (K in 1..8 by BIC, 5 restarts, seed 1).
 */
public final class SushiDomain {

    private SushiDomain() {
    }

    /** Fits and returns the domain. */
    public static Domain build(Path dir, int top) {
        Dataset data = SushiLoader.loadTopT(dir, top);
        List<Object> attrs = new ArrayList<>();
        List<Attribute> schemaAttrs = new ArrayList<>();
        for (Attribute item : data.schema().attributes()) {
            String name = item.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-").replaceAll("^-+", "");
            if (name.isEmpty()) {
                name = "item";
            }
            String label = item.name().replace('_', ' ');
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("name", name);
            a.put("question", "Is " + label + " one of your favourite sushi?");
            a.put("generality", 1);
            Map<String, Object> yesNo = new LinkedHashMap<>();
            yesNo.put("value", "yes");
            yesNo.put("question", "Do you love " + label + "?");
            a.put("yesNo", yesNo);
            a.put("values", List.of(
                value("no", label + " is not among your top " + top + " sushi", List.of("not " + label, "no " + label)),
                value("yes", label + " is one of your top " + top + " sushi, a favourite",
                    List.of("love " + label, "like " + label, label + " is my favourite"))));
            attrs.add(a);
            schemaAttrs.add(new Attribute(name, List.of("no", "yes")));
        }
        List<int[]> rows = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            rows.add(data.profile(i).toArray());
        }
        Dataset renamed = Dataset.of("sushi", Schema.of(schemaAttrs), rows, Map.of());
        FitResult fit = ModelSelection.byBic(renamed, 1, 8, FitOptions.builder().restarts(5).seed(1).build()).best();
        String provenance = String.format(Locale.ROOT, "Fitted by EM to %d users of the user's copy of Kamishima's "
            + "SUSHI data (sushi3a.5000.10.order, top %d liked; not redistributable, so built locally); K = %d by BIC "
            + "among 1..8; 5 restarts, seed 1; log-likelihood %.3f, converged = %s.", renamed.size(), top,
            fit.model().clusters(), fit.logLikelihood(), fit.converged());
        List<Object> clusters = new ArrayList<>();
        for (int z = 0; z < fit.model().clusters(); z++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", "c" + z);
            c.put("weight", fit.model().weight(z));
            Map<String, Object> values = new LinkedHashMap<>();
            for (int a = 0; a < schemaAttrs.size(); a++) {
                Map<String, Object> dist = new LinkedHashMap<>();
                dist.put("no", fit.model().probability(z, a, 0));
                dist.put("yes", fit.model().probability(z, a, 1));
                values.put(schemaAttrs.get(a).name(), dist);
            }
            c.put("values", values);
            clusters.add(c);
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("provenance", provenance);
        model.put("clusters", clusters);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", Domain.FORMAT);
        root.put("version", Domain.VERSION);
        root.put("name", "sushi");
        root.put("description", "Ordering sushi: which of ten sushi are the user's favourites (SUSHI data, top "
            + top + ").");
        root.put("attributes", attrs);
        root.put("model", model);
        return Domain.parse(Json.write(root), "sushi (built from " + dir + ")");
    }

    private static Map<String, Object> value(String name, String description, List<String> synonyms) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", name);
        v.put("description", description);
        v.put("synonyms", synonyms);
        return v;
    }
}
