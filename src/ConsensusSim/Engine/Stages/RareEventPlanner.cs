namespace ConsensusSim.Engine.Stages;

/// <summary>A run's request for the rare-event estimator: the outcome whose probability is tiny, and the seed its pilot draws from.</summary>
internal readonly record struct RareEventRequest(bool TargetAdopted, ulong Seed);

/// <summary>Builds a rare-event run's design once, when it is planned: reads the run's thresholds, then tunes the tilt.</summary>
internal static class RareEventPlanner
{
    public static RareEventDesign Tune(KernelPlan plan, RareEventRequest request)
    {
        // The thresholds every trial starts from, computed as a trial computes them (the plan requires them static).
        var workspace = new TrialWorkspace(plan);
        _ = new ParameterStage(plan, workspace);
        var stakes = new StakeStage(plan, workspace);
        var thresholds = new ThresholdStage(plan, workspace);
        stakes.PrepareItems();
        stakes.LoadItem(0);
        thresholds.PrepareAll();
        var model = new RareEventModel(plan, workspace, request.TargetAdopted);
        return CrossEntropyPilot.Tune(model, request.Seed);
    }
}
