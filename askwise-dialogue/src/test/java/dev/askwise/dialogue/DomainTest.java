package dev.askwise.dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.askwise.Profile;
import dev.askwise.model.LatentClassModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DomainTest {

    @ParameterizedTest
    @ValueSource(strings = {"vacation", "email", "image", "hotel", "movies"})
    void builtInDomainsAreValidAndRoundTrip(String name) {
        Domain d = Domain.builtIn(name);
        assertThat(d.name()).isEqualTo(name);
        assertThat(d.provenance()).isNotBlank();
        assertThat(d.model().schema().size()).isEqualTo(d.attributes().size());
        for (Domain.AttributeSpec a : d.attributes()) {
            assertThat(a.question()).endsWith("?");
            assertThat(a.values()).allSatisfy(v -> assertThat(v.description()).isNotBlank());
        }
        Domain back = Domain.parse(d.toJson(), "round trip");
        assertThat(back.model().toJson()).isEqualTo(d.model().toJson());
        assertThat(back.attributes()).isEqualTo(d.attributes());
    }

    /** Examples per value and topic words per attribute are optional lists of non-blank strings, and round-trip. */
    @Test
    void examplesAndTopics() {
        Domain hotel = Domain.builtIn("hotel");
        assertThat(hotel.attribute("price").topics()).contains("price");
        assertThat(hotel.attribute("price").values().get(0).examples()).contains("shoestring");
        assertThat(Domain.builtIn("email").toJson()).contains("\"examples\"").contains("\"topics\"");
        String json = hotel.toJson();
        String bad = json.replaceFirst("\"examples\":\\[", "\"examples\":[7,");
        assertThat(Domain.validate(bad)).anySatisfy(p -> assertThat(p.toString())
            .contains("examples[0]").contains("must be a non-blank string"));
        String badTopics = json.replaceFirst("\"topics\":\\[[^\\]]*\\]", "\"topics\":\"price\"");
        assertThat(Domain.validate(badTopics)).anySatisfy(p -> assertThat(p.toString())
            .contains("topics").contains("must be a list of strings"));
        assertThat(new Domain.Value("a", "b", List.of()).examples()).isEmpty();
    }

    /** The hotel domain protects accessibility from inference; vacation never asks about the budget. */
    @Test
    void protectionFlags() {
        assertThat(Domain.builtIn("hotel").neverInfer()).containsExactly("accessibility");
        assertThat(Domain.builtIn("vacation").neverAsk()).containsExactly("budget");
        assertThat(Domain.builtIn("hotel").model().modelsMissing()).isTrue();
    }

    @Test
    void everyProblemIsReportedWithItsLocation() {
        String broken = """
            {"format": "askwise.domain", "version": 2, "name": "Bad Name",
             "attributes": [
               {"name": "price", "question": "Price?", "generality": 0,
                "values": [{"name": "low", "description": "cheap", "synonyms": ["cheap"]},
                           {"name": "high", "description": "", "synonyms": ["cheap"]}]},
               {"name": "price", "question": "Again?", "generality": 1,
                "yesNo": {"value": "maybe", "question": "Yes?"},
                "values": [{"name": "a", "description": "a"}]}],
             "model": {"provenance": "hand",
               "clusters": [{"weight": 0.7, "values": {"price": {"low": 0.5, "high": 0.6}, "colour": {}}}]}}
            """;
        List<DomainProblem> problems = Domain.validate(broken);
        assertThat(problems).extracting(DomainProblem::toString).contains(
            "$.version: must be 1: 2.0",
            "$.name: must match [a-z0-9][a-z0-9_-]*: 'Bad Name'",
            "$.description: must be a non-blank string: missing",
            "$.attributes[0].generality: must be an integer >= 1 (1 = most general): 0.0",
            "$.attributes[0].values[1].description: must be a non-blank string: ''",
            "$.attributes[0].values[1].synonyms[0]: 'cheap' is also a synonym of 'low': answers would be ambiguous",
            "$.attributes[1].values: must list at least 2 values: 1",
            "$.attributes[1].yesNo.value: 'maybe' is not a value of this attribute",
            "$.attributes[1].name: duplicate attribute name 'price'");
        assertThatThrownBy(() -> Domain.parse(broken, "broken.json")).isInstanceOf(InvalidDomainException.class)
            .hasMessageStartingWith("invalid domain broken.json (");
    }

    /** Amounts name values of the attribute, give [from, to] with from below to, and do not overlap. */
    @Test
    void amountsAreCheckedAndRoundTrip() {
        Domain hotel = Domain.builtIn("hotel");
        Domain.Amounts am = hotel.attribute("price").amounts();
        assertThat(am.ranges()).containsOnlyKeys("low", "mid", "high");
        assertThat(am.valueAt(99.99)).isEqualTo("low");
        assertThat(am.valueAt(100)).isEqualTo("mid");
        assertThat(am.valueAt(1e9)).isEqualTo("high");
        assertThat(am.valueAt(-5)).isEqualTo("low");
        assertThat(Domain.parse(hotel.toJson(), "again").attribute("price").amounts()).isEqualTo(am);
        String json = hotel.toJson();
        String section = json.substring(json.indexOf("\"amounts\""), json.indexOf("}}", json.indexOf("\"amounts\"")) + 2);
        assertThat(Domain.validate(json.replace(section, "\"amounts\":{\"values\":{\"low\":[null,100],"
            + "\"cheap\":[100,200],\"mid\":[150,\"x\"],\"high\":[300,200]},\"unit\":[]}")))
            .extracting(DomainProblem::toString).contains(
                "$.attributes[0].amounts.unit: unknown field; allowed: units, values",
                "$.attributes[0].amounts.values.cheap: unknown value; allowed: low, mid, high",
                "$.attributes[0].amounts.values.mid: must be [from, to], numbers or null for an open end: [150.0, x]",
                "$.attributes[0].amounts.values.high: from must be below to: [300.0, 200.0]");
        assertThat(Domain.validate(json.replace(section, "\"amounts\":{\"values\":{\"low\":[null,120],"
            + "\"mid\":[100,250]}}"))).extracting(DomainProblem::toString)
            .containsExactly("$.attributes[0].amounts.values.mid: overlaps the range of 'low'");
        assertThat(Domain.validate(json.replace(section, "\"amounts\":{\"values\":{}}")))
            .extracting(DomainProblem::toString).containsExactly(
                "$.attributes[0].amounts.values: must map at least one value to [from, to]: {}");
    }

    @Test
    void modelProblemsAndSyntaxErrorsHaveLocations() {
        String json = Domain.builtIn("email").toJson().replace("\"weight\":0.5", "\"weight\":0.6");
        assertThat(Domain.validate(json)).extracting(DomainProblem::toString)
            .contains("$.model.clusters: weights must sum to 1: 1.200000"); // both 0.5 weights became 0.6
        String over = Domain.builtIn("email").toJson().replace("\"weight\":0.5", "\"weight\":1.2");
        assertThat(Domain.validate(over)).extracting(DomainProblem::toString)
            .contains("$.model.clusters[0].weight: must be in (0, 1]: 1.2")
            .noneMatch(p -> p.contains("must sum to 1")); // a sum of the weights that could be read says nothing
        String typo = Domain.builtIn("email").toJson().replace("\"short\":0.2", "\"shorter\":0.2");
        assertThat(Domain.validate(typo)).extracting(DomainProblem::toString)
            .contains("$.model.clusters[0].values.length.shorter: unknown value; allowed: [short, long]",
                "$.model.clusters[0].values.length.short: must be a probability in [0, 1]: missing");
        assertThat(Domain.validate("{\n  \"format\": }")).extracting(DomainProblem::location)
            .containsExactly("line 2, column 13");
    }

    /** The model serves the engine: a business traveller's "downtown" raises the chance of a chain hotel. */
    @Test
    void domainModelDrivesInference() {
        Domain hotel = Domain.builtIn("hotel");
        LatentClassModel m = hotel.model();
        int area = m.schema().indexOf("area");
        int chain = m.schema().indexOf("chain");
        double prior = m.predictive(Profile.empty(5), chain)[0];
        double afterDowntown = m.predictive(Profile.empty(5).with(area, 0), chain)[0];
        assertThat(afterDowntown).isGreaterThan(prior);
        // by hand: prior P(chain) = .4·.25 + .6·.8 = 0.58
        assertThat(prior).isCloseTo(0.58, within(1e-12));
    }

    /** The shipped movies domain is exactly the documented fit of the shipped MovieLens copy. */
    @Test
    void shippedMoviesModelIsReproducible() {
        Domain rebuilt = MoviesDomain.build(Path.of("..", "data", "movielens", "ml-latest-small"));
        Domain shipped = Domain.builtIn("movies");
        LatentClassModel a = rebuilt.model();
        LatentClassModel b = shipped.model();
        assertThat(b.clusters()).isEqualTo(a.clusters());
        for (int z = 0; z < a.clusters(); z++) {
            assertThat(b.weight(z)).isCloseTo(a.weight(z), within(1e-12));
            for (int att = 0; att < a.schema().size(); att++) {
                assertThat(b.missingProbability(z, att)).isCloseTo(a.missingProbability(z, att), within(1e-12));
                for (int v = 0; v < a.schema().get(att).size(); v++) {
                    assertThat(b.probability(z, att, v)).isCloseTo(a.probability(z, att, v), within(1e-12));
                }
            }
        }
        assertThat(shipped.provenance()).isEqualTo(rebuilt.provenance());
    }
}
