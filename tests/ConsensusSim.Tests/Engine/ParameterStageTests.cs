using ConsensusSim.Behaviour;
using ConsensusSim.Engine;
using ConsensusSim.Engine.Stages;
using ConsensusSim.Model;
using ConsensusSim.Numerics;
using ConsensusSim.Osce;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;

namespace ConsensusSim.Tests.Engine;

/// <summary>
/// The parameter stage draws ideal points from their own block, one uniform per State and dimension, into both layouts
/// (State-major and the vector gain computation's dimension-major columns), and every other random parameter from the
/// trial's stream: it must take the same numbers as each parameter's sampler at its uniform, every other parameter in
/// stream order, and both layouts must hold the same points, whatever mix of uniform, partly uniform and other ideal points.
/// </summary>
public class ParameterStageTests
{
    /// <summary>
    /// Three dimensions; most States uniform on [0, 1]³, one with only its second coordinate uniform (a run of part of a
    /// State), one with a Beta coordinate, one on another interval, one fixed; blocking costs uniform too.
    /// </summary>
    private static CompiledScenario Mixed(LossFunction loss)
    {
        var states = OsceCatalog.Default.States.Take(12).Select(s => s.Code).ToList();
        var b = new ScenarioBuilder
        {
            Name = "mixed ideal points",
            States = states,
            Dimensions = ["x", "y", "z"],
            Behaviour = new BehaviourOptions { Loss = loss },
            Defaults = new StateProfile
            {
                IdealPoint = [Parameter.Uniform(0, 1), Parameter.Uniform(0, 1), Parameter.Uniform(0, 1)],
                Salience = [0.5, 0.3, 0.2],
                BlockingCost = Parameter.Uniform(0, 0.1),
                Noise = 0.05,
                Linkage = 0,
            },
            Proposal = new Proposal { StatusQuo = [0.3, 0.4, 0.5], Draft = [0.6, 0.5, 0.4] },
        };
        b.StateOverrides.Add(new ProfileOverride(states[2], new StateProfile { IdealPoint = [0.4, Parameter.Uniform(0, 1), 0.9] }));
        b.StateOverrides.Add(new ProfileOverride(states[5], new StateProfile { IdealPoint = [Parameter.Uniform(0, 1), Parameter.Beta(2, 3), Parameter.Uniform(0, 1)] }));
        b.StateOverrides.Add(new ProfileOverride(states[7], new StateProfile { IdealPoint = [Parameter.Uniform(0.2, 0.8), Parameter.Uniform(0.2, 0.8), Parameter.Uniform(0.2, 0.8)] }));
        b.StateOverrides.Add(new ProfileOverride(states[9], new StateProfile { IdealPoint = [0.1, 0.2, 0.3] }));
        return b.Build().Compile();
    }

