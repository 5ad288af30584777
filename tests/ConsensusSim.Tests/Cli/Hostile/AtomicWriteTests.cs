using ConsensusSim.Cli;
using ConsensusSim.Serialization;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Cli.Hostile;

/// <summary>
/// Item 13 of issue 15: an output that is a link is written through to its target and stays a link;
/// a FIFO is written into, not replaced; <c>-</c> and <c>/dev/stdout</c> are standard output (and the
/// summary for people moves to standard error); an existing file keeps its permissions; and no
/// temporary file outlives a write, whatever fails.
/// </summary>
public sealed class AtomicWriteTests : CliHarness
{
    [Fact]
    public void A_link_given_as_an_output_is_written_through_and_stays_a_link()
    {
        Directory.CreateDirectory(F("results"));
        File.WriteAllText(F("results/target.json"), "old");
        File.CreateSymbolicLink(F("link.json"), Path.Combine("results", "target.json"));
        File.CreateSymbolicLink(F("dangling.json"), Path.Combine("results", "new.json"));

        Assert.Equal(0, Cli("run", "--trials", "4096", "--json", F("link.json"), "--checkpoint", F("dangling.json")).Code);
        Assert.Equal(Path.Combine("results", "target.json"), new FileInfo(F("link.json")).LinkTarget);
        Assert.Equal(Path.Combine("results", "new.json"), new FileInfo(F("dangling.json")).LinkTarget);
        Assert.Equal(4096, ResultJson.Deserialize(File.ReadAllText(F("results/target.json"))).Trials);
        Assert.Equal(4096, ResultJson.Deserialize(File.ReadAllText(F("results/new.json"))).Trials);
        Assert.Equal(["dangling.json", "link.json", "results", "results/new.json", "results/target.json"], HostileFiles.Listing(Dir));
    }

    [SkippableFact]
    public void A_FIFO_given_as_an_output_is_written_into_and_stays_a_FIFO()
    {
        string fifo = HostileFiles.Fifo(F("result.fifo"));
        string? received = null;
        var reader = new Thread(() => received = File.ReadAllText(fifo)) { IsBackground = true };
        reader.Start();
        var (code, _, error) = HostileFiles.Within(60, null, "run", "--trials", "4096", "--json", fifo);
        Assert.True(code == 0, error);
        Assert.Equal("fifo", HostileFiles.TypeOf(fifo));
        Assert.True(reader.Join(TimeSpan.FromSeconds(30)), "nothing came through the FIFO");
        Assert.Equal(4096, ResultJson.Deserialize(received!).Trials);
        Assert.Equal(["result.fifo"], HostileFiles.Listing(Dir));
    }

    [Theory]
    [InlineData("-")]
    [InlineData("/dev/stdout")]
    public void A_dash_or_dev_stdout_is_standard_output_with_the_summary_on_standard_error(string path)
    {
        string cwd = Directory.GetCurrentDirectory();
        var (code, output, error) = Cli("run", "--trials", "4096", "--json", path);
        Assert.Equal(0, code);
        Assert.Equal(4096, ResultJson.Deserialize(output).Trials);
        Assert.Contains("P(adopted)", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(cwd, "-")), "a file named '-' was created");
    }

    [Fact]
    public void Merge_import_and_init_write_to_standard_output_too()
    {
        Assert.Equal(0, Cli("run", "--trials", "4096", "--chunk-size", "4096", "--shard", "1/1", "--json", F("all.json")).Code);
        var merge = Cli("merge", F("all.json"), "--out", "-");
        Assert.Equal(0, merge.Code);
        Assert.Equal(4096, ResultJson.Deserialize(merge.Out).Trials);

        var import = Cli("import", "--from", "ktab", Path.Combine(AppContext.BaseDirectory, "imports", "ktab-dummyData_3Dim.csv"), "--out", "-");
        Assert.Equal(0, import.Code);
        Assert.NotNull(ScenarioJson.Parse(import.Out));

        var init = Cli("init", "Piped", "--out", "-");
        Assert.Equal(0, init.Code);
        Assert.Equal("Piped", ScenarioJson.Parse(init.Out).Name);
        Assert.DoesNotContain("$schema", init.Out, StringComparison.Ordinal);
        Assert.Equal(["all.json"], HostileFiles.Listing(Dir));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Replacing_a_file_keeps_its_permissions()
    {
        File.WriteAllText(F("result.json"), "old");
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        File.SetUnixFileMode(F("result.json"), Private);
        Assert.Equal(0, Cli("run", "--trials", "4096", "--json", F("result.json")).Code);
        Assert.Equal(Private, File.GetUnixFileMode(F("result.json")));
    }

    [Fact]
    public void A_write_that_fails_leaves_no_temporary_file_behind()
    {
        // The target is a folder: the rename fails after the temporary file was written.
        Directory.CreateDirectory(F("taken"));
        var ex = Record.Exception(() => AtomicFile.WriteAllText(F("taken"), "x"));
        Assert.True(ex is IOException or UnauthorizedAccessException, ex?.ToString());
        Assert.Equal(["taken"], HostileFiles.Listing(Dir));
    }
}
