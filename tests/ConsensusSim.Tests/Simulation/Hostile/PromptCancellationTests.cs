using System.Diagnostics;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Engine;
using ConsensusSim.Tests.Engine;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Simulation.Hostile;

/// <summary>
/// Cancellation stops a run within a second at any chunk size: the chunks in hand are abandoned part-way and
/// discarded, so the result holds only completed chunks, and resuming recomputes the discarded ones to the same bits.
/// </summary>
[Collection(nameof(RunsAlone))]
public class PromptCancellationTests
{
    /// <summary>Consensus, asked once per vote, that cancels a token at a given call: a cancellation at a known trial, on the fused loop too.</summary>
    private sealed class CancellingRule : ICustomDecisionRule
    {
        private long _calls;

        private CancellationTokenSource? _cancel;
        private long _cancelAtCall = -1;

        public long Calls => Interlocked.Read(ref _calls);

        public string Name => "consensus, cancelling a token at a given call";

        public bool Adopts(VoteSummary vote, ReadOnlySpan<int> objectors)
        {
            if (Interlocked.Increment(ref _calls) == _cancelAtCall)
            {
                _cancel?.Cancel();
            }

            return vote.Objectors == 0;
        }

        /// <summary>Counts calls from zero again and cancels <paramref name="cancel"/> at call <paramref name="atCall"/>; -1 never.</summary>
        public void Arm(CancellationTokenSource? cancel, long atCall)
        {
            _calls = 0;
            _cancel = cancel;
            _cancelAtCall = atCall;
        }
    }

    /// <summary>The reference trial (fused loop) or the default scenario (general path: random parameters, several rounds).</summary>
    private static CompiledScenario Build(string path, ICustomDecisionRule? rule = null)
    {
        var b = path == "fused" ? FusedLoopTests.Build("reference").Scenario.ToBuilder() : Scenario.Default.ToBuilder();
        if (path != "fused")
        {
            b.Procedure = new ProcedureOptions { MaxRounds = 3 };
        }

        if (rule is not null)
        {
            b.Rule = DecisionRule.Custom(rule);
        }

        var compiled = b.Build().Compile();
        Assert.Equal(path == "fused" && VectorPaths.Vote, new TrialKernel(compiled).UsesFusedLoop);
        return compiled;
    }

