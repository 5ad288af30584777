using ConsensusSim.Analysis;
using ConsensusSim.Model;
using ConsensusSim.Serialization;
using ConsensusSim.Simulation;
using ConsensusSim.Engine;
using ConsensusSim.Tests.Support;

namespace ConsensusSim.Tests.Model;

/// <summary>Scenarios whose participants include actors that are not OSCE States.</summary>
public class ActorScenarioTests
{
    private static readonly double[] Powers = [5, 3, 1, 1, 0.5, 2];
    private static readonly double[] Objection = [0.3, 0.2, 0.5, 0.1, 0.4, 0.25];

    private static ScenarioBuilder Actors(DecisionRule rule)
    {
        var b = new ScenarioBuilder
        {
            Name = "actors",
            States = [],
            Behaviour = new BehaviourOptions { Model = BehaviourModel.FixedObjection },
            Defaults = new StateProfile { ObjectionProbability = 0.0 },
            Procedure = new ProcedureOptions { MaxRounds = 1 },
            Rule = rule,
        };
        for (int i = 0; i < Powers.Length; i++)
        {
            b.Actors.Add(new Actor($"actor-{i}", $"Actor {i}") { Power = Powers[i] });
            b.StateOverrides.Add(new ProfileOverride($"actor-{i}", new StateProfile { ObjectionProbability = Objection[i] }));
        }

        return b;
    }

