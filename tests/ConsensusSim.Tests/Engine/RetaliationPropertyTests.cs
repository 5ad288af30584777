using ConsensusSim.Model;
using ConsensusSim.Simulation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ConsensusSim.Tests.Engine;

/// <summary>A package of three proposals among four States, with random ideal points, noise, rounds and propensities.</summary>
/// <param name="Ideal">Ideal points, State-major: four States × three dimensions, on a grid of tenths.</param>
/// <param name="Propensity">Each State's retaliation propensity, on a grid of tenths.</param>
/// <param name="Noise">Every State's noise scale.</param>
/// <param name="Rounds">Meeting rounds per decision.</param>
/// <param name="Raised">The State whose propensity is raised.</param>
/// <param name="Step">By how much, capped at 1.</param>
/// <param name="Seed">The run's seed, the same for both runs (common random numbers).</param>
public sealed record RetaliationCase(double[] Ideal, double[] Propensity, double Noise, int Rounds, int Raised, double Step, ulong Seed)
{
    public static readonly string[] States = ["AUT", "BEL", "RUS", "FRA"];

    /// <summary>The case's scenario with <paramref name="propensity"/>; proposal k moves dimension k from 0.2 to 0.7.</summary>
    public Scenario Build(double[] propensity)
    {
        var b = new ScenarioBuilder
        {
            Name = "retaliation property",
            States = [.. States],
            Defaults = new StateProfile { Salience = [1.0 / 3, 1.0 / 3, 1.0 / 3], BlockingCost = 0.05, Noise = Noise },
            Procedure = new ProcedureOptions { PackageFallback = true, MaxRounds = Rounds },
            Proposals = [.. Enumerable.Range(0, 3).Select(k => new Proposal { Title = $"item {k}", StatusQuo = [0.2, 0.2, 0.2], Draft = [.. Enumerable.Range(0, 3).Select(d => d == k ? 0.7 : 0.2)] })],
        };
        for (int i = 0; i < States.Length; i++)
        {
            b.StateOverrides.Add(new ProfileOverride(States[i], new StateProfile { IdealPoint = [.. Ideal.Skip(3 * i).Take(3).Select(x => (Parameter)x)], Retaliation = propensity[i] }));
        }

        return b.Build();
    }

    public override string ToString() =>
        FormattableString.Invariant($"ideal [{string.Join(", ", Ideal)}], ρ [{string.Join(", ", Propensity)}], σ {Noise}, {Rounds} round(s), raise State {Raised} by {Step}, seed {Seed}");
}

public static class RetaliationArbitraries
{
    public static Arbitrary<RetaliationCase> Cases() =>
        (from ideal in Gen.Choose(0, 10).Select(i => i / 10.0).ArrayOf(12)
         from propensity in Gen.Choose(0, 10).Select(i => i / 10.0).ArrayOf(4)
         from noise in Gen.Elements(0.0, 0.05, 0.1)
         from rounds in Gen.Choose(1, 2)
         from raised in Gen.Choose(0, 3)
         from step in Gen.Choose(1, 10).Select(i => i / 10.0)
         from seed in Gen.Choose(0, int.MaxValue)
         select new RetaliationCase(ideal, propensity, noise, rounds, raised, step, (ulong)seed)).ToArbitrary();
}

[Properties(Arbitrary = [typeof(RetaliationArbitraries)], MaxTest = 30)]
public class RetaliationPropertyTests
{
    private const int Trials = 400;

    [Property]
    public Property Raising_a_propensity_never_raises_any_item_s_adoption(RetaliationCase c)
    {
        // Common random numbers: with the same seed every vote draws the same noise and every State the same retaliation
        // draw whatever happened before, so a higher propensity only adds retaliators, who only add objections.
        var raised = (double[])c.Propensity.Clone();
        raised[c.Raised] = Math.Min(1, raised[c.Raised] + c.Step);
        var before = Run(c.Build(c.Propensity), c.Seed);
        var after = Run(c.Build(raised), c.Seed);
        var lower = Enumerable.Range(0, 3).Where(k => after.AdoptedAfterFallback[k].Adopted.Count > before.AdoptedAfterFallback[k].Adopted.Count).ToList();
        return (lower.Count == 0 && after.RetaliatoryObjections >= before.RetaliatoryObjections)
            .Label($"items {string.Join(", ", lower)} rose; retaliatory objections {before.RetaliatoryObjections} → {after.RetaliatoryObjections}")
            .Classify(before.FailedPackages > 0 && before.RetaliatoryObjections < after.RetaliatoryObjections, "retaliation grew");
    }

    [Property(MaxTest = 15)]
    public Property The_fallback_does_not_depend_on_threads_or_chunks(RetaliationCase c)
    {
        var scenario = c.Build(c.Propensity).Compile();
        var one = MonteCarloRunner.Run(scenario, new SimulationOptions { Trials = Trials, Seed = c.Seed, MaxDegreeOfParallelism = 1, ChunkSize = 1000 });
        var two = MonteCarloRunner.Run(scenario, new SimulationOptions { Trials = Trials, Seed = c.Seed, MaxDegreeOfParallelism = 2, ChunkSize = 37 });
        return (EnginePropertyTests.Estimates(one) == EnginePropertyTests.Estimates(two)).ToProperty();
    }

    private static PackageFallbackEstimates Run(Scenario scenario, ulong seed) =>
        MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = Trials, Seed = seed, MaxDegreeOfParallelism = 2, ChunkSize = 100 }).PackageFallback!;
}
