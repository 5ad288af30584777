using ConsensusSim.Serialization;
using ConsensusSim.Sweeps;

namespace ConsensusSim.Tests.Sweeps;

public sealed class SweepCheckpointTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("consensussim-sweep-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_requeued_sweep_reads_its_finished_points_instead_of_running_them_and_gives_the_same_rows()
    {
        string folder = Path.Combine(_dir, "points");
        var whole = SweepFixtures.Describe(SweepRunner.Run(SweepFixtures.Template, SweepFixtures.Grid, SweepFixtures.Options()));

        // The first attempt stops after three points, as a task killed by its node would.
        using (var cancel = new CancellationTokenSource())
        {
            foreach (var row in SweepRunner.Run(SweepFixtures.Template, SweepFixtures.Grid, SweepFixtures.Options(checkpoints: folder), cancellationToken: cancel.Token))
            {
                if (row.Index == 2)
                {
                    cancel.Cancel();
                }
            }
        }

        var saved = Directory.GetFiles(folder, "point-*.json").ToDictionary(f => f, File.GetLastWriteTimeUtc);
        Assert.Contains(Path.Combine(folder, "point-3.json"), saved.Keys);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));

        var again = SweepRunner.Run(SweepFixtures.Template, SweepFixtures.Grid, SweepFixtures.Options(checkpoints: folder)).ToList();

        Assert.Equal(whole, SweepFixtures.Describe(again));
        Assert.All(again, r => Assert.Equal(saved.ContainsKey(Path.Combine(folder, $"point-{r.Index + 1}.json")), r.FromCheckpoint));
        Assert.All(saved, s => Assert.Equal(s.Value, File.GetLastWriteTimeUtc(s.Key)));
        Assert.Equal(6, Directory.GetFiles(folder, "point-*.json").Length);

        // A third run finds every point finished and runs none.
        Assert.All(SweepRunner.Run(SweepFixtures.Template, SweepFixtures.Grid, SweepFixtures.Options(checkpoints: folder)), r => Assert.True(r.FromCheckpoint));
    }

    [Fact]
    public void A_point_file_of_another_sweep_is_refused_naming_the_checkpoint_folder()
    {
        string folder = Path.Combine(_dir, "other");
        _ = SweepRunner.Run(SweepFixtures.Template, SweepFixtures.Grid, SweepFixtures.Options(checkpoints: folder)).ToList();

        var other = new SweepOptions { Trials = 2_000, Seed = 12, MaxDegreeOfParallelism = 1, CheckpointDirectory = folder };
        var ex = Assert.Throws<ArgumentException>(() => SweepRunner.Run(SweepFixtures.Template, SweepFixtures.Grid, other).ToList());

        Assert.Equal("options.CheckpointDirectory", ex.ParamName);
        Assert.Contains("point-1.json belongs to another sweep: its seed is", ex.Message, StringComparison.Ordinal);

        // One option named, the caller's: not the run's options.ResumeFrom, which the sweep sets inside.
        Assert.DoesNotContain("ResumeFrom", ex.Message, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(ex.Message, @"\(Parameter "));
    }

    [Fact]
    public void A_damaged_point_file_is_refused_not_used()
    {
        string folder = Path.Combine(_dir, "damaged");
        _ = SweepRunner.Run(SweepFixtures.Template, SweepFixtures.Grid, SweepFixtures.Options(checkpoints: folder)).ToList();
        string file = Path.Combine(folder, "point-4.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"adopted\": ", "\"adopted\": 1", StringComparison.Ordinal));

        var ex = Assert.Throws<ResultFileException>(() => SweepRunner.Run(SweepFixtures.Template, SweepFixtures.Grid, SweepFixtures.Options(checkpoints: folder)).ToList());
        Assert.Contains("point-4.json", ex.Message, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("fifo")]
    [InlineData("link to /dev/zero")]
    [InlineData("directory")]
    public async Task A_point_file_that_is_not_a_regular_file_is_refused_at_once(string kind)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Named pipes and /dev/zero are Linux's; run the suite on Linux for this case.");
        string folder = Path.Combine(_dir, "special-" + kind.Replace(' ', '-').Replace('/', '-'));
        Directory.CreateDirectory(folder);
        string file = Path.Combine(folder, "point-2.json");
        switch (kind)
        {
            case "fifo":
                using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [file]))
                {
                    await mkfifo.WaitForExitAsync();
                }

                break;
            case "link to /dev/zero":
                File.CreateSymbolicLink(file, "/dev/zero");
                break;
            default:
                Directory.CreateDirectory(file);
                break;
        }

        // Without the check the pipe blocked the sweep for good and /dev/zero filled the memory.
        var run = Task.Run(() => Record.Exception(() => SweepRunner.Run(SweepFixtures.Template, SweepFixtures.Grid, SweepFixtures.Options(checkpoints: folder)).ToList()));
        var ex = Assert.IsType<ResultFileException>(await run.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("point-2.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a regular file", ex.Message, StringComparison.Ordinal);
    }
}
