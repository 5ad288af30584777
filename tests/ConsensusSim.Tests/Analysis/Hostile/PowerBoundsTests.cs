using System.Diagnostics;
using ConsensusSim.Analysis;
using ConsensusSim.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ConsensusSim.Tests.Analysis.Hostile;

/// <summary>
/// <c>power</c> and the exact indices refuse at once what they cannot compute within their budgets (tables of at most
/// 256 MiB and 2³⁰ updates) or without overflow, naming the option or parameter, and write nothing.
/// </summary>
public sealed class PowerBoundsTests : CliHarness
{
    /// <summary>Fifteen weights with no common divisor, summing to well over any quota below used.</summary>
    private const string FifteenWeights = "300000001,300000000,300000000,300000000,300000000,1,1,1,1,1,1,1,1,1,1";

    public static TheoryData<string[], string, string> Refused() => new()
    {
        { ["--quota", "1", "--weights", "9223372036854775807,1"], "--weights:", "9,223,372,036,854,775,807" },
        { ["--quota", "1", "--weights", "4611686018427387904,4611686018427387904"], "--weights:", "sum to more than" },
        { ["--quota", "200000000", "--weights", FifteenWeights], "--quota:", "the limit is 256 MiB" },
        { ["--quota", "1000000000", "--weights", FifteenWeights], "--quota:", "the limit is 256 MiB" },
        { ["--quota", "200000000", "--weights", FifteenWeights, "--index", "shapley-shubik"], "--quota:", "the limit is 256 MiB" },
        { ["--quota", "3000000", "--weights", string.Join(',', Enumerable.Repeat("100000", 119).Append("1"))], "--quota:", "the limit is 1,073,741,824" },
        { ["--quota", "5", "--weights", string.Join(',', Enumerable.Repeat("1", 3000))], "--weights:", "at most 120 players; 3000 given" },
        { ["--quota", "5", "--weights", "1,-2"], "--weights:", "'-2'" },
        { ["--quota", "5", "--weights", "1,99999999999999999999"], "--weights:", "from 0 to" },
        { ["--quota", "5", "--weights", ""], "--weights:", "''" },
        { ["--quota", "5", "--weights", "1,,2"], "--weights:", "''" },
        { ["--quota", "1", "--weights", "0,0"], "--quota:", "total weight 0" },
        { ["--quota", "4", "--weights", "1,2"], "--quota:", "between 1 and the total weight 3" },
        { ["--quota", "0", "--weights", "1,2"], "--quota:", "between 1" },
        { ["--quota", "1", "--weights", "1,2", "--labels", "a"], "--labels", "1 names for 2 weights" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Power_refuses_at_once_with_exit_2_naming_the_option_and_writes_nothing(string[] args, string option, string reason)
    {
        var clock = Stopwatch.StartNew();
        var (code, _, err) = Cli(["power", .. args, "--json", F("power.json")]);
        clock.Stop();
        Assert.Equal(2, code);
        Assert.StartsWith($"consensussim: {option}", err, StringComparison.Ordinal);
        Assert.Contains(reason, err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.False(File.Exists(F("power.json")));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"refused after {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public void Weights_with_a_common_divisor_are_computed_on_the_divided_game()
    {
        // 6.4 GB of tables as given; two entries once divided by 10⁸.
        var (code, stdout, _) = Cli("power", "--quota", "200000000", "--weights", "100000000,100000000,100000000", "--json", F("power.json"));
        Assert.Equal(0, code);
        Assert.Contains("0.3333", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(F("power.json")));
    }

    [Fact]
    public void Weights_whose_sum_overflows_are_refused_naming_the_weights()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new WeightedVotingGame([long.MaxValue, 1], 1));
        Assert.Equal("weights", ex.ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentOutOfRangeException>(() => new WeightedVotingGame([1L << 62, 1L << 62], 1)).ParamName);

        // The largest total still works.
        Assert.Equal(long.MaxValue, new WeightedVotingGame([long.MaxValue - 1, 1], 1).TotalWeight);
    }

    [Theory]
    [InlineData(200_000_000L, false)]
    [InlineData(1_000_000_000L, false)]
    [InlineData(200_000_000L, true)]
    [InlineData(9_000_000_000_000_000_000L, true)]
    public void Indices_beyond_the_budgets_are_refused_before_any_table_is_allocated(long quota, bool shapley)
    {
        var game = new WeightedVotingGame([(quota / 2) + 1, (quota / 2) + 1, 1], quota);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => shapley ? PowerIndices.ShapleyShubik(game) : PowerIndices.Swings(game));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal("game", ex.ParamName);
        Assert.Contains("the limit is 256 MiB", ex.Message, StringComparison.Ordinal);
        Assert.True(allocated < 1 << 20, $"{allocated:N0} bytes allocated before refusing");
    }

    [Fact]
    public void The_work_budget_refuses_many_players_with_a_large_quota_and_admits_one_below()
    {
        long[] weights = [.. Enumerable.Repeat(1000L, 119).Append(1)];

        // Shapley–Shubik needs 2.5 × 120² updates per unit of quota: 29,776 fits in 2³⁰, 29,777 does not.
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => PowerIndices.ShapleyShubik(new WeightedVotingGame(weights, 29_777)));
        Assert.Equal("game", ex.ParamName);
        Assert.Contains("the limit is 1,073,741,824", ex.Message, StringComparison.Ordinal);
        Assert.Equal(PowerIndices.MaxTableUpdates, 1L << 30);
        Assert.True(36_060L * 29_776 <= PowerIndices.MaxTableUpdates);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(121)]
    public void Unanimity_of_a_nonsensical_number_of_players_is_refused_naming_players(int players)
    {
        Assert.Equal("players", Assert.Throws<ArgumentOutOfRangeException>(() => WeightedVotingGame.Unanimity(players)).ParamName);
    }

    [Property(Arbitrary = [typeof(GameArbitraries)], MaxTest = 200)]
    public Property Multiplying_every_weight_changes_no_index(WeightedVotingGame game, PositiveInt factor, NonNegativeInt below)
    {
        // Weights × g and any quota in (g·(q − 1), g·q] make the same winning coalitions, so the divided game is the same game.
        long g = 1 + (factor.Get % 1_000_000);
        long quota = (g * game.Quota) - (below.Get % g);
        var scaled = new WeightedVotingGame([.. game.Weights.Select(w => w * g)], quota);
        bool same = PowerIndices.Swings(game).SequenceEqual(PowerIndices.Swings(scaled))
            && PowerIndices.ShapleyShubik(game).SequenceEqual(PowerIndices.ShapleyShubik(scaled));
        return same.Label($"g = {g}, quota {quota}");
    }
}
