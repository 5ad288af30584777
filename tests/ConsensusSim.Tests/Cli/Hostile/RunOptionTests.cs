using ConsensusSim.Simulation;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli.Hostile;

/// <summary>
/// Every command given each bad option value: exit 2, the option (or the value's argument) named in the message,
/// and nothing written. Placeholders in the arguments are filled in per test: {S} a valid scenario, {K} a valid
/// KTAB table, {D} an existing folder, {O} a file and {F} a folder the command would write, {L} a file name of
/// 300 bytes.
/// </summary>
public sealed class RunOptionTests : CliHarness
{
    private const string Run = "run|{S}|--json|{O}|--out|{F}";
    private const string Sweep = "sweep|{S}|--vary|tension=0,1|--out|{O}";
    private const string Slurm = "slurm|{S}|--shards|2|--out|{F}|--command|/bin/true";
    private const string Power = "power|--quota|3|--weights|1,2,3|--json|{O}";
    private const string Import = "import|--from|ktab|{K}|--out|{O}";

    /// <summary>A KTAB table of two actors on one issue, which imports when the options are good.</summary>
    private const string Table = "Tiny,\"Two actors\",2,1,\nActor,Description,Power,Pstn1,Sal1,\nA, first, 10, 20, 50,\nB, second, 30, 80, 40,\n";

