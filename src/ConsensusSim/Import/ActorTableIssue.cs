namespace ConsensusSim.Import;

/// <summary>One issue (a column of positions) of an actor × issue table, with the scale its positions are on.</summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class ActorTableIssue
{
    /// <summary>Creates an issue.</summary>
    /// <param name="id">The issue's identifier; it becomes a scenario dimension.</param>
    /// <param name="label">A readable description.</param>
    /// <param name="minimum">The low end of the position scale.</param>
    /// <param name="maximum">The high end of the position scale (not below <paramref name="minimum"/>).</param>
    public ActorTableIssue(string id, string label, double minimum, double maximum)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(label);
        RequireFinite(minimum, nameof(minimum));
        RequireFinite(maximum, nameof(maximum));
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, minimum);
        Id = id;
        Label = label;
        Minimum = minimum;
        Maximum = maximum;
    }

    /// <summary>The issue's identifier; it becomes a scenario dimension.</summary>
    public string Id { get; }

    /// <summary>A readable description.</summary>
    public string Label { get; }

    /// <summary>The low end of the position scale.</summary>
    public double Minimum { get; }

    /// <summary>The high end of the position scale.</summary>
    public double Maximum { get; }

    /// <summary>Maps a position on this issue's scale to [0, 1], the scenario's scale.</summary>
    /// <param name="position">A position on the issue's scale.</param>
    /// <returns>The position in [0, 1]; 0.5 when the scale is a single point.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="position"/> is infinite or not a number.</exception>
    public double ToUnit(double position)
    {
        RequireFinite(position, nameof(position));
        if (!(Maximum > Minimum))
        {
            return 0.5;
        }

        // A scale from -1e308 to 1e308 is wider than a double holds: halve everything (exact but for subnormals, which
        // such a scale cannot tell apart) rather than divide infinity by infinity. + 0.0 writes -0 as 0.
        double range = Maximum - Minimum;
        double unit = double.IsFinite(range)
            ? (position - Minimum) / range
            : ((position / 2) - (Minimum / 2)) / ((Maximum / 2) - (Minimum / 2));
        return Math.Clamp(unit, 0, 1) + 0.0;
    }

    private static void RequireFinite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be a finite number.");
        }
    }
}
