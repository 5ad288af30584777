namespace ConsensusSim.Sweeps;

/// <summary>Design points given by the caller, a row of values per point.</summary>
internal sealed class TableDesign : SweepDesign
{
    private readonly string[][] _rows;

    private TableDesign(IReadOnlyList<string> paths, string[][] rows)
        : base(paths, null, nameof(paths))
    {
        _rows = rows;
    }

    public override int Count => _rows.Length;

    /// <summary>Checks and copies the rows.</summary>
    /// <param name="paths">The columns.</param>
    /// <param name="rows">The points.</param>
    /// <returns>The design.</returns>
    internal static TableDesign Create(IReadOnlyList<string> paths, IEnumerable<IReadOnlyList<string>> rows)
    {
        var copy = new List<string[]>();
        foreach (var row in rows)
        {
            if (row is null || row.Count != paths.Count || row.Any(v => v is null))
            {
                throw new ArgumentException($"Row {copy.Count + 1} is null, holds a null or has {row?.Count ?? 0} values for {paths.Count} paths.", nameof(rows));
            }

            if (copy.Count == MaxPoints)
            {
                throw new ArgumentException($"More than {MaxPoints:N0} rows; a sweep has at most {MaxPoints:N0} design points.", nameof(rows));
            }

            copy.Add([.. row]);
        }

        if (copy.Count == 0)
        {
            throw new ArgumentException("A design needs at least one row.", nameof(rows));
        }

        return new TableDesign(paths, [.. copy]);
    }

    internal override IReadOnlyList<string> Values(int index) => _rows[index];

    internal override void Identify(ISweepFingerprint fingerprint)
    {
        fingerprint.Add("rows");
        fingerprint.Add(Count);
        foreach (string path in Paths)
        {
            fingerprint.Add(path);
        }

        foreach (var row in _rows)
        {
            foreach (string value in row)
            {
                fingerprint.Add(value);
            }
        }
    }
}
