namespace ConsensusSim.Model;

/// <summary>Which of the values an era owns an <see cref="EraValue"/> describes.</summary>
public enum EraValueKind
{
    /// <summary>The politico-military tension T (<c>behaviour.tension</c>).</summary>
    Tension,

    /// <summary>The noise correlation ρ inside every bloc (<c>behaviour.blocCorrelation</c>, per bloc <c>behaviour.blocCorrelations</c>).</summary>
    BlocCorrelation,

    /// <summary>A bloc's linkage propensity λ (a profile's <c>linkage</c>).</summary>
    Linkage,

    /// <summary>A bloc's blocking cost τ (a profile's <c>blockingCost</c>).</summary>
    BlockingCost,
}
