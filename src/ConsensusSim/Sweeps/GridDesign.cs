using System.Numerics;

namespace ConsensusSim.Sweeps;

/// <summary>Every combination of the parameters' values; the last parameter varies fastest.</summary>
internal sealed class GridDesign : SweepDesign
{
    private readonly IReadOnlyList<string>[] _values;

    private GridDesign(IReadOnlyList<SweepParameter> parameters, IReadOnlyList<string>? sources, string paramName, int count)
        : base([.. parameters.Select(p => p.Path)], sources, paramName)
    {
        _values = [.. parameters.Select(p => p.Values)];
        Count = count;
    }

    public override int Count { get; }

    /// <summary>The grid, refused if its product exceeds <see cref="SweepDesign.MaxPoints"/> before anything is made.</summary>
    /// <param name="parameters">The axes.</param>
    /// <param name="sources">How each axis was given, for messages; null for the paths.</param>
    /// <param name="paramName">The argument the axes came from.</param>
    /// <returns>The grid.</returns>
    internal static GridDesign Create(IReadOnlyList<SweepParameter> parameters, IReadOnlyList<string>? sources, string paramName)
    {
        if (parameters.Any(p => p is null))
        {
            throw new ArgumentException("No grid parameter may be null.", paramName);
        }

        // BigInteger because 100 parameters overflow any fixed width.
        var product = parameters.Aggregate(BigInteger.One, (n, p) => n * p.Values.Count);
        if (product > MaxPoints)
        {
            throw new ArgumentException($"The grid has {N(product)} design points; a sweep has at most {MaxPoints:N0}.", paramName);
        }

        return new GridDesign(parameters, sources, paramName, (int)product);
    }

    internal override IReadOnlyList<string> Values(int index)
    {
        var point = new string[_values.Length];
        for (int c = _values.Length - 1; c >= 0; c--)
        {
            int n = _values[c].Count;
            point[c] = _values[c][index % n];
            index /= n;
        }

        return point;
    }

    internal override void Identify(ISweepFingerprint fingerprint)
    {
        fingerprint.Add("grid");
        for (int c = 0; c < _values.Length; c++)
        {
            fingerprint.Add(Paths[c]);
            fingerprint.Add(_values[c].Count);
            foreach (string value in _values[c])
            {
                fingerprint.Add(value);
            }
        }
    }

    /// <summary>
    /// First a diagonal that between its points uses every value of every parameter, so a value that is bad
    /// wherever it stands is found within the longest parameter's length; then every point.
    /// </summary>
    /// <returns>Indices to check.</returns>
    internal override IEnumerable<int> CheckOrder()
    {
        int longest = _values.Max(v => v.Count);
        for (int d = 0; d < longest; d++)
        {
            int index = 0;
            for (int c = 0; c < _values.Length; c++)
            {
                index = (index * _values[c].Count) + (d % _values[c].Count);
            }

            yield return index;
        }

        for (int k = 0; k < Count; k++)
        {
            yield return k;
        }
    }
}
