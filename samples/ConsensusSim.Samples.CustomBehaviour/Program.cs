using ConsensusSim.Model;
using ConsensusSim.Samples.CustomBehaviour;
using ConsensusSim.Simulation;

// All 57 States with a behaviour written in code, through up to three rounds.
var scenario = new ScenarioBuilder
{
    Name = "Negotiation fatigue",
    Behaviour = new BehaviourOptions { Model = BehaviourModel.Custom, Custom = new FatigueBehaviour(objection: 0.03, statement: 0.05) },
    Procedure = new ProcedureOptions { MaxRounds = 3 },
}.Build();

var result = MonteCarloRunner.Run(scenario.Compile(), new SimulationOptions { Trials = 200_000, Seed = 1 });
Console.WriteLine($"{scenario.Behaviour.Custom!.Name}: P(adopted) = {result.Adopted}");
for (int round = 0; round < result.AdoptedInRound.Count; round++)
{
    Console.WriteLine($"  adopted in round {round + 1}: {(double)result.AdoptedInRound[round] / result.Trials:0.0000}");
}
