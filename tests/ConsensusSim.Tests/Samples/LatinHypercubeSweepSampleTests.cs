using System.Globalization;
using ConsensusSim.Samples.LatinHypercubeSweep;

namespace ConsensusSim.Tests.Samples;

public sealed class LatinHypercubeSweepSampleTests
{
    private static readonly string Scenario = Path.Combine(AppContext.BaseDirectory, "scenarios", "counter-terrorism-pc.json");

    [Fact]
    public void The_latin_hypercube_sample_writes_a_tidy_row_per_point_and_outcome_whose_probabilities_sum_to_one()
    {
        string csv = LatinHypercubeSweep.TidyCsv(LatinHypercubeSweep.Run(Scenario, points: 12, trials: 2_000, seed: 5));
        var lines = csv.TrimEnd('\n').Split('\n');

        Assert.Equal(LatinHypercubeSweep.Header, lines[0]);
        Assert.Equal(1 + (12 * LatinHypercubeSweep.Outcomes.Count), lines.Length);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(rows, f => Assert.Equal(8, f.Length));
        foreach (var point in rows.GroupBy(f => f[0]))
        {
            Assert.Equal(LatinHypercubeSweep.Outcomes, point.Select(f => f[3]));
            Assert.Single(point.Select(f => (f[1], f[2])).Distinct());
            var p = point.Select(f => D(f[4])).ToList();
            Assert.All(point, f => Assert.True(D(f[5]) <= D(f[4]) && D(f[4]) <= D(f[6]) && D(f[5]) >= 0 && D(f[6]) <= 1, string.Join(',', f)));

            // Counts over the same trials: the sum is exact up to the rounding of three divisions.
            Assert.Equal(1.0, p.Sum(), 12);
        }

        Assert.Equal(Enumerable.Range(1, 12).Select(i => i.ToString(CultureInfo.InvariantCulture)), rows.Select(f => f[0]).Distinct());

        // A Latin hypercube: each twelfth of the tension range holds exactly one point.
        var strata = rows.Where(f => f[3] == "deadlocked").Select(f => (int)Math.Floor(D(f[1]) * 12)).Order();
        Assert.Equal(Enumerable.Range(0, 12), strata);
    }

    [Fact]
    public void The_latin_hypercube_sample_is_the_same_for_the_same_seed_and_differs_for_another()
    {
        string first = LatinHypercubeSweep.TidyCsv(LatinHypercubeSweep.Run(Scenario, points: 6, trials: 1_000, seed: 9));
        string again = LatinHypercubeSweep.TidyCsv(LatinHypercubeSweep.Run(Scenario, points: 6, trials: 1_000, seed: 9));
        string other = LatinHypercubeSweep.TidyCsv(LatinHypercubeSweep.Run(Scenario, points: 6, trials: 1_000, seed: 10));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