    [Theory]
    [InlineData("fused", 1)]
    [InlineData("fused", 2)]
    [InlineData("general", 1)]
    [InlineData("general", 2)]
    public void A_run_of_huge_chunks_returns_within_seconds_of_cancellation_with_no_chunk_done(string path, int threads)
    {
        // Two chunks of 10⁹ trials: each takes minutes, so before the fix cancellation waited for them.
        var compiled = Build(path);
        using var cancel = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));
        var partial = MonteCarloRunner.Run(compiled, new SimulationOptions { Trials = 2_000_000_000, ChunkSize = 1_000_000_000, Seed = 5, MaxDegreeOfParallelism = threads }, null, cancel.Token);
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"returned {clock.Elapsed.TotalSeconds:0.0} s after the start, cancelled at 0.2 s");
        Assert.False(partial.Provenance.IsComplete);
        Assert.Equal(0, partial.Identity.CompletedChunks);
        Assert.Equal(0, partial.Trials);
    }

    /// <summary>Chunks much longer than a sub-block between looks at the token, yet quick to run.</summary>
    private static int ChunkOf(string path) => path == "fused" ? 200_000 : 50_000;

    private static SimulationOptions Options(string path, int threads, SimulationResult? resumeFrom = null, Action<SimulationResult>? checkpoint = null) => new()
    {
        Trials = 4L * ChunkOf(path),
        ChunkSize = ChunkOf(path),
        Seed = 11,
        MaxDegreeOfParallelism = threads,
        ResumeFrom = resumeFrom,
        Checkpoint = checkpoint,
        CheckpointInterval = TimeSpan.Zero,
    };

    /// <summary>The uninterrupted run on one thread, and how many times the rule had been asked when each chunk but the last ended.</summary>
    private static (string Result, List<long> CallsAfterChunk) Uninterrupted(CompiledScenario compiled, CancellingRule rule, string path)
    {
        rule.Arm(null, -1);
        var calls = new List<long>();
        var result = MonteCarloRunner.Run(compiled, Options(path, 1, checkpoint: _ => calls.Add(rule.Calls)));
        Assert.Equal(3, calls.Count);
        return (ResultJson.Serialize(result), calls);
    }

    [Theory]
    [InlineData("fused")]
    [InlineData("general")]
    public void A_chunk_cancelled_part_way_is_discarded_and_the_resumed_run_equals_the_uninterrupted_one(string path)
    {
        var rule = new CancellingRule();
        var compiled = Build(path, rule);
        var (uninterrupted, calls) = Uninterrupted(compiled, rule, path);

        // Half-way through the second chunk: before the fix the run finished it and kept two chunks.
        using var cancel = new CancellationTokenSource();
        rule.Arm(cancel, (calls[0] + calls[1]) / 2);
        var partial = MonteCarloRunner.Run(compiled, Options(path, 1), null, cancel.Token);
        Assert.True(cancel.IsCancellationRequested);
        Assert.False(partial.Provenance.IsComplete);
        Assert.Equal(1, partial.Identity.CompletedChunks);
        Assert.Equal(ChunkOf(path), partial.Trials);

        rule.Arm(null, -1);
        var saved = ResultJson.Deserialize(ResultJson.Serialize(partial));
        Assert.Equal(uninterrupted, ResultJson.Serialize(MonteCarloRunner.Run(compiled, Options(path, 1, saved))));
    }

    [Theory]
    [InlineData("fused", 0.3)]
    [InlineData("fused", 1.5)]
    [InlineData("fused", 2.7)]
    [InlineData("general", 0.5)]
    [InlineData("general", 2.2)]
    public void With_two_threads_a_cancelled_run_is_a_prefix_of_whole_chunks_that_resumes_to_the_same_bits(string path, double at)
    {
        var rule = new CancellingRule();
        var compiled = Build(path, rule);
        var (uninterrupted, calls) = Uninterrupted(compiled, rule, path);

        // A point in the run, in chunks, as calls of the rule (both threads count them).
        int whole = (int)at;
        long before = whole == 0 ? 0 : calls[whole - 1];
        using var cancel = new CancellationTokenSource();
        rule.Arm(cancel, before + (long)((at - whole) * (calls[whole] - before)));
        var partial = MonteCarloRunner.Run(compiled, Options(path, 2), null, cancel.Token);
        Assert.True(cancel.IsCancellationRequested);
        Assert.False(partial.Provenance.IsComplete);
        Assert.Equal(partial.Identity.CompletedChunks * ChunkOf(path), partial.Trials);

        rule.Arm(null, -1);
        var saved = ResultJson.Deserialize(ResultJson.Serialize(partial));
        Assert.Equal(uninterrupted, ResultJson.Serialize(MonteCarloRunner.Run(compiled, Options(path, 2, saved))));
    }

    [Theory]
    [InlineData("fused")]
    [InlineData("general")]
    public void An_abandoned_chunk_leaves_nothing_behind_for_the_next(string path)
    {
        var rule = new CancellingRule();
        var compiled = Build(path, rule);
        var kernel = new TrialKernel(compiled);
        using var cancel = new CancellationTokenSource();
        long perCheck = kernel.TrialsPerCancellationCheck;
        Assert.InRange(perCheck, 1, 1 << 16);

        // Cancelled within the first sub-block: the kernel stops at its end, long before the chunk's.
        rule.Arm(cancel, Math.Max(perCheck / 2, 1));
        var abandoned = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds);
        var clock = Stopwatch.StartNew();
        Assert.False(kernel.RunChunk(3, 0, 1_000_000 * perCheck, abandoned, cancel.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"abandoned after {clock.Elapsed.TotalSeconds:0.0} s");

        rule.Arm(null, -1);
        var after = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds);
        Assert.True(kernel.RunChunk(3, 7_000, 3_000, after, CancellationToken.None));
        var fresh = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds);
        new TrialKernel(compiled).RunChunk(3, 7_000, 3_000, fresh);
        Assert.Equal(SimdPathTests.Tallies(fresh), SimdPathTests.Tallies(after));
    }

    [SkippableFact]
    public void The_reference_trial_looks_at_the_token_once_per_65536_trials()
    {
        Skip.IfNot(VectorPaths.Vote, VectorPaths.NoVectorVote);
        Assert.Equal(1 << 16, new TrialKernel(Build("fused")).TrialsPerCancellationCheck);
    }
}
