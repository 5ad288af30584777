using ConsensusSim.Model;
using ConsensusSim.Simulation;
using ConsensusSim.Sweeps;

namespace ConsensusSim.Tests.Sweeps;

public sealed class SweepRunnerTests
{
    [Fact]
    public void Each_row_is_the_single_run_of_its_point_in_point_order_with_every_estimate()
    {
        var rows = SweepRunner.Run(SweepFixtures.Template, SweepFixtures.Grid, SweepFixtures.Options(threads: 3)).ToList();

        Assert.Equal(Enumerable.Range(0, 6), rows.Select(r => r.Index));
        foreach (var row in rows)
        {
            var alone = MonteCarloRunner.Run(SweepFixtures.Template.Apply(SweepFixtures.Grid.Point(row.Index)).Compile(), new SimulationOptions { Trials = 2_000, Seed = 11, MaxDegreeOfParallelism = 1 });
            Assert.Equal(Engine.EnginePropertyTests.Estimates(alone), Engine.EnginePropertyTests.Estimates(row.Result));
            Assert.Equal(SweepFixtures.Grid.Point(row.Index), row.Assignments);
            Assert.False(row.FromCheckpoint);
        }

        // Tension makes arms control fail: every estimate a run reports is there to see it.
        var calm = rows[0].Result;
        var tense = rows[5].Result;
        Assert.True(calm.Adopted.Probability > tense.Adopted.Probability);
        Assert.True(rows[5].MeanObjectors > rows[0].MeanObjectors);
        Assert.NotEmpty(rows[5].TopBlockers(3));
        Assert.True(double.IsFinite(calm.MeanRoundsToAdoption) && double.IsFinite(calm.MeanAmbitionWhenAdopted));
    }

    [Fact]
    public void The_parts_of_a_sweep_together_give_the_whole_sweeps_rows()
    {
        var whole = SweepFixtures.Describe(SweepRunner.Run(SweepFixtures.Template, SweepFixtures.Grid, SweepFixtures.Options()));
        var parts = Enumerable.Range(1, 4)
            .SelectMany(i => SweepRunner.Run(SweepFixtures.Template, SweepFixtures.Grid, SweepFixtures.Options(part: new ShardSpec(i, 4))))
            .OrderBy(r => r.Index);

        Assert.Equal(whole, SweepFixtures.Describe(parts));
        Assert.Equal([1, 5], SweepRunner.Run(SweepFixtures.Template, SweepFixtures.Grid, SweepFixtures.Options(part: new ShardSpec(2, 4))).Select(r => r.Index));
    }

    [Fact]
    public void Cancelling_ends_the_rows_after_the_last_complete_point()
    {
        // 22 points on two threads: no thread runs more than 8 points per thread ahead of the rows handed out, so when the
        // second row arrives at most 2 + 16 points have started, however the threads are scheduled, and some never run.
        var design = SweepDesign.FullGrid(
        [
            new SweepParameter("tension", [.. Enumerable.Range(0, 11).Select(k => (k / 10.0).ToString(System.Globalization.CultureInfo.InvariantCulture))]),
            new SweepParameter("topic", ["counter-terrorism", "arms-control"]),
        ]);
        using var cancel = new CancellationTokenSource();
        var progress = new List<SweepProgress>();
        var rows = new List<SweepRow>();
        foreach (var row in SweepRunner.Run(SweepFixtures.Template, design, SweepFixtures.Options(), new Inline<SweepProgress>(progress.Add), cancel.Token))
        {
            rows.Add(row);
            if (rows.Count == 2)
            {
                cancel.Cancel();
            }
        }

        Assert.InRange(rows.Count, 2, 18);
        Assert.Equal(Enumerable.Range(0, rows.Count), rows.Select(r => r.Index));
        Assert.All(rows, r => Assert.True(r.Result.Provenance.IsComplete));
        Assert.Equal(new SweepProgress(2, 22, 0), progress[1]);
    }

    [Fact]
    public void An_invalid_point_throws_when_reached_after_every_earlier_row()
    {
        var design = SweepDesign.FullGrid([new SweepParameter("tension", ["0", "0.5", "1.5", "1"])]);
        var rows = new List<int>();
        var ex = Assert.Throws<ScenarioValidationException>(() =>
        {
            foreach (var row in SweepRunner.Run(SweepFixtures.Template, design, SweepFixtures.Options(threads: 4)))
            {
                rows.Add(row.Index);
            }
        });

        Assert.Equal([0, 1], rows);
        Assert.Contains(ex.Problems, p => p.Path == "$.behaviour.tension");
    }

    [Fact]
    public void Bad_arguments_are_refused_before_anything_runs_naming_the_parameter()
    {
        var t = SweepFixtures.Template;
        var g = SweepFixtures.Grid;
        Assert.Equal("scenario", Assert.Throws<ArgumentNullException>(() => SweepRunner.Run(null!, g)).ParamName);
        Assert.Equal("design", Assert.Throws<ArgumentNullException>(() => SweepRunner.Run(t, null!)).ParamName);
        Assert.Equal("options.Trials", Assert.Throws<ArgumentOutOfRangeException>(() => SweepRunner.Run(t, g, new SweepOptions { Trials = 0 })).ParamName);
        Assert.Equal("options.MaxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => SweepRunner.Run(t, g, new SweepOptions { MaxDegreeOfParallelism = 0 })).ParamName);
        Assert.Equal("options.ChunkSize", Assert.Throws<ArgumentOutOfRangeException>(() => SweepRunner.Run(t, g, new SweepOptions { ChunkSize = 0 })).ParamName);
        Assert.Equal("options.Part", Assert.Throws<ArgumentException>(() => SweepRunner.Run(t, g, new SweepOptions { Part = new ShardSpec(7, 7) })).ParamName);
        Assert.Equal("options.Part", Assert.Throws<ArgumentException>(() => SweepRunner.Run(t, g, new SweepOptions { Part = default(ShardSpec) })).ParamName);
        Assert.Equal("options.CheckpointDirectory", Assert.Throws<ArgumentException>(() => SweepRunner.Run(t, g, new SweepOptions { CheckpointDirectory = string.Empty })).ParamName);

        // One seed or trial count for every point would replace the values a design gives each point.
        var seeds = SweepDesign.FullGrid([new SweepParameter("simulation.seed", ["1", "2"])]);
        var counts = SweepDesign.FullGrid([new SweepParameter("simulation", ["{\"trials\": 10}", "{\"trials\": 20}"])]);
        Assert.Equal("options.Seed", Assert.Throws<ArgumentException>(() => SweepRunner.Run(t, seeds, new SweepOptions { Seed = 7 })).ParamName);
        Assert.Equal("options.Trials", Assert.Throws<ArgumentException>(() => SweepRunner.Run(t, counts, new SweepOptions { Trials = 50 })).ParamName);
        Assert.Equal("options.Seed", Assert.Throws<ArgumentException>(() => new SweepOptions { Seed = 7 }.Validate(seeds)).ParamName);
        new SweepOptions { Trials = 50 }.Validate(seeds);
        new SweepOptions { Seed = 7 }.Validate(g);
    }

    /// <summary>Reports on the calling thread, unlike <see cref="Progress{T}"/>.</summary>
    private sealed class Inline<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
