using System.Runtime.Intrinsics.X86;
using ConsensusSim.Engine;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// A compromising Chair's revision computes the revised gains and thresholds in one vector pass where AVX-512 allows. It
/// must give exactly the tallies of the general passes (gain columns, then every State's thresholds), in every venue,
/// for both loss functions, with a noiseless State (infinite thresholds) and with parameters drawn per trial.
/// </summary>
public class RevisedThresholdsTests
{
    public static TheoryData<string> Variants() => ["forced-rounds", "quadratic", "silence-and-escalation", "random-parameters", "noiseless-state"];

    internal static CompiledScenario Build(string variant)
    {
        var b = Scenario.Default.ToBuilder();
        b.StateOverrides.Clear();
        b.Procedure = new ProcedureOptions { MaxRounds = 6 };
        b.Chair = new ChairOptions { Strategy = ChairStrategy.Compromise, Step = 0.25 };
        foreach (string code in b.Build().States.Take(8))
        {
            // So noisy that some State objects in most rounds: the rounds, and so the revisions, are really taken.
            b.StateOverrides.Add(new ProfileOverride(code, new StateProfile { Noise = 2.0 }));
        }

        switch (variant)
        {
            case "quadratic":
                b.Behaviour = new BehaviourOptions { Loss = LossFunction.Quadratic, Tension = 0.5, BlocCorrelation = 0.3 };
                break;
            case "silence-and-escalation":
                b.Behaviour = new BehaviourOptions { Tension = 1.0, BlocCorrelation = 0.3 };
                b.Procedure = new ProcedureOptions { MaxRounds = 4, UseSilence = true, EscalateToMinisterialCouncil = true };
                break;
            case "random-parameters":
                b.StateOverrides.Add(new ProfileOverride("RUS", new StateProfile { Linkage = Parameter.Beta(4, 4) }));
                b.StateOverrides.Add(new ProfileOverride("TUR", new StateProfile { BlockingCost = Parameter.Uniform(0, 0.3), Noise = Parameter.TruncatedNormal(0.3, 0.1, 0.05, 1) }));
                break;
            case "noiseless-state":
                b.StateOverrides.Add(new ProfileOverride("FRA", new StateProfile { Noise = 0.0 }));
                break;
        }

        return b.Build().Compile();
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void The_one_pass_revision_gives_the_same_tallies_as_the_general_passes(string variant)
    {
        var compiled = Build(variant);
        TrialAccumulator Run(bool fuse)
        {
            var acc = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds);
            new TrialKernel(compiled, new KernelSwitches { FuseRevision = fuse }).RunChunk(17, 100, 3_000, acc);
            return acc;
        }

        Assert.Equal(Avx512F.IsSupported, new TrialKernel(compiled).UsesOnePassRevision);
        Assert.False(new TrialKernel(compiled, new KernelSwitches { FuseRevision = false }).UsesOnePassRevision);
        var general = Run(fuse: false);
        Assert.Equal(SimdPathTests.Tallies(general), SimdPathTests.Tallies(Run(fuse: true)));

        // Revisions happen: trials are adopted after the first round, and some go to the last.
        Assert.True(general.AdoptedInRound.Skip(1).Sum() > 0, "no trial adopted after a revision");
        Assert.InRange(general.Adopted, 1, 2_999);
    }

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(9)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(20)]
    [InlineData(61)]
    public void Bodies_of_any_size_revise_every_vote_to_the_bits_of_the_general_passes(int actors)
    {
        // Every vote tallied and revised from its tally, so every revision takes a one pass — one gain per profile and
        // thresholds per row, per profile, or per State — over whole vectors of States, then a last, partial one of any
        // length, through the silence procedure and the Ministerial Council.
        var b = Scenario.Default.ToBuilder();
        b.States = [];
        b.StateOverrides.Clear();
        for (int i = 0; i < actors; i++)
        {
            b.Actors.Add(new Actor($"a{i}") { Bloc = $"bloc{i % 3}" });
            b.StateOverrides.Add(new ProfileOverride($"a{i}", new StateProfile { IdealPoint = [0.3 + (0.01 * i), 0.4, 0.5], Noise = i % 8 == 0 ? 2.0 : 0.2 }));
        }

        b.Behaviour = new BehaviourOptions { Tension = 1.0, BlocCorrelation = 0.3 };
        b.Procedure = new ProcedureOptions { MaxRounds = 5, UseSilence = true, EscalateToMinisterialCouncil = true };
        b.Chair = new ChairOptions { Strategy = ChairStrategy.Compromise, Step = 0.25 };
        var compiled = b.Build().Compile();
        string Tallies(KernelSwitches switches)
        {
            var acc = new TrialAccumulator(compiled.StateCount, compiled.MaxRounds);
            new TrialKernel(compiled, switches).RunChunk(5, 0, 2_000, acc);
            Assert.True(acc.AdoptedInRound.Skip(1).Sum() > 0, "no trial adopted after a revision");
            return SimdPathTests.Tallies(acc);
        }

        string general = Tallies(new KernelSwitches { FuseRevision = false, BlockedVotesFromMask = false });
        Skip.IfNot(Avx512F.IsSupported, "This machine has no AVX-512: the one-pass revisions of every vote need it, and every such revision takes the general passes here.");
        var perState = new KernelSwitches { ShareProfileGains = false, BlockedVotesFromMask = false };
        Assert.True(new TrialKernel(compiled, perState).UsesOnePassRevision);
        Assert.Equal(general, Tallies(new KernelSwitches { BlockedVotesFromMask = false }));
        Assert.Equal(general, Tallies(new KernelSwitches { ShareThresholdRows = false, BlockedVotesFromMask = false }));
        Assert.Equal(general, Tallies(perState));
    }
}
