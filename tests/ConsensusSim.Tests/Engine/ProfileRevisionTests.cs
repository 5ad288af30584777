using System.Runtime.Intrinsics.X86;
using ConsensusSim.Engine;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using FsCheck.Xunit;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// A compromising Chair's revision computes one gain per distinct ideal point and saliences, and, where hostage-taking,
/// costs and noise are fixed for the run, one set of thresholds per row of equal States. Each must give exactly the
/// tallies of the per-State one pass and of the general passes, whatever the profiles, noise, loss and venues.
/// </summary>
public class ProfileRevisionTests
{
    private static readonly KernelSwitches PerStateRows = new() { ShareThresholdRows = false };
    private static readonly KernelSwitches PerStateGains = new() { ShareProfileGains = false };
    private static readonly KernelSwitches GeneralPasses = new() { FuseRevision = false };
    private static readonly KernelSwitches TallyEveryVote = new() { BlockedVotesFromMask = false };

    public static TheoryData<string> Variants() => ["forced-rounds", "quadratic", "silence-and-escalation", "random-parameters", "noiseless-state", "many-profiles"];

    private static CompiledScenario Build(string variant)
    {
        if (variant != "many-profiles")
        {
            return RevisedThresholdsTests.Build(variant);
        }

        // Every State its own ideal point: more profiles than the permutes can pick from, so the per-State pass.
        var b = RevisedThresholdsTests.Build("forced-rounds").Scenario.ToBuilder();
        b.StateOverrides.Clear();
        foreach (var (code, i) in b.Build().States.Select((code, i) => (code, i)))
        {
            b.StateOverrides.Add(new ProfileOverride(code, new StateProfile { IdealPoint = [0.3 + (i * 0.01), 0.4, 0.5], Noise = i < 8 ? 2.0 : null }));
        }

        return b.Build().Compile();
    }

    private static string Tallies(CompiledScenario compiled, KernelSwitches switches, long trials = 3_000)
    {
        var acc = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds);
        new TrialKernel(compiled, switches).RunChunk(17, 100, trials, acc);
        return SimdPathTests.Tallies(acc);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Shared_profile_gains_and_threshold_rows_give_the_tallies_of_the_per_State_passes(string variant)
    {
        var compiled = Build(variant);
        string shared = Tallies(compiled, KernelSwitches.Production);
        Assert.Equal(Tallies(compiled, GeneralPasses), shared);
        Assert.Equal(Tallies(compiled, PerStateGains), shared);
        Assert.Equal(Tallies(compiled, PerStateRows), shared);
        Assert.Equal(Tallies(compiled, TallyEveryVote), shared);

        // The path each variant means to test is taken: rows only where the start is restored (nothing drawn per trial);
        // without AVX-512 the rows compute their own gains, and the revisions not taken from the mask go per State.
        var kernel = new TrialKernel(compiled);
        bool profiles = variant != "many-profiles";
        Assert.Equal(profiles && Avx512F.IsSupported, kernel.UsesProfileGains);
        Assert.Equal(profiles && (Avx512F.IsSupported || Avx2.IsSupported) && variant != "random-parameters", kernel.UsesThresholdRows);
        Assert.False(new TrialKernel(compiled, PerStateGains).UsesProfileGains);
        Assert.False(new TrialKernel(compiled, PerStateRows).UsesThresholdRows);
    }

    [Fact]
    public void A_salience_of_negative_zero_revises_as_a_salience_of_zero()
    {
        // The revision from the mask sums the objectors' saliences from the first objector's row, which takes the rows to
        // hold no −0 (+0 + −0 = +0): eight noisy States, half of them weighing only the first dimension.
        string Run(double zero, KernelSwitches switches)
        {
            var b = Scenario.Default.ToBuilder();
            b.StateOverrides.Clear();
            b.Procedure = new ProcedureOptions { MaxRounds = 6 };
            b.Chair = new ChairOptions { Strategy = ChairStrategy.Compromise, Step = 0.25 };
            foreach (var (code, i) in b.Build().States.Take(8).Select((code, i) => (code, i)))
            {
                b.StateOverrides.Add(new ProfileOverride(code, new StateProfile { Noise = 2.0, Salience = i % 2 == 0 ? [1.0, zero, zero] : null }));
            }

            return Tallies(b.Build().Compile(), switches);
        }

        string positive = Run(0.0, KernelSwitches.Production);
        Assert.Equal(positive, Run(-0.0, KernelSwitches.Production));
        Assert.Equal(positive, Run(-0.0, TallyEveryVote));
        Assert.Equal(positive, Run(-0.0, GeneralPasses));
    }

    [Property(MaxTest = 25)]
    public bool Any_body_of_shared_profiles_revises_to_the_bits_of_the_per_State_pass(int seed)
    {
        // A body drawn from small palettes, so that States share profiles, and in about two bodies of five few enough
        // rows to share thresholds too: ideal points and saliences; noise (0 for a noiseless State), blocking cost and
        // linkage; either loss, with or without silence and escalation, steps and round limits.
        var random = new Random(seed);
        var b = Scenario.Default.ToBuilder();
        b.StateOverrides.Clear();
        double[][] ideals = [.. Enumerable.Range(0, random.Next(1, 5)).Select(_ => new[] { Near(0.55), Near(0.3), Near(0.3) })];
        double[][] saliences = [[0.5, 0.2, 0.3], [0.55, 0.25, 0.2], [0.45, 0.15, 0.4], [1.0, 0.0, 0.0]];
        (double Noise, double Cost, double Linkage)[] kinds = [.. Enumerable.Range(0, random.Next(1, 4))
            .Select(_ => (new[] { 0.0, 0.06, 0.5, 2.0 }[random.Next(4)], random.Next(2) * 0.2, random.Next(3) * 0.25))];
        foreach (string code in b.Build().States)
        {
            var kind = kinds[random.Next(kinds.Length)];
            b.StateOverrides.Add(new ProfileOverride(code, new StateProfile
            {
                IdealPoint = [.. ideals[random.Next(ideals.Length)].Select(x => (Parameter)x)],
                Salience = saliences[random.Next(saliences.Length)],
                Noise = kind.Noise,
                BlockingCost = kind.Cost,
                Linkage = kind.Linkage,
            }));
        }

        bool venues = random.Next(2) == 1;
        b.Behaviour = new BehaviourOptions { Loss = random.Next(2) == 0 ? LossFunction.Linear : LossFunction.Quadratic, Tension = random.NextDouble(), BlocCorrelation = 0.3 };
        b.Procedure = new ProcedureOptions { MaxRounds = random.Next(2, 7), UseSilence = venues, EscalateToMinisterialCouncil = venues };
        b.Chair = new ChairOptions { Strategy = ChairStrategy.Compromise, Step = 0.1 + (random.NextDouble() * 0.8) };
        var compiled = b.Build().Compile();
        string shared = Tallies(compiled, KernelSwitches.Production, 1_000);
        return shared == Tallies(compiled, PerStateRows, 1_000)
            && shared == Tallies(compiled, PerStateGains, 1_000)
            && shared == Tallies(compiled, GeneralPasses, 1_000)
            && shared == Tallies(compiled, TallyEveryVote, 1_000);

        // Around the draft (0.55, 0.3, 0.3), so that votes are contested and trials end in various rounds.
        double Near(double draft) => Math.Clamp(draft - 0.2 + (0.4 * random.NextDouble()), 0, 1);
    }
}
