namespace ConsensusSim.Calibration;

/// <summary>
/// A fit: every parameter with its 95 % profile-likelihood interval and identifiability flags, every fitted cell beside
/// its observation, the cells left out, and the deviance.
/// </summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class CalibrationResult
{
    /// <summary>χ²₁(0.95) = 3.841: a 95 % interval holds the values whose profile deviance lies within it of the minimum.</summary>
    public const double ProfileThreshold = BlockFitter.Threshold;

    /// <summary>The optimiser's convergence tolerance on the objective (<see cref="SimplexSearch.Tolerance"/>): 10⁻⁶·(|objective| + 1).</summary>
    public const double ConvergenceTolerance = SimplexSearch.Tolerance;

    /// <summary>How close to a bound, as a share of the parameter's range, an estimate is flagged <see cref="Identifiability.OnBound"/>.</summary>
    public const double BoundMargin = BlockFitter.BoundMargin;

    internal CalibrationResult(CalibrationSpec spec, long trials, ulong seed, IReadOnlyList<ParameterEstimate> parameters, IReadOnlyList<CellFit> cells, IReadOnlyList<ObservedCell> skipped, bool converged, long simulations)
    {
        Spec = spec;
        Trials = trials;
        Seed = seed;
        Parameters = parameters;
        Cells = cells;
        Skipped = skipped;
        Converged = converged;
        Simulations = simulations;
        Deviance = cells.Sum(c => c.Deviance);
        Penalty = parameters.Where(p => !p.Flags.HasFlag(Identifiability.NoData)).Sum(p => p.Parameter.Prior?.Penalty(p.Estimate) ?? 0);
    }

    /// <summary>The spec fitted.</summary>
    public CalibrationSpec Spec { get; }

    /// <summary>Trials per cell and evaluation.</summary>
    public long Trials { get; }

    /// <summary>The seed of every simulation.</summary>
    public ulong Seed { get; }

    /// <summary>The parameters, in the spec's order.</summary>
    public IReadOnlyList<ParameterEstimate> Parameters { get; }

    /// <summary>The fitted cells, in the record's order.</summary>
    public IReadOnlyList<CellFit> Cells { get; }

    /// <summary>The cells left out: no template simulates them.</summary>
    public IReadOnlyList<ObservedCell> Skipped { get; }

    /// <summary>The binomial deviance over the fitted cells at the fitted values (0 would fit every observed rate exactly).</summary>
    public double Deviance { get; }

    /// <summary>The priors' penalty at the fitted values.</summary>
    public double Penalty { get; }

    /// <summary>Whether every search converged within its evaluations (<see cref="ConvergenceTolerance"/>).</summary>
    public bool Converged { get; }

    /// <summary>Monte Carlo runs made (each of <see cref="Trials"/> trials).</summary>
    public long Simulations { get; }

    /// <summary>The parameters flagged as not identified as points.</summary>
    public IEnumerable<ParameterEstimate> Flagged => Parameters.Where(p => !p.IsIdentified);
}
