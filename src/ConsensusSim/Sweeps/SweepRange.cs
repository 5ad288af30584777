namespace ConsensusSim.Sweeps;

/// <summary>One axis of a Latin hypercube: a varied path and the interval [<see cref="Low"/>, <see cref="High"/>) its values fill.</summary>
public sealed class SweepRange
{
    /// <summary>Creates the axis.</summary>
    /// <param name="path">A dot path in the scenario file or a shorthand such as <c>tension</c>.</param>
    /// <param name="low">The lower end, finite.</param>
    /// <param name="high">The upper end, finite and above <paramref name="low"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An end is not finite, or <paramref name="high"/> is not above <paramref name="low"/>.</exception>
    public SweepRange(string path, double low, double high)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!double.IsFinite(low))
        {
            throw new ArgumentOutOfRangeException(nameof(low), low, "The lower end must be finite.");
        }

        if (!double.IsFinite(high) || !(high > low))
        {
            throw new ArgumentOutOfRangeException(nameof(high), high, "The upper end must be finite and above the lower end.");
        }

        Path = path;
        Low = low;
        High = high;
    }

    /// <summary>The varied path.</summary>
    public string Path { get; }

    /// <summary>The lower end.</summary>
    public double Low { get; }

    /// <summary>The upper end.</summary>
    public double High { get; }
}
