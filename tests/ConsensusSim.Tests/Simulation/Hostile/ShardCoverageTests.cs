using System.Numerics;
using System.Text.Json.Nodes;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;
using static ConsensusSim.Tests.Support.ResultFileEdits;

namespace ConsensusSim.Tests.Simulation.Hostile;

/// <summary>
/// Shards at the edges the probe found: the last of 1,184,629,583 shards of 124,977,361,854 one-trial chunks must end at
/// the last chunk, and a shard whose scenario hash is too short to abbreviate must be refused, not crash 'merge'.
/// </summary>
public sealed class ShardCoverageTests : CliHarness
{
    private const long Chunks = 124_977_361_854;
    private const int Shards = 1_184_629_583;

    [Fact]
    public void The_last_of_a_billion_shards_ends_at_the_last_chunk_where_doubles_end_one_short()
    {
        var (first, end) = new ShardSpec(Shards, Shards).ChunkRange(Chunks);
        Assert.Equal(Chunks, end);
        Assert.Equal((long)(new BigInteger(Shards - 1) * Chunks / Shards), first);

        // The test is sensitive: the quotient in doubles rounds below the last chunk.
        Assert.Equal(Chunks - 1, (long)Math.Floor((double)Shards * Chunks / Shards));
    }

    [Fact]
    public void Run_writes_the_last_shard_of_a_billion_covering_every_remaining_trial()
    {
        File.WriteAllText(F("scenario.json"), HostileFiles.Scenario());
        var (code, _, error) = Cli("run", F("scenario.json"), "--trials", Chunks.ToString(System.Globalization.CultureInfo.InvariantCulture), "--chunk-size", "1", "--shard", $"{Shards}/{Shards}", "--threads", "1", "--json", F("last.json"));
        Assert.True(code == 0, error);

        var tallies = JsonNode.Parse(File.ReadAllText(F("last.json")))!["tallies"]!;
        long firstChunk = tallies["firstChunk"]!.GetValue<long>();
        Assert.Equal(Chunks, tallies["endChunk"]!.GetValue<long>());
        Assert.Equal(Chunks - firstChunk, tallies["trials"]!.GetValue<long>());
    }

    [Fact]
    public void A_shard_whose_scenario_hash_is_three_characters_is_refused_even_with_a_valid_checksum()
    {
        File.WriteAllText(F("scenario.json"), HostileFiles.Scenario());
        for (int i = 1; i <= 2; i++)
        {
            Assert.Equal(0, Cli("run", F("scenario.json"), "--trials", "4000", "--chunk-size", "500", "--shard", $"{i}/2", "--json", F($"part-{i}.json")).Code);
        }

        string part = F("part-2.json");
        Edit(part, root =>
        {
            Tallies(root)["scenarioSha256"] = "abc";
            Reseal(root);
        });

        var (code, output, error) = Cli("merge", F("part-1.json"), part, "--out", F("merged.json"));
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains($"{Location(part, "scenarioSha256")}: must be 64 lower-case hexadecimal digits", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(File.Exists(F("merged.json")));
    }
}
