using ConsensusSim.Analysis;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ConsensusSim.Tests.Analysis;

public static class GameArbitraries
{
    /// <summary>Small games (1–10 players, weights 0–9) with a valid quota, for brute-force comparison.</summary>
    public static Arbitrary<WeightedVotingGame> Games() =>
        (from n in Gen.Choose(1, 10)
         from weights in Gen.Choose(0, 9).ArrayOf(n).Where(ws => ws.Sum() > 0)
         from quota in Gen.Choose(1, weights.Sum())
         select new WeightedVotingGame([.. weights.Select(w => (long)w)], quota)).ToArbitrary();
}

[Properties(Arbitrary = [typeof(GameArbitraries)], MaxTest = 300)]
public class PowerIndexTests
{
    private static readonly WeightedVotingGame SecurityCouncil = new([7, 7, 7, 7, 7, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 39);

    [Fact]
    public void Under_unanimity_of_57_every_index_is_one_over_n()
    {
        var game = WeightedVotingGame.Unanimity(57);
        Assert.All(PowerIndices.BanzhafNormalized(game), b => Assert.Equal(1.0 / 57, b, 12));
        Assert.All(PowerIndices.ShapleyShubik(game), s => Assert.Equal(1.0 / 57, s, 12));
        Assert.All(PowerIndices.BanzhafAbsolute(game), b => Assert.Equal(1.0, b / Math.Pow(2, -56), 12));
        Assert.All(PowerIndices.Swings(game), s => Assert.Equal(1.0, s));
    }

    [Fact]
    public void The_Security_Council_has_its_textbook_indices()
    {
        var banzhaf = PowerIndices.BanzhafNormalized(SecurityCouncil);
        var shapley = PowerIndices.ShapleyShubik(SecurityCouncil);
        Assert.Equal(0.1669, banzhaf[0], 4);
        Assert.Equal(0.0165, banzhaf[5], 4);
        Assert.Equal(0.1963, shapley[0], 4);
        Assert.Equal(1.0, banzhaf.Sum(), 12);
        Assert.Equal(1.0, shapley.Sum(), 12);
    }

    [Fact]
    public void The_CoopGame_example_matches_both_Banzhaf_conventions()
    {
        var game = new WeightedVotingGame([50, 49, 1], 51);
        Assert.Equal([0.75, 0.25, 0.25], PowerIndices.BanzhafAbsolute(game));
        var normalised = PowerIndices.BanzhafNormalized(game);
        Assert.Equal(0.6, normalised[0], 12);
        Assert.Equal(0.2, normalised[1], 12);
        Assert.Equal(0.2, normalised[2], 12);
    }

    [Fact]
    public void Five_players_reproduce_the_enumerated_values()
    {
        var unanimity = WeightedVotingGame.Unanimity(5);
        Assert.All(PowerIndices.BanzhafAbsolute(unanimity), b => Assert.Equal(0.0625, b, 12));
        Assert.All(PowerIndices.BanzhafNormalized(unanimity), b => Assert.Equal(0.2, b, 12));
    }

    [Property]
    public Property Dynamic_programming_equals_enumeration(WeightedVotingGame game)
    {
        var (swings, shapley) = BruteForce(game);
        var dpSwings = PowerIndices.Swings(game);
        var dpShapley = PowerIndices.ShapleyShubik(game);
        bool same = swings.Zip(dpSwings).All(p => p.First == p.Second)
            && shapley.Zip(dpShapley).All(p => Math.Abs(p.First - p.Second) < 1e-12);
        return same.Label($"swings {string.Join(",", swings)} vs {string.Join(",", dpSwings)}");
    }

    [Property]
    public Property Indices_sum_to_one_dummies_get_nothing_and_equals_get_equal(WeightedVotingGame game)
    {
        var banzhaf = PowerIndices.BanzhafNormalized(game);
        var shapley = PowerIndices.ShapleyShubik(game);
        bool sums = Math.Abs(shapley.Sum() - 1) < 1e-9 && (banzhaf.Sum() == 0 || Math.Abs(banzhaf.Sum() - 1) < 1e-9);
        bool dummies = game.Weights.Select((w, i) => (w, i)).Where(x => x.w == 0).All(x => banzhaf[x.i] == 0 && Math.Abs(shapley[x.i]) < 1e-12);
        bool symmetric = Enumerable.Range(0, game.PlayerCount).All(i => Enumerable.Range(0, game.PlayerCount)
            .Where(j => game.Weights[j] == game.Weights[i]).All(j => Math.Abs(shapley[i] - shapley[j]) < 1e-12 && Math.Abs(banzhaf[i] - banzhaf[j]) < 1e-12));
        return (sums && dummies && symmetric).Label($"sums {banzhaf.Sum()} {shapley.Sum()}, dummies {dummies}, symmetric {symmetric}");
    }

    [Fact]
    public void Bad_games_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new WeightedVotingGame([], 1));
        Assert.Throws<ArgumentException>(() => new WeightedVotingGame([1, -1], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeightedVotingGame([1, 2], 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeightedVotingGame([1, 2], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => WeightedVotingGame.Unanimity(WeightedVotingGame.MaxPlayers + 1));
    }

    private static (double[] Swings, double[] Shapley) BruteForce(WeightedVotingGame game)
    {
        int n = game.PlayerCount;
        var swings = new double[n];
        for (int mask = 0; mask < 1 << n; mask++)
        {
            long w = Enumerable.Range(0, n).Where(i => (mask & (1 << i)) != 0).Sum(i => game.Weights[i]);
            for (int i = 0; i < n; i++)
            {
                if ((mask & (1 << i)) == 0 && w < game.Quota && w + game.Weights[i] >= game.Quota)
                {
                    swings[i]++;
                }
            }
        }

        // Shapley–Shubik by pivot counting over coalition sizes: the same as over all n! orderings.
        var shapley = new double[n];
        double factorialN = Factorial(n);
        for (int mask = 0; mask < 1 << n; mask++)
        {
            int size = System.Numerics.BitOperations.PopCount((uint)mask);
            long w = Enumerable.Range(0, n).Where(i => (mask & (1 << i)) != 0).Sum(i => game.Weights[i]);
            for (int i = 0; i < n; i++)
            {
                if ((mask & (1 << i)) == 0 && w < game.Quota && w + game.Weights[i] >= game.Quota)
                {
                    shapley[i] += Factorial(size) * Factorial(n - size - 1) / factorialN;
                }
            }
        }

        return (swings, shapley);
    }

    private static double Factorial(int k) => k <= 1 ? 1 : k * Factorial(k - 1);
}
