using ConsensusSim.Calibration;
using ConsensusSim.Model;
using ConsensusSim.Osce;
using CalibrationSample = ConsensusSim.Samples.Calibration.Calibration;
using ConsensusSim.Serialization;
using ConsensusSim.Tests.Serialization;

namespace ConsensusSim.Tests.Osce;

public class EraCalibrationTests
{
    [Fact]
    public void The_six_eras_are_built_in_in_historical_order_with_rising_tension_after_2010()
    {
        var eras = OsceCatalog.Default.Eras;
        Assert.Equal(["detente-1975", "charter-of-paris-1990", "stagnation-2003", "astana-2010", "crisis-2014", "war-2022"], eras.Select(e => e.Id));
        Assert.True(eras[3].Tension < eras[4].Tension && eras[4].Tension < eras[5].Tension);
        Assert.All(eras, e => Assert.InRange(e.Tension, 0.0, 1.0));
    }

    [Fact]
    public void A_scenario_naming_an_era_starts_from_it_and_its_own_settings_win()
    {
        string json = """{ "name": "e", "era": "war-2022", "defaults": { "idealPoint": [0.5,0.5,0.5], "salience": [0.4,0.3,0.3], "blockingCost": 0.1, "noise": 0.1, "linkage": 0.05 }, "overrides": { "BLR": { "linkage": 0.01 } }, "proposal": { "statusQuo": [0, 0, 0], "draft": [1, 1, 1] } }""";
        var s = ScenarioJson.Parse(json);
        var war = OsceCatalog.Default.Eras.Single(e => e.Id == "war-2022");
        Assert.Equal("war-2022", s.Era);
        Assert.Equal(war.Tension, s.Behaviour.Tension);
        Assert.Equal(war.BlocCorrelation, s.Behaviour.BlocCorrelation);
        var csto = war.Blocs.Single(b => b.Bloc == "csto-bloc");
        Assert.Equal(Parameter.Fixed(csto.Linkage), s.Profiles["RUS"].Linkage);
        Assert.Equal(Parameter.Fixed(0.01), s.Profiles["BLR"].Linkage);
        Assert.Equal(Parameter.Fixed(0.05), s.Profiles["CHE"].Linkage);

        var explicitTension = ScenarioJson.Parse(json.Replace("\"era\": \"war-2022\",", "\"era\": \"war-2022\", \"behaviour\": { \"tension\": 0.1 },", StringComparison.Ordinal));
        Assert.Equal(0.1, explicitTension.Behaviour.Tension);
    }

    [Fact]
    public void An_unknown_era_is_reported()
    {
        var problems = ScenarioJsonTests.Problems("""{ "name": "e", "era": "belle-epoque", "behaviour": { "model": "fixed-objection" }, "defaults": { "objectionProbability": 0.1 } }""");
        Assert.Contains(problems, p => p.Path == "$.era" && p.Message.Contains("crisis-2014", StringComparison.Ordinal));
    }

    [Fact]
    public void The_eras_spec_fits_the_fourteen_aggregate_rows_and_skips_the_topic_rows()
    {
        var spec = CalibrationSample.Spec("eras");
        Assert.Equal(34, spec.Observations.Count);
        Assert.Equal(14, spec.Cells.Count);
        Assert.All(spec.Cells, c => Assert.Null(c.Observed.Topic));
        Assert.Equal(20, spec.Skipped.Count);
        Assert.All(spec.Skipped, c => Assert.NotNull(c.Topic));
    }

    [Fact]
    public void Every_era_linkage_in_the_catalog_lies_inside_its_fitted_interval()
    {
        // The catalog keeps a linkage the record does not identify; it must at least be one the record allows.
        var fit = CalibrationSample.Fit("eras", trials: 1_000);
        foreach (var p in fit.Parameters)
        {
            string era = p.Parameter.AppliesTo!.Period!;
            double catalog = OsceCatalog.Default.Eras.Single(e => e.Id == era).Blocs.Single(b => b.Bloc == "csto-bloc").Linkage;
            Assert.True(catalog >= p.Lower - 1e-9 && catalog <= p.Upper + 1e-9, $"{era}: catalog {catalog}, fitted {p.Describe()}");
        }

        Assert.Contains("| csto-bloc linkage, crisis-2014 |", CalibrationSample.Markdown(fit), StringComparison.Ordinal);
    }
}
