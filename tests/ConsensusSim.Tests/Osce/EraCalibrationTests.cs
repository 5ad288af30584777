using ConsensusSim.Model;
using ConsensusSim.Osce;
using ConsensusSim.Samples.Calibration;
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
    public void The_calibrated_eras_reproduce_at_least_13_of_the_14_observed_cells()
    {
        var table = Calibration.Table(trials: 5_000, seed: 1975);
        Assert.Equal(14, table.Count);
        Assert.True(table.Count(r => r.Consistent) >= 13, Calibration.Markdown(table));

        // The thesis in the record: thematic texts outlast political declarations in every crisis era.
        foreach (var era in new[] { "stagnation-2003", "crisis-2014" })
        {
            double thematic = table.Single(r => r.Observed.Era == era && r.Observed.Item == "thematic-decision").Simulated.Probability;
            double political = table.Single(r => r.Observed.Era == era && r.Observed.Item == "political-declaration").Simulated.Probability;
            Assert.True(thematic > political + 0.5, $"{era}: thematic {thematic}, political {political}");
        }
    }
}
