using ConsensusSim.Serialization;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli.Hostile;

/// <summary>
/// A sibling of item 12 of issue 15: what reaches a terminal rather than a browser. A name holding
/// an escape sequence (set the window title, clear the screen, write the clipboard) is printed with
/// its control characters replaced, by every command that echoes it; files keep the name as it is.
/// </summary>
public sealed class TerminalEscapeTests : CliHarness
{
    private const string Hostile = "\u001b]0;owned\u0007\u001b[2J\u009b31m";

    [Fact]
    public void Escape_sequences_in_names_are_not_sent_to_the_terminal()
    {
        string name = System.Text.Json.JsonSerializer.Serialize("Title" + Hostile);
        File.WriteAllText(F("escape.json"), HostileFiles.Scenario(name: name).Replace("\"name\": \"A\"", "\"name\": " + name, StringComparison.Ordinal));
        foreach (var command in new[] { new[] { "validate", F("escape.json") }, ["describe", F("escape.json")], ["run", F("escape.json"), "--json", F("r.json")] })
        {
            var (code, output, error) = Cli(command);
            Assert.True(code == 0, error);
            if (command[0] != "validate")
            {
                Assert.Contains("Title\uFFFD", output, StringComparison.Ordinal);
            }

            Assert.DoesNotContain('\u001b', output + error);
            Assert.DoesNotContain('\u009b', output + error);
            Assert.DoesNotContain('\u0007', output + error);
        }

        // The result file keeps the name exactly: only what is shown is cleaned.
        Assert.Equal("Title" + Hostile, ResultJson.Deserialize(File.ReadAllText(F("r.json"))).Provenance.ScenarioName);
    }

    [Fact]
    public void An_error_message_quoting_a_hostile_value_is_cleaned_too()
    {
        File.WriteAllText(F("escape.json"), HostileFiles.Scenario().Replace("\"migration\"", System.Text.Json.JsonSerializer.Serialize("topic" + Hostile), StringComparison.Ordinal));
        var (code, _, error) = Cli("validate", F("escape.json"));
        Assert.Equal(2, code);
        Assert.Contains("escape.json:9: $.proposal.topic: Unknown topic 'topic\uFFFD", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', error);
    }
}
