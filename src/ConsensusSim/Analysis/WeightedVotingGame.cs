using System.Globalization;
using ConsensusSim.Model;

namespace ConsensusSim.Analysis;

/// <summary>
/// A weighted voting game: a coalition wins when its members' weights sum to at least the quota.
/// Unanimity among n States is the game with weights 1 and quota n.
/// </summary>
/// <remarks><threadsafety>Immutable.</threadsafety></remarks>
public sealed class WeightedVotingGame
{
    /// <summary>The largest number of players the exact indices handle: coalition counts are kept in 128-bit integers.</summary>
    public const int MaxPlayers = 120;

    /// <summary>Creates a game.</summary>
    /// <param name="weights">Each player's non-negative whole weight.</param>
    /// <param name="quota">The weight a coalition needs to win, from 1 to the total weight.</param>
    /// <exception cref="ArgumentException">No players, too many players, or a negative weight.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The weights sum to more than <see cref="long.MaxValue"/> (<paramref name="weights"/>), or the quota is not between 1 and the total weight.</exception>
    public WeightedVotingGame(IReadOnlyList<long> weights, long quota)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0)
        {
            throw ArgumentReason.Stated(nameof(weights), "A game needs at least one player.");
        }

        if (weights.Count > MaxPlayers)
        {
            throw ArgumentReason.Stated(nameof(weights), $"A game has at most {MaxPlayers} players; {weights.Count} given.");
        }

        if (weights.Any(w => w < 0))
        {
            throw ArgumentReason.Stated(nameof(weights), "Weights must be non-negative.");
        }

        long total = 0;
        foreach (long w in weights)
        {
            if (w > long.MaxValue - total)
            {
                throw ArgumentReason.StatedOutOfRange(nameof(weights), null, string.Create(CultureInfo.InvariantCulture, $"The weights sum to more than {long.MaxValue:N0}, the largest total weight."));
            }

            total += w;
        }

        if (quota < 1 || quota > total)
        {
            throw ArgumentReason.StatedOutOfRange(nameof(quota), quota, $"The quota must be between 1 and the total weight {total}.");
        }

        Weights = [.. weights];
        Quota = quota;
        TotalWeight = total;
    }

    /// <summary>The players' weights, in input order.</summary>
    public IReadOnlyList<long> Weights { get; }

    /// <summary>The weight a coalition needs to win.</summary>
    public long Quota { get; }

    /// <summary>The sum of all weights.</summary>
    public long TotalWeight { get; }

    /// <summary>The number of players.</summary>
    public int PlayerCount => Weights.Count;

    /// <summary>Unanimity among <paramref name="players"/> equal players: the consensus rule as a voting game.</summary>
    /// <param name="players">The number of players, 1 to <see cref="MaxPlayers"/>.</param>
    /// <returns>The game with weights 1 and quota n.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="players"/> is not between 1 and <see cref="MaxPlayers"/>.</exception>
    public static WeightedVotingGame Unanimity(int players)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(players, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(players, MaxPlayers);
        return new([.. Enumerable.Repeat(1L, players)], players);
    }
}
