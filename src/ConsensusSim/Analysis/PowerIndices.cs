using System.Globalization;
using ConsensusSim.Model;

namespace ConsensusSim.Analysis;

/// <summary>
/// Exact power indices of weighted voting games, by counting coalitions by weight (and size) with
/// dynamic programming rather than enumerating 2ⁿ coalitions. Counts are 128-bit integers, so removing
/// one player from the full count is exact. The tables have one entry per weight below the quota, after
/// dividing weights and quota by the weights' greatest common divisor (which changes no coalition's
/// outcome); a game whose tables would exceed <see cref="MaxTableBytes"/> or take more than
/// <see cref="MaxTableUpdates"/> is refused at once, before anything is allocated.
/// </summary>
public static class PowerIndices
{
    /// <summary>
    /// The most memory the coalition-count tables of one computation may take, in bytes (256 MiB): 16 bytes per
    /// entry, 2 × quota entries for the Banzhaf indices and (2 × players + 1) × quota for Shapley–Shubik.
    /// </summary>
    public const long MaxTableBytes = 256L << 20;

    /// <summary>
    /// The most updates of table entries one computation may make (2³⁰, a few seconds): 3 × players × quota for the
    /// Banzhaf indices and 2.5 × players² × quota for Shapley–Shubik.
    /// </summary>
    public const long MaxTableUpdates = 1L << 30;

    private const int EntryBytes = 16;

    /// <summary>Swings: for each player, the losing coalitions of the others that its weight turns into winning ones.</summary>
    /// <param name="game">The game.</param>
    /// <returns>Raw Banzhaf counts, as doubles.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The tables would exceed <see cref="MaxTableBytes"/> or <see cref="MaxTableUpdates"/> (<paramref name="game"/>).</exception>
    public static double[] Swings(WeightedVotingGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        var (weights, quota) = Reduced(game);
        int n = weights.Length;
        int q = CheckedTableWidth(game, quota, entriesPerWeight: 2, updatesPerWeight: 3 * n, "Banzhaf");
        var all = CountByWeight(weights, q);
        var others = new Int128[q];
        var swings = new double[n];
        for (int i = 0; i < n; i++)
        {
            long wi = weights[i];
            RemovePlayer(all, others, wi);
            Int128 s = 0;
            for (long w = Math.Max(0, quota - wi); w < q; w++)
            {
                s += others[w];
            }

            swings[i] = (double)s;
        }

        return swings;
    }

    /// <summary>The normalised Banzhaf index: swings divided by all players' swings; all zero when nobody swings.</summary>
    /// <param name="game">The game.</param>
    /// <returns>Indices summing to 1.</returns>
    public static double[] BanzhafNormalized(WeightedVotingGame game)
    {
        var swings = Swings(game);
        double total = swings.Sum();
        return [.. swings.Select(s => total == 0 ? 0 : s / total)];
    }

    /// <summary>The absolute Banzhaf index (Penrose measure): swings ÷ 2ⁿ⁻¹, the chance of being decisive when others vote at random.</summary>
    /// <param name="game">The game.</param>
    /// <returns>Indices; under unanimity each is 2¹⁻ⁿ.</returns>
    public static double[] BanzhafAbsolute(WeightedVotingGame game)
    {
        var swings = Swings(game);
        double scale = Math.ScaleB(1.0, -(game.PlayerCount - 1));
        return [.. swings.Select(s => s * scale)];
    }

