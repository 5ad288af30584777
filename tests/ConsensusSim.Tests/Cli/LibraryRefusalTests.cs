using ConsensusSim.Cli;
using ConsensusSim.Model;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;
using ConsensusSim.Engine;
using ConsensusSim.Serialization;

namespace ConsensusSim.Tests.Cli;

/// <summary>
/// The library is the one check of a run's options: each refusal names the option and carries its reason, and the
/// command line shows that reason under its own name for the option, with exit 2, never the library's
/// "(Parameter …)" suffix. Conditional Monte Carlo that does not apply is refused by type, not by its message.
/// </summary>
public sealed class LibraryRefusalTests : CliHarness
{
    private static readonly CompiledScenario Compiled = Scenario.Default.Compile();

    public static TheoryData<string, string> RefusedOptions() => new()
    {
        { "trials", "--trials" },
        { "threads", "--threads" },
        { "chunk", "--chunk-size" },
        { "precision", "--precision" },
        { "default shard", "--shard" },
        { "empty shard", "--shard" },
        { "precision with shard", "--precision" },
    };

    [Theory]
    [MemberData(nameof(RefusedOptions))]
    public void Every_run_option_the_library_refuses_is_shown_under_its_option_with_the_library_reason(string which, string option)
    {
        var ex = Assert.IsAssignableFrom<ArgumentException>(Record.Exception(() => MonteCarloRunner.Run(Compiled, Bad(which))));
        string reason = ArgumentReason.Of(ex);

        // The library's message is its parameter's name and the same reason; the command line's is the option's.
        Assert.StartsWith($"{ex.ParamName} {reason}", ex.Message, StringComparison.Ordinal);
        var refusal = OptionNames.Run.Refusal(ex);
        Assert.NotNull(refusal);
        Assert.Equal($"{option} {reason}", refusal.Message);
        Assert.DoesNotContain("(Parameter", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_refuses_what_the_run_refuses_before_any_scenario_is_read()
    {
        foreach (string which in new[] { "trials", "threads", "chunk", "precision", "default shard", "precision with shard" })
        {
            var options = Bad(which);
            var early = Assert.IsAssignableFrom<ArgumentException>(Record.Exception(options.Validate));
            var late = Assert.IsAssignableFrom<ArgumentException>(Record.Exception(() => MonteCarloRunner.Run(Compiled, options)));
            Assert.Equal(late.ParamName, early.ParamName);
            Assert.Equal(late.Message, early.Message);
        }

        new SimulationOptions { Trials = SimulationOptions.MaxTrials, MaxDegreeOfParallelism = SimulationOptions.MaxThreads, Precision = 0.5 }.Validate();
    }

    [Fact]
    public void A_parameter_without_a_name_on_the_command_line_is_not_turned_into_an_input_error()
    {
        var ex = Assert.IsType<ArgumentOutOfRangeException>(Record.Exception(() => MonteCarloRunner.Run(Compiled, new SimulationOptions { Trials = 10, CheckpointInterval = TimeSpan.FromSeconds(-1) })));
        Assert.Equal("options.CheckpointInterval", ex.ParamName);
        Assert.Null(OptionNames.Run.Refusal(ex));
        Assert.Throws<ArgumentOutOfRangeException>(() => OptionNames.Run.Call(() => MonteCarloRunner.Run(Compiled, new SimulationOptions { Trials = 10, CheckpointInterval = TimeSpan.FromSeconds(-1) })));
    }

    [Fact]
    public void Another_name_for_one_parameter_changes_only_that_one()
    {
        var names = OptionNames.Run.With("options.MaxDegreeOfParallelism", "--cpus-per-task");
        var threads = Assert.Throws<UserInputException>(() => names.Check(new SimulationOptions { MaxDegreeOfParallelism = 0 }));
        Assert.Equal("--cpus-per-task must be between 1 and 1,024; got 0.", threads.Message);
        var trials = Assert.Throws<UserInputException>(() => names.Check(new SimulationOptions { Trials = 0 }));
        Assert.Equal("--trials must be between 1 and 1,000,000,000,000; got 0.", trials.Message);
        Assert.Equal("--threads must be between 1 and 1,024; got 0.", Assert.Throws<UserInputException>(() => OptionNames.Run.Check(new SimulationOptions { MaxDegreeOfParallelism = 0 })).Message);
    }

    [Fact]
    public void A_checkpoint_of_another_run_is_refused_naming_the_file_with_the_library_reason()
    {
        Assert.Equal(0, Cli("run", "--trials", "3000", "--seed", "1", "--checkpoint", F("other.json")).Code);
        string before = File.ReadAllText(F("other.json"));

        var (code, output, error) = Cli("run", "--trials", "3000", "--seed", "2", "--checkpoint", F("other.json"), "--resume");

        Assert.Equal(2, code);
        Assert.StartsWith($"consensussim: {F("other.json")} cannot be resumed from: its seed is 1, this run's is 2", error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Contains("resuming from", output, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(F("other.json")));
    }

    [Fact]
    public void A_shard_without_trials_is_refused_under_shard_with_the_library_reason()
    {
        var (code, _, error) = Cli("run", "--trials", "2000", "--shard", "2/2", "--json", F("part.json"));
        Assert.Equal(2, code);
        Assert.Equal("consensussim: --shard 2/2: 2,000 trials make 1 chunk of 8,192, so the run splits into at most 1 shard; shard 2/2 would hold no trials or leave another shard with none. Use fewer shards or a smaller chunk size." + Environment.NewLine, error);
        Assert.False(File.Exists(F("part.json")));
    }

    [Fact]
    public void Power_shows_the_library_reason_under_its_option_without_the_parameter_suffix()
    {
        var (code, output, error) = Cli("power", "--quota", "4", "--weights", "1,2");
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal("consensussim: --quota: The quota must be between 1 and the total weight 3." + Environment.NewLine, error);
    }

    [Fact]
    public void Conditional_monte_carlo_that_does_not_apply_is_refused_by_type_with_its_reason()
    {
        // Fixed objections without blocs: no shared noise to condition on.
        File.WriteAllText(F("scenario.json"), HostileFiles.Scenario());
        var ex = Assert.Throws<ConditionalMonteCarloNotApplicableException>(() => MonteCarloRunner.Run(ScenarioJson(F("scenario.json")).Compile(), new SimulationOptions { Trials = 100, ConditionalMonteCarlo = true }));
        Assert.IsAssignableFrom<InvalidOperationException>(ex);
        Assert.False(MonteCarloRunner.SupportsConditionalMonteCarlo(ScenarioJson(F("scenario.json")).Compile(), out string? why));
        Assert.Equal(why, ex.Reason);
        string expected = $"consensussim: Conditional Monte Carlo does not apply to this scenario: {why}{Environment.NewLine}";

        foreach (string[] args in new[]
        {
            new[] { "run", F("scenario.json"), "--conditional", "--json", F("result.json") },
            ["slurm", F("scenario.json"), "--conditional", "--shards", "1", "--out", F("job"), "--command", "/bin/true"],
        })
        {
            var (code, output, error) = Cli(args);
            Assert.Equal(2, code);
            Assert.Empty(output);
            Assert.Equal(expected, error);
        }

        Assert.Equal(["scenario.json"], HostileFiles.Listing(Dir));
    }

    [Fact]
    public void The_typed_exception_keeps_its_reason_apart_from_its_message()
    {
        var ex = new ConditionalMonteCarloNotApplicableException("it needs one vote.");
        Assert.Equal("it needs one vote.", ex.Reason);
        Assert.Equal("Conditional Monte Carlo does not apply to this scenario: it needs one vote.", ex.Message);
        var inner = new InvalidOperationException("cause");
        Assert.Same(inner, new ConditionalMonteCarloNotApplicableException("r", inner).InnerException);
        Assert.False(string.IsNullOrEmpty(new ConditionalMonteCarloNotApplicableException().Reason));
        Assert.Throws<ArgumentNullException>(() => new ConditionalMonteCarloNotApplicableException(null!));
    }

    private static Scenario ScenarioJson(string path) => ConsensusSim.Serialization.ScenarioJson.Parse(File.ReadAllText(path), path);

    private static SimulationOptions Bad(string which) => which switch
    {
        "trials" => new SimulationOptions { Trials = 0 },
        "threads" => new SimulationOptions { Trials = 1000, MaxDegreeOfParallelism = SimulationOptions.MaxThreads + 1 },
        "chunk" => new SimulationOptions { Trials = 1000, ChunkSize = 0 },
        "precision" => new SimulationOptions { Trials = 1000, Precision = double.NaN },
        "default shard" => new SimulationOptions { Trials = 1000, Shard = default(ShardSpec) },
        "empty shard" => new SimulationOptions { Trials = 1000, Shard = new ShardSpec(3, 4) },
        _ => new SimulationOptions { Trials = 1000, Precision = 0.01, Shard = new ShardSpec(1, 1) },
    };
}
