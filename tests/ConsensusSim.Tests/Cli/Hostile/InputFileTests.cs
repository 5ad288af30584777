using ConsensusSim.Import;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli.Hostile;

/// <summary>
/// Item 10 of issue 15: every file the tool reads — scenario, actor table, checkpoint, shard, sweep
/// part — is read within a stated limit, and only if it is a regular file: a FIFO is refused at once
/// instead of waited on forever, <c>/dev/zero</c> instead of read until memory runs out, a file over
/// its limit after reading one byte more than the limit.
/// </summary>
public sealed class InputFileTests : CliHarness
{
    private const double Quickly = 20;

    [SkippableFact]
    public void A_FIFO_given_as_the_scenario_is_refused_at_once_by_every_command_that_reads_one()
    {
        string fifo = HostileFiles.Fifo(F("scenario.fifo"));
        foreach (var command in new[] { new[] { "validate", fifo }, ["describe", fifo], ["run", fifo, "--json", F("result.json")] })
        {
            var (code, _, error) = HostileFiles.Within(Quickly, fifo, command);
            Assert.Equal(2, code);
            Assert.Contains("scenario.fifo:1: $: It is a named pipe (FIFO), not a regular file; scenario files are read from regular files only.", error, StringComparison.Ordinal);
        }

        Assert.Equal(["scenario.fifo"], HostileFiles.Listing(Dir));
    }

    [SkippableFact]
    public void The_library_refuses_a_FIFO_scenario_with_its_validation_exception()
    {
        string fifo = HostileFiles.Fifo(F("scenario.fifo"));
        var load = Task.Run(() => Record.Exception(() => ScenarioJson.Load(fifo)));
        Assert.True(load.Wait(TimeSpan.FromSeconds(Quickly)), "ScenarioJson.Load waited on the FIFO");
        var ex = Assert.IsType<ScenarioValidationException>(load.Result);
        Assert.Equal(("$", 1), (ex.Problems[0].Path, ex.Problems[0].Line));
        Assert.Equal(fifo, ex.Source);
    }

