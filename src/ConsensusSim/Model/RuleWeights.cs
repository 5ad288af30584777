using System.Numerics;
using ConsensusSim.Model;
using ConsensusSim.Numerics;

namespace ConsensusSim.Model;

/// <summary>
/// The participants' weights under a weighted rule and the supporter weight it needs, as whole units a
/// vote can add up in a <see langword="long"/>, with an exact check behind them where units must round.
/// </summary>
/// <remarks>
/// Exact whole weights (populations, budget shares, powers read as the decimals they print as) are
/// used as they are when their total fits in 62 bits. Otherwise each is divided by the same power of two
/// and rounded down, the rounding bounded by <see cref="Slack"/> units in all: a support of at least
/// <see cref="MinimumUnits"/> units certainly suffices, one below it by more than the slack certainly
/// does not, and only a support inside that band — a near tie — is decided by adding the exact weights.
/// <threadsafety>Immutable and safe to share.</threadsafety>
/// </remarks>
internal sealed class RuleWeights
{
    private const int UnitBits = 62;
    private readonly BigInteger[]? _exact;
    private readonly BigInteger _exactTotal;
    private readonly BigInteger _exactNeeded;

    private RuleWeights(long[] units, long minimumUnits, long slack, BigInteger[]? exact, BigInteger exactTotal, BigInteger exactNeeded)
    {
        Units = units;
        TotalUnits = units.Sum();
        MinimumUnits = minimumUnits;
        Slack = slack;
        _exact = exact;
        _exactTotal = exactTotal;
        _exactNeeded = exactNeeded;
    }

    /// <summary>Each participant's weight in units.</summary>
    public long[] Units { get; }

    /// <summary>All participants' weight in units (below 2⁶², so no sum of units overflows).</summary>
    public long TotalUnits { get; }

    /// <summary>The supporter weight in units that certainly suffices; below it, a support suffices only within the slack.</summary>
    public long MinimumUnits { get; }

    /// <summary>Units lost to rounding, in all: 0 when the units are the exact weights.</summary>
    public long Slack { get; }

    /// <summary>Whether the units are the exact weights, so that comparing units decides every vote.</summary>
    public bool IsExact => _exact is null;

    /// <summary>Weights from exact whole weights and the share of their total that supporters must carry.</summary>
    /// <param name="exact">Each participant's exact, non-negative whole weight.</param>
    /// <param name="share">The share of the total weight in [0, 1] (read as its decimal) that supporters need.</param>
    public static RuleWeights Create(IReadOnlyList<BigInteger> exact, double share)
    {
        var total = BigInteger.Zero;
        foreach (var w in exact)
        {
            total += w;
        }

        var needed = ExactDecimal.AtLeast(share, total);
        int shift = (int)Math.Max(0, total.GetBitLength() - UnitBits);
        if (shift == 0)
        {
            return new RuleWeights([.. exact.Select(w => (long)w)], (long)needed, 0, null, total, needed);
        }

        var units = new long[exact.Count];
        var lost = BigInteger.Zero;
        var unit = BigInteger.One << shift;
        for (int i = 0; i < units.Length; i++)
        {
            units[i] = (long)BigInteger.DivRem(exact[i], unit, out var rest);
            lost += rest;
        }

        return new RuleWeights(units, (long)CeilingDivide(needed, unit), (long)CeilingDivide(lost, unit), [.. exact], total, needed);
    }

    /// <summary>
    /// Each power as an exact whole number in a common decimal unit: 0.5, 3 and 0.25 are 50, 300 and 25.
    /// Any finite powers are exact this way, however far apart (1e308 and 1 are 10³⁰⁸ and 1).
    /// </summary>
    /// <param name="powers">Finite, non-negative powers.</param>
    public static BigInteger[] FromPowers(IReadOnlyList<double> powers)
    {
        var parts = powers.Select(ExactDecimal.Of).ToArray();
        int unitExponent = parts.Where(p => !p.Digits.IsZero).Select(p => p.Exponent).DefaultIfEmpty(0).Min();
        return [.. parts.Select(p => p.Digits.IsZero ? BigInteger.Zero : p.Digits * BigInteger.Pow(10, p.Exponent - unitExponent))];
    }

    /// <summary>Whether the supporters — everyone but <paramref name="objectors"/> — carry enough weight.</summary>
    /// <param name="supportUnits">The supporters' weight in units.</param>
    /// <param name="objectors">The participants that objected, to weigh them exactly in a near tie.</param>
    public bool Suffices(long supportUnits, ReadOnlySpan<int> objectors)
    {
        if (supportUnits >= MinimumUnits)
        {
            return true;
        }

        if (_exact is null || supportUnits + Slack < MinimumUnits)
        {
            return false;
        }

        var support = _exactTotal;
        foreach (int i in objectors)
        {
            support -= _exact[i];
        }

        return support >= _exactNeeded;
    }

    private static BigInteger CeilingDivide(BigInteger a, BigInteger b)
    {
        var q = BigInteger.DivRem(a, b, out var r);
        return r.IsZero ? q : q + 1;
    }
}
