using System.Globalization;

namespace ConsensusSim.Simulation;

/// <summary>
/// One of <see cref="Count"/> disjoint parts of a run's chunks, numbered from 1: shard i of n covers
/// chunks ⌊(i−1)·C/n⌋ to ⌊i·C/n⌋ − 1 of the C chunks. Merging all n shards gives the single run, bit for bit.
/// A run of C chunks has at most C shards, so that none is empty. <c>default(ShardSpec)</c> is not a shard:
/// for the whole run, give no shard.
/// </summary>
public readonly record struct ShardSpec
{
    /// <summary>Creates shard <paramref name="index"/> of <paramref name="count"/>.</summary>
    /// <param name="index">The shard's number, from 1 to <paramref name="count"/>.</param>
    /// <param name="count">The number of shards, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1, or <paramref name="index"/> is outside 1 to <paramref name="count"/>.</exception>
    public ShardSpec(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, count);
        Index = index;
        Count = count;
    }

    /// <summary>The shard's number, from 1 to <see cref="Count"/>.</summary>
    public int Index { get; }

    /// <summary>The number of shards.</summary>
    public int Count { get; }

    /// <summary>Whether this is <c>default(ShardSpec)</c>, which no constructor makes.</summary>
    internal bool IsDefault => Count == 0;

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

    /// <summary>The chunks [first, end) this shard covers out of <paramref name="chunks"/>, in exact integer arithmetic.</summary>
    /// <param name="chunks">The run's number of chunks, at least 1.</param>
    /// <returns>The first chunk and one past the last; empty when the run has fewer chunks than shards.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunks"/> is below 1.</exception>
    /// <exception cref="InvalidOperationException">This is <c>default(ShardSpec)</c>.</exception>
    public (long First, long End) ChunkRange(long chunks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunks, 1);
        if (IsDefault)
        {
            throw new InvalidOperationException("default(ShardSpec) is not a shard; create one with new ShardSpec(index, count).");
        }

        // Int128: (i − 1)·C reaches 2³¹·10¹², beyond a double's exact integers, where ⌊⌋ could land on the wrong chunk.
        return ((long)((Int128)(Index - 1) * chunks / Count), (long)((Int128)Index * chunks / Count));
    }

    /// <summary>Deconstructs the shard.</summary>
    /// <param name="index">The shard's number.</param>
    /// <param name="count">The number of shards.</param>
    public void Deconstruct(out int index, out int count)
    {
        index = Index;
        count = Count;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
