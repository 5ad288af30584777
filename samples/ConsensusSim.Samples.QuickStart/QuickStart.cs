using ConsensusSim.Analysis;
using ConsensusSim.Model;
using ConsensusSim.Simulation;
using ConsensusSim.Serialization;

namespace ConsensusSim.Samples.QuickStart;

/// <summary>The README's quick start, runnable: the default scenario, then a scenario built in code checked against its exact answer.</summary>
public static class QuickStart
{
    public static string Run(long trials)
    {
        var output = new StringWriter();

        // 1. The embedded default: a counter-terrorism decision at the Permanent Council, all 57 States.
        var scenario = Scenario.Default;
        var result = MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = trials, Seed = 42 });
        output.WriteLine($"{scenario.Name}: P(adopted) = {result.Adopted}");
        foreach (var blocker in result.Blockers.Take(3))
        {
            output.WriteLine($"  {blocker.Name} blocks in {blocker.Frequency:P2} of trials");
        }

        // 2. A scenario in code: every State objects with probability 1 %; the exact answer is 0.99^57.
        var baseline = new ScenarioBuilder
        {
            Name = "Independent objections",
            Behaviour = new BehaviourOptions { Model = BehaviourModel.FixedObjection },
            Defaults = new StateProfile { ObjectionProbability = 0.01 },
        }.Build();
        var simulated = MonteCarloRunner.Run(baseline.Compile(), new SimulationOptions { Trials = trials, Seed = 42 });
        double exact = IndependentObjections.ConsensusProbability([.. Enumerable.Repeat(0.01, 57)]);
        output.WriteLine($"{baseline.Name}: simulated {simulated.Adopted.Probability:0.0000}, exact {exact:0.0000}");
        return output.ToString();
    }
}