    [Fact]
    public void Power_weighted_qualified_majority_agrees_with_the_exact_probability()
    {
        const long trials = 200_000;
        var scenario = Actors(DecisionRule.QualifiedMajority(0.0, 0.6, VotingWeight.Power)).Build();
        var weights = ScenarioCompiler.Weights(scenario);

        // Powers 5, 3, 1, 1, 0.5 and 2 are exactly 50, 30, 10, 10, 5 and 20 tenths: no rounding to shares.
        Assert.Equal([50L, 30, 10, 10, 5, 20], weights.Units);
        Assert.True(weights.IsExact);

        double exact = IndependentObjections.PowerWeightedMajorityProbability(Objection, Powers, 0.0, 0.6);
        Assert.Equal(IndependentObjections.QualifiedMajorityProbability(Objection, [50, 30, 10, 10, 5, 20], 0.0, 0.6), exact, 15);
        var result = MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = trials, Seed = 5 });
        double se = Math.Sqrt(exact * (1 - exact) / trials);
        Assert.InRange(exact, 0.05, 0.95);
        Assert.True(Math.Abs(result.Adopted.Probability - exact) <= 4 * se, $"simulated {result.Adopted.Probability}, exact {exact}, 4 SE {4 * se}");
        Assert.Equal(scenario.States, result.Blockers.Select(b => b.State).Order(StringComparer.Ordinal));
        Assert.Contains(result.Blockers, b => b.Name == "Actor 2");
    }

    [Fact]
    public void Actors_sharing_a_state_code_are_not_that_state_for_groupings_and_eras()
    {
        var b = new ScenarioBuilder { Name = "clash", States = [], Era = "war-2022" };
        b.Actors.Add(new Actor("USA", "United States delegation"));
        b.Actors.Add(new Actor("RUS"));
        b.GroupingProfiles.Add(new ProfileOverride("nato", new StateProfile { Noise = 0.9 }));
        b.Defaults = new StateProfile { IdealPoint = [0.5, 0.5, 0.5], Salience = [0.4, 0.3, 0.3], BlockingCost = 0.1, Noise = 0.1, Linkage = 0.0 };
        var scenario = b.Build();

        Assert.Equal(0.1, scenario.Profiles["USA"].Noise!.Minimum);
        Assert.Equal(0.0, scenario.Profiles["RUS"].Linkage!.Minimum);
        Assert.Equal("actor:USA", scenario.ParticipantBloc("USA"));
        Assert.Equal("United States delegation", scenario.ParticipantName("USA"));
        Assert.Equal("2 actors", scenario.DescribeParticipants());
    }

    [Fact]
    public void Invalid_actor_settings_are_reported_with_their_paths()
    {
        var clash = new ScenarioBuilder { Name = "x", States = ["USA"] };
        clash.Actors.Add(new Actor("USA"));
        clash.Actors.Add(new Actor("EU") { Power = -1 });
        clash.Actors.Add(new Actor("EU2") { Bloc = " " });
        var problems = clash.Validate();
        Assert.Contains(problems, p => p.Path == "$.actors[0].code" && p.Message.Contains("already taken", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "$.actors[1].power");
        Assert.Contains(problems, p => p.Path == "$.actors[2].bloc");

        var powerWithStates = new ScenarioBuilder { Name = "x", States = ["AUT"], Rule = DecisionRule.QualifiedMajority(0.5, 0.5, VotingWeight.Power) };
        powerWithStates.Actors.Add(new Actor("EU"));
        Assert.Contains(powerWithStates.Validate(), p => p.Path == "$.rule.weight" && p.Message.Contains("1 OSCE State", StringComparison.Ordinal));

        var populationWithActors = Actors(DecisionRule.QualifiedMajority(0.5, 0.5, VotingWeight.Population));
        Assert.Contains(populationWithActors.Validate(), p => p.Path == "$.rule.weight" && p.Message.Contains("population", StringComparison.Ordinal));

        var nobody = new ScenarioBuilder { Name = "x", States = [] };
        Assert.Contains(nobody.Validate(), p => p.Path == "$.states");
    }

    [Fact]
    public void Scenario_files_read_actors_with_and_without_the_osce_states()
    {
        const string actorsOnly = """
            { "name": "a", "actors": [ { "code": "EU", "name": "European Union", "power": 4, "bloc": "west" }, { "code": "X" } ],
              "defaults": { "idealPoint": [0.5, 0.5, 0.5], "salience": [0.4, 0.3, 0.3], "blockingCost": 0.1, "noise": 0.1, "linkage": 0 },
              "overrides": { "EU": { "noise": 0.2 } }, "proposal": { "statusQuo": [0, 0, 0], "draft": [1, 1, 1] } }
            """;
        var a = ScenarioJson.Parse(actorsOnly);
        Assert.Equal(["EU", "X"], a.States);
        Assert.Equal((4.0, "west", "European Union"), (a.Actors[0].Power, a.Actors[0].Bloc, a.Actors[0].Name));
        Assert.Equal((1.0, "X"), (a.Actors[1].Power, a.Actors[1].Name));
        Assert.Equal(0.2, a.Profiles["EU"].Noise!.Minimum);

        var mixed = ScenarioJson.Parse("""{ "name": "m", "states": "all", "actors": [ { "code": "EU" } ], "behaviour": { "model": "fixed-objection" }, "defaults": { "objectionProbability": 0.01 }, "proposal": { "statusQuo": [0, 0, 0], "draft": [1, 1, 1] } }""");
        Assert.Equal(58, mixed.States.Count);
        Assert.Equal("57 States and 1 actor", mixed.DescribeParticipants());

        var ex = Assert.Throws<ScenarioValidationException>(() => ScenarioJson.Parse("""{ "name": "b", "actors": [ { "name": "no code", "colour": 1 } ] }"""));
        Assert.Contains(ex.Problems, p => p.Path == "$.actors[0].colour");
        Assert.Contains(ex.Problems, p => p.Path == "$.actors[0].code");
    }

    [Fact]
    public void A_rule_that_ignores_weights_runs_with_states_actors_and_weight_power()
    {
        var scenario = ScenarioJson.Parse("""
            { "name": "mixed", "states": ["AUT", "BEL"], "actors": [ { "code": "EU", "power": 3 } ],
              "rule": { "kind": "consensus", "weight": "power" },
              "behaviour": { "model": "fixed-objection" }, "defaults": { "objectionProbability": 0.2 }, "proposal": { "statusQuo": [0, 0, 0], "draft": [1, 1, 1] } }
            """);
        Assert.Equal(3, ScenarioCompiler.Weights(scenario).Units.Length);
        var result = MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = 20_000, Seed = 2 });
        double exact = 0.8 * 0.8 * 0.8;
        Assert.True(Math.Abs(result.Adopted.Probability - exact) <= 4 * Math.Sqrt(exact * (1 - exact) / 20_000), $"{result.Adopted.Probability} vs {exact}");
    }

    [Fact]
    public void Actors_change_the_scenario_hash_and_scenarios_without_actors_keep_theirs()
    {
        // The default scenario's hash before actors existed: checkpoints and results written then stay mergeable.
        const string BeforeActors = "036f6e2a360814a8caf5321b2a780c4bbf997f61adf6f95fcc5fb2dee7a7c91a";
        Assert.Equal(BeforeActors, Scenario.Default.Compile().ScenarioSha256);
        Assert.Equal(BeforeActors, Scenario.Default.ToBuilder().Build().Compile().ScenarioSha256);

        var one = Actors(DecisionRule.Consensus).Build().Compile().ScenarioSha256;
        var b = Actors(DecisionRule.Consensus);
        b.Actors[0] = new Actor("actor-0", "Actor 0") { Power = 6 };
        Assert.NotEqual(one, b.Build().Compile().ScenarioSha256);
    }
}
