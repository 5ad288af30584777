using BenchmarkDotNet.Attributes;
using ConsensusSim.Engine;
using ConsensusSim.Engine.Stages;
using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Benchmarks;

/// <summary>
/// Where a trial of <see cref="AgendaSetterBenchmarks"/> with random ideal points spends its time, stage by stage: the
/// parameter draws alone, then with each stage after them (per-trial cost = mean ÷ <see cref="Trials"/>). The vote is
/// the difference between these and the whole trial.
/// </summary>
public class AgendaSetterStageBenchmarks
{
    public const int Trials = 2_000;

    private ParameterStage _fixedDraws = null!;
    private ParameterStage _setterDraws = null!;
    private StakeStage _fixedStakes = null!;
    private StakeStage _setterStakes = null!;
    private ThresholdStage _setterThresholds = null!;
    private ThresholdStage _fixedThresholds = null!;
    private int[] _variable = null!;

    [Params(2, 3)]
    public int Dimensions { get; set; }

    [Params(LossFunction.Linear, LossFunction.Quadratic)]
    public LossFunction Loss { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var fixedPlan = KernelPlan.For(AgendaSetterBenchmarks.Build(ChairStrategy.Fixed, randomIdeals: true, Dimensions, Loss));
        var fixedWorkspace = new TrialWorkspace(fixedPlan);
        _fixedDraws = new ParameterStage(fixedPlan, fixedWorkspace);
        _fixedStakes = new StakeStage(fixedPlan, fixedWorkspace);
        _fixedThresholds = new ThresholdStage(fixedPlan, fixedWorkspace);
        _variable = [.. fixedPlan.VariableStates];
        var setterPlan = KernelPlan.For(AgendaSetterBenchmarks.Build(ChairStrategy.AgendaSetter, randomIdeals: true, Dimensions, Loss));
        var setterWorkspace = new TrialWorkspace(setterPlan);
        _setterDraws = new ParameterStage(setterPlan, setterWorkspace);
        _setterStakes = new StakeStage(setterPlan, setterWorkspace);
        _setterThresholds = new ThresholdStage(setterPlan, setterWorkspace);
    }

    /// <summary>The random ideal points' draws alone, as a trial of the fused loop draws them (no stream to set up: they have a block of their own).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Trials)]
    public void Draws()
    {
        for (int t = 0; t < Trials; t++)
        {
            var random = default(TrialRandom);
            _fixedDraws.Draw(1, t, ref random);
        }
    }

    /// <summary>Draws, then the Fixed Chair's gains and thresholds of every State.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public void DrawsAndFixedChairStakes()
    {
        for (int t = 0; t < Trials; t++)
        {
            var random = TrialRandom.ForTrial(1, t);
            _fixedDraws.Draw(1, t, ref random);
            _fixedStakes.UpdateVariableStates(_variable, _fixedThresholds);
        }
    }

    /// <summary>Draws, then the agenda-setter's proposal (the solve and its check).</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public void DrawsAndProposal()
    {
        for (int t = 0; t < Trials; t++)
        {
            var random = TrialRandom.ForTrial(1, t);
            _setterDraws.Draw(1, t, ref random);
            _setterStakes.PrepareItems();
        }
    }

    /// <summary>Draws, the proposal, then the decision's gains and thresholds.</summary>
    [Benchmark(OperationsPerInvoke = Trials)]
    public void DrawsProposalAndThresholds()
    {
        for (int t = 0; t < Trials; t++)
        {
            var random = TrialRandom.ForTrial(1, t);
            _setterDraws.Draw(1, t, ref random);
            _setterStakes.PrepareItems();
            _setterStakes.LoadDecision();
            _setterThresholds.PrepareAll();
        }
    }
}