    [Theory]
    [InlineData(LossFunction.Linear)]
    [InlineData(LossFunction.Quadratic)]
    public void A_trials_draws_equal_each_parameter_drawn_by_its_sampler_from_its_uniform(LossFunction loss)
    {
        var c = Mixed(loss);
        var plan = KernelPlan.For(c);
        var workspace = new TrialWorkspace(plan);
        var stage = new ParameterStage(plan, workspace);
        int d = c.DimensionCount;
        ulong key = IdealPointUniforms.KeyOf(9);
        for (long t = 0; t < 50; t++)
        {
            var random = TrialRandom.ForTrial(9, t);
            stage.Draw(9, t, ref random);
            var reference = TrialRandom.ForTrial(9, t);
            foreach (var (slot, sampler) in plan.RandomSlots)
            {
                double value = slot.Target == ParameterTarget.IdealPoint
                    ? sampler.At(IdealPointUniforms.At(key, t, slot.Index))
                    : sampler.Draw(ref reference);
                double drawn = slot.Target == ParameterTarget.IdealPoint ? workspace.Ideal[slot.Index] : workspace.BlockingCost[slot.Index];
                Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(drawn));
            }

            // The stream continues where the parameters left it.
            Assert.Equal(reference.NextUInt64(), random.NextUInt64());
            for (int i = 0; i < c.StateCount; i++)
            {
                for (int k = 0; k < d; k++)
                {
                    Assert.Equal(workspace.Ideal[(i * d) + k], workspace.GainColumns.Ideals[(k * workspace.GainColumns.Stride) + i]);
                }
            }
        }
    }

    [Theory]
    [InlineData(LossFunction.Linear)]
    [InlineData(LossFunction.Quadratic)]
    public void The_vector_gains_from_drawn_ideal_points_equal_each_States_scalar_gain(LossFunction loss)
    {
        var c = Mixed(loss);
        var plan = KernelPlan.For(c);
        var workspace = new TrialWorkspace(plan);
        var stage = new ParameterStage(plan, workspace);
        int d = c.DimensionCount;
        double[] q = [0.3, 0.4, 0.5], p = [0.6, 0.5, 0.4];
        var gains = new double[c.StateCount];
        for (long t = 0; t < 50; t++)
        {
            var random = TrialRandom.ForTrial(4, t);
            stage.Draw(4, t, ref random);
            workspace.GainColumns.Compute(q, p, gains);
            for (int i = 0; i < c.StateCount; i++)
            {
                double scalar = AgendaSetter.Gain(q, p, workspace.Ideal.AsSpan(i * d, d), c.Salience.AsSpan(i * d, d), loss);
                Assert.Equal(BitConverter.DoubleToInt64Bits(scalar), BitConverter.DoubleToInt64Bits(gains[i]));
            }
        }
    }

    /// <summary>Uniform and tabulated draws stored directly have the bits of the sampler's own draw, and leave the stream where the sampler leaves it.</summary>
    [Fact]
    public void A_directly_stored_draw_has_the_bits_of_the_samplers_draw()
    {
        var b = Scenario.Default.ToBuilder();
        b.StateOverrides.Add(new ProfileOverride("TUR", new StateProfile { BlockingCost = Parameter.TruncatedNormal(0.06, 0.05, 0, 0.2) }));
        b.StateOverrides.Add(new ProfileOverride("HUN", new StateProfile { IdealPoint = [Parameter.Uniform(0.2, 0.6), 0.3, Parameter.Beta(2, 2)] }));
        var plan = KernelPlan.For(b.Build().Compile());
        var workspace = new TrialWorkspace(plan);
        var stage = new ParameterStage(plan, workspace);
        var slots = plan.RandomSlots;
        Assert.Contains(slots, s => s.Sampler.Tabulated && s.Slot.Target == ParameterTarget.Linkage);
        Assert.Contains(slots, s => s.Sampler.Tabulated && s.Slot.Target == ParameterTarget.BlockingCost);
        Assert.Contains(slots, s => s.Sampler.Tabulated && s.Slot.Target == ParameterTarget.IdealPoint);
        Assert.Contains(slots, s => !s.Sampler.Tabulated && s.Slot.Target == ParameterTarget.IdealPoint);

        ulong key = IdealPointUniforms.KeyOf(5);
        for (long trial = 0; trial < 2_000; trial++)
        {
            var drawn = TrialRandom.ForTrial(5, trial);
            stage.Draw(5, trial, ref drawn);
            var expected = TrialRandom.ForTrial(5, trial);
            foreach (var (slot, sampler) in slots)
            {
                double value = slot.Target == ParameterTarget.IdealPoint
                    ? sampler.At(IdealPointUniforms.At(key, trial, slot.Index))
                    : sampler.Draw(ref expected);
                double[] target = slot.Target switch
                {
                    ParameterTarget.Linkage => workspace.Linkage,
                    ParameterTarget.BlockingCost => workspace.BlockingCost,
                    _ => workspace.Ideal,
                };
                Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(target[slot.Index]));
            }

            Assert.Equal(expected.NextUInt64(), drawn.NextUInt64());
        }
    }

    [Theory]
    [InlineData("Vector256")]
    [InlineData("Vector512")]
    [InlineData("Auto")]
    public void Every_vector_path_draws_the_scalar_paths_ideal_points_into_both_layouts(string name)
    {
        var path = Enum.Parse<NormalPath>(name);
        var c = Mixed(LossFunction.Quadratic);
        var plan = KernelPlan.For(c);
        var expected = new TrialWorkspace(plan);
        var actual = new TrialWorkspace(plan);
        _ = new ParameterStage(plan, expected);
        _ = new ParameterStage(plan, actual);
        var scalar = IdealPointDraw.For(plan, expected, NormalPath.Scalar)!;
        var drawn = IdealPointDraw.For(plan, actual, path)!;
        for (long t = 0; t < 200; t++)
        {
            scalar.Draw(13, t);
            drawn.Draw(13, t);
            Assert.Equal(expected.Ideal.Select(BitConverter.DoubleToInt64Bits), actual.Ideal.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(expected.GainColumns.Ideals.Select(BitConverter.DoubleToInt64Bits), actual.GainColumns.Ideals.Select(BitConverter.DoubleToInt64Bits));
        }

        // The fixed State keeps its point, and the padding of the columns stays untouched.
        Assert.Equal([0.1, 0.2, 0.3], actual.Ideal.AsSpan(9 * 3, 3).ToArray());
        int stride = actual.GainColumns.Stride;
        for (int k = 0; k < 3; k++)
        {
            Assert.All(actual.GainColumns.Ideals.AsSpan((k * stride) + c.StateCount, stride - c.StateCount).ToArray(), x => Assert.Equal(0.0, x));
        }
    }
}
