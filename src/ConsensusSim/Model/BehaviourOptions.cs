namespace ConsensusSim.Model;

/// <summary>Options of the behaviour model shared by all States.</summary>
/// <remarks><threadsafety>Immutable once constructed.</threadsafety></remarks>
public sealed class BehaviourOptions
{
    /// <summary>The behaviour model. Default: <see cref="BehaviourModel.Stance"/>.</summary>
    public BehaviourModel Model { get; init; } = ScenarioFields.Behaviour.Model.DefaultAs<BehaviourModel>();

    /// <summary>Politico-military tension T ∈ [0, 1] of the era. Default 0.</summary>
    public double Tension { get; init; } = ScenarioFields.Behaviour.Tension.DefaultNumber;

    /// <summary>
    /// Correlation ρ ∈ [0, 1] of the noise shared by members of the same bloc (a Gaussian copula), for
    /// blocs not named in <see cref="BlocCorrelations"/>. Default 0 (independent States). With ρ = 1 a
    /// bloc takes one position, as when it speaks through one statement.
    /// </summary>
    public double BlocCorrelation { get; init; } = ScenarioFields.Behaviour.BlocCorrelation.DefaultNumber;

    /// <summary>Per-bloc correlations by bloc id (for example <c>csto-bloc</c>), overriding <see cref="BlocCorrelation"/>.</summary>
    public IReadOnlyDictionary<string, double>? BlocCorrelations { get; init => field = ReadOnlyCopy.Of(value); }

    /// <summary>The behaviour written in code, for <see cref="BehaviourModel.Custom"/>.</summary>
    public ICustomBehaviour? Custom { get; init; }

    /// <summary>Loss function of the stance model. Default <see cref="LossFunction.Linear"/>.</summary>
    public LossFunction Loss { get; init; } = ScenarioFields.Behaviour.Loss.DefaultAs<LossFunction>();

    /// <summary>
    /// Gain θ ∈ [0, 1] above which a State values a proposal: a State retaliates against those whose objection blocked a
    /// decision holding a proposal it values, on the later proposals they value (see <see cref="StateProfile.Retaliation"/>). Default 0.
    /// </summary>
    public double RetaliationThreshold { get; init; } = ScenarioFields.Behaviour.RetaliationThreshold.DefaultNumber;

    /// <summary>These options with the numbers given replaced: the one place that copies every option.</summary>
    internal BehaviourOptions With(double? tension = null, double? blocCorrelation = null, double? retaliationThreshold = null) => new()
    {
        Model = Model,
        Loss = Loss,
        Tension = tension ?? Tension,
        BlocCorrelation = blocCorrelation ?? BlocCorrelation,
        BlocCorrelations = BlocCorrelations,
        Custom = Custom,
        RetaliationThreshold = retaliationThreshold ?? RetaliationThreshold,
    };
}
