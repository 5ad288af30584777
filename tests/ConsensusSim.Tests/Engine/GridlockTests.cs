using ConsensusSim.Engine;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// Gridlock end to end, through the Chair's proposal, the vote (or its absence) and the recorded outcome: when the
/// agenda-setting Chair's best acceptable point is the status quo, nothing is tabled, nothing voted, nobody blocks.
/// </summary>
public class GridlockTests
{
    private static SimulationResult Run(Scenario scenario, long trials, ulong seed = 11, bool conditional = false) =>
        MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = trials, Seed = seed, ConditionalMonteCarlo = conditional });

    [Fact]
    public void With_the_status_quo_between_the_ideal_points_every_trial_is_gridlock()
    {
        var r = Run(Scenarios.Gridlocked(), 5_000);

        Assert.Equal(5_000, r.Gridlock.Count);
        Assert.Equal(1.0, r.Gridlock.Probability);
        Assert.Equal(0, r.Deadlocked.Count);
        Assert.Equal(0, r.Adopted.Count);
        Assert.Equal(0, r.PolicyChange.Count);
        Assert.All(r.Blockers, b => Assert.Equal(0, b.BlockedTrials));
        Assert.All(r.ObjectorCounts, c => Assert.Equal(0, c));
        Assert.Equal(0, r.Escalated.Count);
        Assert.True(double.IsNaN(r.MeanAmbitionWhenAdopted));
    }

    [Fact]
    public void A_chair_whose_ideal_point_is_the_status_quo_tables_nothing()
    {
        // Every State would accept a move toward 0.9, but the Chair's best point is where policy already is.
        var r = Run(Scenarios.AgendaSetter([0.6, 0.7, 0.9], q: 0.3, noise: 0.1, chairIdeal: 0.3).Build(), 1_000);
        Assert.Equal(1_000, r.Gridlock.Count);
        Assert.Equal(0, r.ObjectorCounts.Sum());
    }

    [Fact]
    public void Every_path_of_the_kernel_records_the_same_gridlock()
    {
        var compiled = Scenarios.SometimesGridlocked().Compile();
        string Tallies(KernelSwitches switches)
        {
            var acc = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds);
            new TrialKernel(compiled, switches).RunChunk(5, 0, 2_000, acc);
            return SimdPathTests.Tallies(acc);
        }

        var production = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds);
        new TrialKernel(compiled).RunChunk(5, 0, 2_000, production);
        Assert.InRange(production.Gridlock, 1_000, 1_999);
        string reference = SimdPathTests.Tallies(production);
        Assert.Equal(reference, Tallies(new KernelSwitches { PlanSingleVote = false }));
        Assert.Equal(reference, Tallies(new KernelSwitches { VectorVote = false, NoisePath = NormalPath.Scalar }));
        Assert.Equal(reference, Tallies(new KernelSwitches { NoisePath = NormalPath.Vector256, CacheTrialStart = false }));
    }

    [Fact]
    public void A_scenario_that_never_gridlocks_keeps_the_tallies_it_had_before_gridlock_was_recorded()
    {
        // The Tsebelis example with noise: the pivot at the edge of the win-set is indifferent and objects half the time.
        // Pinned from the build before gridlock existed (same seed): the Chair always tables a text, so nothing changes.
        var r = Run(Scenarios.AgendaSetter([0.2048, 0.5, 0.9], q: 0, noise: 0.05, chairIdeal: 1).Build(), 20_000);
        Assert.Equal(0, r.Gridlock.Count);
        Assert.Equal(9_984, r.Adopted.Count);
        Assert.Equal(9_984, r.PolicyChange.Count);
        Assert.Equal(10_016, r.Deadlocked.Count);
        Assert.Equal([9_984L, 10_016, 0, 0], r.ObjectorCounts);
        Assert.Equal(0.4096, r.MeanAmbitionWhenAdopted, 1e-12);
    }

    [Fact]
    public void The_default_scenario_with_an_agenda_setter_keeps_its_tallies()
    {
        // Pinned from the whole-win-set build (the segment rule adopted 701): this Chair always finds room to move.
        var b = Scenario.Default.ToBuilder();
        b.Proposal = new Proposal { Topic = "counter-terrorism", StatusQuo = [0.2, 0.1, 0.1], Draft = [0.9, 0.8, 0.9] };
        b.Chair = new ChairOptions { Strategy = ChairStrategy.AgendaSetter, IdealPoint = [0.9, 0.8, 0.9] };
        var r = Run(b.Build(), 20_000);
        Assert.Equal(0, r.Gridlock.Count);
        Assert.Equal(5_886, r.Adopted.Count);
        Assert.Equal(4_724, r.AdoptedWithStatements.Count);
        Assert.Equal([5_886L, 6_049, 3_722, 2_180, 1_227, 649, 286, 1, 0], r.ObjectorCounts.Take(9));
    }

    [Fact]
    public void With_random_ideal_points_adopted_deadlocked_and_gridlock_partition_the_trials()
    {
        // Three ideal points uniform on [0, 1], status quo 0.5, the Chair one of them: P(gridlock) = 1 − 2 · 0.5³ = 0.75.
        const long trials = 40_000;
        var r = Run(Scenarios.SometimesGridlocked(n: 3), trials);

        Assert.Equal(trials, r.Adopted.Count + r.Deadlocked.Count + r.Gridlock.Count);
        Assert.True(r.Adopted.Count > 0 && r.Deadlocked.Count > 0 && r.Gridlock.Count > 0, $"{r.Adopted}, {r.Deadlocked}, {r.Gridlock}");
        const double p = 0.75;
        double se = Math.Sqrt(p * (1 - p) / trials);
        Assert.InRange(r.Gridlock.Probability, p - (4 * se), p + (4 * se));

        // The agenda setter tables only texts that move, so every adoption changes policy.
        Assert.Equal(r.Adopted.Count, r.PolicyChange.Count);

        // Votes were taken, and blockers recorded, only in the trials that were not gridlock.
        Assert.Equal(trials - r.Gridlock.Count, r.ObjectorCounts.Sum());
        Assert.All(r.Blockers, b => Assert.InRange(b.BlockedTrials, 0, r.Deadlocked.Count));
        Assert.True(r.Blockers.Sum(b => b.BlockedTrials) >= r.Deadlocked.Count);
    }

    [Fact]
    public void A_fixed_chair_whose_draft_is_the_status_quo_adopts_without_changing_policy()
    {
        // Every gain is 0, so with noise each State objects half the time: adopted with probability 2⁻³, never a change.
        var b = Scenarios.AgendaSetter([0.2, 0.5, 0.8], q: 0.4, noise: 0.1, chair: ChairStrategy.Fixed, draft: 0.4);
        var r = Run(b.Build(), 4_000);

        Assert.True(r.Adopted.Count > 0, $"{r.Adopted}");
        Assert.Equal(0, r.PolicyChange.Count);
        Assert.Equal(0.0, r.PolicyChange.Probability);
        Assert.Equal(0, r.Gridlock.Count);
        Assert.Equal(4_000, r.Adopted.Count + r.Deadlocked.Count);

        // The same Chair with a draft that moves changes policy whenever it is adopted.
        var moving = Run(Scenarios.AgendaSetter([0.2, 0.5, 0.8], q: 0.4, noise: 0.1, chair: ChairStrategy.Fixed, draft: 0.45).Build(), 4_000);
        Assert.Equal(moving.Adopted.Count, moving.PolicyChange.Count);
    }

    [Fact]
    public void Conditional_monte_carlo_counts_a_gridlock_trial_as_certainly_not_adopted()
    {
        var never = Run(Scenarios.Gridlocked(), 2_000, conditional: true);
        Assert.Equal(0.0, never.ConditionalAdopted!.Probability);
        Assert.Equal(0.0, never.ConditionalAdopted.StandardError);

        // Unbiased where some trials gridlock: the conditional and the counted estimates agree within their errors.
        var r = Run(Scenarios.SometimesGridlocked(n: 3), 40_000, conditional: true);
        var c = r.ConditionalAdopted!;
        double se = Math.Sqrt((c.StandardError * c.StandardError) + (r.Adopted.StandardError * r.Adopted.StandardError));
        Assert.InRange(c.Probability, r.Adopted.Probability - (4 * se), r.Adopted.Probability + (4 * se));
        Assert.True(c.StandardError < r.Adopted.StandardError, $"conditional SE {c.StandardError}, counted {r.Adopted.StandardError}");
    }

    [Fact]
    public void A_gridlock_trial_takes_no_vote_in_a_procedure_of_several_rounds()
    {
        // With rounds to spare, a text that is tabled may be adopted later; a trial with nothing tabled never escalates.
        var r = Run(Scenarios.SometimesGridlocked(n: 3, maxRounds: 3), 10_000);
        Assert.Equal(10_000, r.Adopted.Count + r.Deadlocked.Count + r.Gridlock.Count);
        Assert.Equal(10_000 - r.Gridlock.Count, r.ObjectorCounts.Sum());
        Assert.True(r.AdoptedInRound.Skip(1).Sum() > 0, "some adoption after round 1");
    }
}
