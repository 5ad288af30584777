using ConsensusSim.Calibration;
using ConsensusSim.Model;
using ConsensusSim.Sweeps;
using static ConsensusSim.Tests.Calibration.CalibrationFixtures;

namespace ConsensusSim.Tests.Calibration;

public class CalibratorTests
{
    [Fact]
    public void A_fit_finds_the_value_whose_simulated_rate_matches_the_observed_one()
    {
        // Three States objecting independently with p: P(adopted) ≈ (1 − p)³, so 26 of 40 adopted (0.65) puts p near 0.13.
        var fit = Calibrator.Fit(Spec([Cell("a", 26, 40)], [Objection()]));
        var p = fit.Parameters.Single();
        Assert.True(p.IsIdentified, p.Describe());
        Assert.InRange(fit.Cells.Single().Probability, 0.65 - 0.002, 0.65 + 0.002);
        Assert.InRange(p.Estimate, 0.08, 0.2);
        Assert.True(p.Lower < p.Estimate && p.Estimate < p.Upper);
        Assert.True(fit.Deviance < 1e-3, fit.Deviance.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(fit.Converged);
        Assert.True(fit.Cells.Single().IsSmooth);
    }

    [Fact]
    public void The_interval_ends_are_where_the_profile_deviance_rises_by_the_chi_square_quantile()
    {
        var spec = Spec([Cell("a", 26, 40)], [Objection()]);
        var fit = Calibrator.Fit(spec);
        var p = fit.Parameters.Single();

        // Refit with the parameter held at each end (a bound of width zero is refused, so a prior of tiny sd pins it).
        foreach (double end in new[] { p.Lower, p.Upper })
        {
            var pinned = Calibrator.Fit(Spec([Cell("a", 26, 40)], [Objection(prior: new NormalPrior(end, 1e-9))]));
            double deviance = pinned.Deviance;
            Assert.InRange(deviance - fit.Deviance, CalibrationResult.ProfileThreshold - 0.05, CalibrationResult.ProfileThreshold + 0.05);
        }
    }

    [Fact]
    public void The_same_spec_gives_the_same_bits_for_any_thread_count()
    {
        var spec = Spec([Cell("a", 10, 20), Cell("b", 3, 12)], [Objection(new CellSelector(period: "a")), Objection(new CellSelector(period: "b"))]);
        var one = Calibrator.Fit(spec, new CalibrationOptions { MaxDegreeOfParallelism = 1 });
        var two = Calibrator.Fit(spec, new CalibrationOptions { MaxDegreeOfParallelism = 2 });
        Assert.Equal(one.Parameters.Select(p => (p.Estimate, p.Lower, p.Upper, p.Flags)), two.Parameters.Select(p => (p.Estimate, p.Lower, p.Upper, p.Flags)));
        Assert.Equal(one.Deviance, two.Deviance);
        Assert.Equal(CalibrationReport.Json(one).Replace(one.Simulations.ToString(System.Globalization.CultureInfo.InvariantCulture), "N", StringComparison.Ordinal), CalibrationReport.Json(two).Replace(two.Simulations.ToString(System.Globalization.CultureInfo.InvariantCulture), "N", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rate_of_one_puts_the_estimate_on_its_bound_with_a_one_sided_interval()
    {
        var p = Calibrator.Fit(Spec([Cell("a", 12, 12)], [Objection()])).Parameters.Single();
        Assert.True(p.Flags.HasFlag(Identifiability.OnBound), p.FlagText());
        Assert.True(p.Flags.HasFlag(Identifiability.OneSided), p.FlagText());
        Assert.Equal(0, p.Lower);
        Assert.InRange(p.Upper, 0.02, 0.3);
        Assert.StartsWith("one-sided, on a bound: 0–", p.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_of_cells_no_template_simulates_has_no_data()
    {
        var fit = Calibrator.Fit(Spec([Cell("a", 5, 10)], [Objection(new CellSelector(period: "a")), Objection(new CellSelector(period: "z"), new NormalPrior(0.2, 0.1))]));
        var missing = fit.Parameters[1];
        Assert.Equal(Identifiability.NoData | Identifiability.Flat, missing.Flags);
        Assert.Equal(0.2, missing.Estimate);
        Assert.Equal(0, missing.Cells);
        Assert.Contains("no data", missing.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_prior_pulls_the_estimate_toward_its_mean_and_is_added_to_the_objective()
    {
        var free = Calibrator.Fit(Spec([Cell("a", 26, 40)], [Objection()])).Parameters.Single();
        var held = Calibrator.Fit(Spec([Cell("a", 26, 40)], [Objection(prior: new NormalPrior(0.4, 0.05))]));
        Assert.True(held.Parameters.Single().Estimate > free.Estimate + 0.05, $"{held.Parameters.Single().Estimate} vs {free.Estimate}");
        Assert.True(held.Penalty > 0);
    }

    [Fact]
    public void A_cell_whose_scenario_has_several_votes_is_counted_and_said_to_be()
    {
        var template = ConsensusSim.Serialization.ScenarioTemplate.Parse(System.Text.Encoding.UTF8.GetBytes("""
            { "name": "two rounds", "states": ["AUT", "BEL", "CHE"], "behaviour": { "model": "fixed-objection", "blocCorrelation": 0.3 },
              "defaults": { "objectionProbability": 0.1 }, "proposal": { "title": "t", "statusQuo": [0, 0, 0], "draft": [1, 1, 1] },
              "procedure": { "maxRounds": 2 } }
            """));
        var cell = Calibrator.Fit(Spec([Cell("a", 8, 10)], [Objection()], template)).Cells.Single();
        Assert.False(cell.IsSmooth);
        Assert.Contains("one vote", cell.WhyNotSmooth, StringComparison.Ordinal);
    }

    [Fact]
    public void Probabilities_are_clamped_to_half_a_trial_from_zero_and_one()
    {
        var fit = Calibrator.Fit(Spec([Cell("a", 0, 5)], [new CalibrationParameter(new SweepRange("defaults.objectionProbability", 0.99, 1))], trials: 500));
        Assert.Equal(1.0 / 1000, fit.Cells.Single().Probability);
    }

    [Fact]
    public void Progress_counts_every_fit_and_profile_and_cancellation_stops_the_fit()
    {
        var spec = Spec([Cell("a", 10, 20), Cell("b", 3, 12)], [Objection(new CellSelector(period: "a")), Objection(new CellSelector(period: "b"))]);
        var reports = new List<CalibrationProgress>();
        Calibrator.Fit(spec, progress: new Inline(reports.Add));
        Assert.Equal(4, reports.Count);
        Assert.All(reports, r => Assert.Equal(4, r.TotalSteps));
        Assert.Equal(4, reports[^1].CompletedSteps);

        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Calibrator.Fit(spec, cancellationToken: cancel.Token));
    }

    [Fact]
    public void Bad_options_are_refused_by_name()
    {
        var spec = Spec([Cell("a", 1, 2)], [Objection()]);
        Assert.Equal("options.Trials", Assert.Throws<ArgumentOutOfRangeException>(() => Calibrator.Fit(spec, new CalibrationOptions { Trials = 0 })).ParamName);
        Assert.Equal("options.MaxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => Calibrator.Fit(spec, new CalibrationOptions { MaxDegreeOfParallelism = 0 })).ParamName);
        Assert.Equal("heldOut", Assert.Throws<ArgumentException>(() => Calibrator.Holdout(spec, [])).ParamName);
        Assert.Equal("heldOut", Assert.Throws<ArgumentException>(() => Calibrator.Holdout(spec, [new CellSelector(period: "a")])).ParamName);
    }

    private sealed class Inline(Action<CalibrationProgress> report) : IProgress<CalibrationProgress>
    {
        public void Report(CalibrationProgress value) => report(value);
    }
}
