using System.Globalization;

namespace ConsensusSim.Simulation;

/// <summary>
/// One of <see cref="Count"/> disjoint parts of a run's chunks, numbered from 1: shard i of n covers
/// chunks ⌊(i−1)·C/n⌋ to ⌊i·C/n⌋ − 1 of the C chunks. Merging all n shards gives the single run, bit for bit.
/// </summary>
/// <param name="Index">The shard's number, from 1 to <paramref name="Count"/>.</param>
/// <param name="Count">The number of shards.</param>
public readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>Parses <c>i/n</c>, for example <c>2/4</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="shard">The shard, when valid.</param>
    /// <returns>Whether the text is a shard with 1 ≤ i ≤ n.</returns>
    public static bool TryParse(string text, out ShardSpec shard)
    {
        ArgumentNullException.ThrowIfNull(text);
        shard = default;
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            || n < 1 || i < 1 || i > n)
        {
            return false;
        }

        shard = new ShardSpec(i, n);
        return true;
    }

    /// <summary>The chunks [first, end) this shard covers out of <paramref name="chunks"/>.</summary>
    /// <param name="chunks">The run's number of chunks.</param>
    /// <returns>The first chunk and one past the last.</returns>
    public (long First, long End) ChunkRange(long chunks) =>
        ((long)Math.Floor((double)(Index - 1) * chunks / Count), (long)Math.Floor((double)Index * chunks / Count));

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
