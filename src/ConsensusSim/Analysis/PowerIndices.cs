namespace ConsensusSim.Analysis;

/// <summary>
/// Exact power indices of weighted voting games, by counting coalitions by weight (and size) with
/// dynamic programming rather than enumerating 2ⁿ coalitions. Counts are 128-bit integers, so removing
/// one player from the full count is exact.
/// </summary>
public static class PowerIndices
{
    /// <summary>Swings: for each player, the losing coalitions of the others that its weight turns into winning ones.</summary>
    /// <param name="game">The game.</param>
    /// <returns>Raw Banzhaf counts, as doubles.</returns>
    public static double[] Swings(WeightedVotingGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        int n = game.PlayerCount;
        int q = (int)Math.Min(game.Quota, int.MaxValue - 1);
        var all = CountByWeight(game, q);
        var others = new Int128[q];
        var swings = new double[n];
        for (int i = 0; i < n; i++)
        {
            long wi = game.Weights[i];
            RemovePlayer(all, others, wi);
            Int128 s = 0;
            for (long w = Math.Max(0, game.Quota - wi); w < q; w++)
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
        double scale = Math.Pow(2, -(game.PlayerCount - 1));
        return [.. swings.Select(s => s * scale)];
    }

    /// <summary>The Shapley–Shubik index: the share of player orderings in which the player is pivotal.</summary>
    /// <param name="game">The game.</param>
    /// <returns>Indices summing to 1.</returns>
    public static double[] ShapleyShubik(WeightedVotingGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        int n = game.PlayerCount;
        int q = (int)Math.Min(game.Quota, int.MaxValue - 1);

        // all[s, w]: coalitions of size s and weight w < q among every player.
        var all = new Int128[n + 1, q];
        all[0, 0] = 1;
        int size = 0;
        foreach (long wj in game.Weights)
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
            long wi = game.Weights[i];
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
                for (long w = Math.Max(0, game.Quota - wi); w < q; w++)
                {
                    pivotal += others[s, w];
                }

                v += (double)pivotal * orderWeight[s];
            }

            values[i] = v;
        }

        return values;
    }

    /// <summary>Coalitions of all players by weight, for weights below the quota.</summary>
    private static Int128[] CountByWeight(WeightedVotingGame game, int q)
    {
        var count = new Int128[q];
        count[0] = 1;
        foreach (long wj in game.Weights)
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
