using ConsensusSim.Calibration;
using static ConsensusSim.Tests.Calibration.CalibrationFixtures;

namespace ConsensusSim.Tests.Calibration;

public class ValidationTests
{
    private static CalibrationSpec ThreePeriods(params CalibrationParameter[] parameters) => Spec(
        [Cell("p1", 18, 20), Cell("p2", 12, 20), Cell("p3", 5, 20)],
        parameters.Length == 0 ? [Objection()] : parameters) is var spec ? new CalibrationSpec(spec.Observations, spec.Templates, spec.Parameters, ["p1", "p2", "p3"]) { PeriodPath = null, Trials = 2_000, Seed = 11, Starts = 2 } : null!;

    [Fact]
    public void A_held_out_period_is_predicted_from_a_fit_on_the_others_and_scored_beside_the_baselines()
    {
        var result = Calibrator.Holdout(ThreePeriods(), [CellSelector.Parse("period=p3")]);
        Assert.Equal("period=p3", result.HeldOut);
        Assert.Equal(["p1", "p2"], result.Fit.Cells.Select(c => c.Cell.Period));
        var p3 = result.Predictions.Single();

        // Baselines from the training cells only: 30 of 40 pooled, 12 of 20 in the previous period (KT estimates).
        Assert.Equal(30.5 / 41, p3.BaseRate, 12);
        Assert.Equal(12.5 / 21, p3.PreviousPeriod, 12);
        Assert.Equal(PredictionScore.Of([p3.Cell], [p3.Model]), result.Model);
        Assert.Equal(20, result.Model.Attempts);
    }

    [Fact]
    public void Rolling_origin_predicts_each_period_from_the_ones_before_it()
    {
        var result = Calibrator.RollingOrigin(ThreePeriods());
        Assert.Equal(["p2", "p3"], result.Steps.Select(s => s.Period));
        Assert.Equal(["p1"], result.Unpredicted);
        Assert.Equal(["p1", "p2"], result.Steps[1].TrainingPeriods);
        Assert.Equal(["p1"], result.Steps[0].Result.Fit.Cells.Select(c => c.Cell.Period));

        // The pooled scores weigh each predicted attempt once.
        double pooled = ((result.Steps[0].Result.Model.LogScore * 20) + (result.Steps[1].Result.Model.LogScore * 20)) / 40;
        Assert.Equal(pooled, result.Model.LogScore, 12);
        Assert.Contains("held_out,training_periods,cells,attempts,model_log_score", CalibrationReport.ScoresCsv(result), StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_only_the_held_out_cells_inform_needs_a_prior_to_predict_them()
    {
        var perPeriod = ThreePeriods(Objection(new CellSelector(period: "p1"), name: "p1"), Objection(new CellSelector(period: "p2"), name: "p2"), Objection(new CellSelector(period: "p3"), name: "p3"));
        var ex = Assert.Throws<ArgumentException>(() => Calibrator.RollingOrigin(perPeriod));
        Assert.Equal("spec", ex.ParamName);
        Assert.Contains("'p2'", ex.Message, StringComparison.Ordinal);

        var withPrior = ThreePeriods(Objection(new CellSelector(period: "p1"), name: "p1"), Objection(new CellSelector(period: "p3"), new NormalPrior(0.3, 0.1), "p3"), Objection(new CellSelector(period: "p2"), new NormalPrior(0.3, 0.1), "p2"));
        var held = Calibrator.Holdout(withPrior, [new CellSelector(period: "p3")]);
        Assert.Equal(Identifiability.NoData | Identifiability.Flat, held.Fit.Parameters.Single(p => p.Name == "p3").Flags);
        Assert.Equal(0.3, held.Fit.Parameters.Single(p => p.Name == "p3").Estimate);
    }
}
