using ConsensusSim.Behaviour;
using ConsensusSim.Engine;
using ConsensusSim.Engine.Stages;
using ConsensusSim.Model;
using ConsensusSim.Numerics;
using ConsensusSim.Osce;
using ConsensusSim.Simulation;
using FsCheck;
using FsCheck.Xunit;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// Common random numbers for ideal points: each State's coordinate has a uniform of its own, so changing one State's
/// ideal-point distribution in a sweep moves nothing else any trial draws — no other State's point, no other parameter.
/// </summary>
public class IdealPointCrnTests
{
    private const int States = 10;

    /// <summary>The ideal-point distributions a sweep may give a State: fixed, uniform on two intervals, Beta, truncated normal.</summary>
    private static Parameter[] Point(int choice, int d) => [.. Enumerable.Range(0, d).Select(k => (choice % 5) switch
    {
        0 => Parameter.Fixed(0.25 + (0.1 * k)),
        1 => Parameter.Uniform(0, 1),
        2 => Parameter.Uniform(0.2, 0.7),
        3 => Parameter.Beta(2, 3),
        _ => Parameter.TruncatedNormal(0.5, 0.2, 0, 1),
    })];

    /// <summary>Ten States in <paramref name="d"/> dimensions, ideal points uniform on [0, 1] but State <paramref name="state"/>'s, other parameters random too.</summary>
    private static CompiledScenario Scenario(int d, int state, int choice)
    {
        var codes = OsceCatalog.Default.States.Take(States).Select(s => s.Code).ToList();
        var b = new ScenarioBuilder
        {
            Name = "common random numbers",
            States = codes,
            Dimensions = [.. Enumerable.Range(0, d).Select(k => $"d{k}")],
            Defaults = new StateProfile
            {
                IdealPoint = Point(1, d),
                Salience = [.. Enumerable.Repeat(1.0 / d, d)],
                BlockingCost = Parameter.Uniform(0, 0.1),
                Noise = Parameter.Uniform(0.02, 0.08),
                Linkage = Parameter.Beta(2, 5),
            },
            Proposal = new Proposal { StatusQuo = [.. Enumerable.Repeat(0.3, d)], Draft = [.. Enumerable.Repeat(0.6, d)] },
        };
        b.StateOverrides.Add(new ProfileOverride(codes[state], new StateProfile { IdealPoint = Point(choice, d) }));
        return b.Build().Compile();
    }

    private static (ParameterStage Stage, TrialWorkspace Workspace) Stage(CompiledScenario c)
    {
        var plan = KernelPlan.For(c);
        var workspace = new TrialWorkspace(plan);
        return (new ParameterStage(plan, workspace), workspace);
    }

    private static long[] Bits(IEnumerable<double> values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];

    [Property(MaxTest = 60)]
    public void Changing_one_States_ideal_point_distribution_moves_no_other_draw(ulong seed, PositiveInt dimensions, NonNegativeInt state, NonNegativeInt before, NonNegativeInt after)
    {
        int d = (dimensions.Get % 3) + 1, changed = state.Get % States;
        var (firstStage, first) = Stage(Scenario(d, changed, before.Get));
        var (secondStage, second) = Stage(Scenario(d, changed, after.Get));
        int stride = first.GainColumns.Stride;
        for (long t = 0; t < 30; t++)
        {
            var r1 = TrialRandom.ForTrial(seed, t);
            var r2 = TrialRandom.ForTrial(seed, t);
            firstStage.Draw(seed, t, ref r1);
            secondStage.Draw(seed, t, ref r2);
            for (int i = 0; i < States; i++)
            {
                if (i == changed)
                {
                    continue;
                }

                Assert.Equal(Bits(first.Ideal.Skip(i * d).Take(d)), Bits(second.Ideal.Skip(i * d).Take(d)));
                Assert.Equal(
                    Bits(Enumerable.Range(0, d).Select(k => first.GainColumns.Ideals[(k * stride) + i])),
                    Bits(Enumerable.Range(0, d).Select(k => second.GainColumns.Ideals[(k * stride) + i])));
            }

            Assert.Equal(Bits(first.BlockingCost), Bits(second.BlockingCost));
            Assert.Equal(Bits(first.InverseNoise), Bits(second.InverseNoise));
            Assert.Equal(Bits(first.Linkage), Bits(second.Linkage));
            Assert.Equal(r1.NextUInt64(), r2.NextUInt64());
        }
    }

    [Fact]
    public void A_States_coordinate_is_its_distributions_quantile_at_its_own_uniform()
    {
        const int D = 3, Changed = 4;
        ulong key = IdealPointUniforms.KeyOf(11);
        foreach (int choice in new[] { 0, 2, 3 })
        {
            var (stage, workspace) = Stage(Scenario(D, Changed, choice));
            var points = Point(choice, D);
            for (long t = 0; t < 100; t++)
            {
                var random = TrialRandom.ForTrial(11, t);
                stage.Draw(11, t, ref random);
                for (int k = 0; k < D; k++)
                {
                    double u = IdealPointUniforms.At(key, t, (Changed * D) + k);
                    double exact = points[k].Quantile(u);

                    // A uniform or fixed coordinate is exact; a Beta one comes from its table, within the stated bound.
                    Assert.InRange(Math.Abs(workspace.Ideal[(Changed * D) + k] - exact), 0, choice == 3 ? ParameterSampler.Bound : 0);
                    Assert.Equal(workspace.Ideal[(Changed * D) + k], workspace.GainColumns.Ideals[(k * workspace.GainColumns.Stride) + Changed]);
                }
            }
        }
    }
}
