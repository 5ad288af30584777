using ConsensusSim.Model;
using ConsensusSim.Osce;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;

namespace ConsensusSim.Tests.Model;

/// <summary>
/// Issue 18, item 5: a scenario that names an era takes every value the era owns — tension, bloc correlation, each
/// of its blocs' linkage and blocking cost — and every value the scenario sets in their place is reported.
/// </summary>
public class EraProvenanceTests
{
    internal static string WithEra(string era, string extra = "") => $$"""
        {
          "name": "era test", "era": "{{era}}",
          "defaults": { "idealPoint": [0.5, 0.5, 0.5], "salience": [0.4, 0.3, 0.3], "blockingCost": 0.1, "noise": 0.1, "linkage": 0.05 },
          {{extra}}
          "proposal": { "topic": "arms-control", "statusQuo": [0.2, 0.2, 0.2], "draft": [0.6, 0.5, 0.5] }
        }
        """;

    public static TheoryData<string> EraIds() => [.. OsceCatalog.Default.Eras.Select(e => e.Id)];

    [Theory]
    [MemberData(nameof(EraIds))]
    public void A_scenario_naming_an_era_compiles_with_every_value_the_era_owns(string id)
    {
        var era = OsceCatalog.Default.Eras.Single(e => e.Id == id);
        var scenario = ScenarioJson.Parse(WithEra(id));
        var compiled = scenario.Compile();

        Assert.Equal(era.Tension, compiled.Tension);
        Assert.All(compiled.BlocCorrelation, rho => Assert.Equal(era.BlocCorrelation, rho));
        for (int i = 0; i < compiled.StateCount; i++)
        {
            string code = compiled.StateCodes[i];
            var stance = era.Blocs.SingleOrDefault(b => OsceCatalog.Default.Groupings.Single(g => g.Id == b.Bloc).Contains(code));

            // The defaults are the fallback for every State: they fill in only the blocs the era does not name.
            Assert.Equal(Parameter.Fixed(stance?.Linkage ?? 0.05), compiled.Linkage[i]);
            Assert.Equal(Parameter.Fixed(stance?.BlockingCost ?? 0.1), compiled.BlockingCost[i]);
        }

        var provenance = Assert.IsType<EraProvenance>(scenario.EraProvenance);
        Assert.Equal(id, provenance.Era);
        Assert.False(provenance.HasOverrides);
        Assert.Equal(2 + (2 * era.Blocs.Count), provenance.Values.Count);
        Assert.Equal($"tension {era.Tension:R} (era {id})", provenance.Values[0].ToString());
    }

    [Fact]
    public void Every_override_of_an_era_value_is_reported_with_its_source_and_whom_it_reaches()
    {
        var scenario = ScenarioJson.Parse(WithEra("crisis-2014", """
            "behaviour": { "tension": 0.4, "blocCorrelations": { "csto-bloc": 0.9, "eu-bloc": 0.6 } },
            "groupings": { "eu": { "linkage": 0.3 } },
            "overrides": { "RUS": { "linkage": { "beta": [4, 4] } }, "BLR": { "blockingCost": 0.04 }, "KAZ": { "blockingCost": 0.2 } },
            """));
        var p = scenario.EraProvenance!;

        Assert.Equal(
            [
                "tension 0.4 (scenario $.behaviour.tension, overrides the era's 0.75)",
                "bloc correlation 0.6 (era crisis-2014), except 0.9 for csto-bloc ($.behaviour.blocCorrelations.csto-bloc)",
                "csto-bloc linkage 0.75 (era crisis-2014), except beta(4, 4) for RUS ($.overrides.RUS.linkage)",
                "csto-bloc blocking cost 0.04 (era crisis-2014), except 0.2 for KAZ ($.overrides.KAZ.blockingCost)",
                "eu-bloc linkage 0.3 (scenario $.groupings.eu.linkage, overrides the era's 0.15)",
            ],
            p.Overridden.Select(v => v.ToString()));

        // BLR's blocking cost and eu-bloc's correlation restate the era's values: not overrides.
        Assert.Equal(10, p.Values.Count);
        var eu = p.Values.Single(v => v is { Kind: EraValueKind.Linkage, Bloc: "eu-bloc" });
        Assert.True(eu.IsOverriddenEverywhere);
        Assert.Equal(27, Assert.Single(eu.Overrides).Targets.Count);
        var tension = p.Values[0];
        Assert.Equal((EraValueKind.Tension, 0.75, "$.behaviour.tension", 0.4), (tension.Kind, tension.EraSetting, tension.Overrides[0].Source, tension.Overrides[0].Value.Minimum));
        Assert.Empty(tension.Overrides[0].Targets);

        // What is reported is what runs.
        Assert.Equal(0.4, scenario.Behaviour.Tension);
        Assert.Equal(Parameter.Beta(4, 4), scenario.Profiles["RUS"].Linkage);
        Assert.Equal(Parameter.Fixed(0.3), scenario.Profiles["DEU"].Linkage);
        Assert.Equal(Parameter.Fixed(0.2), scenario.Profiles["KAZ"].BlockingCost);
    }

