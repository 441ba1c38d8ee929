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
    void topLevelListsEveryCommandFromTheTree() {
        CommandLine cmd = Main.commandLine();
        String[] description = cmd.getCommandSpec().usageMessage().description();
        String last = description[description.length - 1];
        for (String sub : cmd.getSubcommands().keySet()) {
            assertThat(last).contains(sub);
        }
        assertThat(cmd.getSubcommands()).hasSize(12);
        CliRunner r = CliRunner.run();
        assertThat(r.err()).contains("clarify-eval").contains("eval-questioner").contains("serve");
    }

    @Test
    void paragraphsJoinContinuedLinesOnly() {
        assertThat(Main.paragraphs(new String[] {"for every number of", "questions k.", "Next one.", "", "x:"}))
            .containsExactly("for every number of questions k.", "Next one.", "", "x:");
    }
}
