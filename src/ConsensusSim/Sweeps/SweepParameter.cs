namespace ConsensusSim.Sweeps;

/// <summary>One axis of a full grid: a varied path and the values it takes, as the texts a scenario file would hold.</summary>
public sealed class SweepParameter
{
    /// <summary>Creates the axis.</summary>
    /// <param name="path">A dot path in the scenario file (<c>behaviour.tension</c>, <c>overrides.RUS.linkage</c>) or a shorthand such as <c>tension</c>.</param>
    /// <param name="values">The values, in order: numbers, booleans or arrays as JSON text, anything else as a string.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or <paramref name="values"/> is empty or holds a null.</exception>
    public SweepParameter(string path, IEnumerable<string> values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(values);
        string[] copy = [.. values];
        if (copy.Length == 0 || copy.Any(v => v is null))
        {
            throw new ArgumentException("A grid parameter needs at least one value, and no value may be null.", nameof(values));
        }

        Path = path;
        Values = copy;
    }

    /// <summary>The varied path.</summary>
    public string Path { get; }

    /// <summary>The values, in order.</summary>
    public IReadOnlyList<string> Values { get; }
}