    [Fact]
    public void A_bloc_overridden_from_several_places_lists_each_with_its_States()
    {
        var scenario = ScenarioJson.Parse(WithEra("war-2022", """
            "groupings": { "csto": { "linkage": 0.3 } },
            "overrides": { "RUS": { "linkage": 0.9 }, "BLR": { "linkage": 0.5 } },
            """));
        var linkage = scenario.EraProvenance!.Values.Single(v => v is { Kind: EraValueKind.Linkage, Bloc: "csto-bloc" });

        // A State's own override wins over its grouping; each source is listed once, with the States it reaches.
        Assert.True(linkage.IsOverriddenEverywhere);
        Assert.Equal(
            "csto-bloc linkage set by the scenario, overriding the era's 1: 0.3 for ARM, KAZ, KGZ, TJK ($.groupings.csto.linkage); 0.5 for BLR ($.overrides.BLR.linkage); 0.9 for RUS ($.overrides.RUS.linkage)",
            linkage.ToString());
    }

    [Fact]
    public void A_scenario_without_an_era_has_no_era_provenance()
    {
        Assert.Null(ScenarioJson.Parse(WithEra("x").Replace("\"era\": \"x\",", string.Empty, StringComparison.Ordinal)).EraProvenance);
    }

    [Fact]
    public void A_tension_set_in_code_after_the_era_is_applied_is_reported_as_an_override()
    {
        var era = OsceCatalog.Default.Eras.Single(e => e.Id == "stagnation-2003");
        var builder = ScenarioJson.Parse(WithEra("detente-1975")).ToBuilder().ApplyEra(era);
        Assert.False(builder.Build().EraProvenance!.HasOverrides);

        builder.Behaviour = new BehaviourOptions { Tension = 0.2, BlocCorrelation = era.BlocCorrelation };
        var overridden = Assert.Single(builder.Build().EraProvenance!.Overridden);
        Assert.Equal("tension 0.2 (scenario $.behaviour.tension, overrides the era's 0.55)", overridden.ToString());
    }

    [Fact]
    public void Naming_an_era_in_code_without_applying_it_keeps_the_builder_s_tension_and_says_so()
    {
        var builder = ScenarioJson.Parse(WithEra("detente-1975")).ToBuilder();
        builder.Era = "war-2022";
        builder.Behaviour = new BehaviourOptions();
        var scenario = builder.Build();

        // The blocs' values apply at Build; tension and correlation only through ApplyEra, so they show as overrides.
        Assert.Equal(Parameter.Fixed(1.0), scenario.Profiles["RUS"].Linkage);
        Assert.Equal(
            ["tension 0 (scenario $.behaviour.tension, overrides the era's 0.95)", "bloc correlation 0 (scenario $.behaviour.blocCorrelation, overrides the era's 0.75)"],
            scenario.EraProvenance!.Overridden.Select(v => v.ToString()));
    }

    [Fact]
    public void Actors_never_take_an_era_bloc_s_values_and_are_not_listed_under_one()
    {
        var b = new ScenarioBuilder { Name = "actors", States = ["RUS"], Dimensions = ["d"], Proposal = new Proposal { StatusQuo = [0.0], Draft = [1.0] } };
        b.Actors.Add(new Actor("X1") { Bloc = "csto-bloc" });
        b.Defaults = new StateProfile { IdealPoint = [0.5], Salience = [1.0], BlockingCost = 0.1, Noise = 0.1, Linkage = 0.05 };
        b.ApplyEra(OsceCatalog.Default.Eras.Single(e => e.Id == "war-2022"));
        var scenario = b.Build();

        var linkage = scenario.EraProvenance!.Values.Single(v => v is { Kind: EraValueKind.Linkage, Bloc: "csto-bloc" });
        Assert.False(linkage.IsOverridden);
        Assert.Equal(Parameter.Fixed(1.0), scenario.Profiles["RUS"].Linkage);
        Assert.Equal(Parameter.Fixed(0.05), scenario.Profiles["X1"].Linkage);
        Assert.DoesNotContain(scenario.EraProvenance.Values, v => v.Bloc == "eu-bloc");
    }
}
