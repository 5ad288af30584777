using ConsensusSim.Model;
using ConsensusSim.Samples.CustomBehaviour;
using ConsensusSim.Simulation;
using ConsensusSim.Tests.Serialization;

namespace ConsensusSim.Tests.Behaviour;

public class CustomBehaviourTests
{
    private const long Trials = 200_000;

    private static void Within(OutcomeEstimate e, double exact)
    {
        double se = Math.Sqrt(exact * (1 - exact) / Trials);
        Assert.True(Math.Abs(e.Probability - exact) <= (4 * se) + 1e-12, $"simulated {e.Probability}, exact {exact}");
    }

    [Fact]
    public void A_behaviour_written_in_code_decides_and_matches_its_exact_probabilities()
    {
        const double p = 0.02, q = 0.05;
        var scenario = new ScenarioBuilder
        {
            Name = "fatigue",
            Behaviour = new BehaviourOptions { Model = BehaviourModel.Custom, Custom = new FatigueBehaviour(p, q) },
            Procedure = new ProcedureOptions { MaxRounds = 2 },
        }.Build();
        var result = MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = Trials, Seed = 17 });

        // Round 1 adopts with (1 − p)^57; round 2, with halved p, with (1 − p/2)^57.
        double first = Math.Pow(1 - p, 57), second = Math.Pow(1 - (p / 2), 57);
        Within(result.Adopted, first + ((1 - first) * second));
        Assert.Equal(first, (double)result.AdoptedInRound[0] / Trials, 2);

        // Adopted with at least one statement: no objection, but not everyone joins plainly.
        double withStatements = (first - Math.Pow(1 - p - q, 57)) + ((1 - first) * (second - Math.Pow(1 - (p / 2) - q, 57)));
        Within(result.AdoptedWithStatements, withStatements);
    }

    [Fact]
    public void A_scenario_file_cannot_name_a_custom_behaviour()
    {
        var problems = ScenarioJsonTests.Problems("""{ "name": "x", "behaviour": { "model": "custom" } }""");
        Assert.Contains(problems, pr => pr.Path == "$.behaviour.model" && pr.Message.Contains("written in code", StringComparison.Ordinal));
    }
}
