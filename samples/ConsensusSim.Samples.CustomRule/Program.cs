using ConsensusSim.Model;
using ConsensusSim.Samples.CustomRule;
using ConsensusSim.Simulation;
using ConsensusSim.Serialization;

// The default scenario decided by consensus, then by a rule written in code.
string[] majors = ["USA", "DEU", "FRA", "GBR", "ITA"];
var consensus = Scenario.Default;
var builder = consensus.ToBuilder();
builder.Rule = DecisionRule.Custom(new MajorContributorsRule(consensus, majors));
var custom = builder.Build();

foreach (var scenario in new[] { consensus, custom })
{
    var result = MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = 200_000, Seed = 1 });
    Console.WriteLine($"{scenario.Rule}: P(adopted) = {result.Adopted}");
}
