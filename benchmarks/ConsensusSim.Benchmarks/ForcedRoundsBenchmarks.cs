using BenchmarkDotNet.Attributes;
using ConsensusSim.Engine;
using ConsensusSim.Model;
using ConsensusSim.Simulation;

namespace ConsensusSim.Benchmarks;

/// <summary>
/// Rounds that are really taken: the reference trial with eight States so noisy (σ = 2) that some State objects in nearly
/// every round, so nearly every trial runs to the round limit, under the Compromise Chair (which revises the draft after
/// each blocked round) and the agenda-setting Chair (which proposes from the win-set; its noise-free calculation cannot
/// foresee the objections). Per-trial cost = mean ÷ <see cref="Trials"/>; an extra round costs
/// (mean(R) − mean(1)) ÷ (rounds taken − 1), the rounds taken being printed by the setup.
/// </summary>
/// <remarks>Goal: every extra round at most 1.2× a single round. The setup refuses to measure if fewer than 90 % of the rounds are taken.</remarks>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class ForcedRoundsBenchmarks
{
    public const int Trials = 10_000;

    private TrialKernel _kernel = null!;
    private TrialAccumulator _accumulator = null!;

    [Params(ChairStrategy.Compromise, ChairStrategy.AgendaSetter)]
    public ChairStrategy Chair { get; set; }

    [Params(1, 5, 10)]
    public int Rounds { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var scenario = Build(Chair, Rounds);
        _kernel = new TrialKernel(scenario);
        _accumulator = new TrialAccumulator(scenario.StateCount, Rounds);
        double taken = MeanRounds(_kernel, scenario.StateCount, Rounds);
        Console.WriteLine($"// {Chair}, at most {Rounds} rounds: {taken:F3} rounds taken per trial");
        if (taken < 0.9 * Rounds)
        {
            throw new InvalidOperationException($"Only {taken:F2} of {Rounds} rounds are taken: the benchmark would not measure rounds.");
        }
    }

    [Benchmark(OperationsPerInvoke = Trials)]
    public void Trial() => _kernel.RunChunk(1, 0, Trials, _accumulator);

    /// <summary>The reference scenario with the given Chair and round limit, and the first eight States at noise 2.</summary>
    internal static CompiledScenario Build(ChairStrategy chair, int rounds)
    {
        var builder = SyntheticScenarios.Reference(rounds).Scenario.ToBuilder();
        builder.Chair = new ChairOptions { Strategy = chair, Step = 0.25, State = chair == ChairStrategy.AgendaSetter ? "CHE" : null };
        foreach (string code in builder.Build().States.Take(8))
        {
            builder.StateOverrides.Add(new ProfileOverride(code, new StateProfile { Noise = 2.0 }));
        }

        return builder.Build().Compile();
    }

    /// <summary>Rounds per trial over one chunk: an adoption in round r took r + 1; a trial not adopted and not gridlocked took them all.</summary>
    internal static double MeanRounds(TrialKernel kernel, int states, int rounds)
    {
        var tally = new TrialAccumulator(states, rounds);
        kernel.RunChunk(2, 0, Trials, tally);
        double sum = (Trials - tally.Adopted - tally.Gridlock) * (double)rounds;
        for (int r = 0; r < rounds; r++)
        {
            sum += (r + 1) * (double)tally.AdoptedInRound[r];
        }

        return sum / Trials;
    }
}
