using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli;

/// <summary>
/// The command line follows the conventions a .NET tool user expects (issue 19, item 3): the parser's own error handling
/// with its suggestions, the tool's name in the usage line, type errors in words, unknown options refused, help for the
/// bare command. Every refusal exits 2 and writes nothing to standard output.
/// </summary>
public sealed class CliConventionTests : CliHarness
{
    [Fact]
    public void A_mistyped_command_is_refused_with_the_nearest_command_suggested()
    {
        var (code, output, error) = Cli("rnu");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("consensussim: Unrecognized command or argument 'rnu'.", error, StringComparison.Ordinal);
        Assert.Contains("'rnu' was not matched. Did you mean one of the following?\n  run\n", error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("Required command was not provided", error, StringComparison.Ordinal);
        Assert.EndsWith("Run 'consensussim --help' for usage and examples.", error.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistyped_option_is_refused_with_the_nearest_option_suggested_and_the_commands_help_named()
    {
        var (code, output, error) = Cli("run", "--trails", "5");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("consensussim: Unrecognized command or argument '--trails'.", error, StringComparison.Ordinal);
        Assert.Contains("'--trails' was not matched. Did you mean one of the following?\n  --trials\n", error.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        // The stray value is reported, but not "near" every short alias.
        Assert.DoesNotContain("'5' was not matched", error, StringComparison.Ordinal);
        Assert.EndsWith("Run 'consensussim run --help' for usage and examples.", error.TrimEnd(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("describe")]
    [InlineData("validate")]
    [InlineData("sweep", "--vary", "tension=0,1", "--out", "x.csv")]
    [InlineData("merge", "a.json", "--out", "m.json")]
    public void An_unknown_option_is_an_error_and_never_taken_as_a_file_name(params string[] command)
    {
        var (code, output, error) = Cli([.. command, "--bogus"]);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("consensussim: Unrecognized command or argument '--bogus'.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("no such", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Cannot parse", error, StringComparison.Ordinal);
        Assert.Empty(HostileFiles.Listing(Dir));
    }

    [Fact]
    public void A_file_whose_name_starts_with_a_hyphen_is_given_as_a_relative_path()
    {
        File.WriteAllText(F("-odd.json"), HostileFiles.Scenario());
        Assert.Equal(2, Cli("validate", "-odd.json").Code);
        var (code, _, error) = Cli("validate", Path.Combine(Dir, "-odd.json"));
        Assert.True(code == 0, error);
    }

    [Theory]
    [InlineData("run|--trials|abc", "consensussim: --trials: 'abc' is not a whole number.")]
    [InlineData("run|--trials|1.5", "consensussim: --trials: '1.5' is not a whole number.")]
    [InlineData("run|--threads|99999999999", "consensussim: --threads: '99999999999' is not a whole number of at most 2,147,483,647.")]
    [InlineData("run|--seed|-1", "consensussim: --seed: '-1' is not a whole number from 0 to 18,446,744,073,709,551,615.")]
    [InlineData("run|--precision|often", "consensussim: --precision: 'often' is not a number, such as 0.25 or 1e-3.")]
    [InlineData("sweep|s.json|--vary|tension=0,1|--out|x.csv|--points|many", "consensussim: --points: 'many' is not a whole number.")]
    [InlineData("power|--quota|lots|--weights|1,2", "consensussim: --quota: 'lots' is not a whole number.")]
    [InlineData("power|--quota|3|--weights|1,2|--index|gini", "consensussim: --index: 'gini' is not one of banzhaf, shapley-shubik.")]
    [InlineData("import|t.csv|--from|excel|--out|x.json", "consensussim: --from: 'excel' is not one of decide, ktab.")]
    public void A_value_of_the_wrong_type_is_refused_in_words_naming_the_option(string line, string message)
    {
        var (code, output, error) = Cli(line.Split('|'));

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("expected type", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bare_command_prints_help_and_exits_0()
    {
        var (code, output, error) = Cli();

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Contains("Commands:", output, StringComparison.Ordinal);
        Assert.Contains("Examples:", output, StringComparison.Ordinal);
        Assert.Equal(Cli("--help").Out, output);
    }

    [Fact]
    public void Every_usage_line_names_the_tool_as_users_type_it()
    {
        var commands = HelpExamples.Commands();
        Assert.Contains("schema", commands);
        foreach (string command in commands.Prepend(string.Empty))
        {
            string[] args = command.Length == 0 ? ["--help"] : [command, "--help"];
            var (code, help, _) = Cli(args);
            Assert.Equal(0, code);
            string usage = help.ReplaceLineEndings("\n").Split("Usage:\n")[1].Split('\n')[0];
            Assert.StartsWith(command.Length == 0 ? "  consensussim [command]" : $"  consensussim {command} ", usage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_suggest_directive_completes_commands_for_dotnet_suggest()
    {
        // dotnet-suggest passes the line as typed, starting with the tool's name.
        var (code, output, _) = Cli("[suggest:15]", "consensussim ru");

        Assert.Equal(0, code);
        Assert.Equal(["run"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
