namespace ConsensusSim.Model;

/// <summary>
/// Behavioural parameters of a State, any of which may be left unset so that a profile for a
/// grouping or a single State overrides only what it names. Profiles are applied in the order
/// defaults → the era's bloc stances (linkage and blocking cost, when the scenario names an era) →
/// groupings (in scenario order) → the State's own overrides.
/// </summary>
/// <remarks><threadsafety>Immutable once constructed.</threadsafety></remarks>
public sealed class StateProfile
{
    /// <summary>An empty profile that changes nothing.</summary>
    public static StateProfile Empty { get; } = new();

    /// <summary>Probability of objecting in a round, for the fixed-objection behaviour.</summary>
    public Parameter? ObjectionProbability { get; init; }

    /// <summary>The State's ideal point, one coordinate in [0, 1] per dimension (stance behaviour).</summary>
    public IReadOnlyList<Parameter>? IdealPoint { get; init => field = ReadOnlyCopy.Of(value); }

    /// <summary>Salience weights, non-negative and summing to 1, one per dimension (stance behaviour).</summary>
    public IReadOnlyList<double>? Salience { get; init => field = ReadOnlyCopy.Of(value); }

    /// <summary>Blocking cost τ ≥ 0: how much loss a State swallows before objecting (stance behaviour).</summary>
    public Parameter? BlockingCost { get; init; }

    /// <summary>Noise scale σ ≥ 0 of the State's perceived gain (stance behaviour).</summary>
    public Parameter? Noise { get; init; }

    /// <summary>Linkage propensity λ ∈ [0, 1]: readiness to take unrelated items hostage when tension is high.</summary>
    public Parameter? Linkage { get; init; }

    /// <summary>
    /// Retaliation propensity ρ ∈ [0, 1]: in the item-by-item votes after a failed package, the chance that the State
    /// objects to a later proposal wanted by a State whose objection blocked a decision it valued and did not oppose (stance
    /// behaviour; see <see cref="BehaviourOptions.RetaliationThreshold"/>).
    /// </summary>
    public Parameter? Retaliation { get; init; }

    /// <summary>Returns this profile with every parameter that <paramref name="other"/> sets replaced by <paramref name="other"/>'s value.</summary>
    /// <param name="other">The more specific profile.</param>
    /// <returns>The combined profile.</returns>
    public StateProfile OverriddenBy(StateProfile other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new StateProfile
        {
            ObjectionProbability = other.ObjectionProbability ?? ObjectionProbability,
            IdealPoint = other.IdealPoint ?? IdealPoint,
            Salience = other.Salience ?? Salience,
            BlockingCost = other.BlockingCost ?? BlockingCost,
            Noise = other.Noise ?? Noise,
            Linkage = other.Linkage ?? Linkage,
            Retaliation = other.Retaliation ?? Retaliation,
        };
    }
}
