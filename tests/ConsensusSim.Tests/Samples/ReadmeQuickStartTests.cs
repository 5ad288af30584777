using ConsensusSim.Model;
using ConsensusSim.Simulation;
using ConsensusSim.Serialization;

namespace ConsensusSim.Tests.Samples;

/// <summary>Keeps the README's C# quick start compiling and true: the code below is the README's, line for line.</summary>
public class ReadmeQuickStartTests
{
    [Fact]
    public void The_quick_start_runs_and_prints_an_interval()
    {
        var output = new StringWriter();
        var Console = output;

        // README quick start begins
        var scenario = Scenario.Default;                      // 57 States, counter-terrorism, Permanent Council
        var result = MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = 100_000, Seed = 42 });

        Console.WriteLine($"P(adopted) = {result.Adopted}");  // 0.93.. (95% CI ..., SE ...)
        foreach (var blocker in result.Blockers.Take(3))
        {
            Console.WriteLine($"{blocker.Name}: blocks in {blocker.Frequency:P1} of trials");
        }
        // README quick start ends

        string text = output.ToString();
        Assert.StartsWith("P(adopted) = 0.", text, StringComparison.Ordinal);
        Assert.Contains("95% CI", text, StringComparison.Ordinal);
        Assert.Contains("Russian Federation: blocks in", text, StringComparison.Ordinal);
        Assert.InRange(result.Adopted.Probability, result.Adopted.Ci95Lower, result.Adopted.Ci95Upper);
    }
}