    /// <summary>The Shapley–Shubik index: the share of player orderings in which the player is pivotal.</summary>
    /// <param name="game">The game.</param>
    /// <returns>Indices summing to 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The tables would exceed <see cref="MaxTableBytes"/> or <see cref="MaxTableUpdates"/> (<paramref name="game"/>).</exception>
    public static double[] ShapleyShubik(WeightedVotingGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        var (weights, quota) = Reduced(game);
        int n = weights.Length;
        int q = CheckedTableWidth(game, quota, entriesPerWeight: (2 * n) + 1, updatesPerWeight: ((5 * n * n) + n) / 2, "Shapley–Shubik");

        // all[s, w]: coalitions of size s and weight w < q among every player.
        var all = new Int128[n + 1, q];
        all[0, 0] = 1;
        int size = 0;
        foreach (long wj in weights)
        {
            size++;
            for (int s = size; s >= 1; s--)
            {
                for (long w = q - 1; w >= wj; w--)
                {
                    all[s, w] += all[s - 1, w - wj];
                }
            }
        }

        // s!(n−s−1)!/n! = 1 / (n·C(n−1, s)).
        var orderWeight = new double[n];
        double binomial = 1;
        for (int s = 0; s < n; s++)
        {
            orderWeight[s] = 1.0 / (n * binomial);
            binomial = binomial * (n - 1 - s) / (s + 1);
        }

        var others = new Int128[n, q];
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            long wi = weights[i];
            for (int s = 0; s < n; s++)
            {
                for (long w = 0; w < q; w++)
                {
                    // Coalitions without i = all − those with i (i plus a coalition of others of size s−1).
                    Int128 with = s >= 1 && w >= wi ? others[s - 1, w - wi] : 0;
                    others[s, w] = all[s, w] - with;
                }
            }

            double v = 0;
            for (int s = 0; s < n; s++)
            {
                Int128 pivotal = 0;
                for (long w = Math.Max(0, quota - wi); w < q; w++)
                {
                    pivotal += others[s, w];
                }

                v += (double)pivotal * orderWeight[s];
            }

            values[i] = v;
        }

        return values;
    }

    /// <summary>
    /// The weights and quota divided by the weights' greatest common divisor g: a coalition's weight g·w' reaches the
    /// quota exactly when w' reaches ⌈quota / g⌉, so every coalition wins or loses as before.
    /// </summary>
    private static (long[] Weights, long Quota) Reduced(WeightedVotingGame game)
    {
        long g = 0;
        foreach (long w in game.Weights)
        {
            g = Gcd(g, w);
        }

        // The constructor refuses a total weight of 0, so some weight is positive and g ≥ 1.
        return ([.. game.Weights.Select(w => w / g)], (game.Quota / g) + (game.Quota % g == 0 ? 0 : 1));

        static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
    }

    /// <summary>The tables' width (one entry per weight below the quota), once their size and the work on them are known to fit the budgets.</summary>
    private static int CheckedTableWidth(WeightedVotingGame game, long quota, int entriesPerWeight, int updatesPerWeight, string index)
    {
        // quota < 2⁶³ and the factors are below 2¹⁶, so the products are computed in 128 bits.
        Int128 bytes = (Int128)quota * entriesPerWeight * EntryBytes;
        Int128 updates = (Int128)quota * updatesPerWeight;
        string? need = bytes > MaxTableBytes
            ? string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling((double)bytes / (1 << 20)):N0} MiB of coalition counts ({EntryBytes} bytes × {entriesPerWeight} × quota); the limit is {MaxTableBytes >> 20} MiB")
            : updates > MaxTableUpdates
            ? string.Create(CultureInfo.InvariantCulture, $"{(double)updates:N0} updates of coalition counts ({updatesPerWeight:N0} × quota); the limit is {MaxTableUpdates:N0}")
            : null;
        if (need is not null)
        {
            string reduced = quota == game.Quota ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" ({quota:N0} after dividing by the weights' common divisor)");
            throw ArgumentReason.StatedOutOfRange(
                nameof(game),
                null,
                string.Create(CultureInfo.InvariantCulture, $"Exact {index} indices for quota {game.Quota:N0}{reduced} and {game.PlayerCount} players need {need}. Rescale the weights and quota to smaller whole numbers."));
        }

        return (int)quota;
    }

    /// <summary>Coalitions of all players by weight, for weights below the quota.</summary>
    private static Int128[] CountByWeight(long[] weights, int q)
    {
        var count = new Int128[q];
        count[0] = 1;
        foreach (long wj in weights)
        {
            for (long w = q - 1; w >= wj; w--)
            {
                count[w] += count[w - wj];
            }
        }

        return count;
    }

    /// <summary>Coalitions of the other players by weight: undo one step of the counting recursion, exactly.</summary>
    private static void RemovePlayer(Int128[] all, Int128[] others, long wi)
    {
        if (wi == 0)
        {
            // A weightless player doubles every count.
            for (long w = 0; w < all.Length; w++)
            {
                others[w] = all[w] / 2;
            }

            return;
        }

        for (long w = 0; w < all.Length; w++)
        {
            others[w] = all[w] - (w >= wi ? others[w - wi] : 0);
        }
    }
}
