using ConsensusSim.Sweeps;

namespace ConsensusSim.Calibration;

/// <summary>
/// A parameter to fit: a path in the template scenarios, addressed exactly as a sweep's <c>--vary</c> addresses it
/// (<c>groupings.csto-bloc.linkage</c>, <c>proposal.susceptibility</c>, a shorthand such as <c>tension</c>), the range
/// it is searched in, an optional normal prior and an optional restriction to some cells (an era's own linkage
/// applies only to that era's cells; elsewhere the templates keep their own value).
/// </summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class CalibrationParameter
{
    /// <summary>Creates the parameter.</summary>
    /// <param name="range">The path and the bounds [low, high] of the search.</param>
    /// <param name="name">A label for the output; <see langword="null"/> uses the path, with the restriction if there is one.</param>
    /// <param name="prior">A normal prior on the parameter's scale, or <see langword="null"/> for none (plain maximum likelihood).</param>
    /// <param name="appliesTo">The cells it applies to, or <see langword="null"/> for every cell.</param>
    /// <exception cref="ArgumentNullException"><paramref name="range"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is given but empty.</exception>
    public CalibrationParameter(SweepRange range, string? name = null, NormalPrior? prior = null, CellSelector? appliesTo = null)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (name is not null && string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A parameter's name, when given, must not be empty.", nameof(name));
        }

        Range = range;
        Prior = prior;
        AppliesTo = appliesTo;
        Name = name ?? (appliesTo is null ? range.Path : $"{range.Path} [{appliesTo}]");
    }

    /// <summary>The label in the output.</summary>
    public string Name { get; }

    /// <summary>The path and bounds.</summary>
    public SweepRange Range { get; }

    /// <summary>The path in the template scenarios.</summary>
    public string Path => Range.Path;

    /// <summary>The lower bound.</summary>
    public double Low => Range.Low;

    /// <summary>The upper bound.</summary>
    public double High => Range.High;

    /// <summary>The prior, if any.</summary>
    public NormalPrior? Prior { get; }

    /// <summary>The cells it applies to, or <see langword="null"/> for every cell.</summary>
    public CellSelector? AppliesTo { get; }

    /// <summary>Whether the parameter applies to a cell.</summary>
    /// <param name="cell">The cell.</param>
    /// <returns>Whether it does.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cell"/> is <see langword="null"/>.</exception>
    public bool AppliesToCell(ObservedCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return AppliesTo?.Matches(cell) ?? true;
    }

    /// <summary>The value at a point of the unit interval: low + (high − low)·u.</summary>
    internal double FromUnit(double u) => Low + ((High - Low) * u);

    /// <summary>The point of the unit interval of a value.</summary>
    internal double ToUnit(double value) => (value - Low) / (High - Low);
}