    public static TheoryData<string, string> BadValues() => new()
    {
        // run: threads, trials, seed, chunk size, precision, checkpoints, shards and output paths.
        { $"{Run}|--threads|0", "--threads must be between 1 and 1,024; got 0." },
        { $"{Run}|--threads|-1", "--threads must be between 1 and 1,024; got -1." },
        { $"{Run}|--threads|1025", "--threads must be between 1 and 1,024; got 1025." },
        { $"{Run}|--threads|100000", "--threads must be between 1 and 1,024; got 100000." },
        { $"{Run}|--threads|2147483647", "--threads must be between 1 and 1,024; got 2147483647." },
        { $"{Run}|--threads|2147483648", "--threads: '2147483648' is not a whole number" },
        { $"{Run}|--threads|1.5", "--threads: '1.5' is not a whole number" },
        { $"{Run}|--trials|0", "--trials must be between 1 and 1,000,000,000,000; got 0." },
        { $"{Run}|--trials|-1", "--trials must be between 1 and 1,000,000,000,000; got -1." },
        { $"{Run}|--trials|1000000000001", "--trials must be between 1 and 1,000,000,000,000; got 1000000000001." },
        { $"{Run}|--trials|9223372036854775807", "--trials must be between 1 and 1,000,000,000,000" },
        { $"{Run}|--trials|9223372036854775808", "--trials: '9223372036854775808' is not a whole number" },
        { $"{Run}|--trials|1e3", "--trials: '1e3' is not a whole number" },
        { $"{Run}|--seed|-1", "--seed: '-1' is not a whole number from 0 to 18,446,744,073,709,551,615." },
        { $"{Run}|--seed|18446744073709551616", "--seed: '18446744073709551616' is not a whole number from 0" },
        { $"{Run}|--seed|0x10", "--seed: '0x10' is not a whole number" },
        { $"{Run}|--chunk-size|0", "--chunk-size must be at least 1; got 0." },
        { $"{Run}|--chunk-size|-5", "--chunk-size must be at least 1; got -5." },
        { $"{Run}|--chunk-size|2147483648", "--chunk-size: '2147483648' is not a whole number" },
        { $"{Run}|--precision|0", "--precision must lie between 0 and 1; got 0." },
        { $"{Run}|--precision|1", "--precision must lie between 0 and 1; got 1." },
        { $"{Run}|--precision|-0.1", "--precision must lie between 0 and 1; got -0.1." },
        { $"{Run}|--precision|NaN", "--precision must lie between 0 and 1; got NaN." },
        { $"{Run}|--precision|Infinity", "--precision must lie between 0 and 1; got Infinity." },
        { $"{Run}|--precision|-Infinity", "--precision must lie between 0 and 1; got -Infinity." },
        { $"{Run}|--precision|0.5x", "--precision: '0.5x' is not a number" },
        { $"{Run}|--checkpoint|{{D}}/c.json|--checkpoint-every|0", "--checkpoint-every must be between 1 and 86,400 seconds; got 0." },
        { $"{Run}|--checkpoint|{{D}}/c.json|--checkpoint-every|1e-9", "--checkpoint-every must be between 1 and 86,400 seconds; got 1E-09." },
        { $"{Run}|--checkpoint|{{D}}/c.json|--checkpoint-every|0.5", "--checkpoint-every must be between 1 and 86,400 seconds; got 0.5." },
        { $"{Run}|--checkpoint|{{D}}/c.json|--checkpoint-every|-1", "--checkpoint-every must be between 1 and 86,400 seconds; got -1." },
        { $"{Run}|--checkpoint|{{D}}/c.json|--checkpoint-every|NaN", "--checkpoint-every must be between 1 and 86,400 seconds; got NaN." },
        { $"{Run}|--checkpoint|{{D}}/c.json|--checkpoint-every|Infinity", "--checkpoint-every must be between 1 and 86,400 seconds; got Infinity." },
        { $"{Run}|--checkpoint|{{D}}/c.json|--checkpoint-every|86401", "--checkpoint-every must be between 1 and 86,400 seconds; got 86401." },
        { $"{Run}|--checkpoint|{{D}}/c.json|--checkpoint-every|1e300", "--checkpoint-every must be between 1 and 86,400 seconds; got 1E+300." },
        { $"{Run}|--checkpoint-every|5", "--checkpoint-every needs --checkpoint <path>." },
        { $"{Run}|--resume", "--resume needs --checkpoint <path>." },
        { $"{Run}|--checkpoint|{{D}}|--resume", "--checkpoint {D}: is a directory; give the path of a file." },
        { $"{Run}|--checkpoint||--resume", "--checkpoint: the path is empty." },
        { $"{Run}|--shard|0/2", "--shard '0/2': expected I/N" },
        { $"{Run}|--shard|3/2", "--shard '3/2': expected I/N" },
        { $"{Run}|--shard|1/0", "--shard '1/0': expected I/N" },
        { $"{Run}|--shard|3/1000", "--shard 3/1000: 2,000 trials make 1 chunk" },
        { "run|{S}|--json|", "--json: the path is empty." },
        { "run|{S}|--json|{D}", "--json {D}: is a directory; give the path of a file." },
        { "run|{S}|--json|{D}/{L}", "--json: the name 'aaaaaaaaaaaaaaaaaaaaaaaa…' in the path is 300 bytes long; a file or folder name holds at most 255." },
        { "run|{S}|--out|{D}/{L}", "--out: the name 'aaaaaaaaaaaaaaaaaaaaaaaa…' in the path is 300 bytes long" },

        // sweep: the run options it shares.
        { $"{Sweep}|--threads|0", "--threads must be between 1 and 1,024; got 0." },
        { $"{Sweep}|--threads|1025", "--threads must be between 1 and 1,024; got 1025." },
        { $"{Sweep}|--threads|2147483647", "--threads must be between 1 and 1,024; got 2147483647." },
        { $"{Sweep}|--trials|0", "--trials must be between 1 and 1,000,000,000,000; got 0." },
        { $"{Sweep}|--trials|1000000000001", "--trials must be between 1 and 1,000,000,000,000" },
        { $"{Sweep}|--seed|-1", "--seed: '-1' is not a whole number from 0" },

        // slurm: what every task would pass to 'run', refused before a script is written.
        { $"{Slurm}|--cpus-per-task|0", "--cpus-per-task must be between 1 and 1,024; got 0." },
        { $"{Slurm}|--cpus-per-task|1025", "--cpus-per-task must be between 1 and 1,024; got 1025." },
        { $"{Slurm}|--cpus-per-task|2147483647", "--cpus-per-task must be between 1 and 1,024; got 2147483647." },
        { $"{Slurm}|--checkpoint-every|0", "--checkpoint-every must be between 1 and 86,400 seconds; got 0." },
        { $"{Slurm}|--checkpoint-every|0.5", "--checkpoint-every must be between 1 and 86,400 seconds; got 0.5." },
        { $"{Slurm}|--checkpoint-every|NaN", "--checkpoint-every must be between 1 and 86,400 seconds; got NaN." },
        { $"{Slurm}|--checkpoint-every|Infinity", "--checkpoint-every must be between 1 and 86,400 seconds; got Infinity." },
        { $"{Slurm}|--checkpoint-every|1e300", "--checkpoint-every must be between 1 and 86,400 seconds; got 1E+300." },
        { $"{Slurm}|--chunk-size|0", "--chunk-size must be at least 1; got 0." },
        { $"{Slurm}|--trials|0", "--trials must be between 1 and 1,000,000,000,000; got 0." },
        { $"{Slurm}|--seed|-1", "--seed: '-1' is not a whole number from 0" },
        { "slurm|{S}|--shards|2|--out|", "--out: the path is empty." },
        { "slurm|{S}|--shards|2|--out|{D}/{L}", "--out: the name 'aaaaaaaaaaaaaaaaaaaaaaaa…' in the path is 300 bytes long" },

        // power: every option but the quota's range, which the power bounds name.
        { $"{Power}|--index|foo", "--index: 'foo' is not one of banzhaf, shapley-shubik." },
        { $"{Power}|--labels|a,b", "--labels has 2 names for 3 weights." },
        { $"{Power}|--labels|a,,c", "--labels: name 2 of 3 is empty." },
        { "power|--quota|3|--weights|1,x,3|--json|{O}", "--weights: 'x' is not" },
        { "power|--quota|abc|--weights|1,2,3|--json|{O}", "--quota: 'abc' is not a whole number" },
        { "power|--quota|3|--weights|1,2,3|--json|", "--json: the path is empty." },
        { "power|--quota|3|--weights|1,2,3|--json|{D}", "--json {D}: is a directory; give the path of a file." },

        // graph, describe, validate: one option, and the file or procedure they are given.
        { "graph|consensus|--format|foo", "--format: 'foo' is not one of mermaid, dot." },
        { "graph|nope", "Unknown procedure 'nope'" },
        { "describe|{D}", "{D}:1: $: It is a directory" },
        { "validate|{D}", "{D}:1: $: It is a directory" },
        { "validate|{D}/missing.json", "{D}/missing.json: no such scenario file." },

        // init: the name makes the file name unless --out gives one.
        { "init|", "The scenario needs a name." },
        { "init|...", "'...' makes no file name; give the file with --out." },
        { "init|{L}", "The name makes a file name of 305 bytes; a file name holds at most 255. Give the file with --out." },
        { "init|starter|--out|", "--out: the path is empty." },
        { "init|starter|--out|{D}", "{D} already exists; choose another name or --out." },
        { "init|starter|--out|{D}/{L}", "--out: the name 'aaaaaaaaaaaaaaaaaaaaaaaa…' in the path is 300 bytes long" },

        // import: the status quo must be a number in [0, 1].
        { $"{Import}|--status-quo|NaN", "--status-quo must be between 0 and 1; it is NaN." },
        { $"{Import}|--status-quo|Infinity", "--status-quo must be between 0 and 1; it is Infinity." },
        { $"{Import}|--status-quo|-Infinity", "--status-quo must be between 0 and 1; it is -Infinity." },
        { $"{Import}|--status-quo|-0.1", "--status-quo must be between 0 and 1; it is -0.1." },
        { $"{Import}|--status-quo|1.1", "--status-quo must be between 0 and 1; it is 1.1." },
        { $"{Import}|--status-quo|1e400", "--status-quo must be between 0 and 1; it is Infinity." },
        { $"{Import}|--status-quo|0.5x", "--status-quo: '0.5x' is not a number" },
        { "import|--from|foo|{K}|--out|{O}", "--from: 'foo' is not one of decide, ktab." },
        { "import|--from|ktab|{K}|--out|", "--out: the path is empty." },
        { "import|--from|ktab|{K}|--out|{D}", "--out {D}: is a directory; give the path of a file." },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Every_command_refuses_each_bad_option_value_with_exit_2_naming_the_option_and_writing_nothing(string line, string message)
    {
        File.WriteAllText(F("scenario.json"), HostileFiles.Scenario());
        File.WriteAllText(F("table.csv"), Table);
        Directory.CreateDirectory(F("folder"));
        string[] before = HostileFiles.Listing(Dir);
        string[] args = [.. line.Split('|').Select(Fill)];

        var (code, output, error) = Cli(args);

        Assert.Equal(2, code);
        Assert.Contains(Fill(message), error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Empty(output);
        Assert.Equal(before, HostileFiles.Listing(Dir));
    }

    [Fact]
    public void The_largest_thread_count_and_checkpoint_interval_are_accepted()
    {
        File.WriteAllText(F("scenario.json"), HostileFiles.Scenario());
        string threads = SimulationOptions.MaxThreads.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (code, _, error) = Cli("run", F("scenario.json"), "--trials", "20000", "--chunk-size", "10", "--threads", threads, "--checkpoint", F("c.json"), "--checkpoint-every", "86400", "--json", F("many.json"));
        Assert.True(code == 0, error);
        Assert.Equal(0, Cli("run", F("scenario.json"), "--trials", "20000", "--chunk-size", "10", "--threads", "1", "--checkpoint", F("c1.json"), "--checkpoint-every", "1", "--json", F("one.json")).Code);

        // Threads do not change results: 2,000 chunks on 1,024 threads give the one-thread run's tallies.
        Assert.Equal(Tallies("one.json"), Tallies("many.json"));
    }

    [Fact]
    public void A_file_name_of_254_bytes_in_two_byte_characters_is_written()
    {
        // 127 characters, 254 bytes: the temporary file beside it must shorten the name by bytes, not characters.
        File.WriteAllText(F("scenario.json"), HostileFiles.Scenario());
        string name = F(new string('é', 127));
        var (code, _, error) = Cli("run", F("scenario.json"), "--trials", "1000", "--json", name);
        Assert.True(code == 0, error);
        Assert.True(File.Exists(name));
        Assert.Equal(["scenario.json", Path.GetFileName(name)], HostileFiles.Listing(Dir).Order(StringComparer.Ordinal));
    }

    private string Tallies(string name) => System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(F(name)))!["tallies"]!.ToJsonString();

    private string Fill(string text) => text
        .Replace("{S}", F("scenario.json"), StringComparison.Ordinal)
        .Replace("{K}", F("table.csv"), StringComparison.Ordinal)
        .Replace("{D}", F("folder"), StringComparison.Ordinal)
        .Replace("{O}", F("written.out"), StringComparison.Ordinal)
        .Replace("{F}", F("written"), StringComparison.Ordinal)
        .Replace("{L}", new string('a', 300), StringComparison.Ordinal);
}
