package dev.askwise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Help readable at 80 and 120 columns, and a top-level description that lists every command. */
class HelpTest {

    private static List<CommandLine> all(CommandLine cmd) {
        List<CommandLine> out = new ArrayList<>(List.of(cmd));
        for (CommandLine sub : cmd.getSubcommands().values()) {
            out.addAll(all(sub));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {80, 120})
    void everyDescriptionIsWholeSentencesWrappedAtTheWidth(int width) {
        for (CommandLine cmd : all(Main.commandLine())) {
            cmd.setUsageHelpAutoWidth(false);
            cmd.setUsageHelpWidth(width);
            String name = cmd.getCommandSpec().qualifiedName();
            for (String paragraph : cmd.getCommandSpec().usageMessage().description()) {
                // a paragraph is a whole sentence (or a list introduced by a colon), never half of one
                assertThat(paragraph.isEmpty() || paragraph.endsWith(".") || paragraph.endsWith(":"))
                    .as("%s: '%s'", name, paragraph).isTrue();
            }
            String help = cmd.getUsageMessage(CommandLine.Help.Ansi.OFF);
            String[] lines = help.split("\n");
            int descriptionStart = help.indexOf('\n', help.indexOf("Usage:")) ;
            assertThat(descriptionStart).isPositive();
            for (String line : lines) {
                if (!line.startsWith("  askwise ") && !line.contains("http")) {
                    assertThat(line.length()).as("%s at %d columns: '%s'", name, width, line)
                        .isLessThanOrEqualTo(width);
                }
            }
        }
    }

    @Test
    void everySubcommandPrintsTheVersionItsHelpOffers() {
        String version = CliRunner.run("--version").out().strip();
        assertThat(version).startsWith("askwise ");
        for (String sub : Main.commandLine().getSubcommands().keySet()) {
            CliRunner r = CliRunner.run(sub, "-V");
            assertThat(r.exitCode()).as(sub).isZero();
            assertThat(r.out().strip()).as(sub).isEqualTo(version);
        }
    }

    @Test
    void topLevelListsEveryCommandFromTheTree() {
        CommandLine cmd = Main.commandLine();
        String[] description = cmd.getCommandSpec().usageMessage().description();
        String last = description[description.length - 1];
        for (String sub : cmd.getSubcommands().keySet()) {
            assertThat(last).contains(sub);
        }
        assertThat(cmd.getSubcommands()).hasSize(13); // with interpret (issue 11)
        CliRunner r = CliRunner.run();
        assertThat(r.err()).contains("clarify-eval").contains("eval-questioner").contains("serve");
    }

    @Test
    void paragraphsJoinContinuedLinesOnly() {
        assertThat(Main.paragraphs(new String[] {"for every number of", "questions k.", "Next one.", "", "x:"}))
            .containsExactly("for every number of questions k.", "Next one.", "", "x:");
    }

    /** Values that round to zero (an Atkinson index or an adaptive gain of -1e-17) print without a minus sign. */
    @ParameterizedTest(name = "analyze {0}")
    @ValueSource(strings = {"--p 0.5 --eps 0 --gamma 0", "--p 1 --eps 0.1", "--p 0.5 --eps 0.5 --gamma 2",
        "--p 0 --eps 0", "--n 1 --p 0.5 --eps 0.5 --gamma inf", "--p 0.9 --eps 0.3 --gamma 5 --cost 0"})
    void analyzeNeverPrintsNegativeZero(String args) {
        CliRunner r = CliRunner.run(("analyze " + args).split(" "));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContainPattern("(?<![0-9.])-0\\.0*(?![0-9]*[1-9])");
    }

    @Test
    void aMistypedCommandIsNamedWithWhatItMayMean() {
        CliRunner r = CliRunner.run("analyse", "--n", "10");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("askwise: unknown command 'analyse'; did you mean analyze? (see askwise --help)");
        assertThat(CliRunner.run("zzz").err().strip()).isEqualTo("askwise: unknown command 'zzz' (see askwise --help)");
    }
}
