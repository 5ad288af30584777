using ConsensusSim.Cli;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Sweeps;

namespace ConsensusSim.Tests.Cli;

/// <summary>A sweep's CSV rows reach the disk at most every quarter of a second while it runs, and all of them when it completes.</summary>
public sealed class SweepRowsFlushTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sweep-rows-").FullName;

    [Fact]
    public void Rows_reach_the_partial_file_a_quarter_of_a_second_apart_and_all_at_completion()
    {
        long now = 0;
        string csv = Path.Combine(_dir, "sweep.csv");
        var output = SweepOutput.Plan(TextWriter.Null, csv, chart: null, inputs: []);
        var result = MonteCarloRunner.Run(Scenario.Default.Compile(), new SimulationOptions { Trials = 100, Seed = 1 });
        var point = new KeyValuePair<string, string>[] { new("behaviour.tension", "0.5") };
        var onDisk = new List<string>();
        using (var rows = SweepRows.Create(output, TextWriter.Null, ["behaviour.tension"], "sweep-id", designPoints: 4, clock: () => now))
        {
            foreach (var (index, at) in new[] { (0, 100L), (1, 249L), (2, 250L), (3, 300L) })
            {
                now = at;
                rows.Write(new SweepRow(index, point, result, fromCheckpoint: false));
                onDisk.Add(PartialFile());
            }

            rows.Complete("behaviour.tension", "title");
        }

        string[] lines = File.ReadAllLines(csv);
        int perPoint = (lines.Length - 1) / 4;
        Assert.Equal(1 + (4 * perPoint), lines.Length);
        string RowsUpTo(int points) => string.Concat(lines.Take(1 + (points * perPoint)).Select(l => l + Environment.NewLine));

        // Within 250 ms of the file's opening the rows wait in the buffers (a full buffer may pass part of them on);
        // the row written at 250 ms flushes every row so far; the next, 50 ms later, waits again.
        Assert.True(onDisk[1].Length < RowsUpTo(2).Length, "rows written within 250 ms wait");
        Assert.Equal(RowsUpTo(3), onDisk[2]);
        Assert.True(onDisk[3].Length < RowsUpTo(4).Length, "a row 50 ms after a flush waits");
    }

    private string PartialFile()
    {
        string path = Assert.Single(Directory.GetFiles(_dir, "sweep.csv.partial-*"));
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
