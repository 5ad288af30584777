using BenchmarkDotNet.Attributes;
using ConsensusSim.Analysis;
using ConsensusSim.Engine;
using ConsensusSim.Model;
using ConsensusSim.Osce;
using ConsensusSim.Simulation;

namespace ConsensusSim.Benchmarks;

/// <summary>
/// The rare-event estimator at P ≈ 10⁻⁶: the wall time of a whole run (pilot included) on two threads with just enough
/// trials for a 10 % relative error. The trials needed come from a calibration run of <see cref="CalibrationTrials"/>
/// trials in the setup, as n₁₀ = n·(RE_n / 0.1)², printed with the exact probability where there is one; counting would
/// need (1 − p)/(p·0.1²) ≈ 10⁸ trials for the same error. Three cases: a routine text failing under consensus (a
/// product), under a 90 % majority (a Poisson-binomial tail), and in a bloc with shared noise (shocks shifted too).
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class RareEventBenchmarks
{
    private const long CalibrationTrials = 20_000;
    private const int Chunk = 512;

    private CompiledScenario _compiled = null!;
    private long _trials;

    [Params("product", "tail", "bloc")]
    public string Case { get; set; } = "product";

    [GlobalSetup]
    public void Setup()
    {
        (var scenario, double exact) = Case switch
        {
            "product" => Product(),
            "tail" => Tail(),
            _ => (Bloc(), double.NaN),
        };
        _compiled = scenario.Compile();
        var calibration = Run(CalibrationTrials).RareEvent!;
        double re = calibration.RelativeError;
        _trials = Math.Max(Chunk, (long)Math.Ceiling(CalibrationTrials * (re / 0.1) * (re / 0.1)));
        var check = Run(_trials).RareEvent!;
        Console.WriteLine($"// {Case}: exact {exact:E4}; {CalibrationTrials:N0} trials: {calibration}; 10 % needs {_trials:N0} trials: {check}");
    }

    [Benchmark]
    public double TimeToTenPercentRelativeError() => Run(_trials).RareEvent!.Probability;

    private SimulationResult Run(long trials) =>
        MonteCarloRunner.Run(_compiled, new SimulationOptions { Trials = trials, Seed = 2026, MaxDegreeOfParallelism = 2, ChunkSize = Chunk, RareEvent = RareOutcome.Deadlocked });

    private static (Scenario, double) Product()
    {
        double[] p = [.. Enumerable.Repeat(1.754e-8, 57)];
        return (FixedObjection(p, DecisionRule.Consensus), 1 - IndependentObjections.ConsensusProbability(p));
    }

    private static (Scenario, double) Tail()
    {
        double[] p = [.. Enumerable.Repeat(0.0053, 57)];
        var pmf = IndependentObjections.ObjectorCountDistribution(p);
        return (FixedObjection(p, DecisionRule.QualifiedMajority(0.9, 0, VotingWeight.Equal)), pmf.Skip(6).Sum());
    }

    private static Scenario FixedObjection(double[] p, DecisionRule rule)
    {
        var codes = OsceCatalog.Default.States.Take(p.Length).Select(s => s.Code).ToList();
        var b = new ScenarioBuilder
        {
            Name = "rare fixed objection",
            States = codes,
            Behaviour = new BehaviourOptions { Model = BehaviourModel.FixedObjection },
            Defaults = new StateProfile { ObjectionProbability = 0.0 },
            Procedure = new ProcedureOptions { MaxRounds = 1 },
            Rule = rule,
        };
        for (int i = 0; i < p.Length; i++)
        {
            b.StateOverrides.Add(new ProfileOverride(codes[i], new StateProfile { ObjectionProbability = p[i] }));
        }

        return b.Build();
    }

    /// <summary>Ten actors in one bloc with ρ = 0.5, objecting with 2·10⁻⁸ to 2·10⁻⁷: P(deadlocked) ≈ 10⁻⁶.</summary>
    private static Scenario Bloc()
    {
        var b = new ScenarioBuilder
        {
            Name = "rare bloc",
            States = [],
            Behaviour = new BehaviourOptions { Model = BehaviourModel.FixedObjection, BlocCorrelation = 0.5 },
            Defaults = new StateProfile { ObjectionProbability = 0.0 },
            Procedure = new ProcedureOptions { MaxRounds = 1 },
        };
        for (int i = 0; i < 10; i++)
        {
            b.Actors.Add(new Actor($"a{i}") { Bloc = "bloc" });
            b.StateOverrides.Add(new ProfileOverride($"a{i}", new StateProfile { ObjectionProbability = (i + 1) * 2e-8 }));
        }

        return b.Build();
    }
}
