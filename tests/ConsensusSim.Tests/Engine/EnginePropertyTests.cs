using ConsensusSim.Engine;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ConsensusSim.Tests.Engine;

public static class EngineArbitraries
{
    /// <summary>Objection probabilities on a grid, for 1 to 57 States (the default double arbitrary yields NaN and infinities).</summary>
    public static Arbitrary<double[]> Probabilities() =>
        Gen.Choose(1, 57).SelectMany(n => Gen.Choose(0, 200).Select(i => i / 1000.0).ArrayOf(n)).ToArbitrary();

    public static Arbitrary<ulong> Seeds() =>
        Gen.Choose(0, int.MaxValue).Two().Select(t => ((ulong)(uint)t.Item1 << 32) | (uint)t.Item2).ToArbitrary();
}

[Properties(Arbitrary = [typeof(EngineArbitraries)], MaxTest = 40)]
public class EnginePropertyTests
{
    private static SimulationResult Run(Scenario scenario, ulong seed, int threads, int chunk, long trials = 3_000) =>
        MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = trials, Seed = seed, MaxDegreeOfParallelism = threads, ChunkSize = chunk });

    [Property]
    public bool Same_seed_gives_bit_identical_results(double[] p, ulong seed)
    {
        var scenario = Scenarios.FixedObjection(p, maxRounds: 2);
        return ResultJson.Serialize(Run(scenario, seed, 2, 500)) == ResultJson.Serialize(Run(scenario, seed, 2, 500));
    }

    /// <summary>
    /// The result file without what names the chunking (chunk size and chunk counts), which is part of a run's identity, not
    /// of its estimates; the checksum, which covers them, goes too.
    /// </summary>
    internal static string Estimates(SimulationResult result)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(ResultJson.Serialize(result))!.AsObject();
        node["provenance"]!.AsObject().Remove("chunkSize");
        foreach (var key in new[] { "chunkSize", "firstChunk", "endChunk", "completedChunks", "checksum" })
        {
            node["tallies"]!.AsObject().Remove(key);
        }

        return node.ToJsonString();
    }

    [Property]
    public bool Thread_count_and_chunk_size_do_not_change_results(double[] p, ulong seed)
    {
        var scenario = Scenarios.FixedObjection(p, maxRounds: 2);
        string one = Estimates(Run(scenario, seed, 1, 4096));
        return one == Estimates(Run(scenario, seed, 2, 97))
            && one == Estimates(Run(scenario, seed, 2, 1))
            && ResultJson.Serialize(Run(scenario, seed, 1, 97)) == ResultJson.Serialize(Run(scenario, seed, 2, 97));
    }

    [Property(MaxTest = 10)]
    public bool Stance_model_results_do_not_depend_on_threads_or_chunks(ulong seed)
    {
        // The agenda setter's scenario gridlocks in about three trials of four: trials that take no vote sit between
        // trials that do, in every chunk and in every pair of the draw-ahead ring.
        foreach (var scenario in new[] { Scenario.Default, Scenarios.SometimesGridlocked() })
        {
            string one = Estimates(Run(scenario, seed, 1, 1000, 2_000));
            if (one != Estimates(Run(scenario, seed, 2, 33, 2_000)) || one != Estimates(Run(scenario, seed, 2, 1, 2_000)))
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 25)]
    public bool Gridlock_trials_move_no_other_trials_draws_whatever_the_start_and_chunking(ulong seed, NonNegativeInt start, PositiveInt chunk)
    {
        // Chunks of any size from any first trial: the draw-ahead ring fills its slots by a trial's place in its chunk,
        // so odd chunk sizes put gridlock trials in every slot; the tallies must be those of one chunk.
        var compiled = Scenarios.SometimesGridlocked(n: 2).Compile();
        long first = start.Get % 1_000_000;
        long size = 1 + (chunk.Get % 60);
        var whole = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds);
        new TrialKernel(compiled).RunChunk(seed, first, 300, whole);
        var pieces = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds);
        var kernel = new TrialKernel(compiled);
        for (long t = first; t < first + 300; t += size)
        {
            kernel.RunChunk(seed, t, Math.Min(size, first + 300 - t), pieces);
        }

        return whole.Gridlock > 0 && SimdPathTests.Tallies(whole) == SimdPathTests.Tallies(pieces);
    }

    [Property(MaxTest = 10)]
    public bool Uncertain_positions_do_not_depend_on_threads_or_chunks(ulong seed)
    {
        // A status quo and draft drawn per trial, under a compromising Chair that moves the draft toward the trial's q.
        var b = Scenario.Default.ToBuilder();
        b.Proposal = new Proposal
        {
            Topic = "counter-terrorism",
            StatusQuo = [Parameter.Uniform(0.1, 0.3), 0.1, Parameter.Beta(2, 8)],
            Draft = [Parameter.TruncatedNormal(0.55, 0.1, 0.3, 0.9), 0.3, 0.3],
        };
        b.Chair = new ChairOptions { Strategy = ChairStrategy.Compromise, Step = 0.3 };
        b.Procedure = new ProcedureOptions { MaxRounds = 3 };
        var scenario = b.Build();
        string one = Estimates(Run(scenario, seed, 1, 1000, 2_000));
        return one == Estimates(Run(scenario, seed, 2, 33, 2_000)) && one == Estimates(Run(scenario, seed, 2, 1, 2_000));
    }

    [Property]
    public Property Adding_an_objection_never_raises_adoption(double[] p, ulong seed, int which, int step)
    {
        // Common random numbers: with the same seed each State's uniform draw is the same, so raising
        // one State's objection probability can only turn adoptions into deadlocks.
        int i = Math.Abs(which % p.Length);
        var raised = (double[])p.Clone();
        raised[i] = Math.Min(1.0, p[i] + (Math.Abs(step % 10) + 1) / 10.0);
        long before = Run(Scenarios.FixedObjection(p), seed, 2, 700).Adopted.Count;
        long after = Run(Scenarios.FixedObjection(raised), seed, 2, 700).Adopted.Count;
        return (after <= before).Label($"before {before}, after {after}");
    }

    [Property]
    public Property Adding_an_always_objecting_State_blocks_everything_under_consensus(double[] p, ulong seed)
    {
        // At most 57 States exist: with 57 the last one becomes the veto player.
        var withVeto = p.Take(56).Append(1.0).ToArray();
        var result = Run(Scenarios.FixedObjection(withVeto), seed, 2, 512, 500);
        return (result.Adopted.Count == 0).Label($"adopted {result.Adopted.Count}");
    }

    [Property(MaxTest = 20)]
    public bool Adopted_deadlocked_and_gridlock_partition_the_trials(ulong seed)
    {
        var r = Run(Scenarios.SometimesGridlocked(n: 2, maxRounds: 2), seed, 2, 97, 1_000);
        return r.Adopted.Count + r.Deadlocked.Count + r.Gridlock.Count == r.Trials
            && r.ObjectorCounts.Sum() == r.Trials - r.Gridlock.Count
            && r.PolicyChange.Count == r.Adopted.Count
            && r.Blockers.All(b => b.BlockedTrials <= r.Deadlocked.Count);
    }

    [Property]
    public bool Outcomes_partition_the_trials(double[] p, ulong seed)
    {
        var r = Run(Scenarios.FixedObjection(p, maxRounds: 3), seed, 2, 256, 1_000);
        return r.Adopted.Count + r.Deadlocked.Count == r.Trials
            && r.Gridlock.Count == 0
            && r.ObjectorCounts.Sum() == r.Trials
            && r.AdoptedInRound.Sum() == r.Adopted.Count
            && r.Blockers.All(b => b.BlockedTrials <= r.Deadlocked.Count && b.SoleBlockerTrials <= b.BlockedTrials);
    }
}
