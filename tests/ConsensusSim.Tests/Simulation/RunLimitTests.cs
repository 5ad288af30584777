using ConsensusSim.Model;
using ConsensusSim.Simulation;
using ConsensusSim.Engine;
using ConsensusSim.Serialization;

namespace ConsensusSim.Tests.Simulation;

/// <summary>
/// A trial's noise is addressed by its index and a vote's by the participants' count; runs beyond what the
/// stream layout addresses are refused up front, with the limit named, rather than wrapping around.
/// </summary>
public class RunLimitTests
{
    [Fact]
    public void More_trials_than_the_streams_address_are_refused()
    {
        Assert.True(SimulationOptions.MaxTrials < NormalBlock.TrialLimit);
        var compiled = Scenario.Default.Compile();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => MonteCarloRunner.Run(compiled, new SimulationOptions { Trials = SimulationOptions.MaxTrials + 1 }));
        Assert.Equal("options.Trials", e.ParamName);

        var b = Scenario.Default.ToBuilder();
        b.Trials = SimulationOptions.MaxTrials + 1;
        var invalid = Assert.Throws<ScenarioValidationException>(b.Build);
        Assert.Contains(invalid.Problems, p => p.Path == "$.simulation.trials");
    }

    [Fact]
    public void More_participants_than_one_vote_can_draw_noise_for_are_refused()
    {
        // A vote draws one normal per participant and one per bloc with shared noise (at most one bloc per participant),
        // rounded up to whole blocks: the largest body allowed must fit one trial's stream.
        Assert.True((2 * ScenarioValidator.MaxParticipants) + NormalBlock.BlockLength <= NormalBlock.MaxLength);
        var b = new ScenarioBuilder { Name = "too many", States = [] };
        for (int i = 0; i <= ScenarioValidator.MaxParticipants; i++)
        {
            b.Actors.Add(new Actor($"a{i}"));
        }

        var e = Assert.Throws<ScenarioValidationException>(b.Build);
        var problem = Assert.Single(e.Problems, p => p.Path == "$.actors");
        Assert.Contains($"at most {ScenarioValidator.MaxParticipants:N0} participants", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_ideal_point_coordinates_than_a_trial_can_draw_are_refused()
    {
        // One uniform per participant and dimension, from a stream that addresses 2²⁰ per trial.
        Assert.Equal(IdealPointUniforms.MaxLength, ScenarioLimits.MaxIdealPointCoordinates);
        int d = (ScenarioLimits.MaxIdealPointCoordinates / 2) + 1;
        var b = new ScenarioBuilder { Name = "too many coordinates", States = [], Dimensions = [.. Enumerable.Range(0, d).Select(k => $"d{k}")] };
        b.Actors.Add(new Actor("a0"));
        b.Actors.Add(new Actor("a1"));

        var e = Assert.Throws<ScenarioValidationException>(b.Build);
        var problem = Assert.Single(e.Problems, p => p.Path == "$.dimensions");
        Assert.Contains($"at most {ScenarioLimits.MaxIdealPointCoordinates:N0} ideal-point coordinates", problem.Message, StringComparison.Ordinal);
        Assert.Contains($"2 × {d:N0}", problem.Message, StringComparison.Ordinal);
    }
}
