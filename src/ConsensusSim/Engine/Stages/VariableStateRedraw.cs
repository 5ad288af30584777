using ConsensusSim.Numerics;

namespace ConsensusSim.Engine.Stages;

/// <summary>
/// The start of a trial whose random parameters belong to a few States: draw them (ideal points from their block, the
/// rest from the trial's stream), then recompute those States' gains and thresholds only, everyone else's kept from the
/// run's start. The general path and the fused loop both begin a trial with it, so they draw and compute the same.
/// </summary>
internal sealed class VariableStateRedraw(ParameterStage parameters, StakeStage stakes, ThresholdStage thresholds, int[] states)
{
    private readonly bool _one = parameters.DrawsOneStored;
    private readonly bool _fromStream = parameters.DrawsFromStream;

    /// <summary>Draws trial <paramref name="trial"/>'s parameters from its stream and updates the States that drew them.</summary>
    /// <returns>The trial's stream, past the parameters' draws.</returns>
    public TrialRandom Begin(ulong seed, long trial)
    {
        var random = TrialRandom.ForTrial(seed, trial);
        parameters.Draw(seed, trial, ref random);
        stakes.UpdateVariableStates(states, thresholds);
        return random;
    }

    /// <summary>
    /// What <see cref="Begin"/> draws and updates, for a trial that uses nothing else from its stream (the fused loop's):
    /// a single parameter then takes the stream's first uniform without setting up the rest of the stream.
    /// </summary>
    public void Refresh(ulong seed, long trial)
    {
        if (_one)
        {
            parameters.DrawOne(TrialRandom.FirstDouble(seed, trial));
        }
        else
        {
            // Ideal points alone draw from their own block: no stream to set up.
            var random = _fromStream ? TrialRandom.ForTrial(seed, trial) : default;
            parameters.Draw(seed, trial, ref random);
        }

        stakes.UpdateVariableStates(states, thresholds);
    }
}
