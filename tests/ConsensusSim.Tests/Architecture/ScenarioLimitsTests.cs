using ConsensusSim.Engine;
using ConsensusSim.Model;
using ConsensusSim.Simulation;

namespace ConsensusSim.Tests.Architecture;

/// <summary>The model's limits are stated below the engine; the engine must still honour every scenario they admit.</summary>
public class ScenarioLimitsTests
{
    [Fact]
    public void The_model_admits_no_vote_or_run_larger_than_the_engines_noise_streams_can_draw()
    {
        Assert.True(ScenarioLimits.MaxNormalsPerVote <= NormalBlock.MaxLength, $"{ScenarioLimits.MaxNormalsPerVote} normals per vote, the engine draws at most {NormalBlock.MaxLength}");
        Assert.True(ScenarioLimits.MaxTrials <= NormalBlock.TrialLimit, $"{ScenarioLimits.MaxTrials} trials, the engine addresses {NormalBlock.TrialLimit}");
        Assert.Equal(ScenarioLimits.MaxTrials, SimulationOptions.MaxTrials);
    }
}