    [SkippableFact]
    public void A_character_device_given_as_the_scenario_is_refused_without_reading_it()
    {
        Skip.IfNot(File.Exists("/dev/zero"), "No /dev/zero here.");
        var (code, _, error) = HostileFiles.Within(Quickly, null, "validate", "/dev/zero");
        Assert.Equal(2, code);
        Assert.Contains("/dev/zero:1: $: It is a character device, not a regular file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_given_as_the_scenario_is_refused_as_a_directory()
    {
        Directory.CreateDirectory(F("folder.json"));
        var (code, _, error) = Cli("validate", F("folder.json"));
        Assert.Equal(2, code);
        Assert.Contains("folder.json:1: $: It is a directory, not a regular file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_one_byte_over_the_limit_is_refused_with_the_limit_in_the_message()
    {
        string text = HostileFiles.Scenario();
        File.WriteAllText(F("big.json"), text + new string(' ', ScenarioJson.MaxFileBytes + 1 - text.Length));
        var (code, _, error) = Cli("run", F("big.json"), "--json", F("result.json"));
        Assert.Equal(2, code);
        Assert.Contains("big.json:1: $: The file is 1,048,577 bytes; scenario files are limited to 1,048,576 bytes.", error, StringComparison.Ordinal);
        Assert.False(File.Exists(F("result.json")));

        // At the limit it is read.
        File.WriteAllText(F("big.json"), text + new string(' ', ScenarioJson.MaxFileBytes - text.Length));
        Assert.Equal(0, Cli("validate", F("big.json")).Code);
    }

    [SkippableTheory]
    [InlineData("decide")]
    [InlineData("ktab")]
    public void A_FIFO_or_device_given_as_an_actor_table_is_refused_at_once(string format)
    {
        string fifo = HostileFiles.Fifo(F("table.fifo"));
        var (code, _, error) = HostileFiles.Within(Quickly, fifo, "import", "--from", format, fifo, "--out", F("scenario.json"));
        Assert.Equal(2, code);
        Assert.Contains("table.fifo:1: It is a named pipe (FIFO), not a regular file; actor tables are read from regular files only.", error, StringComparison.Ordinal);

        (code, _, error) = HostileFiles.Within(Quickly, null, "import", "--from", format, "/dev/zero", "--out", F("scenario.json"));
        Assert.Equal(2, code);
        Assert.Contains("zero:1: It is a character device", error, StringComparison.Ordinal);
        Assert.Equal(["table.fifo"], HostileFiles.Listing(Dir));
    }

    [Fact]
    public void An_actor_table_over_its_limit_is_refused_by_the_library_and_the_tool()
    {
        using (var file = File.Create(F("huge.csv")))
        {
            file.SetLength(ActorTable.MaxFileBytes + 1L);
        }

        var ex = Assert.Throws<ActorTableFormatException>(() => KtabFormat.Load(F("huge.csv")));
        Assert.Equal(("huge.csv", 1), (ex.Source, ex.Line));
        Assert.Contains("actor tables are limited to 4,194,304 bytes", ex.Problem, StringComparison.Ordinal);

        var (code, _, error) = Cli("import", "--from", "ktab", F("huge.csv"), "--out", F("scenario.json"));
        Assert.Equal(2, code);
        Assert.Contains("huge.csv:1: The file is 4,194,305 bytes; actor tables are limited to 4,194,304 bytes.", error, StringComparison.Ordinal);
        Assert.False(File.Exists(F("scenario.json")));
    }

    [Fact]
    public void An_actor_table_that_is_not_UTF_8_is_refused_at_the_line_of_the_bad_byte()
    {
        // Latin-1 "Côte" on line 3: read leniently it would become "C\uFFFDte" in the scenario.
        File.WriteAllBytes(F("latin1.csv"), [.. "S,desc,1,1\nActor,Description,Power,P1,S1\nC"u8, 0xF4, .. "te,d,1,50,100\n"u8]);
        var (code, _, error) = Cli("import", "--from", "ktab", F("latin1.csv"), "--out", F("scenario.json"));
        Assert.Equal(2, code);
        Assert.Contains("latin1.csv:3: The file is not valid UTF-8 (byte 0xF4 at byte 2 of line 3); save it as UTF-8.", error, StringComparison.Ordinal);
        Assert.False(File.Exists(F("scenario.json")));
    }

    [SkippableFact]
    public void A_FIFO_checkpoint_is_refused_before_the_run_instead_of_waited_on()
    {
        string fifo = HostileFiles.Fifo(F("run.ckpt"));
        var (code, output, error) = HostileFiles.Within(Quickly, fifo, "run", "--trials", "2000", "--checkpoint", fifo, "--resume");
        Assert.Equal(2, code);
        Assert.Contains("--checkpoint", error, StringComparison.Ordinal);
        Assert.Contains("named pipe (FIFO)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("P(adopted)", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_FIFO_or_device_given_as_a_shard_or_sweep_part_is_refused_at_once()
    {
        string fifo = HostileFiles.Fifo(F("part.json"));
        var (code, _, error) = HostileFiles.Within(Quickly, fifo, "merge", fifo, "--out", F("merged.json"));
        Assert.Equal(2, code);
        Assert.Contains("part.json: It is a named pipe (FIFO), not a regular file; result files are read from regular files only.", error, StringComparison.Ordinal);

        string csv = HostileFiles.Fifo(F("part.csv"));
        (code, _, error) = HostileFiles.Within(Quickly, csv, "merge", csv, "--out", F("merged.csv"));
        Assert.Equal(2, code);
        Assert.Contains("part.csv: It is a named pipe (FIFO)", error, StringComparison.Ordinal);
        Assert.Equal(["part.csv", "part.json"], HostileFiles.Listing(Dir));
    }

    [Fact]
    public void A_shard_over_the_result_file_limit_is_refused_after_reading_one_byte_more()
    {
        using (var file = File.Create(F("part.json")))
        {
            file.SetLength(ConsensusSim.Cli.InputLimits.ResultFileBytes + 1L);
        }

        var (code, _, error) = Cli("merge", F("part.json"), "--out", F("merged.json"));
        Assert.Equal(2, code);
        Assert.Contains("part.json: The file is 67,108,865 bytes; result files are limited to 67,108,864 bytes.", error, StringComparison.Ordinal);
        Assert.False(File.Exists(F("merged.json")));
    }

    [Fact]
    public void A_checkpoint_that_is_not_UTF_8_is_refused_with_exit_2_and_its_line()
    {
        Assert.Equal(0, Cli("run", "--trials", "4096", "--chunk-size", "4096", "--checkpoint", F("run.ckpt")).Code);
        byte[] saved = File.ReadAllBytes(F("run.ckpt"));
        int quote = Array.IndexOf(saved, (byte)'"', Array.IndexOf(saved, (byte)'\n'));
        saved[quote + 1] = 0xFF;
        File.WriteAllBytes(F("run.ckpt"), saved);

        var (code, output, error) = Cli("run", "--trials", "8192", "--chunk-size", "4096", "--checkpoint", F("run.ckpt"), "--resume");
        Assert.Equal(2, code);
        Assert.Contains("run.ckpt:2: The file is not valid UTF-8", error, StringComparison.Ordinal);
        Assert.DoesNotContain("P(adopted)", output, StringComparison.Ordinal);
    }
}
